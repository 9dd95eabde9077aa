//! The dialogue: pure decisions about one turn of a conversation.
//!
//! [`decide`] takes what the member said (an understood message or a button's command),
//! the conversation [`State`] and a read-only view of the account, and returns a reply
//! plus at most one [`Effect`] — a change to make to the account. The assistant carries
//! out the effect and hands its [`Outcome`] to [`after`] for the closing reply. Nothing
//! here does I/O, so every flow can be tested with plain values.

mod autopay;
mod command;
mod info;
mod labels;
mod pay;
mod plans;
mod reply;
mod resolve;
mod settings;
mod small_talk;
pub mod state;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

pub use command::Command;
pub use info::{FAQ_MENU, FAQ_TOPICS};
pub use reply::{BillCard, Button, Msg, Rendered, RenderedButton, RenderedLink, Reply, Val};
pub use state::{Flow, State};

use crate::billing::payment_plan::Installment;
use crate::billing::{Account, Autopay, Channel, Language};
use crate::nlu::{Intent, Parse};
use crate::plan::Plan;
use crate::t;
use state::{LetterKind, Quote};

/// The kind of channel a conversation happens on; it changes what a reply can contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChannelKind {
    Web,
    Sms,
    Telegram,
    Terminal,
}

impl ChannelKind {
    pub fn key(self) -> &'static str {
        match self {
            ChannelKind::Web => "web",
            ChannelKind::Sms => "sms",
            ChannelKind::Telegram => "telegram",
            ChannelKind::Terminal => "terminal",
        }
    }

    /// Whether the channel can show a link the member can open (a PDF, a web page).
    pub fn shows_links(self) -> bool {
        !matches!(self, ChannelKind::Sms)
    }
}

/// What the dialogue may read for one turn.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub plan: &'a Plan,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub channel: ChannelKind,
    /// The member's account; `None` for a visitor who is not signed in or linked.
    pub account: Option<&'a Account>,
    /// The language of this conversation.
    pub lang: Language,
    /// Where the web pages live (`https://…`), for links; `None` shows paths only.
    pub public_url: Option<&'a str>,
}

impl Ctx<'_> {
    /// An absolute link to a page of billbot's web channel.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{path}",
            self.public_url.unwrap_or("").trim_end_matches('/')
        )
    }
}

/// What the member sent this turn.
#[derive(Debug, Clone)]
pub enum Input {
    Said(Parse),
    Pressed(Command),
}

/// A change to the member's account that the assistant must carry out.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Pay(Quote),
    SetAutopay(Option<Autopay>),
    SetNotifications {
        channel: Channel,
        enabled: bool,
    },
    SetPaperless(bool),
    Unsubscribe {
        channel: Channel,
    },
    CreatePlan {
        bill_id: String,
        method_id: i64,
        installments: Vec<Installment>,
    },
    RequestLetter {
        kind: LetterKind,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    Handoff {
        reason: String,
    },
}

/// What came of an [`Effect`].
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Paid {
        amount: Decimal,
        confirmation: String,
        total_due_after: Decimal,
    },
    PaymentRefused {
        reason: String,
    },
    /// The payment was not made because the account changed since the quote.
    PaymentNotPossible,
    AutopaySet(Option<Autopay>),
    NotificationsSet {
        channel: Channel,
        enabled: bool,
    },
    PaperlessSet(bool),
    Unsubscribed {
        channel: Channel,
    },
    PlanCreated {
        first: Option<Decimal>,
        confirmation: Option<String>,
        installments: Vec<Installment>,
    },
    LetterRequested {
        kind: LetterKind,
        number: i64,
    },
    Ticket {
        number: i64,
    },
    /// The change could not be made (storage or gateway trouble); nothing changed.
    Failed,
}

/// The result of [`decide`].
#[derive(Debug, Clone, Default)]
pub struct Decision {
    pub reply: Reply,
    pub effect: Option<Effect>,
    /// The conversation switches to this language (the reply is already in it).
    pub switch_language: Option<Language>,
}

impl Decision {
    fn reply(reply: Reply) -> Self {
        Decision {
            reply,
            ..Decision::default()
        }
    }
}

