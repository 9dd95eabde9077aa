//! Paying a bill: fill bill → amount → method from what was said, ask only for what is
//! missing, quote, and pay only on an explicit yes.

use chrono::Duration;
use rust_decimal::Decimal;

use crate::billing::money::{AmountError, validate_payment};
use crate::billing::{Account, Bill};
use crate::nlu::{Amount, Parse};
use crate::t;

use super::command::value;
use super::labels::{bill_name, method_name};
use super::resolve::{self, Found};
use super::state::{AmountChoice, BillChoice, Flow, PayDraft, Quote, State};
use super::{BillCard, Ctx, Decision, Effect, Outcome, Reply};

pub fn start(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    state.flow = Flow::Pay(PayDraft::default());
    update(state, parse, ctx)
}

/// Takes the bill, amount and method the message names (a correction replaces what was
/// there) and moves on.
pub fn update(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    let Flow::Pay(mut draft) = std::mem::take(&mut state.flow) else {
        return Decision::default();
    };
    draft.quote = None;
    let mut notes = Reply::default();
    let s = &parse.slots;
    if let Some(slot) = &s.bill {
        match resolve::bill(account, slot, true) {
            Found::One(b) => draft.bill = Some(BillChoice::Bill(b.id.clone())),
            Found::Several => draft.bill = None,
            Found::None => {
                draft.bill = None;
                notes.push(t!("pay-no-such-bill"));
            }
        }
    }
    match s.amount {
        Some(Amount::Full) => draft.amount = Some(AmountChoice::Full),
        Some(Amount::Value(v)) => draft.amount = Some(AmountChoice::Value(v)),
        None => {}
    }
    if let Some(slot) = &s.method {
        match resolve::method(account, slot) {
            Some(m) => draft.method_id = Some(m.id),
            None => {
                draft.method_id = None;
                notes.push(t!("pay-no-such-method"));
            }
        }
    }
    state.flow = Flow::Pay(draft);
    let mut d = advance(state, ctx);
    notes.extend(d.reply);
    d.reply = notes;
    d
}

/// Asks for what is missing, or quotes when everything is known.
pub fn advance(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    let Flow::Pay(mut draft) = state.flow.clone() else {
        return Decision::default();
    };
    let open = resolve::open_bills(account);
    if open.is_empty() || account.total_due().is_zero() {
        state.flow = Flow::Idle;
        return Decision::reply(Reply::say(t!("pay-nothing-due")));
    }
    if draft.bill.is_none() && open.len() == 1 {
        draft.bill = Some(BillChoice::Bill(open[0].id.clone()));
    }
    // "Pay everything" / "pay it all" without naming a bill: the whole amount owed.
    if draft.bill.is_none() && draft.amount == Some(AmountChoice::Full) {
        draft.bill = Some(BillChoice::Everything);
    }
    let Some(choice) = draft.bill.clone() else {
        state.flow = Flow::Pay(draft);
        return Decision::reply(ask_bill(state, account, ctx));
    };
    let (bill, due) = match &choice {
        BillChoice::Everything => (None, account.total_due()),
        BillChoice::Bill(id) => match account.bill(id).filter(|b| b.is_open()) {
            Some(b) => (Some(b), b.balance()),
            None => {
                draft.bill = None;
                state.flow = Flow::Pay(draft);
                let mut r = Reply::say(t!("pay-no-such-bill"));
                r.extend(ask_bill(state, account, ctx));
                return Decision::reply(r);
            }
        },
    };
    let amount = match (draft.amount, &choice) {
        (_, BillChoice::Everything) | (Some(AmountChoice::Full), _) => due,
        (Some(AmountChoice::Value(v)), _) => v,
        (None, BillChoice::Bill(_)) => {
            state.flow = Flow::Pay(draft);
            return Decision::reply(ask_amount(state, bill, due));
        }
    };
    if let Err(e) = validate_payment(amount, due) {
        draft.amount = None;
        state.flow = Flow::Pay(draft);
        let mut r = Reply::say(amount_problem(&e, amount, due));
        r.extend(ask_amount(state, bill, due));
        return Decision::reply(r);
    }
    let method = match draft.method_id.and_then(|id| account.method(id)) {
        Some(m) => m,
        None => match account.default_method().or(account.methods.first()) {
            Some(m) => m,
            None => {
                state.flow = Flow::Idle;
                let mut r = Reply::say(t!("pay-no-methods"));
                if ctx.channel.shows_links() {
                    r.link = Some((t!("link-add-method"), ctx.url("/methods/new")));
                }
                return Decision::reply(r);
            }
        },
    };
    if method.is_expired(ctx.today) {
        draft.method_id = None;
        state.flow = Flow::Pay(draft);
        let mut r = Reply::say(t!("pay-method-expired", method = method_name(method)));
        r.extend(ask_method(state, account));
        return Decision::reply(r);
    }
    state.seq += 1;
    let quote = Quote {
        key: format!(
            "quote:{}:{}",
            state.seq,
            ctx.now.timestamp_nanos_opt().unwrap_or_default()
        ),
        bill: choice,
        amount,
        method_id: method.id,
        date: ctx.today,
        expires_at: ctx.now + Duration::minutes(i64::from(ctx.plan.billing.quote_ttl_minutes)),
    };
    let after = total_after(account, &quote.bill, amount);
    let method_label = method_name(method);
    let mut r = Reply::say(match bill {
        Some(b) => t!(
            "pay-quote",
            amount = amount,
            bill = bill_name(b),
            method = method_label,
            date = ctx.today,
            after = after,
        ),
        None => t!(
            "pay-quote-everything",
            amount = amount,
            method = method_label,
            date = ctx.today
        ),
    });
    if matches!(quote.bill, BillChoice::Everything) && !account.credit.is_zero() {
        r.push(t!(
            "pay-quote-credit",
            credit = account.credit.min(open_total(account))
        ));
    }
    r.push(t!(
        "pay-quote-ask",
        minutes = ctx.plan.billing.quote_ttl_minutes
    ));
    r = r
        .button(
            t!("button-pay", amount = amount),
            value("yes", None, Some(state.seq)),
        )
        .button(t!("button-no"), value("no", None, Some(state.seq)));
    r.yes_no = true;
    draft.quote = Some(quote);
    state.flow = Flow::Pay(draft);
    Decision::reply(r)
}

