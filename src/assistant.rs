//! The assistant: the one place where understanding, dialogue, billing and storage meet.
//!
//! [`Assistant::handle`] takes one inbound message from any channel and returns the
//! replies, rendered in the conversation's language. Turns of one conversation run one
//! at a time, in order; the conversation's state is saved after every turn, so a restart
//! continues where it stopped.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use thiserror::Error;

use crate::billing::{Account, Channel, Language, Mrn, PaymentKind, PaymentStatus, Topic};
use crate::config::Settings;
use crate::dialogue::state::{BillChoice, Quote};
use crate::dialogue::{
    self, ChannelKind, Command, Ctx, Decision, Effect, Input, Outcome, Rendered, Reply, State,
};
use crate::gateway::PaymentGateway;
use crate::i18n::Catalog;
use crate::ledger::{self, LedgerError, PayOrder, PayTarget};
use crate::nlu::{Intent, Locale, Nlus, Parse};
use crate::privacy::mask_card_numbers;
use crate::proactive::notices::{self, Notice};
use crate::storage::{self, Db, StorageError, StoredConversation};
use crate::t;

#[derive(Debug, Error)]
pub enum AssistantError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("conversation state is unreadable: {0}")]
    State(#[from] serde_json::Error),
}

/// One message from a member, as every channel delivers it.
#[derive(Debug, Clone)]
pub struct Inbound {
    pub channel: ChannelKind,
    /// The conversation's address on its channel: a session id, a phone number, a chat id.
    pub address: String,
    /// The member, when the channel knows who it is (signed in on the web, the terminal).
    pub member: Option<Mrn>,
    pub text: String,
    /// The language the channel suggests (a browser switch, Telegram's language code).
    pub language: Option<Language>,
}

/// What billbot answers to one inbound message.
#[derive(Debug, Clone)]
pub struct Outbound {
    pub replies: Vec<Rendered>,
    pub language: Language,
    /// The intent understood (for metrics), when the message was words.
    pub intent: Option<Intent>,
}

/// How long an unfinished flow waits before it is dropped.
fn idle_limit(channel: ChannelKind) -> Duration {
    match channel {
        ChannelKind::Sms => Duration::hours(24),
        _ => Duration::minutes(30),
    }
}

/// A lock per conversation (channel + address).
type TurnLocks = Mutex<HashMap<(ChannelKind, String), Arc<Mutex<()>>>>;

/// Everything a turn needs, shared by all channels.
pub struct Assistant {
    db: Db,
    nlu: Arc<Nlus>,
    catalog: Arc<Catalog>,
    settings: Arc<Settings>,
    gateway: Arc<dyn PaymentGateway>,
    /// The address members use to open web links.
    public_url: Option<String>,
    /// One lock per conversation, so two messages that arrive together run in order.
    turns: TurnLocks,
}

