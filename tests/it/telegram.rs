//! The Telegram channel against a local fake Bot API.

use billbot::startup::Options;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::fakes::FakeBotApi;
use crate::support::{TestApp, spawn_app_with};

const SECRET: &str = "webhook-secret-1";
const ANA_CHAT: i64 = 5_001;

async fn telegram_app() -> (TestApp, FakeBotApi) {
    let api = FakeBotApi::start().await;
    let app = spawn_app_with(Options {
        telegram_bot_token: Some("123:test-token".into()),
        telegram_webhook_secret: Some(SECRET.into()),
        telegram_api_url: Some(api.url.clone()),
        ..Options::default()
    })
    .await;
    (app, api)
}

fn user(chat: i64, lang: &str) -> Value {
    json!({ "id": chat, "is_bot": false, "first_name": "Member", "language_code": lang })
}

fn message(update: u32, chat: i64, lang: &str, text: &str) -> Value {
    json!({
        "update_id": update,
        "message": {
            "message_id": update + 10, "date": 1_700_000_000,
            "chat": { "id": chat, "type": "private", "first_name": "Member" },
            "from": user(chat, lang), "text": text
        }
    })
}

fn press(update: u32, chat: i64, data: &str) -> Value {
    json!({
        "update_id": update,
        "callback_query": {
            "id": format!("cb{update}"), "from": user(chat, "en"), "chat_instance": "ci", "data": data,
            "message": {
                "message_id": 7, "date": 1_700_000_000,
                "chat": { "id": chat, "type": "private", "first_name": "Member" }, "text": "..."
            }
        }
    })
}

async fn deliver(app: &TestApp, update: &Value, secret: Option<&str>) -> StatusCode {
    let mut req = app
        .client
        .post(format!("{}/telegram/webhook", app.base))
        .json(update);
    if let Some(s) = secret {
        req = req.header("x-telegram-bot-api-secret-token", s);
    }
    req.send().await.unwrap().status()
}

fn last_text(api: &FakeBotApi, chat: i64) -> String {
    api.sent_to(chat)
        .last()
        .map(|m| m["text"].as_str().unwrap_or("").to_owned())
        .unwrap_or_default()
}

/// Links Ana's chat with a deep-link code made on the web.
async fn link_ana(app: &TestApp, api: &FakeBotApi) {
    app.client
        .post(format!("{}/api/login", app.base))
        .json(&json!({ "email": "ana@example.org", "password": "demo-ana" }))
        .send()
        .await
        .unwrap();
    let code: Value = app
        .client
        .post(format!("{}/api/telegram/link-code", app.base))
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let start = format!("/start {}", code["code"].as_str().unwrap());
    assert_eq!(
        deliver(app, &message(1, ANA_CHAT, "en", &start), Some(SECRET)).await,
        StatusCode::OK
    );
    assert!(
        last_text(api, ANA_CHAT).contains("You're linked"),
        "{}",
        last_text(api, ANA_CHAT)
    );
}

