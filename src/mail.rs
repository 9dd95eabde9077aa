//! E-mail over SMTP: messages wait in the outbox (`storage::outbox`) and go out over SMTP
//! (lettre, rustls) when `SMTP_URL` is set; without it they stay queued for
//! `billbot outbox` to show.

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use thiserror::Error;

use crate::storage::outbox;

#[derive(Debug, Error)]
pub enum MailError {
    #[error("SMTP_URL is not a valid SMTP URL: {0}")]
    BadUrl(String),
    #[error("the sender address {0:?} is not valid")]
    BadFrom(String),
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

    /// Sends one queued e-mail; the outbox's retries and parking are the caller's
    /// (`proactive::delivery`, which treats every channel alike).
    pub async fn send(&self, m: &outbox::Queued) -> Result<(), String> {
        let Some(transport) = &self.transport else {
            return Err("no SMTP server configured".into());
        };
        let message = self.build(m)?;
        transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
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
