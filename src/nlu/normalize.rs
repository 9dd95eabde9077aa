//! Text normalisation: the one shape every later stage (patterns, classifier, slots) sees.
//!
//! Web and e-mail addresses left out, lower case, accents removed (á→a, ñ→n, ü→u),
//! punctuation other than `$ / - ' %` turned into spaces, `.` and `,` kept only between
//! digits (so "$1,234.56" survives but a sentence's full stop does not), runs of spaces
//! collapsed, then the whole-word spelling fixes of `normalize.toml` applied. Input beyond
//! [`MAX_INPUT_CHARS`] is truncated.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest message the parser reads, in characters; the rest is ignored, never rejected.
/// Real requests are far shorter; the limit bounds the work a pasted document can cause.
pub const MAX_INPUT_CHARS: usize = 1000;

/// The first [`MAX_INPUT_CHARS`] characters of `text` (cut at a char boundary).
pub fn truncate(text: &str) -> &str {
    match text.char_indices().nth(MAX_INPUT_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Normalises text for one locale: folding plus the locale's spelling fixes.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    /// First word of a fix → (all its words, replacement), longest first.
    fixes: FxHashMap<String, Vec<(Vec<String>, String)>>,
    /// Pronouns attached to verbs ("pagarla" → "pagar la"), longest first.
    clitics: Vec<String>,
}

/// Verb endings a clitic may follow: infinitives and gerunds ("pagar-lo", "pagando-lo").
const CLITIC_HOSTS: [&str; 5] = ["ar", "er", "ir", "ando", "iendo"];

impl Normalizer {
    /// Builds from `normalize.toml`'s `[replace]` table; keys and values are folded too.
    pub fn new(replacements: &BTreeMap<String, String>) -> Self {
        let mut fixes: FxHashMap<String, Vec<(Vec<String>, String)>> = FxHashMap::default();
        for (from, to) in replacements {
            let words: Vec<String> = fold(from).split(' ').map(str::to_owned).collect();
            if words.is_empty() || words[0].is_empty() {
                continue;
            }
            fixes
                .entry(words[0].clone())
                .or_default()
                .push((words, fold(to)));
        }
        for list in fixes.values_mut() {
            list.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        }
        Normalizer {
            fixes,
            clitics: Vec::new(),
        }
    }

    /// Also splits these pronouns off infinitives and gerunds (`normalize.toml`'s
    /// `clitics`): "cancelarlo" → "cancelar lo", "pagarla" → "pagar la".
    pub fn with_clitics(mut self, clitics: &[String]) -> Self {
        self.clitics = clitics
            .iter()
            .map(|c| fold(c))
            .filter(|c| !c.is_empty())
            .collect();
        self.clitics.sort_by_key(|c| std::cmp::Reverse(c.len()));
        self
    }

    /// "pagarla" → Some(("pagar", "la")) when the rest is a verb of 4+ letters.
    fn split_clitic<'a>(&'a self, word: &'a str) -> Option<(&'a str, &'a str)> {
        self.clitics.iter().find_map(|c| {
            let verb = word.strip_suffix(c.as_str())?;
            (verb.len() >= 4 && CLITIC_HOSTS.iter().any(|h| verb.ends_with(h)))
                .then_some((verb, c.as_str()))
        })
    }

    /// The normalised form of `text` (truncated to [`MAX_INPUT_CHARS`] first).
    pub fn normalize(&self, text: &str) -> String {
        let folded = fold(truncate(text));
        if self.fixes.is_empty() && self.clitics.is_empty() {
            return folded;
        }
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut out = String::with_capacity(folded.len() + 8);
        let mut i = 0;
        while i < words.len() {
            let mut step = 1;
            let mut replaced: Option<&str> = None;
            if let Some(list) = self.fixes.get(words[i]) {
                for (phrase, to) in list {
                    let n = phrase.len();
                    if i + n <= words.len()
                        && phrase.iter().zip(&words[i..i + n]).all(|(a, b)| a == b)
                    {
                        replaced = Some(to);
                        step = n;
                        break;
                    }
                }
            }
            let piece = replaced.unwrap_or(words[i]);
            let (piece, clitic) = match replaced.is_none().then(|| self.split_clitic(piece)) {
                Some(Some((verb, c))) => (verb, c),
                _ => (piece, ""),
            };
            for part in [piece, clitic] {
                if !part.is_empty() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(part);
                }
            }
            i += step;
        }
        out
    }
}

