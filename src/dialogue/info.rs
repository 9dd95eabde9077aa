//! Answers that read the account or the plan profile: balance, due dates, bills and what
//! each charge means, payment history, methods, statements and letters, premiums, FAQs.

use rust_decimal::Decimal;

use crate::billing::history::clamp;
use crate::billing::payment_plan::check_eligible;
use crate::billing::{Account, Bill, BillKind, DueRule, PaymentKind, PaymentStatus};
use crate::nlu::Parse;
use crate::t;

use super::command::value;
use super::labels::{bill_name, method_name};
use super::pay::card;
use super::resolve::{self, Found};
use super::state::{Flow, LetterKind, Purpose, State};
use super::{Ctx, Decision, Msg, Outcome, Reply, Val};

/// What the member owes: the total, each open bill, credits, and scheduled autopay.
pub fn balance(ctx: &Ctx<'_>) -> Reply {
    let Some(account) = ctx.account else {
        return super::small_talk::sign_in_first(ctx);
    };
    let open = resolve::open_bills(account);
    let total = account.total_due();
    if total.is_zero() {
        let mut r = Reply::say(t!("balance-zero"));
        if !account.credit.is_zero() {
            let open_sum: Decimal = open.iter().map(|b| b.balance()).sum();
            r.push(t!(
                "balance-credit-left",
                credit = account.credit - open_sum.min(account.credit)
            ));
        }
        return r;
    }
    let mut r = Reply::say(t!("balance-total", total = total, count = open.len()));
    for b in &open {
        r.push(t!(
            "balance-line",
            bill = bill_name(b),
            balance = b.balance(),
            date = Val::ShortDate(b.due_date)
        ));
        r.cards.push(card(b));
    }
    if !account.credit.is_zero() {
        r.push(t!("balance-credit", credit = account.credit));
    }
    if let Some(a) = &account.autopay {
        r.push(t!("balance-autopay", date = a.next_run));
    }
    r.button(t!("button-pay-a-bill"), value("do", Some("pay_bill"), None))
        .button(
            t!("button-explain-a-bill"),
            value("do", Some("explain_bill"), None),
        )
}

/// When each open bill is due, the premium rule of the member's region, and autopay.
pub fn due_dates(ctx: &Ctx<'_>) -> Reply {
    let Some(account) = ctx.account else {
        return super::small_talk::sign_in_first(ctx);
    };
    let open = resolve::open_bills(account);
    let mut r = if open.is_empty() {
        Reply::say(t!("due-nothing"))
    } else {
        Reply::default()
    };
    for b in &open {
        r.push(if b.is_overdue(ctx.today) {
            t!(
                "due-line-overdue",
                bill = bill_name(b),
                balance = b.balance(),
                date = b.due_date
            )
        } else {
            t!(
                "due-line",
                bill = bill_name(b),
                balance = b.balance(),
                date = b.due_date
            )
        });
    }
    if let Some(region) = ctx.plan.region(&account.member.region) {
        r.push(match region.due_rule {
            DueRule::EndOfPriorMonth => t!("due-rule-end-of-prior-month"),
            DueRule::FirstOfMonth => t!("due-rule-first-of-month", region = region.name.as_str()),
        });
    }
    if let Some(a) = &account.autopay {
        let method = account
            .method(a.method_id)
            .map_or_else(|| t!("method-unknown"), method_name);
        r.push(t!("due-autopay", date = a.next_run, method = method));
    }
    r
}

/// Shows or explains the bill the member named, or asks which one.
pub fn view_or_explain(
    state: &mut State,
    parse: &Parse,
    purpose: Purpose,
    ctx: &Ctx<'_>,
    replace: bool,
) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    if let Some(slot) = &parse.slots.bill {
        match resolve::bill(account, slot, false) {
            Found::One(b) => return Decision::reply(show_bill(&b.id, purpose, ctx)),
            Found::None => {
                let mut r = Reply::say(t!("bill-not-found"));
                r.extend(bill_menu(state, account, purpose, replace));
                return Decision::reply(r);
            }
            Found::Several => {}
        }
    }
    let open = resolve::open_bills(account);
    if open.len() == 1 {
        return Decision::reply(show_bill(&open[0].id, purpose, ctx));
    }
    Decision::reply(bill_menu(state, account, purpose, replace))
}

