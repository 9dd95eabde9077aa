//! Delivering the outbox: e-mail over SMTP, texts through Twilio's REST API, Telegram
//! messages through the bot. Every text passes the consent ledger at the moment it is
//! sent; a failure is retried with backoff and parked after repeated failure.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use teloxide::requests::Requester;
use teloxide::types::ChatId;

use crate::server::AppState;
use crate::storage::{self, StorageError, outbox};

const MAX_ATTEMPTS: u32 = 6;

/// Where and how texts are sent.
#[derive(Debug, Clone)]
pub struct TwilioSender {
    /// `TWILIO_API_URL` (default `https://api.twilio.com`).
    pub api_url: String,
    pub account_sid: String,
    pub auth_token: String,
    /// `TWILIO_FROM_NUMBER`: the number texts come from.
    pub from: String,
}

/// What one delivery round did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct DeliveryReport {
    pub sent: usize,
    pub failed: usize,
    /// Texts not sent because the number is opted out.
    pub suppressed: usize,
}

/// Sends everything that is due on every channel.
pub async fn deliver_all(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<DeliveryReport, StorageError> {
    let mut report = DeliveryReport::default();
    emails(state, now, &mut report).await?;
    texts(state, now, &mut report).await?;
    telegram(state, now, &mut report).await?;
    Ok(report)
}

/// The due messages of a channel that this sender has claimed (another sender, or
/// process, skips them for five minutes).
async fn claimed_due(
    state: &AppState,
    channel: &'static str,
    now: DateTime<Utc>,
) -> Result<Vec<outbox::Queued>, StorageError> {
    state
        .db
        .call(move |c| {
            let due = outbox::due(c, channel, now, 50)?;
            let mut mine = Vec::with_capacity(due.len());
            for m in due {
                if outbox::claim(c, m.id, now, Duration::minutes(5))? {
                    mine.push(m);
                }
            }
            Ok(mine)
        })
        .await
}

async fn sent(
    state: &AppState,
    m: &outbox::Queued,
    now: DateTime<Utc>,
    report: &mut DeliveryReport,
) -> Result<(), StorageError> {
    let id = m.id;
    state
        .db
        .call(move |c| outbox::mark_sent(c, id, now))
        .await?;
    report.sent += 1;
    metrics::counter!("billbot_outbox_sent_total", "channel" => m.channel.clone()).increment(1);
    Ok(())
}

async fn failed(
    state: &AppState,
    m: &outbox::Queued,
    error: String,
    now: DateTime<Utc>,
    park: bool,
    report: &mut DeliveryReport,
) -> Result<(), StorageError> {
    let attempts = m.attempts + 1;
    let park = park || attempts >= MAX_ATTEMPTS;
    let retry_at = now + Duration::minutes(1 << attempts.min(5).saturating_sub(1));
    let channel = m.channel.clone();
    let id = m.id;
    state
        .db
        .call(move |c| outbox::mark_failed(c, id, &error, retry_at, park))
        .await?;
    report.failed += 1;
    let what = if park { "parked" } else { "retried" };
    metrics::counter!("billbot_outbox_failed_total", "channel" => channel, "outcome" => what)
        .increment(1);
    Ok(())
}

async fn emails(
    state: &AppState,
    now: DateTime<Utc>,
    report: &mut DeliveryReport,
) -> Result<(), StorageError> {
    // Without SMTP, e-mail waits in the outbox (`billbot outbox` shows it).
    if !state.mailer.is_configured() {
        return Ok(());
    }
    for m in claimed_due(state, "email", now).await? {
        match state.mailer.send(&m).await {
            Ok(()) => sent(state, &m, now, report).await?,
            Err(error) => failed(state, &m, error, now, false, report).await?,
        }
    }
    Ok(())
}

async fn texts(
    state: &AppState,
    now: DateTime<Utc>,
    report: &mut DeliveryReport,
) -> Result<(), StorageError> {
    for m in claimed_due(state, "sms", now).await? {
        // The consent ledger is the one gate every outbound text passes.
        let phone = m.recipient.clone();
        let consent = state
            .db
            .call(move |c| storage::consent_for(c, &phone))
            .await?;
        if !consent.is_some_and(|c| c.opted_in) {
            report.suppressed += 1;
            metrics::counter!("billbot_outbox_suppressed_total", "channel" => "sms").increment(1);
            failed(state, &m, "opted out".into(), now, true, report).await?;
            continue;
        }
        let Some(sender) = state.channels.twilio_sender.as_ref() else {
            continue; // Texts wait until the sender is configured.
        };
        let url = format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            sender.api_url.trim_end_matches('/'),
            sender.account_sid
        );
        let response = state
            .http
            .post(url)
            .basic_auth(&sender.account_sid, Some(&sender.auth_token))
            .form(&[
                ("To", m.recipient.as_str()),
                ("From", sender.from.as_str()),
                ("Body", m.body_text.as_str()),
            ])
            .send()
            .await;
        match response {
            Ok(r) if r.status().is_success() => {
                sent(state, &m, now, report).await?;
            }
            Ok(r) => {
                let body: serde_json::Value = r.json().await.unwrap_or_default();
                if body["code"].as_i64() == Some(21610) {
                    // The carrier says the number has opted out: record it so nothing else goes.
                    let phone = m.recipient.clone();
                    state
                        .db
                        .call(move |c| {
                            storage::record_consent(c, &phone, false, Some("21610"), now)
                        })
                        .await?;
                    report.suppressed += 1;
                    failed(
                        state,
                        &m,
                        "21610: unsubscribed recipient".into(),
                        now,
                        true,
                        report,
                    )
                    .await?;
                } else {
                    let code = body["code"].as_i64().unwrap_or_default();
                    failed(
                        state,
                        &m,
                        format!("twilio error {code}"),
                        now,
                        false,
                        report,
                    )
                    .await?;
                }
            }
            Err(e) => {
                failed(
                    state,
                    &m,
                    format!("twilio unreachable: {}", e.without_url()),
                    now,
                    false,
                    report,
                )
                .await?
            }
        }
    }
    Ok(())
}

async fn telegram(
    state: &AppState,
    now: DateTime<Utc>,
    report: &mut DeliveryReport,
) -> Result<(), StorageError> {
    let Some(config) = state.channels.telegram.as_ref() else {
        return Ok(());
    };
    for m in claimed_due(state, "telegram", now).await? {
        let Ok(chat) = m.recipient.parse::<i64>() else {
            failed(state, &m, "not a chat id".into(), now, true, report).await?;
            continue;
        };
        match config
            .bot
            .send_message(ChatId(chat), m.body_text.clone())
            .await
        {
            Ok(_) => {
                sent(state, &m, now, report).await?;
            }
            Err(e) => {
                let blocked = e.to_string().contains("blocked");
                if blocked {
                    // A chat that blocked the bot is unlinked: nothing more goes to it.
                    let chat = m.recipient.clone();
                    state
                        .db
                        .call(move |c| storage::proactive::unlink(c, "telegram", &chat))
                        .await?;
                }
                failed(
                    state,
                    &m,
                    "telegram send failed".into(),
                    now,
                    blocked,
                    report,
                )
                .await?;
            }
        }
    }
    Ok(())
}
