//! Billing actions that move money: where the billing rules, the payment gateway and
//! storage meet for one payment.
//!
//! A payment is recorded (and its money reserved) before the gateway is asked, and the
//! answer is recorded after, each step in its own transaction. The idempotency key ties
//! the three together: running the same order again — a retried message, a double
//! confirmation, a restart in the middle — finds the first payment and never charges twice.

use chrono::{DateTime, NaiveDate, Utc};
use rand::Rng;
use rusqlite::Connection;
use rust_decimal::Decimal;
use thiserror::Error;

use crate::billing::{
    self, AmountError, Mrn, PaymentKind, PaymentStatus, allocate, money::validate_payment,
    settle_all,
};
use crate::gateway::{ChargeOutcome, ChargeRequest, GatewayError, PaymentGateway};
use crate::storage::{self, Finish, NewPayment, PaymentRecord, StorageError};

/// What to pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayTarget {
    /// `amount` (full or partial) on one bill.
    Bill { bill_id: String, amount: Decimal },
    /// Everything owed, with the account credit applied first. `expected` is the amount
    /// the member agreed to: if the account changed since, nothing is paid.
    Everything { expected: Decimal },
}

/// A payment the member (or autopay) has decided on.
#[derive(Debug, Clone)]
pub struct PayOrder {
    pub mrn: Mrn,
    pub method_id: i64,
    pub kind: PaymentKind,
    pub target: PayTarget,
    pub idempotency_key: String,
    pub pay_date: NaiveDate,
    pub now: DateTime<Utc>,
}

/// The result of a payment, for the receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub payment_id: i64,
    pub status: PaymentStatus,
    pub amount: Decimal,
    pub confirmation: Option<String>,
    /// `declined` or `insufficient_funds` when the gateway refused the charge.
    pub failure: Option<String>,
    /// What the member owes after this payment.
    pub total_due_after: Decimal,
    /// False when the order had already been carried out (a replay).
    pub first_time: bool,
}

#[derive(Debug, Error)]
pub enum LedgerError {
    #[error("no such member")]
    UnknownMember,
    #[error("no open bill {0} on this account")]
    UnknownBill(String),
    #[error("no such payment method on this account")]
    UnknownMethod,
    #[error("the payment method has expired")]
    ExpiredMethod,
    #[error(transparent)]
    Amount(#[from] AmountError),
    #[error("what is owed changed since the amount was agreed")]
    QuoteChanged,
    #[error(transparent)]
    Gateway(#[from] GatewayError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Carries out a payment order exactly once.
pub fn pay(
    conn: &mut Connection,
    gateway: &dyn PaymentGateway,
    order: &PayOrder,
) -> Result<Receipt, LedgerError> {
    let record = match storage::payment_by_key(conn, &order.idempotency_key)? {
        Some(done) if done.status != PaymentStatus::Pending => {
            return receipt(conn, &order.mrn, done);
        }
        Some(pending) => pending,
        None => {
            let new = new_payment(conn, order)?;
            storage::begin_payment(conn, &new)?
        }
    };
    if record.status != PaymentStatus::Pending {
        return receipt(conn, &order.mrn, record);
    }
    let account = storage::load_account(conn, &order.mrn)?.ok_or(LedgerError::UnknownMember)?;
    let method = account
        .method(order.method_id)
        .ok_or(LedgerError::UnknownMethod)?;
    let outcome = match gateway.charge(&ChargeRequest {
        token: &method.token,
        amount: record.amount,
        idempotency_key: &order.idempotency_key,
    }) {
        Ok(outcome) => outcome,
        Err(e) => {
            // No answer from the gateway: record the attempt as failed so the reserved
            // money is released and the member can try again with a new quote.
            storage::finish_payment(
                conn,
                record.id,
                Finish::Failed {
                    reason: "gateway_error",
                },
            )?;
            return Err(e.into());
        }
    };
    let finished = match outcome {
        ChargeOutcome::Approved { reference } => storage::finish_payment(
            conn,
            record.id,
            Finish::Succeeded {
                confirmation: &confirmation_number(order.pay_date),
                gateway_ref: &reference,
            },
        )?,
        ChargeOutcome::Refused(reason) => storage::finish_payment(
            conn,
            record.id,
            Finish::Failed {
                reason: reason.key(),
            },
        )?,
    };
    receipt(
        conn,
        &order.mrn,
        PaymentRecord {
            created: record.created,
            ..finished
        },
    )
}

/// Checks the order against the account as it is now and splits it across bills.
fn new_payment(conn: &mut Connection, order: &PayOrder) -> Result<NewPayment, LedgerError> {
    let account = storage::load_account(conn, &order.mrn)?.ok_or(LedgerError::UnknownMember)?;
    let method = account
        .method(order.method_id)
        .ok_or(LedgerError::UnknownMethod)?;
    if method.is_expired(order.pay_date) {
        return Err(LedgerError::ExpiredMethod);
    }
    let (amount, credit_used, allocations) = match &order.target {
        PayTarget::Bill { bill_id, amount } => {
            let bill = account
                .bill(bill_id)
                .filter(|b| b.is_open())
                .ok_or_else(|| LedgerError::UnknownBill(bill_id.clone()))?;
            let amount = validate_payment(*amount, bill.balance())?;
            let allocations = allocate(amount, std::slice::from_ref(bill))?;
            (amount, Decimal::ZERO, allocations)
        }
        PayTarget::Everything { expected } => {
            let s = settle_all(&account.bills, account.credit)?;
            if s.payment != *expected {
                return Err(LedgerError::QuoteChanged);
            }
            (s.payment, s.credit_used, s.allocations)
        }
    };
    Ok(NewPayment {
        mrn: order.mrn.clone(),
        method_id: method.id,
        kind: order.kind,
        amount,
        credit_used,
        allocations,
        idempotency_key: order.idempotency_key.clone(),
        pay_date: order.pay_date,
        created_at: order.now,
    })
}

fn receipt(
    conn: &mut Connection,
    mrn: &Mrn,
    record: PaymentRecord,
) -> Result<Receipt, LedgerError> {
    let account = storage::load_account(conn, mrn)?.ok_or(LedgerError::UnknownMember)?;
    Ok(Receipt {
        payment_id: record.id,
        status: record.status,
        amount: record.amount,
        confirmation: record.confirmation,
        failure: record.failure,
        total_due_after: billing::total_due(&account.bills, account.credit),
        first_time: record.created,
    })
}

/// A confirmation number members can read over the phone: date + 6 characters without
/// look-alikes (no 0/O, 1/I/L).
fn confirmation_number(date: NaiveDate) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let tail: String = (0..6)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    format!("KP-{}-{tail}", date.format("%y%m%d"))
}
