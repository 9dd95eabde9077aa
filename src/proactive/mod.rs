//! Proactive work: what billbot does on its own, once a day or on demand
//! (`billbot run-due`, and a task inside `serve`).
//!
//! Every step is idempotent: payments carry keys made of enrolment, bill and date, and
//! notices carry dedupe keys, so running twice — or restarting half-way — never pays or
//! tells twice. Payments come first, then their notices, then the enrolment moves on; a
//! crash between payment and notice is mended by the next run, which finds the payment
//! already made and queues the notice once.

pub mod delivery;
pub mod notices;
pub mod unsubscribe;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::billing::autopay::run_after;
use crate::billing::{Account, AutopayScope, BillKind, Mrn, PaymentKind, PaymentStatus};
use crate::ledger::{self, PayOrder, PayTarget, Receipt};
use crate::server::AppState;
use crate::storage::{self, StorageError};
use notices::Notice;

/// What one run did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct RunReport {
    pub autopay_paid: usize,
    pub autopay_declined: usize,
    pub installments_paid: usize,
    pub notices_queued: usize,
}

/// Runs everything due on `date`.
pub async fn run_due(state: &AppState, date: NaiveDate) -> Result<RunReport, StorageError> {
    let mut report = RunReport::default();
    autopay(state, date, &mut report).await?;
    retries(state, date, &mut report).await?;
    installments(state, date, &mut report).await?;
    bill_ready_and_reminders(state, date, &mut report).await?;
    tracing::info!(?report, %date, "due work done");
    Ok(report)
}

async fn account(state: &AppState, mrn: &Mrn) -> Result<Option<Account>, StorageError> {
    let mrn = mrn.clone();
    state.db.call(move |c| storage::load_account(c, &mrn)).await
}

/// Pays through the ledger on the blocking pool.
async fn pay(state: &AppState, order: PayOrder) -> Result<Option<Receipt>, StorageError> {
    let (db, gateway) = (state.db.clone(), state.gateway.clone());
    let result = tokio::task::spawn_blocking(move || {
        db.with(|c| Ok(ledger::pay(c, gateway.as_ref(), &order)))
    })
    .await
    .map_err(|e| StorageError::Worker(e.to_string()))??;
    match result {
        Ok(r) => Ok(Some(r)),
        Err(e) => {
            // Nothing to pay any more, or the method is gone: nothing was charged.
            tracing::warn!(error = %e, "scheduled payment not made");
            Ok(None)
        }
    }
}

/// A scheduled payment of `amount` on `bill`, under `key`.
#[allow(clippy::too_many_arguments)]
fn order(
    mrn: &Mrn,
    method_id: i64,
    kind: PaymentKind,
    bill: &str,
    amount: rust_decimal::Decimal,
    key: String,
    date: NaiveDate,
    state: &AppState,
) -> PayOrder {
    PayOrder {
        mrn: mrn.clone(),
        method_id,
        kind,
        target: PayTarget::Bill {
            bill_id: bill.to_owned(),
            amount,
        },
        idempotency_key: key,
        pay_date: date,
        now: state.settings.clock.now(),
    }
}

fn method_label(account: &Account, id: i64) -> String {
    account
        .method(id)
        .map_or_else(String::new, |m| format!("{} {}", m.brand, m.last4))
}

/// Queues the receipt or the decline notice of a scheduled payment.
async fn tell(
    state: &AppState,
    mrn: &Mrn,
    receipt: &Receipt,
    bill: &str,
    method_id: i64,
    retry_on: Option<NaiveDate>,
    date: NaiveDate,
) -> Result<usize, StorageError> {
    let Some(account) = account(state, mrn).await? else {
        return Ok(0);
    };
    let notice = match (&receipt.status, &receipt.confirmation) {
        (PaymentStatus::Succeeded, Some(confirmation)) => Notice::Receipt {
            amount: receipt.amount,
            bill_id: bill.to_owned(),
            method: method_label(&account, method_id),
            confirmation: confirmation.clone(),
            balance: receipt.total_due_after,
            date,
        },
        _ => Notice::Declined {
            amount: receipt.amount,
            bill_id: bill.to_owned(),
            retry_on,
        },
    };
    notices::queue(
        state,
        &account,
        &notice,
        &format!("payment:{}", receipt.payment_id),
    )
    .await
}

