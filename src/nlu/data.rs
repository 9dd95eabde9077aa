//! Reads one locale's `intents/` files (already loaded as text) into typed data.
//!
//! Pure: the caller hands over [`TextFile`]s, so tests can build a parser from strings.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::intent::Intent;
use super::{NluError, slots::vocab::SlotVocab};
use crate::assets::TextFile;

/// One `<intent>.toml`: its unmistakable patterns and its example messages.
#[derive(Debug, Clone)]
pub struct IntentData {
    pub intent: Intent,
    pub patterns: Vec<String>,
    pub examples: Vec<String>,
}

/// One FAQ topic of `faq.toml` (`[topics.<name>]`).
#[derive(Debug, Clone)]
pub struct TopicData {
    pub name: String,
    pub examples: Vec<String>,
}

/// Everything a locale's folder says.
#[derive(Debug, Clone, Default)]
pub struct LocaleData {
    pub intents: Vec<IntentData>,
    pub topics: Vec<TopicData>,
    pub vocab: SlotVocab,
    /// Spelling fixes and abbreviations (`normalize.toml`'s `[replace]`).
    pub replacements: BTreeMap<String, String>,
    /// Pronouns that attach to verbs (`normalize.toml`'s `clitics`).
    pub clitics: Vec<String>,
    /// Phrases that introduce the writer's name (`normalize.toml`'s `introductions`).
    pub introductions: Vec<String>,
    /// Labels of identifiers followed by digits (`normalize.toml`'s `identifiers`).
    pub identifiers: Vec<String>,
    /// How members wrap and frame a request (`normalize.toml`'s `openers`, `closers` and
    /// `[[frames]]`).
    pub wrappers: Wrappers,
    /// Word classes (`normalize.toml`'s `[classes]`): class name → its single words.
    pub classes: BTreeMap<String, Vec<String>>,
}

/// Openings ("hi", "can you help me") and closings ("please", "thanks") of a request, and
/// the frames it is asked in ("i want to", "how do i"). Training adds copies of some
/// examples wrapped in one or asked in another frame (`nlu::augment`), so that the
/// wording alone does not sway the intent.
#[derive(Debug, Clone, Default)]
pub struct Wrappers {
    pub openers: Vec<String>,
    pub closers: Vec<String>,
    /// Groups of interchangeable request frames ("i want to", "how do i", "can i"): an
    /// example that starts with one frame of a group also trains in up to three others.
    pub frames: Vec<FrameGroup>,
}

/// Request frames that can stand in for one another before the same words.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FrameGroup {
    /// The frames, as written (normalised when the parser is built).
    pub same: Vec<String>,
    /// A regular expression the word after the frame must match ("quiero pagar" can be
    /// "¿cómo puedo pagar?", "quiero un recibo" cannot be "¿cómo puedo un recibo?").
    #[serde(default)]
    pub next_word: Option<String>,
}

#[derive(Deserialize)]
struct IntentFile {
    intent: String,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    topics: BTreeMap<String, TopicFile>,
}

#[derive(Deserialize)]
struct TopicFile {
    #[serde(default)]
    examples: Vec<String>,
}

#[derive(Deserialize, Default)]
struct NormalizeFile {
    #[serde(default)]
    replace: BTreeMap<String, String>,
    #[serde(default)]
    clitics: Vec<String>,
    #[serde(default)]
    introductions: Vec<String>,
    #[serde(default)]
    identifiers: Vec<String>,
    #[serde(default)]
    openers: Vec<String>,
    #[serde(default)]
    closers: Vec<String>,
    #[serde(default)]
    frames: Vec<FrameGroup>,
    #[serde(default)]
    classes: BTreeMap<String, Vec<String>>,
}

/// `[evidence]` and `[[against_for]]` name intents: a misspelt name would silently switch
/// a safeguard off, so it is an error. `[[against_for]]` cannot turn down `out_of_scope`,
/// the answer it falls back to.
fn check_intent_names(vocab: &SlotVocab, path: &str) -> Result<(), NluError> {
    let names = vocab.evidence.keys().map(|k| (k, false));
    let names = names.chain(
        vocab
            .against_for
            .iter()
            .flat_map(|rule| rule.intents.iter().map(|i| (i, true))),
    );
    for (name, turned_down) in names {
        let intent: Intent = name.parse()?;
        if turned_down && intent == Intent::OutOfScope {
            return Err(NluError::BadFile {
                path: path.to_owned(),
                message: "[[against_for]]: out_of_scope is what a turned-down message becomes"
                    .to_owned(),
            });
        }
    }
    Ok(())
}

