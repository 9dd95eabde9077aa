//! The web channel against the running server: registration, verification, sign-in,
//! sessions, the chat API and WebSocket, the dashboard, PDFs, methods, and the guards.

use billbot::billing::{Coverage, Language, Member};
use billbot::storage;
use futures_util::{SinkExt, StreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, now, spawn_app};

async fn post(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.client
        .post(format!("{}{path}", app.base))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .unwrap()
}

async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    post(
        app,
        "/api/login",
        json!({ "email": email, "password": password }),
    )
    .await
}

/// A plan member who has not registered for the web yet.
fn add_member(app: &TestApp) {
    let member = Member {
        mrn: "11000009".parse().unwrap(),
        name: "María José López".into(),
        birth_date: "1975-06-15".parse().unwrap(),
        email: "maria@example.org".into(),
        mobile: None,
        region: "colorado".into(),
        coverage: Coverage::Individual,
        language: Language::EsUs,
    };
    storage::insert_member(
        &app.db.connect(),
        &member,
        rust_decimal::Decimal::ZERO,
        now(),
    )
    .unwrap();
}

fn registration() -> Value {
    json!({
        "name": "maria jose lopez",
        "email": "Maria@Example.org",
        "mrn": "1100-0009",
        "birth_date": "1975-06-15",
        "password": "a long password",
        "accept_terms": true,
    })
}

/// The six-digit code in the latest verification e-mail to `to`.
fn code_sent_to(app: &TestApp, to: &str) -> String {
    let body: String = app
        .db
        .connect()
        .query_row(
            "SELECT body_text FROM outbox WHERE recipient = ?1 ORDER BY id DESC LIMIT 1",
            [to],
            |r| r.get(0),
        )
        .unwrap();
    body.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .expect("a six-digit code in the e-mail")
        .to_owned()
}

