//! The billing core: pure rules about a member's money, with no I/O.
//!
//! Everything here can be called from a test with plain values: members and their bills,
//! payments and methods, autopay dates, payment-plan schedules, the history window, and
//! the preferences that decide how members are told. Storage keeps these values; the
//! dialogue decides when to apply them.

pub mod account;
pub mod allocation;
pub mod autopay;
pub mod bill;
pub mod due_dates;
pub mod history;
pub mod member;
pub mod methods;
pub mod money;
pub mod payment;
pub mod payment_plan;
pub mod prefs;

pub use account::Account;
pub use allocation::{Allocation, Settlement, allocate, settle_all};
pub use autopay::{Autopay, AutopayScope, Frequency};
pub use bill::{Bill, BillKind, LineItem, total_due};
pub use due_dates::DueRule;
pub use member::{Coverage, Language, Member, Mrn};
pub use methods::{MethodKind, PaymentMethod};
pub use money::AmountError;
pub use payment::{Payment, PaymentKind, PaymentStatus};
pub use prefs::{Channel, Paperless, Preference, SmsConsent, Topic};
