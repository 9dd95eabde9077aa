//! Storage and payments on a real database file: constraints, transactions, idempotency.

use billbot::billing::{Allocation, Mrn, PaymentKind, PaymentStatus};
use billbot::demo::{ANA, GRACE, LUIS};
use billbot::gateway::SandboxGateway;
use billbot::ledger::{self, LedgerError, PayOrder, PayTarget};
use billbot::storage::{self, NewPayment};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use crate::support::{TestDb, now, today};

fn mrn(s: &str) -> Mrn {
    s.parse().unwrap()
}

fn order(member: &str, method_id: i64, target: PayTarget, key: &str) -> PayOrder {
    PayOrder {
        mrn: mrn(member),
        method_id,
        kind: PaymentKind::OneTime,
        target,
        idempotency_key: key.into(),
        pay_date: today(),
        now: now(),
    }
}

fn lab(amount: Decimal) -> PayTarget {
    PayTarget::Bill {
        bill_id: "M-1003".into(),
        amount,
    }
}

fn ana_methods(db: &TestDb) -> (i64, i64) {
    let conn = db.connect();
    let methods = storage::methods_for(&conn, &mrn(ANA)).unwrap();
    let visa = methods.iter().find(|m| m.last4 == "4242").unwrap().id;
    let checking = methods.iter().find(|m| m.last4 == "6789").unwrap().id;
    (visa, checking)
}

fn balance(db: &TestDb, bill: &str) -> Decimal {
    let mut conn = db.connect();
    let who = if bill.starts_with("M-2") { LUIS } else { ANA };
    let account = storage::load_account(&mut conn, &mrn(who))
        .unwrap()
        .unwrap();
    account.bill(bill).unwrap().balance()
}

fn count(db: &TestDb, sql: &str) -> i64 {
    db.connect().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn demo_accounts_match_the_specification() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let ana = storage::load_account(&mut conn, &mrn(ANA))
        .unwrap()
        .unwrap();
    assert_eq!(ana.total_due(), dec!(667.65));
    assert_eq!(ana.credit, dec!(20.00));
    assert_eq!(ana.bills.len(), 3);
    assert_eq!(ana.bill("P-1001").unwrap().balance(), dec!(412.50));
    assert_eq!(
        ana.bill("P-1001").unwrap().due_date,
        "2026-11-30".parse().unwrap()
    );
    assert_eq!(ana.bill("M-1002").unwrap().balance(), dec!(45.00));
    assert_eq!(
        ana.bill("M-1002").unwrap().lines[0].provider.as_deref(),
        Some("Dr. Lee")
    );
    assert_eq!(ana.bill("M-1003").unwrap().balance(), dec!(230.15));
    assert_eq!(ana.default_method().unwrap().last4, "4242");
    assert!(ana.autopay.is_none());
    assert!(ana.sms.as_ref().unwrap().opted_in);

    let luis = storage::load_account(&mut conn, &mrn(LUIS))
        .unwrap()
        .unwrap();
    assert_eq!(luis.total_due(), dec!(2450.00));
    assert_eq!(luis.member.region, "maryland");
    assert_eq!(luis.methods[0].brand, "Mastercard");
    assert_eq!(luis.methods[0].last4, "4444");

    let grace = storage::load_account(&mut conn, &mrn(GRACE))
        .unwrap()
        .unwrap();
    assert_eq!(grace.total_due(), dec!(389.00));
    let autopay = grace.autopay.as_ref().unwrap();
    assert_eq!(autopay.frequency.to_string(), "monthly_due_date");
    assert_eq!(grace.method(autopay.method_id).unwrap().last4, "1111");
    assert_eq!(autopay.next_run, "2026-11-30".parse().unwrap());
    assert!(grace.paperless.enrolled && grace.paperless.terms_accepted_at.is_some());
    assert_eq!(grace.payments.len(), 15);
    assert!(
        grace
            .payments
            .iter()
            .all(|p| p.status == PaymentStatus::Succeeded)
    );
    let sms = grace.sms.as_ref().unwrap();
    assert!(!sms.opted_in);
    assert_eq!(sms.keyword.as_deref(), Some("STOP"));
}

