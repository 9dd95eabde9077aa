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
/// A word used in this many training examples, and more often than as a name, is
/// vocabulary, not a name.
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
    /// Builds from `normalize.toml`'s lists, the locale's normalised examples, and the
    /// words the examples write with a capital inside a sentence ([`capitalized_words`]).
    pub fn new<'a>(
        introductions: &[String],
        identifiers: &[String],
        normalized_examples: impl IntoIterator<Item = &'a str>,
        capitalized: &FxHashSet<String>,
    ) -> Self {
        let active = !(introductions.is_empty() && identifiers.is_empty());
        let introductions = phrases(introductions);
        let examples: Vec<Vec<Tok<'_>>> = normalized_examples.into_iter().map(tokens).collect();
        // Examples introduce members by name ("hi, i'm maria…"), and a name the examples
        // happen to repeat must still be set aside when a member writes it: a capitalised
        // word's uses as a name are not counted as vocabulary. First every word just after
        // an introduction is taken for a name, then only the words vocabulary would take.
        let rough = vocabulary(&examples, &introductions, capitalized, |_| true);
        let vocabulary = vocabulary(&examples, &introductions, capitalized, |w| {
            !has_digit(w) && !rough.contains(w)
        });
        Preamble {
            active,
            introductions,
            identifiers: phrases(identifiers),
            vocabulary,
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

/// The words used in at least [`VOCABULARY_MIN_EXAMPLES`] examples, and more often than as
/// a name. A use as a name is a `capitalized` word among the up to [`MAX_NAME_WORDS`] words
/// after an introduction that `maybe_name` accepts: "le escribe Rosa Méndez" ten times
/// outweighs "mi tía rosa" three times, while "i'm confused" is no name.
fn vocabulary(
    examples: &[Vec<Tok<'_>>],
    introductions: &Matcher<()>,
    capitalized: &FxHashSet<String>,
    maybe_name: impl Fn(&str) -> bool,
) -> FxHashSet<String> {
    // Word → (examples using it as a name, examples using it otherwise).
    let mut uses: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    for toks in examples {
        let mut as_name = vec![false; toks.len()];
        for i in 0..toks.len() {
            if let Some(hit) = introductions.at(toks, i) {
                (hit.end..toks.len().min(hit.end + MAX_NAME_WORDS))
                    .take_while(|&j| maybe_name(toks[j].text))
                    .for_each(|j| as_name[j] = capitalized.contains(toks[j].text));
            }
        }
        let words: FxHashSet<(&str, bool)> = toks
            .iter()
            .zip(&as_name)
            .map(|(t, name)| (t.text, *name))
            .collect();
        for (w, name) in words {
            let (as_name, otherwise) = uses.entry(w).or_default();
            *if name { as_name } else { otherwise } += 1;
        }
    }
    uses.into_iter()
        .filter(|(_, (as_name, otherwise))| {
            *otherwise >= VOCABULARY_MIN_EXAMPLES && otherwise >= as_name
        })
        .map(|(w, _)| w.to_owned())
        .collect()
}

/// The words of `raw` examples written with a capital inside a sentence (names, brands),
/// as `normalize` folds them. A word that starts a sentence is not counted, nor an
/// ALL-CAPS one.
pub fn capitalized_words<'a>(
    raw: impl IntoIterator<Item = &'a str>,
    normalize: impl Fn(&str) -> String,
) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    for text in raw {
        let mut sentence_start = true;
        for word in text.split_whitespace() {
            let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
            let capital = letters.first().is_some_and(|c| c.is_uppercase())
                && letters.iter().skip(1).any(|c| c.is_lowercase());
            if capital && !sentence_start && !word.starts_with(['¿', '¡']) {
                out.extend(normalize(word).split(' ').map(str::to_owned));
            }
            sentence_start = word.ends_with(['.', '!', '?', '¿', '¡']);
        }
    }
    out
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
            "the amount is wrong and so is the date",
            "wrong bill and wrong amount",
        ];
        Preamble::new(
            &["my name is".into(), "this is".into(), "i'm".into()],
            &["pin".into(), "policy number".into()],
            examples,
            &FxHashSet::default(),
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
    fn a_name_the_examples_repeat_after_introductions_is_still_a_name() {
        let raw = [
            "hi I'm Maria, I need my balance",
            "My name is Maria and I need to pay",
            "this is Maria, I'm confused about my bill",
            "Hello, this is Maria Lopez",
            "ask my aunt maria to call me",
            "maria said i owe money",
            "is maria on my plan",
            "I'm confused about the bill",
            "i'm confused by the amount",
            "i need my balance",
            "i need to pay",
            "i need help",
        ];
        let fold = |w: &str| {
            w.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_owned()
        };
        let capitalized = capitalized_words(raw, fold);
        assert!(capitalized.contains("maria") && !capitalized.contains("confused"));
        let normalized: Vec<String> = raw
            .iter()
            .map(|t| t.split_whitespace().map(fold).collect::<Vec<_>>().join(" "))
            .collect();
        let p = Preamble::new(
            &["my name is".into(), "this is".into(), "i'm".into()],
            &[],
            normalized.iter().map(String::as_str),
            &capitalized,
        );
        // "maria" is in seven examples, but four of them introduce her: still a name.
        assert_eq!(p.strip("hello my name is maria lopez"), "hello");
        // "confused" follows an introduction three times, never capitalised: vocabulary.
        assert_eq!(p.strip("i'm confused"), "i'm confused");
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
