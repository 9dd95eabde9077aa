//! `billbot outbox`: the messages waiting or sent (verification codes, receipts, notices),
//! for an operator — and for a demo without an SMTP server.

use anyhow::{Context, bail};
use clap::Args;

use crate::config::Settings;
use crate::storage;

#[derive(Debug, Args)]
pub struct OutboxArgs {
    /// How many messages to show, newest first.
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
}

pub fn run(args: OutboxArgs, settings: &Settings) -> anyhow::Result<()> {
    if !settings.db_path.exists() {
        bail!(
            "no database at {}; `billbot serve` creates it",
            settings.db_path.display()
        );
    }
    let conn = storage::open(&settings.db_path)
        .with_context(|| format!("opening the database {}", settings.db_path.display()))?;
    let messages = storage::outbox::list(&conn, args.limit)?;
    if messages.is_empty() {
        println!("The outbox is empty.");
    }
    for m in messages {
        println!(
            "#{} {} to {} — {} (attempts {}) at {}",
            m.id,
            m.channel,
            m.recipient,
            m.status,
            m.attempts,
            m.created_at.format("%Y-%m-%d %H:%M UTC")
        );
        if let Some(subject) = &m.subject {
            println!("  Subject: {subject}");
        }
        for line in m.body_text.lines() {
            println!("  {line}");
        }
        if let Some(e) = &m.last_error {
            println!("  Last error: {e}");
        }
        println!();
    }
    Ok(())
}