/// True for a web address or an e-mail address ("https://kp.org/billing", "www.kp.org",
/// "ana@example.org"): pasted along with a request, it says nothing about the request, and
/// folded into words ("https kp org") it would read as a message about something else.
fn is_link(word: &str) -> bool {
    word.contains("://")
        || word
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."))
        || word
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

/// Case, accent and punctuation folding (no spelling fixes); links are left out.
pub fn fold(text: &str) -> String {
    let text: Cow<'_, str> = if text.split_whitespace().any(is_link) {
        let words: Vec<&str> = text.split_whitespace().filter(|w| !is_link(w)).collect();
        Cow::Owned(words.join(" "))
    } else {
        Cow::Borrowed(text)
    };
    let chars: Vec<char> = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for (i, &c) in chars.iter().enumerate() {
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let next = chars.get(i + 1).copied();
        let next_digit = next.is_some_and(|n| n.is_ascii_digit());
        let keep = match c {
            '\u{2019}' | '\u{2018}' | '`' | '\'' => Some('\''),
            '$' | '/' | '%' => Some(c),
            '-' | '\u{2013}' | '\u{2212}' => Some('-'),
            '.' | ',' => (next_digit && (prev_digit || c == '.')).then_some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        };
        let joined = !pending_space && out.chars().last().is_some_and(|p| p.is_alphanumeric());
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        // Apostrophes and hyphens only inside a word ("don't", "m-1002"), or a minus sign.
        let keep = match keep {
            Some('\'') if !(joined && next_alnum) => None,
            Some('-') if !(joined && next_alnum || next_digit) => None,
            k => k,
        };
        match keep {
            Some(k) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(k);
            }
            None => pending_space = true,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("¿Cuánto DEBO?  Señor!!"), "cuanto debo senor");
        assert_eq!(fold("Pay $1,234.56 now."), "pay $1,234.56 now");
        assert_eq!(fold("I don’t know, ok?"), "i don't know ok");
        assert_eq!(fold("bill M-1002 - please"), "bill m-1002 please");
        assert_eq!(fold("pay $-5 or .50"), "pay $-5 or .50");
        assert_eq!(fold("'yes'"), "yes");
    }

    #[test]
    fn leaves_out_links_and_email_addresses() {
        assert_eq!(
            fold("When is my bill due?? https://kp.org/billing"),
            "when is my bill due"
        );
        assert_eq!(fold("see www.kp.org, then pay"), "see then pay");
        assert_eq!(
            fold("I'm Ana@Example.org what do I owe"),
            "i'm what do i owe"
        );
        // Not links: an "@" alone, a price, a plain word with a dot after it.
        assert_eq!(fold("pay @ 5pm, $40.50 ok."), "pay 5pm $40.50 ok");
    }

    #[test]
    fn applies_fixes_and_truncates() {
        let mut map = BTreeMap::new();
        map.insert("pls".to_owned(), "please".to_owned());
        map.insert("auto pay".to_owned(), "autopay".to_owned());
        let n = Normalizer::new(&map);
        assert_eq!(n.normalize("Set up AUTO PAY pls"), "set up autopay please");
        let es = Normalizer::new(&map).with_clitics(&["lo".into(), "la".into()]);
        assert_eq!(es.normalize("Cancelarlo ya"), "cancelar lo ya");
        assert_eq!(es.normalize("mandandola ya"), "mandando la ya");
        assert_eq!(es.normalize("hola lo la paloma"), "hola lo la paloma");
        let long = "a".repeat(5000);
        assert_eq!(n.normalize(&long).len(), MAX_INPUT_CHARS);
    }
}
