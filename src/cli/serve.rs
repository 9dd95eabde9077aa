//! `billbot serve`: the HTTP server with every configured channel.

use std::sync::Arc;

use anyhow::Context;
use clap::Args;

use crate::config::{Settings, parse_addr};
use crate::demo;
use crate::gateway::SandboxGateway;
use crate::server;
use crate::startup::{self, Options};
use crate::storage::{self, Db};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "BILLBOT_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Do not create the demo members on a new database.
    #[arg(long)]
    pub no_demo: bool,
    /// Take Telegram updates by long polling instead of the webhook.
    #[arg(long)]
    pub telegram_polling: bool,
}

pub fn run(args: ServeArgs, settings: &Settings) -> anyhow::Result<()> {
    let addr = parse_addr(&args.addr)?;
    let mut conn = storage::open(&settings.db_path)
        .with_context(|| format!("opening the database {}", settings.db_path.display()))?;
    if !args.no_demo {
        demo::seed(
            &mut conn,
            &settings.plan,
            settings.clock.today(),
            settings.clock.now(),
        )
        .context("creating the demo members")?;
    }
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let options = Options::from_env();
    runtime.block_on(async move {
        let state = startup::build_state(
            settings.clone(),
            Db::from_connection(conn),
            Arc::new(SandboxGateway::new()),
            options,
        )?;
        if !state.mailer.is_configured() {
            tracing::warn!(
                "SMTP_URL is not set: e-mail stays in the outbox (see `billbot outbox`)"
            );
        }
        startup::spawn_workers(&state);
        startup::spawn_scheduler(&state);
        if args.telegram_polling {
            if state.channels.telegram.is_some() {
                tokio::spawn(crate::channels::telegram::poll(state.clone()));
                tracing::info!("Telegram: long polling");
            } else {
                anyhow::bail!(
                    "--telegram-polling needs TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET"
                );
            }
        }
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let local = listener.local_addr()?;
        tracing::info!(%local, "billbot listening");
        // Printed on stdout so scripts (and tests) can find the port when --addr used port 0.
        println!("billbot listening on http://{local}");
        server::run(listener, state, shutdown_signal())
            .await
            .context("serving HTTP")?;
        tracing::info!("billbot stopped");
        Ok(())
    })
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