/// Asks which bill, with a button per bill (open ones first, then the latest paid ones).
fn bill_menu(state: &mut State, account: &Account, purpose: Purpose, replace: bool) -> Reply {
    let mut r = Reply::say(t!("bill-which"));
    let bills: Vec<&Bill> = resolve::listed_bills(account).into_iter().take(6).collect();
    if replace {
        state.flow = Flow::ChooseBill { purpose };
        state.seq += 1;
    }
    let verb = match purpose {
        Purpose::View => "view_bill",
        Purpose::Explain => "explain_bill",
    };
    for b in bills {
        let v = if replace {
            value("bill", Some(&b.id), Some(state.seq))
        } else {
            value("do", Some(&format!("{verb}:{}", b.id)), None)
        };
        r = r.button(
            t!("button-bill", bill = bill_name(b), balance = b.balance()),
            v,
        );
    }
    r
}

pub fn choose_bill(state: &mut State, purpose: Purpose, ctx: &Ctx<'_>) -> Reply {
    match ctx.account {
        Some(a) => bill_menu(state, a, purpose, true),
        None => super::small_talk::sign_in_first(ctx),
    }
}

/// One bill: its services, or a walk through each charge.
pub fn show_bill(id: &str, purpose: Purpose, ctx: &Ctx<'_>) -> Reply {
    let Some(account) = ctx.account else {
        return super::small_talk::sign_in_first(ctx);
    };
    let Some(bill) = account.bill(id) else {
        return Reply::say(t!("bill-not-found"));
    };
    match purpose {
        Purpose::View => view(bill, account, ctx),
        Purpose::Explain => explain(bill, account, ctx),
    }
}

fn view(bill: &Bill, account: &Account, ctx: &Ctx<'_>) -> Reply {
    let mut r = Reply::say(t!(
        "bill-header",
        bill = bill_name(bill),
        statement = bill.statement_date,
        due = bill.due_date,
    ));
    for l in &bill.lines {
        r.push(service_line(l));
    }
    r.push(t!(
        "bill-totals",
        amount = bill.amount(),
        paid = bill.paid,
        balance = bill.balance(),
    ));
    let paid: Vec<_> = account
        .payments
        .iter()
        .filter(|p| {
            p.status == PaymentStatus::Succeeded && p.bills.iter().any(|(b, _)| *b == bill.id)
        })
        .collect();
    for p in paid.iter().take(3) {
        r.push(t!(
            "bill-payment-line",
            date = p.date,
            amount = p
                .bills
                .iter()
                .find(|(b, _)| *b == bill.id)
                .map(|(_, a)| *a)
                .unwrap_or(p.amount),
            confirmation = p.confirmation.clone().unwrap_or_default(),
        ));
    }
    r.cards.push(card(bill));
    if ctx.channel.shows_links() {
        r.link = Some((
            t!("link-bill-pdf"),
            ctx.url(&format!("/api/bills/{}/pdf", bill.id)),
        ));
    }
    if bill.is_open() {
        r = r
            .button(
                t!("button-pay-this-bill"),
                value("do", Some(&format!("pay_bill:{}", bill.id)), None),
            )
            .button(
                t!("button-explain-this-bill"),
                value("do", Some(&format!("explain_bill:{}", bill.id)), None),
            );
    }
    r
}

fn service_line(l: &crate::billing::LineItem) -> Msg {
    match (l.visit_date, &l.provider) {
        (Some(date), Some(provider)) => t!(
            "bill-service-visit",
            service = l.service.as_str(),
            date = date,
            provider = match &l.facility {
                Some(f) => format!("{provider}, {f}"),
                None => provider.clone(),
            },
        ),
        _ => t!("bill-service", service = l.service.as_str()),
    }
}

