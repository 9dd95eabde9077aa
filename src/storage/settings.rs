//! The member's standing choices: autopay, payment plans, notification preferences,
//! paperless billing, SMS consent and linked phones and chats.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StorageError;
use super::codec::{dollars, parse_key};
use crate::billing::payment_plan::{Installment, PaymentPlan};
use crate::billing::{
    Autopay, AutopayScope, Channel, Frequency, Mrn, Paperless, Preference, SmsConsent, Topic,
};

/// The member's autopay enrolment, if any.
pub fn autopay_for(conn: &Connection, mrn: &Mrn) -> Result<Option<Autopay>, StorageError> {
    let row = conn
        .query_row(
            "SELECT method_id, frequency, scope, next_run FROM autopay WHERE mrn = ?1",
            [mrn.as_str()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, NaiveDate>(3)?,
                ))
            },
        )
        .optional()?;
    row.map(|(method_id, freq, scope, next_run)| {
        Ok(Autopay {
            method_id,
            frequency: parse_key(&freq, "frequency", |s| s.parse::<Frequency>().ok())?,
            scope: parse_key(&scope, "autopay scope", AutopayScope::from_key)?,
            next_run,
        })
    })
    .transpose()
}

/// Enrols, changes or (with `None`) cancels autopay.
pub fn set_autopay(
    conn: &Connection,
    mrn: &Mrn,
    autopay: Option<&Autopay>,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    match autopay {
        None => {
            conn.execute("DELETE FROM autopay WHERE mrn = ?1", [mrn.as_str()])?;
        }
        Some(a) => {
            conn.execute(
                "INSERT INTO autopay (mrn, method_id, frequency, scope, next_run, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(mrn) DO UPDATE SET method_id = excluded.method_id,
                     frequency = excluded.frequency, scope = excluded.scope,
                     next_run = excluded.next_run, updated_at = excluded.updated_at",
                params![
                    mrn.as_str(),
                    a.method_id,
                    a.frequency.to_string(),
                    a.scope.key(),
                    a.next_run,
                    now
                ],
            )?;
        }
    }
    Ok(())
}

/// Every channel × topic switch, with the defaults for those never changed.
pub fn preferences_for(conn: &Connection, mrn: &Mrn) -> Result<Vec<Preference>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT enabled FROM notification_prefs WHERE mrn = ?1 AND channel = ?2 AND topic = ?3",
    )?;
    let mut out = Vec::new();
    for channel in Channel::ALL {
        for topic in Topic::ALL {
            let stored: Option<bool> = stmt
                .query_row(params![mrn.as_str(), channel.key(), topic.key()], |r| {
                    r.get(0)
                })
                .optional()?;
            out.push(Preference {
                channel,
                topic,
                enabled: stored.unwrap_or_else(|| channel.on_by_default()),
            });
        }
    }
    Ok(out)
}

pub fn set_preference(
    conn: &Connection,
    mrn: &Mrn,
    channel: Channel,
    topic: Topic,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO notification_prefs (mrn, channel, topic, enabled, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(mrn, channel, topic) DO UPDATE SET enabled = excluded.enabled,
             updated_at = excluded.updated_at",
        params![mrn.as_str(), channel.key(), topic.key(), enabled, now],
    )?;
    Ok(())
}

pub fn paperless_for(conn: &Connection, mrn: &Mrn) -> Result<Paperless, StorageError> {
    Ok(conn
        .query_row(
            "SELECT enrolled, terms_accepted_at FROM paperless WHERE mrn = ?1",
            [mrn.as_str()],
            |r| {
                Ok(Paperless {
                    enrolled: r.get(0)?,
                    terms_accepted_at: r.get(1)?,
                })
            },
        )
        .optional()?
        .unwrap_or(Paperless {
            enrolled: false,
            terms_accepted_at: None,
        }))
}

/// Enrols in paperless billing (recording when the terms were accepted) or leaves it.
pub fn set_paperless(
    conn: &Connection,
    mrn: &Mrn,
    enrolled: bool,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO paperless (mrn, enrolled, terms_accepted_at, updated_at)
         VALUES (?1, ?2, CASE WHEN ?2 THEN ?3 END, ?3)
         ON CONFLICT(mrn) DO UPDATE SET enrolled = excluded.enrolled,
             terms_accepted_at = CASE WHEN excluded.enrolled
                 THEN coalesce(paperless.terms_accepted_at, excluded.terms_accepted_at)
                 ELSE paperless.terms_accepted_at END,
             updated_at = excluded.updated_at",
        params![mrn.as_str(), enrolled, now],
    )?;
    Ok(())
}

