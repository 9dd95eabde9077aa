//! Linking a phone or Telegram chat to a member: medical record number, then date of
//! birth, then a six-digit code sent to the e-mail on file. Until then the address gets
//! FAQs and help only. Codes expire in 10 minutes, are single-use, and failures are
//! limited per address and per member.

use chrono::{Duration, NaiveDate};

use crate::billing::{Language, Mrn};
use crate::i18n::Arg;
use crate::security::{self, sha256_hex};
use crate::server::AppState;
use crate::storage::{self, StorageError, channels, outbox};

/// Codes and flows last this long.
const MINUTES: i64 = 10;
const CODE_ATTEMPTS: u32 = 5;

/// Handles `text` if it starts or continues a LINK flow for an unlinked address; returns
/// the reply, or `None` when the message is not part of linking.
pub async fn handle(
    state: &AppState,
    channel: &'static str,
    address: &str,
    text: &str,
    lang: Language,
) -> Result<Option<String>, StorageError> {
    let now = state.settings.clock.now();
    let catalog = state.assistant.catalog();
    let t = |id: &str| catalog.format(lang, id, &[]);
    let addr = address.to_owned();
    let flow = state
        .db
        .call(move |c| channels::link_flow(c, channel, &addr))
        .await?;
    let flow = flow.filter(|f| now - f.updated_at < Duration::minutes(MINUTES));
    let word = text.trim().to_ascii_uppercase();
    let address_key = format!("link:{channel}:{address}");
    let Some(flow) = flow else {
        if word != "LINK" {
            return Ok(None);
        }
        if !state.web.codes.allowed(&address_key) {
            return Ok(Some(t("link-locked")));
        }
        save(state, channel, address, "mrn", None).await?;
        return Ok(Some(t("link-ask-mrn")));
    };
    if !state.web.codes.allowed(&address_key) {
        end(state, channel, address).await?;
        return Ok(Some(t("link-locked")));
    }
    match flow.step.as_str() {
        "mrn" => match text.parse::<Mrn>() {
            Ok(mrn) => {
                // Whether the number exists is not revealed until the birth date matches.
                save(state, channel, address, "birth_date", Some(mrn.as_str())).await?;
                Ok(Some(t("link-ask-birth-date")))
            }
            Err(_) => Ok(Some(t("link-bad-mrn"))),
        },
        "birth_date" => {
            let Some(date) = parse_birth_date(text) else {
                return Ok(Some(t("link-bad-date")));
            };
            let Some(mrn) = flow.mrn.and_then(|m| m.parse::<Mrn>().ok()) else {
                end(state, channel, address).await?;
                return Ok(Some(t("link-ask-mrn")));
            };
            let member_key = format!("link-member:{mrn}");
            let lookup = mrn.clone();
            let member = state.db.call(move |c| storage::member(c, &lookup)).await?;
            let Some(member) =
                member.filter(|m| m.birth_date == date && state.web.codes.allowed(&member_key))
            else {
                state.web.codes.failed(&address_key);
                state.web.codes.failed(&member_key);
                metrics::counter!("billbot_link_failures_total", "channel" => channel).increment(1);
                save(state, channel, address, "mrn", None).await?;
                return Ok(Some(t("link-mismatch")));
            };
            let code = security::six_digit_code();
            let member_lang = member.language;
            let body = catalog.format(
                member_lang,
                "email-link-body",
                &[
                    ("code", Arg::from(code.as_str())),
                    ("minutes", Arg::Count(MINUTES)),
                ],
            );
            let message = outbox::NewMessage {
                channel: "email".into(),
                recipient: member.email.clone(),
                subject: Some(catalog.format(member_lang, "email-link-subject", &[])),
                body_text: body,
                body_html: None,
                dedupe_key: format!(
                    "link:{channel}:{}:{}",
                    sha256_hex(address),
                    now.timestamp_nanos_opt().unwrap_or_default()
                ),
                ..Default::default()
            };
            let (addr, hash) = (address.to_owned(), sha256_hex(&code));
            let purpose = purpose(channel);
            state
                .db
                .call(move |c| {
                    let tx = c.transaction()?;
                    storage::web::put_code(
                        &tx,
                        purpose,
                        &addr,
                        &mrn,
                        &hash,
                        now + Duration::minutes(MINUTES),
                        now,
                    )?;
                    outbox::enqueue(&tx, &message, now)?;
                    channels::set_link_flow(&tx, channel, &addr, "code", Some(mrn.as_str()), now)?;
                    tx.commit()?;
                    Ok(())
                })
                .await?;
            Ok(Some(catalog.format(
                lang,
                "link-code-sent",
                &[("email", Arg::from(mask_email(&member.email)))],
            )))
        }
        _ => {
            let (addr, hash) = (address.to_owned(), sha256_hex(text.trim()));
            let purpose = purpose(channel);
            let result = state
                .db
                .call(move |c| storage::web::use_code(c, purpose, &addr, &hash, CODE_ATTEMPTS, now))
                .await?;
            match result {
                Ok(mrn) => {
                    let addr = address.to_owned();
                    state
                        .db
                        .call(move |c| {
                            let tx = c.transaction()?;
                            storage::link_address(&tx, channel, &addr, &mrn, now)?;
                            if channel == "sms" {
                                storage::record_consent(&tx, &addr, true, Some("LINK"), now)?;
                            }
                            channels::end_link_flow(&tx, channel, &addr)?;
                            tx.commit()?;
                            Ok(())
                        })
                        .await?;
                    state.web.codes.succeeded(&address_key);
                    tracing::info!(channel, "address linked to a member");
                    Ok(Some(t("link-done")))
                }
                Err(storage::web::CodeProblem::Wrong) => {
                    state.web.codes.failed(&address_key);
                    Ok(Some(t("link-code-wrong")))
                }
                Err(_) => {
                    end(state, channel, address).await?;
                    Ok(Some(t("link-code-expired")))
                }
            }
        }
    }
}

