//! The SMS channel: a Twilio-compatible inbound webhook answering in TwiML.
//!
//! Order matters and follows SPEC §6: the signature is checked before anything else;
//! a retried `MessageSid` gets the first answer and changes nothing; opt-out, opt-in and
//! help keywords are handled before any understanding; an opted-out number gets no
//! message but one opt-out confirmation and the answers to START/UNSTOP/YES and HELP
//! (the exceptions issue 6 allows). Then unlinked numbers
//! may LINK, and everything else goes to the assistant.

mod keywords;
pub mod signature;
pub mod text;

use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use crate::assistant::Inbound;
use crate::billing::{Language, Mrn};
use crate::dialogue::{ChannelKind, Rendered};
use crate::i18n::Arg;
use crate::server::AppState;
use crate::storage::{self, StorageError, channels};
use keywords::Keyword;

/// Answers longer than this many segments are paged ("Reply MORE").
const MAX_SEGMENTS: usize = 3;

pub fn router() -> Router<AppState> {
    Router::new().route("/sms/twilio", post(inbound))
}

fn twiml(message: Option<&str>) -> Response {
    let body = match message {
        Some(m) if !m.is_empty() => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{}</Message></Response>",
            escape(m)
        ),
        _ => "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>".to_owned(),
    };
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/xml; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn reject(status: StatusCode, why: &'static str) -> Response {
    metrics::counter!("billbot_webhooks_rejected_total", "channel" => "sms", "why" => why)
        .increment(1);
    (status, why).into_response()
}

async fn inbound(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (Some(token), Some(public_url)) = (
        state.channels.twilio_auth_token.as_deref(),
        state.web.public_url.as_deref(),
    ) else {
        return reject(StatusCode::NOT_FOUND, "sms channel off");
    };
    // Twilio signs every pair of the raw body, duplicates included.
    let params: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
    let url = format!("{public_url}{path}");
    let signature = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !signature::valid(token, &url, &params, signature) {
        return reject(StatusCode::FORBIDDEN, "bad signature");
    }
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let (Some(from), Some(sid)) = (get("From"), get("MessageSid").or_else(|| get("SmsSid"))) else {
        return reject(StatusCode::BAD_REQUEST, "missing From or MessageSid");
    };
    let text: String = get("Body")
        .unwrap_or_default()
        .chars()
        .take(2_000)
        .collect();
    match answer_once(&state, &sid, &from, &text).await {
        Ok(reply) => twiml(reply.as_deref()),
        Err(e) => {
            tracing::error!(error = %e, "sms turn failed");
            // Twilio retries on 5xx; the delivery id makes the retry safe.
            (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response()
        }
    }
}

/// Answers a delivery once; retries of the same `MessageSid` get the stored answer.
async fn answer_once(
    state: &AppState,
    sid: &str,
    from: &str,
    text: &str,
) -> Result<Option<String>, StorageError> {
    let now = state.settings.clock.now();
    let id = sid.to_owned();
    match state
        .db
        .call(move |c| channels::claim_delivery(c, "sms", &id, now))
        .await?
    {
        channels::Claim::Seen(Some(answer)) => return Ok(Some(answer)),
        channels::Claim::Seen(None) => {
            // The first delivery is still being handled: wait for its answer.
            for _ in 0..100 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                let id = sid.to_owned();
                if let channels::Claim::Seen(Some(answer)) = state
                    .db
                    .call(move |c| channels::claim_delivery(c, "sms", &id, now))
                    .await?
                {
                    return Ok(Some(answer));
                }
            }
            return Ok(None);
        }
        channels::Claim::New => {}
    }
    let reply = match handle(state, from, text).await {
        Ok(reply) => reply,
        Err(e) => {
            // Not handled: let Twilio's retry try again instead of answering it with nothing.
            let id = sid.to_owned();
            state
                .db
                .call(move |c| channels::release_delivery(c, "sms", &id))
                .await?;
            return Err(e);
        }
    };
    let (id, stored) = (sid.to_owned(), reply.clone().unwrap_or_default());
    state
        .db
        .call(move |c| channels::finish_delivery(c, "sms", &id, &stored))
        .await?;
    Ok(reply)
}

/// One inbound text: keywords, consent, linking, then the assistant.
async fn handle(state: &AppState, from: &str, text: &str) -> Result<Option<String>, StorageError> {
    let now = state.settings.clock.now();
    let phone = from.to_owned();
    let (consent, member) = state
        .db
        .call(move |c| {
            Ok((
                storage::consent_for(c, &phone)?,
                storage::linked_member(c, "sms", &phone)?,
            ))
        })
        .await?;
    let opted_out = consent.as_ref().is_some_and(|c| !c.opted_in);
    let lang = language(state, from, member.as_ref()).await;
    let catalog = state.assistant.catalog();
    let program = Arg::from(state.settings.plan.program_name.as_str());
    match keywords::keyword(text) {
        Some(Keyword::OptOut) if opted_out => return Ok(None),
        Some(Keyword::OptOut) => {
            let (phone, word) = (from.to_owned(), text.trim().to_ascii_uppercase());
            state
                .db
                .call(move |c| storage::record_consent(c, &phone, false, Some(&word), now))
                .await?;
            cancel_pending(state, from).await;
            metrics::counter!("billbot_sms_opt_outs_total").increment(1);
            tracing::info!("number opted out of texts");
            return Ok(Some(text::to_gsm7(&catalog.format(
                lang,
                "sms-opted-out",
                &[("program", program)],
            ))));
        }
        Some(Keyword::OptIn) => return opt_in(state, from, text, lang).await.map(Some),
        Some(Keyword::Yes) if opted_out => return opt_in(state, from, text, lang).await.map(Some),
        Some(Keyword::Help) => {
            let b = &state.settings.plan.billing;
            let help = catalog.format(
                lang,
                "sms-help",
                &[
                    ("program", program),
                    ("phone", Arg::from(b.phone.as_str())),
                    ("tty", Arg::from(b.tty.as_str())),
                ],
            );
            return Ok(Some(text::to_gsm7(&help)));
        }
        _ if opted_out => return Ok(None),
        Some(Keyword::More) => {
            if let Some(page) = next_page(state, from).await? {
                return Ok(Some(page));
            }
        }
        _ => {}
    }
    if member.is_none() {
        if let Some(reply) =
            crate::channels::linking::handle(state, "sms", from, text, lang).await?
        {
            return Ok(Some(text::to_gsm7(&reply)));
        }
    }
    // PAY answers the latest reminder: pay that bill in full (after a YES).
    if text.trim().eq_ignore_ascii_case("PAY") {
        let phone = from.to_owned();
        let offer = state
            .db
            .call(move |c| channels::latest_pay_offer(c, &phone))
            .await?;
        if let Some(bill) = offer {
            return assistant_reply(state, from, format!("!payfull:{bill}"), now).await;
        }
    }
    // A number answers the numbered options of the last message.
    let phone = from.to_owned();
    let (options, _) = state
        .db
        .call(move |c| channels::session(c, "sms", &phone))
        .await?;
    let text = match text.trim().parse::<usize>() {
        Ok(n) if (1..=options.len()).contains(&n) => options[n - 1].clone(),
        _ => text.to_owned(),
    };
    assistant_reply(state, from, text, now).await
}

