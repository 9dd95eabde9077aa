//! Builds the application from validated settings: the shared state every channel uses,
//! and the background workers that run beside the server.

use std::sync::Arc;
use std::time::Duration;

use thiserror::Error;

use crate::assistant::Assistant;
use crate::config::Settings;
use crate::gateway::PaymentGateway;
use crate::i18n::{Catalog, I18nError};
use crate::mail::{MailError, Mailer};
use crate::nlu::{NluError, Nlus};
use crate::security::RateLimiter;
use crate::server::{AppState, ChannelConfig, WebConfig};
use crate::storage::Db;

#[derive(Debug, Error)]
pub enum StartupError {
    #[error("intents/: {0}")]
    Intents(#[from] NluError),
    #[error("locales/: {0}")]
    Locales(#[from] I18nError),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error("{0}")]
    Config(String),
}

/// Outside services and addresses, from the environment.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The URL the outside world uses (`BILLBOT_PUBLIC_URL`).
    pub public_url: Option<String>,
    /// `SMTP_URL`; without it e-mail stays in the outbox.
    pub smtp_url: Option<String>,
    /// `TELEGRAM_BOT_USERNAME`, for deep links to the bot.
    pub telegram_bot_username: Option<String>,
    /// `TWILIO_AUTH_TOKEN`; without it (or without a public URL) SMS is off.
    pub twilio_auth_token: Option<String>,
    /// `TELEGRAM_BOT_TOKEN` and `TELEGRAM_WEBHOOK_SECRET`; without both Telegram is off.
    pub telegram_bot_token: Option<String>,
    pub telegram_webhook_secret: Option<String>,
    /// `TELEGRAM_API_URL`: another Bot API server (a local one in tests).
    pub telegram_api_url: Option<String>,
    /// `TWILIO_ACCOUNT_SID`, `TWILIO_FROM_NUMBER`, `TWILIO_API_URL`: sending texts.
    pub twilio_account_sid: Option<String>,
    pub twilio_from_number: Option<String>,
    pub twilio_api_url: Option<String>,
}

impl Options {
    /// Reads the options from the environment (empty values count as unset).
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Options {
            public_url: var("BILLBOT_PUBLIC_URL"),
            smtp_url: var("SMTP_URL"),
            telegram_bot_username: var("TELEGRAM_BOT_USERNAME"),
            twilio_auth_token: var("TWILIO_AUTH_TOKEN"),
            telegram_bot_token: var("TELEGRAM_BOT_TOKEN"),
            telegram_webhook_secret: var("TELEGRAM_WEBHOOK_SECRET"),
            telegram_api_url: var("TELEGRAM_API_URL"),
            twilio_account_sid: var("TWILIO_ACCOUNT_SID"),
            twilio_from_number: var("TWILIO_FROM_NUMBER"),
            twilio_api_url: var("TWILIO_API_URL"),
        }
    }
}

/// Loads the language data, trains the parser and wires the shared state. Call inside a
/// tokio runtime.
pub fn build_state(
    settings: Settings,
    db: Db,
    gateway: Arc<dyn PaymentGateway>,
    options: Options,
) -> Result<AppState, StartupError> {
    let nlu = Arc::new(Nlus::load(&settings.intents)?);
    let catalog = Arc::new(Catalog::load(&settings.locales)?);
    build_state_with(settings, db, gateway, options, nlu, catalog)
}

/// [`build_state`] with a parser and messages already loaded (tests share one).
pub fn build_state_with(
    settings: Settings,
    db: Db,
    gateway: Arc<dyn PaymentGateway>,
    options: Options,
    nlu: Arc<Nlus>,
    catalog: Arc<Catalog>,
) -> Result<AppState, StartupError> {
    let settings = Arc::new(settings);
    let from = format!(
        "{} <{}>",
        settings.plan.program_name, settings.plan.billing.email
    );
    let mailer = Mailer::new(options.smtp_url.as_deref(), &from)?;
    let public_url = options
        .public_url
        .map(|u| u.trim_end_matches('/').to_owned());
    let assistant = Arc::new(Assistant::new(
        db.clone(),
        nlu,
        catalog,
        settings.clone(),
        gateway.clone(),
        public_url.clone(),
    ));
    let minutes = |m: u64| Duration::from_secs(60 * m);
    let telegram = crate::channels::telegram::config(
        options.telegram_bot_token.as_deref(),
        options.telegram_webhook_secret.as_deref(),
        options.telegram_api_url.as_deref(),
    )
    .map_err(StartupError::Config)?;
    if telegram.is_some() {
        tracing::info!("Telegram channel on: POST /telegram/webhook (or --telegram-polling)");
    } else {
        tracing::warn!(
            "Telegram channel off: set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET to turn it on"
        );
    }
    let sms_on = options.twilio_auth_token.is_some() && public_url.is_some();
    let twilio_sender = match (
        &options.twilio_account_sid,
        &options.twilio_auth_token,
        &options.twilio_from_number,
    ) {
        (Some(sid), Some(token), Some(from)) => Some(crate::proactive::delivery::TwilioSender {
            api_url: options
                .twilio_api_url
                .clone()
                .unwrap_or_else(|| "https://api.twilio.com".into()),
            account_sid: sid.clone(),
            auth_token: token.clone(),
            from: from.clone(),
        }),
        _ => {
            tracing::warn!(
                "texts are not sent: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER"
            );
            None
        }
    };
    if sms_on {
        tracing::info!("SMS channel on: POST /sms/twilio");
    } else {
        tracing::warn!(
            "SMS channel off: set TWILIO_AUTH_TOKEN and BILLBOT_PUBLIC_URL to turn it on"
        );
    }
    Ok(AppState {
        db,
        settings,
        gateway,
        metrics: crate::telemetry::metrics(),
        assistant,
        mailer,
        web: Arc::new(WebConfig {
            secure_cookies: public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
            public_url,
            login_by_account: RateLimiter::new(5, minutes(15)),
            login_by_client: RateLimiter::new(20, minutes(15)),
            codes: RateLimiter::new(5, minutes(15)),
            telegram_bot: options.telegram_bot_username,
        }),
        channels: Arc::new(ChannelConfig {
            twilio_sender,
            twilio_auth_token: options.twilio_auth_token.filter(|_| sms_on),
            telegram,
        }),
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| StartupError::Config(e.to_string()))?,
    })
}

/// Starts the background work: delivering the outbox every few seconds, and the day's
/// due work (autopay, installments, notices) every ten minutes — idempotent, so running
/// it often is safe.
pub fn spawn_workers(state: &AppState) {
    let deliver = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            let now = deliver.settings.clock.now();
            if let Err(e) = crate::proactive::delivery::deliver_all(&deliver, now).await {
                tracing::error!(error = %e, "delivery round failed");
            }
        }
    });
}

/// Runs the day's due work every ten minutes (inside `serve`).
pub fn spawn_scheduler(state: &AppState) {
    let state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            let today = state.settings.clock.today();
            if let Err(e) = crate::proactive::run_due(&state, today).await {
                tracing::error!(error = %e, "scheduled run failed");
            }
        }
    });
}
