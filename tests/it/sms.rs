//! The SMS channel against the running server, signed like Twilio signs.

use billbot::channels::sms::signature;
use billbot::startup::Options;
use reqwest::StatusCode;

use crate::support::{TestApp, spawn_app_with};

const TOKEN: &str = "test-auth-token";
const PUBLIC: &str = "https://billbot.example";
const ANA: &str = "+15105550101";
const GRACE: &str = "+12065550103";

pub fn sms_options() -> Options {
    Options {
        public_url: Some(PUBLIC.into()),
        twilio_auth_token: Some(TOKEN.into()),
        ..Options::default()
    }
}

pub async fn sms_app() -> TestApp {
    spawn_app_with(sms_options()).await
}

fn form(from: &str, body: &str, sid: &str) -> Vec<(String, String)> {
    vec![
        ("AccountSid".into(), "AC123".into()),
        ("Body".into(), body.into()),
        ("From".into(), from.into()),
        ("MessageSid".into(), sid.into()),
        ("To".into(), "+18005550000".into()),
    ]
}

/// Posts an inbound SMS with a valid signature; returns status and the message text.
pub async fn text(app: &TestApp, from: &str, body: &str) -> (StatusCode, String) {
    let sid = format!("SM{}", billbot::security::random_token());
    post_signed(app, &form(from, body, &sid), None).await
}