#[tokio::test]
async fn registration_verification_and_sign_in() {
    let app = spawn_app().await;
    add_member(&app);
    let r = post(&app, "/api/register", registration()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Not verified yet: the right password is not enough.
    let r = login(&app, "maria@example.org", "a long password").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let code = code_sent_to(&app, "maria@example.org");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = post(
        &app,
        "/api/verify",
        json!({ "email": "maria@example.org", "code": wrong }),
    )
    .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = post(
        &app,
        "/api/verify",
        json!({ "email": "MARIA@example.org", "code": code }),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    // A used code does not work twice.
    let r = post(
        &app,
        "/api/verify",
        json!({ "email": "maria@example.org", "code": code }),
    )
    .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = login(&app, "maria@example.org", "a long password").await;
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let me: Value = get(&app, "/api/me").await.json().await.unwrap();
    assert_eq!(me["name"], "María José López");
    assert_eq!(me["language"], "es-US");
    // The same member cannot register twice.
    let r = post(&app, "/api/register", registration()).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn registration_that_does_not_match_a_member_changes_nothing() {
    let app = spawn_app().await;
    add_member(&app);
    for (field, value) in [
        ("email", "someone.else@example.org"),
        ("birth_date", "1975-06-16"),
        ("name", "Maria Perez"),
        ("mrn", "11000008"),
        ("mrn", "abc"),
        ("birth_date", "1975-02-30"),
    ] {
        let mut form = registration();
        form[field] = json!(value);
        let r = post(&app, "/api/register", form).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{field}={value}");
        let body: Value = r.json().await.unwrap();
        assert!(
            body["error"].as_str().unwrap().contains("couldn't match"),
            "{body}"
        );
    }
    let mut form = registration();
    form["accept_terms"] = json!(false);
    assert_eq!(
        post(&app, "/api/register", form).await.status(),
        StatusCode::BAD_REQUEST
    );
    let accounts: i64 = app
        .db
        .connect()
        .query_row(
            "SELECT count(*) FROM web_accounts WHERE mrn = '11000009'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(accounts, 0);
    let mails: i64 = app
        .db
        .connect()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mails, 0);
}

#[tokio::test]
async fn failed_sign_ins_are_limited_without_revealing_accounts() {
    let app = spawn_app().await;
    let unknown = login(&app, "nobody@example.org", "whatever1").await;
    let wrong = login(&app, "ana@example.org", "wrong-password").await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        unknown.text().await.unwrap(),
        wrong.text().await.unwrap(),
        "same answer either way"
    );
    for _ in 0..4 {
        login(&app, "ana@example.org", "wrong-password").await;
    }
    // Locked for now, even with the right password.
    let r = login(&app, "ana@example.org", "demo-ana").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    // Other accounts are not affected.
    assert_eq!(
        login(&app, "luis@example.org", "demo-luis").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn sessions_expire_after_thirty_idle_minutes_and_end_on_sign_out() {
    let app = spawn_app().await;
    assert_eq!(
        login(&app, "ana@example.org", "demo-ana").await.status(),
        StatusCode::OK
    );
    assert_eq!(get(&app, "/api/me").await.status(), StatusCode::OK);
    app.db
        .connect()
        .execute(
            "UPDATE sessions SET last_seen = ?1",
            [now() - chrono::Duration::minutes(31)],
        )
        .unwrap();
    assert_eq!(
        get(&app, "/api/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "ana@example.org", "demo-ana").await.status(),
        StatusCode::OK
    );
    let r = post(&app, "/api/logout", json!({})).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        get(&app, "/api/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let sessions: i64 = app
        .db
        .connect()
        .query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn the_dashboard_and_pdfs_show_only_the_members_own_bills() {
    let app = spawn_app().await;
    assert_eq!(
        get(&app, "/api/me/summary").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&app, "/api/bills/M-1003/pdf").await.status(),
        StatusCode::NOT_FOUND
    );
    login(&app, "ana@example.org", "demo-ana").await;
    let s: Value = get(&app, "/api/me/summary").await.json().await.unwrap();
    assert_eq!(s["total_due"], "667.65");
    assert_eq!(s["credits"], "20.00");
    let ids: Vec<&str> = s["bills_due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["P-1001", "M-1002", "M-1003"]);
    let r = get(&app, "/api/bills/M-1003/pdf").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF-"));
    // Luis's bill is not Ana's: not found, as if it did not exist.
    assert_eq!(
        get(&app, "/api/bills/M-2001/pdf").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/api/bills/NOPE/pdf").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn visitors_chat_about_faqs_but_see_no_account_data() {
    let app = spawn_app().await;
    let r: Value = post(
        &app,
        "/api/chat/messages",
        json!({ "text": "what do I owe?" }),
    )
    .await
    .json()
    .await
    .unwrap();
    let text = r["replies"][0]["text"].as_str().unwrap();
    assert!(text.contains("sign in"), "{text}");
    assert!(!text.contains("667.65"));
    let r: Value = post(
        &app,
        "/api/chat/messages",
        json!({ "text": "how can I pay by phone?" }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        r["replies"][0]["text"]
            .as_str()
            .unwrap()
            .contains("877-365-9900"),
        "{r}"
    );
    let r = post(&app, "/api/chat/messages", json!({ "text": "   " })).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_signed_in_member_pays_through_the_chat_api() {
    let app = spawn_app().await;
    login(&app, "ana@example.org", "demo-ana").await;
    let r: Value = post(
        &app,
        "/api/chat/messages",
        json!({ "text": "pay 10 on my lab bill" }),
    )
    .await
    .json()
    .await
    .unwrap();
    let yes = r["replies"][0]["buttons"][0]["value"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(yes.starts_with("!yes@"), "{r}");
    let r: Value = post(&app, "/api/chat/messages", json!({ "text": yes }))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        r["replies"][0]["text"]
            .as_str()
            .unwrap()
            .contains("You paid $10.00"),
        "{r}"
    );
    let s: Value = get(&app, "/api/me/summary").await.json().await.unwrap();
    assert_eq!(s["total_due"], "657.65");
    assert_eq!(s["recent_payments"][0]["amount"], "10.00");
    // "You'll get an e-mail confirmation each time a payment is made."
    let receipt: String = app
        .db
        .connect()
        .query_row(
            "SELECT body_text FROM outbox WHERE recipient = 'ana@example.org'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        receipt.contains("$10.00") && receipt.contains("M-1003") && receipt.contains("Visa 4242"),
        "{receipt}"
    );
}

#[tokio::test]
async fn oversized_and_malformed_bodies_get_clear_4xx() {
    let app = spawn_app().await;
    let big = "x".repeat(20_000);
    let r = post(&app, "/api/chat/messages", json!({ "text": big })).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = r.json().await.unwrap();
    assert!(body["error"].is_string());
    let r = app
        .client
        .post(format!("{}/api/login", app.base))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = app
        .client
        .post(format!("{}/api/login", app.base))
        .body("email=a&password=b")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let app = spawn_app().await;
    let r = app
        .client
        .post(format!("{}/api/login", app.base))
        .header("origin", "https://evil.example")
        .json(&json!({ "email": "ana@example.org", "password": "demo-ana" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.headers().get("set-cookie").is_none());
    let r = app
        .client
        .post(format!("{}/api/login", app.base))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({ "email": "ana@example.org", "password": "demo-ana" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .client
        .post(format!("{}/api/login", app.base))
        .header("origin", app.base.clone())
        .json(&json!({ "email": "ana@example.org", "password": "demo-ana" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/methods/new", "/static/app.js", "/api/me"] {
        let r = get(&app, path).await;
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
    }
    let page = get(&app, "/").await.text().await.unwrap();
    assert!(page.contains("/static/app.js"));
    assert!(
        !page.contains("<script>") && !page.contains("onclick="),
        "no inline script"
    );
    assert_eq!(
        get(&app, "/static/../Cargo.toml").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn payment_methods_are_tokenized_and_digits_never_kept() {
    let app = spawn_app().await;
    let card = json!({ "type": "card", "number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2031 });
    assert_eq!(
        post(&app, "/api/methods", card.clone()).await.status(),
        StatusCode::UNAUTHORIZED
    );
    login(&app, "luis@example.org", "demo-luis").await;
    let r = post(&app, "/api/methods", card).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("\"last4\":\"4242\"") && !body.contains("4242424242424242"),
        "{body}"
    );
    let bad =
        json!({ "type": "card", "number": "4242424242424241", "exp_month": 12, "exp_year": 2031 });
    assert_eq!(
        post(&app, "/api/methods", bad).await.status(),
        StatusCode::BAD_REQUEST
    );
    let bank = json!({ "type": "bank", "routing": "110000000", "account": "000123456789", "account_type": "savings" });
    assert_eq!(
        post(&app, "/api/methods", bank).await.status(),
        StatusCode::CREATED
    );
    let bad_routing = json!({ "type": "bank", "routing": "110000001", "account": "000123456789" });
    assert_eq!(
        post(&app, "/api/methods", bad_routing).await.status(),
        StatusCode::BAD_REQUEST
    );
    let conn = app.db.connect();
    let leaked: i64 = conn
        .query_row(
            "SELECT count(*) FROM payment_methods WHERE token LIKE '%4242424242424242%' OR token LIKE '%000123456789%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leaked, 0);
    let methods = storage::methods_for(&conn, &"11000002".parse().unwrap()).unwrap();
    assert_eq!(methods.len(), 3);
    assert!(
        methods
            .iter()
            .any(|m| m.brand == "Savings" && m.last4 == "6789")
    );
}

#[tokio::test]
async fn a_member_gets_a_short_lived_telegram_link_code() {
    let app = spawn_app().await;
    assert_eq!(
        post(&app, "/api/telegram/link-code", json!({}))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    login(&app, "ana@example.org", "demo-ana").await;
    let r: Value = post(&app, "/api/telegram/link-code", json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["code"].as_str().unwrap().len(), 8);
    assert_eq!(r["expires_in_minutes"], 10);
}

#[tokio::test]
async fn the_websocket_carries_the_same_frames_and_checks_its_origin() {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let app = spawn_app().await;
    let url = format!("{}/api/chat/ws", app.base.replace("http://", "ws://"));
    let mut request = url.clone().into_client_request().unwrap();
    request
        .headers_mut()
        .insert("origin", app.base.parse().unwrap());
    let (mut ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    ws.send(tokio_tungstenite::tungstenite::Message::Text(
        json!({ "text": "how do I pay by mail?" })
            .to_string()
            .into(),
    ))
    .await
    .unwrap();
    let frame = ws.next().await.unwrap().unwrap();
    let v: Value = serde_json::from_str(frame.to_text().unwrap()).unwrap();
    assert!(
        v["replies"][0]["text"]
            .as_str()
            .unwrap()
            .contains("P.O. Box"),
        "{v}"
    );

    let mut evil = url.into_client_request().unwrap();
    evil.headers_mut()
        .insert("origin", "https://evil.example".parse().unwrap());
    assert!(
        tokio_tungstenite::connect_async(evil).await.is_err(),
        "a cross-site socket was accepted"
    );
}

/// Whether an outside tool exists; when `BILLBOT_REQUIRE_TOOLS=1` (CI) a missing tool
/// fails the test instead of skipping it.
pub fn have_tool(tool: &str) -> bool {
    let found = std::process::Command::new(tool).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("BILLBOT_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{tool} is required (BILLBOT_REQUIRE_TOOLS=1) but not installed"
        );
        eprintln!(
            "SKIPPED: {tool} is not installed; install it (Debian: poppler-utils / chromium-driver) to run this test"
        );
    }
    found
}

#[tokio::test]
async fn the_bill_pdf_opens_with_standard_tools() {
    let app = spawn_app().await;
    login(&app, "ana@example.org", "demo-ana").await;
    let bytes = get(&app, "/api/bills/M-1003/pdf")
        .await
        .bytes()
        .await
        .unwrap();
    if !have_tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bill.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "Ana García",
        "11000001",
        "M-1003",
        "Comprehensive metabolic panel",
        "Lipid panel",
        "Dr. Lee",
        "$230.15",
        "P.O. Box 7158",
        "877-365-9900",
        "1-800-218-1059",
    ] {
        assert!(
            text.contains(needle),
            "the PDF text lacks {needle:?}:\n{text}"
        );
    }
}
