//! The Telegram channel, through teloxide: a webhook on the same server (secret token
//! checked in constant time) or long polling, both deduplicated on `update_id`.
//!
//! A chat is linked to a member by `/start CODE` (the deep-link code made on the web) or
//! the LINK flow; quick replies are inline keyboards whose callback data is the button's
//! value, which names the question it answers, so an old button cannot act.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use teloxide::Bot;
use teloxide::payloads::{GetUpdatesSetters, SendMessageSetters, SetWebhookSetters};
use teloxide::requests::Requester;
use teloxide::types::{
    ChatId, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, UpdateKind,
};

use crate::assistant::Inbound;
use crate::billing::Language;
use crate::dialogue::{ChannelKind, Rendered};
use crate::security::{constant_time_eq, sha256_hex};
use crate::server::AppState;
use crate::storage::{self, StorageError, channels};

/// Telegram refuses messages longer than this.
const MAX_MESSAGE: usize = 4096;

/// The bot and its webhook secret.
pub struct TelegramConfig {
    pub bot: Bot,
    pub webhook_secret: String,
}

pub fn router() -> Router<AppState> {
    Router::new().route("/telegram/webhook", post(webhook))
}

/// Builds the bot from its token and (for tests) another Bot API address.
pub fn bot(token: &str, api_url: Option<&str>) -> Result<Bot, String> {
    let bot = Bot::new(token);
    match api_url {
        Some(url) => Ok(bot.set_api_url(
            url.parse()
                .map_err(|_| format!("TELEGRAM_API_URL is not a URL: {url}"))?,
        )),
        None => Ok(bot),
    }
}

