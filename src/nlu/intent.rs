//! The closed set of intents of SPEC §4 and the locales billbot understands.

use std::fmt;
use std::str::FromStr;

use super::NluError;

macro_rules! intents {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// What the member wants billbot to do now (SPEC §4).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Intent {
            $($variant),*
        }

        impl Intent {
            /// Every intent, in SPEC order.
            pub const ALL: [Intent; 28] = [$(Intent::$variant),*];

            /// The snake_case name `billbot parse` prints.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Intent::$variant => $name),*
                }
            }
        }

        impl FromStr for Intent {
            type Err = NluError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(Intent::$variant),)*
                    other => Err(NluError::UnknownIntent(other.to_owned())),
                }
            }
        }
    };
}

intents! {
    Greeting => "greeting",
    Help => "help",
    Thanks => "thanks",
    Goodbye => "goodbye",
    CheckBalance => "check_balance",
    BillDueDate => "bill_due_date",
    ViewBill => "view_bill",
    ExplainBill => "explain_bill",
    PayBill => "pay_bill",
    SetupAutopay => "setup_autopay",
    CancelAutopay => "cancel_autopay",
    AutopayStatus => "autopay_status",
    PaymentHistory => "payment_history",
    PaymentMethods => "payment_methods",
    NotificationPrefs => "notification_prefs",
    Paperless => "paperless",
    Unsubscribe => "unsubscribe",
    PaymentPlan => "payment_plan",
    Statements => "statements",
    PremiumInfo => "premium_info",
    Faq => "faq",
    HumanHandoff => "human_handoff",
    LinkAccount => "link_account",
    ChangeLanguage => "change_language",
    Confirm => "confirm",
    Deny => "deny",
    Cancel => "cancel",
    OutOfScope => "out_of_scope",
}

impl Intent {
    /// Intents that change something for the member (money, messages, settings).
    ///
    /// Giving one of these to a message that did not ask for it is the costliest mistake,
    /// so the parser needs more evidence before it returns them.
    pub fn is_acting(self) -> bool {
        matches!(
            self,
            Intent::PayBill
                | Intent::SetupAutopay
                | Intent::CancelAutopay
                | Intent::Unsubscribe
                | Intent::Paperless
                | Intent::NotificationPrefs
                | Intent::PaymentPlan
        )
    }

    /// Turns of the conversation itself ("hi", "thanks", "yes", "cancel") rather than
    /// requests; training neither wraps them in openers and closers nor asks them in
    /// other frames (`nlu::augment`).
    pub fn is_conversational(self) -> bool {
        matches!(
            self,
            Intent::Greeting
                | Intent::Thanks
                | Intent::Goodbye
                | Intent::Confirm
                | Intent::Deny
                | Intent::Cancel
        )
    }

    /// Position in [`Intent::ALL`]; the classifier's class index.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Intent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A language billbot understands, named like its folder in `intents/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    EnUs,
    EsUs,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::EnUs, Locale::EsUs];

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::EnUs => "en-US",
            Locale::EsUs => "es-US",
        }
    }
}

impl FromStr for Locale {
    type Err = NluError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Accept the usual spellings so a `--locale es` or `es_us` flag works.
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "en-us" | "en" => Ok(Locale::EnUs),
            "es-us" | "es" => Ok(Locale::EsUs),
            _ => Err(NluError::UnknownLocale(s.to_owned())),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, intent) in Intent::ALL.iter().enumerate() {
            assert_eq!(intent.index(), i);
            assert_eq!(intent.as_str().parse::<Intent>().ok(), Some(*intent));
        }
        assert!("pay".parse::<Intent>().is_err());
        assert_eq!("es".parse::<Locale>().ok(), Some(Locale::EsUs));
    }
}
