//! Conversation state, the transcript, and requests recorded for staff: hand-off tickets
//! and letter requests.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StorageError;
use super::codec::parse_key;
use crate::billing::{Language, Mrn};

/// A stored conversation: who it is linked to and its dialogue state (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConversation {
    pub mrn: Option<Mrn>,
    pub language: Language,
    pub state: String,
    pub updated_at: DateTime<Utc>,
}

pub fn load_conversation(
    conn: &Connection,
    channel: &str,
    address: &str,
) -> Result<Option<StoredConversation>, StorageError> {
    let row = conn
        .query_row(
            "SELECT mrn, language, state, updated_at FROM conversations
             WHERE channel = ?1 AND address = ?2",
            [channel, address],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, DateTime<Utc>>(3)?,
                ))
            },
        )
        .optional()?;
    row.map(|(mrn, language, state, updated_at)| {
        Ok(StoredConversation {
            mrn: mrn
                .map(|m| parse_key(&m, "medical record number", |s| s.parse().ok()))
                .transpose()?,
            language: parse_key(&language, "language", Language::from_tag)?,
            state,
            updated_at,
        })
    })
    .transpose()
}

pub fn save_conversation(
    conn: &Connection,
    channel: &str,
    address: &str,
    c: &StoredConversation,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO conversations (channel, address, mrn, language, state, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(channel, address) DO UPDATE SET mrn = excluded.mrn,
             language = excluded.language, state = excluded.state,
             updated_at = excluded.updated_at",
        params![
            channel,
            address,
            c.mrn.as_ref().map(Mrn::as_str),
            c.language.tag(),
            c.state,
            c.updated_at
        ],
    )?;
    Ok(())
}

/// Appends a line to the transcript; the caller has masked card numbers already.
pub fn append_transcript(
    conn: &Connection,
    channel: &str,
    address: &str,
    inbound: bool,
    text: &str,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO transcript (channel, address, direction, text, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![channel, address, if inbound { "in" } else { "out" }, text, at],
    )?;
    Ok(())
}

/// The transcript of a conversation, oldest first: (inbound?, text).
pub fn transcript(
    conn: &Connection,
    channel: &str,
    address: &str,
) -> Result<Vec<(bool, String)>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT direction, text FROM transcript WHERE channel = ?1 AND address = ?2 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([channel, address], |r| {
            Ok((r.get::<_, String>(0)? == "in", r.get(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Records a request to talk to a person; returns the ticket number.
pub fn create_ticket(
    conn: &Connection,
    mrn: Option<&Mrn>,
    channel: &str,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<i64, StorageError> {
    conn.execute(
        "INSERT INTO handoff_tickets (mrn, channel, reason, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![mrn.map(Mrn::as_str), channel, reason, at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records a request for a tax or payment-history letter; returns its number.
pub fn request_letter(
    conn: &Connection,
    mrn: &Mrn,
    kind: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    at: DateTime<Utc>,
) -> Result<i64, StorageError> {
    conn.execute(
        "INSERT INTO letter_requests (mrn, kind, period_from, period_to, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![mrn.as_str(), kind, from, to, at],
    )?;
    Ok(conn.last_insert_rowid())
}
