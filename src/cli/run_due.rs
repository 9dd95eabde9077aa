//! `billbot run-due [--date D]`: the day's due work, for cron-style operation and tests —
//! autopay, plan installments, bill-ready notices and reminders — then delivers what it
//! queued before it exits.

use std::sync::Arc;

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;

use crate::config::Settings;
use crate::gateway::SandboxGateway;
use crate::startup::{self, Options};
use crate::storage::{self, Db};

#[derive(Debug, Args)]
pub struct RunDueArgs {
    /// The day to run (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub date: Option<NaiveDate>,
}

pub fn run(args: RunDueArgs, settings: &Settings) -> anyhow::Result<()> {
    let date = args.date.unwrap_or_else(|| settings.clock.today());
    let conn = storage::open(&settings.db_path)
        .with_context(|| format!("opening the database {}", settings.db_path.display()))?;
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async {
        let state = startup::build_state(
            settings.clone(),
            Db::from_connection(conn),
            Arc::new(SandboxGateway::new()),
            Options::from_env(),
        )?;
        let report = crate::proactive::run_due(&state, date).await?;
        let delivered =
            crate::proactive::delivery::deliver_all(&state, state.settings.clock.now()).await?;
        println!(
            "{}",
            serde_json::json!({ "date": date, "run": report, "delivery": delivered })
        );
        Ok(())
    })
}
