//! What the text channels remember between webhooks: deliveries already handled, the
//! last numbered options and pending pages, and LINK flows in progress.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StorageError;

/// The outcome of claiming a webhook delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First time: handle it, then [`finish_delivery`].
    New,
    /// Seen before; the answer given then (None while it is still being handled).
    Seen(Option<String>),
}

/// Claims a delivery id; only the first claim is [`Claim::New`].
pub fn claim_delivery(
    conn: &Connection,
    channel: &str,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Claim, StorageError> {
    let inserted = conn.execute(
        "INSERT INTO inbound_seen (channel, delivery_id, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(channel, delivery_id) DO NOTHING",
        params![channel, id, now],
    )?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let response: Option<String> = conn.query_row(
        "SELECT response FROM inbound_seen WHERE channel = ?1 AND delivery_id = ?2",
        [channel, id],
        |r| r.get(0),
    )?;
    Ok(Claim::Seen(response))
}

/// Forgets a claim whose handling failed, so the sender's retry is handled afresh.
pub fn release_delivery(conn: &Connection, channel: &str, id: &str) -> Result<(), StorageError> {
    conn.execute(
        "DELETE FROM inbound_seen WHERE channel = ?1 AND delivery_id = ?2 AND response IS NULL",
        [channel, id],
    )?;
    Ok(())
}

/// Stores the answer given to a delivery, for its retries.
pub fn finish_delivery(
    conn: &Connection,
    channel: &str,
    id: &str,
    response: &str,
) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE inbound_seen SET response = ?3 WHERE channel = ?1 AND delivery_id = ?2",
        params![channel, id, response],
    )?;
    Ok(())
}

/// The options offered last (button values, in order) and the pages still to send.
pub fn session(
    conn: &Connection,
    channel: &str,
    address: &str,
) -> Result<(Vec<String>, Vec<String>), StorageError> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT options, pages FROM channel_sessions WHERE channel = ?1 AND address = ?2",
            [channel, address],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((options, pages)) = row else {
        return Ok((Vec::new(), Vec::new()));
    };
    let parse = |s: &str| serde_json::from_str::<Vec<String>>(s).unwrap_or_default();
    Ok((parse(&options), parse(&pages)))
}

pub fn set_session(
    conn: &Connection,
    channel: &str,
    address: &str,
    options: &[String],
    pages: &[String],
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let json = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO channel_sessions (channel, address, options, pages, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(channel, address) DO UPDATE SET options = excluded.options, pages = excluded.pages,
             updated_at = excluded.updated_at",
        params![channel, address, json(options), json(pages), now],
    )?;
    Ok(())
}

/// A LINK flow in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFlow {
    /// `mrn`, `birth_date` or `code`: what the next message should be.
    pub step: String,
    /// The medical record number given so far.
    pub mrn: Option<String>,
    pub updated_at: DateTime<Utc>,
}

pub fn link_flow(
    conn: &Connection,
    channel: &str,
    address: &str,
) -> Result<Option<LinkFlow>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT step, mrn, updated_at FROM link_flows WHERE channel = ?1 AND address = ?2",
            [channel, address],
            |r| {
                Ok(LinkFlow {
                    step: r.get(0)?,
                    mrn: r.get(1)?,
                    updated_at: r.get(2)?,
                })
            },
        )
        .optional()?)
}

pub fn set_link_flow(
    conn: &Connection,
    channel: &str,
    address: &str,
    step: &str,
    mrn: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO link_flows (channel, address, step, mrn, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(channel, address) DO UPDATE SET step = excluded.step, mrn = excluded.mrn,
             updated_at = excluded.updated_at",
        params![channel, address, step, mrn, now],
    )?;
    Ok(())
}

pub fn end_link_flow(conn: &Connection, channel: &str, address: &str) -> Result<(), StorageError> {
    conn.execute(
        "DELETE FROM link_flows WHERE channel = ?1 AND address = ?2",
        [channel, address],
    )?;
    Ok(())
}

/// The bill of the latest reminder texted to a phone that offered "Reply PAY".
pub fn latest_pay_offer(conn: &Connection, phone: &str) -> Result<Option<String>, StorageError> {
    let key: Option<String> = conn
        .query_row(
            "SELECT dedupe_key FROM outbox WHERE channel = 'sms' AND recipient = ?1
             AND dedupe_key LIKE 'reminder:%' ORDER BY id DESC LIMIT 1",
            [phone],
            |r| r.get(0),
        )
        .optional()?;
    // reminder:<bill>:<due date>:text
    Ok(key.and_then(|k| k.split(':').nth(1).map(str::to_owned)))
}
