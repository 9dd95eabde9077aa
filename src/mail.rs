//! E-mail delivery: messages wait in the outbox (`storage::outbox`) and go out over SMTP
//! (lettre, rustls) when `SMTP_URL` is set; without it they stay queued for
//! `billbot outbox` to show.

use chrono::{DateTime, Duration, Utc};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use thiserror::Error;

use crate::storage::{Db, StorageError, outbox};

/// After this many failed attempts a message is parked for a person to look at.
const MAX_ATTEMPTS: u32 = 6;

#[derive(Debug, Error)]
pub enum MailError {
    #[error("SMTP_URL is not a valid SMTP URL: {0}")]
    BadUrl(String),
    #[error("the sender address {0:?} is not valid")]
    BadFrom(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Sends queued e-mail.
#[derive(Clone)]
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

impl Mailer {
    /// `smtp_url` like `smtp://host:25`, `smtps://user:pass@host` or
    /// `smtp://host:587?tls=required`; `None` keeps mail in the outbox. Must be called
    /// inside a tokio runtime (lettre's pool starts a task).
    pub fn new(smtp_url: Option<&str>, from: &str) -> Result<Self, MailError> {
        let transport = match smtp_url {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailError::BadUrl(e.to_string()))?
                    .build(),
            ),
            None => None,
        };
        let from = from
            .parse()
            .map_err(|_| MailError::BadFrom(from.to_owned()))?;
        Ok(Self { transport, from })
    }

    pub fn is_configured(&self) -> bool {
        self.transport.is_some()
    }

    /// Sends every e-mail that is due; returns how many went out.
    pub async fn deliver_due(&self, db: &Db, now: DateTime<Utc>) -> Result<usize, MailError> {
        let Some(transport) = &self.transport else {
            return Ok(0);
        };
        let due = db.call(move |c| outbox::due(c, "email", now, 50)).await?;
        let mut sent = 0;
        for m in due {
            let id = m.id;
            if !db
                .call(move |c| outbox::claim(c, id, now, Duration::minutes(5)))
                .await?
            {
                continue;
            }
            let result = match self.build(&m) {
                Ok(message) => transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    db.call(move |c| outbox::mark_sent(c, id, now)).await?;
                    metrics::counter!("billbot_outbox_sent_total", "channel" => "email")
                        .increment(1);
                    sent += 1;
                }
                Err(error) => {
                    let attempts = m.attempts + 1;
                    let park = attempts >= MAX_ATTEMPTS;
                    // Back off: 1, 2, 4, 8, 16 minutes.
                    let retry_at = now + Duration::minutes(1 << attempts.min(5).saturating_sub(1));
                    tracing::warn!(message_id = id, attempts, park, "e-mail delivery failed");
                    db.call(move |c| outbox::mark_failed(c, id, &error, retry_at, park))
                        .await?;
                    metrics::counter!("billbot_outbox_failed_total", "channel" => "email")
                        .increment(1);
                }
            }
        }
        Ok(sent)
    }

    fn build(&self, m: &outbox::Queued) -> Result<Message, String> {
        let to: Mailbox = m
            .recipient
            .parse()
            .map_err(|_| "invalid recipient".to_owned())?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone().unwrap_or_default());
        if let Some(url) = &m.unsubscribe_url {
            // RFC 8058 one-click unsubscribe.
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let message = match &m.body_html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(
                m.body_text.clone(),
                html.clone(),
            )),
            None => builder.body(m.body_text.clone()),
        };
        message.map_err(|e| e.to_string())
    }
}