#[tokio::test]
async fn a_wrong_or_missing_secret_is_refused() {
    let (app, api) = telegram_app().await;
    assert_eq!(
        deliver(&app, &message(1, 9, "en", "hi"), Some("nope")).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        deliver(&app, &message(1, 9, "en", "hi"), None).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(api.count("SendMessage"), 0);
    // Without the bot's secrets the route is off.
    let off = crate::support::spawn_app().await;
    assert_eq!(
        deliver(&off, &message(1, 9, "en", "hi"), Some(SECRET)).await,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_linked_chat_pays_with_inline_buttons_once() {
    let (app, api) = telegram_app().await;
    link_ana(&app, &api).await;
    deliver(
        &app,
        &message(2, ANA_CHAT, "en", "pay 10 on my lab bill"),
        Some(SECRET),
    )
    .await;
    let quote = api.sent_to(ANA_CHAT).last().cloned().unwrap();
    assert!(
        quote["text"]
            .as_str()
            .unwrap()
            .contains("$10.00 on your lab bill"),
        "{quote}"
    );
    let yes = quote["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(yes.starts_with("!yes@"), "{quote}");

    assert_eq!(
        deliver(&app, &press(3, ANA_CHAT, &yes), Some(SECRET)).await,
        StatusCode::OK
    );
    assert!(last_text(&api, ANA_CHAT).contains("You paid $10.00"));
    assert_eq!(api.count("AnswerCallbackQuery"), 1);
    let sent = api.count("SendMessage");

    // Telegram delivers the same update again: nothing happens twice.
    assert_eq!(
        deliver(&app, &press(3, ANA_CHAT, &yes), Some(SECRET)).await,
        StatusCode::OK
    );
    assert_eq!(api.count("SendMessage"), sent);
    // The old button pressed again (a new update) cannot pay again.
    deliver(&app, &press(4, ANA_CHAT, &yes), Some(SECRET)).await;
    assert!(
        last_text(&api, ANA_CHAT).contains("earlier question"),
        "{}",
        last_text(&api, ANA_CHAT)
    );
    assert_eq!(app.gateway.charge_count(), 1);
    let balance: i64 = app
        .db
        .connect()
        .query_row(
            "SELECT amount_cents - paid_cents FROM bills WHERE id = 'M-1003'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(balance, 22_015);
}

#[tokio::test]
async fn a_spanish_speaking_user_gets_spanish_and_no_account_data_before_linking() {
    let (app, api) = telegram_app().await;
    deliver(&app, &message(1, 77, "es-MX", "hola"), Some(SECRET)).await;
    let hello = last_text(&api, 77);
    assert!(hello.contains("Hola"), "{hello}");
    deliver(
        &app,
        &message(2, 77, "es-MX", "¿cuánto debo?"),
        Some(SECRET),
    )
    .await;
    let reply = last_text(&api, 77);
    assert!(reply.contains("LINK") && !reply.contains("$"), "{reply}");
}

#[tokio::test]
async fn stickers_and_edits_get_a_polite_answer() {
    let (app, api) = telegram_app().await;
    let sticker = json!({
        "update_id": 1,
        "message": {
            "message_id": 5, "date": 1_700_000_000,
            "chat": { "id": 88, "type": "private", "first_name": "Member" },
            "from": user(88, "en"),
            "sticker": { "file_id": "s", "file_unique_id": "u", "type": "regular", "width": 512, "height": 512,
                         "is_animated": false, "is_video": false }
        }
    });
    assert_eq!(deliver(&app, &sticker, Some(SECRET)).await, StatusCode::OK);
    assert!(
        last_text(&api, 88).contains("only read text"),
        "{:?}",
        api.sent_to(88)
    );
    let mut edit = message(2, 88, "en", "pay 10");
    edit["edited_message"] = edit["message"].take();
    edit.as_object_mut().unwrap().remove("message");
    deliver(&app, &edit, Some(SECRET)).await;
    assert_eq!(api.sent_to(88).len(), 2);
    assert_eq!(app.gateway.charge_count(), 0);
}

#[tokio::test]
async fn group_chats_are_never_linked_or_told_about_accounts() {
    let (app, api) = telegram_app().await;
    let mut update = message(1, -900, "en", "LINK");
    update["message"]["chat"] = json!({ "id": -900, "type": "group", "title": "Family" });
    update["message"]["from"] = user(42, "en");
    assert_eq!(deliver(&app, &update, Some(SECRET)).await, StatusCode::OK);
    assert!(
        last_text(&api, -900).contains("private chat"),
        "{:?}",
        api.calls.lock().unwrap()
    );
    let flows: i64 = app
        .db
        .connect()
        .query_row("SELECT count(*) FROM link_flows", [], |r| r.get(0))
        .unwrap();
    assert_eq!(flows, 0);
}