/// The intents the dialogue expects next, to help the parser with short answers and
/// corrections ("make it $30" while a payment waits).
pub fn expected_intents(state: &State) -> Vec<Intent> {
    let mut expected = Vec::new();
    if awaiting_yes_no(&state.flow) {
        expected.extend([Intent::Confirm, Intent::Deny, Intent::Cancel]);
    }
    if let Some(own) = flow_intent(&state.flow) {
        expected.push(own);
        expected.push(Intent::Cancel);
    }
    expected.dedup();
    expected
}

/// The intent whose slots the current flow is collecting.
pub fn flow_intent(flow: &Flow) -> Option<Intent> {
    match flow {
        Flow::Pay(_) => Some(Intent::PayBill),
        Flow::Autopay(_) => Some(Intent::SetupAutopay),
        Flow::Plan(_) => Some(Intent::PaymentPlan),
        Flow::Notifications { .. } => Some(Intent::NotificationPrefs),
        Flow::Letter { .. } => Some(Intent::Statements),
        _ => None,
    }
}

/// Whether the current flow has asked a yes/no question.
fn awaiting_yes_no(flow: &Flow) -> bool {
    match flow {
        Flow::Pay(d) => d.quote.is_some(),
        Flow::Autopay(d) => d.frequency.is_some(),
        Flow::CancelAutopay | Flow::Paperless { .. } => true,
        Flow::Notifications { channel, enabled } => channel.is_some() && enabled.is_some(),
        Flow::Unsubscribe { channel } => channel.is_some(),
        Flow::Plan(d) => d.bill.is_some() && d.installments.is_some(),
        Flow::Letter { kind, .. } => kind.is_some(),
        Flow::Idle | Flow::ChooseBill { .. } => false,
    }
}

/// Decides one turn.
pub fn decide(state: &mut State, input: &Input, ctx: &Ctx<'_>) -> Decision {
    match input {
        Input::Pressed(cmd) => on_command(state, cmd, ctx),
        Input::Said(parse) => on_message(state, parse, ctx),
    }
}

/// The closing reply once an effect has run; `ctx.account` is the account afterwards.
pub fn after(state: &mut State, outcome: &Outcome, ctx: &Ctx<'_>) -> Reply {
    state.flow = Flow::Idle;
    // The question is answered: its buttons are stale from now on.
    state.seq += 1;
    match outcome {
        Outcome::Paid { .. } | Outcome::PaymentRefused { .. } | Outcome::PaymentNotPossible => {
            pay::outcome(outcome, ctx)
        }
        Outcome::AutopaySet(_) => autopay::outcome(outcome, ctx),
        Outcome::PlanCreated { .. } => plans::outcome(outcome, ctx),
        Outcome::NotificationsSet { .. }
        | Outcome::PaperlessSet(_)
        | Outcome::Unsubscribed { .. } => settings::outcome(outcome, ctx),
        Outcome::LetterRequested { .. } => info::letter_outcome(outcome),
        Outcome::Ticket { number } => small_talk::ticket(*number, ctx),
        Outcome::Failed => Reply::say(t!("effect-failed")),
    }
}

fn on_message(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    let intent = parse.intent;
    if !parse.invalid.is_empty() && !matches!(intent, Intent::OutOfScope) {
        state.misses = 0;
        return Decision::reply(labels::invalid_values(parse));
    }
    if intent == Intent::OutOfScope {
        // A bare correction inside a flow ("make it 30", "use checking") still counts.
        if let Some(d) = continue_flow(state, parse, ctx) {
            return d;
        }
        return small_talk::out_of_scope(state, parse, ctx);
    }
    state.misses = 0;
    match intent {
        // "mejor que sean $30" read as cancel, or "make it $30" read as confirm: a message
        // carrying what the flow collects is a correction. Confirming would carry out the
        // proposal as it stood; it is proposed again with what the message says, and a
        // plain yes or the button carries it out.
        Intent::Cancel | Intent::Confirm if carries_flow_slots(state, parse) => {}
        Intent::Cancel => return small_talk::cancel(state),
        Intent::Confirm => return confirm(state, ctx),
        Intent::Deny => return deny(state),
        _ => {}
    }
    if let Some(d) = continue_flow(state, parse, ctx) {
        return d;
    }
    if !state.flow.is_idle() && is_digression(intent) {
        let mut d = start(state, parse, ctx, false);
        // Only the resumed question's buttons stay, so "1" answers the flow.
        d.reply.buttons.clear();
        d.reply.extend(resume_prompt(state, ctx));
        return d;
    }
    start(state, parse, ctx, true)
}

