//! Payment plans for large balances: eligibility, 3/6/12-month options with their
//! installment amounts, confirmation, and the schedule.

use crate::billing::payment_plan::{PlanIneligible, check_eligible, schedule};
use crate::billing::{Account, Bill};
use crate::nlu::{Amount, Parse};
use crate::t;

use super::command::value;
use super::labels::{bill_name, method_name};
use super::resolve::{self, Found};
use super::state::{Flow, PlanDraft, State};
use super::{Ctx, Decision, Effect, Outcome, Reply};

fn in_plan(account: &Account, bill: &Bill) -> bool {
    account.plans.iter().any(|p| p.bill_id == bill.id)
}

fn eligible<'a>(account: &'a Account, ctx: &Ctx<'_>) -> Vec<&'a Bill> {
    resolve::open_bills(account)
        .into_iter()
        .filter(|b| {
            check_eligible(b.balance(), in_plan(account, b), &ctx.plan.payment_plan).is_ok()
        })
        .collect()
}

pub fn start(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    state.flow = Flow::Plan(PlanDraft::default());
    update(state, parse, ctx)
}

pub fn update(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    let Flow::Plan(mut draft) = std::mem::take(&mut state.flow) else {
        return Decision::default();
    };
    let rules = &ctx.plan.payment_plan;
    if let Some(slot) = &parse.slots.bill {
        if let Found::One(b) = resolve::bill(account, slot, true) {
            draft.bill = Some(b.id.clone());
        }
    }
    if let Some(Amount::Value(v)) = parse.slots.amount {
        // "6 payments" / "12 months": a small whole number here is a count, not dollars.
        if v.fract().is_zero() {
            if let Ok(n) = u32::try_from(v.trunc().mantissa()) {
                if (rules.min_installments..=rules.max_installments).contains(&n) {
                    draft.installments = Some(n);
                }
            }
        }
    }
    if let Some(slot) = &parse.slots.method {
        if let Some(m) = resolve::method(account, slot) {
            draft.method_id = Some(m.id);
        }
    }
    state.flow = Flow::Plan(draft);
    advance(state, ctx)
}

pub fn advance(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    let Flow::Plan(mut draft) = state.flow.clone() else {
        return Decision::default();
    };
    let rules = &ctx.plan.payment_plan;
    let billing = &ctx.plan.billing;
    let candidates = eligible(account, ctx);
    if draft.bill.is_none() {
        match candidates.as_slice() {
            [] => {
                state.flow = Flow::Idle;
                let mut r = Reply::say(t!("plan-none-eligible", min = rules.min_balance));
                let existing = account
                    .plans
                    .first()
                    .and_then(|p| account.bill(&p.bill_id).map(|b| (p, b)));
                if let Some((p, b)) = existing {
                    r.push(t!(
                        "plan-existing",
                        bill = bill_name(b),
                        paid = p.paid_count,
                        count = p.installments.len()
                    ));
                }
                r.push(t!(
                    "plan-call-billing",
                    phone = billing.phone.as_str(),
                    tty = billing.tty.as_str()
                ));
                return Decision::reply(r);
            }
            [only] => draft.bill = Some(only.id.clone()),
            several => {
                state.seq += 1;
                let mut r = Reply::say(t!("plan-which-bill"));
                for b in several {
                    r = r.button(
                        t!("button-bill", bill = bill_name(b), balance = b.balance()),
                        value("bill", Some(&b.id), Some(state.seq)),
                    );
                }
                state.flow = Flow::Plan(draft);
                return Decision::reply(r);
            }
        }
    }
    let Some(bill) = draft.bill.as_deref().and_then(|id| account.bill(id)) else {
        state.flow = Flow::Idle;
        return Decision::reply(Reply::say(t!("pay-no-such-bill")));
    };
    if let Err(why) = check_eligible(bill.balance(), in_plan(account, bill), rules) {
        state.flow = Flow::Idle;
        let msg = match why {
            PlanIneligible::AlreadyInPlan => t!("plan-already", bill = bill_name(bill)),
            _ => t!(
                "plan-too-small",
                bill = bill_name(bill),
                balance = bill.balance(),
                min = rules.min_balance
            ),
        };
        return Decision::reply(Reply::say(msg).and(t!(
            "plan-call-billing",
            phone = billing.phone.as_str(),
            tty = billing.tty.as_str()
        )));
    }
    let Some(method) = draft
        .method_id
        .and_then(|id| account.method(id))
        .or(account.default_method())
        .or(account.methods.first())
    else {
        state.flow = Flow::Idle;
        return Decision::reply(Reply::say(t!("pay-no-methods")));
    };
    draft.method_id = Some(method.id);
    state.seq += 1;
    let Some(count) = draft.installments else {
        let mut r = Reply::say(t!(
            "plan-eligible",
            bill = bill_name(bill),
            balance = bill.balance()
        ));
        for n in &rules.offered_installments {
            if let Ok(s) = schedule(bill.balance(), *n, ctx.today, rules) {
                let first = s.first().map(|i| i.amount).unwrap_or_default();
                r = r.button(
                    t!("button-plan-option", count = *n, amount = first),
                    value("plan", Some(&n.to_string()), Some(state.seq)),
                );
            }
        }
        r.push(t!("plan-choose"));
        state.flow = Flow::Plan(draft);
        return Decision::reply(r);
    };
    let Ok(s) = schedule(bill.balance(), count, ctx.today, rules) else {
        draft.installments = None;
        state.flow = Flow::Plan(draft);
        return Decision::reply(Reply::say(t!(
            "plan-bad-count",
            min = rules.min_installments,
            max = rules.max_installments
        )));
    };
    let first = s.first().map(|i| i.amount).unwrap_or_default();
    let last = s.last().map(|i| i.amount).unwrap_or_default();
    draft.first = Some(first);
    draft.expires_at =
        Some(ctx.now + chrono::Duration::minutes(i64::from(ctx.plan.billing.quote_ttl_minutes)));
    let mut r = Reply::say(t!(
        "plan-confirm",
        bill = bill_name(bill),
        balance = bill.balance(),
        count = count,
        amount = first,
        method = method_name(method),
    ));
    if first != last {
        r.push(t!("plan-confirm-rounding", last = last));
    }
    r.push(t!("plan-confirm-ask"));
    r = r
        .button(t!("button-yes"), value("yes", None, Some(state.seq)))
        .button(t!("button-no"), value("no", None, Some(state.seq)));
    r.yes_no = true;
    state.flow = Flow::Plan(draft);
    Decision::reply(r)
}

