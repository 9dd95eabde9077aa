//! The outbox: messages to deliver, each once, retried until sent or parked.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::StorageError;

/// A message to send.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewMessage {
    /// `email`, `sms` or `telegram`.
    pub channel: String,
    pub recipient: String,
    pub subject: Option<String>,
    pub body_text: String,
    pub body_html: Option<String>,
    /// The same key is queued once, however often it is asked for.
    pub dedupe_key: String,
    /// E-mail: the one-click unsubscribe link (RFC 8058).
    pub unsubscribe_url: Option<String>,
    /// Not to be sent before this instant (quiet hours for texts).
    pub not_before: Option<DateTime<Utc>>,
}

/// A queued message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: Option<String>,
    pub body_text: String,
    pub body_html: Option<String>,
    pub status: String,
    pub attempts: u32,
    pub created_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub unsubscribe_url: Option<String>,
}

/// Queues a message unless one with the same dedupe key exists. Returns whether it was new.
pub fn enqueue(
    conn: &Connection,
    m: &NewMessage,
    now: DateTime<Utc>,
) -> Result<bool, StorageError> {
    let n = conn.execute(
        "INSERT INTO outbox (channel, recipient, subject, body_text, body_html, dedupe_key,
                             status, next_attempt_at, created_at, unsubscribe_url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?9)
         ON CONFLICT(dedupe_key) DO NOTHING",
        params![
            m.channel,
            m.recipient,
            m.subject,
            m.body_text,
            m.body_html,
            m.dedupe_key,
            m.not_before.unwrap_or(now).max(now),
            now,
            m.unsubscribe_url
        ],
    )?;
    Ok(n == 1)
}

const COLUMNS: &str = "id, channel, recipient, subject, body_text, body_html, status, attempts, \
                       created_at, last_error, unsubscribe_url";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Queued> {
    Ok(Queued {
        id: r.get(0)?,
        channel: r.get(1)?,
        recipient: r.get(2)?,
        subject: r.get(3)?,
        body_text: r.get(4)?,
        body_html: r.get(5)?,
        status: r.get(6)?,
        attempts: r.get(7)?,
        created_at: r.get(8)?,
        last_error: r.get(9)?,
        unsubscribe_url: r.get(10)?,
    })
}

/// Pending messages of a channel whose next attempt is due.
pub fn due(
    conn: &Connection,
    channel: &str,
    now: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<Queued>, StorageError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox WHERE status = 'pending' AND channel = ?1 AND next_attempt_at <= ?2
         ORDER BY id LIMIT ?3"
    ))?;
    let rows = stmt
        .query_map(params![channel, now, limit], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Every message, newest first (for `billbot outbox`).
pub fn list(conn: &Connection, limit: u32) -> Result<Vec<Queued>, StorageError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM outbox ORDER BY id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn mark_sent(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE outbox SET status = 'sent', sent_at = ?2, attempts = attempts + 1, last_error = NULL
         WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or parked when `park` is true.
pub fn mark_failed(
    conn: &Connection,
    id: i64,
    error: &str,
    retry_at: DateTime<Utc>,
    park: bool,
) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3,
             status = CASE WHEN ?4 THEN 'parked' ELSE status END
         WHERE id = ?1",
        params![id, error, retry_at, park],
    )?;
    Ok(())
}

/// Claims a due message for one sender for `lease` (another sender, or another process,
/// skips it meanwhile); if the sender dies the lease runs out and it is tried again, so
/// every message goes out at least once and, normally, exactly once.
pub fn claim(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
    lease: chrono::Duration,
) -> Result<bool, StorageError> {
    let n = conn.execute(
        "UPDATE outbox SET next_attempt_at = ?3
         WHERE id = ?1 AND status = 'pending' AND next_attempt_at <= ?2",
        params![id, now, now + lease],
    )?;
    Ok(n == 1)
}
