//! Members: insert and look up.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;

use super::StorageError;
use super::codec::{cents, dollars, parse_key};
use crate::billing::{Coverage, Language, Member, Mrn};

/// Adds a member with an opening account credit.
pub fn insert_member(
    conn: &Connection,
    m: &Member,
    credit: Decimal,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO members (mrn, name, birth_date, email, mobile, region, coverage, language,
                              credit_cents, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            m.mrn.as_str(),
            m.name,
            m.birth_date,
            m.email,
            m.mobile,
            m.region,
            m.coverage.key(),
            m.language.tag(),
            cents(credit)?,
            now,
        ],
    )?;
    Ok(())
}

const COLUMNS: &str = "mrn, name, birth_date, email, mobile, region, coverage, language";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(Member, String, String, String)> {
    let mrn: String = r.get(0)?;
    let coverage: String = r.get(6)?;
    let language: String = r.get(7)?;
    Ok((
        Member {
            // Placeholder values are replaced in `decode` once the keys are checked.
            mrn: Mrn::try_from("00000000".to_owned()).map_err(|_| rusqlite::Error::InvalidQuery)?,
            name: r.get(1)?,
            birth_date: r.get(2)?,
            email: r.get(3)?,
            mobile: r.get(4)?,
            region: r.get(5)?,
            coverage: Coverage::Medicare,
            language: Language::EnUs,
        },
        mrn,
        coverage,
        language,
    ))
}

fn decode(raw: (Member, String, String, String)) -> Result<Member, StorageError> {
    let (mut m, mrn, coverage, language) = raw;
    m.mrn = parse_key(&mrn, "medical record number", |s| s.parse().ok())?;
    m.coverage = parse_key(&coverage, "coverage", Coverage::from_key)?;
    m.language = parse_key(&language, "language", Language::from_tag)?;
    Ok(m)
}

/// The member with this MRN.
pub fn member(conn: &Connection, mrn: &Mrn) -> Result<Option<Member>, StorageError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM members WHERE mrn = ?1"),
        [mrn.as_str()],
        from_row,
    )
    .optional()?
    .map(decode)
    .transpose()
}

pub fn member_exists(conn: &Connection, mrn: &Mrn) -> Result<bool, StorageError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM members WHERE mrn = ?1",
            [mrn.as_str()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The account credit not yet applied.
pub fn credit(conn: &Connection, mrn: &Mrn) -> Result<Decimal, StorageError> {
    let c: i64 = conn.query_row(
        "SELECT credit_cents FROM members WHERE mrn = ?1",
        [mrn.as_str()],
        |r| r.get(0),
    )?;
    Ok(dollars(c))
}
