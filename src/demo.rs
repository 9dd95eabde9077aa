//! The demo members of SPEC §8, created on the first `serve` and by tests.
//!
//! Dates are relative to "today" (`BILLBOT_TODAY` or the real date), so the demo always
//! shows a premium due at the end of this month, recent visits and a year of history.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use rusqlite::Connection;
use rust_decimal::Decimal;

use crate::billing::due_dates::{medical_due_date, next_coverage_month, premium_due_date};
use crate::billing::{
    Allocation, Autopay, AutopayScope, Bill, BillKind, Coverage, Frequency, Language, LineItem,
    Member, MethodKind, Mrn, PaymentKind, PaymentMethod,
};
use crate::gateway::SandboxGateway;
use crate::plan::Plan;
use crate::storage::{self, Finish, NewPayment, StorageError};

/// Ana García: three open bills, a credit, two payment methods.
pub const ANA: &str = "11000001";
/// Luis Hernández: a large hospital bill that qualifies for a payment plan.
pub const LUIS: &str = "11000002";
/// Grace Kim: autopay, paperless, 15 months of premium payments, texts stopped.
pub const GRACE: &str = "11000003";

/// Argon2id hashes of the demo web passwords (`demo-ana`, `demo-luis`, `demo-grace`),
/// computed once so seeding stays fast; the passwords themselves are public demo data.
const DEMO_PASSWORDS: [(&str, &str); 3] = [
    (
        ANA,
        "$argon2id$v=19$m=19456,t=2,p=1$kyTlt7gyMV5KvSd4CLPfYQ$5sRTrA9zac9yOLhPFa8H+AYKM3fjxhdQ7SoeTCt/rQE",
    ),
    (
        LUIS,
        "$argon2id$v=19$m=19456,t=2,p=1$Vtx7yNdqUV8aBqLC5WcKrA$3fQWE5XDVr5Q0XuK+h/5tv6mW1i/CPEbM5NxAka12sQ",
    ),
    (
        GRACE,
        "$argon2id$v=19$m=19456,t=2,p=1$zrbyP0IKx2opCaR3ylfIXg$XWwEFj3LbIPszqnnUkKIxuptDQ+t9EMVaivMNgjiHeI",
    ),
];

/// Creates the demo members unless they exist. Returns whether anything was created.
pub fn seed(
    conn: &mut Connection,
    plan: &Plan,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, StorageError> {
    let ana = mrn(ANA)?;
    if storage::member_exists(conn, &ana)? {
        return Ok(false);
    }
    let tx = conn.transaction()?;
    seed_ana(&tx, plan, today, now)?;
    seed_luis(&tx, plan, today, now)?;
    tx.commit()?;
    // Grace's history goes through the real payment path, which opens its own transactions.
    seed_grace(conn, plan, today, now)?;
    let tx = conn.transaction()?;
    for (mrn, hash) in DEMO_PASSWORDS {
        let mrn = self::mrn(mrn)?;
        let email = storage::member(&tx, &mrn)?
            .map(|m| m.email)
            .unwrap_or_default();
        storage::web::insert_web_account(&tx, &mrn, &email, hash, Some(now), now)?;
    }
    tx.commit()?;
    tracing::info!("demo members created");
    Ok(true)
}

fn mrn(s: &str) -> Result<Mrn, StorageError> {
    s.parse()
        .map_err(|_| StorageError::Corrupt(format!("bad demo MRN {s}")))
}

fn dollars(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn days_before(today: NaiveDate, n: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(n)).unwrap_or(today)
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, StorageError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| StorageError::Corrupt("bad demo date".into()))
}

#[allow(clippy::too_many_arguments)]
fn line(
    service: &str,
    visit: Option<NaiveDate>,
    provider: Option<&str>,
    facility: Option<&str>,
    charges: i64,
    plan_paid: i64,
    adjustments: i64,
) -> LineItem {
    LineItem {
        service: service.into(),
        visit_date: visit,
        provider: provider.map(Into::into),
        facility: facility.map(Into::into),
        charges: dollars(charges),
        plan_paid: dollars(plan_paid),
        adjustments: dollars(adjustments),
        member_share: dollars(charges - plan_paid - adjustments),
    }
}

fn bill(
    id: &str,
    kind: BillKind,
    category: &str,
    statement: NaiveDate,
    due: NaiveDate,
    coverage_month: Option<NaiveDate>,
    lines: Vec<LineItem>,
) -> Result<Bill, StorageError> {
    Bill::new(
        id.into(),
        kind,
        category.into(),
        statement,
        due,
        coverage_month,
        lines,
        Decimal::ZERO,
    )
    .map_err(|e| StorageError::Corrupt(format!("demo bill {id}: {e}")))
}

