//! Linking an unknown phone to a member by text: MRN, birth date, and a code e-mailed
//! (through a fake SMTP server) to the address on file.

use billbot::startup::Options;

use crate::fakes::{FakeSmtp, six_digits};
use crate::sms::{sms_options, text};
use crate::support::spawn_app_with;

const PHONE: &str = "+15550000001";

#[tokio::test]
async fn a_new_phone_links_with_mrn_birth_date_and_an_emailed_code() {
    let smtp = FakeSmtp::start().await;
    let app = spawn_app_with(Options {
        smtp_url: Some(smtp.url.clone()),
        ..sms_options()
    })
    .await;

    let (_, m) = text(&app, PHONE, "what do I owe?").await;
    assert!(m.contains("Reply LINK") && !m.contains("$667.65"), "{m}");
    let (_, m) = text(&app, PHONE, "how do I pay by phone?").await;
    assert!(m.contains("877-365-9900"), "FAQs work before linking: {m}");

    let (_, m) = text(&app, PHONE, "LINK").await;
    assert!(m.contains("medical record number"), "{m}");
    let (_, m) = text(&app, PHONE, "1100-0001").await;
    assert!(m.contains("date of birth"), "{m}");
    let (_, m) = text(&app, PHONE, "01/01/1980").await;
    assert!(m.contains("don't match"), "{m}");
    text(&app, PHONE, "11000001").await;
    let (_, m) = text(&app, PHONE, "04/12/1980").await;
    assert!(
        m.contains("a***@example.org") && !m.contains("ana@example.org"),
        "{m}"
    );

    let mail = smtp.wait_for("To: ana@example.org").await;
    let code = six_digits(mail.split("\n\n").nth(1).unwrap_or(&mail));
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (_, m) = text(&app, PHONE, wrong).await;
    assert!(m.contains("isn't right"), "{m}");
    let (_, m) = text(&app, PHONE, &code).await;
    assert!(m.contains("You're linked"), "{m}");
    let (_, m) = text(&app, PHONE, "what do I owe?").await;
    assert!(m.contains("$667.65"), "{m}");
    // The code was single-use.
    let (_, m) = text(&app, PHONE, &code).await;
    assert!(!m.contains("You're linked"), "{m}");
}

#[tokio::test]
async fn expired_codes_and_too_many_tries_lock_the_flow() {
    let app = spawn_app_with(sms_options()).await;
    text(&app, PHONE, "LINK").await;
    text(&app, PHONE, "11000001").await;
    text(&app, PHONE, "04/12/1980").await;
    app.db
        .connect()
        .execute(
            "UPDATE one_time_codes SET expires_at = '2000-01-01T00:00:00Z'",
            [],
        )
        .unwrap();
    let body: String = app
        .db
        .connect()
        .query_row(
            "SELECT body_text FROM outbox ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let (_, m) = text(&app, PHONE, &six_digits(&body)).await;
    assert!(m.contains("expired"), "{m}");

    let other = "+15550000002";
    for _ in 0..5 {
        text(&app, other, "LINK").await;
        text(&app, other, "11000001").await;
        text(&app, other, "12/31/1999").await;
    }
    let (_, m) = text(&app, other, "LINK").await;
    assert!(m.contains("Too many tries"), "{m}");
    let linked: i64 = app
        .db
        .connect()
        .query_row(
            "SELECT count(*) FROM linked_addresses WHERE address IN (?1, ?2)",
            [PHONE, other],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, 0);
}
