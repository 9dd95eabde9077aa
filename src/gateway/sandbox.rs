//! A built-in sandbox gateway that follows Stripe's test conventions, for demos and tests.
//!
//! Cards: 4242 4242 4242 4242 (and any other valid number) succeeds, 4000 0000 0000 0002 is
//! declined, 4000 0000 0000 9995 is declined for insufficient funds. Bank accounts:
//! 000123456789 (and any other) succeeds, 000222222227 returns insufficient funds (NSF).
//! The outcome is written into the token itself, so tokens keep working across restarts.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{Datelike, Utc};
use rand::Rng;
use rust_decimal::Decimal;

use super::{
    ChargeOutcome, ChargeRequest, DeclineReason, GatewayError, PaymentGateway, Tokenized,
    aba_routing_ok, luhn_ok,
};
use crate::billing::MethodKind;

const OK: &str = "ok";
const DECLINED: &str = "declined";
const NSF: &str = "nsf";

/// The sandbox gateway. Its idempotency memory lives as long as the process; storage's
/// unique idempotency keys protect against a second charge across restarts.
#[derive(Debug, Default)]
pub struct SandboxGateway {
    /// First answer per idempotency key, with the charge it answered.
    seen: Mutex<HashMap<String, (String, Decimal, ChargeOutcome)>>,
    /// How many charges actually reached the "bank": lets tests prove nothing ran twice.
    charges: AtomicU64,
}

impl SandboxGateway {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many distinct charges were attempted (approved or refused).
    pub fn charge_count(&self) -> u64 {
        self.charges.load(Ordering::SeqCst)
    }

    /// A token as the sandbox would issue it (for seeding demo data).
    pub fn token_for(kind: MethodKind, outcome_digits: &str, last4: &str) -> String {
        let outcome = match (kind, outcome_digits) {
            (MethodKind::Bank, "000222222227") => NSF,
            (MethodKind::Bank, _) => OK,
            (_, "4000000000000002") => DECLINED,
            (_, "4000000000009995") => NSF,
            _ => OK,
        };
        let nonce: u64 = rand::rng().random();
        format!("tok_sandbox_{}_{outcome}_{last4}_{nonce:016x}", kind.key())
    }
}

fn outcome_of(token: &str) -> Result<ChargeOutcome, GatewayError> {
    let mut parts = token
        .strip_prefix("tok_sandbox_")
        .ok_or(GatewayError::UnknownToken)?
        .split('_');
    let _kind = parts.next();
    match parts.next() {
        Some(OK) => Ok(ChargeOutcome::Approved {
            reference: String::new(),
        }),
        Some(DECLINED) => Ok(ChargeOutcome::Refused(DeclineReason::Declined)),
        Some(NSF) => Ok(ChargeOutcome::Refused(DeclineReason::InsufficientFunds)),
        _ => Err(GatewayError::UnknownToken),
    }
}

fn card_brand(number: &str) -> &'static str {
    match number.as_bytes().first() {
        Some(b'4') => "Visa",
        Some(b'5') | Some(b'2') => "Mastercard",
        Some(b'3') if number.starts_with("34") || number.starts_with("37") => "American Express",
        Some(b'6') => "Discover",
        _ => "Card",
    }
}

impl PaymentGateway for SandboxGateway {
    fn charge(&self, request: &ChargeRequest<'_>) -> Result<ChargeOutcome, GatewayError> {
        let mut seen = self
            .seen
            .lock()
            .map_err(|_| GatewayError::Unavailable("sandbox state poisoned".into()))?;
        if let Some((token, amount, outcome)) = seen.get(request.idempotency_key) {
            if token != request.token || *amount != request.amount {
                return Err(GatewayError::IdempotencyMismatch);
            }
            return Ok(outcome.clone());
        }
        let outcome = match outcome_of(request.token)? {
            ChargeOutcome::Approved { .. } => ChargeOutcome::Approved {
                reference: format!("ch_{:016x}", rand::rng().random::<u64>()),
            },
            refused => refused,
        };
        self.charges.fetch_add(1, Ordering::SeqCst);
        seen.insert(
            request.idempotency_key.to_owned(),
            (request.token.to_owned(), request.amount, outcome.clone()),
        );
        Ok(outcome)
    }

