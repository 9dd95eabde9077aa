//! billbot — a conversational billing assistant for health-plan members.
//!
//! # Layout
//!
//! Data flows one way: a channel adapter turns what arrives into one inbound message type,
//! the language understanding turns its text into an intent and slots, the dialogue decides
//! what to do, the billing core says what is allowed, storage keeps it, and the reply goes
//! back out through the channel it came from.
//!
//! - [`cli`] — the subcommands of the binary; [`config`] turns flags and environment into
//!   validated [`config::Settings`]; [`startup`] wires the application.
//! - [`plan`] — the plan profile (`plan.toml`): regions, phone numbers, addresses, rules.
//! - [`billing`] — pure billing rules: money, bills, payments, autopay, payment plans.
//! - [`nlu`] — pure language understanding: `intents/` data → parser → intent + slots.
//! - [`dialogue`] — pure conversation policy: flows, slot filling, confirmations.
//! - [`assistant`] — the one place where understanding, dialogue, billing and storage meet.
//! - [`i18n`] — what billbot says (`locales/`), money and dates per locale.
//! - [`ledger`] — payments exactly once through the [`gateway`].
//! - [`storage`] — the only user of SQLite: schema, migrations, queries, transactions.
//! - [`channels`] — web, SMS and Telegram adapters; [`server`] hosts them.
//! - [`proactive`] — autopay runs, installments, receipts, bill-ready notices, reminders,
//!   and delivering the outbox; [`mail`] — e-mail over SMTP; [`pdf`] — bills as PDFs.
//! - [`security`], [`privacy`] — secrets, rate limits, card-number masking.
//! - [`demo`] — the demo members of the specification; [`assets`] — embedded data folders.

pub mod assets;
pub mod assistant;
pub mod billing;
pub mod channels;
pub mod cli;
pub mod config;
pub mod demo;
pub mod dialogue;
pub mod gateway;
pub mod i18n;
pub mod ledger;
pub mod mail;
pub mod nlu;
pub mod pdf;
pub mod plan;
pub mod privacy;
pub mod proactive;
pub mod security;
pub mod server;
pub mod startup;
pub mod storage;
pub mod telemetry;