fn purpose(channel: &str) -> &'static str {
    if channel == "telegram" {
        "link_telegram"
    } else {
        "link_sms"
    }
}

async fn save(
    state: &AppState,
    channel: &'static str,
    address: &str,
    step: &'static str,
    mrn: Option<&str>,
) -> Result<(), StorageError> {
    let (addr, mrn) = (address.to_owned(), mrn.map(str::to_owned));
    let now = state.settings.clock.now();
    state
        .db
        .call(move |c| channels::set_link_flow(c, channel, &addr, step, mrn.as_deref(), now))
        .await
}

async fn end(state: &AppState, channel: &'static str, address: &str) -> Result<(), StorageError> {
    let addr = address.to_owned();
    state
        .db
        .call(move |c| channels::end_link_flow(c, channel, &addr))
        .await
}

/// Dates as members type them: 04/12/1980, 4-12-1980, 1980-04-12.
fn parse_birth_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    // Four-digit years only: "09/30/57" would read as 2057.
    ["%m/%d/%Y", "%m-%d-%Y", "%Y-%m-%d", "%m.%d.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

/// "a***@example.org": enough for the member to recognise, not enough to harvest.
fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((user, domain)) => {
            let first: String = user.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_dates_in_the_usual_forms() {
        let d = NaiveDate::from_ymd_opt(1980, 4, 12);
        for t in [
            "04/12/1980",
            "4/12/1980",
            "04-12-1980",
            "1980-04-12",
            " 04/12/1980 ",
        ] {
            assert_eq!(parse_birth_date(t), d, "{t}");
        }
        assert_eq!(parse_birth_date("02/30/1980"), None);
        assert_eq!(parse_birth_date("yesterday"), None);
    }

    #[test]
    fn e_mails_are_masked() {
        assert_eq!(mask_email("ana@example.org"), "a***@example.org");
    }
}
