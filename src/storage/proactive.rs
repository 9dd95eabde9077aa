//! What the scheduler reads and writes: autopay enrolments and retries, installments that
//! are due, members' linked chats, and the server's own secrets.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

use super::StorageError;
use super::codec::{dollars, parse_key};
use crate::billing::{Autopay, Mrn};

fn mrn(s: &str) -> Result<Mrn, StorageError> {
    parse_key(s, "medical record number", |v| v.parse().ok())
}

/// Every member with autopay, and the enrolment.
pub fn autopay_enrolments(conn: &Connection) -> Result<Vec<(Mrn, Autopay)>, StorageError> {
    let mut stmt = conn.prepare_cached("SELECT mrn FROM autopay ORDER BY mrn")?;
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        let m = mrn(&id)?;
        if let Some(a) = super::autopay_for(conn, &m)? {
            out.push((m, a));
        }
    }
    Ok(out)
}

pub fn set_next_run(conn: &Connection, mrn: &Mrn, next_run: NaiveDate) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE autopay SET next_run = ?2 WHERE mrn = ?1",
        params![mrn.as_str(), next_run],
    )?;
    Ok(())
}

/// An unpaid installment whose due date has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueInstallment {
    pub plan_id: i64,
    pub mrn: Mrn,
    pub bill_id: String,
    pub method_id: i64,
    pub number: u32,
    pub amount: Decimal,
}

pub fn due_installments(
    conn: &Connection,
    date: NaiveDate,
) -> Result<Vec<DueInstallment>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.mrn, p.bill_id, p.method_id, i.number, i.amount_cents
         FROM plan_installments i JOIN payment_plans p ON p.id = i.plan_id
         WHERE p.status = 'active' AND i.payment_id IS NULL AND i.due_date <= ?1
         ORDER BY p.id, i.number",
    )?;
    let rows = stmt
        .query_map([date], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(plan_id, m, bill_id, method_id, number, cents)| {
            Ok(DueInstallment {
                plan_id,
                mrn: mrn(&m)?,
                bill_id,
                method_id,
                number,
                amount: dollars(cents),
            })
        })
        .collect()
}

/// Schedules the one retry of a declined autopay payment (once per bill and run).
pub fn add_retry(
    conn: &Connection,
    mrn: &Mrn,
    bill: &str,
    first_run: NaiveDate,
    retry_on: NaiveDate,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO autopay_retries (mrn, bill_id, first_run, retry_on) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
        params![mrn.as_str(), bill, first_run, retry_on],
    )?;
    Ok(())
}

/// Retries due on or before `date`: (member, bill, the run that was declined).
pub fn due_retries(
    conn: &Connection,
    date: NaiveDate,
) -> Result<Vec<(Mrn, String, NaiveDate)>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT mrn, bill_id, first_run FROM autopay_retries WHERE done = 0 AND retry_on <= ?1 ORDER BY retry_on",
    )?;
    let rows = stmt
        .query_map([date], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, NaiveDate>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(m, b, d)| Ok((mrn(&m)?, b, d)))
        .collect()
}

pub fn retry_done(
    conn: &Connection,
    mrn: &Mrn,
    bill: &str,
    first_run: NaiveDate,
) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE autopay_retries SET done = 1 WHERE mrn = ?1 AND bill_id = ?2 AND first_run = ?3",
        params![mrn.as_str(), bill, first_run],
    )?;
    Ok(())
}

/// Every member's MRN.
pub fn all_members(conn: &Connection) -> Result<Vec<Mrn>, StorageError> {
    let mut stmt = conn.prepare_cached("SELECT mrn FROM members ORDER BY mrn")?;
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    ids.iter().map(|s| mrn(s)).collect()
}

/// The chats (or phones) of a channel linked to a member.
pub fn linked_addresses(
    conn: &Connection,
    mrn: &Mrn,
    channel: &str,
) -> Result<Vec<String>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT address FROM linked_addresses WHERE mrn = ?1 AND channel = ?2 ORDER BY address",
    )?;
    let rows = stmt
        .query_map([mrn.as_str(), channel], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(rows)
}

/// Removes a link (a Telegram chat that blocked the bot).
pub fn unlink(conn: &Connection, channel: &str, address: &str) -> Result<(), StorageError> {
    conn.execute(
        "DELETE FROM linked_addresses WHERE channel = ?1 AND address = ?2",
        [channel, address],
    )?;
    Ok(())
}

/// A server secret, made (random) the first time it is asked for.
pub fn secret(conn: &Connection, name: &str) -> Result<String, StorageError> {
    if let Some(v) = conn
        .query_row("SELECT value FROM secrets WHERE name = ?1", [name], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
    {
        return Ok(v);
    }
    let value = crate::security::random_token();
    conn.execute(
        "INSERT INTO secrets (name, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        [name, value.as_str()],
    )?;
    Ok(
        conn.query_row("SELECT value FROM secrets WHERE name = ?1", [name], |r| {
            r.get(0)
        })?,
    )
}