impl LocaleData {
    /// Parses the files of one locale folder; files that are not `.toml` are ignored.
    pub fn from_files(files: &[TextFile]) -> Result<Self, NluError> {
        let mut data = LocaleData::default();
        for file in files {
            let name = file.path.rsplit('/').next().unwrap_or(&file.path);
            let Some(stem) = name.strip_suffix(".toml") else {
                continue;
            };
            let bad = |e: toml::de::Error| NluError::BadFile {
                path: file.path.clone(),
                message: e.to_string(),
            };
            match stem {
                "slots" => {
                    data.vocab = toml::from_str(&file.contents).map_err(bad)?;
                    check_intent_names(&data.vocab, &file.path)?;
                }
                "normalize" => {
                    let n: NormalizeFile = toml::from_str(&file.contents).map_err(bad)?;
                    data.replacements = n.replace;
                    data.clitics = n.clitics;
                    data.introductions = n.introductions;
                    data.identifiers = n.identifiers;
                    data.wrappers = Wrappers {
                        openers: n.openers,
                        closers: n.closers,
                        frames: n.frames,
                    };
                    if let Some((class, word)) = n
                        .classes
                        .iter()
                        .flat_map(|(c, words)| words.iter().map(move |w| (c, w)))
                        .find(|(_, w)| w.trim().contains(' ') || w.trim().is_empty())
                    {
                        return Err(NluError::BadFile {
                            path: file.path.clone(),
                            message: format!("class {class:?}: {word:?} is not a single word"),
                        });
                    }
                    data.classes = n.classes;
                }
                _ => data.add_intent_file(file, toml::from_str(&file.contents).map_err(bad)?)?,
            }
        }
        data.intents.sort_by_key(|d| d.intent);
        Ok(data)
    }

    fn add_intent_file(&mut self, file: &TextFile, parsed: IntentFile) -> Result<(), NluError> {
        let intent: Intent = parsed.intent.parse()?;
        if self.intents.iter().any(|d| d.intent == intent) {
            return Err(NluError::BadFile {
                path: file.path.clone(),
                message: format!("a second file for intent {intent}"),
            });
        }
        let mut examples = parsed.examples;
        for (name, topic) in parsed.topics {
            // A topic's examples are FAQ examples too (intents/README.md).
            examples.extend(topic.examples.iter().cloned());
            self.topics.push(TopicData {
                name,
                examples: topic.examples,
            });
        }
        self.intents.push(IntentData {
            intent,
            patterns: parsed.patterns,
            examples,
        });
        Ok(())
    }

    /// Every training example with its intent, in file order.
    pub fn examples(&self) -> impl Iterator<Item = (&str, Intent)> {
        self.intents
            .iter()
            .flat_map(|d| d.examples.iter().map(move |e| (e.as_str(), d.intent)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(contents: &str) -> Result<LocaleData, NluError> {
        LocaleData::from_files(&[TextFile {
            path: "en-US/slots.toml".into(),
            contents: contents.into(),
        }])
    }

    #[test]
    fn intent_names_in_slots_must_be_intents() {
        let rule =
            |intents: &str| format!("[[against_for]]\nintents = [{intents}]\nphrases = [\"x\"]\n");
        assert!(slots("[evidence]\npay_bill = [\"pay\"]\n").is_ok());
        assert!(slots(&rule("\"pay_bill\", \"notification_prefs\"")).is_ok());
        // A misspelt name would switch a safeguard off without a word.
        assert!(matches!(
            slots("[evidence]\npay_bil = [\"pay\"]\n"),
            Err(NluError::UnknownIntent(_))
        ));
        assert!(matches!(
            slots(&rule("\"notification_pref\"")),
            Err(NluError::UnknownIntent(_))
        ));
        assert!(slots(&rule("\"check_balance\", \"faq\"")).is_ok());
        // What a turned-down message becomes cannot itself be turned down.
        assert!(matches!(
            slots(&rule("\"out_of_scope\"")),
            Err(NluError::BadFile { .. })
        ));
    }
}
