//! Members of the plan: who they are, where they live, what coverage they have.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a medical record number is 8 digits")]
pub struct BadMrn;

/// A medical record number: exactly eight digits (as on the member's ID card).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Mrn(String);

impl Mrn {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Mrn {
    type Err = BadMrn;
    fn from_str(s: &str) -> Result<Self, BadMrn> {
        // Members type MRNs with spaces or dashes ("1100-0001"); only the digits count.
        let digits: String = s
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect();
        if digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Mrn(digits))
        } else {
            Err(BadMrn)
        }
    }
}

impl TryFrom<String> for Mrn {
    type Error = BadMrn;
    fn try_from(s: String) -> Result<Self, BadMrn> {
        s.parse()
    }
}

impl From<Mrn> for String {
    fn from(m: Mrn) -> String {
        m.0
    }
}

impl fmt::Display for Mrn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kinds of coverage the guide explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    Medicare,
    IndividualExchange,
    Individual,
    Cobra,
    EmployerGroup,
}

impl Coverage {
    pub const ALL: [Coverage; 5] = [
        Coverage::Medicare,
        Coverage::IndividualExchange,
        Coverage::Individual,
        Coverage::Cobra,
        Coverage::EmployerGroup,
    ];

    /// The key used in storage, `plan.toml` and message ids.
    pub fn key(self) -> &'static str {
        match self {
            Coverage::Medicare => "medicare",
            Coverage::IndividualExchange => "individual_exchange",
            Coverage::Individual => "individual",
            Coverage::Cobra => "cobra",
            Coverage::EmployerGroup => "employer_group",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The languages billbot speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[serde(rename = "en-US")]
    EnUs,
    #[serde(rename = "es-US")]
    EsUs,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::EnUs, Language::EsUs];

    pub fn tag(self) -> &'static str {
        match self {
            Language::EnUs => "en-US",
            Language::EsUs => "es-US",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }
}

/// A member of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub mrn: Mrn,
    pub name: String,
    pub birth_date: NaiveDate,
    pub email: String,
    /// E.164 mobile number, if the member gave one.
    pub mobile: Option<String>,
    /// A key of `[regions]` in `plan.toml`.
    pub region: String,
    pub coverage: Coverage,
    pub language: Language,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mrn_accepts_eight_digits_with_separators() {
        assert_eq!("11000001".parse::<Mrn>().unwrap().as_str(), "11000001");
        assert_eq!(" 1100-0001 ".parse::<Mrn>().unwrap().as_str(), "11000001");
        assert!("1100000".parse::<Mrn>().is_err());
        assert!("110000012".parse::<Mrn>().is_err());
        assert!("1100000a".parse::<Mrn>().is_err());
        assert!("١١٠٠٠٠٠١".parse::<Mrn>().is_err(), "only ASCII digits");
    }

    #[test]
    fn coverage_and_language_keys_round_trip() {
        for c in Coverage::ALL {
            assert_eq!(Coverage::from_key(c.key()), Some(c));
        }
        assert_eq!(Language::from_tag("es-us"), Some(Language::EsUs));
        assert_eq!(Language::from_tag("fr-FR"), None);
    }
}
