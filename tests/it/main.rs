//! billbot's integration tests: one test binary, many modules.
//!
//! Each test gets its own temporary database file (and, where it needs one, its own
//! server on port 0), so tests run in parallel without sharing state.

mod binary;
mod server;
mod storage;
mod support;
