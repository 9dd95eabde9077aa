//! Flags and environment → validated [`Settings`].
//!
//! Raw command-line values are checked once here, so the rest of billbot only ever sees a
//! parsed date, a socket address and a loaded plan profile.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use clap::Args;
use thiserror::Error;

use crate::assets::{self, Source};
use crate::plan::{Plan, PlanError};

/// Flags every subcommand understands.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// The SQLite database file.
    #[arg(long, global = true, env = "BILLBOT_DB", default_value = "billbot.db")]
    pub db: PathBuf,
    /// Fixes "today" (YYYY-MM-DD) for tests and demos.
    #[arg(long, global = true, env = "BILLBOT_TODAY")]
    pub today: Option<String>,
    /// A plan profile to use instead of the built-in `plan.toml`.
    #[arg(long, global = true, env = "BILLBOT_PLAN")]
    pub plan: Option<PathBuf>,
    /// An `intents/` folder to use instead of the built-in one.
    #[arg(long, global = true, env = "BILLBOT_INTENTS")]
    pub intents: Option<PathBuf>,
    /// A `locales/` folder to use instead of the built-in one.
    #[arg(long, global = true, env = "BILLBOT_LOCALES")]
    pub locales: Option<PathBuf>,
}

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("BILLBOT_TODAY / --today must be a date like 2026-11-27, not {0:?}")]
    BadToday(String),
    #[error("invalid address {0:?}: expected host:port such as 127.0.0.1:8080")]
    BadAddr(String),
    #[error(transparent)]
    Asset(#[from] assets::AssetError),
    #[error("plan profile: {0}")]
    Plan(#[from] PlanError),
}

/// What billbot runs with, checked.
#[derive(Debug, Clone)]
pub struct Settings {
    pub db_path: PathBuf,
    pub clock: Clock,
    pub plan: Plan,
    pub intents: Source,
    pub locales: Source,
}

impl Settings {
    /// Validates the common flags and loads the plan profile.
    pub fn from_args(args: &CommonArgs) -> Result<Self, ConfigError> {
        let plan = Plan::from_toml(&assets::plan_text(args.plan.as_deref())?)?;
        let clock = match &args.today {
            None => Clock::System(plan.billing.time_zone.parse().unwrap_or(chrono_tz::UTC)),
            Some(raw) => Clock::fixed_date(parse_date(raw)?),
        };
        Ok(Self {
            db_path: args.db.clone(),
            clock,
            plan,
            intents: args.intents.clone().map_or(Source::Embedded, Source::Dir),
            locales: args.locales.clone().map_or(Source::Embedded, Source::Dir),
        })
    }
}

/// Parses a `--addr` value.
pub fn parse_addr(raw: &str) -> Result<SocketAddr, ConfigError> {
    raw.parse()
        .map_err(|_| ConfigError::BadAddr(raw.to_owned()))
}

fn parse_date(raw: &str) -> Result<NaiveDate, ConfigError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| ConfigError::BadToday(raw.to_owned()))
}

/// Where billbot gets "now" from.
///
/// A fixed date keeps tests and demos deterministic: the date never changes while the time
/// of day still moves, so expiry rules (quotes, codes) keep working.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    /// The real clock; "today" is the date in the plan's billing time zone.
    System(chrono_tz::Tz),
    FixedDate(NaiveDate),
    /// A stopped clock (tests that need expiry to happen on cue).
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn fixed_date(date: NaiveDate) -> Self {
        Clock::FixedDate(date)
    }

    /// Today's date in the plan's calendar.
    pub fn today(&self) -> NaiveDate {
        match self {
            Clock::System(tz) => Utc::now().with_timezone(tz).date_naive(),
            Clock::FixedDate(d) => *d,
            Clock::Fixed(t) => t.date_naive(),
        }
    }

    /// The current instant (on a fixed date: that date at the current time of day).
    pub fn now(&self) -> DateTime<Utc> {
        let real = Utc::now();
        match self {
            Clock::System(_) => real,
            Clock::FixedDate(d) => d.and_time(real.time()).and_utc(),
            Clock::Fixed(t) => *t,
        }
    }
}
