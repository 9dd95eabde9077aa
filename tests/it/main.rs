//! billbot's integration tests: one test binary, many modules.
//!
//! Each test gets its own temporary database file (and, where it needs one, its own
//! server on port 0), so tests run in parallel without sharing state.

mod binary;
mod browser;
mod conversations;
mod fakes;
mod linking;
mod locales;
mod nlu;
mod privacy;
mod proactive;
mod server;
mod sms;
mod storage;
mod support;
mod telegram;
mod web;

/// The crate root, where `intents/` and `tests/data/` live.
pub fn repo_path(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}
