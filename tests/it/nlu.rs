//! The language understanding against its data: corpus accuracy, out-of-scope recall,
//! slot exact match, no test message among the training examples, and robustness.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use billbot::assets::{Folder, Source, files_in};
use billbot::nlu::eval::{evaluate, read_jsonl};
use billbot::nlu::{Intent, Locale, MAX_INPUT_CHARS, Nlu, Nlus};
use chrono::NaiveDate;
use proptest::prelude::*;

use crate::repo_path;

/// The slot corpus is written for this date.
const SLOT_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 27) {
    Some(d) => d,
    None => panic!("bad date"),
};

/// Both parsers, built once from the `intents/` folder on disk (what the tree says now,
/// not what was embedded at the last build).
static NLUS: LazyLock<Nlus> =
    LazyLock::new(|| match Nlus::load(&Source::Dir(repo_path("intents"))) {
        Ok(n) => n,
        Err(e) => panic!("intents/ does not build a parser: {e}"),
    });

fn fixture() -> Nlu {
    let files = files_in(
        Folder::Intents,
        &Source::Dir(repo_path("tests/data/nlu/fixture")),
        "en-US",
    )
    .unwrap_or_else(|e| panic!("fixture: {e}"));
    Nlu::from_files(Locale::EnUs, &files).unwrap_or_else(|e| panic!("fixture: {e}"))
}

fn corpus(name: &str) -> Option<String> {
    let path = repo_path(&format!("tests/data/nlu/{name}"));
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!(
                "\n!!! SKIPPED: {} does not exist yet — this test checks nothing until it does !!!\n",
                path.display()
            );
            None
        }
    }
}

#[test]
fn every_intent_has_enough_examples_in_every_locale() {
    for locale in Locale::ALL {
        let mut counts: HashMap<Intent, usize> = HashMap::new();
        for (_, intent) in NLUS.get(locale).examples() {
            *counts.entry(*intent).or_default() += 1;
        }
        for intent in Intent::ALL {
            let n = counts.get(&intent).copied().unwrap_or(0);
            let min = if intent == Intent::OutOfScope {
                200
            } else {
                60
            };
            assert!(n >= min, "{locale} {intent}: {n} examples, need {min}");
        }
    }
}

/// What the held-out corpus must show, per locale (issue 3).
/// (The corpus follows intents/LABELS.md: a bill named by its kind or company is labelled
/// by the act, so "pay my cable bill" is `pay_bill`; a billing problem reported without
/// asking for a person is `out_of_scope`.)
const MIN_ACCURACY: f64 = 0.95;
const MIN_OOS_RECALL: f64 = 0.90;

