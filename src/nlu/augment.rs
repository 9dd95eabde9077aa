//! Training-time copies of the examples, so that the classifier learns what a request is
//! about rather than how it happens to be worded: a copy without one word, a copy wrapped
//! in a greeting or a "thanks", and copies asked in up to [`REFRAMES`] other frames ("i
//! want to…" → "how do i…"). All of it is deterministic, so every start trains the same
//! model.

use regex::Regex;
use rustc_hash::FxHashSet;

use super::NluError;
use super::data::Wrappers;
use super::intent::Intent;
use super::normalize::Normalizer;

/// One training example in this many gets a wrapped copy.
const WRAP_EVERY: usize = 2;
/// At most this many other frames an example that opens with a frame is asked in (fewer
/// when its group is smaller).
const REFRAMES: usize = 3;

/// A group of request frames that can stand in for one another, normalised.
#[derive(Debug, Clone)]
struct Frames {
    same: Vec<String>,
    next_word: Option<Regex>,
}

/// Makes the extra training copies of `normalize.toml`'s `openers`, `closers` and `frames`.
#[derive(Debug, Clone)]
pub struct Augmenter {
    openers: Vec<String>,
    closers: Vec<String>,
    frames: Vec<Frames>,
}

impl Augmenter {
    /// The lists with every phrase normalised like the examples; `locale_dir` names the
    /// folder in errors.
    pub fn new(
        raw: &Wrappers,
        normalizer: &Normalizer,
        locale_dir: &str,
    ) -> Result<Self, NluError> {
        let norm = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|w| normalizer.normalize(w))
                .filter(|w| !w.is_empty())
                .collect()
        };
        let mut frames = Vec::new();
        for group in &raw.frames {
            let next_word = match &group.next_word {
                Some(p) => Some(Regex::new(p).map_err(|e| NluError::BadPattern {
                    path: format!("{locale_dir}/normalize.toml"),
                    pattern: p.clone(),
                    message: e.to_string(),
                })?),
                None => None,
            };
            // Spellings that normalise alike ("me gustaría", "me gustaria") are one frame.
            let mut same = norm(&group.same);
            let mut seen = FxHashSet::default();
            same.retain(|f| seen.insert(f.clone()));
            if same.len() >= 2 {
                frames.push(Frames { same, next_word });
            }
        }
        Ok(Augmenter {
            openers: norm(&raw.openers),
            closers: norm(&raw.closers),
            frames,
        })
    }

    /// The extra training texts for the `n`-th distinct example, `norm`, of `intent`.
    pub fn copies(&self, norm: &str, intent: Intent, n: usize) -> Vec<String> {
        let mut out = Vec::with_capacity(2 + REFRAMES);
        // Word dropout: real messages leave words out, so no single word should carry
        // an example.
        out.extend(drop_one_word(norm));
        // Greetings and thanks are the message itself for conversational intents.
        if intent.is_conversational() {
            return out;
        }
        // "hi, can you help me …" around requests of every intent, out_of_scope included,
        // so the wrapping carries no intent of its own.
        out.extend(self.wrap(norm, n));
        // faq and help questions are about how things work: their frame is their meaning.
        if !matches!(intent, Intent::Faq | Intent::Help) {
            for turn in 0..REFRAMES {
                if let Some(copy) = self.reframe(norm, n * REFRAMES + turn)
                    && !out.contains(&copy)
                {
                    out.push(copy);
                }
            }
        }
        out
    }

    /// The `n`-th example wrapped, for one example in [`WRAP_EVERY`]: an opener or a
    /// closer, taken in turn.
    fn wrap(&self, norm: &str, n: usize) -> Option<String> {
        if n % WRAP_EVERY != 0 {
            return None;
        }
        let turn = n / WRAP_EVERY;
        let (list, before) = if turn % 2 == 0 {
            (&self.openers, true)
        } else {
            (&self.closers, false)
        };
        let phrase = list.get((turn / 2) % list.len().max(1))?;
        Some(if before {
            format!("{phrase} {norm}")
        } else {
            format!("{norm} {phrase}")
        })
    }

    /// `norm` with its opening frame replaced by another frame of the same group (the
    /// `n`-th in turn): the first group, in file order, whose longest frame that opens the
    /// text is followed by a word that fits the group.
    fn reframe(&self, norm: &str, n: usize) -> Option<String> {
        for group in &self.frames {
            // The longest frame that opens the text: "how do i get" before "how do i".
            let Some((at, rest)) = group
                .same
                .iter()
                .enumerate()
                .filter_map(|(i, f)| Some((i, norm.strip_prefix(f.as_str())?.strip_prefix(' ')?)))
                .max_by_key(|(i, _)| group.same[*i].len())
            else {
                continue;
            };
            let next = rest.split(' ').next().unwrap_or_default();
            if group
                .next_word
                .as_ref()
                .is_some_and(|re| !re.is_match(next))
            {
                continue;
            }
            // Any other frame of the group, in turn.
            let mut pick = n % (group.same.len() - 1);
            if pick >= at {
                pick += 1;
            }
            return Some(format!("{} {rest}", group.same[pick]));
        }
        None
    }
}