async fn post_signed(
    app: &TestApp,
    params: &[(String, String)],
    sig: Option<&str>,
) -> (StatusCode, String) {
    let good = signature::expected(TOKEN, &format!("{PUBLIC}/sms/twilio"), params);
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    let mut req = app
        .client
        .post(format!("{}/sms/twilio", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    if sig != Some("") {
        req = req.header("x-twilio-signature", sig.unwrap_or(&good));
    }
    let r = req.send().await.unwrap();
    let status = r.status();
    if status == StatusCode::OK {
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/xml")
        );
    }
    let xml = r.text().await.unwrap();
    let message = xml
        .split_once("<Message>")
        .and_then(|(_, rest)| rest.split_once("</Message>"))
        .map(|(m, _)| {
            m.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&apos;", "'")
                .replace("&quot;", "\"")
        })
        .unwrap_or_default();
    (status, message)
}

fn balance(app: &TestApp, bill: &str) -> String {
    app.db
        .connect()
        .query_row(
            "SELECT amount_cents - paid_cents FROM bills WHERE id = ?1",
            [bill],
            |r| r.get::<_, i64>(0),
        )
        .map(|c| format!("{}.{:02}", c / 100, c % 100))
        .unwrap()
}

fn opted_in(app: &TestApp, phone: &str) -> bool {
    app.db
        .connect()
        .query_row(
            "SELECT opted_in FROM sms_consent WHERE phone = ?1",
            [phone],
            |r| r.get(0),
        )
        .unwrap()
}

#[tokio::test]
async fn ana_pays_by_text() {
    let app = sms_app().await;
    let (s, m) = text(&app, ANA, "what do I owe?").await;
    assert_eq!(s, StatusCode::OK);
    assert!(m.contains("$667.65"), "{m}");
    let (_, m) = text(&app, ANA, "pay 40 on my lab bill").await;
    assert!(
        m.contains("$40.00") && m.contains("Reply YES or NO."),
        "{m}"
    );
    assert!(!m.contains("CANCEL"), "SMS prompts never say CANCEL: {m}");
    let (_, m) = text(&app, ANA, "YES").await;
    assert!(m.contains("You paid $40.00"), "{m}");
    assert_eq!(balance(&app, "M-1003"), "190.15");
}

#[tokio::test]
async fn numbered_options_are_answered_with_the_number() {
    let app = sms_app().await;
    let (_, m) = text(&app, ANA, "pay my bill").await;
    assert!(
        m.contains("1) premium bill (P-1001)") && m.contains("Reply with a number."),
        "{m}"
    );
    let (_, m) = text(&app, ANA, "3").await;
    assert!(m.contains("lab bill (M-1003)"), "{m}");
}

#[tokio::test]
async fn every_keyword_in_several_spellings() {
    let app = sms_app().await;
    for word in [
        "STOP",
        "stop",
        "Stop.",
        "STOPALL",
        "unsubscribe",
        "Cancel",
        "END",
        "quit",
        "REVOKE",
        "optout",
    ] {
        let (_, m) = text(&app, ANA, word).await;
        assert!(m.contains("unsubscribed"), "{word}: {m}");
        assert!(!opted_in(&app, ANA), "{word}");
        // Anything else gets no reply while opted out.
        let (s, m) = text(&app, ANA, "what do I owe?").await;
        assert_eq!((s, m.as_str()), (StatusCode::OK, ""), "{word}");
        for back in ["START", "unstop", "Yes"] {
            let (_, m) = text(&app, ANA, back).await;
            assert!(m.contains("subscribed to texts again"), "{back}: {m}");
            assert!(opted_in(&app, ANA));
            text(&app, ANA, word).await;
        }
        text(&app, ANA, "START").await;
    }
    for word in ["HELP", "help", "Info"] {
        let (_, m) = text(&app, ANA, word).await;
        for needed in [
            "KP billbot",
            "1-800-218-1059",
            "Msg&data rates may apply",
            "Reply STOP to cancel",
        ] {
            assert!(m.contains(needed), "{word}: {m}");
        }
    }
    // Opted out, HELP still answers.
    text(&app, ANA, "STOP").await;
    let (_, m) = text(&app, ANA, "HELP").await;
    assert!(m.contains("Reply STOP to cancel"));
    let log: i64 = app
        .db
        .connect()
        .query_row(
            "SELECT count(*) FROM sms_consent_log WHERE phone = ?1 AND keyword = 'QUIT'",
            [ANA],
            |r| r.get(0),
        )
        .unwrap();
    // QUIT opted out once, then again after each of START, UNSTOP and YES.
    assert_eq!(log, 4, "the ledger records every change and its keyword");
}

#[tokio::test]
async fn stop_in_the_middle_of_a_payment_pays_nothing() {
    let app = sms_app().await;
    let (_, m) = text(&app, ANA, "pay 40 on my lab bill").await;
    assert!(m.contains("Reply YES or NO."));
    let (_, m) = text(&app, ANA, "STOP").await;
    assert!(m.contains("unsubscribed"));
    // YES while opted out opts back in; it does not confirm the dropped payment.
    let (_, m) = text(&app, ANA, "YES").await;
    assert!(m.contains("subscribed to texts again"), "{m}");
    let (_, m) = text(&app, ANA, "yes").await;
    assert!(!m.contains("You paid"), "{m}");
    assert_eq!(balance(&app, "M-1003"), "230.15");
    assert_eq!(app.gateway.charge_count(), 0);
}

#[tokio::test]
async fn an_opted_out_number_gets_an_empty_reply() {
    let app = sms_app().await;
    let (s, m) = text(&app, GRACE, "what do I owe?").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(m, "");
}

#[tokio::test]
async fn a_retried_message_sid_acts_once_and_answers_the_same() {
    let app = sms_app().await;
    text(&app, ANA, "pay 40 on my lab bill").await;
    let params = form(ANA, "YES", "SM-the-same-one");
    let replies =
        futures_util::future::join_all((0..50).map(|_| post_signed(&app, &params, None))).await;
    assert!(replies.iter().all(|(s, _)| *s == StatusCode::OK));
    let first = &replies[0].1;
    assert!(first.contains("You paid $40.00"), "{first}");
    assert!(
        replies.iter().all(|(_, m)| m == first),
        "every retry gets the same reply"
    );
    assert_eq!(app.gateway.charge_count(), 1);
    assert_eq!(balance(&app, "M-1003"), "190.15");
}

#[tokio::test]
async fn forged_or_missing_signatures_change_nothing() {
    let app = sms_app().await;
    let params = form(ANA, "STOP", "SM-forged");
    let (s, _) = post_signed(&app, &params, Some("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = post_signed(&app, &params, Some("")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(opted_in(&app, ANA), "a forged STOP must not opt out");
    let seen: i64 = app
        .db
        .connect()
        .query_row("SELECT count(*) FROM inbound_seen", [], |r| r.get(0))
        .unwrap();
    assert_eq!(seen, 0);
    // Without the channel's secrets, the route is off.
    let off = crate::support::spawn_app().await;
    let (s, _) = post_signed(&off, &params, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn long_answers_are_paged_with_more() {
    let app = sms_app().await;
    // Grace is opted out: opt back in, then ask for 13 months of payments.
    text(&app, GRACE, "START").await;
    let (_, first) = text(&app, GRACE, "show my payments since last year").await;
    assert!(first.contains("Reply MORE"), "{first}");
    assert!(billbot::channels::sms::text::segments(&first) <= 4);
    let (_, more) = text(&app, GRACE, "MORE").await;
    assert!(!more.is_empty() && !more.contains(&first), "{more}");
}
