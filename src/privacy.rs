//! Keeping card numbers out of transcripts: a number typed into chat is masked before it
//! is stored or answered, and the member is told not to send it.

use std::sync::LazyLock;

use regex::Regex;

use crate::gateway::luhn_ok;

static CARD_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    // 13–19 digits, optionally grouped by spaces or dashes. The pattern is a constant, so
    // compiling it cannot fail at run time.
    Regex::new(r"\b\d(?:[ -]?\d){12,18}\b").unwrap_or_else(|_| unreachable!())
});

/// Replaces every card number (Luhn-valid, 13–19 digits) with `•••• 1234`.
/// Returns the masked text and whether anything was masked.
pub fn mask_card_numbers(text: &str) -> (String, bool) {
    let mut found = false;
    let masked = CARD_LIKE.replace_all(text, |caps: &regex::Captures<'_>| {
        let digits: String = caps[0].chars().filter(char::is_ascii_digit).collect();
        if luhn_ok(&digits) {
            found = true;
            format!("•••• {}", &digits[digits.len() - 4..])
        } else {
            caps[0].to_owned()
        }
    });
    (masked.into_owned(), found)
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
            "call 1-800-218-1059",
            "4242424242424241",
        ] {
            let (m, found) = mask_card_numbers(t);
            assert!(!found, "{t}");
            assert_eq!(m, t);
        }
    }
}
