//! Runs the conversation transcripts in `tests/conversations/*.txt`.
//!
//! A transcript is a readable script:
//!
//! ```text
//! # Ana pays part of her lab bill
//! member: 11000001          who is talking (omit for an anonymous visitor)
//! locale: es-US             the conversation's first language (optional)
//! channel: web              web, sms, telegram or terminal (default terminal)
//!
//! > pay 40 on my lab bill   what the member says; `> [1]` presses the first button
//! < $40.00                  the reply contains this text
//! <! confirmation           the reply does not contain this text
//! = balance M-1003 190.15   the account is in this state (see `check`)
//! @ later 11                11 minutes pass; billbot restarts on the same database
//! @ restart                 billbot restarts on the same database
//! @ card 4000000000000002   the member saves this (sandbox) card
//! ```

use std::sync::Arc;

use billbot::assistant::{Assistant, Inbound};
use billbot::billing::{Account, Language, MethodKind, Mrn, PaymentMethod};
use billbot::config::Clock;
use billbot::dialogue::{ChannelKind, Rendered};
use billbot::gateway::SandboxGateway;
use billbot::storage::{self, Db};
use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

use crate::support::{TestDb, settings};

struct Run {
    db: TestDb,
    gateway: Arc<SandboxGateway>,
    now: DateTime<Utc>,
    assistant: Assistant,
    member: Option<Mrn>,
    channel: ChannelKind,
    language: Option<Language>,
    buttons: Vec<String>,
    last: String,
}

fn assistant(db: &TestDb, gateway: &Arc<SandboxGateway>, now: DateTime<Utc>) -> Assistant {
    let (nlu, catalog) = crate::support::language();
    let mut s = settings(db.path.clone());
    s.clock = Clock::Fixed(now);
    Assistant::new(
        Db::open(&db.path).expect("open database"),
        nlu,
        catalog,
        Arc::new(s),
        gateway.clone(),
        Some("https://billbot.example".into()),
    )
}

impl Run {
    fn new() -> Self {
        let db = TestDb::new();
        let gateway = Arc::new(SandboxGateway::new());
        let now: DateTime<Utc> = "2026-11-27T15:00:00Z".parse().expect("instant");
        let assistant = assistant(&db, &gateway, now);
        Run {
            db,
            gateway,
            now,
            assistant,
            member: None,
            channel: ChannelKind::Terminal,
            language: None,
            buttons: Vec::new(),
            last: String::new(),
        }
    }

