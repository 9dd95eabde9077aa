//! `billbot account MRN [--json]`: an operator's view of one member's account.

use std::fmt::Write as _;

use anyhow::{Context, bail};
use clap::Args;
use serde_json::{Value, json};

use crate::billing::money::plain;
use crate::billing::{Account, Mrn, PaymentMethod};
use crate::config::Settings;
use crate::storage;

#[derive(Debug, Args)]
pub struct AccountArgs {
    /// The member's medical record number.
    pub mrn: String,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: AccountArgs, settings: &Settings) -> anyhow::Result<()> {
    let mrn: Mrn = args
        .mrn
        .parse()
        .map_err(|_| anyhow::anyhow!("{:?} is not a medical record number (8 digits)", args.mrn))?;
    if !settings.db_path.exists() {
        bail!(
            "no database at {}; `billbot serve` creates it",
            settings.db_path.display()
        );
    }
    let mut conn = storage::open(&settings.db_path)
        .with_context(|| format!("opening the database {}", settings.db_path.display()))?;
    let Some(account) = storage::load_account(&mut conn, &mrn)? else {
        bail!("no member with that medical record number");
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&to_json(&account))?);
    } else {
        print!("{}", to_text(&account, settings));
    }
    Ok(())
}

/// A method as the operator reads it: `card:4242`, `bank:6789`.
fn method_key(m: Option<&PaymentMethod>) -> Value {
    m.map_or(Value::Null, |m| {
        json!(format!("{}:{}", m.kind.key(), m.last4))
    })
}

/// The account as JSON (money as two-decimal strings).
pub fn to_json(a: &Account) -> Value {
    let m = &a.member;
    json!({
        "mrn": m.mrn.as_str(),
        "name": m.name,
        "birth_date": m.birth_date,
        "email": m.email,
        "mobile": m.mobile,
        "region": m.region,
        "coverage": m.coverage.key(),
        "language": m.language.tag(),
        "total_due": plain(a.total_due()),
        "credits": plain(a.credit),
        "bills": a.bills.iter().map(|b| json!({
            "id": b.id,
            "kind": b.kind.key(),
            "category": b.category,
            "statement_date": b.statement_date,
            "due_date": b.due_date,
            "coverage_month": b.coverage_month,
            "amount": plain(b.amount()),
            "paid": plain(b.paid),
            "balance": plain(b.balance()),
            "lines": b.lines.iter().map(|l| json!({
                "service": l.service,
                "visit_date": l.visit_date,
                "provider": l.provider,
                "facility": l.facility,
                "charges": plain(l.charges),
                "plan_paid": plain(l.plan_paid),
                "adjustments": plain(l.adjustments),
                "member_share": plain(l.member_share),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "payments": a.payments.iter().map(|p| json!({
            "id": p.id,
            "amount": plain(p.amount),
            "kind": p.kind.key(),
            "status": p.status.key(),
            "failure": p.failure,
            "method": method_key(a.method(p.method_id)),
            "date": p.date,
            "confirmation": p.confirmation,
            "bills": p.bills.iter().map(|(id, amount)| json!({"id": id, "amount": plain(*amount)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "methods": a.methods.iter().map(|m| json!({
            "id": m.id,
            "kind": m.kind.key(),
            "brand": m.brand,
            "last4": m.last4,
            "expiry": m.expiry.map(|(mm, yy)| format!("{mm:02}/{yy}")),
            "default": m.is_default,
        })).collect::<Vec<_>>(),
        "autopay": a.autopay.as_ref().map(|ap| json!({
            "frequency": ap.frequency.to_string(),
            "scope": ap.scope.key(),
            "method": method_key(a.method(ap.method_id)),
            "next_run": ap.next_run,
        })),
        "payment_plans": a.plans.iter().map(|p| json!({
            "id": p.id,
            "bill": p.bill_id,
            "method": method_key(a.method(p.method_id)),
            "paid_installments": p.paid_count,
            "installments": p.installments.iter().map(|i| json!({
                "number": i.number, "due_date": i.due_date, "amount": plain(i.amount),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "paperless": a.paperless.enrolled,
        "paperless_terms_accepted_at": a.paperless.terms_accepted_at,
        "sms_opted_in": a.sms.as_ref().is_some_and(|s| s.opted_in),
        "notifications": a.preferences.iter().map(|p| json!({
            "channel": p.channel.key(), "topic": p.topic.key(), "enabled": p.enabled,
        })).collect::<Vec<_>>(),
    })
}

fn to_text(a: &Account, settings: &Settings) -> String {
    let m = &a.member;
    let region = settings
        .plan
        .region(&m.region)
        .map_or(m.region.as_str(), |r| r.name.as_str());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (MRN {}) — {}, {}, {}",
        m.name,
        m.mrn,
        region,
        m.coverage.key(),
        m.language.tag()
    );
    let _ = writeln!(
        out,
        "Total due: ${}   Credits: ${}",
        plain(a.total_due()),
        plain(a.credit)
    );
    let _ = writeln!(out, "\nBills:");
    for b in &a.bills {
        let _ = writeln!(
            out,
            "  {:<8} {:<8} {:<12} due {}  amount {:>9}  balance {:>9}",
            b.id,
            b.kind.key(),
            b.category,
            b.due_date,
            plain(b.amount()),
            plain(b.balance())
        );
    }
    let _ = writeln!(out, "\nPayments:");
    for p in &a.payments {
        let _ = writeln!(
            out,
            "  {}  {:>9}  {:<16} {:<9} {}",
            p.date,
            plain(p.amount),
            p.kind.key(),
            p.status.key(),
            p.confirmation
                .as_deref()
                .or(p.failure.as_deref())
                .unwrap_or("")
        );
    }
    let _ = writeln!(out, "\nMethods:");
    for pm in &a.methods {
        let _ = writeln!(
            out,
            "  {} {} ending {}{}",
            pm.kind.key(),
            pm.brand,
            pm.last4,
            if pm.is_default { " (default)" } else { "" }
        );
    }
    let _ = match &a.autopay {
        Some(ap) => writeln!(
            out,
            "\nAutopay: {} ({}), next run {}",
            ap.frequency,
            ap.scope.key(),
            ap.next_run
        ),
        None => writeln!(out, "\nAutopay: off"),
    };
    let _ = writeln!(
        out,
        "Paperless: {}",
        if a.paperless.enrolled { "yes" } else { "no" }
    );
    let _ = writeln!(
        out,
        "SMS: {}",
        match &a.sms {
            Some(s) if s.opted_in => "opted in",
            Some(_) => "opted out",
            None => "no mobile number",
        }
    );
    out
}
