//! The chat API: `POST /api/chat/messages` and the WebSocket at `/api/chat/ws` carry the
//! same JSON frames. Signed-in members talk about their account; visitors get FAQs and
//! help and a sign-in prompt.

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::{ApiError, ApiJson, Session, VISITOR_COOKIE, cookie, set_cookie};
use crate::assistant::Inbound;
use crate::billing::Mrn;
use crate::dialogue::ChannelKind;
use crate::security;
use crate::server::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/chat/messages", post(message))
        .route("/api/chat/ws", get(websocket))
}

#[derive(Deserialize)]
struct ChatIn {
    text: String,
}

/// Who is talking: a member's session, or a visitor's own random id.
fn speaker(session: Option<Session>, headers: &HeaderMap) -> (String, Option<Mrn>, Option<String>) {
    match session {
        Some(s) => (format!("session:{}", s.token_hash), Some(s.mrn), None),
        None => match cookie(headers, VISITOR_COOKIE) {
            Some(id) => (format!("visitor:{}", security::sha256_hex(id)), None, None),
            None => {
                let id = security::random_token();
                (
                    format!("visitor:{}", security::sha256_hex(&id)),
                    None,
                    Some(id),
                )
            }
        },
    }
}

/// Runs one turn on the blocking pool and returns the JSON frame.
async fn turn(
    state: &AppState,
    address: String,
    member: Option<Mrn>,
    text: String,
) -> Result<serde_json::Value, ApiError> {
    let text = text.trim().to_owned();
    if text.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "Please type a message.",
        ));
    }
    let assistant = state.assistant.clone();
    let out = tokio::task::spawn_blocking(move || {
        assistant.handle(&Inbound {
            channel: ChannelKind::Web,
            address,
            member,
            text,
            language: None,
        })
    })
    .await
    .map_err(|_| ApiError::internal())?
    .map_err(|e| {
        tracing::error!(error = %e, "web turn failed");
        ApiError::internal()
    })?;
    Ok(json!({ "replies": out.replies, "language": out.language.tag() }))
}

async fn message(
    State(state): State<AppState>,
    session: Option<Session>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<ChatIn>,
) -> Result<Response, ApiError> {
    let (address, member, new_visitor) = speaker(session, &headers);
    let frame = turn(&state, address, member, input.text).await?;
    let mut response = Json(frame).into_response();
    if let Some(id) = new_visitor {
        response.headers_mut().insert(
            header::SET_COOKIE,
            set_cookie(VISITOR_COOKIE, &id, state.web.secure_cookies, None),
        );
    }
    Ok(response)
}

async fn websocket(
    State(state): State<AppState>,
    session: Option<Session>,
    upgrade: WebSocketUpgrade,
    request: Request,
) -> Response {
    // A page on another site must not open a socket with this member's cookies.
    if !super::guard::same_origin(&state, &request)
        || request.headers().get(header::ORIGIN).is_none()
    {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "Cross-site connections are not allowed.",
        )
        .into_response();
    }
    let token = session.as_ref().map(|s| s.token_hash.clone());
    let (address, member, _) = speaker(session, request.headers());
    upgrade
        .max_message_size(16 * 1024)
        .on_upgrade(move |socket| serve_socket(socket, state, address, member, token))
}

/// Whether the socket's session is still live (signed out or idle too long ends it).
async fn session_live(state: &AppState, token: &str) -> bool {
    let now = state.settings.clock.now();
    let idle_since = now - chrono::Duration::minutes(super::SESSION_IDLE_MINUTES);
    let token = token.to_owned();
    matches!(
        state
            .db
            .call(move |c| crate::storage::web::touch_session(c, &token, idle_since, now))
            .await,
        Ok(Some(_))
    )
}

async fn serve_socket(
    mut socket: WebSocket,
    state: AppState,
    address: String,
    member: Option<Mrn>,
    token: Option<String>,
) {
    while let Some(Ok(msg)) = socket.recv().await {
        if let Some(t) = &token {
            if !session_live(&state, t).await {
                let bye = json!({ "error": ApiError::unauthorized().message() }).to_string();
                let _ = socket.send(Message::Text(bye.into())).await;
                break;
            }
        }
        let reply = match msg {
            Message::Text(text) => match serde_json::from_str::<ChatIn>(&text) {
                Ok(input) => {
                    match turn(&state, address.clone(), member.clone(), input.text).await {
                        Ok(frame) => frame,
                        Err(e) => json!({ "error": e.message() }),
                    }
                }
                Err(_) => json!({ "error": "Send {\"text\": \"...\"}." }),
            },
            Message::Close(_) => break,
            _ => continue,
        };
        if socket
            .send(Message::Text(reply.to_string().into()))
            .await
            .is_err()
        {
            break;
        }
    }
}
