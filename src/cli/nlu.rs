//! `billbot parse`, `billbot eval` and `billbot intents`: the language understanding from
//! the command line.

use clap::Args;

use crate::config::Settings;

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The language of the messages.
    #[arg(long, default_value = "en-US")]
    pub locale: String,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labelled messages, one `{"text": ..., "intent": ...}` per line.
    pub file: std::path::PathBuf,
    #[arg(long, default_value = "en-US")]
    pub locale: String,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IntentsArgs {
    #[arg(long, default_value = "en-US")]
    pub locale: String,
}

pub fn parse(_args: ParseArgs, _settings: &Settings) -> anyhow::Result<()> {
    anyhow::bail!("the parser is not built yet")
}

pub fn eval(_args: EvalArgs, _settings: &Settings) -> anyhow::Result<()> {
    anyhow::bail!("the parser is not built yet")
}

pub fn intents(_args: IntentsArgs, _settings: &Settings) -> anyhow::Result<()> {
    anyhow::bail!("the parser is not built yet")
}
