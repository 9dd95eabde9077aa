//! Payments per second through storage with durable commits (WAL, synchronous = FULL) on
//! a real database file: each iteration is one whole payment — validate, record and
//! reserve, charge the sandbox gateway, record the outcome.

use std::sync::atomic::{AtomicU64, Ordering};

use billbot::billing::{Bill, BillKind, LineItem, MethodKind, Mrn, PaymentKind, PaymentMethod};
use billbot::config::Clock;
use billbot::gateway::SandboxGateway;
use billbot::ledger::{self, PayOrder, PayTarget};
use billbot::storage;
use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rust_decimal::Decimal;

fn payments(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let mut conn = storage::open(&path).expect("open");
    let plan = billbot::plan::Plan::from_toml(include_str!("../plan.toml")).expect("plan");
    let today: NaiveDate = "2026-11-27".parse().expect("date");
    let now = Clock::fixed_date(today).now();
    billbot::demo::seed(&mut conn, &plan, today, now).expect("seed");
    let mrn: Mrn = billbot::demo::ANA.parse().expect("mrn");
    // A bill big enough to take every iteration's dollar.
    let big = Bill::new(
        "M-BENCH".into(),
        BillKind::Medical,
        "hospital".into(),
        today,
        today,
        None,
        vec![LineItem {
            service: "Benchmark".into(),
            visit_date: None,
            provider: None,
            facility: None,
            charges: Decimal::new(1_000_000_000, 2),
            plan_paid: Decimal::ZERO,
            adjustments: Decimal::ZERO,
            member_share: Decimal::new(1_000_000_000, 2),
        }],
        Decimal::ZERO,
    )
    .expect("bill");
    storage::insert_bill(&conn, &mrn, &big).expect("insert bill");
    let method_id = storage::insert_method(
        &conn,
        &mrn,
        &PaymentMethod {
            id: 0,
            token: SandboxGateway::token_for(MethodKind::Card, "4242424242424242", "4242"),
            kind: MethodKind::Card,
            brand: "Visa".into(),
            last4: "4242".into(),
            expiry: Some((12, 2030)),
            is_default: false,
        },
    )
    .expect("method");
    let gateway = SandboxGateway::new();
    let n = AtomicU64::new(0);

    let mut group = c.benchmark_group("ledger");
    group.throughput(Throughput::Elements(1));
    group.sample_size(30);
    group.bench_function("one_time_payment_durable", |b| {
        b.iter(|| {
            let key = format!("bench-{}", n.fetch_add(1, Ordering::Relaxed));
            let order = PayOrder {
                mrn: mrn.clone(),
                method_id,
                kind: PaymentKind::OneTime,
                target: PayTarget::Bill {
                    bill_id: "M-BENCH".into(),
                    amount: Decimal::ONE,
                },
                idempotency_key: key,
                pay_date: today,
                now,
            };
            ledger::pay(&mut conn, &gateway, &order).expect("payment")
        })
    });
    group.finish();
}

criterion_group!(benches, payments);
criterion_main!(benches);
