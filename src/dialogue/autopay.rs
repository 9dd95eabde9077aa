//! Autopay: set up, change, cancel and ask about recurring payments — each change
//! confirmed first.

use chrono::Weekday;

use crate::billing::autopay::{next_run, weekday_name};
use crate::billing::{Account, Autopay, AutopayScope, BillKind, Frequency};
use crate::nlu::Parse;
use crate::t;

use super::command::value;
use super::labels::method_name;
use super::state::{AutopayDraft, Flow, State};
use super::{Ctx, Decision, Effect, Msg, Outcome, Reply};

pub fn start(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    state.flow = Flow::Autopay(AutopayDraft::default());
    update(state, parse, ctx)
}

pub fn update(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    let Flow::Autopay(mut draft) = std::mem::take(&mut state.flow) else {
        return Decision::default();
    };
    let mut notes = Reply::default();
    if let Some(f) = &parse.slots.frequency {
        draft.frequency = f.parse::<Frequency>().ok().map(|f| f.to_string());
    }
    if let Some(slot) = &parse.slots.method {
        match super::resolve::method(account, slot) {
            Some(m) => draft.method_id = Some(m.id),
            None => notes.push(t!("pay-no-such-method")),
        }
    }
    state.flow = Flow::Autopay(draft);
    let mut d = advance(state, ctx);
    notes.extend(d.reply);
    d.reply = notes;
    d
}

/// Fills in sensible defaults (monthly on the due date, the current or default method)
/// and asks for confirmation.
pub fn advance(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    let Flow::Autopay(mut draft) = state.flow.clone() else {
        return Decision::default();
    };
    let Some(proposal) = proposal(&mut draft, account, ctx) else {
        state.flow = Flow::Idle;
        let mut r = Reply::say(t!("pay-no-methods"));
        if ctx.channel.shows_links() {
            r.link = Some((t!("link-add-method"), ctx.url("/methods/new")));
        }
        return Decision::reply(r);
    };
    let method = account.method(proposal.method_id).map(method_name);
    state.seq += 1;
    let frequency = frequency_name(proposal.frequency);
    let method = method.unwrap_or_else(|| t!("method-unknown"));
    let mut r = Reply::say(if account.autopay.is_some() {
        t!(
            "autopay-confirm-change",
            frequency = frequency,
            method = method,
            date = proposal.next_run
        )
    } else {
        t!(
            "autopay-confirm-new",
            frequency = frequency,
            method = method,
            date = proposal.next_run
        )
    });
    r.push(t!("autopay-confirm-ask"));
    r = r
        .button(t!("button-yes"), value("yes", None, Some(state.seq)))
        .button(t!("button-no"), value("no", None, Some(state.seq)));
    r.yes_no = true;
    state.flow = Flow::Autopay(draft);
    Decision::reply(r)
}

fn proposal(draft: &mut AutopayDraft, account: &Account, ctx: &Ctx<'_>) -> Option<Autopay> {
    let frequency = draft
        .frequency
        .as_deref()
        .and_then(|f| f.parse::<Frequency>().ok())
        .or(account.autopay.as_ref().map(|a| a.frequency))
        .unwrap_or(Frequency::MonthlyDueDate);
    draft.frequency = Some(frequency.to_string());
    let method_id = draft
        .method_id
        .or(account.autopay.as_ref().map(|a| a.method_id))
        .or(account.default_method().map(|m| m.id))
        .or(account.methods.first().map(|m| m.id))?;
    draft.method_id = Some(method_id);
    let rule = ctx.plan.region(&account.member.region)?.due_rule;
    Some(Autopay {
        method_id,
        frequency,
        scope: if draft.all_bills {
            AutopayScope::AllBills
        } else {
            AutopayScope::Premium
        },
        next_run: next_run(frequency, rule, ctx.today),
    })
}

pub fn confirm(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    let (Some(account), Flow::Autopay(mut draft)) = (ctx.account, state.flow.clone()) else {
        return Decision::default();
    };
    match proposal(&mut draft, account, ctx) {
        Some(autopay) => Decision {
            effect: Some(Effect::SetAutopay(Some(autopay))),
            ..Decision::default()
        },
        None => {
            state.flow = Flow::Idle;
            Decision::reply(Reply::say(t!("pay-no-methods")))
        }
    }
}

/// Asks before stopping autopay.
pub fn cancel(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    let Some(current) = &account.autopay else {
        state.flow = Flow::Idle;
        return Decision::reply(Reply::say(t!("autopay-none-to-cancel")));
    };
    state.flow = Flow::CancelAutopay;
    state.seq += 1;
    let method = account
        .method(current.method_id)
        .map_or_else(|| t!("method-unknown"), method_name);
    let mut r = Reply::say(t!(
        "autopay-cancel-confirm",
        frequency = frequency_name(current.frequency),
        method = method,
        date = current.next_run,
    ))
    .button(
        t!("button-yes-stop-autopay"),
        value("yes", None, Some(state.seq)),
    )
    .button(t!("button-no-keep-it"), value("no", None, Some(state.seq)));
    r.yes_no = true;
    Decision::reply(r)
}

/// Whether autopay is on, how often, with what, and when it runs next.
pub fn status(ctx: &Ctx<'_>) -> Reply {
    let Some(account) = ctx.account else {
        return super::small_talk::sign_in_first(ctx);
    };
    match &account.autopay {
        None => Reply::say(t!("autopay-status-off")).button(
            t!("button-set-up-autopay"),
            value("do", Some("setup_autopay"), None),
        ),
        Some(a) => {
            let method = account
                .method(a.method_id)
                .map_or_else(|| t!("method-unknown"), method_name);
            let mut r = Reply::say(t!(
                "autopay-status-on",
                frequency = frequency_name(a.frequency),
                method = method,
                date = a.next_run,
            ));
            let next: Vec<_> = account
                .open_bills()
                .filter(|b| a.scope == AutopayScope::AllBills || b.kind == BillKind::Premium)
                .collect();
            if let Some(b) = next.first() {
                r.push(t!(
                    "autopay-status-next-amount",
                    amount = b.balance(),
                    bill = super::labels::bill_name(b)
                ));
            }
            r
        }
    }
}

pub fn outcome(outcome: &Outcome, ctx: &Ctx<'_>) -> Reply {
    match outcome {
        Outcome::AutopaySet(Some(a)) => Reply::say(t!(
            "autopay-set",
            frequency = frequency_name(a.frequency),
            date = a.next_run
        )),
        Outcome::AutopaySet(None) => {
            let mut r = Reply::say(t!("autopay-cancelled"));
            if let Some(b) = ctx
                .account
                .and_then(|a| a.open_bills().find(|b| b.kind == BillKind::Premium))
            {
                r.push(t!(
                    "autopay-cancelled-next-due",
                    amount = b.balance(),
                    date = b.due_date
                ));
            }
            r
        }
        _ => Reply::default(),
    }
}

/// "monthly on the due date", "on day 15 of every month", "every Friday".
pub fn frequency_name(f: Frequency) -> Msg {
    match f {
        Frequency::MonthlyDueDate => t!("frequency-monthly-due-date"),
        Frequency::MonthlyDay(day) => t!("frequency-monthly-day", day = day),
        Frequency::Weekly(w) => t!("frequency-weekly", weekday = weekday(w)),
    }
}

pub fn weekday(w: Weekday) -> Msg {
    Msg::new(format!("weekday-{}", weekday_name(w)), Vec::new())
}
