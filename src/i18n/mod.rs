//! What billbot says: Fluent bundles per language, and money and dates formatted per
//! locale in Rust (Fluent's `NUMBER` knows no currency) before they reach a message.
//!
//! Messages live in `locales/<lang>/*.ftl`; every file of a language's folder is loaded
//! into one bundle. Bundles are the concurrent kind (shared across threads) with Unicode
//! isolation marks off, because those marks are not GSM-7 and would turn every SMS into
//! 70-character UCS-2 segments.

mod format;

use std::collections::HashMap;

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use thiserror::Error;
use unic_langid::LanguageIdentifier;

pub use format::{format_date, format_date_short, format_money};

use crate::assets::{self, AssetError, Folder, Source};
use crate::billing::Language;

#[derive(Debug, Error)]
pub enum I18nError {
    #[error(transparent)]
    Asset(#[from] AssetError),
    #[error("locales/{lang}/{file}: {detail}")]
    Syntax {
        lang: String,
        file: String,
        detail: String,
    },
    #[error("locales/{lang}: message {id} is defined twice")]
    Duplicate { lang: String, id: String },
    #[error("locales/{0} is missing or empty")]
    MissingLanguage(String),
    #[error("no message {id:?} in {lang}")]
    UnknownMessage { lang: String, id: String },
    #[error("message {id:?} in {lang} did not format: {detail}")]
    Format {
        lang: String,
        id: String,
        detail: String,
    },
}

/// A value passed into a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text shown as is (already formatted money, a name, a bill id…).
    Text(String),
    /// A count, which also selects plural forms.
    Count(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Count(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// Every language's messages, loaded once.
pub struct Catalog {
    bundles: HashMap<Language, FluentBundle<FluentResource>>,
    /// The message ids of each language, sorted (bundles cannot list their messages).
    ids: HashMap<Language, Vec<String>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("languages", &self.bundles.len())
            .finish()
    }
}

impl Catalog {
    /// Reads `locales/` (embedded or on disk) for every language billbot speaks.
    pub fn load(source: &Source) -> Result<Self, I18nError> {
        let mut bundles = HashMap::new();
        let mut ids = HashMap::new();
        for lang in Language::ALL {
            let files = assets::files_in(Folder::Locales, source, lang.tag())?;
            let files: Vec<_> = files
                .into_iter()
                .filter(|f| f.path.ends_with(".ftl"))
                .collect();
            if files.is_empty() {
                return Err(I18nError::MissingLanguage(lang.tag().to_owned()));
            }
            let (b, mut names) = bundle(lang, &files)?;
            names.sort();
            bundles.insert(lang, b);
            ids.insert(lang, names);
        }
        Ok(Self { bundles, ids })
    }

    /// The ids of every message of a language, sorted.
    pub fn ids(&self, lang: Language) -> &[String] {
        self.ids.get(&lang).map_or(&[], Vec::as_slice)
    }

    pub fn has(&self, lang: Language, id: &str) -> bool {
        self.bundles.get(&lang).is_some_and(|b| b.has_message(id))
    }

    /// Formats a message, reporting any problem.
    pub fn try_format(
        &self,
        lang: Language,
        id: &str,
        args: &[(&str, Arg)],
    ) -> Result<String, I18nError> {
        let unknown = || I18nError::UnknownMessage {
            lang: lang.tag().to_owned(),
            id: id.to_owned(),
        };
        let bundle = self.bundles.get(&lang).ok_or_else(unknown)?;
        let pattern = bundle
            .get_message(id)
            .and_then(|m| m.value())
            .ok_or_else(unknown)?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
                Arg::Count(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(I18nError::Format {
                lang: lang.tag().to_owned(),
                id: id.to_owned(),
                detail: format!("{errors:?}"),
            })
        }
    }

    /// Formats a message; a missing or broken message is logged and shown as its id, so a
    /// member still gets an answer (the locale tests keep this from happening).
    pub fn format(&self, lang: Language, id: &str, args: &[(&str, Arg)]) -> String {
        self.try_format(lang, id, args).unwrap_or_else(|e| {
            tracing::error!(error = %e, "message formatting failed");
            id.to_owned()
        })
    }
}

type Bundle = (FluentBundle<FluentResource>, Vec<String>);

fn bundle(lang: Language, files: &[assets::TextFile]) -> Result<Bundle, I18nError> {
    let id: LanguageIdentifier = lang
        .tag()
        .parse()
        .map_err(|_| I18nError::MissingLanguage(lang.tag().to_owned()))?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    let mut names = Vec::new();
    bundle.set_use_isolating(false);
    for file in files {
        let resource = FluentResource::try_new(file.contents.clone()).map_err(|(_, errs)| {
            I18nError::Syntax {
                lang: lang.tag().to_owned(),
                file: file.path.clone(),
                detail: format!("{errs:?}"),
            }
        })?;
        names.extend(resource.entries().filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        }));
        bundle
            .add_resource(resource)
            .map_err(|errs| I18nError::Duplicate {
                lang: lang.tag().to_owned(),
                id: format!("{errs:?}"),
            })?;
    }
    Ok((bundle, names))
}
