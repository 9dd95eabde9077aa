//! Self-introductions and identifiers, set aside before a message is classified.
//!
//! People write to a billing desk the way they write to any company: "hi, my name is
//! Holly Gold, my pin is 4471, I need my balance". The name and the PIN say nothing about
//! what the member wants, but to a lexical model they are unknown words that look like
//! another topic. `normalize.toml` lists the phrases that introduce a name
//! (`introductions`) and the labels of identifiers (`identifiers`); this stage removes
//! the phrase together with the name or the digits that follow it. A phrase followed by
//! ordinary words ("this is wrong", "my pin is not working") is left alone.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use super::normalize::fold;

/// At most this many words after an introduction are taken for a name.
pub const MAX_NAME_WORDS: usize = 3;
/// A word used in this many training examples is vocabulary, not a name.
pub const VOCABULARY_MIN_EXAMPLES: usize = 3;

/// Words between an identifier's label and its digits ("pin *is* 4471", "policy *#*").
const CONNECTORS: [&str; 6] = ["is", "es", "#", "no", "number", "numero"];

/// Strips self-introductions and labelled identifiers (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct Preamble {
    introductions: Vec<Vec<String>>,
    identifiers: Vec<Vec<String>>,
    /// Words seen in at least [`VOCABULARY_MIN_EXAMPLES`] examples.
    vocabulary: FxHashSet<String>,
    /// First words of the phrases: a name ends where another phrase begins.
    starters: FxHashSet<String>,
}

impl Preamble {
    /// Builds from `normalize.toml`'s lists and the locale's normalised examples.
    pub fn new<'a>(
        introductions: &[String],
        identifiers: &[String],
        normalized_examples: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let phrases = |list: &[String]| {
            let mut out: Vec<Vec<String>> = list
                .iter()
                .map(|p| fold(p).split(' ').map(str::to_owned).collect::<Vec<_>>())
                .filter(|p| p.iter().all(|w| !w.is_empty()))
                .collect();
            out.sort_by_key(|p| std::cmp::Reverse(p.len()));
            out
        };
        let mut uses: FxHashMap<&str, usize> = FxHashMap::default();
        for example in normalized_examples {
            let words: FxHashSet<&str> = example.split(' ').collect();
            for w in words {
                *uses.entry(w).or_default() += 1;
            }
        }
        let introductions = phrases(introductions);
        let identifiers = phrases(identifiers);
        Preamble {
            starters: introductions
                .iter()
                .chain(&identifiers)
                .filter_map(|p| p.first().cloned())
                .collect(),
            introductions,
            identifiers,
            vocabulary: uses
                .into_iter()
                .filter(|(_, n)| *n >= VOCABULARY_MIN_EXAMPLES)
                .map(|(w, _)| w.to_owned())
                .collect(),
        }
    }

    /// The normalised text without introductions and identifiers.
    pub fn strip<'a>(&self, norm: &'a str) -> Cow<'a, str> {
        if self.introductions.is_empty() && self.identifiers.is_empty() {
            return Cow::Borrowed(norm);
        }
        let words: Vec<&str> = norm.split(' ').collect();
        let mut kept: Vec<&str> = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            match self.skip_at(&words, i) {
                Some(n) => i += n,
                None => {
                    kept.push(words[i]);
                    i += 1;
                }
            }
        }
        if kept.len() == words.len() {
            Cow::Borrowed(norm)
        } else {
            Cow::Owned(kept.join(" "))
        }
    }

    /// How many words from `i` on are an introduction with its name or an identifier
    /// with its digits, if any.
    fn skip_at(&self, words: &[&str], i: usize) -> Option<usize> {
        let starts = |p: &Vec<String>| {
            words.len() >= i + p.len() && p.iter().zip(&words[i..]).all(|(a, b)| a == b)
        };
        if let Some(p) = self.introductions.iter().find(|p| starts(p)) {
            let name = words[i + p.len()..]
                .iter()
                .take(MAX_NAME_WORDS)
                .take_while(|w| self.is_name(w))
                .count();
            if name > 0 {
                return Some(p.len() + name);
            }
        }
        if let Some(p) = self.identifiers.iter().find(|p| starts(p)) {
            let mut j = i + p.len();
            while words.get(j).is_some_and(|w| CONNECTORS.contains(w)) {
                j += 1;
            }
            let digits = words[j..].iter().take_while(|w| has_digit(w)).count();
            if digits > 0 {
                return Some(j + digits - i);
            }
        }
        None
    }

    fn is_name(&self, word: &str) -> bool {
        !word.is_empty()
            && !has_digit(word)
            && !word.contains('$')
            && !self.vocabulary.contains(word)
            && !self.starters.contains(word)
    }
}

fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preamble() -> Preamble {
        let examples = [
            "i need my balance",
            "i need to pay",
            "i need help and my balance",
            "this is wrong and i need help",
            "my pin is not working and i need help",
            "the bill is wrong",
            "my balance is wrong",
        ];
        Preamble::new(
            &["my name is".into(), "this is".into(), "i'm".into()],
            &["pin".into(), "policy number".into()],
            examples,
        )
    }

    #[test]
    fn removes_names_and_identifiers() {
        let p = preamble();
        assert_eq!(
            p.strip("hi my name is holly gold and i need my balance"),
            "hi and i need my balance"
        );
        assert_eq!(p.strip("this is sam i need to pay"), "i need to pay");
        assert_eq!(
            p.strip("i need to pay my pin is 4471 policy number 848 318"),
            "i need to pay my"
        );
    }

    #[test]
    fn a_name_ends_where_an_identifier_begins() {
        let p = preamble();
        assert_eq!(
            p.strip("this is sam pin 4471 i need to pay"),
            "i need to pay"
        );
    }

    #[test]
    fn leaves_ordinary_words_alone() {
        let p = preamble();
        assert_eq!(
            p.strip("this is wrong and i need help"),
            "this is wrong and i need help"
        );
        assert_eq!(p.strip("my pin is not working"), "my pin is not working");
        assert_eq!(p.strip("this is"), "this is");
        assert_eq!(p.strip(""), "");
    }
}