pub fn choose_bill(state: &mut State, id: &str, ctx: &Ctx<'_>) -> Decision {
    if let Flow::Plan(d) = &mut state.flow {
        d.bill = Some(id.to_owned());
    }
    advance(state, ctx)
}

pub fn choose_count(state: &mut State, n: &str, ctx: &Ctx<'_>) -> Decision {
    match &mut state.flow {
        Flow::Plan(d) => {
            d.installments = n.parse().ok();
            advance(state, ctx)
        }
        _ => Decision::reply(Reply::say(t!("stale-button"))),
    }
}

pub fn confirm(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    let (Some(account), Flow::Plan(draft)) = (ctx.account, &state.flow) else {
        return Decision::default();
    };
    let rules = &ctx.plan.payment_plan;
    let (Some(bill), Some(count), Some(method_id)) = (
        draft.bill.as_deref().and_then(|id| account.bill(id)),
        draft.installments,
        draft.method_id,
    ) else {
        return Decision::reply(Reply::say(t!("nothing-to-confirm")));
    };
    // The offer stands for as long as a payment quote, and only for what was shown.
    let expired = draft.expires_at.is_none_or(|t| ctx.now > t);
    let schedule = schedule(bill.balance(), count, ctx.today, rules);
    let shown = schedule
        .as_ref()
        .ok()
        .and_then(|s| s.first())
        .map(|i| i.amount)
        == draft.first;
    if expired || !shown {
        if let Flow::Plan(d) = &mut state.flow {
            d.first = None;
            d.expires_at = None;
        }
        let mut d = advance(state, ctx);
        let mut r = Reply::say(t!("pay-quote-expired"));
        r.extend(d.reply);
        d.reply = r;
        return d;
    }
    match schedule {
        Ok(installments) => Decision {
            effect: Some(Effect::CreatePlan {
                bill_id: bill.id.clone(),
                method_id,
                installments,
            }),
            ..Decision::default()
        },
        Err(_) => Decision::reply(Reply::say(t!("pay-not-possible"))),
    }
}

pub fn outcome(outcome: &Outcome, _ctx: &Ctx<'_>) -> Reply {
    let Outcome::PlanCreated {
        first,
        confirmation,
        installments,
    } = outcome
    else {
        return Reply::default();
    };
    let mut r = Reply::say(t!("plan-created", count = installments.len()));
    if let (Some(amount), Some(conf)) = (first, confirmation) {
        r.push(t!(
            "plan-first-paid",
            amount = *amount,
            confirmation = conf.as_str()
        ));
    }
    for i in installments.iter().skip(1) {
        r.push(t!(
            "plan-schedule-line",
            number = i.number,
            date = i.due_date,
            amount = i.amount
        ));
    }
    r
}
