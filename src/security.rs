//! Secrets: password hashes, random tokens and codes, constant-time comparison, and a
//! small rate limiter for guessable things (passwords, one-time codes).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Hashes a password with Argon2id (a random salt, the crate's recommended cost).
pub fn hash_password(password: &str) -> Option<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill(&mut salt);
    let salt = SaltString::encode_b64(&salt).ok()?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .ok()
        .map(|h| h.to_string())
}

/// Whether `password` matches a stored Argon2 hash.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A stored hash that no password matches, verified against when an e-mail is unknown so
/// that a sign-in takes as long whether or not the account exists.
pub const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$j2xL2y4KIH+mvXo59SHzOw$2KsEZ5AiGXRyt31GApCBKwYY6ux3uLlcwuhh7bjbZJY";

/// A random URL-safe token (256 bits) for sessions and links.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A random six-digit code.
pub fn six_digit_code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

/// A random code of letters and digits without look-alikes (for deep links).
pub fn short_code(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..len)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// Hex SHA-256, for storing tokens and codes without storing them.
pub fn sha256_hex(data: &str) -> String {
    Sha256::digest(data.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares secrets without leaking where they differ through timing.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// Counts failures per key in a sliding window; past the limit the key is blocked until
/// old failures age out.
#[derive(Debug)]
pub struct RateLimiter {
    max: usize,
    window: Duration,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl RateLimiter {
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            max,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `key` may try again now.
    pub fn allowed(&self, key: &str) -> bool {
        let Ok(mut map) = self.failures.lock() else {
            return false;
        };
        let now = Instant::now();
        let entry = map.entry(key.to_owned()).or_default();
        entry.retain(|t| now.duration_since(*t) < self.window);
        let ok = entry.len() < self.max;
        if entry.is_empty() {
            map.remove(key);
        }
        ok
    }

    pub fn failed(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.entry(key.to_owned()).or_default().push(Instant::now());
        }
    }

    pub fn succeeded(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("demo-ana").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("demo-ana", &h));
        assert!(!verify_password("demo-anA", &h));
        assert!(!verify_password("anything", "not a hash"));
        assert!(
            PasswordHash::new(DUMMY_HASH).is_ok(),
            "the dummy hash must be real work"
        );
        assert!(!verify_password("", DUMMY_HASH));
    }

    #[test]
    fn tokens_and_codes_have_their_shape() {
        assert_eq!(random_token().len(), 43);
        assert_ne!(random_token(), random_token());
        let c = six_digit_code();
        assert!(c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(sha256_hex("abc").len(), 64);
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    #[test]
    fn the_limiter_blocks_after_max_failures() {
        let l = RateLimiter::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(l.allowed("k"));
            l.failed("k");
        }
        assert!(!l.allowed("k"));
        assert!(l.allowed("other"));
        l.succeeded("k");
        assert!(l.allowed("k"));
    }
}