    fn say(&mut self, text: &str, at: &str) {
        let text = match text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(n) => {
                let n: usize = n
                    .parse()
                    .unwrap_or_else(|_| panic!("{at}: bad button number"));
                self.buttons
                    .get(n - 1)
                    .unwrap_or_else(|| panic!("{at}: no button {n} in:\n{}", self.last))
                    .clone()
            }
            None => text.to_owned(),
        };
        let out = self
            .assistant
            .handle(&Inbound {
                channel: self.channel,
                address: "conversation-test".into(),
                member: self.member.clone(),
                text,
                language: self.language.take(),
            })
            .unwrap_or_else(|e| panic!("{at}: {e}"));
        self.buttons = out
            .replies
            .iter()
            .flat_map(|r| r.buttons.iter().map(|b| b.value.clone()))
            .collect();
        self.last = out.replies.iter().map(show).collect::<Vec<_>>().join("\n");
    }

    fn account(&self) -> Account {
        let mrn = self.member.as_ref().expect("account checks need a member");
        storage::load_account(&mut self.db.connect(), mrn)
            .expect("load account")
            .expect("member exists")
    }

    fn count(&self, sql: &str) -> i64 {
        self.db
            .connect()
            .query_row(sql, [], |r| r.get(0))
            .expect("count")
    }

    /// Checks one `=` line against the stored account.
    fn check(&self, what: &str, at: &str) {
        if let Some(needle) = what.strip_prefix("transcript_lacks ") {
            let t =
                storage::transcript(&self.db.connect(), self.channel.key(), "conversation-test")
                    .expect("transcript");
            assert!(
                t.iter().all(|(_, line)| !line.contains(needle)),
                "{at}: transcript holds {needle}"
            );
            return;
        }
        let words: Vec<&str> = what.split_whitespace().collect();
        let money =
            |s: &str| -> Decimal { s.parse().unwrap_or_else(|_| panic!("{at}: bad amount {s}")) };
        match words.as_slice() {
            ["total_due", amount] => assert_eq!(self.account().total_due(), money(amount), "{at}"),
            ["credit", amount] => assert_eq!(self.account().credit, money(amount), "{at}"),
            ["balance", bill, amount] => {
                let a = self.account();
                let b = a
                    .bill(bill)
                    .unwrap_or_else(|| panic!("{at}: no bill {bill}"));
                assert_eq!(b.balance(), money(amount), "{at}: balance of {bill}");
            }
            ["payments", n] => {
                let made = self.count(
                    "SELECT count(*) FROM payments WHERE status = 'succeeded' AND idempotency_key NOT LIKE 'demo:%'",
                );
                assert_eq!(
                    made.to_string(),
                    *n,
                    "{at}: payments made in this conversation"
                );
            }
            ["charges", n] => assert_eq!(
                self.gateway.charge_count().to_string(),
                *n,
                "{at}: gateway charges"
            ),
            ["autopay", "off"] => assert!(self.account().autopay.is_none(), "{at}: autopay is on"),
            ["autopay", frequency, last4] => {
                let a = self.account();
                let ap = a
                    .autopay
                    .as_ref()
                    .unwrap_or_else(|| panic!("{at}: autopay is off"));
                assert_eq!(ap.frequency.to_string(), *frequency, "{at}");
                assert_eq!(
                    a.method(ap.method_id).map(|m| m.last4.as_str()),
                    Some(*last4),
                    "{at}"
                );
            }
            ["paperless", on] => assert_eq!(self.account().paperless.enrolled, *on == "on", "{at}"),
            ["notify", channel, on] => {
                let a = self.account();
                for p in a.preferences.iter().filter(|p| p.channel.key() == *channel) {
                    assert_eq!(p.enabled, *on == "on", "{at}: {channel} {}", p.topic.key());
                }
            }
            ["sms", state] => {
                let opted_in = self.account().sms.as_ref().is_some_and(|s| s.opted_in);
                assert_eq!(opted_in, *state == "opted_in", "{at}");
            }
            ["plans", n] => assert_eq!(self.account().plans.len().to_string(), *n, "{at}"),
            ["tickets", n] => assert_eq!(
                self.count("SELECT count(*) FROM handoff_tickets")
                    .to_string(),
                *n,
                "{at}"
            ),
            ["letters", n] => assert_eq!(
                self.count("SELECT count(*) FROM letter_requests")
                    .to_string(),
                *n,
                "{at}"
            ),
            other => panic!("{at}: unknown check {other:?}"),
        }
    }

    fn directive(&mut self, what: &str, at: &str) {
        let words: Vec<&str> = what.split_whitespace().collect();
        match words.as_slice() {
            ["later", minutes] => {
                let m: i64 = minutes
                    .parse()
                    .unwrap_or_else(|_| panic!("{at}: bad minutes"));
                self.now += Duration::minutes(m);
                self.assistant = assistant(&self.db, &self.gateway, self.now);
            }
            ["restart"] => self.assistant = assistant(&self.db, &self.gateway, self.now),
            ["card", number] => {
                let mrn = self.member.clone().expect("@ card needs a member");
                let last4 = &number[number.len() - 4..];
                storage::insert_method(
                    &self.db.connect(),
                    &mrn,
                    &PaymentMethod {
                        id: 0,
                        token: SandboxGateway::token_for(MethodKind::Card, number, last4),
                        kind: MethodKind::Card,
                        brand: "Visa".into(),
                        last4: last4.into(),
                        expiry: Some((12, 2030)),
                        is_default: false,
                    },
                )
                .expect("insert method");
            }
            other => panic!("{at}: unknown directive {other:?}"),
        }
    }
}

