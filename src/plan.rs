//! The plan profile (`plan.toml`).
use thiserror::Error;

#[derive(Debug, Error)]
pub enum PlanError {
    #[error("{0}")]
    Toml(#[from] toml::de::Error),
}

#[derive(Debug, Clone)]
pub struct Plan;

impl Plan {
    pub fn from_toml(text: &str) -> Result<Self, PlanError> {
        let _: toml::Table = toml::from_str(text)?;
        Ok(Plan)
    }
}
