//! The web channel: the member's page, sign-in, the chat API (HTTP and WebSocket), the
//! dashboard snapshot, bill PDFs and the secure form for payment methods.
//!
//! Every handler only translates between HTTP and the rest of billbot; the assistant does
//! the talking, storage the keeping.

mod account;
mod auth;
mod chat;
mod guard;
mod pages;

use axum::Router;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::billing::Mrn;
use crate::security::sha256_hex;
use crate::server::AppState;
use crate::storage::{self, StorageError};

/// Request bodies of the web API are small JSON documents.
const MAX_BODY: usize = 16 * 1024;
/// A session ends after this long without a request.
const SESSION_IDLE_MINUTES: i64 = 30;
const SESSION_COOKIE: &str = "billbot_session";
const VISITOR_COOKIE: &str = "billbot_visitor";

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .merge(pages::router())
        .merge(auth::router())
        .merge(chat::router())
        .merge(account::router())
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            guard::same_origin_writes,
        ))
        .layer(middleware::from_fn(guard::security_headers))
}

/// An error as the web API reports it: a status and a message for the member, never
/// internals.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: &'static str,
}

impl ApiError {
    pub const fn new(status: StatusCode, message: &'static str) -> Self {
        Self { status, message }
    }

    /// The member-facing message.
    pub fn message(&self) -> &'static str {
        self.message
    }

    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Please sign in.")
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "Not found.")
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on our side. Please try again.",
        )
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        tracing::error!(error = %e, "storage error in a web request");
        Self::internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!({ "error": self.message }))).into_response()
    }
}

/// JSON request bodies whose rejections (too large, not JSON, wrong shape) are reported
/// as [`ApiError`]s.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    axum::Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => {
                    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "That request is too large.")
                }
                StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "Send JSON (Content-Type: application/json).",
                ),
                _ => ApiError::new(StatusCode::BAD_REQUEST, "That request is not valid."),
            }),
        }
    }
}

/// The value of a cookie in the request.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, and Secure behind https.
fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if secure {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The signed-in member of a request, if its session is live.
pub struct Session {
    pub mrn: Mrn,
    /// Hash of the session token: the web conversation's address.
    pub token_hash: String,
}

impl FromRequestParts<AppState> for Option<Session> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Ok(None);
        };
        let token_hash = sha256_hex(token);
        let now = state.settings.clock.now();
        let idle_since = now - chrono::Duration::minutes(SESSION_IDLE_MINUTES);
        let hash = token_hash.clone();
        let mrn = state
            .db
            .call(move |c| storage::web::touch_session(c, &hash, idle_since, now))
            .await?;
        Ok(mrn.map(|mrn| Session { mrn, token_hash }))
    }
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        <Option<Session>>::from_request_parts(parts, state)
            .await?
            .ok_or_else(ApiError::unauthorized)
    }
}
