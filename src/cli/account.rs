use clap::Args;

use crate::config::Settings;

#[derive(Debug, Args)]
pub struct AccountArgs {}

pub fn run(_args: AccountArgs, _settings: &Settings) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}
