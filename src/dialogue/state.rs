//! Conversation state: what billbot is in the middle of, with what has been collected so
//! far. Stored as JSON with the conversation, so a restart loses nothing.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Which bill(s) a payment is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillChoice {
    Bill(String),
    /// Every open bill, credits applied.
    Everything,
}

/// How much to pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountChoice {
    Full,
    Value(Decimal),
}

/// A payment offer shown to the member, waiting for an explicit yes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The idempotency key of the payment this quote becomes.
    pub key: String,
    pub bill: BillChoice,
    pub amount: Decimal,
    pub method_id: i64,
    pub date: NaiveDate,
    pub expires_at: DateTime<Utc>,
}

/// A payment being put together.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PayDraft {
    pub bill: Option<BillChoice>,
    pub amount: Option<AmountChoice>,
    pub method_id: Option<i64>,
    pub quote: Option<Quote>,
}

/// An autopay enrolment or change being put together.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AutopayDraft {
    /// A `Frequency` in its slot form (`monthly_due_date`, `weekly:friday`, …).
    pub frequency: Option<String>,
    pub method_id: Option<i64>,
    pub all_bills: bool,
}

/// A payment plan being put together.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanDraft {
    pub bill: Option<String>,
    pub installments: Option<u32>,
    pub method_id: Option<i64>,
    /// The first installment the member was shown, and until when that offer stands.
    #[serde(default)]
    pub first: Option<Decimal>,
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// Letters a member can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    Tax,
    PaymentHistory,
}

impl LetterKind {
    pub fn key(self) -> &'static str {
        match self {
            LetterKind::Tax => "tax",
            LetterKind::PaymentHistory => "payment_history",
        }
    }
}

/// What a bill is being chosen for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    View,
    Explain,
}

/// What billbot is in the middle of.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "flow", rename_all = "snake_case")]
pub enum Flow {
    #[default]
    Idle,
    Pay(PayDraft),
    Autopay(AutopayDraft),
    CancelAutopay,
    /// Turning one channel's notifications on or off.
    Notifications {
        channel: Option<String>,
        enabled: Option<bool>,
    },
    Paperless {
        enroll: bool,
    },
    Unsubscribe {
        channel: Option<String>,
    },
    Plan(PlanDraft),
    Letter {
        kind: Option<LetterKind>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    ChooseBill {
        purpose: Purpose,
    },
}

impl Flow {
    pub fn is_idle(&self) -> bool {
        matches!(self, Flow::Idle)
    }
}

/// Everything the dialogue remembers about one conversation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct State {
    #[serde(default)]
    pub flow: Flow,
    /// Messages in a row billbot did not understand; after two it offers a person.
    #[serde(default)]
    pub misses: u8,
    /// Counts every question billbot asks; buttons carry it, so an old button cannot act
    /// on a newer question.
    #[serde(default)]
    pub seq: u32,
    /// The member chose the language; billbot stops following the language of what
    /// they type.
    #[serde(default)]
    pub language_locked: bool,
}
