//! The signed-in member's own data: the dashboard snapshot, bill PDFs, adding a payment
//! method on the secure form, and a code to connect Telegram.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Duration;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiError, ApiJson, Session};
use crate::billing::money::plain;
use crate::billing::{Account, Bill, PaymentMethod};
use crate::gateway::GatewayError;
use crate::server::AppState;
use crate::{security, storage};

/// Telegram deep-link codes last this long.
const LINK_CODE_MINUTES: i64 = 10;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/me/summary", get(summary))
        .route("/api/bills/{id}/pdf", get(bill_pdf))
        .route("/api/methods", post(add_method))
        .route("/api/telegram/link-code", post(telegram_code))
}

async fn account(state: &AppState, session: &Session) -> Result<Account, ApiError> {
    let mrn = session.mrn.clone();
    state
        .db
        .call(move |c| storage::load_account(c, &mrn))
        .await?
        .ok_or_else(ApiError::unauthorized)
}

fn bill_json(b: &Bill) -> Value {
    json!({
        "id": b.id,
        "kind": b.kind.key(),
        "category": b.category,
        "statement_date": b.statement_date,
        "due_date": b.due_date,
        "amount": plain(b.amount()),
        "balance": plain(b.balance()),
    })
}

fn method_label(m: Option<&PaymentMethod>) -> String {
    m.map_or_else(String::new, |m| format!("{} {}", m.brand, m.last4))
}

/// The dashboard: bills due, recent payments, recent bills, credits (as the guide's
/// "snapshot of bills due, recent payments, and recent bills").
async fn summary(State(state): State<AppState>, session: Session) -> Result<Response, ApiError> {
    let a = account(&state, &session).await?;
    let mut due: Vec<&Bill> = a.open_bills().collect();
    due.sort_by_key(|b| b.due_date);
    let mut recent: Vec<&Bill> = a.bills.iter().collect();
    recent.sort_by_key(|b| std::cmp::Reverse(b.statement_date));
    Ok(Json(json!({
        "total_due": plain(a.total_due()),
        "credits": plain(a.credit),
        "bills_due": due.iter().map(|b| bill_json(b)).collect::<Vec<_>>(),
        "recent_payments": a.payments.iter().take(5).map(|p| json!({
            "date": p.date,
            "amount": plain(p.amount),
            "status": p.status.key(),
            "method": method_label(a.method(p.method_id)),
            "confirmation": p.confirmation,
        })).collect::<Vec<_>>(),
        "recent_bills": recent.iter().take(5).map(|b| bill_json(b)).collect::<Vec<_>>(),
    }))
    .into_response())
}

/// The bill as a PDF; any bill but the member's own is "not found".
async fn bill_pdf(
    State(state): State<AppState>,
    session: Option<Session>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let Some(session) = session else {
        return Err(ApiError::not_found());
    };
    let a = account(&state, &session).await?;
    let Some(bill) = a.bill(&id) else {
        return Err(ApiError::not_found());
    };
    let doc = crate::channels::bill_document::build(
        &a,
        bill,
        &state.settings.plan,
        state.assistant.catalog(),
        a.member.language,
    );
    let bytes = crate::pdf::render(&doc);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("inline; filename=\"bill-{}.pdf\"", bill.id))
                    .unwrap_or_else(|_| HeaderValue::from_static("inline")),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum NewMethod {
    Card {
        number: String,
        exp_month: u32,
        exp_year: i32,
        #[serde(default)]
        debit: bool,
        #[serde(default)]
        make_default: bool,
    },
    Bank {
        routing: String,
        account: String,
        #[serde(default)]
        account_type: Option<String>,
        #[serde(default)]
        make_default: bool,
    },
}

/// Saves a card or bank account: the gateway turns it into a token; the digits are never
/// stored, logged or sent back.
async fn add_method(
    State(state): State<AppState>,
    session: Session,
    ApiJson(form): ApiJson<NewMethod>,
) -> Result<Response, ApiError> {
    let gateway = state.gateway.clone();
    let (tokenized, expiry, make_default) = tokio::task::spawn_blocking(move || match form {
        NewMethod::Card {
            number,
            exp_month,
            exp_year,
            debit,
            make_default,
        } => gateway
            .tokenize_card(&number, exp_month, exp_year, debit)
            .map(|t| (t, Some((exp_month, exp_year)), make_default)),
        NewMethod::Bank {
            routing,
            account,
            account_type,
            make_default,
        } => {
            let digits: String = account.chars().filter(char::is_ascii_digit).collect();
            gateway
                .tokenize_bank(
                    routing.trim(),
                    &digits,
                    account_type.as_deref() == Some("savings"),
                )
                .map(|t| (t, None, make_default))
        }
    })
    .await
    .map_err(|_| ApiError::internal())?
    .map_err(|e| match e {
        GatewayError::BadCardNumber => {
            ApiError::new(StatusCode::BAD_REQUEST, "That card number is not valid.")
        }
        GatewayError::BadExpiry => ApiError::new(
            StatusCode::BAD_REQUEST,
            "That expiry date is not valid or has passed.",
        ),
        GatewayError::BadRoutingNumber => {
            ApiError::new(StatusCode::BAD_REQUEST, "That routing number is not valid.")
        }
        GatewayError::BadAccountNumber => {
            ApiError::new(StatusCode::BAD_REQUEST, "That account number is not valid.")
        }
        _ => ApiError::internal(),
    })?;
    let mrn = session.mrn.clone();
    let method = PaymentMethod {
        id: 0,
        token: tokenized.token,
        kind: tokenized.kind,
        brand: tokenized.brand.clone(),
        last4: tokenized.last4.clone(),
        expiry,
        is_default: make_default,
    };
    state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let first = storage::methods_for(&tx, &mrn)?.is_empty();
            let method = PaymentMethod {
                is_default: method.is_default || first,
                ..method
            };
            storage::insert_method(&tx, &mrn, &method)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    tracing::info!("payment method added");
    Ok((
        StatusCode::CREATED,
        Json(json!({ "kind": tokenized.kind.key(), "brand": tokenized.brand, "last4": tokenized.last4 })),
    )
        .into_response())
}

/// A one-time, short-lived code that links a Telegram chat to this member
/// (`/start CODE` in the bot).
async fn telegram_code(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, ApiError> {
    let code = security::short_code(8);
    let now = state.settings.clock.now();
    let (mrn, hash) = (session.mrn.clone(), security::sha256_hex(&code));
    let subject = hash.clone();
    state
        .db
        .call(move |c| {
            storage::web::put_code(
                c,
                "telegram_deep_link",
                &subject,
                &mrn,
                &hash,
                now + Duration::minutes(LINK_CODE_MINUTES),
                now,
            )
        })
        .await?;
    let deep_link = state
        .web
        .telegram_bot
        .as_ref()
        .map(|bot| format!("https://t.me/{bot}?start={code}"));
    Ok(Json(
        json!({ "code": code, "expires_in_minutes": LINK_CODE_MINUTES, "deep_link": deep_link }),
    )
    .into_response())
}