impl Assistant {
    pub fn new(
        db: Db,
        nlu: Arc<Nlus>,
        catalog: Arc<Catalog>,
        settings: Arc<Settings>,
        gateway: Arc<dyn PaymentGateway>,
        public_url: Option<String>,
    ) -> Self {
        Self {
            db,
            nlu,
            catalog,
            settings,
            gateway,
            public_url,
            turns: Mutex::new(HashMap::new()),
        }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The shared catalog, for work that outlives a borrow (the blocking pool).
    pub fn catalog_arc(&self) -> Arc<Catalog> {
        Arc::clone(&self.catalog)
    }

    /// The lock that puts one conversation's turns in order.
    fn turn_lock(&self, key: &(ChannelKind, String)) -> Arc<Mutex<()>> {
        let mut turns = self
            .turns
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(turns.entry(key.clone()).or_default())
    }

    /// Drops whatever flow a conversation is in (SMS STOP cancels a pending payment).
    pub fn cancel_flow(&self, channel: ChannelKind, address: &str) -> Result<(), AssistantError> {
        let key = (channel, address.to_owned());
        let lock = self.turn_lock(&key);
        let result = {
            // A turn that panicked left nothing half-written (its transaction rolled back).
            let _turn = lock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let channel = channel.key();
            self.db.with(|c| {
                if let Some(mut stored) = storage::load_conversation(c, channel, address)? {
                    let mut state: State = serde_json::from_str(&stored.state).unwrap_or_default();
                    state.flow = dialogue::Flow::Idle;
                    stored.state = serde_json::to_string(&state).unwrap_or_default();
                    storage::save_conversation(c, channel, address, &stored)?;
                }
                Ok(())
            })
        };
        self.forget_lock(&key, lock);
        Ok(result?)
    }

    /// The language a conversation is in (or the member's, or English).
    pub fn language_of(
        &self,
        channel: ChannelKind,
        address: &str,
        member: Option<&Mrn>,
    ) -> Language {
        let stored = self
            .db
            .with(|c| storage::load_conversation(c, channel.key(), address))
            .ok()
            .flatten();
        if let Some(s) = stored {
            return s.language;
        }
        member
            .and_then(|m| self.db.with(|c| storage::member(c, m)).ok().flatten())
            .map_or(Language::EnUs, |m| m.language)
    }

    /// Handles one message: understand, decide, act, remember, answer.
    pub fn handle(&self, inbound: &Inbound) -> Result<Outbound, AssistantError> {
        let key = (inbound.channel, inbound.address.clone());
        let lock = self.turn_lock(&key);
        let started = std::time::Instant::now();
        let result = {
            // A turn that panicked left nothing half-written (its transaction rolled back).
            let _turn = lock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            self.turn(inbound)
        };
        let channel = inbound.channel.key();
        metrics::histogram!("billbot_turn_seconds", "channel" => channel)
            .record(started.elapsed().as_secs_f64());
        if let Ok(out) = &result {
            metrics::counter!("billbot_replies_total", "channel" => channel)
                .increment(out.replies.len() as u64);
        }
        self.forget_lock(&key, lock);
        result
    }

    /// Drops a conversation's lock from the map when nobody else holds or waits on it.
    fn forget_lock(&self, key: &(ChannelKind, String), lock: Arc<Mutex<()>>) {
        let mut turns = self
            .turns
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // One reference is ours, one the map's.
        if Arc::strong_count(&lock) == 2 {
            turns.remove(key);
        }
    }

    fn turn(&self, inbound: &Inbound) -> Result<Outbound, AssistantError> {
        let now = self.settings.clock.now();
        let today = self.settings.clock.today();
        let channel = inbound.channel.key();
        let span = tracing::info_span!("turn", channel);
        let _enter = span.enter();

        let stored = self
            .db
            .with(|c| storage::load_conversation(c, channel, &inbound.address))?;
        let mut state: State = match &stored {
            Some(s) => serde_json::from_str(&s.state).unwrap_or_default(),
            None => State::default(),
        };
        let mrn = match &inbound.member {
            Some(m) => Some(m.clone()),
            None => self.linked_member(inbound)?,
        };
        let mut account = match &mrn {
            Some(m) => self.db.with(|c| storage::load_account(c, m))?,
            None => None,
        };
        let mut lang = inbound
            .language
            .or(stored.as_ref().map(|s| s.language))
            .or(account.as_ref().map(|a| a.member.language))
            .unwrap_or(Language::EnUs);

        let mut lead = Reply::default();
        if let Some(s) = &stored {
            if !state.flow.is_idle() && now - s.updated_at > idle_limit(inbound.channel) {
                state.flow = dialogue::Flow::Idle;
                lead.push(t!("flow-expired"));
            }
        }

        let (masked, had_card) = mask_card_numbers(&inbound.text);
        let mut intent = None;
        let mut reply;
        if had_card {
            reply = Reply::say(t!("card-number-warning"));
        } else {
            let input = match Command::parse(&inbound.text) {
                Some(cmd) => Input::Pressed(cmd),
                None => {
                    let (parse, detected) = self.understand(&inbound.text, lang, &state, today);
                    if let Some(other) = detected {
                        lang = other;
                    }
                    intent = Some(parse.intent);
                    Input::Said(parse)
                }
            };
            let decision = {
                let ctx = self.ctx(inbound.channel, account.as_ref(), lang, now, today);
                dialogue::decide(&mut state, &input, &ctx)
            };
            let Decision {
                reply: first,
                effect,
                switch_language,
            } = decision;
            reply = first;
            if let Some(l) = switch_language {
                lang = l;
                state.language_locked = true;
            }
            if let Some(effect) = effect {
                let outcome = self.apply(effect, mrn.as_ref(), account.as_ref(), inbound, now);
                if let Some(m) = &mrn {
                    account = self.db.with(|c| storage::load_account(c, m))?;
                }
                let ctx = self.ctx(inbound.channel, account.as_ref(), lang, now, today);
                reply.extend(dialogue::after(&mut state, &outcome, &ctx));
            }
        }
        lead.extend(reply);
        let rendered = lead.render(&self.catalog, lang);
        if let Some(i) = intent {
            metrics::counter!("billbot_messages_total", "channel" => channel, "intent" => i.as_str())
                .increment(1);
        }

        let saved = StoredConversation {
            mrn: mrn.clone(),
            language: lang,
            state: serde_json::to_string(&state)?,
            updated_at: now,
        };
        self.db.with(|c| {
            let tx = c.transaction()?;
            storage::save_conversation(&tx, channel, &inbound.address, &saved)?;
            storage::append_transcript(&tx, channel, &inbound.address, true, &masked, now)?;
            storage::append_transcript(&tx, channel, &inbound.address, false, &rendered.text, now)?;
            tx.commit()?;
            Ok(())
        })?;
        Ok(Outbound {
            replies: vec![rendered],
            language: lang,
            intent,
        })
    }

    fn ctx<'a>(
        &'a self,
        channel: ChannelKind,
        account: Option<&'a Account>,
        lang: Language,
        now: DateTime<Utc>,
        today: chrono::NaiveDate,
    ) -> Ctx<'a> {
        Ctx {
            plan: &self.settings.plan,
            now,
            today,
            channel,
            account,
            lang,
            public_url: self.public_url.as_deref(),
        }
    }

    fn linked_member(&self, inbound: &Inbound) -> Result<Option<Mrn>, StorageError> {
        let channel = match inbound.channel {
            ChannelKind::Sms => "sms",
            ChannelKind::Telegram => "telegram",
            _ => return Ok(None),
        };
        self.db
            .with(|c| storage::linked_member(c, channel, &inbound.address))
    }

    /// Parses in the conversation's language; a message clearly in the other language is
    /// understood too, and switches the conversation to it unless the member chose one.
    fn understand(
        &self,
        text: &str,
        lang: Language,
        state: &State,
        today: chrono::NaiveDate,
    ) -> (Parse, Option<Language>) {
        let expected = dialogue::expected_intents(state);
        let mut parse = self.nlu.parse(locale(lang), text, today, &expected);
        if parse.intent != Intent::OutOfScope && parse.confidence >= 0.6 {
            return (parse, None);
        }
        // Inside a flow, a message the parser sets aside may still be a bare correction
        // ("mejor que sean $30"): read its slots as the flow's intent would.
        if let (Intent::OutOfScope, Some(own)) = (parse.intent, dialogue::flow_intent(&state.flow))
        {
            let (slots, invalid) = self.nlu.get(locale(lang)).slots_for(text, today, own);
            parse.slots = slots;
            parse.invalid = invalid;
        }
        let other = match lang {
            Language::EnUs => Language::EsUs,
            Language::EsUs => Language::EnUs,
        };
        let alt = self.nlu.parse(locale(other), text, today, &expected);
        if alt.intent != Intent::OutOfScope
            && alt.confidence >= 0.8
            && alt.confidence > parse.confidence
        {
            // Understood in the other language; switch to it unless the member chose.
            let switch = (!state.language_locked).then_some(other);
            (alt, switch)
        } else {
            (parse, None)
        }
    }

    /// Carries out an effect; any failure leaves the account as it was.
    fn apply(
        &self,
        effect: Effect,
        mrn: Option<&Mrn>,
        account: Option<&Account>,
        inbound: &Inbound,
        now: DateTime<Utc>,
    ) -> Outcome {
        let result = match (&effect, mrn) {
            (Effect::Handoff { reason }, _) => self
                .db
                .with(|c| storage::create_ticket(c, mrn, inbound.channel.key(), reason, now))
                .map(|number| Outcome::Ticket { number }),
            (_, None) => return Outcome::Failed,
            (Effect::Pay(quote), Some(m)) => return self.pay(m, quote, now),
            (
                Effect::CreatePlan {
                    bill_id,
                    method_id,
                    installments,
                },
                Some(m),
            ) => {
                return self.create_plan(m, bill_id, *method_id, installments, now);
            }
            (Effect::SetAutopay(a), Some(m)) => self
                .db
                .with(|c| storage::set_autopay(c, m, a.as_ref(), now))
                .map(|()| Outcome::AutopaySet(a.clone())),
            (Effect::SetNotifications { channel, enabled }, Some(m)) => self
                .db
                .with(|c| set_channel(c, m, *channel, *enabled, now))
                .map(|()| Outcome::NotificationsSet {
                    channel: *channel,
                    enabled: *enabled,
                }),
            (Effect::SetPaperless(on), Some(m)) => self
                .db
                .with(|c| storage::set_paperless(c, m, *on, now))
                .map(|()| Outcome::PaperlessSet(*on)),
            (Effect::Unsubscribe { channel }, Some(m)) => {
                let mobile = account.and_then(|a| a.member.mobile.clone());
                self.db
                    .with(|c| {
                        let tx = c.transaction()?;
                        set_channel(&tx, m, *channel, false, now)?;
                        if let (Channel::Text, Some(phone)) = (channel, &mobile) {
                            storage::record_consent(&tx, phone, false, None, now)?;
                        }
                        tx.commit()?;
                        Ok(())
                    })
                    .map(|()| Outcome::Unsubscribed { channel: *channel })
            }
            (Effect::RequestLetter { kind, from, to }, Some(m)) => self
                .db
                .with(|c| storage::request_letter(c, m, kind.key(), *from, *to, now))
                .map(|number| Outcome::LetterRequested {
                    kind: *kind,
                    number,
                }),
        };
        result.unwrap_or_else(|e| {
            tracing::error!(error = %e, "could not apply a change");
            Outcome::Failed
        })
    }

    fn pay(&self, mrn: &Mrn, quote: &Quote, now: DateTime<Utc>) -> Outcome {
        let target = match &quote.bill {
            BillChoice::Everything => PayTarget::Everything {
                expected: quote.amount,
            },
            BillChoice::Bill(id) => PayTarget::Bill {
                bill_id: id.clone(),
                amount: quote.amount,
            },
        };
        let order = PayOrder {
            mrn: mrn.clone(),
            method_id: quote.method_id,
            kind: PaymentKind::OneTime,
            target,
            idempotency_key: quote.key.clone(),
            pay_date: quote.date,
            now,
        };
        let result = self
            .db
            .with(|c| Ok(ledger::pay(c, self.gateway.as_ref(), &order)));
        if let Ok(Ok(receipt)) = &result {
            self.send_receipt(mrn, receipt, now);
        }
        let outcome = payment_outcome(result);
        let label = match &outcome {
            Outcome::Paid { .. } => "succeeded",
            Outcome::PaymentRefused { .. } => "refused",
            Outcome::PaymentNotPossible => "not_possible",
            _ => "error",
        };
        metrics::counter!("billbot_payments_total", "outcome" => label).increment(1);
        outcome
    }

    /// Queues the payment's receipt on the member's chosen channels ("you'll get an
    /// e-mail confirmation each time a payment is made"); once per payment.
    fn send_receipt(&self, mrn: &Mrn, receipt: &ledger::Receipt, now: DateTime<Utc>) {
        let Some(confirmation) = receipt.confirmation.clone() else {
            return;
        };
        let queued = self.db.with(|c| {
            let Some(account) = storage::load_account(c, mrn)? else {
                return Ok(0);
            };
            let Some(payment) = account.payments.iter().find(|p| p.id == receipt.payment_id) else {
                return Ok(0);
            };
            let notice = Notice::Receipt {
                amount: receipt.amount,
                bill_id: payment
                    .bills
                    .iter()
                    .map(|(b, _)| b.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                method: account
                    .method(payment.method_id)
                    .map_or_else(String::new, |m| format!("{} {}", m.brand, m.last4)),
                confirmation,
                balance: receipt.total_due_after,
                date: payment.date,
            };
            let ctx = notices::Context {
                catalog: &self.catalog,
                plan: &self.settings.plan,
                public_url: self.public_url.as_deref(),
                now,
            };
            notices::queue_now(
                c,
                &ctx,
                &account,
                &notice,
                &format!("payment:{}", receipt.payment_id),
            )
        });
        if let Err(e) = queued {
            tracing::error!(error = %e, "receipt not queued");
        }
    }

    /// Pays the first installment now, then records the plan with that installment paid.
    fn create_plan(
        &self,
        mrn: &Mrn,
        bill_id: &str,
        method_id: i64,
        installments: &[crate::billing::payment_plan::Installment],
        now: DateTime<Utc>,
    ) -> Outcome {
        let Some(first) = installments.first() else {
            return Outcome::Failed;
        };
        // The plan is recorded before anything is charged: the UNIQUE index on active plans
        // refuses a second plan for the bill (two channels confirming at once), and the
        // first installment's key is the plan's, so a retry never charges it twice.
        let plan_id = match self
            .db
            .with(|c| storage::insert_plan(c, mrn, bill_id, method_id, installments, now))
        {
            Ok(id) => id,
            Err(_) => return Outcome::PaymentNotPossible,
        };
        let order = PayOrder {
            mrn: mrn.clone(),
            method_id,
            kind: PaymentKind::PlanInstallment,
            target: PayTarget::Bill {
                bill_id: bill_id.to_owned(),
                amount: first.amount,
            },
            idempotency_key: format!("plan:{plan_id}:1"),
            pay_date: first.due_date,
            now,
        };
        let result = self
            .db
            .with(|c| Ok(ledger::pay(c, self.gateway.as_ref(), &order)));
        let receipt = match result {
            Ok(Ok(r)) if r.status == PaymentStatus::Succeeded => r,
            other => {
                if let Err(e) = self.db.with(|c| storage::cancel_plan(c, plan_id)) {
                    tracing::error!(error = %e, "a plan whose first payment failed stayed active");
                }
                return payment_outcome(other);
            }
        };
        self.send_receipt(mrn, &receipt, now);
        match self
            .db
            .with(|c| storage::mark_installment_paid(c, plan_id, 1, receipt.payment_id))
        {
            Ok(()) => Outcome::PlanCreated {
                first: Some(receipt.amount),
                confirmation: receipt.confirmation,
                installments: installments.to_vec(),
            },
            Err(e) => {
                // The scheduler finds installment 1 unpaid, replays its key (no second
                // charge) and records it.
                tracing::error!(error = %e, "first installment paid but not yet recorded");
                Outcome::PlanCreated {
                    first: Some(receipt.amount),
                    confirmation: receipt.confirmation,
                    installments: installments.to_vec(),
                }
            }
        }
    }
}