fn show(r: &Rendered) -> String {
    let mut s = r.text.clone();
    if let Some(l) = &r.link {
        s.push_str(&format!("\n  -> {}: {}", l.label, l.url));
    }
    for (i, b) in r.buttons.iter().enumerate() {
        s.push_str(&format!("\n  [{}] {}", i + 1, b.label));
    }
    s
}

fn run_file(path: &std::path::Path) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_owned();
    let text = std::fs::read_to_string(path).expect("read transcript");
    let mut run = Run::new();
    let mut said_anything = false;
    for (i, raw) in text.lines().enumerate() {
        let at = format!("{name}:{}", i + 1);
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("member:") {
            run.member = Some(rest.trim().parse().expect("member MRN"));
        } else if let Some(rest) = line.strip_prefix("locale:") {
            run.language = Language::from_tag(rest.trim());
        } else if let Some(rest) = line.strip_prefix("channel:") {
            run.channel = match rest.trim() {
                "web" => ChannelKind::Web,
                "sms" => ChannelKind::Sms,
                "telegram" => ChannelKind::Telegram,
                _ => ChannelKind::Terminal,
            };
        } else if let Some(rest) = line.strip_prefix('>') {
            run.say(rest.trim(), &at);
            said_anything = true;
        } else if let Some(rest) = line.strip_prefix("<!") {
            assert!(
                !run.last.contains(rest.trim()),
                "{at}: the reply should not contain {:?}:\n{}",
                rest.trim(),
                run.last
            );
        } else if let Some(rest) = line.strip_prefix('<') {
            assert!(
                run.last.contains(rest.trim()),
                "{at}: the reply should contain {:?}:\n{}",
                rest.trim(),
                run.last
            );
        } else if let Some(rest) = line.strip_prefix('=') {
            run.check(rest.trim(), &at);
        } else if let Some(rest) = line.strip_prefix('@') {
            run.directive(rest.trim(), &at);
        } else {
            panic!("{at}: cannot read {line:?}");
        }
    }
    assert!(said_anything, "{name} says nothing");
}

#[test]
fn every_transcript_holds() {
    let dir = crate::repo_path("tests/conversations");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/conversations exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "expected the transcripts of every flow");
    let mut failures = Vec::new();
    for f in &files {
        if let Err(e) = std::panic::catch_unwind(|| run_file(f)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            failures.push(msg);
        }
    }
    assert!(
        failures.is_empty(),
        "{} transcript(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn turns_of_one_conversation_never_interleave() {
    let mut run = Run::new();
    run.member = Some(billbot::demo::ANA.parse().expect("mrn"));
    run.say("pay 40 on my lab bill", "setup");
    assert!(run.last.contains("$40.00"), "{}", run.last);
    let assistant = &run.assistant;
    let member = run.member.clone();
    // Ten "yes" messages arrive at once for the same quote: exactly one pays.
    let replies: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..10)
            .map(|_| {
                let member = member.clone();
                s.spawn(move || {
                    assistant
                        .handle(&Inbound {
                            channel: ChannelKind::Terminal,
                            address: "conversation-test".into(),
                            member,
                            text: "yes".into(),
                            language: None,
                        })
                        .expect("turn")
                        .replies
                        .iter()
                        .map(|r| r.text.clone())
                        .collect::<String>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let paid = replies
        .iter()
        .filter(|r| r.contains("You paid $40.00"))
        .count();
    let nothing = replies
        .iter()
        .filter(|r| r.contains("nothing waiting"))
        .count();
    assert_eq!((paid, nothing), (1, 9), "{replies:#?}");
    assert_eq!(run.gateway.charge_count(), 1);
    run.check("balance M-1003 190.15", "after");
}