fn region_rule(plan: &Plan, key: &str) -> Result<crate::billing::DueRule, StorageError> {
    plan.region(key)
        .map(|r| r.due_rule)
        .ok_or_else(|| StorageError::Corrupt(format!("plan.toml has no region {key} for the demo")))
}

fn method(
    kind: MethodKind,
    test_number: &str,
    brand: &str,
    expiry: Option<(u32, i32)>,
    is_default: bool,
) -> PaymentMethod {
    let last4 = test_number[test_number.len() - 4..].to_owned();
    PaymentMethod {
        id: 0,
        token: SandboxGateway::token_for(kind, test_number, &last4),
        kind,
        brand: brand.into(),
        last4,
        expiry,
        is_default,
    }
}

/// A premium statement for the coverage month; generated early in the month before.
fn premium_bill(
    id: &str,
    plan: &Plan,
    region: &str,
    coverage_month: NaiveDate,
    lines: Vec<LineItem>,
) -> Result<Bill, StorageError> {
    let rule = region_rule(plan, region)?;
    let due = premium_due_date(rule, coverage_month);
    let statement_month = coverage_month
        .checked_sub_months(Months::new(1))
        .unwrap_or(coverage_month);
    let statement = date(statement_month.year(), statement_month.month(), 10)?.min(due);
    bill(
        id,
        BillKind::Premium,
        "premium",
        statement,
        due,
        Some(coverage_month),
        lines,
    )
}

fn month_label(month: NaiveDate) -> String {
    month.format("%B %Y").to_string()
}

fn seed_ana(
    tx: &Connection,
    plan: &Plan,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let mrn = mrn(ANA)?;
    let member = Member {
        mrn: mrn.clone(),
        name: "Ana García".into(),
        birth_date: date(1980, 4, 12)?,
        email: "ana@example.org".into(),
        mobile: Some("+15105550101".into()),
        region: "northern_california".into(),
        coverage: Coverage::IndividualExchange,
        language: Language::EnUs,
    };
    storage::insert_member(tx, &member, dollars(2000), now)?;
    let coverage_month = next_coverage_month(region_rule(plan, &member.region)?, today);
    let premium = premium_bill(
        "P-1001",
        plan,
        &member.region,
        coverage_month,
        vec![line(
            &format!(
                "Monthly premium, {} (Individual and Family Plan, Exchange); premium tax credit applied",
                month_label(coverage_month)
            ),
            None,
            None,
            None,
            61250,
            0,
            20000,
        )],
    )?;
    let visit = days_before(today, 24);
    let terms = plan.billing.medical_bill_terms_days;
    let office_statement = days_before(today, 17);
    let office = bill(
        "M-1002",
        BillKind::Medical,
        "office_visit",
        office_statement,
        medical_due_date(office_statement, terms),
        None,
        vec![line(
            "Office visit, primary care (copay)",
            Some(visit),
            Some("Dr. Lee"),
            Some("Oakland Medical Center"),
            18000,
            13500,
            0,
        )],
    )?;
    let lab_statement = days_before(today, 10);
    let lab = bill(
        "M-1003",
        BillKind::Medical,
        "lab",
        lab_statement,
        medical_due_date(lab_statement, terms),
        None,
        vec![
            line(
                "Comprehensive metabolic panel",
                Some(visit),
                Some("Dr. Lee"),
                Some("Oakland Medical Center Laboratory"),
                31240,
                16000,
                4000,
            ),
            line(
                "Lipid panel",
                Some(visit),
                Some("Dr. Lee"),
                Some("Oakland Medical Center Laboratory"),
                30000,
                15000,
                3225,
            ),
        ],
    )?;
    for b in [&premium, &office, &lab] {
        storage::insert_bill(tx, &mrn, b)?;
    }
    storage::insert_method(
        tx,
        &mrn,
        &method(
            MethodKind::Card,
            "4242424242424242",
            "Visa",
            Some((8, 2030)),
            true,
        ),
    )?;
    storage::insert_method(
        tx,
        &mrn,
        &method(MethodKind::Bank, "000123456789", "Checking", None, false),
    )?;
    link_phone(tx, &mrn, "+15105550101", true, now)
}

