//! Registration as the guide describes it (name, e-mail, medical record number, date of
//! birth, password, terms, e-mail verification), sign-in and sign-out.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use serde_json::json;

use super::{ApiError, ApiJson, SESSION_COOKIE, Session, set_cookie};
use crate::billing::Mrn;
use crate::i18n::Arg;
use crate::nlu::normalize::fold;
use crate::security::{self, DUMMY_HASH, sha256_hex};
use crate::server::AppState;
use crate::storage::{self, outbox, web::CodeProblem};

/// Verification codes last this long.
const CODE_MINUTES: i64 = 10;
/// Wrong tries before a code is void.
const CODE_ATTEMPTS: u32 = 5;

pub fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/api/register", post(register))
        .route("/api/verify", post(verify))
        .route("/api/login", post(login))
        .route("/api/logout", post(logout))
        .route("/api/me", get(me))
}

#[derive(Deserialize)]
struct Register {
    name: String,
    email: String,
    mrn: String,
    birth_date: String,
    password: String,
    #[serde(default)]
    accept_terms: bool,
}

const NO_MATCH: ApiError = ApiError::new(
    StatusCode::BAD_REQUEST,
    "We couldn't match those details to a plan member. Check your name, medical record number and date of birth.",
);

fn valid_email(email: &str) -> bool {
    let email = email.trim();
    email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

async fn register(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    ApiJson(form): ApiJson<Register>,
) -> Result<Response, ApiError> {
    if !form.accept_terms {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "Please agree to the terms and conditions.",
        ));
    }
    if !valid_email(&form.email) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "Please enter a valid e-mail address.",
        ));
    }
    if !(8..=200).contains(&form.password.chars().count()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "Choose a password of at least 8 characters.",
        ));
    }
    // Guessing a birth date for a known MRN is bounded, per client and per MRN.
    let client_key = format!("register:{}", client.ip());
    let mrn_key = format!("register-mrn:{}", sha256_hex(form.mrn.trim()));
    if !state.web.login_by_client.allowed(&client_key) || !state.web.codes.allowed(&mrn_key) {
        return Err(TOO_MANY);
    }
    let no_match = || {
        state.web.login_by_client.failed(&client_key);
        state.web.codes.failed(&mrn_key);
        NO_MATCH
    };
    let mrn: Mrn = form.mrn.parse().map_err(|_| no_match())?;
    let birth: NaiveDate = form.birth_date.trim().parse().map_err(|_| no_match())?;
    let email = form.email.trim().to_lowercase();
    let lookup = mrn.clone();
    let (member, by_mrn, by_email) = state
        .db
        .call(move |c| {
            Ok((
                storage::member(c, &lookup)?,
                storage::web::web_account_by_mrn(c, &lookup)?,
                storage::web::web_account_by_email(c, &email)?,
            ))
        })
        .await?;
    let Some(member) = member else {
        return Err(no_match());
    };
    // The code goes to the e-mail on file, so whoever registers must own that mailbox.
    let email = form.email.trim().to_lowercase();
    if member.birth_date != birth
        || fold_name(&member.name) != fold_name(&form.name)
        || member.email.to_lowercase() != email
    {
        return Err(no_match());
    }
    // A registration that was never verified may start again (a new code, a new password).
    let verified = by_mrn.as_ref().is_some_and(|a| a.verified)
        || by_email.as_ref().is_some_and(|a| a.verified);
    if verified || by_email.as_ref().is_some_and(|a| a.mrn != mrn) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "There is already an account for these details. Please sign in.",
        ));
    }
    let password = form.password;
    let hash = tokio::task::spawn_blocking(move || security::hash_password(&password))
        .await
        .ok()
        .flatten()
        .ok_or_else(ApiError::internal)?;
    let now = state.settings.clock.now();
    let email = form.email.trim().to_lowercase();
    let code = security::six_digit_code();
    let catalog = state.assistant.catalog();
    let lang = member.language;
    let subject = catalog.format(lang, "email-verify-subject", &[]);
    let body = catalog.format(
        lang,
        "email-verify-body",
        &[
            ("code", Arg::from(code.as_str())),
            ("minutes", Arg::Count(CODE_MINUTES)),
        ],
    );
    let message = outbox::NewMessage {
        channel: "email".into(),
        recipient: email.clone(),
        subject: Some(subject),
        body_text: body,
        body_html: None,
        dedupe_key: format!(
            "verify-email:{email}:{}",
            now.timestamp_nanos_opt().unwrap_or_default()
        ),
        ..Default::default()
    };
    let code_hash = sha256_hex(&code);
    state
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            storage::web::delete_unverified(&tx, &mrn)?;
            storage::web::insert_web_account(&tx, &mrn, &email, &hash, None, now)?;
            storage::web::put_code(
                &tx,
                "verify_email",
                &email,
                &mrn,
                &code_hash,
                now + Duration::minutes(CODE_MINUTES),
                now,
            )?;
            outbox::enqueue(&tx, &message, now)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    tracing::info!("registration started; verification e-mail queued");
    Ok((
        StatusCode::CREATED,
        Json(json!({ "status": "verification_sent" })),
    )
        .into_response())
}

