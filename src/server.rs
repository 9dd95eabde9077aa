//! The HTTP server that hosts billbot's channels.
//!
//! [`app`] builds the router from shared state so tests can call it without a socket;
//! [`run`] serves it on an already-bound listener until the shutdown future completes,
//! so tests bind port 0 and the binary binds `--addr`.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use metrics_exporter_prometheus::PrometheusHandle;
use serde_json::json;
use tokio::net::TcpListener;
use tracing::Instrument;

use crate::assistant::Assistant;
use crate::channels;
use crate::config::Settings;
use crate::gateway::PaymentGateway;
use crate::mail::Mailer;
use crate::security::RateLimiter;
use crate::storage::Db;

/// What every request handler may use.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    /// The payment processor (the sandbox unless another is configured).
    pub gateway: Arc<dyn PaymentGateway>,
    pub metrics: PrometheusHandle,
    /// Understanding, dialogue and billing, shared by every channel.
    pub assistant: Arc<Assistant>,
    pub mailer: Mailer,
    pub web: Arc<WebConfig>,
    pub channels: Arc<ChannelConfig>,
    /// Outgoing HTTP (Twilio's REST API).
    pub http: reqwest::Client,
}

/// Secrets of the text channels; a channel without its secrets is off.
#[derive(Default)]
pub struct ChannelConfig {
    /// `TWILIO_AUTH_TOKEN`: signs every inbound SMS webhook.
    pub twilio_auth_token: Option<String>,
    /// The Telegram bot, with `TELEGRAM_BOT_TOKEN` and `TELEGRAM_WEBHOOK_SECRET` set.
    pub telegram: Option<Arc<channels::telegram::TelegramConfig>>,
    /// Sending texts (`TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`, `TWILIO_FROM_NUMBER`).
    pub twilio_sender: Option<crate::proactive::delivery::TwilioSender>,
}

/// Settings and guards of the web channel.
pub struct WebConfig {
    /// The origin members use (`BILLBOT_PUBLIC_URL`), for links and origin checks.
    pub public_url: Option<String>,
    /// Behind https the session cookie is `Secure`.
    pub secure_cookies: bool,
    /// Failed sign-ins per account…
    pub login_by_account: RateLimiter,
    /// …and per client address.
    pub login_by_client: RateLimiter,
    /// Failed one-time codes per subject.
    pub codes: RateLimiter,
    /// The Telegram bot's username, for deep links (`TELEGRAM_BOT_USERNAME`).
    pub telegram_bot: Option<String>,
}

/// The router with every route of the server.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(render_metrics))
        .merge(channels::web::router(&state))
        .merge(channels::sms::router())
        .merge(channels::telegram::router())
        .merge(crate::proactive::unsubscribe::router())
        .layer(middleware::from_fn(track))
        .with_state(state)
}

/// Serves `app` on `listener` until `shutdown` completes, then finishes open requests.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state
        .db
        .call(|c| Ok(c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
        .await
    {
        Ok(_) => Json(json!({"status": "ok"})).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "unavailable"})),
            )
                .into_response()
        }
    }
}

async fn render_metrics(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

/// Counts requests and their latency by matched route (never the raw URL, which may hold
/// tokens) and status.
async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().to_string();
    let started = Instant::now();
    let span = tracing::info_span!("http", %method, %route);
    let response = next.run(request).instrument(span).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("billbot_http_requests_total", "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("billbot_http_request_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}
