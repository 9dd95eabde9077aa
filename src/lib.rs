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
//!   validated [`config::Settings`].
//! - [`plan`] — the plan profile (`plan.toml`): regions, phone numbers, addresses, rules.
//! - [`billing`] — pure billing rules: money, bills, payments, autopay, payment plans.
//! - [`nlu`] — pure language understanding: `intents/` data → parser → intent + slots.
//! - [`storage`] — the only user of SQLite: schema, migrations, queries, transactions.
//! - [`demo`] — the demo members of the specification.
//! - [`pdf`] — a member's bill rendered as a PDF statement (pure: document in, bytes out).
//! - [`server`] — the HTTP server that hosts the channels.
//! - [`assets`] — the data folders embedded in the binary, or read from disk.

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
pub mod security;
pub mod server;
pub mod startup;
pub mod storage;
pub mod telemetry;
