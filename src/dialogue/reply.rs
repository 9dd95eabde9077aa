//! The channel-neutral reply: Fluent message ids with arguments, quick-reply buttons, an
//! optional bill card and link. Channels render it (numbered options on SMS, an inline
//! keyboard on Telegram, buttons on the web page).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::billing::Language;
use crate::i18n::{Arg, Catalog, format_date, format_date_short, format_money};

/// A value inside a message, formatted for the member's language when rendered.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    Money(Decimal),
    Date(NaiveDate),
    ShortDate(NaiveDate),
    Count(i64),
    /// Another message (a bill's name, a method's label…).
    Msg(Box<Msg>),
}

impl From<&str> for Val {
    fn from(s: &str) -> Self {
        Val::Text(s.to_owned())
    }
}
impl From<String> for Val {
    fn from(s: String) -> Self {
        Val::Text(s)
    }
}
impl From<&String> for Val {
    fn from(s: &String) -> Self {
        Val::Text(s.clone())
    }
}
impl From<Decimal> for Val {
    fn from(d: Decimal) -> Self {
        Val::Money(d)
    }
}
impl From<NaiveDate> for Val {
    fn from(d: NaiveDate) -> Self {
        Val::Date(d)
    }
}
impl From<i64> for Val {
    fn from(n: i64) -> Self {
        Val::Count(n)
    }
}
impl From<u32> for Val {
    fn from(n: u32) -> Self {
        Val::Count(i64::from(n))
    }
}
impl From<usize> for Val {
    fn from(n: usize) -> Self {
        Val::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl From<Msg> for Val {
    fn from(m: Msg) -> Self {
        Val::Msg(Box::new(m))
    }
}

/// One message to say: a Fluent id and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub id: String,
    pub args: Vec<(&'static str, Val)>,
}

impl Msg {
    pub fn new(id: impl Into<String>, args: Vec<(&'static str, Val)>) -> Self {
        Self {
            id: id.into(),
            args,
        }
    }

    /// Formats the message (and nested messages) in `lang`.
    pub fn render(&self, catalog: &Catalog, lang: Language) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(name, v)| {
                let arg = match v {
                    Val::Text(s) => Arg::Text(s.clone()),
                    Val::Money(d) => Arg::Text(format_money(lang, *d)),
                    Val::Date(d) => Arg::Text(format_date(lang, *d)),
                    Val::ShortDate(d) => Arg::Text(format_date_short(lang, *d)),
                    Val::Count(n) => Arg::Count(*n),
                    Val::Msg(m) => Arg::Text(m.render(catalog, lang)),
                };
                (*name, arg)
            })
            .collect();
        catalog.format(lang, &self.id, &args)
    }
}

/// Builds a [`Msg`] from a literal id: `t!("balance-total", amount = total)`.
///
/// Every id given to this macro must exist in every locale (a test reads the sources).
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::dialogue::Msg::new($id, Vec::new())
    };
    ($id:literal, $($name:ident = $val:expr),+ $(,)?) => {
        $crate::dialogue::Msg::new($id, vec![$((stringify!($name), $crate::dialogue::Val::from($val))),+])
    };
}

/// A quick reply: what the member sees, and what billbot receives when it is chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub label: Msg,
    pub value: String,
}

/// A bill shown as a card (web) or a compact block (text channels).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BillCard {
    pub bill_id: String,
    pub category: String,
    pub due_date: NaiveDate,
    pub amount: Decimal,
    pub balance: Decimal,
}

/// Something billbot says in one turn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reply {
    pub lines: Vec<Msg>,
    pub buttons: Vec<Button>,
    pub cards: Vec<BillCard>,
    /// A link (the bill PDF, the secure page to add a card) with its label.
    pub link: Option<(Msg, String)>,
    /// The reply asks a yes/no question (text channels add "Reply YES or NO").
    pub yes_no: bool,
}

impl Reply {
    pub fn say(msg: Msg) -> Self {
        Reply {
            lines: vec![msg],
            ..Reply::default()
        }
    }

    pub fn and(mut self, msg: Msg) -> Self {
        self.lines.push(msg);
        self
    }

    pub fn push(&mut self, msg: Msg) {
        self.lines.push(msg);
    }

    pub fn button(mut self, label: Msg, value: impl Into<String>) -> Self {
        self.buttons.push(Button {
            label,
            value: value.into(),
        });
        self
    }

    /// Appends another reply's lines, buttons and cards (its link and question win).
    pub fn extend(&mut self, other: Reply) {
        self.lines.extend(other.lines);
        self.buttons.extend(other.buttons);
        self.cards.extend(other.cards);
        if other.link.is_some() {
            self.link = other.link;
        }
        self.yes_no |= other.yes_no;
    }
}

/// A reply rendered in one language, still channel-neutral.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rendered {
    pub text: String,
    pub buttons: Vec<RenderedButton>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<BillCard>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<RenderedLink>,
    #[serde(skip)]
    pub yes_no: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenderedButton {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenderedLink {
    pub label: String,
    pub url: String,
}

impl Reply {
    /// Formats every message in `lang`; lines become paragraphs.
    pub fn render(&self, catalog: &Catalog, lang: Language) -> Rendered {
        Rendered {
            text: self
                .lines
                .iter()
                .map(|m| m.render(catalog, lang))
                .collect::<Vec<_>>()
                .join("\n"),
            buttons: self
                .buttons
                .iter()
                .map(|b| RenderedButton {
                    label: b.label.render(catalog, lang),
                    value: b.value.clone(),
                })
                .collect(),
            cards: self.cards.clone(),
            link: self.link.as_ref().map(|(label, url)| RenderedLink {
                label: label.render(catalog, lang),
                url: url.clone(),
            }),
            yes_no: self.yes_no,
        }
    }
}
