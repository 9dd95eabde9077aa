//! Twilio request signatures: HMAC-SHA1 of the public URL followed by every form
//! parameter (sorted by name, then value; duplicates included), base64-encoded.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use crate::security::constant_time_eq;

/// The signature Twilio would send for `url` and `params`.
pub fn expected(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut data = String::from(url);
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac =
        Hmac::<Sha1>::new_from_slice(auth_token.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(data.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// Whether `signature` is Twilio's for this request. Like Twilio's own validators, the
/// URL is tried as given, with the scheme's default port, and without it.
pub fn valid(auth_token: &str, url: &str, params: &[(String, String)], signature: &str) -> bool {
    url_variants(url).iter().any(|u| {
        constant_time_eq(
            expected(auth_token, u, params).as_bytes(),
            signature.as_bytes(),
        )
    })
}

fn url_variants(url: &str) -> Vec<String> {
    let mut out = vec![url.to_owned()];
    let (scheme, port) = if url.starts_with("https://") {
        ("https://", ":443")
    } else if url.starts_with("http://") {
        ("http://", ":80")
    } else {
        return out;
    };
    let rest = &url[scheme.len()..];
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(host_end);
    match host.strip_suffix(port) {
        Some(bare) => out.push(format!("{scheme}{bare}{tail}")),
        None if !host.contains(':') => out.push(format!("{scheme}{host}{port}{tail}")),
        None => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// The vectors of Twilio's own request-validator tests.
    #[test]
    fn twilio_published_vectors() {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        let p = params(&[
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+14158675309"),
            ("Digits", "1234"),
            ("From", "+14158675309"),
            ("To", "+18005551212"),
        ]);
        assert_eq!(expected("12345", url, &p), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assert!(valid("12345", url, &p, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        // With the default port in the URL, the same signature validates.
        assert!(valid(
            "12345",
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            &p,
            "RSOYDt4T1cUTdK1PDd93/VVr8B8="
        ));

        let dup = params(&[
            ("Sid", "CA123"),
            ("SidAccount", "AC123"),
            ("Digits", "5678"),
            ("Digits", "1234"),
        ]);
        assert_eq!(expected("12345", url, &dup), "IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    #[test]
    fn anything_changed_fails() {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        let p = params(&[("Body", "STOP"), ("From", "+14158675309")]);
        let sig = expected("12345", url, &p);
        assert!(valid("12345", url, &p, &sig));
        assert!(!valid("54321", url, &p, &sig), "another token");
        assert!(
            !valid("12345", "https://mycompany.com/other", &p, &sig),
            "another URL"
        );
        let changed = params(&[("Body", "START"), ("From", "+14158675309")]);
        assert!(!valid("12345", url, &changed, &sig), "another body");
        assert!(!valid("12345", url, &p, ""), "no signature");
    }

    #[test]
    fn default_ports_both_ways() {
        assert_eq!(
            url_variants("http://example.org/sms"),
            vec![
                "http://example.org/sms".to_owned(),
                "http://example.org:80/sms".to_owned()
            ]
        );
        assert_eq!(
            url_variants("https://example.org:443/sms?x=1"),
            vec![
                "https://example.org:443/sms?x=1".to_owned(),
                "https://example.org/sms?x=1".to_owned()
            ]
        );
        assert_eq!(
            url_variants("http://127.0.0.1:8080/sms"),
            vec!["http://127.0.0.1:8080/sms".to_owned()]
        );
    }
}
