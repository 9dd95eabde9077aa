//! The payment gateway: the outside service that turns a stored token into money moved.
//!
//! billbot only ever holds gateway tokens (with brand and last four digits for display).
//! Every charge carries an idempotency key: asking twice with the same key returns the
//! first answer and never charges twice.

mod luhn;
mod sandbox;

use rust_decimal::Decimal;
use thiserror::Error;

pub use luhn::{aba_routing_ok, luhn_ok};
pub use sandbox::SandboxGateway;

use crate::billing::MethodKind;

/// A charge request.
#[derive(Debug, Clone)]
pub struct ChargeRequest<'a> {
    pub token: &'a str,
    pub amount: Decimal,
    /// The same key always gets the same answer.
    pub idempotency_key: &'a str,
}

/// Why a charge was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclineReason {
    Declined,
    InsufficientFunds,
}

impl DeclineReason {
    pub fn key(self) -> &'static str {
        match self {
            DeclineReason::Declined => "declined",
            DeclineReason::InsufficientFunds => "insufficient_funds",
        }
    }
}

/// The gateway's answer to a charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargeOutcome {
    Approved { reference: String },
    Refused(DeclineReason),
}

/// A card or bank account turned into a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokenized {
    pub token: String,
    pub kind: MethodKind,
    pub brand: String,
    pub last4: String,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum GatewayError {
    #[error("the card number is not valid")]
    BadCardNumber,
    #[error("the card has expired or the expiry date is not valid")]
    BadExpiry,
    #[error("the routing number is not valid")]
    BadRoutingNumber,
    #[error("the account number is not valid")]
    BadAccountNumber,
    #[error("the token is not one this gateway issued")]
    UnknownToken,
    #[error("the idempotency key was used for a different charge")]
    IdempotencyMismatch,
    #[error("the payment service is unavailable: {0}")]
    Unavailable(String),
}

/// What billbot needs from a payment processor.
pub trait PaymentGateway: Send + Sync {
    /// Charges a stored token. Returns the first answer again for a repeated key.
    fn charge(&self, request: &ChargeRequest<'_>) -> Result<ChargeOutcome, GatewayError>;

    /// Turns a card number into a token. The number is not kept.
    fn tokenize_card(
        &self,
        number: &str,
        exp_month: u32,
        exp_year: i32,
        debit: bool,
    ) -> Result<Tokenized, GatewayError>;

    /// Turns a US bank account (routing + account number) into a token.
    fn tokenize_bank(
        &self,
        routing: &str,
        account: &str,
        savings: bool,
    ) -> Result<Tokenized, GatewayError>;
}