fn explain(bill: &Bill, account: &Account, ctx: &Ctx<'_>) -> Reply {
    let mut r = Reply::say(t!(
        "explain-intro",
        bill = bill_name(bill),
        amount = bill.amount()
    ));
    for l in &bill.lines {
        r.push(if l.adjustments.is_zero() {
            t!(
                "explain-line",
                service = l.service.as_str(),
                charges = l.charges,
                plan_paid = l.plan_paid,
                share = l.member_share,
            )
        } else {
            t!(
                "explain-line-adjusted",
                service = l.service.as_str(),
                charges = l.charges,
                plan_paid = l.plan_paid,
                adjustments = l.adjustments,
                share = l.member_share,
            )
        });
    }
    if !bill.adjustments().is_zero() {
        r.push(t!("explain-adjustments-meaning"));
    }
    if !bill.paid.is_zero() {
        r.push(t!(
            "explain-paid-so-far",
            paid = bill.paid,
            balance = bill.balance()
        ));
    }
    let previous = account
        .bills
        .iter()
        .filter(|b| b.category == bill.category && b.statement_date < bill.statement_date)
        .max_by_key(|b| b.statement_date);
    if let Some(prev) = previous {
        let diff = bill.amount() - prev.amount();
        r.push(if diff > Decimal::ZERO {
            t!(
                "explain-compare-up",
                diff = diff,
                previous = prev.amount(),
                date = prev.statement_date
            )
        } else if diff < Decimal::ZERO {
            t!(
                "explain-compare-down",
                diff = -diff,
                previous = prev.amount(),
                date = prev.statement_date
            )
        } else {
            t!("explain-compare-same", previous = prev.amount())
        });
        if bill.kind == BillKind::Premium && diff != Decimal::ZERO {
            r.push(t!("explain-premium-factors-hint"));
        }
    }
    r.push(t!("explain-next-steps"));
    r.cards.push(card(bill));
    if bill.is_open() {
        r = r.button(
            t!("button-pay-this-bill"),
            value("do", Some(&format!("pay_bill:{}", bill.id)), None),
        );
        let in_plan = account.plans.iter().any(|p| p.bill_id == bill.id);
        if check_eligible(bill.balance(), in_plan, &ctx.plan.payment_plan).is_ok() {
            r = r.button(
                t!("button-payment-plan"),
                value("do", Some(&format!("payment_plan:{}", bill.id)), None),
            );
        }
    }
    r.button(
        t!("button-question-a-charge"),
        value("do", Some("human_handoff"), None),
    )
}

/// Payments in a date range and of a type, within the 13-month window.
pub fn history(parse: &Parse, ctx: &Ctx<'_>) -> Reply {
    let Some(account) = ctx.account else {
        return super::small_talk::sign_in_first(ctx);
    };
    let months = ctx.plan.billing.history_months;
    let range = clamp(
        ctx.today,
        months,
        parse.slots.date_from.or(parse.slots.date),
        parse.slots.date_to,
    );
    let kind = parse
        .slots
        .payment_type
        .as_deref()
        .and_then(PaymentKind::from_key);
    let shown: Vec<_> = account
        .payments
        .iter()
        .filter(|p| range.contains(p.date) && kind.is_none_or(|k| p.kind == k))
        .collect();
    // A range wholly older than the window: say why nothing can be shown.
    if range.to < range.from {
        return Reply::say(t!(
            "history-older-only",
            months = months,
            start = range.from
        ))
        .button(
            t!("button-history-letter"),
            value("letter", Some("payment_history"), None),
        );
    }
    let mut r = if shown.is_empty() {
        Reply::say(t!("history-none", from = range.from, to = range.to))
    } else {
        Reply::say(t!(
            "history-header",
            count = shown.len(),
            from = range.from,
            to = range.to
        ))
    };
    const LIMIT: usize = 10;
    for p in shown.iter().take(LIMIT) {
        let method = account
            .method(p.method_id)
            .map_or_else(|| t!("method-unknown"), method_name);
        let kind = Msg::new(
            format!("payment-kind-{}", p.kind.key().replace('_', "-")),
            Vec::new(),
        );
        r.push(match p.status {
            PaymentStatus::Succeeded => t!(
                "history-line",
                date = Val::ShortDate(p.date),
                amount = p.amount,
                method = method,
                kind = kind,
                confirmation = p.confirmation.clone().unwrap_or_default(),
            ),
            PaymentStatus::Failed => t!(
                "history-line-failed",
                date = Val::ShortDate(p.date),
                amount = p.amount,
                method = method
            ),
            PaymentStatus::Pending => t!(
                "history-line-pending",
                date = Val::ShortDate(p.date),
                amount = p.amount,
                method = method
            ),
        });
    }
    if shown.len() > LIMIT {
        r.push(t!("history-more", count = shown.len() - LIMIT));
    }
    if range.older_requested {
        r.push(t!("history-older", months = months, start = range.from));
        r = r.button(
            t!("button-history-letter"),
            value("letter", Some("payment_history"), None),
        );
    }
    r
}

