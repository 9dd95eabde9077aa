//! The plan profile (`plan.toml`): regions, phone numbers, addresses, URLs and the rules
//! that differ per plan, loaded once at start-up and validated with clear errors.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;
use thiserror::Error;

use crate::billing::DueRule;

#[derive(Debug, Error)]
pub enum PlanError {
    #[error("plan.toml is not valid: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("plan.toml: {0}")]
    Invalid(String),
}

/// The whole plan profile.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub name: String,
    pub program_name: String,
    pub billing: BillingFacts,
    pub payment_plan: PaymentPlanRules,
    pub autopay: AutopayRules,
    pub mail: BTreeMap<String, String>,
    pub covered_california: CoveredCalifornia,
    pub oregon: OregonContacts,
    pub premium: PremiumFacts,
    pub coverage: CoverageFacts,
    pub regions: BTreeMap<String, Region>,
}

/// The billing department and the timing rules of statements and reminders.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillingFacts {
    pub phone: String,
    pub tty: String,
    pub email: String,
    pub history_months: u32,
    pub statement_generated_by_day: u32,
    pub statement_mailed_around_day: u32,
    pub medical_bill_terms_days: u32,
    pub reminder_days_before_due: u32,
    pub quote_ttl_minutes: u32,
    pub quiet_hours_start: u32,
    pub quiet_hours_end: u32,
    /// The plan's billing calendar (an IANA time zone).
    pub time_zone: String,
}