fn seed_luis(
    tx: &Connection,
    _plan: &Plan,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let mrn = mrn(LUIS)?;
    let member = Member {
        mrn: mrn.clone(),
        name: "Luis Hernández".into(),
        birth_date: date(1957, 9, 30)?,
        email: "luis@example.org".into(),
        mobile: Some("+13015550102".into()),
        region: "maryland".into(),
        coverage: Coverage::Medicare,
        language: Language::EsUs,
    };
    storage::insert_member(tx, &member, Decimal::ZERO, now)?;
    let admitted = days_before(today, 40);
    let statement = days_before(today, 25);
    let facility = Some("Largo Medical Center");
    let hospital = bill(
        "M-2001",
        BillKind::Medical,
        "hospital",
        statement,
        medical_due_date(statement, 30),
        None,
        vec![
            line(
                "Hospital stay, 3 days (inpatient deductible)",
                Some(admitted),
                Some("Dr. Patel"),
                facility,
                1584000,
                1416400,
                0,
            ),
            line(
                "Surgery: laparoscopic appendectomy",
                Some(admitted),
                Some("Dr. Patel"),
                facility,
                912000,
                799600,
                35000,
            ),
        ],
    )?;
    storage::insert_bill(tx, &mrn, &hospital)?;
    storage::insert_method(
        tx,
        &mrn,
        &method(
            MethodKind::Card,
            "5555555555554444",
            "Mastercard",
            Some((11, 2029)),
            true,
        ),
    )?;
    link_phone(tx, &mrn, "+13015550102", true, now)
}

fn seed_grace(
    conn: &mut Connection,
    plan: &Plan,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    let mrn = mrn(GRACE)?;
    let member = Member {
        mrn: mrn.clone(),
        name: "Grace Kim".into(),
        birth_date: date(1992, 1, 5)?,
        email: "grace@example.org".into(),
        mobile: Some("+12065550103".into()),
        region: "washington".into(),
        coverage: Coverage::Cobra,
        language: Language::EnUs,
    };
    let rule = region_rule(plan, &member.region)?;
    let next_month = next_coverage_month(rule, today);
    let tx = conn.transaction()?;
    storage::insert_member(&tx, &member, Decimal::ZERO, now)?;
    let checking = storage::insert_method(
        &tx,
        &mrn,
        &method(MethodKind::Bank, "000123451111", "Checking", None, true),
    )?;
    // Fifteen paid months, then the open one. Premiums changed in January (a new rate year).
    let mut history = Vec::new();
    for (i, back) in (1..=15u32).rev().enumerate() {
        let month = next_month
            .checked_sub_months(Months::new(back))
            .unwrap_or(next_month);
        let cents = if month.year() < next_month.year() {
            37200
        } else {
            38900
        };
        let id = format!("P-{}", 3001 + i);
        let b = premium_bill(
            &id,
            plan,
            &member.region,
            month,
            vec![premium_line(month, cents)],
        )?;
        storage::insert_bill(&tx, &mrn, &b)?;
        history.push((b, cents));
    }
    let open = premium_bill(
        "P-3016",
        plan,
        &member.region,
        next_month,
        vec![premium_line(next_month, 38900)],
    )?;
    storage::insert_bill(&tx, &mrn, &open)?;
    storage::set_autopay(
        &tx,
        &mrn,
        Some(&Autopay {
            method_id: checking,
            frequency: Frequency::MonthlyDueDate,
            scope: AutopayScope::Premium,
            next_run: open.due_date,
        }),
        now,
    )?;
    let enrolled_at = history
        .first()
        .map(|(b, _)| {
            b.statement_date
                .and_hms_opt(9, 0, 0)
                .unwrap_or_default()
                .and_utc()
        })
        .unwrap_or(now);
    storage::set_paperless(&tx, &mrn, true, enrolled_at)?;
    link_phone(&tx, &mrn, "+12065550103", true, now)?;
    storage::record_consent(&tx, "+12065550103", false, Some("STOP"), now)?;
    tx.commit()?;
    for (b, cents) in history {
        let at = b
            .due_date
            .and_hms_opt(6, 0, 0)
            .unwrap_or_default()
            .and_utc();
        let p = storage::begin_payment(
            conn,
            &NewPayment {
                mrn: mrn.clone(),
                method_id: checking,
                kind: PaymentKind::Autopay,
                amount: dollars(cents),
                credit_used: Decimal::ZERO,
                allocations: vec![Allocation {
                    bill_id: b.id.clone(),
                    amount: dollars(cents),
                }],
                idempotency_key: format!("demo:autopay:{}", b.id),
                pay_date: b.due_date,
                created_at: at,
            },
        )?;
        let confirmation = format!("KP-{}-G{}", b.due_date.format("%y%m%d"), &b.id[2..]);
        storage::finish_payment(
            conn,
            p.id,
            Finish::Succeeded {
                confirmation: &confirmation,
                gateway_ref: "demo",
            },
        )?;
    }
    Ok(())
}

fn premium_line(month: NaiveDate, cents: i64) -> LineItem {
    line(
        &format!(
            "Monthly premium, {} (COBRA continuation)",
            month_label(month)
        ),
        None,
        None,
        None,
        cents,
        0,
        0,
    )
}

/// Links the member's mobile number and records their SMS consent.
fn link_phone(
    tx: &Connection,
    mrn: &Mrn,
    phone: &str,
    opted_in: bool,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    storage::link_address(tx, "sms", phone, mrn, now)?;
    storage::record_consent(tx, phone, opted_in, None, now)
}
