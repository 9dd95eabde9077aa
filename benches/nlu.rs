//! Parse time per message over the test corpus (median and p99 printed, plus criterion's
//! own estimate) and start-up time (load `intents/` + train both locales).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use billbot::assets::Source;
use billbot::nlu::{Locale, Nlus};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

fn source() -> Source {
    Source::Dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("intents"))
}

/// The test corpus messages of a locale, or the training examples when it is missing.
fn messages(nlus: &Nlus, locale: Locale) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/nlu/{locale}.jsonl"));
    let from_corpus: Vec<String> = std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_owned))
        .collect();
    if from_corpus.is_empty() {
        eprintln!("{locale}: no test corpus, timing the training examples instead");
        return nlus
            .get(locale)
            .examples()
            .iter()
            .map(|(t, _)| t.clone())
            .collect();
    }
    from_corpus
}

fn parse(c: &mut Criterion) {
    let nlus = match Nlus::load(&source()) {
        Ok(n) => n,
        Err(e) => panic!("intents/: {e}"),
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    for locale in Locale::ALL {
        let msgs = messages(&nlus, locale);
        let nlu = nlus.get(locale);
        // Criterion gives a mean per call; members care about the slow tail too, so time
        // every message on its own, five times, and report the median and the 99th
        // percentile of all timings, and the 99th percentile of each message's fastest
        // run: its own cost, without the interruptions a shared virtual machine adds.
        const RUNS: usize = 5;
        let mut times: Vec<Duration> = Vec::with_capacity(msgs.len() * RUNS);
        for _ in 0..RUNS {
            for m in &msgs {
                let t = Instant::now();
                black_box(nlu.parse(black_box(m), today, &[]));
                times.push(t.elapsed());
            }
        }
        let mut fastest: Vec<Duration> = (0..msgs.len())
            .map(|k| {
                (0..RUNS)
                    .map(|r| times[r * msgs.len() + k])
                    .min()
                    .unwrap_or_default()
            })
            .collect();
        fastest.sort();
        times.sort();
        let at = |v: &[Duration], q: f64| v[((v.len() - 1) as f64 * q) as usize];
        eprintln!(
            "{locale}: parse per message over {} messages: median {:?}, p99 {:?}, max {:?}; \
             p99 of each message's fastest run {:?}",
            msgs.len(),
            at(&times, 0.5),
            at(&times, 0.99),
            at(&times, 1.0),
            at(&fastest, 0.99)
        );
        let mut i = 0;
        c.bench_function(&format!("parse/{locale}/corpus message"), |b| {
            b.iter(|| {
                i = (i + 1) % msgs.len();
                black_box(nlu.parse(black_box(&msgs[i]), today, &[]))
            })
        });
    }
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("load + train both locales", |b| {
        b.iter(|| black_box(Nlus::load(&source()).is_ok()))
    });
    group.finish();
}

criterion_group!(benches, parse, startup);
criterion_main!(benches);
