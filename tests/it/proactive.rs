//! Proactive work against fake outside services: autopay on the due date, receipts per
//! channel, idempotent runs, crash recovery, the consent gate, 21610, quiet hours,
//! one-click unsubscribe, declined autopay and its retry.

use billbot::billing::{Channel, MethodKind, Mrn, PaymentKind, PaymentMethod, Topic};
use billbot::config::Clock;
use billbot::gateway::SandboxGateway;
use billbot::ledger::{self, PayOrder, PayTarget};
use billbot::proactive::{delivery::deliver_all, run_due};
use billbot::startup::Options;
use billbot::storage;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal_macros::dec;

use crate::fakes::{FakeSmtp, FakeTwilio};
use crate::support::{TestApp, spawn_app_delivering_by_hand};

const ANA_PHONE: &str = "+15105550101";
const GRACE_PHONE: &str = "+12065550103";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Noon in California on `date` (no quiet hours).
fn noon(date: &str) -> Clock {
    Clock::Fixed(
        format!("{date}T20:00:00Z")
            .parse::<DateTime<Utc>>()
            .unwrap(),
    )
}

async fn app(smtp: Option<&FakeSmtp>, twilio: Option<&FakeTwilio>, clock: Clock) -> TestApp {
    let options = Options {
        public_url: Some("https://billbot.example".into()),
        smtp_url: smtp.map(|s| s.url.clone()),
        twilio_auth_token: twilio.map(|_| "test-auth-token".into()),
        twilio_account_sid: twilio.map(|_| "AC123".into()),
        twilio_from_number: twilio.map(|_| "+18005550000".into()),
        twilio_api_url: twilio.map(|t| t.url.clone()),
        ..Options::default()
    };
    spawn_app_delivering_by_hand(options, clock).await
}

fn count(app: &TestApp, sql: &str) -> i64 {
    app.db.connect().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn grace() -> Mrn {
    "11000003".parse().unwrap()
}

#[tokio::test]
async fn graces_autopay_runs_on_her_due_date_once() {
    let smtp = FakeSmtp::start().await;
    let twilio = FakeTwilio::start(&[]).await;
    let app = app(Some(&smtp), Some(&twilio), noon("2026-11-30")).await;
    let report = run_due(&app.state, day("2026-11-30")).await.unwrap();
    assert_eq!(report.autopay_paid, 1);
    let paid = count(
        &app,
        "SELECT count(*) FROM payments WHERE mrn = '11000003' AND idempotency_key LIKE 'autopay:%'",
    );
    assert_eq!(paid, 1);
    assert_eq!(
        count(
            &app,
            "SELECT amount_cents - paid_cents FROM bills WHERE id = 'P-3016'"
        ),
        0
    );
    // One receipt per chosen channel: e-mail; her texts are stopped (STOP).
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE recipient = 'grace@example.org'"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT count(*) FROM outbox WHERE recipient = '{GRACE_PHONE}'")
        ),
        0
    );
    deliver_all(&app.state, app.state.settings.clock.now())
        .await
        .unwrap();
    let mail = smtp.wait_for("To: grace@example.org").await;
    assert!(mail.contains("Payment received: $389.00"), "{mail}");
    assert!(
        mail.contains("List-Unsubscribe: <https://billbot.example/unsubscribe/"),
        "{mail}"
    );
    assert!(
        mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{mail}"
    );
    assert!(twilio.texts_to(GRACE_PHONE).is_empty());

    // The same date again changes nothing.
    let again = run_due(&app.state, day("2026-11-30")).await.unwrap();
    assert_eq!((again.autopay_paid, again.notices_queued), (0, 0));
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM payments WHERE idempotency_key LIKE 'autopay:%'"
        ),
        1
    );
    assert_eq!(app.gateway.charge_count(), 1);
    let next: NaiveDate = app
        .db
        .connect()
        .query_row(
            "SELECT next_run FROM autopay WHERE mrn = '11000003'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(next, day("2026-12-31"));
}