#[test]
fn seeding_twice_changes_nothing() {
    let db = TestDb::new();
    let mut conn = db.connect();
    let created = billbot::demo::seed(&mut conn, &crate::support::plan(), today(), now()).unwrap();
    assert!(!created);
    assert_eq!(count(&db, "SELECT count(*) FROM members"), 3);
}

#[test]
fn the_database_runs_in_wal_mode_with_foreign_keys_and_survives_reopening() {
    let db = TestDb::new();
    let conn = db.connect();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, storage::latest_version());
    drop(conn);
    // Reopening runs no migration twice and keeps the data.
    assert_eq!(
        count(&db, "SELECT count(*) FROM bills WHERE mrn = '11000001'"),
        3
    );
}

#[test]
fn a_partial_payment_lowers_the_bill_and_gives_a_confirmation() {
    let db = TestDb::new();
    let (visa, _) = ana_methods(&db);
    let gw = SandboxGateway::new();
    let receipt = ledger::pay(
        &mut db.connect(),
        &gw,
        &order(ANA, visa, lab(dec!(40)), "q1"),
    )
    .unwrap();
    assert_eq!(receipt.status, PaymentStatus::Succeeded);
    assert_eq!(receipt.amount, dec!(40.00));
    assert!(
        receipt
            .confirmation
            .as_deref()
            .unwrap()
            .starts_with("KP-261127-")
    );
    assert_eq!(receipt.total_due_after, dec!(627.65));
    assert_eq!(balance(&db, "M-1003"), dec!(190.15));
}

#[test]
fn the_same_order_twice_pays_once() {
    let db = TestDb::new();
    let (visa, _) = ana_methods(&db);
    let gw = SandboxGateway::new();
    let o = order(ANA, visa, lab(dec!(10)), "quote-42");
    let first = ledger::pay(&mut db.connect(), &gw, &o).unwrap();
    for _ in 0..3 {
        let again = ledger::pay(&mut db.connect(), &gw, &o).unwrap();
        assert_eq!(again.payment_id, first.payment_id);
        assert_eq!(again.confirmation, first.confirmation);
        assert!(!again.first_time);
    }
    assert_eq!(gw.charge_count(), 1);
    assert_eq!(
        count(&db, "SELECT count(*) FROM payments WHERE mrn = '11000001'"),
        1
    );
    assert_eq!(balance(&db, "M-1003"), dec!(220.15));
}

#[test]
fn a_declined_card_changes_no_balance() {
    let db = TestDb::new();
    let gw = SandboxGateway::new();
    let mut conn = db.connect();
    let declined = billbot::billing::PaymentMethod {
        id: 0,
        token: SandboxGateway::token_for(
            billbot::billing::MethodKind::Card,
            "4000000000000002",
            "0002",
        ),
        kind: billbot::billing::MethodKind::Card,
        brand: "Visa".into(),
        last4: "0002".into(),
        expiry: Some((12, 2030)),
        is_default: false,
    };
    let id = storage::insert_method(&conn, &mrn(ANA), &declined).unwrap();
    let receipt =
        ledger::pay(&mut conn, &gw, &order(ANA, id, lab(dec!(50)), "q-declined")).unwrap();
    assert_eq!(receipt.status, PaymentStatus::Failed);
    assert_eq!(receipt.failure.as_deref(), Some("declined"));
    assert_eq!(receipt.confirmation, None);
    assert_eq!(balance(&db, "M-1003"), dec!(230.15));
    assert_eq!(receipt.total_due_after, dec!(667.65));
}