/// The consent ledger's current state for a phone number.
pub fn consent_for(conn: &Connection, phone: &str) -> Result<Option<SmsConsent>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT opted_in, changed_at, keyword FROM sms_consent WHERE phone = ?1",
            [phone],
            |r| {
                Ok(SmsConsent {
                    opted_in: r.get(0)?,
                    changed_at: r.get(1)?,
                    keyword: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Records an opt-in or opt-out (and keeps the change in the ledger's log).
pub fn record_consent(
    conn: &Connection,
    phone: &str,
    opted_in: bool,
    keyword: Option<&str>,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO sms_consent (phone, opted_in, keyword, changed_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(phone) DO UPDATE SET opted_in = excluded.opted_in,
             keyword = excluded.keyword, changed_at = excluded.changed_at",
        params![phone, opted_in, keyword, at],
    )?;
    conn.execute(
        "INSERT INTO sms_consent_log (phone, opted_in, keyword, at) VALUES (?1, ?2, ?3, ?4)",
        params![phone, opted_in, keyword, at],
    )?;
    Ok(())
}

/// Links a phone (`sms`) or chat (`telegram`) to a member.
pub fn link_address(
    conn: &Connection,
    channel: &str,
    address: &str,
    mrn: &Mrn,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO linked_addresses (channel, address, mrn, linked_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(channel, address) DO UPDATE SET mrn = excluded.mrn, linked_at = excluded.linked_at",
        params![channel, address, mrn.as_str(), at],
    )?;
    Ok(())
}

/// The member a phone or chat is linked to.
pub fn linked_member(
    conn: &Connection,
    channel: &str,
    address: &str,
) -> Result<Option<Mrn>, StorageError> {
    let mrn: Option<String> = conn
        .query_row(
            "SELECT mrn FROM linked_addresses WHERE channel = ?1 AND address = ?2",
            [channel, address],
            |r| r.get(0),
        )
        .optional()?;
    mrn.map(|m| parse_key(&m, "medical record number", |s| s.parse().ok()))
        .transpose()
}

/// The member's active payment plans with their schedules.
pub fn plans_for(conn: &Connection, mrn: &Mrn) -> Result<Vec<PaymentPlan>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, bill_id, method_id FROM payment_plans
         WHERE mrn = ?1 AND status = 'active' ORDER BY id",
    )?;
    let plans = stmt
        .query_map([mrn.as_str()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut inst = conn.prepare_cached(
        "SELECT number, due_date, amount_cents, payment_id FROM plan_installments
         WHERE plan_id = ?1 ORDER BY number",
    )?;
    let mut out = Vec::new();
    for (id, bill_id, method_id) in plans {
        let rows = inst
            .query_map([id], |r| {
                Ok((
                    Installment {
                        number: r.get(0)?,
                        due_date: r.get(1)?,
                        amount: dollars(r.get(2)?),
                    },
                    r.get::<_, Option<i64>>(3)?.is_some(),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        out.push(PaymentPlan {
            id,
            bill_id,
            method_id,
            paid_count: rows.iter().filter(|(_, paid)| *paid).count() as u32,
            installments: rows.into_iter().map(|(i, _)| i).collect(),
        });
    }
    Ok(out)
}

/// Records an accepted payment plan with its schedule; returns the plan's id. Call inside
/// a transaction. The UNIQUE index on active plans refuses a second plan for one bill.
pub fn insert_plan(
    conn: &Connection,
    mrn: &Mrn,
    bill_id: &str,
    method_id: i64,
    installments: &[Installment],
    now: DateTime<Utc>,
) -> Result<i64, StorageError> {
    conn.execute(
        "INSERT INTO payment_plans (mrn, bill_id, method_id, status, created_at)
         VALUES (?1, ?2, ?3, 'active', ?4)",
        params![mrn.as_str(), bill_id, method_id, now],
    )?;
    let id = conn.last_insert_rowid();
    for i in installments {
        conn.execute(
            "INSERT INTO plan_installments (plan_id, number, due_date, amount_cents)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, i.number, i.due_date, super::codec::cents(i.amount)?],
        )?;
    }
    Ok(id)
}

/// Marks an installment as paid by a payment.
pub fn mark_installment_paid(
    conn: &Connection,
    plan_id: i64,
    number: u32,
    payment_id: i64,
) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE plan_installments SET payment_id = ?3 WHERE plan_id = ?1 AND number = ?2",
        params![plan_id, number, payment_id],
    )?;
    Ok(())
}

/// Ends a plan that never started (its first payment did not go through).
pub fn cancel_plan(conn: &Connection, plan_id: i64) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE payment_plans SET status = 'cancelled' WHERE id = ?1",
        [plan_id],
    )?;
    Ok(())
}
