//! Saved payment methods (tokens only).

use rusqlite::{Connection, params};

use super::StorageError;
use super::codec::parse_key;
use crate::billing::{MethodKind, Mrn, PaymentMethod};

/// Saves a method; when it is the default, the previous default stops being one.
/// Returns the new method's id. Call inside a transaction.
pub fn insert_method(conn: &Connection, mrn: &Mrn, m: &PaymentMethod) -> Result<i64, StorageError> {
    if m.is_default {
        conn.execute(
            "UPDATE payment_methods SET is_default = 0 WHERE mrn = ?1 AND is_default = 1",
            [mrn.as_str()],
        )?;
    }
    conn.execute(
        "INSERT INTO payment_methods (mrn, token, kind, brand, last4, exp_month, exp_year, is_default)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            mrn.as_str(),
            m.token,
            m.kind.key(),
            m.brand,
            m.last4,
            m.expiry.map(|e| e.0),
            m.expiry.map(|e| e.1),
            m.is_default,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The member's methods that have not been removed, default first.
pub fn methods_for(conn: &Connection, mrn: &Mrn) -> Result<Vec<PaymentMethod>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, token, kind, brand, last4, exp_month, exp_year, is_default
         FROM payment_methods WHERE mrn = ?1 AND removed_at IS NULL
         ORDER BY is_default DESC, id",
    )?;
    let rows = stmt
        .query_map([mrn.as_str()], |r| {
            let month: Option<u32> = r.get(5)?;
            let year: Option<i32> = r.get(6)?;
            Ok((
                PaymentMethod {
                    id: r.get(0)?,
                    token: r.get(1)?,
                    kind: MethodKind::Card,
                    brand: r.get(3)?,
                    last4: r.get(4)?,
                    expiry: month.zip(year),
                    is_default: r.get(7)?,
                },
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(mut m, kind)| {
            m.kind = parse_key(&kind, "method kind", MethodKind::from_key)?;
            Ok(m)
        })
        .collect()
}
