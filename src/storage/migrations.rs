//! The schema, as an append-only list of migrations.
//!
//! `PRAGMA user_version` records how many have run. A migration is never edited once
//! released: a change to the schema is a new entry at the end.
//!
//! Money is stored as INTEGER cents (`amount_cents`): SQLite has no decimal type, and its
//! `SUM` over REAL or TEXT goes through floating point. `storage::codec` converts to and
//! from `rust_decimal::Decimal` at the boundary. Dates are ISO `YYYY-MM-DD` text and
//! instants RFC 3339 text in UTC, so they sort and compare as strings.

use rusqlite::Connection;

use super::StorageError;

const MIGRATIONS: &[&str] = &[
    // 1: members, bills, payments, methods, autopay, plans, preferences, consent.
    r#"
CREATE TABLE members (
    mrn          TEXT PRIMARY KEY CHECK (length(mrn) = 8 AND mrn NOT GLOB '*[^0-9]*'),
    name         TEXT NOT NULL,
    birth_date   TEXT NOT NULL,
    email        TEXT NOT NULL UNIQUE,
    mobile       TEXT UNIQUE,
    region       TEXT NOT NULL,
    coverage     TEXT NOT NULL CHECK (coverage IN
                   ('medicare','individual_exchange','individual','cobra','employer_group')),
    language     TEXT NOT NULL CHECK (language IN ('en-US','es-US')),
    credit_cents INTEGER NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE bills (
    id             TEXT PRIMARY KEY,
    mrn            TEXT NOT NULL REFERENCES members(mrn),
    kind           TEXT NOT NULL CHECK (kind IN ('premium','medical')),
    category       TEXT NOT NULL,
    statement_date TEXT NOT NULL,
    due_date       TEXT NOT NULL,
    coverage_month TEXT,
    amount_cents   INTEGER NOT NULL CHECK (amount_cents >= 0),
    -- Succeeded and pending payments plus applied credit: the balance can never go negative.
    paid_cents     INTEGER NOT NULL DEFAULT 0
                   CHECK (paid_cents >= 0 AND paid_cents <= amount_cents)
) STRICT;
CREATE INDEX bills_by_member ON bills(mrn, statement_date);

CREATE TABLE line_items (
    bill_id            TEXT NOT NULL REFERENCES bills(id),
    position           INTEGER NOT NULL,
    service            TEXT NOT NULL,
    visit_date         TEXT,
    provider           TEXT,
    facility           TEXT,
    charges_cents      INTEGER NOT NULL CHECK (charges_cents >= 0),
    plan_paid_cents    INTEGER NOT NULL CHECK (plan_paid_cents >= 0),
    adjustments_cents  INTEGER NOT NULL CHECK (adjustments_cents >= 0),
    member_share_cents INTEGER NOT NULL CHECK (member_share_cents >= 0 AND
        member_share_cents = charges_cents - plan_paid_cents - adjustments_cents),
    PRIMARY KEY (bill_id, position)
) STRICT;

CREATE TABLE payment_methods (
    id         INTEGER PRIMARY KEY,
    mrn        TEXT NOT NULL REFERENCES members(mrn),
    token      TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('card','debit','bank')),
    brand      TEXT NOT NULL,
    last4      TEXT NOT NULL CHECK (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*'),
    exp_month  INTEGER CHECK (exp_month BETWEEN 1 AND 12),
    exp_year   INTEGER,
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0,1)),
    removed_at TEXT
) STRICT;
CREATE UNIQUE INDEX one_default_method ON payment_methods(mrn)
    WHERE is_default = 1 AND removed_at IS NULL;

CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    mrn             TEXT NOT NULL REFERENCES members(mrn),
    method_id       INTEGER NOT NULL REFERENCES payment_methods(id),
    kind            TEXT NOT NULL CHECK (kind IN ('one_time','autopay','plan_installment')),
    amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
    -- Account credit applied together with this payment ("pay everything").
    credit_cents    INTEGER NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
    status          TEXT NOT NULL CHECK (status IN ('pending','succeeded','failed')),
    failure         TEXT,
    confirmation    TEXT UNIQUE,
    gateway_ref     TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    pay_date        TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    CHECK ((status = 'succeeded') = (confirmation IS NOT NULL)),
    CHECK ((status = 'failed') = (failure IS NOT NULL))
) STRICT;
CREATE INDEX payments_by_member ON payments(mrn, pay_date);