/// The assistant's answer to a text, rendered and paged for SMS.
async fn assistant_reply(
    state: &AppState,
    from: &str,
    text: String,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<String>, StorageError> {
    let catalog = state.assistant.catalog();
    let assistant = state.assistant.clone();
    let inbound = Inbound {
        channel: ChannelKind::Sms,
        address: from.to_owned(),
        member: None,
        text,
        language: None,
    };
    let out = tokio::task::spawn_blocking(move || assistant.handle(&inbound))
        .await
        .map_err(|e| StorageError::Worker(e.to_string()))?
        .map_err(|e| StorageError::Worker(e.to_string()))?;
    let Some(reply) = out.replies.first() else {
        return Ok(None);
    };
    let lang = out.language;
    let (body, options) = render(reply, catalog, lang);
    let mut pages = text::pages(&body, MAX_SEGMENTS);
    let first = if pages.len() > 1 {
        let more = catalog.format(lang, "sms-reply-more", &[]);
        format!("{}\n{}", pages.remove(0), text::to_gsm7(&more))
    } else {
        pages.pop().unwrap_or_default()
    };
    let phone = from.to_owned();
    state
        .db
        .call(move |c| channels::set_session(c, "sms", &phone, &options, &pages, now))
        .await?;
    Ok(Some(first))
}

/// SMS text for a reply: plain GSM-7 text, a link as a bare URL, quick replies as
/// numbered options (answered with the number), yes/no questions as "Reply YES or NO".
fn render(
    reply: &Rendered,
    catalog: &crate::i18n::Catalog,
    lang: Language,
) -> (String, Vec<String>) {
    let mut body = reply.text.clone();
    if let Some(link) = &reply.link {
        body.push_str(&format!("\n{}: {}", link.label, link.url));
    }
    let mut options = Vec::new();
    if reply.yes_no {
        body.push('\n');
        body.push_str(&catalog.format(lang, "sms-reply-yes-no", &[]));
    } else if !reply.buttons.is_empty() {
        for (i, b) in reply.buttons.iter().enumerate() {
            body.push_str(&format!("\n{}) {}", i + 1, b.label));
            options.push(b.value.clone());
        }
        body.push('\n');
        body.push_str(&catalog.format(lang, "sms-reply-number", &[]));
    }
    (text::to_gsm7(&body), options)
}

async fn opt_in(
    state: &AppState,
    from: &str,
    text: &str,
    lang: Language,
) -> Result<String, StorageError> {
    let now = state.settings.clock.now();
    let (phone, word) = (from.to_owned(), text.trim().to_ascii_uppercase());
    state
        .db
        .call(move |c| storage::record_consent(c, &phone, true, Some(&word), now))
        .await?;
    tracing::info!("number opted back in to texts");
    let program = Arg::from(state.settings.plan.program_name.as_str());
    Ok(text::to_gsm7(&state.assistant.catalog().format(
        lang,
        "sms-opted-in",
        &[("program", program)],
    )))
}

async fn next_page(state: &AppState, from: &str) -> Result<Option<String>, StorageError> {
    let now = state.settings.clock.now();
    let phone = from.to_owned();
    state
        .db
        .call(move |c| {
            let (options, mut pages) = channels::session(c, "sms", &phone)?;
            if pages.is_empty() {
                return Ok(None);
            }
            let page = pages.remove(0);
            channels::set_session(c, "sms", &phone, &options, &pages, now)?;
            Ok(Some(page))
        })
        .await
}

async fn cancel_pending(state: &AppState, from: &str) {
    let assistant = state.assistant.clone();
    let phone = from.to_owned();
    let done =
        tokio::task::spawn_blocking(move || assistant.cancel_flow(ChannelKind::Sms, &phone)).await;
    if !matches!(done, Ok(Ok(()))) {
        tracing::error!("could not cancel the pending flow after STOP");
    }
}

async fn language(state: &AppState, from: &str, member: Option<&Mrn>) -> Language {
    let (assistant, phone, member) = (state.assistant.clone(), from.to_owned(), member.cloned());
    tokio::task::spawn_blocking(move || {
        assistant.language_of(ChannelKind::Sms, &phone, member.as_ref())
    })
    .await
    .unwrap_or(Language::EnUs)
}
