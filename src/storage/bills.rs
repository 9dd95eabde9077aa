//! Bills and their line items.

use rusqlite::{Connection, params};

use super::StorageError;
use super::codec::{cents, dollars, parse_key};
use crate::billing::{Bill, BillKind, LineItem, Mrn};

/// Stores a bill with its line items. Call inside a transaction.
pub fn insert_bill(conn: &Connection, mrn: &Mrn, bill: &Bill) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO bills (id, mrn, kind, category, statement_date, due_date, coverage_month,
                            amount_cents, paid_cents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            bill.id,
            mrn.as_str(),
            bill.kind.key(),
            bill.category,
            bill.statement_date,
            bill.due_date,
            bill.coverage_month,
            cents(bill.amount())?,
            cents(bill.paid)?,
        ],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO line_items (bill_id, position, service, visit_date, provider, facility,
                                 charges_cents, plan_paid_cents, adjustments_cents,
                                 member_share_cents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, l) in bill.lines.iter().enumerate() {
        stmt.execute(params![
            bill.id,
            i as i64 + 1,
            l.service,
            l.visit_date,
            l.provider,
            l.facility,
            cents(l.charges)?,
            cents(l.plan_paid)?,
            cents(l.adjustments)?,
            cents(l.member_share)?,
        ])?;
    }
    Ok(())
}

/// Every bill of a member, newest statement first, with line items.
pub fn bills_for(conn: &Connection, mrn: &Mrn) -> Result<Vec<Bill>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, category, statement_date, due_date, coverage_month, paid_cents
         FROM bills WHERE mrn = ?1 ORDER BY statement_date DESC, id DESC",
    )?;
    let heads = stmt
        .query_map([mrn.as_str()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut lines_stmt = conn.prepare_cached(
        "SELECT service, visit_date, provider, facility, charges_cents, plan_paid_cents,
                adjustments_cents, member_share_cents
         FROM line_items WHERE bill_id = ?1 ORDER BY position",
    )?;
    let mut bills = Vec::with_capacity(heads.len());
    for (id, kind, category, statement_date, due_date, coverage_month, paid) in heads {
        let lines = lines_stmt
            .query_map([&id], |r| {
                Ok(LineItem {
                    service: r.get(0)?,
                    visit_date: r.get(1)?,
                    provider: r.get(2)?,
                    facility: r.get(3)?,
                    charges: dollars(r.get(4)?),
                    plan_paid: dollars(r.get(5)?),
                    adjustments: dollars(r.get(6)?),
                    member_share: dollars(r.get(7)?),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let kind = parse_key(&kind, "bill kind", BillKind::from_key)?;
        let bill = Bill::new(
            id.clone(),
            kind,
            category,
            statement_date,
            due_date,
            coverage_month,
            lines,
            dollars(paid),
        )
        .map_err(|e| StorageError::Corrupt(format!("bill {id}: {e}")))?;
        bills.push(bill);
    }
    Ok(bills)
}
