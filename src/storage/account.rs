//! Loading a member's whole account in one read transaction.

use rusqlite::Connection;

use super::{StorageError, bills, members, methods, payments, settings};
use crate::billing::{Account, Mrn};

/// Everything about one member's billing account, read consistently.
pub fn load_account(conn: &mut Connection, mrn: &Mrn) -> Result<Option<Account>, StorageError> {
    // A read transaction so a payment committing meanwhile is seen entirely or not at all.
    let tx = conn.transaction()?;
    let Some(member) = members::member(&tx, mrn)? else {
        return Ok(None);
    };
    let sms = match &member.mobile {
        Some(phone) => settings::consent_for(&tx, phone)?,
        None => None,
    };
    let account = Account {
        bills: bills::bills_for(&tx, mrn)?,
        credit: members::credit(&tx, mrn)?,
        payments: payments::payments_for(&tx, mrn)?,
        methods: methods::methods_for(&tx, mrn)?,
        autopay: settings::autopay_for(&tx, mrn)?,
        plans: settings::plans_for(&tx, mrn)?,
        preferences: settings::preferences_for(&tx, mrn)?,
        paperless: settings::paperless_for(&tx, mrn)?,
        sms,
        member,
    };
    tx.commit()?;
    Ok(Some(account))
}
