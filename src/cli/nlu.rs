//! `billbot parse`, `billbot eval` and `billbot intents`: the language understanding from
//! the command line.

use std::io::{BufRead, Write};

use anyhow::Context;
use clap::Args;

use crate::config::Settings;
use crate::nlu::eval::{evaluate, read_jsonl};
use crate::nlu::{Locale, Nlu};

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The language of the messages.
    #[arg(long, default_value = "en-US")]
    pub locale: String,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labelled messages, one `{"text": ..., "intent": ...}` per line.
    #[arg(required_unless_present = "cv")]
    pub file: Option<std::path::PathBuf>,
    /// Instead of a file, K-fold cross-validation on the training examples of `intents/`.
    #[arg(long, value_name = "K")]
    pub cv: Option<usize>,
    #[arg(long, default_value = "en-US")]
    pub locale: String,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also print every misclassified message with the classifier's top three.
    #[arg(long)]
    pub misses: bool,
}

#[derive(Debug, Args)]
pub struct IntentsArgs {
    #[arg(long, default_value = "en-US")]
    pub locale: String,
    /// Instead of the examples, print the lines of this labelled file (JSON lines) whose
    /// text is also a training example — a held-out set must print nothing.
    #[arg(long, value_name = "FILE")]
    pub overlap: Option<std::path::PathBuf>,
}

fn load(locale: &str, settings: &Settings) -> anyhow::Result<Nlu> {
    let locale: Locale = locale.parse()?;
    let files = crate::assets::files_in(
        crate::assets::Folder::Intents,
        &settings.intents,
        locale.as_str(),
    )
    .with_context(|| format!("reading intents for {locale}"))?;
    Ok(Nlu::from_files(locale, &files)?)
}

/// One message per stdin line → one JSON parse per stdout line.
pub fn parse(args: ParseArgs, settings: &Settings) -> anyhow::Result<()> {
    let nlu = load(&args.locale, settings)?;
    let today = settings.clock.today();
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.context("reading stdin")?;
        let parse = nlu.parse(&line, today, &[]);
        quiet_pipe(writeln!(out, "{}", parse.to_json_line(&line)))?;
    }
    quiet_pipe(out.flush())
}

/// Scores the parser on a labelled file.
pub fn eval(args: EvalArgs, settings: &Settings) -> anyhow::Result<()> {
    let today = settings.clock.today();
    if let Some(k) = args.cv {
        let locale: Locale = args.locale.parse()?;
        let files = crate::assets::files_in(
            crate::assets::Folder::Intents,
            &settings.intents,
            locale.as_str(),
        )
        .with_context(|| format!("reading intents for {locale}"))?;
        let data = crate::nlu::data::LocaleData::from_files(&files)?;
        let report = crate::nlu::eval::cross_validate(
            locale,
            &data,
            k,
            crate::nlu::classifier::TrainOptions::default(),
            today,
        )?;
        if args.json {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            print!("{}", report.to_text());
        }
        return Ok(());
    }
    let Some(file) = &args.file else {
        anyhow::bail!("give a labelled file or --cv K");
    };
    let nlu = load(&args.locale, settings)?;
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let (rows, skipped) = read_jsonl(&text);
    let report = evaluate(&nlu, &rows, skipped, today);
    if args.misses {
        for (_, row) in &rows {
            let got = nlu.parse(&row.text, today, &[]).intent;
            if got.as_str() == row.intent {
                continue;
            }
            let probs = nlu.probabilities(&row.text);
            let mut top: Vec<(usize, f32)> = probs.into_iter().enumerate().collect();
            top.sort_by(|a, b| b.1.total_cmp(&a.1));
            let top: Vec<String> = top
                .iter()
                .take(3)
                .map(|(i, p)| format!("{}:{p:.2}", crate::nlu::Intent::ALL[*i]))
                .collect();
            println!("{} → {got}  [{}]  {}", row.intent, top.join(" "), row.text);
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.to_text());
    }
    Ok(())
}

/// Prints the training examples as JSON lines.
pub fn intents(args: IntentsArgs, settings: &Settings) -> anyhow::Result<()> {
    #[derive(serde::Serialize)]
    struct Example<'a> {
        text: &'a str,
        intent: &'static str,
    }
    let nlu = load(&args.locale, settings)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Some(path) = &args.overlap {
        let text = std::fs::read_to_string(path)?;
        let (rows, _) = crate::nlu::eval::read_jsonl(&text);
        for (_, row) in rows
            .iter()
            .filter(|(_, r)| nlu.is_training_example(&r.text))
        {
            quiet_pipe(writeln!(out, "{}", serde_json::to_string(&row.text)?))?;
        }
        return quiet_pipe(out.flush());
    }
    for (text, intent) in nlu.examples() {
        let line = serde_json::to_string(&Example {
            text,
            intent: intent.as_str(),
        })?;
        quiet_pipe(writeln!(out, "{line}"))?;
    }
    quiet_pipe(out.flush())
}

/// A closed stdout (`billbot intents | head`) ends the output; it is not an error.
fn quiet_pipe(r: std::io::Result<()>) -> anyhow::Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => Ok(other?),
    }
}