CREATE TABLE payment_allocations (
    payment_id   INTEGER NOT NULL REFERENCES payments(id),
    bill_id      TEXT NOT NULL REFERENCES bills(id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    PRIMARY KEY (payment_id, bill_id)
) STRICT;

CREATE TABLE autopay (
    mrn        TEXT PRIMARY KEY REFERENCES members(mrn),
    method_id  INTEGER NOT NULL REFERENCES payment_methods(id),
    frequency  TEXT NOT NULL,
    scope      TEXT NOT NULL CHECK (scope IN ('premium','all_bills')),
    next_run   TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE payment_plans (
    id         INTEGER PRIMARY KEY,
    mrn        TEXT NOT NULL REFERENCES members(mrn),
    bill_id    TEXT NOT NULL REFERENCES bills(id),
    method_id  INTEGER NOT NULL REFERENCES payment_methods(id),
    status     TEXT NOT NULL CHECK (status IN ('active','completed','cancelled')),
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX one_active_plan_per_bill ON payment_plans(bill_id) WHERE status = 'active';

CREATE TABLE plan_installments (
    plan_id      INTEGER NOT NULL REFERENCES payment_plans(id),
    number       INTEGER NOT NULL CHECK (number >= 1),
    due_date     TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    payment_id   INTEGER REFERENCES payments(id),
    PRIMARY KEY (plan_id, number)
) STRICT;

CREATE TABLE notification_prefs (
    mrn        TEXT NOT NULL REFERENCES members(mrn),
    channel    TEXT NOT NULL CHECK (channel IN ('email','text','telegram')),
    topic      TEXT NOT NULL CHECK (topic IN ('bill_ready','payment_status','autopay_reminder')),
    enabled    INTEGER NOT NULL CHECK (enabled IN (0,1)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (mrn, channel, topic)
) STRICT;

CREATE TABLE paperless (
    mrn               TEXT PRIMARY KEY REFERENCES members(mrn),
    enrolled          INTEGER NOT NULL CHECK (enrolled IN (0,1)),
    terms_accepted_at TEXT,
    updated_at        TEXT NOT NULL,
    CHECK (enrolled = 0 OR terms_accepted_at IS NOT NULL)
) STRICT;

-- The consent ledger: the current state per number, and every change.
CREATE TABLE sms_consent (
    phone      TEXT PRIMARY KEY,
    opted_in   INTEGER NOT NULL CHECK (opted_in IN (0,1)),
    keyword    TEXT,
    changed_at TEXT NOT NULL
) STRICT;
CREATE TABLE sms_consent_log (
    id       INTEGER PRIMARY KEY,
    phone    TEXT NOT NULL,
    opted_in INTEGER NOT NULL CHECK (opted_in IN (0,1)),
    keyword  TEXT,
    at       TEXT NOT NULL
) STRICT;

-- Phones and chats that may see a member's account.
CREATE TABLE linked_addresses (
    channel   TEXT NOT NULL CHECK (channel IN ('sms','telegram')),
    address   TEXT NOT NULL,
    mrn       TEXT NOT NULL REFERENCES members(mrn),
    linked_at TEXT NOT NULL,
    PRIMARY KEY (channel, address)
) STRICT;
"#,
    // 2: conversations, their transcript, and requests recorded for people to act on.
    r#"
CREATE TABLE conversations (
    channel    TEXT NOT NULL CHECK (channel IN ('web','sms','telegram','terminal')),
    address    TEXT NOT NULL,
    mrn        TEXT REFERENCES members(mrn),
    language   TEXT NOT NULL CHECK (language IN ('en-US','es-US')),
    -- The dialogue state as JSON (see dialogue::state).
    state      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (channel, address)
) STRICT;

-- What was said, with card numbers masked before it is written.
CREATE TABLE transcript (
    id        INTEGER PRIMARY KEY,
    channel   TEXT NOT NULL,
    address   TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in','out')),
    text      TEXT NOT NULL,
    at        TEXT NOT NULL
) STRICT;
CREATE INDEX transcript_by_conversation ON transcript(channel, address, id);

CREATE TABLE handoff_tickets (
    id         INTEGER PRIMARY KEY,
    mrn        TEXT REFERENCES members(mrn),
    channel    TEXT NOT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE letter_requests (
    id          INTEGER PRIMARY KEY,
    mrn         TEXT NOT NULL REFERENCES members(mrn),
    kind        TEXT NOT NULL CHECK (kind IN ('tax','payment_history')),
    period_from TEXT,
    period_to   TEXT,
    created_at  TEXT NOT NULL
) STRICT;
"#,
    // 3: web sign-in, one-time codes, and the outbox of messages to deliver.
    r#"
CREATE TABLE web_accounts (
    mrn           TEXT PRIMARY KEY REFERENCES members(mrn),
    -- Lower-cased; the address the member signs in with.
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    verified_at   TEXT,
    created_at    TEXT NOT NULL
) STRICT;

-- Sessions are random tokens; only their SHA-256 is stored.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    mrn        TEXT NOT NULL REFERENCES members(mrn),
    created_at TEXT NOT NULL,
    last_seen  TEXT NOT NULL
) STRICT;

-- Short-lived codes: e-mail verification, chat linking, Telegram deep links. Only a
-- hash of the code is stored; attempts are counted so guessing is bounded.
CREATE TABLE one_time_codes (
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email','link_sms','link_telegram','telegram_deep_link')),
    subject    TEXT NOT NULL,
    mrn        TEXT NOT NULL REFERENCES members(mrn),
    code_hash  TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    used_at    TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (purpose, subject)
) STRICT;

-- Messages waiting to be delivered (or delivered): each is sent at least once and
-- shown once, thanks to its dedupe key.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    channel         TEXT NOT NULL CHECK (channel IN ('email','sms','telegram')),
    recipient       TEXT NOT NULL,
    subject         TEXT,
    body_text       TEXT NOT NULL,
    body_html       TEXT,
    dedupe_key      TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('pending','sent','parked')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
"#,
    // 4: what the SMS and Telegram channels remember between webhooks.
    r#"
-- Webhook deliveries already handled (Twilio MessageSid, Telegram update_id): a retry
-- gets the stored answer and changes nothing.
CREATE TABLE inbound_seen (
    channel     TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    response    TEXT,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (channel, delivery_id)
) STRICT;

-- Per address: the numbered options of the last message and the pages still to send.
CREATE TABLE channel_sessions (
    channel    TEXT NOT NULL,
    address    TEXT NOT NULL,
    options    TEXT NOT NULL DEFAULT '[]',
    pages      TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (channel, address)
) STRICT;

-- The LINK flow of a phone or chat that is not linked to a member yet.
CREATE TABLE link_flows (
    channel    TEXT NOT NULL,
    address    TEXT NOT NULL,
    step       TEXT NOT NULL CHECK (step IN ('mrn','birth_date','code')),
    mrn        TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (channel, address)
) STRICT;
"#,
    // 5: proactive work: autopay retries, one-click unsubscribe links, server secrets.
    r#"
-- A declined autopay payment is tried once more on retry_on.
CREATE TABLE autopay_retries (
    mrn        TEXT NOT NULL REFERENCES members(mrn),
    bill_id    TEXT NOT NULL REFERENCES bills(id),
    first_run  TEXT NOT NULL,
    retry_on   TEXT NOT NULL,
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0,1)),
    PRIMARY KEY (mrn, bill_id, first_run)
) STRICT;

-- The RFC 8058 one-click unsubscribe URL of an e-mail, and when a text may go out
-- (quiet hours).
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT;

-- Secrets the server makes for itself (the key that signs unsubscribe links).
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
"#,
];

/// The schema version this build expects.
pub fn latest_version() -> usize {
    MIGRATIONS.len()
}

/// Runs every migration the database has not seen yet, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), StorageError> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let current = usize::try_from(current).unwrap_or(usize::MAX);
    if current > MIGRATIONS.len() {
        return Err(StorageError::NewerSchema {
            found: current,
            known: MIGRATIONS.len(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
        tracing::info!(version = i + 1, "database migrated");
    }
    Ok(())
}
