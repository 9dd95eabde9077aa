//! One-click unsubscribe (RFC 8058): every notice e-mail carries a signed link that turns
//! that topic's e-mail off for that member, by a `POST` from the mail client or the page a
//! `GET` shows.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::billing::{Channel, Mrn, Topic};
use crate::security::constant_time_eq;
use crate::server::AppState;
use crate::storage;

pub fn router() -> Router<AppState> {
    Router::new().route("/unsubscribe/{token}", get(page).post(unsubscribe))
}

fn mac(secret: &str, payload: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut m =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!());
    m.update(payload.as_bytes());
    URL_SAFE_NO_PAD.encode(&m.finalize().into_bytes()[..16])
}

/// `<payload>.<mac>`, where the payload names the member and the topic.
pub fn sign(secret: &str, mrn: &Mrn, topic: Topic) -> String {
    let payload = URL_SAFE_NO_PAD.encode(format!("{}.{}", mrn.as_str(), topic.key()));
    format!("{payload}.{}", mac(secret, &payload))
}

/// The member and topic of a genuine token.
pub fn verify(secret: &str, token: &str) -> Option<(Mrn, Topic)> {
    let (payload, given) = token.split_once('.')?;
    if !constant_time_eq(mac(secret, payload).as_bytes(), given.as_bytes()) {
        return None;
    }
    let decoded = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    let (mrn, topic) = decoded.split_once('.')?;
    Some((mrn.parse().ok()?, Topic::from_key(topic)?))
}

fn html(status: StatusCode, body: &str) -> Response {
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe</title>\
         <link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main class=\"narrow\">{body}</main></body></html>"
    );
    (
        status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"),
            ),
        ],
        page,
    )
        .into_response()
}

async fn secret(state: &AppState) -> Option<String> {
    state
        .db
        .call(|c| storage::proactive::secret(c, "unsubscribe"))
        .await
        .ok()
}

async fn page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let valid = secret(&state)
        .await
        .and_then(|s| verify(&s, &token))
        .is_some();
    if !valid {
        return html(StatusCode::NOT_FOUND, "<h1>This link is not valid.</h1>");
    }
    html(
        StatusCode::OK,
        "<h1>Unsubscribe</h1><p>Stop these e-mails about your bills?</p>\
         <form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>",
    )
}

async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let Some((mrn, topic)) = secret(&state).await.and_then(|s| verify(&s, &token)) else {
        return html(StatusCode::NOT_FOUND, "<h1>This link is not valid.</h1>");
    };
    let now = state.settings.clock.now();
    let done = state
        .db
        .call(move |c| storage::set_preference(c, &mrn, Channel::Email, topic, false, now))
        .await;
    match done {
        Ok(()) => {
            metrics::counter!("billbot_unsubscribes_total", "channel" => "email").increment(1);
            html(
                StatusCode::OK,
                "<h1>You're unsubscribed.</h1><p>You won't get these e-mails anymore.</p>",
            )
        }
        Err(_) => html(
            StatusCode::INTERNAL_SERVER_ERROR,
            "<h1>Please try again later.</h1>",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_only_untouched() {
        let mrn: Mrn = "11000001".parse().unwrap();
        let t = sign("k", &mrn, Topic::BillReady);
        assert_eq!(verify("k", &t), Some((mrn.clone(), Topic::BillReady)));
        assert_eq!(verify("other", &t), None);
        let forged = sign("k", &"11000002".parse().unwrap(), Topic::BillReady);
        let (payload, _) = forged.split_once('.').unwrap();
        let (_, sig) = t.split_once('.').unwrap();
        assert_eq!(verify("k", &format!("{payload}.{sig}")), None);
        assert_eq!(verify("k", "garbage"), None);
    }
}
