//! Payments in two steps around the gateway call.
//!
//! [`begin_payment`] records a pending payment and reserves its amount on the bills (and
//! the credit it uses) in one transaction, so two payments can never both take the same
//! balance; [`finish_payment`] records the gateway's answer, releasing the reservation if
//! the charge was refused. A payment's idempotency key is UNIQUE: asking to begin the same
//! payment again returns the first one instead of making a second.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use rust_decimal::Decimal;

use super::StorageError;
use super::codec::{cents, dollars, parse_key};
use crate::billing::{Allocation, Mrn, Payment, PaymentKind, PaymentStatus};

/// A payment about to be sent to the gateway.
#[derive(Debug, Clone)]
pub struct NewPayment {
    pub mrn: Mrn,
    pub method_id: i64,
    pub kind: PaymentKind,
    /// What the member is charged.
    pub amount: Decimal,
    /// Account credit applied together with the charge.
    pub credit_used: Decimal,
    /// Charge plus credit, bill by bill; must add up to `amount + credit_used`.
    pub allocations: Vec<Allocation>,
    pub idempotency_key: String,
    pub pay_date: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// A stored payment's identity and outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: i64,
    pub status: PaymentStatus,
    pub amount: Decimal,
    pub confirmation: Option<String>,
    pub failure: Option<String>,
    /// True when this call created it; false when the key had been seen before.
    pub created: bool,
}

/// Records a pending payment and reserves its money, or returns the payment already
/// recorded under the same idempotency key. All or nothing: if any bill cannot take its
/// share (it would be over-paid), nothing is written.
pub fn begin_payment(conn: &mut Connection, p: &NewPayment) -> Result<PaymentRecord, StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(existing) = payment_by_key(&tx, &p.idempotency_key)? {
        return Ok(existing);
    }
    let allocated: Decimal = p.allocations.iter().map(|a| a.amount).sum();
    if allocated != p.amount + p.credit_used {
        return Err(StorageError::Corrupt(format!(
            "allocations {allocated} do not add up to payment {} + credit {}",
            p.amount, p.credit_used
        )));
    }
    tx.execute(
        "INSERT INTO payments (mrn, method_id, kind, amount_cents, credit_cents, status,
                               idempotency_key, pay_date, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7, ?8)",
        params![
            p.mrn.as_str(),
            p.method_id,
            p.kind.key(),
            cents(p.amount)?,
            cents(p.credit_used)?,
            p.idempotency_key,
            p.pay_date,
            p.created_at,
        ],
    )?;
    let id = tx.last_insert_rowid();
    for a in &p.allocations {
        tx.execute(
            "INSERT INTO payment_allocations (payment_id, bill_id, amount_cents) VALUES (?1, ?2, ?3)",
            params![id, a.bill_id, cents(a.amount)?],
        )?;
        let changed = tx.execute(
            "UPDATE bills SET paid_cents = paid_cents + ?1 WHERE id = ?2 AND mrn = ?3",
            params![cents(a.amount)?, a.bill_id, p.mrn.as_str()],
        )?;
        if changed != 1 {
            return Err(StorageError::Corrupt(format!(
                "bill {} does not belong to this member",
                a.bill_id
            )));
        }
    }
    if p.credit_used > Decimal::ZERO {
        tx.execute(
            "UPDATE members SET credit_cents = credit_cents - ?1 WHERE mrn = ?2",
            params![cents(p.credit_used)?, p.mrn.as_str()],
        )?;
    }
    tx.commit()?;
    Ok(PaymentRecord {
        id,
        status: PaymentStatus::Pending,
        amount: p.amount,
        confirmation: None,
        failure: None,
        created: true,
    })
}

/// The gateway's answer to a pending payment.
#[derive(Debug, Clone)]
pub enum Finish<'a> {
    Succeeded {
        confirmation: &'a str,
        gateway_ref: &'a str,
    },
    Failed {
        reason: &'a str,
    },
}