/// `billbot telegram set-webhook`: registers `{public_url}/telegram/webhook` with the secret.
pub async fn set_webhook(bot: &Bot, public_url: &str, secret: &str) -> Result<(), String> {
    let url = format!("{}/telegram/webhook", public_url.trim_end_matches('/'));
    let url = url.parse().map_err(|_| format!("not a URL: {url}"))?;
    bot.set_webhook(url)
        .secret_token(secret.to_owned())
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

fn reject(status: StatusCode, why: &'static str) -> Response {
    metrics::counter!("billbot_webhooks_rejected_total", "channel" => "telegram", "why" => why)
        .increment(1);
    (status, why).into_response()
}

async fn webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let Some(config) = state.channels.telegram.as_ref() else {
        return reject(StatusCode::NOT_FOUND, "telegram channel off");
    };
    let given = headers
        .get("x-telegram-bot-api-secret-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !constant_time_eq(given.as_bytes(), config.webhook_secret.as_bytes()) {
        return reject(StatusCode::UNAUTHORIZED, "bad secret token");
    }
    let Ok(update) = serde_json::from_slice::<Update>(&body) else {
        // A kind of update this version cannot read: answer politely if it came from a
        // chat, and acknowledge it so Telegram does not retry it forever.
        return match unreadable(&state, &config.bot, &body).await {
            Ok(()) => reject(StatusCode::OK, "unreadable update"),
            Err(e) => {
                tracing::error!(error = %e, "telegram update failed");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        };
    };
    let id = update.id.0.to_string();
    match process(&state, &config.bot, update).await {
        Ok(()) => Json(serde_json::json!({})).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "telegram update failed");
            // Not handled: Telegram's retry is handled afresh.
            let _ = state
                .db
                .call(move |c| channels::release_delivery(c, "telegram", &id))
                .await;
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Replies "text only" to an update that teloxide's types cannot read (once per id).
async fn unreadable(state: &AppState, bot: &Bot, body: &[u8]) -> Result<(), StorageError> {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Ok(());
    };
    let (Some(id), Some(chat)) = (
        v["update_id"].as_u64(),
        v["message"]["chat"]["id"]
            .as_i64()
            .or(v["edited_message"]["chat"]["id"].as_i64()),
    ) else {
        return Ok(());
    };
    let now = state.settings.clock.now();
    let key = id.to_string();
    if state
        .db
        .call(move |c| channels::claim_delivery(c, "telegram", &key, now))
        .await?
        != channels::Claim::New
    {
        return Ok(());
    }
    let lang = v["message"]["from"]["language_code"]
        .as_str()
        .and_then(code_language);
    send(bot, ChatId(chat), &not_text(state, lang), &[]).await;
    let key = id.to_string();
    state
        .db
        .call(move |c| channels::finish_delivery(c, "telegram", &key, "handled"))
        .await
}

/// Long polling, for running without a public URL (`serve --telegram-polling`).
pub async fn poll(state: AppState) {
    let Some(config) = state.channels.telegram.as_ref() else {
        return;
    };
    let bot = config.bot.clone();
    let mut offset: i32 = 0;
    loop {
        match bot.get_updates().offset(offset).timeout(30).await {
            Ok(updates) => {
                for update in updates {
                    offset = offset.max(
                        i32::try_from(update.id.0)
                            .unwrap_or(i32::MAX)
                            .saturating_add(1),
                    );
                    if let Err(e) = process(&state, &bot, update).await {
                        tracing::error!(error = %e, "telegram update failed");
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "telegram polling failed; retrying");
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        }
    }
}

/// Handles one update exactly once.
async fn process(state: &AppState, bot: &Bot, update: Update) -> Result<(), StorageError> {
    let now = state.settings.clock.now();
    let id = update.id.0.to_string();
    let claim = state
        .db
        .call(move |c| channels::claim_delivery(c, "telegram", &id, now))
        .await?;
    if claim != channels::Claim::New {
        metrics::counter!("billbot_telegram_replayed_total").increment(1);
        return Ok(());
    }
    let chat_of = |kind: &UpdateKind| match kind {
        UpdateKind::Message(m) | UpdateKind::EditedMessage(m) => Some(m.chat.clone()),
        UpdateKind::CallbackQuery(q) => q.message.as_ref().map(|m| m.chat().clone()),
        _ => None,
    };
    // Accounts are private: billbot talks in one-to-one chats only, never in groups.
    if let Some(chat) = chat_of(&update.kind).filter(|c| !c.is_private()) {
        let lang = Language::EnUs;
        let text = state
            .assistant
            .catalog()
            .format(lang, "telegram-private-only", &[]);
        send(bot, chat.id, &text, &[]).await;
        return finish(state, &update).await;
    }
    let (chat, text, lang, callback) = match &update.kind {
        UpdateKind::Message(m) => match m.text() {
            Some(t) => (m.chat.id, t.to_owned(), language(m), None),
            None => {
                send(bot, m.chat.id, &not_text(state, language(m)), &[]).await;
                return finish(state, &update).await;
            }
        },
        UpdateKind::CallbackQuery(q) => {
            let Some(message) = &q.message else {
                return finish(state, &update).await;
            };
            let lang = q.from.language_code.as_deref().and_then(code_language);
            (
                message.chat().id,
                q.data.clone().unwrap_or_default(),
                lang,
                Some(q.id.clone()),
            )
        }
        UpdateKind::EditedMessage(m) => {
            send(bot, m.chat.id, &not_text(state, language(m)), &[]).await;
            return finish(state, &update).await;
        }
        _ => return finish(state, &update).await,
    };
    if let Some(id) = callback {
        // Stops the button's spinner; a failure here changes nothing.
        let _ = bot.answer_callback_query(id).await;
    }
    let address = chat.0.to_string();
    let (reply, buttons) = turn(state, &address, &text, lang).await?;
    send(bot, chat, &reply, &buttons).await;
    finish(state, &update).await
}

async fn finish(state: &AppState, update: &Update) -> Result<(), StorageError> {
    let id = update.id.0.to_string();
    state
        .db
        .call(move |c| channels::finish_delivery(c, "telegram", &id, "handled"))
        .await
}

/// The language Telegram reports for the sender (es, es-MX → es-US).
fn language(m: &Message) -> Option<Language> {
    m.from
        .as_ref()
        .and_then(|u| u.language_code.as_deref())
        .and_then(code_language)
}

fn code_language(code: &str) -> Option<Language> {
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "es" => Some(Language::EsUs),
        "en" => Some(Language::EnUs),
        _ => None,
    }
}

fn not_text(state: &AppState, lang: Option<Language>) -> String {
    let lang = lang.unwrap_or(Language::EnUs);
    state
        .assistant
        .catalog()
        .format(lang, "telegram-text-only", &[])
}

/// One text (or button press) from a chat: deep link, LINK flow, or the assistant.
async fn turn(
    state: &AppState,
    chat: &str,
    text: &str,
    lang: Option<Language>,
) -> Result<(String, Vec<(String, String)>), StorageError> {
    let now = state.settings.clock.now();
    let catalog = state.assistant.catalog();
    let addr = chat.to_owned();
    let member = state
        .db
        .call(move |c| storage::linked_member(c, "telegram", &addr))
        .await?;
    let language = lang.unwrap_or(Language::EnUs);
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("/start") {
        let code = rest.trim();
        if !code.is_empty() {
            let (hash, addr) = (sha256_hex(code), chat.to_owned());
            let linked = state
                .db
                .call(move |c| {
                    let result =
                        storage::web::use_code(c, "telegram_deep_link", &hash, &hash, 1, now)?;
                    if let Ok(mrn) = &result {
                        storage::link_address(c, "telegram", &addr, mrn, now)?;
                    }
                    Ok(result.is_ok())
                })
                .await?;
            let id = if linked {
                "link-done"
            } else {
                "link-code-expired"
            };
            return Ok((catalog.format(language, id, &[]), Vec::new()));
        }
    }
    if member.is_none() {
        if let Some(reply) =
            crate::channels::linking::handle(state, "telegram", chat, text, language).await?
        {
            return Ok((reply, Vec::new()));
        }
    }
    let text = if text == "/start" || text == "/help" {
        "help".to_owned()
    } else {
        text.to_owned()
    };
    let assistant = state.assistant.clone();
    let inbound = Inbound {
        channel: ChannelKind::Telegram,
        address: chat.to_owned(),
        member: None,
        text,
        language: lang,
    };
    let out = tokio::task::spawn_blocking(move || assistant.handle(&inbound))
        .await
        .map_err(|e| StorageError::Worker(e.to_string()))?
        .map_err(|e| StorageError::Worker(e.to_string()))?;
    Ok(out
        .replies
        .first()
        .map_or_else(|| (String::new(), Vec::new()), rendered))
}

fn rendered(r: &Rendered) -> (String, Vec<(String, String)>) {
    let mut text = r.text.clone();
    if let Some(link) = &r.link {
        text.push_str(&format!("\n{}: {}", link.label, link.url));
    }
    (
        text,
        r.buttons
            .iter()
            .map(|b| (b.label.clone(), b.value.clone()))
            .collect(),
    )
}

/// Sends a reply in pieces Telegram accepts, the buttons under the last one.
async fn send(bot: &Bot, chat: ChatId, text: &str, buttons: &[(String, String)]) {
    if text.is_empty() {
        return;
    }
    let chunks = split(text, MAX_MESSAGE);
    let last = chunks.len().saturating_sub(1);
    for (i, chunk) in chunks.into_iter().enumerate() {
        let mut request = bot.send_message(chat, chunk);
        if i == last && !buttons.is_empty() {
            let rows: Vec<Vec<InlineKeyboardButton>> = buttons
                .iter()
                .filter(|(_, value)| value.len() <= 64)
                .map(|(label, value)| {
                    vec![InlineKeyboardButton::callback(label.clone(), value.clone())]
                })
                .collect();
            request = request.reply_markup(InlineKeyboardMarkup::new(rows));
        }
        if let Err(e) = request.await {
            metrics::counter!("billbot_telegram_send_failed_total").increment(1);
            tracing::warn!(error = %e, "telegram send failed");
            return;
        }
        if i < last {
            // Telegram allows about one message per second in a chat.
            tokio::time::sleep(Duration::from_millis(1_000)).await;
        }
    }
}

/// Splits text into pieces of at most `max` characters, at line breaks where possible.
fn split(text: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.split_inclusive('\n') {
        if current.chars().count() + line.chars().count() > max && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if line.chars().count() > max {
            let chars: Vec<char> = line.chars().collect();
            for piece in chars.chunks(max) {
                out.push(piece.iter().collect());
            }
        } else {
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Telegram settings from the environment; `None` (channel off) without a token or secret.
pub fn config(
    token: Option<&str>,
    secret: Option<&str>,
    api_url: Option<&str>,
) -> Result<Option<Arc<TelegramConfig>>, String> {
    match (token, secret) {
        (Some(token), Some(secret)) => Ok(Some(Arc::new(TelegramConfig {
            bot: bot(token, api_url)?,
            webhook_secret: secret.to_owned(),
        }))),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_split_under_the_limit() {
        let text = (0..500).map(|i| format!("line {i}\n")).collect::<String>();
        let pieces = split(&text, 100);
        assert!(pieces.iter().all(|p| p.chars().count() <= 100));
        assert_eq!(pieces.concat(), text);
        let one = split(&"x".repeat(250), 100);
        assert_eq!(one.len(), 3);
    }

    #[test]
    fn language_codes_map_to_locales() {
        assert_eq!(code_language("es"), Some(Language::EsUs));
        assert_eq!(code_language("es-MX"), Some(Language::EsUs));
        assert_eq!(code_language("en-GB"), Some(Language::EnUs));
        assert_eq!(code_language("de"), None);
    }
}
