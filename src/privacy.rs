//! Keeping card numbers out of transcripts: a number typed into chat is masked before it
//! is stored or answered, and the member is told not to send it.

use std::sync::LazyLock;

use regex::Regex;

use crate::gateway::luhn_ok;

static CARD_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    // 9–19 digits, optionally grouped by spaces or dashes: card, bank-account and routing
    // numbers (medical record numbers have 8). The pattern is a constant, so compiling it
    // cannot fail at run time.
    Regex::new(r"\b\d(?:[ -]?\d){8,18}\b").unwrap_or_else(|_| unreachable!())
});

/// Replaces every long run of digits (9–19: card, bank-account or routing numbers) with
/// `•••• 1234`. Returns the masked text and whether a card number (Luhn-valid, 13–19
/// digits) was among them, so the member can be told not to send it.
pub fn mask_card_numbers(text: &str) -> (String, bool) {
    let mut card = false;
    let masked = CARD_LIKE.replace_all(text, |caps: &regex::Captures<'_>| {
        let digits: String = caps[0].chars().filter(char::is_ascii_digit).collect();
        card |= digits.len() >= 13 && luhn_ok(&digits);
        format!("•••• {}", &digits[digits.len() - 4..])
    });
    (masked.into_owned(), card)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_are_masked_in_any_grouping() {
        for t in [
            "4242424242424242",
            "4242 4242 4242 4242",
            "4242-4242-4242-4242",
        ] {
            let (m, found) = mask_card_numbers(&format!("my card is {t} thanks"));
            assert!(found, "{t}");
            assert_eq!(m, "my card is •••• 4242 thanks");
        }
    }

    #[test]
    fn other_numbers_are_left_alone() {
        for t in [
            "pay 40 on M-1003",
            "mrn 11000001",
            "$1,234.56",
            "on 04/12/1980",
        ] {
            let (m, found) = mask_card_numbers(t);
            assert!(!found, "{t}");
            assert_eq!(m, t);
        }
    }

    #[test]
    fn account_and_mistyped_card_numbers_are_masked_without_a_card_warning() {
        let (m, card) = mask_card_numbers("my account 000123456789 routing 110000000");
        assert_eq!(m, "my account •••• 6789 routing •••• 0000");
        assert!(!card);
        let (m, card) = mask_card_numbers("4242424242424241");
        assert_eq!(m, "•••• 4241");
        assert!(!card);
    }
}
