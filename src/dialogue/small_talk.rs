//! Greetings, help, thanks and goodbyes; hand-off to a person; languages; what billbot
//! says when it did not understand or the member is not signed in.

use crate::billing::Language;
use crate::nlu::Parse;
use crate::t;

use super::command::value;
use super::state::{Flow, State};
use super::{ChannelKind, Ctx, Decision, Effect, Reply};

pub fn greeting(ctx: &Ctx<'_>) -> Reply {
    let r = match ctx.account {
        Some(a) => {
            let first = a.member.name.split_whitespace().next().unwrap_or("");
            Reply::say(t!("greeting-member", name = first))
        }
        None => Reply::say(t!("greeting-visitor")),
    };
    r.and(t!("greeting-offer"))
}

/// What billbot can do, with quick replies for the common requests.
pub fn help(ctx: &Ctx<'_>) -> Reply {
    let b = &ctx.plan.billing;
    Reply::say(t!("help-intro"))
        .and(t!("help-list"))
        .and(t!(
            "help-person",
            phone = b.phone.as_str(),
            tty = b.tty.as_str()
        ))
        .button(
            t!("button-what-do-i-owe"),
            value("do", Some("check_balance"), None),
        )
        .button(t!("button-pay-a-bill"), value("do", Some("pay_bill"), None))
        .button(
            t!("button-autopay"),
            value("do", Some("autopay_status"), None),
        )
        .button(
            t!("button-payment-history"),
            value("do", Some("payment_history"), None),
        )
        .button(
            t!("button-talk-to-person"),
            value("do", Some("human_handoff"), None),
        )
}

/// Account questions from someone billbot does not know yet.
pub fn sign_in_first(ctx: &Ctx<'_>) -> Reply {
    match ctx.channel {
        ChannelKind::Web | ChannelKind::Terminal => Reply::say(t!("sign-in-first")),
        ChannelKind::Sms | ChannelKind::Telegram => Reply::say(t!("link-first")),
    }
}

pub fn out_of_scope(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    state.misses = state.misses.saturating_add(1);
    let b = &ctx.plan.billing;
    let mut r = if parse.billing_problem || state.misses >= 2 {
        let (phone, tty) = (b.phone.as_str(), b.tty.as_str());
        // billbot cannot correct a bill; the billing team can, so a reported problem gets
        // the offer of a person at once, not after a second miss.
        let text = if parse.billing_problem {
            t!("oos-billing-problem", phone = phone, tty = tty)
        } else {
            t!("oos-offer-person", phone = phone, tty = tty)
        };
        let offer = Reply::say(text).button(
            t!("button-talk-to-person"),
            value("do", Some("human_handoff"), None),
        );
        if parse.billing_problem {
            offer
        } else {
            offer.button(t!("button-help"), value("do", Some("help"), None))
        }
    } else {
        Reply::say(t!("oos-reply")).and(t!("oos-examples"))
    };
    if !state.flow.is_idle() {
        r.extend(super::resume_prompt(state, ctx));
    }
    Decision::reply(r)
}

pub fn cancel(state: &mut State) -> Decision {
    if state.flow.is_idle() {
        return Decision::reply(Reply::say(t!("nothing-to-cancel")));
    }
    let was_payment = matches!(state.flow, Flow::Pay(_));
    state.flow = Flow::Idle;
    Decision::reply(Reply::say(if was_payment {
        t!("cancelled-payment")
    } else {
        t!("cancelled")
    }))
}

/// Records a hand-off ticket (the assistant does it and calls [`ticket`]).
pub fn handoff(reason: &str) -> Decision {
    Decision {
        effect: Some(Effect::Handoff {
            reason: reason.to_owned(),
        }),
        ..Decision::default()
    }
}

pub fn ticket(number: i64, ctx: &Ctx<'_>) -> Reply {
    let b = &ctx.plan.billing;
    Reply::say(t!(
        "handoff-ticket",
        number = number,
        phone = b.phone.as_str(),
        tty = b.tty.as_str(),
        email = b.email.as_str(),
    ))
}

pub fn link(ctx: &Ctx<'_>) -> Reply {
    match (ctx.account, ctx.channel) {
        (Some(_), _) => Reply::say(t!("link-already")),
        (None, ChannelKind::Web | ChannelKind::Terminal) => Reply::say(t!("sign-in-first")),
        (None, _) => Reply::say(t!("link-first")),
    }
}

pub fn change_language(parse: &Parse) -> Decision {
    match parse.slots.language {
        Some(locale) => switch_to(locale.as_str()),
        None => {
            let r = Reply::say(t!("language-which"))
                .button(t!("language-name-en"), value("lang", Some("en-US"), None))
                .button(t!("language-name-es"), value("lang", Some("es-US"), None));
            Decision::reply(r)
        }
    }
}

pub fn switch_to(tag: &str) -> Decision {
    match Language::from_tag(tag) {
        Some(lang) => Decision {
            reply: Reply::say(t!("language-switched")),
            effect: None,
            switch_language: Some(lang),
        },
        None => Decision::reply(Reply::say(t!("language-which"))),
    }
}
