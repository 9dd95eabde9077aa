use clap::Args;

use crate::config::Settings;

#[derive(Debug, Args)]
pub struct ServeArgs {}

pub fn run(_args: ServeArgs, _settings: &Settings) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
