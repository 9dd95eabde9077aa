//! Storage: the only module that talks to SQLite.
//!
//! One database file holds every member's account. The connection runs in WAL mode with
//! `synchronous = FULL` (a committed payment survives a power cut), foreign keys on, and
//! CHECK / UNIQUE constraints that restate the money invariants, so a bug above this layer
//! cannot leave a negative balance or a duplicate payment behind. Every change that
//! touches more than one row runs in one transaction.
//!
//! Code that runs on the async runtime reaches the database through [`Db::call`], which
//! moves the work onto tokio's blocking pool.

mod account;
mod bills;
pub mod channels;
mod codec;
mod conversations;
mod members;
mod methods;
mod migrations;
pub mod outbox;
mod payments;
pub mod proactive;
mod settings;
pub mod web;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;
use thiserror::Error;

pub use account::load_account;
pub use bills::{bills_for, insert_bill};
pub use conversations::{
    StoredConversation, append_transcript, create_ticket, load_conversation, request_letter,
    save_conversation, transcript,
};
pub use members::{insert_member, member, member_exists};
pub use methods::{insert_method, methods_for};
pub use migrations::latest_version;
pub use payments::{
    Finish, NewPayment, PaymentRecord, begin_payment, finish_payment, payment_by_key, payments_for,
    payments_with_key_prefix,
};
pub use settings::{
    autopay_for, cancel_plan, consent_for, insert_plan, link_address, linked_member,
    mark_installment_paid, paperless_for, plans_for, preferences_for, record_consent, set_autopay,
    set_paperless, set_preference,
};

#[derive(Debug, Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "the database was written by a newer billbot (schema {found}, this build knows {known})"
    )]
    NewerSchema { found: usize, known: usize },
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("the database worker stopped: {0}")]
    Worker(String),
}

/// Opens (creating if needed) the database file and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection, StorageError> {
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrations::migrate(&mut conn)?;
    Ok(conn)
}

/// An in-memory database with the full schema, for tests and benchmarks of pure logic.
pub fn open_in_memory() -> Result<Connection, StorageError> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrations::migrate(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<(), StorageError> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // journal_mode answers with a row, so it cannot go through execute_batch.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// A shared handle to the database for async code.
///
/// SQLite allows one writer at a time, so one connection behind a mutex is both correct
/// and fast enough for a chat service; the blocking pool keeps the runtime's workers free
/// while a statement runs.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        Ok(Self::from_connection(open(path)?))
    }

    pub fn from_connection(conn: Connection) -> Self {
        Self {
            conn: Arc::new(Mutex::new(conn)),
        }
    }

    /// Runs `f` with the connection on the blocking pool.
    pub async fn call<R, F>(&self, f: F) -> Result<R, StorageError>
    where
        F: FnOnce(&mut Connection) -> Result<R, StorageError> + Send + 'static,
        R: Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // A panic in an earlier call rolled its transaction back as it unwound, so the
            // connection is still sound: carry on rather than fail every later call.
            let mut guard = conn
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&mut guard)
        })
        .await
        .map_err(|e| StorageError::Worker(e.to_string()))?
    }

    /// Runs `f` with the connection on the current thread (for synchronous callers).
    pub fn with<R>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<R, StorageError>,
    ) -> Result<R, StorageError> {
        let mut guard = self
            .conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }
}
