//! Logs of whole SMS and Telegram conversations contain no phone numbers, MRNs, names,
//! e-mail addresses, birth dates, card digits or message text.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::json;

use crate::sms::{sms_app, text};

/// Every log line of the test process, at the production default level (info).
fn captured() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter("info")
            .with_ansi(false)
            .with_writer(move || Writer(sink.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one global subscriber");
        buffer
    })
    .clone()
}

struct Writer(Arc<Mutex<Vec<u8>>>);

impl Write for Writer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn conversations_leave_no_personal_data_in_the_logs() {
    let logs = captured();
    let app = sms_app().await;
    // SMS: a payment, a card number typed by mistake, STOP, and a LINK flow.
    text(&app, "+15105550101", "what do I owe?").await;
    text(&app, "+15105550101", "pay 40 on my lab bill").await;
    text(&app, "+15105550101", "YES").await;
    text(&app, "+15105550101", "my card is 4242 4242 4242 4242").await;
    text(&app, "+15105550101", "STOP").await;
    text(&app, "+15550001111", "LINK").await;
    text(&app, "+15550001111", "11000001").await;
    text(&app, "+15550001111", "04/12/1980").await;
    text(&app, "+15550001111", "123456").await;
    // A bad signature is logged as rejected, without its content.
    app.client
        .post(format!("{}/sms/twilio", app.base))
        .header("x-twilio-signature", "forged")
        .body("From=%2B15105550101&Body=secret+text")
        .send()
        .await
        .unwrap();

    // Telegram: a chat that is not linked asks about its bill.
    let api = crate::fakes::FakeBotApi::start().await;
    let tg = crate::support::spawn_app_with(billbot::startup::Options {
        telegram_bot_token: Some("123:test-token".into()),
        telegram_webhook_secret: Some("s3cret".into()),
        telegram_api_url: Some(api.url.clone()),
        ..Default::default()
    })
    .await;
    let update = json!({
        "update_id": 1,
        "message": {
            "message_id": 1, "date": 1_700_000_000,
            "chat": { "id": 4242, "type": "private", "first_name": "Ana" },
            "from": { "id": 4242, "is_bot": false, "first_name": "Ana", "language_code": "en" },
            "text": "how much do I owe on my hospital bill"
        }
    });
    tg.client
        .post(format!("{}/telegram/webhook", tg.base))
        .header("x-telegram-bot-api-secret-token", "s3cret")
        .json(&update)
        .send()
        .await
        .unwrap();

    let text = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(
        text.contains("number opted out"),
        "the test must see billbot's own logs:\n{text}"
    );
    for secret in [
        "+15105550101",
        "5105550101",
        "+15550001111",
        "11000001",
        "Ana",
        "García",
        "ana@example.org",
        "1980-04-12",
        "04/12/1980",
        "4242",
        "pay 40",
        "what do I owe",
        "hospital bill",
        "secret text",
    ] {
        assert!(
            !text.contains(secret),
            "the logs contain {secret:?}:\n{text}"
        );
    }
}