fn payment_outcome(result: Result<Result<ledger::Receipt, LedgerError>, StorageError>) -> Outcome {
    match result {
        Ok(Ok(r)) => match (r.status, r.confirmation) {
            (PaymentStatus::Succeeded, Some(confirmation)) => Outcome::Paid {
                amount: r.amount,
                confirmation,
                total_due_after: r.total_due_after,
            },
            _ => Outcome::PaymentRefused {
                reason: r.failure.unwrap_or_else(|| "declined".into()),
            },
        },
        Ok(Err(
            LedgerError::Amount(_)
            | LedgerError::QuoteChanged
            | LedgerError::UnknownBill(_)
            | LedgerError::UnknownMethod
            | LedgerError::ExpiredMethod,
        )) => Outcome::PaymentNotPossible,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "payment failed");
            Outcome::Failed
        }
        Err(e) => {
            tracing::error!(error = %e, "payment failed");
            Outcome::Failed
        }
    }
}

/// Turns every topic of one channel on or off.
fn set_channel(
    conn: &Connection,
    mrn: &Mrn,
    channel: Channel,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    for topic in Topic::ALL {
        storage::set_preference(conn, mrn, channel, topic, enabled, now)?;
    }
    Ok(())
}

fn locale(lang: Language) -> Locale {
    match lang {
        Language::EnUs => Locale::EnUs,
        Language::EsUs => Locale::EsUs,
    }
}