/// Records the outcome of a pending payment. A payment that is no longer pending is left
/// as it is (the first outcome wins), so finishing twice is harmless.
pub fn finish_payment(
    conn: &mut Connection,
    id: i64,
    outcome: Finish<'_>,
) -> Result<PaymentRecord, StorageError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let status: String = tx.query_row("SELECT status FROM payments WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    if status == PaymentStatus::Pending.key() {
        match outcome {
            Finish::Succeeded {
                confirmation,
                gateway_ref,
            } => {
                tx.execute(
                    "UPDATE payments SET status = 'succeeded', confirmation = ?1, gateway_ref = ?2
                     WHERE id = ?3",
                    params![confirmation, gateway_ref, id],
                )?;
            }
            Finish::Failed { reason } => {
                tx.execute(
                    "UPDATE payments SET status = 'failed', failure = ?1 WHERE id = ?2",
                    params![reason, id],
                )?;
                // Release what begin_payment reserved.
                tx.execute(
                    "UPDATE bills SET paid_cents = paid_cents - (
                         SELECT amount_cents FROM payment_allocations
                         WHERE payment_id = ?1 AND bill_id = bills.id)
                     WHERE id IN (SELECT bill_id FROM payment_allocations WHERE payment_id = ?1)",
                    [id],
                )?;
                tx.execute(
                    "UPDATE members SET credit_cents = credit_cents +
                         (SELECT credit_cents FROM payments WHERE id = ?1)
                     WHERE mrn = (SELECT mrn FROM payments WHERE id = ?1)",
                    [id],
                )?;
            }
        }
    }
    let record = record_by_id(&tx, id)?;
    tx.commit()?;
    Ok(record)
}

const RECORD: &str = "SELECT id, status, amount_cents, confirmation, failure FROM payments";

/// A row of [`RECORD`] before its keys are checked.
type RawRecord = (i64, String, i64, Option<String>, Option<String>);

fn record_from_row(r: &Row<'_>) -> rusqlite::Result<RawRecord> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_record(raw: RawRecord) -> Result<PaymentRecord, StorageError> {
    let (id, status, amount, confirmation, failure) = raw;
    Ok(PaymentRecord {
        id,
        status: parse_key(&status, "payment status", PaymentStatus::from_key)?,
        amount: dollars(amount),
        confirmation,
        failure,
        created: false,
    })
}

fn record_by_id(conn: &Connection, id: i64) -> Result<PaymentRecord, StorageError> {
    to_record(conn.query_row(&format!("{RECORD} WHERE id = ?1"), [id], record_from_row)?)
}

/// The payment recorded under an idempotency key, if any.
pub fn payment_by_key(conn: &Connection, key: &str) -> Result<Option<PaymentRecord>, StorageError> {
    conn.query_row(
        &format!("{RECORD} WHERE idempotency_key = ?1"),
        [key],
        record_from_row,
    )
    .optional()?
    .map(to_record)
    .transpose()
}

/// A member's payments, newest first, with the bills each one paid.
pub fn payments_for(conn: &Connection, mrn: &Mrn) -> Result<Vec<Payment>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, amount_cents, kind, status, failure, method_id, pay_date, created_at, confirmation
         FROM payments WHERE mrn = ?1 ORDER BY pay_date DESC, id DESC",
    )?;
    let rows = stmt
        .query_map([mrn.as_str()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, NaiveDate>(6)?,
                r.get::<_, DateTime<Utc>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut alloc = conn.prepare_cached(
        "SELECT bill_id, amount_cents FROM payment_allocations WHERE payment_id = ?1 ORDER BY bill_id",
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, amount, kind, status, failure, method_id, date, created_at, confirmation) in rows {
        let bills = alloc
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, dollars(r.get(1)?))))?
            .collect::<Result<Vec<_>, _>>()?;
        out.push(Payment {
            id,
            amount: dollars(amount),
            kind: parse_key(&kind, "payment kind", PaymentKind::from_key)?,
            status: parse_key(&status, "payment status", PaymentStatus::from_key)?,
            failure,
            method_id,
            date,
            created_at,
            confirmation,
            bills,
        });
    }
    Ok(out)
}

/// Every payment whose idempotency key starts with `prefix` (a plan installment and its
/// retries): key and status.
pub fn payments_with_key_prefix(
    conn: &Connection,
    prefix: &str,
) -> Result<Vec<(String, PaymentStatus)>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT idempotency_key, status FROM payments WHERE idempotency_key = ?1 OR idempotency_key LIKE ?1 || ':%'",
    )?;
    let rows = stmt
        .query_map([prefix], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(k, s)| Ok((k, parse_key(&s, "payment status", PaymentStatus::from_key)?)))
        .collect()
}