/// The saved methods, and where to add or remove one (never in chat).
pub fn methods(ctx: &Ctx<'_>) -> Reply {
    let Some(account) = ctx.account else {
        return super::small_talk::sign_in_first(ctx);
    };
    let mut r = if account.methods.is_empty() {
        Reply::say(t!("methods-none"))
    } else {
        Reply::say(t!("methods-header", count = account.methods.len()))
    };
    for m in &account.methods {
        r.push(if m.is_default {
            t!("methods-line-default", method = method_name(m))
        } else {
            t!("methods-line", method = method_name(m))
        });
        if m.is_expired(ctx.today) {
            r.push(t!("methods-expired", method = method_name(m)));
        }
    }
    r.push(t!("methods-accepted"));
    r.push(t!("methods-add-securely"));
    if ctx.channel.shows_links() {
        r.link = Some((t!("link-add-method"), ctx.url("/methods/new")));
    }
    r
}

/// Why premiums change (the plan's factors), and how the member's own premium moved.
pub fn premium(ctx: &Ctx<'_>) -> Reply {
    let mut r = Reply::say(t!("premium-intro"));
    for f in &ctx.plan.premium.factors {
        r.push(Msg::new(
            format!("premium-factor-{}", f.replace('_', "-")),
            Vec::new(),
        ));
    }
    if let Some(account) = ctx.account {
        let mut premiums: Vec<&Bill> = account
            .bills
            .iter()
            .filter(|b| b.kind == BillKind::Premium)
            .collect();
        premiums.sort_by_key(|b| b.statement_date);
        if let Some(last) = premiums.last() {
            // The most recent change: the newest premium with another amount, and the
            // first bill at today's amount after it.
            match premiums.iter().rposition(|b| b.amount() != last.amount()) {
                Some(i) => r.push(t!(
                    "premium-yours-changed",
                    previous = premiums[i].amount(),
                    current = last.amount(),
                    date = premiums[i + 1].due_date,
                )),
                None => r.push(t!("premium-yours-same", current = last.amount())),
            }
        }
    }
    r.push(t!(
        "premium-more-help",
        phone = ctx.plan.billing.phone.as_str()
    ));
    r
}

