//! `billbot telegram set-webhook`: registers the webhook once, not at every start.

use anyhow::{Context, bail};
use clap::{Args, Subcommand};

use crate::channels::telegram;
use crate::config::Settings;
use crate::startup::Options;

#[derive(Debug, Args)]
pub struct TelegramArgs {
    #[command(subcommand)]
    pub command: TelegramCommand,
}

#[derive(Debug, Subcommand)]
pub enum TelegramCommand {
    /// Point the bot at `BILLBOT_PUBLIC_URL/telegram/webhook` with the secret token.
    SetWebhook,
}

pub fn run(args: TelegramArgs, _settings: &Settings) -> anyhow::Result<()> {
    let options = Options::from_env();
    let (Some(token), Some(secret), Some(public)) = (
        options.telegram_bot_token.as_deref(),
        options.telegram_webhook_secret.as_deref(),
        options.public_url.as_deref(),
    ) else {
        bail!("set TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and BILLBOT_PUBLIC_URL first");
    };
    match args.command {
        TelegramCommand::SetWebhook => {
            let bot = telegram::bot(token, options.telegram_api_url.as_deref())
                .map_err(anyhow::Error::msg)?;
            let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            runtime
                .block_on(telegram::set_webhook(&bot, public, secret))
                .map_err(anyhow::Error::msg)
                .context("registering the webhook with Telegram")?;
            println!(
                "Webhook set to {}/telegram/webhook",
                public.trim_end_matches('/')
            );
            Ok(())
        }
    }
}