/// Questions that may be asked in the middle of a flow without abandoning it.
fn is_digression(intent: Intent) -> bool {
    matches!(
        intent,
        Intent::CheckBalance
            | Intent::BillDueDate
            | Intent::ViewBill
            | Intent::ExplainBill
            | Intent::PaymentHistory
            | Intent::PaymentMethods
            | Intent::AutopayStatus
            | Intent::Faq
            | Intent::PremiumInfo
            | Intent::Help
            | Intent::Greeting
            | Intent::Thanks
    )
}

/// Offers the member the flow they were in, after a digression.
fn resume_prompt(state: &mut State, ctx: &Ctx<'_>) -> Reply {
    let mut r = Reply::say(t!("resume-flow"));
    r.extend(prompt(state, ctx));
    r
}

/// The current flow's question, asked again.
fn prompt(state: &mut State, ctx: &Ctx<'_>) -> Reply {
    match state.flow.clone() {
        Flow::Pay(_) => pay::advance(state, ctx).reply,
        Flow::Autopay(_) => autopay::advance(state, ctx).reply,
        Flow::Plan(_) => plans::advance(state, ctx).reply,
        Flow::CancelAutopay => autopay::cancel(state, ctx).reply,
        Flow::Notifications { .. } | Flow::Paperless { .. } | Flow::Unsubscribe { .. } => {
            settings::advance(state, ctx).reply
        }
        Flow::Letter { .. } => info::letter_advance(state, ctx).reply,
        Flow::ChooseBill { purpose } => info::choose_bill(state, purpose, ctx),
        Flow::Idle => Reply::default(),
    }
}

/// Whether a message carries a value the current flow is collecting.
fn carries_flow_slots(state: &State, parse: &Parse) -> bool {
    let s = &parse.slots;
    match &state.flow {
        Flow::Pay(_) => s.amount.is_some() || s.method.is_some() || s.bill.is_some(),
        Flow::Autopay(_) => s.frequency.is_some() || s.method.is_some(),
        Flow::Plan(_) => s.bill.is_some() || s.method.is_some(),
        Flow::Notifications { .. } => s.channel.is_some() || s.setting.is_some(),
        _ => false,
    }
}