/// Names compared without case, accents or extra spaces ("ana  garcia" = "Ana García").
fn fold_name(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Deserialize)]
struct Verify {
    email: String,
    code: String,
}

async fn verify(
    State(state): State<AppState>,
    ApiJson(form): ApiJson<Verify>,
) -> Result<Response, ApiError> {
    let email = form.email.trim().to_lowercase();
    let key = format!("verify:{email}");
    if !state.web.codes.allowed(&key) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many attempts. Please wait a few minutes.",
        ));
    }
    let code_hash = sha256_hex(form.code.trim());
    let now = state.settings.clock.now();
    let subject = email.clone();
    let result = state
        .db
        .call(move |c| {
            let outcome = storage::web::use_code(
                c,
                "verify_email",
                &subject,
                &code_hash,
                CODE_ATTEMPTS,
                now,
            )?;
            if let Ok(mrn) = &outcome {
                storage::web::mark_email_verified(c, mrn, now)?;
            }
            Ok(outcome)
        })
        .await?;
    match result {
        Ok(_) => {
            state.web.codes.succeeded(&key);
            Ok(Json(json!({ "status": "verified" })).into_response())
        }
        Err(problem) => {
            state.web.codes.failed(&key);
            Err(match problem {
                CodeProblem::TooManyAttempts => ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Too many wrong codes. Please register again for a new one.",
                ),
                CodeProblem::Expired => {
                    ApiError::new(StatusCode::BAD_REQUEST, "That code has expired.")
                }
                CodeProblem::Wrong => {
                    ApiError::new(StatusCode::BAD_REQUEST, "That code is not right.")
                }
            })
        }
    }
}

#[derive(Deserialize)]
struct Login {
    email: String,
    password: String,
}

const BAD_LOGIN: ApiError = ApiError::new(
    StatusCode::UNAUTHORIZED,
    "That e-mail and password don't match.",
);
const TOO_MANY: ApiError = ApiError::new(
    StatusCode::TOO_MANY_REQUESTS,
    "Too many attempts. Please wait a few minutes.",
);

async fn login(
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    ApiJson(form): ApiJson<Login>,
) -> Result<Response, ApiError> {
    let email = form.email.trim().to_lowercase();
    let account_key = format!("login:{}", sha256_hex(&email));
    let client_key = format!("client:{}", client.ip());
    let limits = &state.web;
    if !limits.login_by_account.allowed(&account_key)
        || !limits.login_by_client.allowed(&client_key)
    {
        return Err(TOO_MANY);
    }
    let lookup = email.clone();
    let account = state
        .db
        .call(move |c| storage::web::web_account_by_email(c, &lookup))
        .await?;
    // Unknown e-mails are checked against a dummy hash so both cases take as long.
    let stored = account
        .as_ref()
        .map_or(DUMMY_HASH.to_owned(), |a| a.password_hash.clone());
    let password = form.password;
    let matches =
        tokio::task::spawn_blocking(move || security::verify_password(&password, &stored))
            .await
            .unwrap_or(false);
    let Some(account) = account.filter(|_| matches) else {
        limits.login_by_account.failed(&account_key);
        limits.login_by_client.failed(&client_key);
        metrics::counter!("billbot_web_login_failed_total").increment(1);
        return Err(BAD_LOGIN);
    };
    if !account.verified {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Please verify your e-mail address first.",
        ));
    }
    limits.login_by_account.succeeded(&account_key);
    let token = security::random_token();
    let token_hash = sha256_hex(&token);
    let now = state.settings.clock.now();
    let mrn = account.mrn.clone();
    let member = state
        .db
        .call(move |c| {
            storage::web::create_session(c, &token_hash, &mrn, now)?;
            storage::member(c, &mrn)
        })
        .await?
        .ok_or_else(ApiError::internal)?;
    tracing::info!("member signed in");
    Ok((
        [(
            header::SET_COOKIE,
            set_cookie(SESSION_COOKIE, &token, state.web.secure_cookies, None),
        )],
        Json(json!({ "name": member.name, "language": member.language.tag() })),
    )
        .into_response())
}

async fn logout(
    State(state): State<AppState>,
    session: Option<Session>,
) -> Result<Response, ApiError> {
    if let Some(s) = session {
        state
            .db
            .call(move |c| storage::web::delete_session(c, &s.token_hash))
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            set_cookie(SESSION_COOKIE, "", state.web.secure_cookies, Some(0)),
        )],
    )
        .into_response())
}

async fn me(State(state): State<AppState>, session: Session) -> Result<Response, ApiError> {
    let mrn = session.mrn;
    let member = state
        .db
        .call(move |c| storage::member(c, &mrn))
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    Ok(Json(json!({ "name": member.name, "language": member.language.tag() })).into_response())
}
