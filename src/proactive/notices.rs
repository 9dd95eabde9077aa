//! Notices: what billbot tells members on its own (receipts, declined autopay, bill
//! ready, reminders), queued in the outbox for each channel the member chose.
//!
//! A notice reaches a channel only if the member's preference for its topic is on; a
//! text also needs the number's consent (the ledger is checked again at sending), and a
//! Telegram notice a linked chat. Texts carry the minimum — amounts and dates, never
//! services — and non-urgent ones wait for daytime in the member's time zone.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::billing::{Account, Channel, Topic};
use rusqlite::Connection;

use crate::i18n::{Arg, Catalog, format_date, format_money};
use crate::plan::Plan;
use crate::security::sha256_hex;
use crate::server::AppState;
use crate::storage::{self, StorageError, outbox};

/// Something to tell a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Receipt {
        amount: Decimal,
        bill_id: String,
        method: String,
        confirmation: String,
        balance: Decimal,
        date: NaiveDate,
    },
    Declined {
        amount: Decimal,
        bill_id: String,
        retry_on: Option<NaiveDate>,
    },
    BillReady {
        bill_id: String,
        amount: Decimal,
        due: NaiveDate,
    },
    Reminder {
        bill_id: String,
        amount: Decimal,
        due: NaiveDate,
        /// "Reply PAY to pay … with …": the method label, when the member has one.
        pay_with: Option<String>,
    },
}

impl Notice {
    fn topic(&self) -> Topic {
        match self {
            Notice::Receipt { .. } | Notice::Declined { .. } => Topic::PaymentStatus,
            Notice::BillReady { .. } => Topic::BillReady,
            Notice::Reminder { .. } => Topic::AutopayReminder,
        }
    }

    /// Receipts and declines go out at once; the rest wait for daytime.
    fn urgent(&self) -> bool {
        matches!(self, Notice::Receipt { .. } | Notice::Declined { .. })
    }

    fn id(&self) -> &'static str {
        match self {
            Notice::Receipt { .. } => "receipt",
            Notice::Declined { .. } => "declined",
            Notice::BillReady { .. } => "bill-ready",
            Notice::Reminder { .. } => "reminder",
        }
    }

    fn args(&self, lang: crate::billing::Language) -> Vec<(&'static str, Arg)> {
        let money = |d| Arg::from(format_money(lang, d));
        let date = |d| Arg::from(format_date(lang, d));
        match self {
            Notice::Receipt {
                amount,
                bill_id,
                method,
                confirmation,
                balance,
                date: day,
            } => vec![
                ("amount", money(*amount)),
                ("bill", Arg::from(bill_id.as_str())),
                ("method", Arg::from(method.as_str())),
                ("confirmation", Arg::from(confirmation.as_str())),
                ("balance", money(*balance)),
                ("date", date(*day)),
            ],
            Notice::Declined {
                amount,
                bill_id,
                retry_on,
            } => vec![
                ("amount", money(*amount)),
                ("bill", Arg::from(bill_id.as_str())),
                (
                    "retry",
                    retry_on.map_or_else(|| Arg::from("none"), |d| Arg::from(format_date(lang, d))),
                ),
            ],
            Notice::BillReady {
                bill_id,
                amount,
                due,
            }
            | Notice::Reminder {
                bill_id,
                amount,
                due,
                ..
            } => vec![
                ("bill", Arg::from(bill_id.as_str())),
                ("amount", money(*amount)),
                ("date", date(*due)),
            ],
        }
    }
}

/// What notices need besides the account: the words, the plan (time zones, quiet
/// hours) and where the web pages live.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub plan: &'a Plan,
    pub public_url: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// Queues a notice on every channel the member chose. `key` makes it once-only: the same
/// key is never queued twice on a channel.
pub async fn queue(
    state: &AppState,
    account: &Account,
    notice: &Notice,
    key: &str,
) -> Result<usize, StorageError> {
    let (catalog, settings, web) = (
        state.assistant.catalog_arc(),
        state.settings.clone(),
        state.web.clone(),
    );
    let (account, notice, key) = (account.clone(), notice.clone(), key.to_owned());
    let now = settings.clock.now();
    state
        .db
        .call(move |c| {
            let ctx = Context {
                catalog: &catalog,
                plan: &settings.plan,
                public_url: web.public_url.as_deref(),
                now,
            };
            queue_now(c, &ctx, &account, &notice, &key)
        })
        .await
}

