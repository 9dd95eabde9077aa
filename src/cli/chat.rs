//! `billbot chat --member MRN [--locale L]`: the terminal channel.
//!
//! Reads one message per stdin line and prints one reply block per line (ending with an
//! empty line), so a script can drive it. Quick replies are numbered; answering with the
//! number chooses one.

use std::io::{BufRead, Write};
use std::sync::Arc;

use anyhow::Context;
use clap::Args;

use crate::assistant::{Assistant, Inbound};
use crate::billing::{Language, Mrn};
use crate::config::Settings;
use crate::dialogue::{ChannelKind, Rendered};
use crate::gateway::SandboxGateway;
use crate::i18n::Catalog;
use crate::nlu::Nlus;
use crate::storage::{self, Db};

#[derive(Debug, Args)]
pub struct ChatArgs {
    /// The member to talk as (medical record number).
    #[arg(long)]
    pub member: String,
    /// Start the conversation in this language (en-US or es-US).
    #[arg(long)]
    pub locale: Option<String>,
    /// Do not create the demo members on a new database.
    #[arg(long)]
    pub no_demo: bool,
}

pub fn run(args: ChatArgs, settings: &Settings) -> anyhow::Result<()> {
    let mrn: Mrn = args.member.parse().map_err(|_| {
        anyhow::anyhow!(
            "{:?} is not a medical record number (8 digits)",
            args.member
        )
    })?;
    let language = match &args.locale {
        Some(tag) => Some(
            Language::from_tag(tag)
                .ok_or_else(|| anyhow::anyhow!("unknown locale {tag:?}: use en-US or es-US"))?,
        ),
        None => None,
    };
    let mut conn = storage::open(&settings.db_path)
        .with_context(|| format!("opening the database {}", settings.db_path.display()))?;
    if !args.no_demo {
        crate::demo::seed(
            &mut conn,
            &settings.plan,
            settings.clock.today(),
            settings.clock.now(),
        )?;
    }
    if !storage::member_exists(&conn, &mrn)? {
        anyhow::bail!("no member with that medical record number");
    }
    let assistant = Assistant::new(
        Db::from_connection(conn),
        Arc::new(Nlus::load(&settings.intents).context("loading intents/")?),
        Arc::new(Catalog::load(&settings.locales).context("loading locales/")?),
        Arc::new(settings.clone()),
        Arc::new(SandboxGateway::new()),
        None,
    );
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut buttons: Vec<String> = Vec::new();
    let mut first = true;
    for line in stdin.lock().lines() {
        let line = line.context("reading stdin")?;
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        let text = match text.parse::<usize>() {
            Ok(n) if (1..=buttons.len()).contains(&n) => buttons[n - 1].clone(),
            _ => text.to_owned(),
        };
        let outbound = assistant.handle(&Inbound {
            channel: ChannelKind::Terminal,
            address: mrn.as_str().to_owned(),
            member: Some(mrn.clone()),
            text,
            language: if first { language } else { None },
        })?;
        first = false;
        buttons.clear();
        for reply in &outbound.replies {
            write_reply(&mut out, reply, &mut buttons)?;
        }
        writeln!(out)?;
        out.flush()?;
    }
    Ok(())
}

fn write_reply(
    out: &mut impl Write,
    reply: &Rendered,
    buttons: &mut Vec<String>,
) -> std::io::Result<()> {
    writeln!(out, "{}", reply.text)?;
    if let Some(link) = &reply.link {
        writeln!(out, "  -> {}: {}", link.label, link.url)?;
    }
    for b in &reply.buttons {
        buttons.push(b.value.clone());
        writeln!(out, "  [{}] {}", buttons.len(), b.label)?;
    }
    Ok(())
}
