//! Web sign-in (accounts and sessions) and one-time codes.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StorageError;
use super::codec::parse_key;
use crate::billing::Mrn;

/// A member's web sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebAccount {
    pub mrn: Mrn,
    pub email: String,
    pub password_hash: String,
    pub verified: bool,
}

pub fn insert_web_account(
    conn: &Connection,
    mrn: &Mrn,
    email: &str,
    password_hash: &str,
    verified_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO web_accounts (mrn, email, password_hash, verified_at, created_at)
         VALUES (?1, lower(?2), ?3, ?4, ?5)",
        params![mrn.as_str(), email, password_hash, verified_at, now],
    )?;
    Ok(())
}

fn account_from(row: (String, String, String, Option<String>)) -> Result<WebAccount, StorageError> {
    Ok(WebAccount {
        mrn: parse_key(&row.0, "medical record number", |s| s.parse().ok())?,
        email: row.1,
        password_hash: row.2,
        verified: row.3.is_some(),
    })
}

/// The web account signing in with `email` (any case).
pub fn web_account_by_email(
    conn: &Connection,
    email: &str,
) -> Result<Option<WebAccount>, StorageError> {
    conn.query_row(
        "SELECT mrn, email, password_hash, verified_at FROM web_accounts WHERE email = lower(?1)",
        [email],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .map(account_from)
    .transpose()
}

pub fn web_account_by_mrn(
    conn: &Connection,
    mrn: &Mrn,
) -> Result<Option<WebAccount>, StorageError> {
    conn.query_row(
        "SELECT mrn, email, password_hash, verified_at FROM web_accounts WHERE mrn = ?1",
        [mrn.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .map(account_from)
    .transpose()
}

/// Removes a registration that was never verified, so it can start again.
pub fn delete_unverified(conn: &Connection, mrn: &Mrn) -> Result<(), StorageError> {
    conn.execute(
        "DELETE FROM web_accounts WHERE mrn = ?1 AND verified_at IS NULL",
        [mrn.as_str()],
    )?;
    Ok(())
}

pub fn mark_email_verified(
    conn: &Connection,
    mrn: &Mrn,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE web_accounts SET verified_at = coalesce(verified_at, ?2) WHERE mrn = ?1",
        params![mrn.as_str(), now],
    )?;
    Ok(())
}

pub fn create_session(
    conn: &Connection,
    token_hash: &str,
    mrn: &Mrn,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO sessions (token_hash, mrn, created_at, last_seen) VALUES (?1, ?2, ?3, ?3)",
        params![token_hash, mrn.as_str(), now],
    )?;
    Ok(())
}

/// The member of a live session, refreshing its last use; a session idle since before
/// `idle_since` is deleted instead.
pub fn touch_session(
    conn: &Connection,
    token_hash: &str,
    idle_since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<Mrn>, StorageError> {
    let row: Option<(String, DateTime<Utc>)> = conn
        .query_row(
            "SELECT mrn, last_seen FROM sessions WHERE token_hash = ?1",
            [token_hash],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Ok(None),
        Some((_, last_seen)) if last_seen < idle_since => {
            delete_session(conn, token_hash)?;
            Ok(None)
        }
        Some((mrn, _)) => {
            conn.execute(
                "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1",
                params![token_hash, now],
            )?;
            Ok(Some(parse_key(&mrn, "medical record number", |s| {
                s.parse().ok()
            })?))
        }
    }
}

pub fn delete_session(conn: &Connection, token_hash: &str) -> Result<(), StorageError> {
    conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Stores a new code for (purpose, subject), replacing any earlier one.
pub fn put_code(
    conn: &Connection,
    purpose: &str,
    subject: &str,
    mrn: &Mrn,
    code_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO one_time_codes (purpose, subject, mrn, code_hash, expires_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(purpose, subject) DO UPDATE SET mrn = excluded.mrn,
             code_hash = excluded.code_hash, expires_at = excluded.expires_at,
             attempts = 0, used_at = NULL, created_at = excluded.created_at",
        params![purpose, subject, mrn.as_str(), code_hash, expires_at, now],
    )?;
    Ok(())
}

/// Why a code was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    /// No code, a used one, or a wrong one.
    Wrong,
    Expired,
    /// Too many wrong tries: the code is void.
    TooManyAttempts,
}

/// A stored code: member, hash, expiry, wrong attempts, when it was used.
type StoredCode = (String, String, DateTime<Utc>, u32, Option<String>);

/// Checks a code for (purpose, subject). A right code is used up; a wrong one counts as
/// an attempt, and after `max_attempts` the code is void.
pub fn use_code(
    conn: &mut Connection,
    purpose: &str,
    subject: &str,
    code_hash: &str,
    max_attempts: u32,
    now: DateTime<Utc>,
) -> Result<Result<Mrn, CodeProblem>, StorageError> {
    let tx = conn.transaction()?;
    let row: Option<StoredCode> = tx
        .query_row(
            "SELECT mrn, code_hash, expires_at, attempts, used_at FROM one_time_codes
             WHERE purpose = ?1 AND subject = ?2",
            [purpose, subject],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let outcome = match row {
        None | Some((_, _, _, _, Some(_))) => Err(CodeProblem::Wrong),
        Some((_, _, _, attempts, None)) if attempts >= max_attempts => {
            Err(CodeProblem::TooManyAttempts)
        }
        Some((_, _, expires_at, _, None)) if expires_at < now => Err(CodeProblem::Expired),
        Some((mrn, stored, _, attempts, None)) => {
            if crate::security::constant_time_eq(stored.as_bytes(), code_hash.as_bytes()) {
                tx.execute(
                    "UPDATE one_time_codes SET used_at = ?3 WHERE purpose = ?1 AND subject = ?2",
                    params![purpose, subject, now],
                )?;
                Ok(parse_key(&mrn, "medical record number", |s| {
                    s.parse().ok()
                })?)
            } else {
                tx.execute(
                    "UPDATE one_time_codes SET attempts = attempts + 1 WHERE purpose = ?1 AND subject = ?2",
                    [purpose, subject],
                )?;
                if attempts + 1 >= max_attempts {
                    Err(CodeProblem::TooManyAttempts)
                } else {
                    Err(CodeProblem::Wrong)
                }
            }
        }
    };
    tx.commit()?;
    Ok(outcome)
}