async fn autopay(
    state: &AppState,
    date: NaiveDate,
    report: &mut RunReport,
) -> Result<(), StorageError> {
    let enrolments = state
        .db
        .call(|c| storage::proactive::autopay_enrolments(c))
        .await?;
    let retry_days = i64::from(state.settings.plan.autopay.retry_after_days);
    for (mrn, ap) in enrolments.into_iter().filter(|(_, a)| a.next_run <= date) {
        let Some(account) = account(state, &mrn).await? else {
            continue;
        };
        let Some(rule) = state
            .settings
            .plan
            .region(&account.member.region)
            .map(|r| r.due_rule)
        else {
            continue;
        };
        let run = ap.next_run;
        // Everything in scope that falls due before the next run is paid on this one.
        let next = run_after(ap.frequency, rule, run);
        let key = |bill: &str| format!("autopay:{}:{bill}:{run}", mrn.as_str());
        // Open bills, and bills this run already paid (a run that stopped half-way still
        // owes their notices).
        let mut bills: Vec<(String, rust_decimal::Decimal)> = Vec::new();
        for b in account
            .bills
            .iter()
            .filter(|b| ap.scope == AutopayScope::AllBills || b.kind == BillKind::Premium)
            .filter(|b| b.due_date < next)
        {
            let k = key(&b.id);
            let started = state
                .db
                .call(move |c| storage::payment_by_key(c, &k))
                .await?
                .is_some();
            if b.is_open() || started {
                bills.push((b.id.clone(), b.balance()));
            }
        }
        for (bill, balance) in bills {
            let order = order(
                &mrn,
                ap.method_id,
                PaymentKind::Autopay,
                &bill,
                balance,
                key(&bill),
                date,
                state,
            );
            let Some(receipt) = pay(state, order).await? else {
                // Autopay could not even try (the method expired or was removed): the
                // member, who counts on it, is told rather than left to fall behind.
                let notice = Notice::Declined {
                    amount: balance,
                    bill_id: bill.clone(),
                    retry_on: None,
                };
                let key = format!("autopay-failed:{}:{bill}:{run}", mrn.as_str());
                report.notices_queued += notices::queue(state, &account, &notice, &key).await?;
                continue;
            };
            let retry_on = (receipt.status == PaymentStatus::Failed)
                .then(|| date + Duration::days(retry_days));
            if let Some(retry_on) = retry_on {
                report.autopay_declined += 1;
                let (m, b) = (mrn.clone(), bill.clone());
                state
                    .db
                    .call(move |c| storage::proactive::add_retry(c, &m, &b, run, retry_on))
                    .await?;
            } else if receipt.first_time {
                report.autopay_paid += 1;
            }
            report.notices_queued +=
                tell(state, &mrn, &receipt, &bill, ap.method_id, retry_on, date).await?;
        }
        let m = mrn.clone();
        state
            .db
            .call(move |c| storage::proactive::set_next_run(c, &m, next))
            .await?;
    }
    Ok(())
}