/// What the member will owe after paying `amount` on `choice`.
fn total_after(account: &Account, choice: &BillChoice, amount: Decimal) -> Decimal {
    match choice {
        BillChoice::Everything => Decimal::ZERO,
        BillChoice::Bill(_) => (open_total(account) - account.credit - amount).max(Decimal::ZERO),
    }
}

fn open_total(account: &Account) -> Decimal {
    account.open_bills().map(Bill::balance).sum()
}

fn amount_problem(e: &AmountError, amount: Decimal, due: Decimal) -> super::Msg {
    match e {
        AmountError::MoreThanDue { .. } => t!("pay-more-than-due", amount = amount, due = due),
        AmountError::NotPositive => t!("pay-not-positive"),
        AmountError::FractionOfCent => t!("pay-fraction-of-cent"),
        AmountError::NothingDue => t!("pay-nothing-due"),
    }
}

fn ask_bill(state: &mut State, account: &Account, _ctx: &Ctx<'_>) -> Reply {
    state.seq += 1;
    let mut r = Reply::say(t!("pay-which-bill"));
    for b in resolve::open_bills(account) {
        r = r.button(
            t!("button-bill", bill = bill_name(b), balance = b.balance()),
            value("bill", Some(&b.id), Some(state.seq)),
        );
        r.cards.push(card(b));
    }
    r.button(
        t!("button-pay-everything", amount = account.total_due()),
        value("bill", Some("everything"), Some(state.seq)),
    )
}

fn ask_amount(state: &mut State, bill: Option<&Bill>, due: Decimal) -> Reply {
    state.seq += 1;
    let msg = match bill {
        Some(b) => t!("pay-how-much", bill = bill_name(b), balance = due),
        None => t!("pay-how-much-total", balance = due),
    };
    Reply::say(msg).button(
        t!("button-full-balance", amount = due),
        value("amount", Some("full"), Some(state.seq)),
    )
}

fn ask_method(state: &mut State, account: &Account) -> Reply {
    state.seq += 1;
    let mut r = Reply::say(t!("pay-which-method"));
    for m in &account.methods {
        r = r.button(
            method_name(m),
            value("method", Some(&m.id.to_string()), Some(state.seq)),
        );
    }
    r
}

pub fn card(b: &Bill) -> BillCard {
    BillCard {
        bill_id: b.id.clone(),
        category: b.category.clone(),
        due_date: b.due_date,
        amount: b.amount(),
        balance: b.balance(),
    }
}

pub fn choose_bill(state: &mut State, id: &str, ctx: &Ctx<'_>) -> Decision {
    if let Flow::Pay(d) = &mut state.flow {
        d.quote = None;
        d.bill = Some(if id == "everything" {
            BillChoice::Everything
        } else {
            BillChoice::Bill(id.to_owned())
        });
    }
    advance(state, ctx)
}

pub fn choose_amount(state: &mut State, amount: &str, ctx: &Ctx<'_>) -> Decision {
    if let Flow::Pay(d) = &mut state.flow {
        d.quote = None;
        d.amount = if amount == "full" {
            Some(AmountChoice::Full)
        } else {
            amount.parse().ok().map(AmountChoice::Value)
        };
        return advance(state, ctx);
    }
    Decision::reply(Reply::say(t!("stale-button")))
}

pub fn choose_method(state: &mut State, id: &str, ctx: &Ctx<'_>) -> Decision {
    if let Flow::Pay(d) = &mut state.flow {
        d.quote = None;
        d.method_id = id.parse().ok();
    }
    advance(state, ctx)
}

/// The member said yes to the quote: pay it, unless it has expired.
pub fn confirm(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    let Flow::Pay(draft) = &mut state.flow else {
        return Decision::default();
    };
    let Some(quote) = draft.quote.clone() else {
        return Decision::reply(Reply::say(t!("nothing-to-confirm")));
    };
    if ctx.now > quote.expires_at {
        draft.quote = None;
        let mut d = advance(state, ctx);
        let mut r = Reply::say(t!("pay-quote-expired"));
        r.extend(d.reply);
        d.reply = r;
        return d;
    }
    Decision {
        effect: Some(Effect::Pay(quote)),
        ..Decision::default()
    }
}

/// The receipt, or why the payment did not go through.
pub fn outcome(outcome: &Outcome, ctx: &Ctx<'_>) -> Reply {
    match outcome {
        Outcome::Paid {
            amount,
            confirmation,
            total_due_after,
        } => {
            let mut r = Reply::say(t!(
                "pay-receipt",
                amount = *amount,
                confirmation = confirmation.as_str(),
                date = ctx.today,
            ));
            r.push(if total_due_after.is_zero() {
                t!("pay-receipt-all-paid")
            } else {
                t!("pay-receipt-balance", balance = *total_due_after)
            });
            r
        }
        Outcome::PaymentRefused { reason } => {
            let msg = if reason == "insufficient_funds" {
                t!("pay-insufficient-funds")
            } else {
                t!("pay-declined")
            };
            Reply::say(msg).and(t!("pay-try-another-method"))
        }
        _ => Reply::say(t!("pay-not-possible")),
    }
}
