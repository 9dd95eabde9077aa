//! Check digits of card numbers (Luhn) and US bank routing numbers (ABA).

/// Whether `digits` (ASCII digits only) passes the Luhn check used by card numbers.
pub fn luhn_ok(digits: &str) -> bool {
    if digits.len() < 12 || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 { d2 - 9 } else { d2 }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// Whether a nine-digit ABA routing number has a valid checksum
/// (3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 mod 10).
pub fn aba_routing_ok(routing: &str) -> bool {
    if routing.len() != 9 || !routing.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let d: Vec<u32> = routing.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
    sum % 10 == 0 && d.iter().any(|x| *x != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_cards_and_refuses_typos() {
        for n in [
            "4242424242424242",
            "4000000000000002",
            "4000000000009995",
            "5555555555554444",
        ] {
            assert!(luhn_ok(n), "{n}");
        }
        for n in ["4242424242424241", "1234", "42424242424242a2", ""] {
            assert!(!luhn_ok(n), "{n}");
        }
    }

    #[test]
    fn aba_checksum() {
        assert!(aba_routing_ok("110000000"));
        assert!(aba_routing_ok("021000021"));
        assert!(!aba_routing_ok("021000022"));
        assert!(!aba_routing_ok("000000000"));
        assert!(!aba_routing_ok("12345678"));
    }
}