/// An FAQ answer with facts from the plan profile for the member's region; without a
/// topic, the list of topics.
pub fn faq(topic: Option<&str>, ctx: &Ctx<'_>) -> Reply {
    let plan = ctx.plan;
    let region = ctx.account.and_then(|a| plan.region(&a.member.region));
    let Some(topic) = topic.filter(|t| t.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
    else {
        return faq_menu();
    };
    let b = &plan.billing;
    let mut args: Vec<(&'static str, Val)> = vec![
        ("billing_phone", b.phone.as_str().into()),
        ("tty", b.tty.as_str().into()),
        ("billing_email", b.email.as_str().into()),
        ("history_months", b.history_months.into()),
        ("generated_by_day", b.statement_generated_by_day.into()),
        (
            "covered_first",
            plan.covered_california.first_payment.as_str().into(),
        ),
        (
            "covered_monthly",
            plan.covered_california.monthly_payment.as_str().into(),
        ),
        (
            "oregon_service",
            plan.oregon.customer_service.as_str().into(),
        ),
        (
            "oregon_advice",
            plan.oregon.advice_and_appointments.as_str().into(),
        ),
        ("oregon_tty", plan.oregon.tty.as_str().into()),
        ("min_plan_balance", plan.payment_plan.min_balance.into()),
    ];
    match region {
        Some(r) => {
            args.push(("region", r.name.as_str().into()));
            args.push(("region_phone", r.pay_by_phone.as_str().into()));
            args.push(("mail_address", plan.mail_address(r).into()));
            args.push(("pay_online", r.pay_online.join(" / ").into()));
            args.push(("known_region", "yes".into()));
        }
        None => {
            args.push(("region", String::new().into()));
            args.push(("region_phone", phone_list(plan).into()));
            args.push(("mail_address", mail_list(plan).into()));
            args.push(("pay_online", online_list(plan).into()));
            args.push(("known_region", "no".into()));
        }
    }
    let id = format!("faq-{}", topic.replace('_', "-"));
    let mut r = Reply::say(Msg::new(id, args));
    if topic == "coverage_types" {
        for c in &plan.coverage.types {
            r.push(Msg::new(
                format!("coverage-{}", c.replace('_', "-")),
                Vec::new(),
            ));
        }
    }
    r
}

fn phone_list(plan: &crate::plan::Plan) -> String {
    plan.regions
        .values()
        .map(|r| format!("{}: {}", r.name, r.pay_by_phone))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Each mailing address with the regions that use it.
fn mail_list(plan: &crate::plan::Plan) -> String {
    plan.mail
        .iter()
        .map(|(key, address)| {
            let names: Vec<&str> = plan
                .regions
                .values()
                .filter(|r| &r.mail == key)
                .map(|r| r.name.as_str())
                .collect();
            format!("{address} ({})", names.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn online_list(plan: &crate::plan::Plan) -> String {
    let mut urls: Vec<&str> = plan
        .regions
        .values()
        .flat_map(|r| r.pay_online.iter().map(String::as_str))
        .collect();
    urls.sort_unstable();
    urls.dedup();
    urls.join(" / ")
}

/// The FAQ topics a member can pick from.
pub const FAQ_TOPICS: [&str; 14] = [
    "pay_online",
    "pay_by_phone",
    "pay_by_mail",
    "payment_options",
    "statement_timing",
    "coverage_types",
    "covered_california",
    "oregon_contacts",
    "registration",
    "history_window",
    "balance_higher_than_expected",
    "notifications_not_updated",
    "contact_billing",
    "late_fees",
];

/// The topics the FAQ menu offers as buttons.
pub const FAQ_MENU: [&str; 6] = [
    "pay_online",
    "pay_by_phone",
    "pay_by_mail",
    "payment_options",
    "statement_timing",
    "contact_billing",
];

fn faq_menu() -> Reply {
    let mut r = Reply::say(t!("faq-menu"));
    for topic in FAQ_MENU {
        r = r.button(
            Msg::new(format!("faq-title-{}", topic.replace('_', "-")), Vec::new()),
            value("topic", Some(topic), None),
        );
    }
    r
}

/// Statements to view or download, and letters to request.
pub fn statements(ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    let mut bills: Vec<&Bill> = account.bills.iter().collect();
    bills.sort_by_key(|b| std::cmp::Reverse(b.statement_date));
    let mut r = Reply::say(t!("statements-header", count = bills.len().min(6)));
    for b in bills.iter().take(6) {
        r.push(t!(
            "statements-line",
            date = b.statement_date,
            bill = bill_name(b),
            amount = b.amount()
        ));
    }
    if account.paperless.enrolled {
        r.push(t!("statements-paperless"));
    }
    if ctx.channel.shows_links() {
        if let Some(latest) = bills.first() {
            r.link = Some((
                t!("link-bill-pdf"),
                ctx.url(&format!("/api/bills/{}/pdf", latest.id)),
            ));
        }
    }
    r.push(t!("statements-letters"));
    Decision::reply(
        r.button(t!("button-tax-letter"), value("letter", Some("tax"), None))
            .button(
                t!("button-history-letter"),
                value("letter", Some("payment_history"), None),
            ),
    )
}

pub fn letter_choose(state: &mut State, kind: &str, ctx: &Ctx<'_>) -> Decision {
    let kind = match kind {
        "tax" => LetterKind::Tax,
        _ => LetterKind::PaymentHistory,
    };
    state.flow = Flow::Letter {
        kind: Some(kind),
        from: None,
        to: None,
    };
    letter_advance(state, ctx)
}

pub fn letter_advance(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    if ctx.account.is_none() {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    }
    let Flow::Letter {
        kind: Some(kind), ..
    } = &state.flow
    else {
        state.flow = Flow::Idle;
        return Decision::default();
    };
    state.seq += 1;
    let msg = match kind {
        LetterKind::Tax => t!("letter-confirm-tax"),
        LetterKind::PaymentHistory => t!("letter-confirm-history"),
    };
    let mut r = Reply::say(msg)
        .button(t!("button-yes"), value("yes", None, Some(state.seq)))
        .button(t!("button-no"), value("no", None, Some(state.seq)));
    r.yes_no = true;
    Decision::reply(r)
}

pub fn letter_outcome(outcome: &Outcome) -> Reply {
    match outcome {
        Outcome::LetterRequested { kind, number } => Reply::say(match kind {
            LetterKind::Tax => t!("letter-requested-tax", number = *number),
            LetterKind::PaymentHistory => t!("letter-requested-history", number = *number),
        }),
        _ => Reply::default(),
    }
}
