//! How the member hears from the plan: notification preferences per channel, paperless
//! billing (with its terms), and unsubscribing — each change confirmed first.

use crate::billing::Channel;
use crate::nlu::Parse;
use crate::t;

use super::command::value;
use super::state::{Flow, State};
use super::{ChannelKind, Ctx, Decision, Effect, Msg, Outcome, Reply};

pub fn channel_name(c: Channel) -> Msg {
    match c {
        Channel::Email => t!("channel-email"),
        Channel::Text => t!("channel-text"),
        Channel::Telegram => t!("channel-telegram"),
    }
}

fn setting(parse: &Parse) -> Option<bool> {
    match parse.slots.setting.as_deref() {
        Some("on") => Some(true),
        Some("off") => Some(false),
        _ => None,
    }
}

pub fn notifications(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    state.flow = Flow::Notifications {
        channel: parse.slots.channel.clone(),
        enabled: setting(parse),
    };
    advance(state, ctx)
}

pub fn update(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    if let Flow::Notifications { channel, enabled } = &mut state.flow {
        if parse.slots.channel.is_some() {
            channel.clone_from(&parse.slots.channel);
        }
        if let Some(on) = setting(parse) {
            *enabled = Some(on);
        }
    }
    advance(state, ctx)
}

pub fn paperless(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    // Without "on" or "off", a paperless member asking about paper bills wants them
    // back; anyone else wants to go paperless.
    let enroll = setting(parse).unwrap_or(!account.paperless.enrolled);
    if account.paperless.enrolled == enroll {
        state.flow = Flow::Idle;
        return Decision::reply(Reply::say(if enroll {
            t!("paperless-already-on")
        } else {
            t!("paperless-already-off")
        }));
    }
    state.flow = Flow::Paperless { enroll };
    advance(state, ctx)
}

pub fn unsubscribe(state: &mut State, parse: &Parse, ctx: &Ctx<'_>) -> Decision {
    let channel = parse.slots.channel.clone().or_else(|| match ctx.channel {
        ChannelKind::Sms => Some("text".to_owned()),
        ChannelKind::Telegram => Some("telegram".to_owned()),
        ChannelKind::Web | ChannelKind::Terminal => None,
    });
    state.flow = Flow::Unsubscribe { channel };
    advance(state, ctx)
}

pub fn choose_channel(state: &mut State, arg: &str, ctx: &Ctx<'_>) -> Decision {
    let (channel, on) = match arg.split_once(':') {
        Some((c, s)) => (c, Some(s == "on")),
        None => (arg, None),
    };
    match &mut state.flow {
        Flow::Notifications {
            channel: c,
            enabled,
        } => {
            *c = Some(channel.to_owned());
            if on.is_some() {
                *enabled = on;
            }
        }
        Flow::Unsubscribe { channel: c } => *c = Some(channel.to_owned()),
        _ => {
            state.flow = Flow::Notifications {
                channel: Some(channel.to_owned()),
                enabled: on,
            }
        }
    }
    advance(state, ctx)
}