/// [`queue`] for synchronous callers that hold the connection (the assistant, after a
/// payment made in a conversation).
pub fn queue_now(
    conn: &mut Connection,
    ctx: &Context<'_>,
    account: &Account,
    notice: &Notice,
    key: &str,
) -> Result<usize, StorageError> {
    let messages = messages(conn, ctx, account, notice, key)?;
    let tx = conn.transaction()?;
    let mut queued = 0;
    for message in &messages {
        queued += usize::from(outbox::enqueue(&tx, message, ctx.now)?);
    }
    tx.commit()?;
    Ok(queued)
}

/// The messages of a notice, one per channel (and linked chat) the member chose.
fn messages(
    conn: &Connection,
    ctx: &Context<'_>,
    account: &Account,
    notice: &Notice,
    key: &str,
) -> Result<Vec<outbox::NewMessage>, StorageError> {
    let catalog = ctx.catalog;
    let m = &account.member;
    let lang = m.language;
    let topic = notice.topic();
    let wants = |c: Channel| {
        account
            .preferences
            .iter()
            .any(|p| p.channel == c && p.topic == topic && p.enabled)
    };
    let mut args = notice.args(lang);
    let mut messages = Vec::new();

    if wants(Channel::Email) {
        let secret = storage::proactive::secret(conn, "unsubscribe")?;
        let token = super::unsubscribe::sign(&secret, &m.mrn, topic);
        let url = format!("{}/unsubscribe/{token}", ctx.public_url.unwrap_or(""));
        let body = catalog.format(lang, &format!("notice-{}-email", notice.id()), &args);
        let footer = catalog.format(
            lang,
            "notice-email-footer",
            &[("url", Arg::from(url.as_str()))],
        );
        let html = format!(
            "<p>{}</p><p><small>{}</small></p>",
            escape(&body),
            escape(&footer)
        );
        messages.push(outbox::NewMessage {
            channel: "email".into(),
            recipient: m.email.clone(),
            subject: Some(catalog.format(lang, &format!("notice-{}-subject", notice.id()), &args)),
            body_text: format!("{body}\n\n{footer}"),
            body_html: Some(html),
            dedupe_key: format!("{key}:email"),
            unsubscribe_url: Some(url),
            not_before: None,
        });
    }
    let consent = match &m.mobile {
        Some(phone) => storage::consent_for(conn, phone)?,
        None => None,
    };
    if let (true, Some(phone), Some(true)) =
        (wants(Channel::Text), &m.mobile, consent.map(|c| c.opted_in))
    {
        if let Notice::Reminder {
            pay_with: Some(method),
            ..
        } = notice
        {
            args.push(("method", Arg::from(method.as_str())));
        }
        let text = catalog.format(lang, &format!("notice-{}-text", notice.id()), &args);
        let not_before = (!notice.urgent()).then(|| daytime(ctx, account)).flatten();
        messages.push(outbox::NewMessage {
            channel: "sms".into(),
            recipient: phone.clone(),
            body_text: crate::channels::sms::text::to_gsm7(&text),
            dedupe_key: format!("{key}:text"),
            not_before,
            ..Default::default()
        });
    }
    if wants(Channel::Telegram) {
        let chats = storage::proactive::linked_addresses(conn, &m.mrn, "telegram")?;
        let text = catalog.format(lang, &format!("notice-{}-text", notice.id()), &args);
        for chat in chats {
            messages.push(outbox::NewMessage {
                channel: "telegram".into(),
                dedupe_key: format!("{key}:telegram:{}", sha256_hex(&chat)),
                recipient: chat,
                body_text: text.clone(),
                ..Default::default()
            });
        }
    }
    Ok(messages)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', "<br>")
}

/// When a non-urgent text may go out: now, or 08:00 in the member's time zone when it is
/// within quiet hours (21:00–08:00 by default, from `plan.toml`).
fn daytime(ctx: &Context<'_>, account: &Account) -> Option<DateTime<Utc>> {
    let b = &ctx.plan.billing;
    let tz: Tz = ctx
        .plan
        .region(&account.member.region)?
        .time_zone
        .parse()
        .ok()?;
    let local = ctx.now.with_timezone(&tz);
    let hour = local.hour();
    let quiet = if b.quiet_hours_start > b.quiet_hours_end {
        hour >= b.quiet_hours_start || hour < b.quiet_hours_end
    } else {
        hour >= b.quiet_hours_start && hour < b.quiet_hours_end
    };
    if !quiet {
        return None;
    }
    let day = if hour >= b.quiet_hours_end {
        local.date_naive() + Duration::days(1)
    } else {
        local.date_naive()
    };
    let morning = day.and_hms_opt(b.quiet_hours_end, 0, 0)?;
    tz.from_local_datetime(&morning)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}
