//! A member's whole billing account at one moment: what the operator view and the
//! dialogue read.

use rust_decimal::Decimal;

use super::autopay::Autopay;
use super::bill::{Bill, total_due};
use super::member::Member;
use super::methods::PaymentMethod;
use super::payment::Payment;
use super::payment_plan::PaymentPlan;
use super::prefs::{Paperless, Preference, SmsConsent};

#[derive(Debug, Clone)]
pub struct Account {
    pub member: Member,
    /// Every bill, newest statement first.
    pub bills: Vec<Bill>,
    /// Credit on the account, not yet applied to a bill.
    pub credit: Decimal,
    /// Payments, newest first.
    pub payments: Vec<Payment>,
    pub methods: Vec<PaymentMethod>,
    pub autopay: Option<Autopay>,
    pub plans: Vec<PaymentPlan>,
    pub preferences: Vec<Preference>,
    pub paperless: Paperless,
    /// `None` when the member has no mobile number on file.
    pub sms: Option<SmsConsent>,
}

impl Account {
    pub fn total_due(&self) -> Decimal {
        total_due(&self.bills, self.credit)
    }

    pub fn open_bills(&self) -> impl Iterator<Item = &Bill> {
        self.bills.iter().filter(|b| b.is_open())
    }

    pub fn bill(&self, id: &str) -> Option<&Bill> {
        self.bills.iter().find(|b| b.id.eq_ignore_ascii_case(id))
    }

    pub fn default_method(&self) -> Option<&PaymentMethod> {
        self.methods.iter().find(|m| m.is_default)
    }

    pub fn method(&self, id: i64) -> Option<&PaymentMethod> {
        self.methods.iter().find(|m| m.id == id)
    }
}