/// Asks for what is missing, then for confirmation.
pub fn advance(state: &mut State, ctx: &Ctx<'_>) -> Decision {
    let Some(account) = ctx.account else {
        return Decision::reply(super::small_talk::sign_in_first(ctx));
    };
    state.seq += 1;
    let seq = Some(state.seq);
    let yes_no = |mut r: Reply, yes: Msg| {
        r = r
            .button(yes, value("yes", None, seq))
            .button(t!("button-no"), value("no", None, seq));
        r.yes_no = true;
        Decision::reply(r)
    };
    match state.flow.clone() {
        Flow::Notifications { channel, enabled } => {
            let channel = channel.as_deref().and_then(Channel::from_key);
            let Some(channel) = channel else {
                let mut r = Reply::say(t!("notifications-current"));
                for c in Channel::ALL {
                    let on = account
                        .preferences
                        .iter()
                        .any(|p| p.channel == c && p.enabled);
                    r.push(t!(
                        "notifications-line",
                        channel = channel_name(c),
                        state = if on { t!("state-on") } else { t!("state-off") },
                    ));
                    r = r.button(channel_name(c), value("notify", Some(c.key()), seq));
                }
                r.push(t!("notifications-which"));
                return Decision::reply(r);
            };
            state.flow = Flow::Notifications {
                channel: Some(channel.key().to_owned()),
                enabled,
            };
            match enabled {
                None => Decision::reply(
                    Reply::say(t!(
                        "notifications-on-or-off",
                        channel = channel_name(channel)
                    ))
                    .button(
                        t!("button-turn-on"),
                        value("notify", Some(&format!("{}:on", channel.key())), seq),
                    )
                    .button(
                        t!("button-turn-off"),
                        value("notify", Some(&format!("{}:off", channel.key())), seq),
                    ),
                ),
                Some(on) => {
                    let msg = if on {
                        t!("notifications-confirm-on", channel = channel_name(channel))
                    } else {
                        t!("notifications-confirm-off", channel = channel_name(channel))
                    };
                    yes_no(Reply::say(msg), t!("button-yes"))
                }
            }
        }
        Flow::Paperless { enroll: true } => yes_no(
            Reply::say(t!("paperless-terms")).and(t!("paperless-terms-ask")),
            t!("button-i-agree"),
        ),
        Flow::Paperless { enroll: false } => {
            yes_no(Reply::say(t!("paperless-leave-confirm")), t!("button-yes"))
        }
        Flow::Unsubscribe { channel } => match channel.as_deref().and_then(Channel::from_key) {
            None => {
                let mut r = Reply::say(t!("unsubscribe-which"));
                for c in Channel::ALL {
                    r = r.button(channel_name(c), value("notify", Some(c.key()), seq));
                }
                Decision::reply(r)
            }
            Some(c) => {
                state.flow = Flow::Unsubscribe {
                    channel: Some(c.key().to_owned()),
                };
                yes_no(
                    Reply::say(t!("unsubscribe-confirm", channel = channel_name(c))),
                    t!("button-yes-stop"),
                )
            }
        },
        _ => Decision::default(),
    }
}

pub fn confirm(state: &mut State) -> Decision {
    let effect = match &state.flow {
        Flow::Notifications {
            channel: Some(c),
            enabled: Some(on),
        } => Channel::from_key(c).map(|channel| Effect::SetNotifications {
            channel,
            enabled: *on,
        }),
        Flow::Paperless { enroll } => Some(Effect::SetPaperless(*enroll)),
        Flow::Unsubscribe { channel: Some(c) } => {
            Channel::from_key(c).map(|channel| Effect::Unsubscribe { channel })
        }
        _ => None,
    };
    match effect {
        Some(e) => Decision {
            effect: Some(e),
            ..Decision::default()
        },
        None => Decision::reply(Reply::say(t!("nothing-to-confirm"))),
    }
}

pub fn outcome(outcome: &Outcome, ctx: &Ctx<'_>) -> Reply {
    match outcome {
        Outcome::NotificationsSet { channel, enabled } => {
            let mut r = Reply::say(if *enabled {
                t!("notifications-now-on", channel = channel_name(*channel))
            } else {
                t!("notifications-now-off", channel = channel_name(*channel))
            });
            let texts_stopped = ctx
                .account
                .and_then(|a| a.sms.as_ref())
                .is_some_and(|s| !s.opted_in);
            if *enabled && *channel == Channel::Text && texts_stopped {
                r.push(t!("notifications-text-reply-start"));
            }
            r
        }
        Outcome::PaperlessSet(true) => Reply::say(t!("paperless-now-on")),
        Outcome::PaperlessSet(false) => Reply::say(t!("paperless-now-off")),
        Outcome::Unsubscribed { channel } => {
            Reply::say(t!("unsubscribed", channel = channel_name(*channel))).and(
                if *channel == Channel::Text {
                    t!("unsubscribed-text-start")
                } else {
                    t!("unsubscribed-how-to-undo")
                },
            )
        }
        _ => Reply::default(),
    }
}