#[test]
fn corpus_accuracy_and_out_of_scope_recall() {
    let mut failures = Vec::new();
    for locale in Locale::ALL {
        let Some(text) = corpus(&format!("{locale}.jsonl")) else {
            continue;
        };
        let (rows, skipped) = read_jsonl(&text);
        let nlu = NLUS.get(locale);
        let report = evaluate(nlu, &rows, skipped, SLOT_TODAY);
        eprintln!("{locale}:\n{}", report.to_text());
        // The same without messages that are also training examples: the honest figure.
        let held_out: Vec<_> = rows
            .iter()
            .filter(|(_, r)| !nlu.is_training_example(&r.text))
            .cloned()
            .collect();
        let honest = evaluate(nlu, &held_out, Vec::new(), SLOT_TODAY);
        eprintln!(
            "{locale}: on the {} messages that are not training examples: accuracy {:.3}, out-of-scope recall {:.3}",
            honest.messages, honest.accuracy, honest.oos_recall
        );
        assert!(
            report.skipped.is_empty(),
            "{locale}: unusable lines {:?}",
            report.skipped
        );
        if report.accuracy < MIN_ACCURACY {
            failures.push(format!(
                "{locale}: accuracy {:.3} < {MIN_ACCURACY}",
                report.accuracy
            ));
        }
        if report.oos_recall < MIN_OOS_RECALL {
            failures.push(format!(
                "{locale}: out-of-scope recall {:.3} < {MIN_OOS_RECALL}",
                report.oos_recall
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}

#[test]
fn no_test_message_is_a_training_example() {
    for locale in Locale::ALL {
        let nlu = NLUS.get(locale);
        for name in [format!("{locale}.jsonl"), format!("slots-{locale}.jsonl")] {
            let Some(text) = corpus(&name) else { continue };
            let (rows, _) = read_jsonl(&text);
            let overlap: Vec<&str> = rows
                .iter()
                .map(|(_, r)| r.text.as_str())
                .filter(|t| nlu.is_training_example(t))
                .collect();
            assert!(
                overlap.is_empty(),
                "{name}: {} messages are training examples: {overlap:?}",
                overlap.len()
            );
        }
    }
}

#[derive(serde::Deserialize)]
struct SlotCase {
    text: String,
    intent: String,
    #[serde(default)]
    slots: BTreeMap<String, String>,
    #[serde(default)]
    invalid: Vec<String>,
}

#[test]
fn slot_corpus_exact_match() {
    for locale in Locale::ALL {
        let Some(text) = corpus(&format!("slots-{locale}.jsonl")) else {
            continue;
        };
        let nlu = NLUS.get(locale);
        let mut total = 0usize;
        let mut exact = 0usize;
        let mut misses = Vec::new();
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let case: SlotCase = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("slots-{locale}.jsonl:{}: {e}", n + 1));
            let intent: Intent = case
                .intent
                .parse()
                .unwrap_or_else(|e| panic!("slots-{locale}.jsonl:{}: {e}", n + 1));
            let (slots, invalid) = nlu.slots_for(&case.text, SLOT_TODAY, intent);
            let got: BTreeMap<String, String> = slots
                .to_map()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
            let got_invalid: BTreeSet<&str> = invalid.iter().map(|i| i.slot).collect();
            let want_invalid: BTreeSet<&str> = case.invalid.iter().map(String::as_str).collect();
            total += 1;
            if got == case.slots && got_invalid == want_invalid {
                exact += 1;
            } else {
                misses.push(format!(
                    "{:?}\n    want {:?} {:?}\n    got  {:?} {:?}",
                    case.text, case.slots, want_invalid, got, got_invalid
                ));
            }
        }
        let rate = exact as f64 / total.max(1) as f64;
        eprintln!("{locale}: slot exact match {exact}/{total} = {rate:.3}");
        for m in misses.iter().take(40) {
            eprintln!("  {m}");
        }
        assert!(total > 0, "slots-{locale}.jsonl is empty");
        assert!(rate >= 0.95, "{locale}: slot exact match {rate:.3} < 0.95");
    }
}

#[test]
fn the_spec_example_line() {
    let nlu = NLUS.get(Locale::EnUs);
    let line = nlu
        .parse("pay 40 on my lab bill", SLOT_TODAY, &[])
        .to_json_line("pay 40 on my lab bill");
    let v: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
    assert_eq!(v["intent"], "pay_bill", "{line}");
    assert_eq!(
        v["slots"],
        serde_json::json!({"amount": "40.00", "bill": "lab"}),
        "{line}"
    );
    assert!(
        line.starts_with("{\"text\":\"pay 40 on my lab bill\",\"intent\":"),
        "{line}"
    );
    assert!(!line.contains("invalid"), "{line}");
}

/// Fails for any of the messages that the parser of its locale gives an acting intent.
fn assert_never_acted_on(messages: &[(Locale, &str)]) {
    for &(locale, text) in messages {
        let p = NLUS.get(locale).parse(text, SLOT_TODAY, &[]);
        assert!(!p.intent.is_acting(), "{text}: {p:?}");
    }
}

#[test]
fn assistant_chores_are_never_acted_on() {
    // billbot reads no one's messages and keeps no to-do list: asked to, it must not pay
    // or change a setting, however much the words sound like its notices. (A reminder to
    // pay a bill is a notification setting, intents/LABELS.md, so none is tested here.)
    assert_never_acted_on(&[
        (Locale::EnUs, "please read me the text i just got"),
        (Locale::EnUs, "add call the plumber to my list of reminders"),
        (Locale::EsUs, "léeme el último mensaje de texto"),
        (
            Locale::EsUs,
            "agrega comprar leche a mi lista de pendientes",
        ),
    ]);
}

#[test]
fn near_topic_requests_are_never_acted_on() {
    // intents/LABELS.md: taxes and government fines, money to a person and outside
    // providers stay out of scope, in both locales alike (slots.toml's `against`).
    assert_never_acted_on(&[
        (Locale::EnUs, "pay my roommate his share of the rent"),
        (Locale::EnUs, "pay the speeding ticket i got tuesday"),
        (Locale::EnUs, "i want to pay my property taxes with my visa"),
        (Locale::EsUs, "quiero pagar la multa del estacionamiento"),
        (
            Locale::EsUs,
            "págale su parte de la renta a mi compañero de cuarto",
        ),
        (Locale::EsUs, "quiero pagar mis impuestos con mi visa"),
        (
            Locale::EsUs,
            "paga la cuenta del laboratorio externo con mi tarjeta",
        ),
    ]);
}

#[test]
fn no_example_is_turned_down_by_against() {
    // A phrase of slots.toml's `against` turns down every acting intent (one of
    // `[[against_for]]` the intents listed with it), so one that also occurs in an example
    // of an intent it turns down teaches the classifier a request it can never take.
    for locale in Locale::ALL {
        let nlu = NLUS.get(locale);
        let blocked: Vec<_> = nlu
            .examples()
            .iter()
            .filter(|(text, intent)| nlu.rules_out(*intent, text))
            .collect();
        assert!(blocked.is_empty(), "{locale}: {blocked:?}");
    }
}

#[test]
fn against_for_turns_down_only_the_intents_it_names() {
    // A personal reminder is never a payment, an autopay change or an opt-out, but the same
    // words may ask for billbot's payment reminders (intents/LABELS.md).
    for (locale, text) in [
        (Locale::EnUs, "remind me to pay the rent on friday"),
        (Locale::EnUs, "set a reminder to pay my premium"),
        (Locale::EsUs, "recuerdame pagar la renta el viernes"),
    ] {
        let nlu = NLUS.get(locale);
        for acting in [Intent::PayBill, Intent::SetupAutopay, Intent::Unsubscribe] {
            assert!(nlu.rules_out(acting, text), "{locale} {text:?} {acting}");
        }
        assert!(
            !nlu.rules_out(Intent::NotificationPrefs, text),
            "{locale} {text:?}"
        );
    }
    // Another sender's messages are not billbot's to stop; that company's bill is still
    // labelled by the act.
    for (locale, stop, pay) in [
        (
            Locale::EnUs,
            "make amazon stop texting me",
            "pay my amazon bill",
        ),
        (
            Locale::EsUs,
            "ya no quiero correos del banco",
            "pagar la cuenta del banco",
        ),
    ] {
        let nlu = NLUS.get(locale);
        for acting in [Intent::Unsubscribe, Intent::NotificationPrefs] {
            assert!(nlu.rules_out(acting, stop), "{locale} {stop:?} {acting}");
        }
        assert!(!nlu.rules_out(Intent::PayBill, pay), "{locale} {pay:?}");
    }
    // Moving money to savings is never a payment, but autopay may move to a savings account.
    for (locale, text) in [
        (Locale::EnUs, "switch my autopay from checking to savings"),
        (
            Locale::EsUs,
            "cambia mi pago automatico de cheques a ahorros",
        ),
    ] {
        let nlu = NLUS.get(locale);
        assert!(nlu.rules_out(Intent::PayBill, text), "{locale} {text:?}");
        assert!(
            !nlu.rules_out(Intent::SetupAutopay, text),
            "{locale} {text:?}"
        );
    }
}

#[test]
fn bills_that_are_not_the_plans_are_out_of_scope_whatever_is_asked() {
    // Someone else's bill, taxes and fines: not a balance or a due date either, while the
    // same question about the member's own bill, or a tax letter, is still answered.
    for (locale, text, own) in [
        (
            Locale::EnUs,
            "how much do i owe aetna",
            Intent::CheckBalance,
        ),
        (
            Locale::EnUs,
            "when is my property tax due",
            Intent::BillDueDate,
        ),
        (Locale::EsUs, "cuanto le debo al irs", Intent::CheckBalance),
        (
            Locale::EsUs,
            "cuando vence la factura del dentista",
            Intent::BillDueDate,
        ),
    ] {
        let nlu = NLUS.get(locale);
        assert!(nlu.rules_out(own, text), "{locale} {text:?} {own}");
        let parse = nlu.parse(text, SLOT_TODAY, &[]);
        assert_eq!(parse.intent, Intent::OutOfScope, "{locale} {text:?}");
        // Sure of it: a low confidence would send the message to the other language.
        assert!(parse.confidence >= 0.6, "{locale} {text:?} {parse:?}");
    }
    for (locale, text) in [
        (
            Locale::EnUs,
            "i need a statement of my payments for my taxes",
        ),
        (
            Locale::EsUs,
            "necesito una carta de mis pagos para los impuestos",
        ),
    ] {
        assert!(
            !NLUS.get(locale).rules_out(Intent::Statements, text),
            "{locale} {text:?}"
        );
    }
}

#[test]
fn against_phrases_leave_the_members_own_requests_alone() {
    // Each of these once contained an `against` phrase ("apr" is also April, "transfer" a
    // way to pay, "close my account" a reason to stop autopay).
    for (locale, text, intent) in [
        (Locale::EnUs, "pay $50 on apr 15", Intent::PayBill),
        (
            Locale::EnUs,
            "change my email alerts to text messages",
            Intent::NotificationPrefs,
        ),
        (
            Locale::EnUs,
            "I need to close my account at wells fargo, so please stop autopay",
            Intent::CancelAutopay,
        ),
        (
            Locale::EnUs,
            "pay the balance with my rewards visa",
            Intent::PayBill,
        ),
        (
            Locale::EnUs,
            "i want to pay back my balance in installments",
            Intent::PaymentPlan,
        ),
        (
            Locale::EsUs,
            "quiero pagar mi prima con una transferencia a kaiser",
            Intent::PayBill,
        ),
        (
            Locale::EsUs,
            "entre la renta y la despensa no me alcanza, puedo pagar en plazos?",
            Intent::PaymentPlan,
        ),
    ] {
        assert!(
            !NLUS.get(locale).rules_out(intent, text),
            "{locale} {text:?}"
        );
    }
}

#[test]
fn impossible_values_are_reported_not_dropped() {
    let nlu = NLUS.get(Locale::EnUs);
    for (text, slot) in [
        ("pay $-5", "amount"),
        ("pay $0.001 on my bill", "amount"),
        ("pay 1e9 dollars", "amount"),
        ("pay on february 30", "date"),
    ] {
        let p = nlu.parse(text, SLOT_TODAY, &[]);
        assert!(p.invalid.iter().any(|i| i.slot == slot), "{text}: {p:?}");
        assert!(
            p.slots.amount.is_none() && p.slots.date.is_none(),
            "{text}: {p:?}"
        );
        assert!(
            p.to_json_line(text).contains("\"invalid\":[{\"slot\""),
            "{text}"
        );
    }
}

#[test]
fn fixture_cascade_patterns_expectations_and_the_acting_gate() {
    let nlu = fixture();
    let today = SLOT_TODAY;
    let p = nlu.parse("Pay my bill!", today, &[]);
    assert_eq!(
        (p.intent, p.confidence >= 0.95),
        (Intent::PayBill, true),
        "{p:?}"
    );
    assert_eq!(
        nlu.parse("what is the weather like", today, &[]).intent,
        Intent::OutOfScope
    );
    // An acting intent with no supporting word is not acted on.
    let p = nlu.parse("the lab one", today, &[]);
    assert_ne!(p.intent, Intent::PayBill, "{p:?}");
    // Expected intents are favoured, not forced.
    let plain = nlu.parse("sure thing", today, &[]);
    let boosted = nlu.parse("sure thing", today, &[Intent::Confirm, Intent::Deny]);
    assert_eq!(boosted.intent, Intent::Confirm, "{boosted:?}");
    assert!(boosted.confidence >= plain.confidence || plain.intent != Intent::Confirm);
    let forced = nlu.parse(
        "tell me a joke about the weather",
        today,
        &[Intent::Confirm, Intent::Deny],
    );
    assert_eq!(forced.intent, Intent::OutOfScope, "{forced:?}");
    assert!(nlu.is_training_example("PAY MY BILL"));
}

#[test]
fn a_turned_down_action_does_not_promote_a_long_shot() {
    let nlu = fixture();
    // pay_bill holds over 90 % of the probability, but "dentist" and "aetna" turn it down.
    // check_balance, a distant second, must not be reported in its place: what is left
    // after pay_bill is too little to judge by.
    for text in ["pay the dentist balance", "pay my aetna balance"] {
        let p = nlu.parse(text, SLOT_TODAY, &[]);
        assert_eq!(p.intent, Intent::OutOfScope, "{text}: {p:?}");
    }
}

#[test]
fn fixture_introductions_identifiers_and_other_bills() {
    let nlu = fixture();
    let today = SLOT_TODAY;
    // Names and labelled numbers are set aside before classifying; slots still see them.
    assert_eq!(
        nlu.classifier_text("Hi, my name is Zebulon Quartermaine, my PIN is 4471. What do I owe?"),
        "hi my what do i owe"
    );
    assert_eq!(
        nlu.classifier_text("what do i owe, policy number 55 12"),
        "what do i owe"
    );
    let p = nlu.parse("this is Zebulon Quartermaine, what do i owe", today, &[]);
    assert_eq!(p.intent, Intent::CheckBalance, "{p:?}");
    // A bill of another kind or company: the act, flagged for the dialogue.
    let p = nlu.parse("pay my phone bill", today, &[]);
    assert_eq!((p.intent, p.other_bill), (Intent::PayBill, true), "{p:?}");
    let p = nlu.parse("pay my bill", today, &[]);
    assert!(!p.other_bill, "{p:?}");
    assert!(!p.to_json_line("pay my phone bill").contains("other"));
    // Someone else's bill (`against`) is never acted on without a pattern.
    let p = nlu.parse("i want to pay the aetna one", today, &[]);
    assert_ne!(p.intent, Intent::PayBill, "{p:?}");
}

#[test]
fn verification_details_are_set_aside_before_classifying() {
    // Members give their name, birth date and record number up front (SPEC's linking asks
    // for them); none of it says what they want.
    for (locale, text, rest) in [
        (
            Locale::EnUs,
            "Hi my name is John Smith, DOB 01/02/1980, MRN 12345678. What is my balance?",
            "hi what is my balance",
        ),
        (
            Locale::EsUs,
            "hola, fecha de nacimiento 02/01/1980, mrn 12345678, cuanto debo",
            "hola cuanto debo",
        ),
    ] {
        let nlu = NLUS.get(locale);
        assert_eq!(nlu.classifier_text(text), rest, "{locale}");
        assert_eq!(
            nlu.parse(text, SLOT_TODAY, &[]).intent,
            Intent::CheckBalance,
            "{locale} {text:?}"
        );
    }
}

/// A problem with the plan's bill is flagged so the out-of-scope reply can offer the
/// billing team; another company's bill or a plain question is not.
#[test]
fn billing_problems_are_flagged_for_the_dialogue() {
    let cases = [
        (
            Locale::EnUs,
            "my bill is wrong, i never had that visit",
            true,
        ),
        (Locale::EnUs, "i want to report a billing issue", true),
        (Locale::EnUs, "my phone bill is wrong", false),
        (Locale::EnUs, "what do i owe", false),
        (Locale::EsUs, "hay un error en mi factura", true),
        (Locale::EsUs, "el recibo de la luz esta mal", false),
        (Locale::EsUs, "cuanto debo", false),
    ];
    for (locale, text, flagged) in cases {
        let p = NLUS.get(locale).parse(text, SLOT_TODAY, &[]);
        assert_eq!(p.billing_problem, flagged, "{locale} {text:?}: {p:?}");
        assert!(!p.to_json_line(text).contains("problem"));
    }
}

#[test]
fn parse_command_helpers_know_the_examples() {
    for locale in Locale::ALL {
        let nlu = NLUS.get(locale);
        assert!(!nlu.examples().is_empty());
        // The training examples themselves are understood (a smoke test of training).
        let right = nlu
            .examples()
            .iter()
            .filter(|(t, i)| nlu.parse(t, SLOT_TODAY, &[]).intent == *i)
            .count();
        let rate = right as f64 / nlu.examples().len() as f64;
        assert!(
            rate > 0.85,
            "{locale}: only {rate:.3} of the training examples parse back"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_parses_without_panic(text in "\\PC{0,400}", wide in proptest::collection::vec(any::<char>(), 0..2500)) {
        let nlu = NLUS.get(Locale::EnUs);
        let p = nlu.parse(&text, SLOT_TODAY, &[]);
        prop_assert!((0.0..=1.0).contains(&p.confidence));
        let wide: String = wide.into_iter().collect();
        let p = NLUS.get(Locale::EsUs).parse(&wide, SLOT_TODAY, &[Intent::Confirm]);
        prop_assert!((0.0..=1.0).contains(&p.confidence));
        let _ = p.to_json_line(&wide);
    }

    #[test]
    fn long_input_is_truncated_not_rejected(head in "[a-z $0-9]{0,40}", filler in "[a-z ]{1,20}") {
        let nlu = NLUS.get(Locale::EnUs);
        let mut long = format!("pay my bill {head} ");
        while long.chars().count() < MAX_INPUT_CHARS {
            long.push_str(&filler);
        }
        let cut: String = long.chars().take(MAX_INPUT_CHARS).collect();
        long.push_str(&"é$1 ".repeat(3000));
        prop_assert_eq!(nlu.parse(&long, SLOT_TODAY, &[]), nlu.parse(&cut, SLOT_TODAY, &[]));
    }
}
