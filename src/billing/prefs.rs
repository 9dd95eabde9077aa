//! How members want to hear from billbot: notification preferences, paperless billing and
//! SMS consent.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// Where a notification goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Text,
    Telegram,
}

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// "You'll receive a notification when your premium bill is ready to view online."
    BillReady,
    /// "notifications to provide you up-to-date information on your payment status"
    PaymentStatus,
    /// A reminder before an autopay run or a due date.
    AutopayReminder,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Email, Channel::Text, Channel::Telegram];

    pub fn key(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Text => "text",
            Channel::Telegram => "telegram",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    /// A new member gets e-mail and text notifications; Telegram is opt-in once linked.
    pub fn on_by_default(self) -> bool {
        !matches!(self, Channel::Telegram)
    }
}

impl Topic {
    pub const ALL: [Topic; 3] = [
        Topic::BillReady,
        Topic::PaymentStatus,
        Topic::AutopayReminder,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Topic::BillReady => "bill_ready",
            Topic::PaymentStatus => "payment_status",
            Topic::AutopayReminder => "autopay_reminder",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// One channel × topic switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Preference {
    pub channel: Channel,
    pub topic: Topic,
    pub enabled: bool,
}

/// Paperless premium billing: enrolled after agreeing to the digital-delivery terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Paperless {
    pub enrolled: bool,
    pub terms_accepted_at: Option<DateTime<Utc>>,
}

/// Whether a mobile number may receive texts, and the last change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SmsConsent {
    pub opted_in: bool,
    pub changed_at: DateTime<Utc>,
    /// The keyword that made the change (STOP, START, …), if it came by text.
    pub keyword: Option<String>,
}