#[tokio::test]
async fn a_crash_between_payment_and_notice_still_tells_once() {
    let app = app(None, None, noon("2026-11-30")).await;
    // The first run paid, then died before queuing the receipt or moving the enrolment.
    let checking = storage::methods_for(&app.db.connect(), &grace()).unwrap()[0].id;
    let order = PayOrder {
        mrn: grace(),
        method_id: checking,
        kind: PaymentKind::Autopay,
        target: PayTarget::Bill {
            bill_id: "P-3016".into(),
            amount: dec!(389.00),
        },
        idempotency_key: "autopay:11000003:P-3016:2026-11-30".into(),
        pay_date: day("2026-11-30"),
        now: app.state.settings.clock.now(),
    };
    ledger::pay(&mut app.db.connect(), &SandboxGateway::new(), &order).unwrap();
    run_due(&app.state, day("2026-11-30")).await.unwrap();
    run_due(&app.state, day("2026-11-30")).await.unwrap();
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM payments WHERE mrn = '11000003' AND idempotency_key LIKE 'autopay:%'"
        ),
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE recipient = 'grace@example.org'"
        ),
        1
    );
}

#[tokio::test]
async fn reminders_text_only_numbers_that_agreed_and_respect_21610() {
    let twilio = FakeTwilio::start(&[ANA_PHONE]).await;
    let app = app(None, Some(&twilio), noon("2026-11-27")).await;
    // Ana has no autopay: her premium is due in 3 days.
    let report = run_due(&app.state, day("2026-11-27")).await.unwrap();
    assert!(report.notices_queued >= 2, "{report:?}");
    let text: String = app
        .db
        .connect()
        .query_row(
            &format!("SELECT body_text FROM outbox WHERE recipient = '{ANA_PHONE}'"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        text.contains("$412.50") && text.contains("Reply PAY"),
        "{text}"
    );
    assert!(
        !text.contains("Dr.") && !text.contains("premium tax credit"),
        "texts carry no services: {text}"
    );
    deliver_all(&app.state, app.state.settings.clock.now())
        .await
        .unwrap();
    // The carrier answered 21610: the number is now opted out, and nothing else goes.
    let opted_in: bool = app
        .db
        .connect()
        .query_row(
            "SELECT opted_in FROM sms_consent WHERE phone = ?1",
            [ANA_PHONE],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!opted_in);
    assert!(twilio.texts_to(ANA_PHONE).is_empty());
}

#[tokio::test]
async fn texts_wait_for_daytime_and_an_opted_out_number_gets_nothing() {
    let twilio = FakeTwilio::start(&[]).await;
    // 23:00 in California.
    let late = Clock::Fixed("2026-11-28T07:00:00Z".parse().unwrap());
    let app = app(None, Some(&twilio), late).await;
    run_due(&app.state, day("2026-11-27")).await.unwrap();
    deliver_all(&app.state, app.state.settings.clock.now())
        .await
        .unwrap();
    assert!(
        twilio.texts_to(ANA_PHONE).is_empty(),
        "a reminder went out at night"
    );
    let not_before: DateTime<Utc> = app
        .db
        .connect()
        .query_row(
            &format!("SELECT next_attempt_at FROM outbox WHERE recipient = '{ANA_PHONE}'"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        not_before,
        "2026-11-28T16:00:00Z".parse::<DateTime<Utc>>().unwrap(),
        "08:00 Pacific"
    );

    // Whatever is queued for an opted-out number is stopped at the gate.
    storage::outbox::enqueue(
        &app.db.connect(),
        &storage::outbox::NewMessage {
            channel: "sms".into(),
            recipient: GRACE_PHONE.into(),
            body_text: "hello".into(),
            dedupe_key: "gate-test".into(),
            ..Default::default()
        },
        app.state.settings.clock.now(),
    )
    .unwrap();
    let report = deliver_all(&app.state, app.state.settings.clock.now())
        .await
        .unwrap();
    assert_eq!(report.suppressed, 1);
    assert!(twilio.texts_to(GRACE_PHONE).is_empty());
}

#[tokio::test]
async fn a_declined_autopay_is_retried_once_and_the_member_told() {
    let app = app(None, None, noon("2026-11-30")).await;
    let conn = app.db.connect();
    let declined = storage::insert_method(
        &conn,
        &grace(),
        &PaymentMethod {
            id: 0,
            token: SandboxGateway::token_for(MethodKind::Card, "4000000000000002", "0002"),
            kind: MethodKind::Card,
            brand: "Visa".into(),
            last4: "0002".into(),
            expiry: Some((12, 2030)),
            is_default: false,
        },
    )
    .unwrap();
    conn.execute(
        "UPDATE autopay SET method_id = ?1 WHERE mrn = '11000003'",
        [declined],
    )
    .unwrap();
    let first = run_due(&app.state, day("2026-11-30")).await.unwrap();
    assert_eq!(first.autopay_declined, 1);
    let body: String = conn
        .query_row(
            "SELECT body_text FROM outbox WHERE recipient = 'grace@example.org' ORDER BY id DESC",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        body.contains("declined") && body.contains("December 3, 2026"),
        "{body}"
    );
    run_due(&app.state, day("2026-12-03")).await.unwrap();
    run_due(&app.state, day("2026-12-04")).await.unwrap();
    // Two attempts in all (the run and one retry), both declined; the bill is still open.
    assert_eq!(app.gateway.charge_count(), 2);
    assert_eq!(
        count(
            &app,
            "SELECT amount_cents - paid_cents FROM bills WHERE id = 'P-3016'"
        ),
        38_900
    );
}

#[tokio::test]
async fn one_click_unsubscribe_turns_that_topic_off() {
    let app = app(None, None, noon("2026-11-30")).await;
    run_due(&app.state, day("2026-11-30")).await.unwrap();
    let url: String = app
        .db
        .connect()
        .query_row(
            "SELECT unsubscribe_url FROM outbox WHERE recipient = 'grace@example.org'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let path = url.strip_prefix("https://billbot.example").unwrap();
    let page = app
        .client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let prefs = storage::preferences_for(&app.db.connect(), &grace()).unwrap();
    let email_status = prefs
        .iter()
        .find(|p| p.channel == Channel::Email && p.topic == Topic::PaymentStatus)
        .unwrap();
    assert!(!email_status.enabled);
    let tampered = format!("{}{}x", app.base, path);
    assert_eq!(
        app.client.post(tampered).send().await.unwrap().status(),
        404
    );
}

#[tokio::test]
async fn reply_pay_to_a_reminder_opens_the_confirmed_quote() {
    let twilio = FakeTwilio::start(&[]).await;
    let app = app(None, Some(&twilio), noon("2026-11-27")).await;
    run_due(&app.state, day("2026-11-27")).await.unwrap();
    deliver_all(&app.state, app.state.settings.clock.now())
        .await
        .unwrap();
    let sent = twilio.texts_to(ANA_PHONE);
    assert!(
        sent.iter()
            .any(|t| t.contains("Reply PAY to pay $412.50 with Visa 4242")),
        "{sent:?}"
    );
    let (_, quote) = crate::sms::text(&app, ANA_PHONE, "PAY").await;
    assert!(
        quote.contains("$412.50 on your premium bill (P-1001)")
            && quote.contains("Reply YES or NO."),
        "{quote}"
    );
    let (_, receipt) = crate::sms::text(&app, ANA_PHONE, "YES").await;
    assert!(receipt.contains("You paid $412.50"), "{receipt}");
    assert_eq!(
        count(
            &app,
            "SELECT amount_cents - paid_cents FROM bills WHERE id = 'P-1001'"
        ),
        0
    );
}

#[tokio::test]
async fn linked_telegram_chats_get_the_notices_they_asked_for() {
    let api = crate::fakes::FakeBotApi::start().await;
    let options = Options {
        telegram_bot_token: Some("123:test-token".into()),
        telegram_webhook_secret: Some("secret".into()),
        telegram_api_url: Some(api.url.clone()),
        ..Options::default()
    };
    let app = spawn_app_delivering_by_hand(options, noon("2026-11-27")).await;
    let ana: Mrn = "11000001".parse().unwrap();
    let conn = app.db.connect();
    storage::link_address(
        &conn,
        "telegram",
        "777",
        &ana,
        app.state.settings.clock.now(),
    )
    .unwrap();
    storage::set_preference(
        &conn,
        &ana,
        Channel::Telegram,
        Topic::AutopayReminder,
        true,
        app.state.settings.clock.now(),
    )
    .unwrap();
    run_due(&app.state, day("2026-11-27")).await.unwrap();
    deliver_all(&app.state, app.state.settings.clock.now())
        .await
        .unwrap();
    let sent = api.sent_to(777);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0]["text"].as_str().unwrap().contains("$412.50"));
}