/// The one retry of a declined autopay payment.
async fn retries(
    state: &AppState,
    date: NaiveDate,
    report: &mut RunReport,
) -> Result<(), StorageError> {
    let due = state
        .db
        .call(move |c| storage::proactive::due_retries(c, date))
        .await?;
    for (mrn, bill, first_run) in due {
        let Some(account) = account(state, &mrn).await? else {
            continue;
        };
        let (Some(ap), Some(b)) = (
            account.autopay.clone(),
            account.bill(&bill).filter(|b| b.is_open()).cloned(),
        ) else {
            let (m, bl) = (mrn.clone(), bill.clone());
            state
                .db
                .call(move |c| storage::proactive::retry_done(c, &m, &bl, first_run))
                .await?;
            continue;
        };
        let key = format!("autopay-retry:{}:{bill}:{first_run}", mrn.as_str());
        let order = order(
            &mrn,
            ap.method_id,
            PaymentKind::Autopay,
            &bill,
            b.balance(),
            key,
            date,
            state,
        );
        if let Some(receipt) = pay(state, order).await? {
            if receipt.status == PaymentStatus::Succeeded && receipt.first_time {
                report.autopay_paid += 1;
            }
            report.notices_queued +=
                tell(state, &mrn, &receipt, &bill, ap.method_id, None, date).await?;
        }
        let (m, bl) = (mrn.clone(), bill.clone());
        state
            .db
            .call(move |c| storage::proactive::retry_done(c, &m, &bl, first_run))
            .await?;
    }
    Ok(())
}

async fn installments(
    state: &AppState,
    date: NaiveDate,
    report: &mut RunReport,
) -> Result<(), StorageError> {
    let due = state
        .db
        .call(move |c| storage::proactive::due_installments(c, date))
        .await?;
    for i in due {
        // The installment's own key first; after a decline, one more try per day. Any
        // attempt that already succeeded is replayed (and recorded), never charged again.
        let base = format!("plan:{}:{}", i.plan_id, i.number);
        let prefix = base.clone();
        let earlier = state
            .db
            .call(move |c| storage::payments_with_key_prefix(c, &prefix))
            .await?;
        let key = match earlier
            .iter()
            .find(|(_, status)| *status != PaymentStatus::Failed)
        {
            Some((k, _)) => k.clone(),
            None if earlier.is_empty() => base,
            None => format!("{base}:retry:{date}"),
        };
        let order = order(
            &i.mrn,
            i.method_id,
            PaymentKind::PlanInstallment,
            &i.bill_id,
            i.amount,
            key,
            date,
            state,
        );
        let Some(receipt) = pay(state, order).await? else {
            continue;
        };
        if receipt.status == PaymentStatus::Succeeded {
            let (plan, number, payment) = (i.plan_id, i.number, receipt.payment_id);
            state
                .db
                .call(move |c| storage::mark_installment_paid(c, plan, number, payment))
                .await?;
            if receipt.first_time {
                report.installments_paid += 1;
            }
        }
        report.notices_queued +=
            tell(state, &i.mrn, &receipt, &i.bill_id, i.method_id, None, date).await?;
    }
    Ok(())
}

/// "Bill ready" for premium statements of the last two weeks, and due-date reminders to
/// members without autopay.
async fn bill_ready_and_reminders(
    state: &AppState,
    date: NaiveDate,
    report: &mut RunReport,
) -> Result<(), StorageError> {
    let members = state
        .db
        .call(|c| storage::proactive::all_members(c))
        .await?;
    let ahead = Duration::days(i64::from(
        state.settings.plan.billing.reminder_days_before_due,
    ));
    for mrn in members {
        let Some(account) = account(state, &mrn).await? else {
            continue;
        };
        for b in account.open_bills() {
            let fresh = b.statement_date <= date && date - b.statement_date < Duration::days(14);
            if b.kind == BillKind::Premium && fresh {
                let notice = Notice::BillReady {
                    bill_id: b.id.clone(),
                    amount: b.balance(),
                    due: b.due_date,
                };
                report.notices_queued +=
                    notices::queue(state, &account, &notice, &format!("bill-ready:{}", b.id))
                        .await?;
            }
            let soon = b.due_date >= date && b.due_date - date <= ahead;
            if account.autopay.is_none() && soon {
                let pay_with = account
                    .default_method()
                    .map(|m| format!("{} {}", m.brand, m.last4));
                let notice = Notice::Reminder {
                    bill_id: b.id.clone(),
                    amount: b.balance(),
                    due: b.due_date,
                    pay_with,
                };
                report.notices_queued += notices::queue(
                    state,
                    &account,
                    &notice,
                    &format!("reminder:{}:{}", b.id, b.due_date),
                )
                .await?;
            }
        }
    }
    Ok(())
}