#[test]
fn insufficient_funds_on_a_bank_account_is_reported() {
    let db = TestDb::new();
    let gw = SandboxGateway::new();
    let mut conn = db.connect();
    let nsf = billbot::billing::PaymentMethod {
        id: 0,
        token: SandboxGateway::token_for(
            billbot::billing::MethodKind::Bank,
            "000222222227",
            "2227",
        ),
        kind: billbot::billing::MethodKind::Bank,
        brand: "Checking".into(),
        last4: "2227".into(),
        expiry: None,
        is_default: false,
    };
    let id = storage::insert_method(&conn, &mrn(ANA), &nsf).unwrap();
    let receipt = ledger::pay(&mut conn, &gw, &order(ANA, id, lab(dec!(5)), "q-nsf")).unwrap();
    assert_eq!(receipt.failure.as_deref(), Some("insufficient_funds"));
    assert_eq!(balance(&db, "M-1003"), dec!(230.15));
}

#[test]
fn paying_everything_uses_the_credit_and_clears_every_bill() {
    let db = TestDb::new();
    let (_, checking) = ana_methods(&db);
    let gw = SandboxGateway::new();
    let receipt = ledger::pay(
        &mut db.connect(),
        &gw,
        &order(
            ANA,
            checking,
            PayTarget::Everything {
                expected: dec!(667.65),
            },
            "all",
        ),
    )
    .unwrap();
    assert_eq!(receipt.amount, dec!(667.65));
    assert_eq!(receipt.total_due_after, dec!(0));
    let account = storage::load_account(&mut db.connect(), &mrn(ANA))
        .unwrap()
        .unwrap();
    assert_eq!(account.credit, dec!(0));
    assert!(account.bills.iter().all(|b| b.balance() == dec!(0)));
    // Nothing left to pay: a second "pay everything" (a new order) is refused.
    let err = ledger::pay(
        &mut db.connect(),
        &gw,
        &order(
            ANA,
            checking,
            PayTarget::Everything { expected: dec!(0) },
            "all-2",
        ),
    );
    assert!(matches!(err, Err(LedgerError::Amount(_))), "{err:?}");
}

#[test]
fn invalid_orders_change_nothing() {
    let db = TestDb::new();
    let (visa, _) = ana_methods(&db);
    let gw = SandboxGateway::new();
    let cases = [
        (lab(dec!(230.16)), "more than due"),
        (lab(dec!(0)), "zero"),
        (lab(dec!(-5)), "negative"),
        (lab(dec!(0.001)), "fraction of a cent"),
        (
            PayTarget::Bill {
                bill_id: "M-2001".into(),
                amount: dec!(10),
            },
            "another member's bill",
        ),
        (
            PayTarget::Bill {
                bill_id: "M-9999".into(),
                amount: dec!(10),
            },
            "no such bill",
        ),
    ];
    for (i, (target, why)) in cases.into_iter().enumerate() {
        let r = ledger::pay(
            &mut db.connect(),
            &gw,
            &order(ANA, visa, target, &format!("bad-{i}")),
        );
        assert!(r.is_err(), "{why} was accepted");
    }
    let luis_card = storage::methods_for(&db.connect(), &mrn(LUIS)).unwrap()[0].id;
    let r = ledger::pay(
        &mut db.connect(),
        &gw,
        &order(ANA, luis_card, lab(dec!(1)), "bad-method"),
    );
    assert!(matches!(r, Err(LedgerError::UnknownMethod)), "{r:?}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM payments WHERE mrn = '11000001'"),
        0
    );
    assert_eq!(gw.charge_count(), 0);
    assert_eq!(balance(&db, "M-1003"), dec!(230.15));
    assert_eq!(balance(&db, "M-2001"), dec!(2450.00));
}

