//! Payments: one-time, autopay and plan installments, with their outcome.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

/// Why a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    OneTime,
    Autopay,
    PlanInstallment,
}

impl PaymentKind {
    pub fn key(self) -> &'static str {
        match self {
            PaymentKind::OneTime => "one_time",
            PaymentKind::Autopay => "autopay",
            PaymentKind::PlanInstallment => "plan_installment",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "one_time" => Some(PaymentKind::OneTime),
            "autopay" => Some(PaymentKind::Autopay),
            "plan_installment" => Some(PaymentKind::PlanInstallment),
            _ => None,
        }
    }
}

/// Where a payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Recorded, waiting for the gateway's answer.
    Pending,
    Succeeded,
    Failed,
}

impl PaymentStatus {
    pub fn key(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Succeeded => "succeeded",
            PaymentStatus::Failed => "failed",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "pending" => Some(PaymentStatus::Pending),
            "succeeded" => Some(PaymentStatus::Succeeded),
            "failed" => Some(PaymentStatus::Failed),
            _ => None,
        }
    }
}

/// A payment as the member's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub id: i64,
    pub amount: Decimal,
    pub kind: PaymentKind,
    pub status: PaymentStatus,
    /// Why the gateway refused it (`declined`, `insufficient_funds`), for failed payments.
    pub failure: Option<String>,
    pub method_id: i64,
    /// The day the payment was made (the member's calendar).
    pub date: NaiveDate,
    pub created_at: DateTime<Utc>,
    /// The number the member quotes to the billing line, for succeeded payments.
    pub confirmation: Option<String>,
    /// The bills it paid and how much on each.
    pub bills: Vec<(String, Decimal)>,
}
