//! Language understanding: `intents/` data → parser → intent + slots (pure, no I/O).
//!
//! # Layout
//!
//! - [`intent`] — the closed set of intents (SPEC §4) and the locales.
//! - [`data`] — one locale's `intents/` files → typed data.
//! - [`normalize`] — case, accents, punctuation, spelling fixes; input length limit.
//! - [`augment`] — extra training copies: word dropout, wrapped and reframed requests.
//! - [`preamble`] — self-introductions and identifiers set aside before classifying.
//! - [`patterns`] — the deterministic stage: unmistakable phrasings (one `RegexSet`).
//! - [`features`] + [`classifier`] — hashed n-grams → logistic regression trained at load.
//! - [`slots`] — amounts, dates, bills, methods, frequency, channel, language…
//! - [`gate`] — second opinions: topic coverage, evidence for acting intents.
//! - [`parser`] — the cascade that puts them together: [`Nlu::parse`].
//! - [`eval`] — accuracy, macro-F1, out-of-scope recall, false actions.

pub mod augment;
pub mod classifier;
pub mod data;
pub mod eval;
pub mod features;
pub mod gate;
pub mod intent;
pub mod normalize;
pub mod parser;
pub mod patterns;
pub mod preamble;
pub mod slots;

use thiserror::Error;

pub use intent::{Intent, Locale};
pub use normalize::MAX_INPUT_CHARS;
pub use parser::{Nlu, Nlus, Parse};
pub use slots::{Amount, InvalidReason, InvalidSlot, Slots};

/// What can go wrong building the parser (never while parsing: parsing cannot fail).
#[derive(Debug, Error)]
pub enum NluError {
    #[error("unknown intent {0:?} (SPEC §4 lists the 28 intents)")]
    UnknownIntent(String),
    #[error("unknown locale {0:?}: expected en-US or es-US")]
    UnknownLocale(String),
    #[error("{path}: {message}")]
    BadFile { path: String, message: String },
    #[error("{path}: pattern {pattern:?}: {message}")]
    BadPattern {
        path: String,
        pattern: String,
        message: String,
    },
    #[error("no intent files for locale {0}")]
    NoData(Locale),
    #[error(transparent)]
    Asset(#[from] crate::assets::AssetError),
}