#[test]
fn a_payment_that_fails_half_way_leaves_no_trace() {
    let db = TestDb::new();
    let (visa, _) = ana_methods(&db);
    let mut conn = db.connect();
    // The second allocation over-pays the office visit (45.00): the CHECK on bills refuses
    // it after the payment row and the first allocation were written.
    let bad = NewPayment {
        mrn: mrn(ANA),
        method_id: visa,
        kind: PaymentKind::OneTime,
        amount: dec!(100.00),
        credit_used: dec!(0),
        allocations: vec![
            Allocation {
                bill_id: "M-1003".into(),
                amount: dec!(40.00),
            },
            Allocation {
                bill_id: "M-1002".into(),
                amount: dec!(60.00),
            },
        ],
        idempotency_key: "half-way".into(),
        pay_date: today(),
        created_at: now(),
    };
    assert!(storage::begin_payment(&mut conn, &bad).is_err());
    assert_eq!(
        count(&db, "SELECT count(*) FROM payments"),
        15,
        "only Grace's history"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM payment_allocations WHERE bill_id LIKE 'M-%'"
        ),
        0
    );
    assert_eq!(balance(&db, "M-1003"), dec!(230.15));
    assert_eq!(balance(&db, "M-1002"), dec!(45.00));
}

#[test]
fn a_restart_between_recording_and_charging_charges_once() {
    let db = TestDb::new();
    let (visa, _) = ana_methods(&db);
    let o = order(ANA, visa, lab(dec!(30)), "crash-key");
    // First process: the payment is recorded, then the process dies before the gateway.
    let pending = NewPayment {
        mrn: mrn(ANA),
        method_id: visa,
        kind: PaymentKind::OneTime,
        amount: dec!(30.00),
        credit_used: dec!(0),
        allocations: vec![Allocation {
            bill_id: "M-1003".into(),
            amount: dec!(30.00),
        }],
        idempotency_key: "crash-key".into(),
        pay_date: today(),
        created_at: now(),
    };
    storage::begin_payment(&mut db.connect(), &pending).unwrap();
    // Second process: the same order is replayed and finishes the pending payment.
    let gw = SandboxGateway::new();
    let receipt = ledger::pay(&mut db.connect(), &gw, &o).unwrap();
    assert_eq!(receipt.status, PaymentStatus::Succeeded);
    assert_eq!(gw.charge_count(), 1);
    assert_eq!(
        count(&db, "SELECT count(*) FROM payments WHERE mrn = '11000001'"),
        1
    );
    assert_eq!(balance(&db, "M-1003"), dec!(200.15));
}

#[test]
fn constraints_refuse_negative_balances_and_duplicate_keys() {
    let db = TestDb::new();
    let conn = db.connect();
    let over = conn.execute(
        "UPDATE bills SET paid_cents = amount_cents + 1 WHERE id = 'M-1002'",
        [],
    );
    assert!(over.is_err(), "a bill was over-paid");
    let negative_credit = conn.execute(
        "UPDATE members SET credit_cents = -1 WHERE mrn = '11000001'",
        [],
    );
    assert!(negative_credit.is_err());
    let dup = conn.execute(
        "INSERT INTO payments (mrn, method_id, kind, amount_cents, status, idempotency_key, pay_date, created_at)
         SELECT mrn, method_id, kind, amount_cents, 'pending', idempotency_key, pay_date, created_at
         FROM payments LIMIT 1",
        [],
    );
    assert!(dup.is_err(), "an idempotency key was used twice");
    let bad_line = conn.execute(
        "INSERT INTO line_items (bill_id, position, service, charges_cents, plan_paid_cents,
                                 adjustments_cents, member_share_cents)
         VALUES ('M-1002', 9, 'x', 100, 50, 0, 60)",
        [],
    );
    assert!(
        bad_line.is_err(),
        "a line item that does not add up was stored"
    );
}

#[test]
fn demo_members_sign_in_with_their_demo_passwords() {
    let db = TestDb::new();
    let conn = db.connect();
    for (email, password) in [
        ("ana@example.org", "demo-ana"),
        ("LUIS@example.org", "demo-luis"),
        ("grace@example.org", "demo-grace"),
    ] {
        let account = storage::web::web_account_by_email(&conn, email)
            .unwrap()
            .unwrap();
        assert!(account.verified);
        assert!(
            billbot::security::verify_password(password, &account.password_hash),
            "{email}"
        );
        assert!(!billbot::security::verify_password(
            "wrong",
            &account.password_hash
        ));
    }
}
