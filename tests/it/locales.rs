//! Every message the code uses exists in every locale and formats; no locale has
//! messages nothing uses; both locales take the same arguments.

use std::collections::{BTreeMap, BTreeSet};

use billbot::assets::Source;
use billbot::billing::Language;
use billbot::dialogue::{FAQ_MENU, FAQ_TOPICS};
use billbot::i18n::{Arg, Catalog};
use regex::Regex;

use crate::repo_path;

/// Ids given to `t!("…")` anywhere in `src/`.
fn static_ids() -> BTreeSet<String> {
    // `t!("id", …)` in the dialogue; `format(lang, "id", …)`, `t("id")` and `ta("id", …)`
    // where text is built outside the dialogue (e-mails, PDFs).
    let re = Regex::new(
        r#"(?:(?:^|[^A-Za-z0-9_])t!\(|(?:^|[^A-Za-z0-9_])ta?\(|\.format\(\s*[a-z_]+,)\s*"([a-z][a-z0-9-]*)""#,
    )
    .unwrap();
    let mut ids = BTreeSet::new();
    let mut stack = vec![repo_path("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                ids.extend(re.captures_iter(&text).map(|c| c[1].to_owned()));
            }
        }
    }
    ids
}

/// Ids the code builds at run time from data (plan keys, enums, FAQ topics).
fn dynamic_ids() -> BTreeSet<String> {
    let plan = crate::support::plan();
    let dash = |s: &str| s.replace('_', "-");
    let mut ids = BTreeSet::new();
    for day in [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ] {
        ids.insert(format!("weekday-{day}"));
    }
    for kind in ["one_time", "autopay", "plan_installment"] {
        ids.insert(format!("payment-kind-{}", dash(kind)));
    }
    for f in &plan.premium.factors {
        ids.insert(format!("premium-factor-{}", dash(f)));
    }
    for c in &plan.coverage.types {
        ids.insert(format!("coverage-{}", dash(c)));
    }
    for t in FAQ_TOPICS {
        ids.insert(format!("faq-{}", dash(t)));
    }
    for t in FAQ_MENU {
        ids.insert(format!("faq-title-{}", dash(t)));
    }
    for notice in ["receipt", "declined", "bill-ready", "reminder"] {
        for part in ["subject", "email", "text"] {
            ids.insert(format!("notice-{notice}-{part}"));
        }
    }
    ids
}

/// The variables each message of a locale's files refers to.
fn variables(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let id_re = Regex::new(r"^([a-z][a-z0-9-]*)\s*=").unwrap();
    let var_re = Regex::new(r"\$([a-z_][a-z0-9_]*)").unwrap();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(repo_path(&format!("locales/{lang}"))).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if let Some(c) = id_re.captures(line) {
                current = Some(c[1].to_owned());
                out.entry(c[1].to_owned()).or_default();
            } else if line.trim().is_empty() || line.starts_with('#') {
                current = None;
            }
            if let Some(id) = &current {
                let vars = out.entry(id.clone()).or_default();
                vars.extend(var_re.captures_iter(line).map(|c| c[1].to_owned()));
            }
        }
    }
    out
}

#[test]
fn every_used_message_exists_in_every_locale_and_formats() {
    let catalog = Catalog::load(&Source::Embedded).unwrap();
    let used: BTreeSet<String> = static_ids().union(&dynamic_ids()).cloned().collect();
    assert!(
        used.len() > 150,
        "the source scan found only {} ids",
        used.len()
    );
    for lang in Language::ALL {
        let vars = variables(lang.tag());
        for id in &used {
            assert!(catalog.has(lang, id), "{} has no message {id}", lang.tag());
            let args: Vec<(&str, Arg)> = vars[id]
                .iter()
                .map(|v| {
                    let value = match v.as_str() {
                        "known_region" => Arg::from("yes"),
                        "retry" | "method" => Arg::from("none"),
                        _ => Arg::Count(2),
                    };
                    (v.as_str(), value)
                })
                .collect();
            let text = catalog
                .try_format(lang, id, &args)
                .unwrap_or_else(|e| panic!("{}: {e}", lang.tag()));
            assert!(!text.trim().is_empty(), "{} {id} is empty", lang.tag());
            assert!(!text.contains('\u{2068}'), "isolation marks in {id}");
        }
    }
}

#[test]
fn no_locale_has_messages_the_code_never_uses() {
    let catalog = Catalog::load(&Source::Embedded).unwrap();
    let used: BTreeSet<String> = static_ids().union(&dynamic_ids()).cloned().collect();
    for lang in Language::ALL {
        let unused: Vec<&String> = catalog
            .ids(lang)
            .iter()
            .filter(|id| !used.contains(*id))
            .collect();
        assert!(
            unused.is_empty(),
            "{} has unused messages: {unused:?}",
            lang.tag()
        );
    }
}

#[test]
fn both_locales_take_the_same_arguments() {
    let en = variables("en-US");
    let es = variables("es-US");
    assert_eq!(
        en.keys().collect::<Vec<_>>(),
        es.keys().collect::<Vec<_>>(),
        "different message ids"
    );
    for (id, vars) in &en {
        assert_eq!(
            vars, &es[id],
            "message {id} takes different arguments in es-US"
        );
    }
}