/// Feeds a message to the current flow when it carries what the flow is collecting.
fn continue_flow(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Option<Decision> {
    let own = match &state.flow {
        Flow::Letter { .. } | Flow::Idle | Flow::ChooseBill { .. } => return None,
        flow => flow_intent(flow)?,
    };
    let relevant = carries_flow_slots(state, parse);
    // A message carrying what the flow collects is a correction ("use checking instead"),
    // unless it confidently asks for another action.
    let correction = relevant && (!parse.intent.is_acting() || parse.confidence < 0.9);
    if parse.intent == own || correction {
        if !relevant && parse.intent == own {
            // "pay my bill" again: start over rather than keep an old draft.
            return None;
        }
        return Some(match &state.flow {
            Flow::Pay(_) => pay::update(state, parse, ctx),
            Flow::Autopay(_) => autopay::update(state, parse, ctx),
            Flow::Plan(_) => plans::update(state, parse, ctx),
            _ => settings::update(state, parse, ctx),
        });
    }
    None
}

/// Starts what the intent asks for. `replace` is false for a digression, which leaves the
/// current flow in place.
fn start(state: &mut State, parse: &Parse, ctx: &Ctx<'_>, replace: bool) -> Decision {
    let intent = parse.intent;
    if needs_account(intent) && ctx.account.is_none() {
        return Decision::reply(small_talk::sign_in_first(ctx));
    }
    if replace && !state.flow.is_idle() && intent.is_acting() {
        state.flow = Flow::Idle;
    }
    let mut decision = dispatch(state, parse, ctx, replace);
    // "Pay my phone bill": say plainly which bills billbot works on before it answers
    // with the plan account (every payment is still confirmed with its bill).
    if parse.other_bill && works_on_bills(intent) && ctx.account.is_some() {
        let mut reply = Reply::say(t!("other-bill-note"));
        reply.extend(std::mem::take(&mut decision.reply));
        decision.reply = reply;
    }
    decision
}

/// Intents that work on the member's bills, where "which bills" matters.
fn works_on_bills(intent: Intent) -> bool {
    matches!(
        intent,
        Intent::CheckBalance
            | Intent::BillDueDate
            | Intent::ViewBill
            | Intent::ExplainBill
            | Intent::PayBill
            | Intent::SetupAutopay
            | Intent::CancelAutopay
            | Intent::PaymentPlan
            | Intent::PaymentHistory
    )
}

/// The handler of each intent.
fn dispatch(state: &mut State, parse: &Parse, ctx: &Ctx<'_>, replace: bool) -> Decision {
    let intent = parse.intent;
    match intent {
        Intent::Greeting => Decision::reply(small_talk::greeting(ctx)),
        Intent::Help => Decision::reply(small_talk::help(ctx)),
        Intent::Thanks => Decision::reply(Reply::say(t!("thanks-reply"))),
        Intent::Goodbye => {
            state.flow = Flow::Idle;
            Decision::reply(Reply::say(t!("goodbye-reply")))
        }
        Intent::CheckBalance => Decision::reply(info::balance(ctx)),
        Intent::BillDueDate => Decision::reply(info::due_dates(ctx)),
        Intent::ViewBill => info::view_or_explain(state, parse, state::Purpose::View, ctx, replace),
        Intent::ExplainBill => {
            info::view_or_explain(state, parse, state::Purpose::Explain, ctx, replace)
        }
        Intent::PaymentHistory => Decision::reply(info::history(parse, ctx)),
        Intent::PaymentMethods => Decision::reply(info::methods(ctx)),
        Intent::AutopayStatus => Decision::reply(autopay::status(ctx)),
        Intent::PremiumInfo => Decision::reply(info::premium(ctx)),
        Intent::Faq => Decision::reply(info::faq(parse.slots.topic.as_deref(), ctx)),
        Intent::Statements => info::statements(ctx),
        Intent::PayBill => pay::start(state, parse, ctx),
        Intent::SetupAutopay => autopay::start(state, parse, ctx),
        Intent::CancelAutopay => autopay::cancel(state, ctx),
        Intent::NotificationPrefs => settings::notifications(state, parse, ctx),
        Intent::Paperless => settings::paperless(state, parse, ctx),
        Intent::Unsubscribe => settings::unsubscribe(state, parse, ctx),
        Intent::PaymentPlan => plans::start(state, parse, ctx),
        Intent::HumanHandoff => small_talk::handoff("member_asked"),
        Intent::LinkAccount => Decision::reply(small_talk::link(ctx)),
        Intent::ChangeLanguage => small_talk::change_language(parse),
        Intent::Confirm => confirm(state, ctx),
        Intent::Deny => deny(state),
        Intent::Cancel => small_talk::cancel(state),
        Intent::OutOfScope => small_talk::out_of_scope(state, parse, ctx),
    }
}

/// Intents that read or change a member's account.
fn needs_account(intent: Intent) -> bool {
    !matches!(
        intent,
        Intent::Greeting
            | Intent::Help
            | Intent::Thanks
            | Intent::Goodbye
            | Intent::Faq
            | Intent::PremiumInfo
            | Intent::HumanHandoff
            | Intent::LinkAccount
            | Intent::ChangeLanguage
            | Intent::Confirm
            | Intent::Deny
            | Intent::Cancel
            | Intent::OutOfScope
    )
}

fn confirm(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    if !awaiting_yes_no(&state.flow) {
        return Decision::reply(Reply::say(t!("nothing-to-confirm")));
    }
    match state.flow.clone() {
        Flow::Pay(_) => pay::confirm(state, ctx),
        Flow::Autopay(_) => autopay::confirm(state, ctx),
        Flow::CancelAutopay => Decision {
            effect: Some(Effect::SetAutopay(None)),
            ..Decision::default()
        },
        Flow::Plan(_) => plans::confirm(state, ctx),
        Flow::Notifications { .. } | Flow::Paperless { .. } | Flow::Unsubscribe { .. } => {
            settings::confirm(state)
        }
        Flow::Letter { kind, from, to } => match kind {
            Some(kind) => Decision {
                effect: Some(Effect::RequestLetter { kind, from, to }),
                ..Decision::default()
            },
            None => Decision::reply(Reply::say(t!("nothing-to-confirm"))),
        },
        Flow::Idle | Flow::ChooseBill { .. } => {
            Decision::reply(Reply::say(t!("nothing-to-confirm")))
        }
    }
}

fn deny(state: &mut State) -> Decision {
    if !awaiting_yes_no(&state.flow) {
        return Decision::reply(Reply::say(t!("nothing-to-confirm")));
    }
    let was_payment = matches!(state.flow, Flow::Pay(_));
    state.flow = Flow::Idle;
    Decision::reply(Reply::say(if was_payment {
        t!("pay-declined-by-member")
    } else {
        t!("change-declined-by-member")
    }))
}

fn on_command(state: &mut State, cmd: &Command, ctx: &Ctx<'_>) -> Decision {
    if let Some(seq) = cmd.seq {
        if seq != state.seq {
            let mut r = Reply::say(t!("stale-button"));
            r.extend(prompt(state, ctx));
            return Decision::reply(r);
        }
    }
    let arg = cmd.arg.as_deref();
    match (cmd.verb.as_str(), arg) {
        ("yes", _) => confirm(state, ctx),
        ("no", _) => deny(state),
        ("cancel", _) => small_talk::cancel(state),
        ("bill", Some(id)) => match &state.flow {
            Flow::Pay(_) => pay::choose_bill(state, id, ctx),
            Flow::Plan(_) => plans::choose_bill(state, id, ctx),
            Flow::ChooseBill { purpose } => {
                let purpose = *purpose;
                state.flow = Flow::Idle;
                Decision::reply(info::show_bill(id, purpose, ctx))
            }
            _ => Decision::reply(Reply::say(t!("stale-button"))),
        },
        ("amount", Some(a)) => pay::choose_amount(state, a, ctx),
        ("method", Some(m)) => match &state.flow {
            Flow::Pay(_) => pay::choose_method(state, m, ctx),
            _ => Decision::reply(Reply::say(t!("stale-button"))),
        },
        ("plan", Some(n)) => plans::choose_count(state, n, ctx),
        ("letter", Some(k)) => info::letter_choose(state, k, ctx),
        ("lang", Some(tag)) => small_talk::switch_to(tag),
        ("topic", Some(topic)) => Decision::reply(info::faq(Some(topic), ctx)),
        ("notify", Some(channel)) => settings::choose_channel(state, channel, ctx),
        ("do", Some(what)) => do_command(state, what, ctx),
        // "Reply PAY" to a reminder: the whole balance of that bill, quoted for a yes.
        ("payfull", Some(bill)) => {
            state.flow = Flow::Pay(state::PayDraft {
                bill: Some(state::BillChoice::Bill(bill.to_owned())),
                amount: Some(state::AmountChoice::Full),
                ..state::PayDraft::default()
            });
            pay::advance(state, ctx)
        }
        _ => Decision::reply(Reply::say(t!("stale-button"))),
    }
}

/// `!do:<intent>[:<bill>]`: a next-step button (pay this bill, a payment plan, a person).
fn do_command(state: &mut State, what: &str, ctx: &Ctx<'_>) -> Decision {
    let (intent, bill) = match what.split_once(':') {
        Some((i, b)) => (i, Some(b.to_owned())),
        None => (what, None),
    };
    let Ok(intent) = intent.parse::<Intent>() else {
        return Decision::reply(Reply::say(t!("stale-button")));
    };
    let mut parse = Parse {
        intent,
        confidence: 1.0,
        slots: Default::default(),
        invalid: Vec::new(),
        other_bill: false,
        billing_problem: false,
    };
    parse.slots.bill = bill;
    state.misses = 0;
    start(state, &parse, ctx, true)
}
