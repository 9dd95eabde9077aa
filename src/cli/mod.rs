//! The subcommands of the `billbot` binary (SPEC §3).

mod account;
mod chat;
mod nlu;
mod outbox;
mod run_due;
mod serve;
mod telegram;

use clap::{Parser, Subcommand};

use crate::config::{CommonArgs, Settings};

#[derive(Debug, Parser)]
#[command(
    name = "billbot",
    version,
    about = "A conversational billing assistant for health-plan members"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the HTTP server with every configured channel.
    Serve(serve::ServeArgs),
    /// Talk to billbot in the terminal as a signed-in member.
    Chat(chat::ChatArgs),
    /// One message per stdin line → one JSON parse per stdout line.
    Parse(nlu::ParseArgs),
    /// Score the parser on labelled messages (JSON lines).
    Eval(nlu::EvalArgs),
    /// Print the training examples of `intents/` as JSON lines.
    Intents(nlu::IntentsArgs),
    /// An operator's view of one member's account.
    Account(account::AccountArgs),
    /// E-mails and texts waiting or sent.
    Outbox(outbox::OutboxArgs),
    /// Telegram bot set-up.
    Telegram(telegram::TelegramArgs),
    /// Run what is due on a date: autopay, installments, bill-ready notices, reminders.
    RunDue(run_due::RunDueArgs),
}

/// Entry point of the binary: parses the command line and runs the subcommand.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    crate::telemetry::init();
    let settings = Settings::from_args(&cli.common)?;
    match cli.command {
        Command::Serve(args) => serve::run(args, &settings),
        Command::Chat(args) => chat::run(args, &settings),
        Command::Parse(args) => nlu::parse(args, &settings),
        Command::Eval(args) => nlu::eval(args, &settings),
        Command::Intents(args) => nlu::intents(args, &settings),
        Command::Account(args) => account::run(args, &settings),
        Command::Outbox(args) => outbox::run(args, &settings),
        Command::Telegram(args) => telegram::run(args, &settings),
        Command::RunDue(args) => run_due::run(args, &settings),
    }
}