    fn tokenize_card(
        &self,
        number: &str,
        exp_month: u32,
        exp_year: i32,
        debit: bool,
    ) -> Result<Tokenized, GatewayError> {
        let digits: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if !luhn_ok(&digits) {
            return Err(GatewayError::BadCardNumber);
        }
        let today = Utc::now().date_naive();
        if !(1..=12).contains(&exp_month) || (exp_year, exp_month) < (today.year(), today.month()) {
            return Err(GatewayError::BadExpiry);
        }
        let kind = if debit {
            MethodKind::Debit
        } else {
            MethodKind::Card
        };
        let last4 = digits[digits.len() - 4..].to_owned();
        Ok(Tokenized {
            token: Self::token_for(kind, &digits, &last4),
            kind,
            brand: card_brand(&digits).to_owned(),
            last4,
        })
    }

    fn tokenize_bank(
        &self,
        routing: &str,
        account: &str,
        savings: bool,
    ) -> Result<Tokenized, GatewayError> {
        if !aba_routing_ok(routing) {
            return Err(GatewayError::BadRoutingNumber);
        }
        if !(4..=17).contains(&account.len()) || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(GatewayError::BadAccountNumber);
        }
        let last4 = account[account.len() - 4..].to_owned();
        Ok(Tokenized {
            token: Self::token_for(MethodKind::Bank, account, &last4),
            kind: MethodKind::Bank,
            brand: if savings { "Savings" } else { "Checking" }.to_owned(),
            last4,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn charge(g: &SandboxGateway, token: &str, key: &str) -> Result<ChargeOutcome, GatewayError> {
        g.charge(&ChargeRequest {
            token,
            amount: dec!(10.00),
            idempotency_key: key,
        })
    }

    #[test]
    fn stripe_test_cards_behave_like_stripe() {
        let g = SandboxGateway::new();
        let ok = g
            .tokenize_card("4242 4242 4242 4242", 12, 2099, false)
            .unwrap();
        assert_eq!((ok.brand.as_str(), ok.last4.as_str()), ("Visa", "4242"));
        assert!(
            !ok.token.contains("4242424242424242"),
            "the number is never in the token"
        );
        assert!(matches!(
            charge(&g, &ok.token, "a"),
            Ok(ChargeOutcome::Approved { .. })
        ));
        let declined = g
            .tokenize_card("4000000000000002", 12, 2099, false)
            .unwrap();
        assert_eq!(
            charge(&g, &declined.token, "b"),
            Ok(ChargeOutcome::Refused(DeclineReason::Declined))
        );
        let nsf = g
            .tokenize_card("4000000000009995", 12, 2099, false)
            .unwrap();
        assert_eq!(
            charge(&g, &nsf.token, "c"),
            Ok(ChargeOutcome::Refused(DeclineReason::InsufficientFunds))
        );
    }

    #[test]
    fn bank_tokens_succeed_or_return_nsf() {
        let g = SandboxGateway::new();
        let ok = g.tokenize_bank("110000000", "000123456789", false).unwrap();
        assert_eq!((ok.brand.as_str(), ok.last4.as_str()), ("Checking", "6789"));
        assert!(matches!(
            charge(&g, &ok.token, "a"),
            Ok(ChargeOutcome::Approved { .. })
        ));
        let nsf = g.tokenize_bank("110000000", "000222222227", false).unwrap();
        assert_eq!(
            charge(&g, &nsf.token, "b"),
            Ok(ChargeOutcome::Refused(DeclineReason::InsufficientFunds))
        );
        assert_eq!(
            g.tokenize_bank("110000001", "000123456789", false),
            Err(GatewayError::BadRoutingNumber)
        );
    }

    #[test]
    fn the_same_key_returns_the_first_answer_and_charges_once() {
        let g = SandboxGateway::new();
        let t = g
            .tokenize_card("4242424242424242", 12, 2099, false)
            .unwrap()
            .token;
        let first = charge(&g, &t, "quote-1").unwrap();
        for _ in 0..5 {
            assert_eq!(charge(&g, &t, "quote-1").unwrap(), first);
        }
        assert_eq!(g.charge_count(), 1);
        let other = g
            .charge(&ChargeRequest {
                token: &t,
                amount: dec!(11.00),
                idempotency_key: "quote-1",
            })
            .unwrap_err();
        assert_eq!(other, GatewayError::IdempotencyMismatch);
    }

    #[test]
    fn bad_cards_are_refused_before_tokenizing() {
        let g = SandboxGateway::new();
        assert_eq!(
            g.tokenize_card("4242424242424241", 12, 2099, false),
            Err(GatewayError::BadCardNumber)
        );
        assert_eq!(
            g.tokenize_card("4242424242424242", 13, 2099, false),
            Err(GatewayError::BadExpiry)
        );
        assert_eq!(
            g.tokenize_card("4242424242424242", 1, 2020, false),
            Err(GatewayError::BadExpiry)
        );
        assert_eq!(
            charge(&g, "tok_other", "k"),
            Err(GatewayError::UnknownToken)
        );
    }
}