/// The text without one of its words (chosen deterministically), for texts of 4+ words.
fn drop_one_word(norm: &str) -> Option<String> {
    let words: Vec<&str> = norm.split(' ').collect();
    if words.len() < 4 {
        return None;
    }
    let skip = norm.len() % words.len();
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != skip)
        .map(|(_, w)| *w)
        .collect();
    Some(kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::super::data::FrameGroup;
    use super::*;

    fn augmenter(frames: Vec<FrameGroup>) -> Augmenter {
        let raw = Wrappers {
            openers: vec!["hi".into()],
            closers: vec!["thanks".into()],
            frames,
        };
        Augmenter::new(&raw, &Normalizer::new(&Default::default()), "en-US")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn group(same: &[&str], next_word: Option<&str>) -> FrameGroup {
        FrameGroup {
            same: same.iter().map(|s| s.to_string()).collect(),
            next_word: next_word.map(str::to_owned),
        }
    }

    #[test]
    fn a_request_is_asked_again_in_another_frame_of_its_group() {
        let a = augmenter(vec![group(
            &["i want to", "how do i", "how do i get"],
            None,
        )]);
        let copies: Vec<String> = (0..4)
            .filter_map(|n| a.reframe("i want to reach an agent", n))
            .collect();
        assert!(
            copies.contains(&"how do i reach an agent".to_owned()),
            "{copies:?}"
        );
        assert!(copies.iter().all(|c| c != "i want to reach an agent"));
        // The longest frame is the one replaced: "how do i get", not "how do i".
        let a = augmenter(vec![group(&["i want", "how do i", "how do i get"], None)]);
        assert_eq!(
            a.reframe("how do i get a copy", 0).as_deref(),
            Some("i want a copy")
        );
        assert_eq!(a.reframe("pay my bill", 0), None);
    }

    #[test]
    fn an_example_is_asked_in_three_different_other_frames() {
        let frames = ["i want to", "how do i", "can i", "i need to", "how can i"];
        let a = augmenter(vec![group(&frames, None)]);
        let mut every = std::collections::HashSet::new();
        for n in 0..8 {
            let copies = a.copies("i want to reach an agent", Intent::HumanHandoff, n);
            let reframed: Vec<&String> = copies
                .iter()
                .filter(|c| c.ends_with(" reach an agent"))
                .filter(|c| frames.iter().any(|f| c.starts_with(f)))
                .filter(|c| *c != "i want to reach an agent")
                .collect();
            let distinct: std::collections::HashSet<&&String> = reframed.iter().collect();
            assert_eq!((reframed.len(), distinct.len()), (3, 3), "{copies:?}");
            every.extend(reframed.into_iter().cloned());
        }
        // Across examples, every other frame takes its turn.
        assert_eq!(every.len(), frames.len() - 1, "{every:?}");
    }

    #[test]
    fn the_next_word_must_fit_the_group() {
        let a = augmenter(vec![group(&["quiero", "como puedo"], Some("(ar|er|ir)$"))]);
        assert_eq!(
            a.reframe("quiero pagar mi recibo", 0).as_deref(),
            Some("como puedo pagar mi recibo")
        );
        assert_eq!(a.reframe("quiero un recibo", 0), None);
        // A frame whose next word does not fit one group may fit a later one.
        let a = augmenter(vec![
            group(&["necesito", "como puedo"], Some("(ar|er|ir)$")),
            group(&["necesito que me ayudes a", "me puedes ayudar a"], None),
        ]);
        assert_eq!(
            a.reframe("necesito que me ayudes a pagar", 0).as_deref(),
            Some("me puedes ayudar a pagar")
        );
    }

    #[test]
    fn frames_that_normalise_alike_are_one_frame() {
        let a = augmenter(vec![group(&["me gustaría", "me gustaria"], None)]);
        assert_eq!(a.reframe("me gustaria pagar", 0), None);
    }

    #[test]
    fn conversational_examples_are_not_wrapped_or_reframed() {
        let a = augmenter(vec![group(&["i want to", "how do i"], None)]);
        // Three words: too short for word dropout, and thanks is never wrapped.
        assert!(a.copies("thanks a lot", Intent::Thanks, 0).is_empty());
        // Conversational, help and faq examples keep their frame.
        for intent in [Intent::Cancel, Intent::Help, Intent::Faq] {
            let copies = a.copies("i want to stop", intent, 0);
            assert!(
                !copies.iter().any(|c| c.starts_with("how do i")),
                "{intent}: {copies:?}"
            );
        }
        let copies = a.copies("i want to reach an agent", Intent::HumanHandoff, 0);
        assert!(
            copies.contains(&"hi i want to reach an agent".to_owned()),
            "{copies:?}"
        );
        assert!(
            copies.contains(&"how do i reach an agent".to_owned()),
            "{copies:?}"
        );
        let faq = a.copies("i want to know the billing address", Intent::Faq, 0);
        assert!(!faq.iter().any(|c| c.starts_with("how do i")), "{faq:?}");
    }

    #[test]
    fn a_bad_next_word_pattern_is_an_error() {
        let raw = Wrappers {
            frames: vec![group(&["a", "b"], Some("("))],
            ..Wrappers::default()
        };
        assert!(Augmenter::new(&raw, &Normalizer::new(&Default::default()), "en-US").is_err());
    }
}
