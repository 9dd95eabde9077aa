//! The deterministic stage: each intent's unmistakable phrasings, compiled once into a
//! single `RegexSet` per locale and matched against the normalised text.

use regex::{RegexSet, RegexSetBuilder};

use super::NluError;
use super::data::IntentData;
use super::intent::Intent;

/// All patterns of a locale and the intent each one stands for.
#[derive(Debug, Clone)]
pub struct Patterns {
    set: RegexSet,
    owners: Vec<Intent>,
}

impl Patterns {
    /// Compiles every intent's `patterns`; a bad pattern names its file and text.
    pub fn new(intents: &[IntentData], locale: &str) -> Result<Self, NluError> {
        let mut sources = Vec::new();
        let mut owners = Vec::new();
        for d in intents {
            for p in &d.patterns {
                // Compile alone first so an error says which pattern is wrong.
                regex::Regex::new(p).map_err(|e| NluError::BadPattern {
                    path: format!("{locale}/{}.toml", d.intent),
                    pattern: p.clone(),
                    message: e.to_string(),
                })?;
                sources.push(p.as_str());
                owners.push(d.intent);
            }
        }
        let set = RegexSetBuilder::new(&sources)
            .size_limit(64 << 20)
            .build()
            .map_err(|e| NluError::BadPattern {
                path: locale.to_owned(),
                pattern: String::new(),
                message: e.to_string(),
            })?;
        Ok(Patterns { set, owners })
    }

    /// The intents whose patterns match (each once, in intent order).
    pub fn matches(&self, normalized: &str) -> Vec<Intent> {
        let mut out: Vec<Intent> = self
            .set
            .matches(normalized)
            .iter()
            .map(|i| self.owners[i])
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.owners.len()
    }

    /// True when the locale has no patterns.
    pub fn is_empty(&self) -> bool {
        self.owners.is_empty()
    }
}
