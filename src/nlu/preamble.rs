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

use super::slots::vocab::{Matcher, Tok, phrases, tokens};

/// At most this many words after an introduction are taken for a name.
pub const MAX_NAME_WORDS: usize = 3;
/// A word used in this many training examples is vocabulary, not a name.
pub const VOCABULARY_MIN_EXAMPLES: usize = 3;

/// Words between an identifier's label and its digits ("pin *is* 4471", "policy *#*").
const CONNECTORS: [&str; 6] = ["is", "es", "#", "no", "number", "numero"];

/// Strips self-introductions and labelled identifiers (see the module docs).
#[derive(Debug, Clone)]
pub struct Preamble {
    introductions: Matcher<()>,
    identifiers: Matcher<()>,
    /// False when `normalize.toml` lists neither: the text is left as it is.
    active: bool,
    /// Words seen in at least [`VOCABULARY_MIN_EXAMPLES`] examples.
    vocabulary: FxHashSet<String>,
}

impl Preamble {
    /// Builds from `normalize.toml`'s lists and the locale's normalised examples.
    pub fn new<'a>(
        introductions: &[String],
        identifiers: &[String],
        normalized_examples: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let mut uses: FxHashMap<&str, usize> = FxHashMap::default();
        for example in normalized_examples {
            let words: FxHashSet<&str> = example.split(' ').collect();
            for w in words {
                *uses.entry(w).or_default() += 1;
            }
        }
        Preamble {
            introductions: phrases(introductions),
            identifiers: phrases(identifiers),
            active: !(introductions.is_empty() && identifiers.is_empty()),
            vocabulary: uses
                .into_iter()
                .filter(|(_, n)| *n >= VOCABULARY_MIN_EXAMPLES)
                .map(|(w, _)| w.to_owned())
                .collect(),
        }
    }

    /// The normalised text without introductions and identifiers.
    pub fn strip<'a>(&self, norm: &'a str) -> Cow<'a, str> {
        if !self.active {
            return Cow::Borrowed(norm);
        }
        let toks = tokens(norm);
        let mut kept: Vec<&str> = Vec::with_capacity(toks.len());
        let mut i = 0;
        while i < toks.len() {
            match self.skip_to(&toks, i) {
                Some(end) => i = end,
                None => {
                    kept.push(toks[i].text);
                    i += 1;
                }
            }
        }
        if kept.len() == toks.len() {
            Cow::Borrowed(norm)
        } else {
            Cow::Owned(kept.join(" "))
        }
    }

    /// Where an introduction with its name, or an identifier with its digits, that
    /// starts at token `i` ends, if one does.
    fn skip_to(&self, toks: &[Tok<'_>], i: usize) -> Option<usize> {
        if let Some(hit) = self.introductions.at(toks, i) {
            let name = (hit.end..toks.len().min(hit.end + MAX_NAME_WORDS))
                .take_while(|&j| self.is_name(toks, j))
                .count();
            if name > 0 {
                return Some(hit.end + name);
            }
        }
        if let Some(hit) = self.identifiers.at(toks, i) {
            let mut j = hit.end;
            while toks.get(j).is_some_and(|t| CONNECTORS.contains(&t.text)) {
                j += 1;
            }
            let digits = toks[j..].iter().take_while(|t| has_digit(t.text)).count();
            if digits > 0 {
                return Some(j + digits);
            }
        }
        None
    }

    /// Token `j` may be part of a name: not a number, not vocabulary, and no phrase of
    /// its own begins there (a name ends where an identifier begins).
    fn is_name(&self, toks: &[Tok<'_>], j: usize) -> bool {
        let word = toks[j].text;
        !has_digit(word)
            && !word.contains('$')
            && !self.vocabulary.contains(word)
            && self.introductions.at(toks, j).is_none()
            && self.identifiers.at(toks, j).is_none()
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