/// Who may pay a balance in installments, and how many.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentPlanRules {
    #[serde(with = "rust_decimal::serde::str")]
    pub min_balance: Decimal,
    pub min_installments: u32,
    pub max_installments: u32,
    pub offered_installments: Vec<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutopayRules {
    pub retry_after_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoveredCalifornia {
    pub first_payment: String,
    pub monthly_payment: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OregonContacts {
    pub customer_service: String,
    pub advice_and_appointments: String,
    pub tty: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PremiumFacts {
    pub factors: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageFacts {
    pub types: Vec<String>,
}

/// Where the member's web preferences live, which changes the steps billbot describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PreferencesPage {
    Profile,
    AccountMenu,
}

/// One service region of the plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub name: String,
    pub pay_by_phone: String,
    /// A key of the `[mail]` table.
    pub mail: String,
    pub pay_online: Vec<String>,
    pub due_rule: DueRule,
    pub preferences: PreferencesPage,
    pub time_zone: String,
}

impl Plan {
    /// Parses and validates a plan profile.
    pub fn from_toml(text: &str) -> Result<Self, PlanError> {
        let plan: Plan = toml::from_str(text)?;
        plan.validate()?;
        Ok(plan)
    }

    /// The region with this key, if the plan has it.
    pub fn region(&self, key: &str) -> Option<&Region> {
        self.regions.get(key)
    }

    /// The mailing address for payments from a region.
    pub fn mail_address(&self, region: &Region) -> &str {
        // validate() guarantees the key exists.
        self.mail.get(&region.mail).map_or("", String::as_str)
    }

    fn validate(&self) -> Result<(), PlanError> {
        let bad = |msg: String| Err(PlanError::Invalid(msg));
        if self.regions.is_empty() {
            return bad("at least one [regions.<key>] table is needed".into());
        }
        for (key, region) in &self.regions {
            if !self.mail.contains_key(&region.mail) {
                return bad(format!(
                    "regions.{key}.mail = {:?} names no entry of [mail]",
                    region.mail
                ));
            }
            if region.pay_online.is_empty() {
                return bad(format!(
                    "regions.{key}.pay_online needs at least one address"
                ));
            }
            if region.pay_by_phone.trim().is_empty() || region.name.trim().is_empty() {
                return bad(format!(
                    "regions.{key} needs a name and a pay_by_phone number"
                ));
            }
        }
        let b = &self.billing;
        if b.history_months == 0 || b.quote_ttl_minutes == 0 {
            return bad("billing.history_months and billing.quote_ttl_minutes must be > 0".into());
        }
        if !(1..=28).contains(&b.statement_generated_by_day) {
            return bad("billing.statement_generated_by_day must be a day 1..=28".into());
        }
        if b.time_zone.parse::<chrono_tz::Tz>().is_err() {
            return bad(format!(
                "billing.time_zone {:?} is not an IANA time zone",
                b.time_zone
            ));
        }
        for (key, region) in &self.regions {
            if region.time_zone.parse::<chrono_tz::Tz>().is_err() {
                return bad(format!(
                    "regions.{key}.time_zone {:?} is not an IANA time zone",
                    region.time_zone
                ));
            }
        }
        if b.quiet_hours_start > 23 || b.quiet_hours_end > 23 {
            return bad("billing.quiet_hours_* are hours 0..=23".into());
        }
        let p = &self.payment_plan;
        if p.min_balance <= Decimal::ZERO || p.min_balance.scale() > 2 {
            return bad("payment_plan.min_balance must be a positive amount in cents".into());
        }
        if p.min_installments < 2 || p.min_installments > p.max_installments {
            return bad("payment_plan needs 2 <= min_installments <= max_installments".into());
        }
        if p.offered_installments.is_empty()
            || p.offered_installments
                .iter()
                .any(|n| !(p.min_installments..=p.max_installments).contains(n))
        {
            return bad("payment_plan.offered_installments must lie within min..=max".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Plan {
        Plan::from_toml(include_str!("../plan.toml")).expect("the shipped plan.toml is valid")
    }

    #[test]
    fn shipped_profile_has_every_region_of_the_guide() {
        let plan = shipped();
        for key in [
            "northern_california",
            "southern_california",
            "colorado",
            "georgia",
            "hawaii",
            "oregon",
            "southwest_washington",
            "washington",
            "maryland",
            "virginia",
            "washington_dc",
        ] {
            assert!(plan.region(key).is_some(), "missing region {key}");
        }
        assert_eq!(plan.billing.phone, "1-800-218-1059");
        assert_eq!(plan.billing.tty, "711");
        assert_eq!(plan.billing.history_months, 13);
    }

    #[test]
    fn due_rules_and_mail_follow_the_guide() {
        let plan = shipped();
        let md = plan.region("maryland").unwrap();
        assert_eq!(md.due_rule, DueRule::FirstOfMonth);
        let nc = plan.region("northern_california").unwrap();
        assert_eq!(nc.due_rule, DueRule::EndOfPriorMonth);
        assert!(plan.mail_address(nc).contains("P.O. Box 7158"));
        let wa = plan.region("washington").unwrap();
        assert!(plan.mail_address(wa).contains("P.O. Box 7172"));
        assert_eq!(wa.pay_by_phone, "833-698-1220");
    }

    #[test]
    fn a_region_with_an_unknown_mail_key_is_refused() {
        let text =
            include_str!("../plan.toml").replace("mail = \"washington\"", "mail = \"nowhere\"");
        let err = Plan::from_toml(&text).unwrap_err().to_string();
        assert!(err.contains("regions.washington.mail"), "{err}");
    }

    #[test]
    fn an_unknown_time_zone_is_refused() {
        let text = include_str!("../plan.toml").replace("America/Denver", "Mountain/Nowhere");
        let err = Plan::from_toml(&text).unwrap_err().to_string();
        assert!(err.contains("regions.colorado.time_zone"), "{err}");
    }

    #[test]
    fn a_misspelled_key_is_refused() {
        let text = include_str!("../plan.toml").replace("history_months", "history_month");
        assert!(Plan::from_toml(&text).is_err());
    }

    #[test]
    fn offered_installments_outside_the_range_are_refused() {
        let text = include_str!("../plan.toml").replace(
            "offered_installments = [3, 6, 12]",
            "offered_installments = [3, 24]",
        );
        let err = Plan::from_toml(&text).unwrap_err().to_string();
        assert!(err.contains("offered_installments"), "{err}");
    }
}
