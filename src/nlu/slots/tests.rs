//! The slot examples of issue 3 and intents/README.md, against the real vocabularies.

use chrono::NaiveDate;

use super::vocab::SlotVocab;
use super::{SlotRules, Slots};
use crate::nlu::intent::{Intent, Locale};
use crate::nlu::normalize::Normalizer;

fn rules(locale: Locale) -> (SlotRules, Normalizer) {
    let (slots, fixes) = match locale {
        Locale::EnUs => (
            include_str!("../../../intents/en-US/slots.toml"),
            include_str!("../../../intents/en-US/normalize.toml"),
        ),
        Locale::EsUs => (
            include_str!("../../../intents/es-US/slots.toml"),
            include_str!("../../../intents/es-US/normalize.toml"),
        ),
    };
    let vocab: SlotVocab = toml::from_str(slots).unwrap_or_else(|e| panic!("slots.toml: {e}"));
    #[derive(serde::Deserialize)]
    struct N {
        replace: std::collections::BTreeMap<String, String>,
        #[serde(default)]
        clitics: Vec<String>,
    }
    let n: N = toml::from_str(fixes).unwrap_or_else(|e| panic!("normalize.toml: {e}"));
    (
        SlotRules::new(&vocab, locale),
        Normalizer::new(&n.replace).with_clitics(&n.clitics),
    )
}

fn check(locale: Locale, intent: Intent, cases: &[(&str, &[(&str, &str)])]) {
    let (rules, norm) = rules(locale);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    for (text, want) in cases {
        let (mut slots, invalid): (Slots, _) = rules.extract(&norm.normalize(text), today);
        slots.keep_for(intent);
        let got: Vec<(&str, String)> = slots.to_map().into_iter().collect();
        let want: Vec<(&str, String)> = want.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        assert_eq!(got, want, "{locale} {text:?} (invalid: {invalid:?})");
    }
}

#[test]
fn amounts() {
    check(
        Locale::EnUs,
        Intent::PayBill,
        &[
            ("pay $40", &[("amount", "40.00")]),
            ("pay 40 bucks", &[("amount", "40.00")]),
            ("pay 40.5", &[("amount", "40.50")]),
            ("pay $1,234.56", &[("amount", "1234.56")]),
            ("pay forty dollars", &[("amount", "40.00")]),
            ("pay the full balance", &[("amount", "full")]),
            (
                "pay 40 on my lab bill",
                &[("amount", "40.00"), ("bill", "lab")],
            ),
        ],
    );
    check(
        Locale::EsUs,
        Intent::PayBill,
        &[
            ("quiero pagar cuarenta dólares", &[("amount", "40.00")]),
            ("págalo todo", &[("amount", "full")]),
            ("pagar cuarenta y cinco dolares", &[("amount", "45.00")]),
        ],
    );
}

#[test]
fn impossible_amounts_and_dates_are_invalid() {
    let (rules, norm) = rules(Locale::EnUs);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    for (text, slot) in [
        ("pay $-5", "amount"),
        ("pay $0.001", "amount"),
        ("pay 1e9 dollars", "amount"),
        ("pay on february 30", "date"),
        ("autopay on day 32 of every month", "frequency"),
    ] {
        let (slots, invalid) = rules.extract(&norm.normalize(text), today);
        assert!(
            invalid.iter().any(|i| i.slot == slot),
            "{text}: {invalid:?} {slots:?}"
        );
        assert!(
            slots.amount.is_none() && slots.date.is_none() && slots.frequency.is_none(),
            "{text}"
        );
    }
}

#[test]
fn the_40_is_an_amount_but_the_40th_is_an_impossible_date() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    for (locale, text, amount) in [
        (Locale::EnUs, "sure pay the 40", "40.00"),
        (Locale::EnUs, "pay the 75 on the lab bill", "75.00"),
        (Locale::EsUs, "sí, paga los 40", "40.00"),
        (Locale::EsUs, "págale el 60 a la factura", "60.00"),
    ] {
        let (rules, norm) = rules(locale);
        let (slots, invalid) = rules.extract(&norm.normalize(text), today);
        assert!(invalid.is_empty(), "{text}: {invalid:?}");
        assert_eq!(
            slots.amount.map(|a| a.to_string()).as_deref(),
            Some(amount),
            "{text}: {slots:?}"
        );
        assert!(slots.date.is_none(), "{text}: {slots:?}");
    }
    let (rules, norm) = rules(Locale::EnUs);
    for text in ["pay on the 40th", "pay on the 32nd"] {
        let (slots, invalid) = rules.extract(&norm.normalize(text), today);
        assert!(
            invalid.iter().any(|i| i.slot == "date"),
            "{text}: {invalid:?}"
        );
        assert!(slots.date.is_none() && slots.amount.is_none(), "{text}");
    }
    // A day that exists stays a day.
    let (slots, invalid) = rules.extract(&norm.normalize("pay the 15"), today);
    assert!(invalid.is_empty() && slots.amount.is_none(), "{slots:?}");
    assert_eq!(slots.date, NaiveDate::from_ymd_opt(2026, 12, 15));
}

#[test]
fn a_dollar_sign_without_digits_is_no_amount() {
    let (rules, norm) = rules(Locale::EnUs);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    for text in ["how much $$ do i owe", "pay $ now", "$$$ due?"] {
        let (slots, invalid) = rules.extract(&norm.normalize(text), today);
        assert!(
            invalid.is_empty() && slots.amount.is_none(),
            "{text}: {invalid:?} {slots:?}"
        );
    }
    // The next token still counts when it holds digits: "$ 40".
    let (slots, _) = rules.extract(&norm.normalize("pay $ 40"), today);
    assert_eq!(
        slots.amount.map(|a| a.to_string()),
        Some("40.00".to_owned())
    );
}

#[test]
fn dates_and_ranges() {
    check(
        Locale::EnUs,
        Intent::PaymentHistory,
        &[
            (
                "payments in the last 3 months",
                &[("date_from", "2026-08-27"), ("date_to", "2026-11-27")],
            ),
            (
                "payments since january",
                &[("date_from", "2026-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "payments in 2025",
                &[("date_from", "2025-01-01"), ("date_to", "2025-12-31")],
            ),
            (
                "show my payments since 2024",
                &[("date_from", "2024-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "payments from 2024 on",
                &[("date_from", "2024-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "payments from 2025 onwards",
                &[("date_from", "2025-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "payments starting in 2025",
                &[("date_from", "2025-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "between jan 1 and mar 31",
                &[("date_from", "2026-01-01"), ("date_to", "2026-03-31")],
            ),
            (
                "what did i pay last month",
                &[("date_from", "2026-10-01"), ("date_to", "2026-10-31")],
            ),
        ],
    );
    check(
        Locale::EnUs,
        Intent::PayBill,
        &[
            ("pay next friday", &[("date", "2026-12-04")]),
            ("pay on the 15th", &[("date", "2026-12-15")]),
            ("pay tomorrow", &[("date", "2026-11-28")]),
        ],
    );
    check(
        Locale::EsUs,
        Intent::PaymentHistory,
        &[
            (
                "pagos de los últimos 3 meses",
                &[("date_from", "2026-08-27"), ("date_to", "2026-11-27")],
            ),
            (
                "pagos desde enero",
                &[("date_from", "2026-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "muéstrame mis pagos desde 2024",
                &[("date_from", "2024-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "pagos desde el 2025",
                &[("date_from", "2025-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "pagos de 2024 en adelante",
                &[("date_from", "2024-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "pagos a partir de 2025",
                &[("date_from", "2025-01-01"), ("date_to", "2026-11-27")],
            ),
            (
                "pagos en 2025",
                &[("date_from", "2025-01-01"), ("date_to", "2025-12-31")],
            ),
            (
                "pagos del mes pasado",
                &[("date_from", "2026-10-01"), ("date_to", "2026-10-31")],
            ),
        ],
    );
}

#[test]
fn bills_and_methods() {
    check(
        Locale::EnUs,
        Intent::PayBill,
        &[
            (
                "pay the lab bill with my visa",
                &[("bill", "lab"), ("method", "card:visa")],
            ),
            (
                "pay my premium with card ending 4242",
                &[("bill", "premium"), ("method", "card:4242")],
            ),
            (
                "pay bill m-1002 from checking",
                &[("bill", "M-1002"), ("method", "bank")],
            ),
            ("pay the second one", &[("bill", "ordinal:2")]),
            (
                "pay the latest with checking ending in 6789",
                &[("bill", "latest"), ("method", "bank:6789")],
            ),
            ("use my debit card", &[("method", "debit")]),
        ],
    );
    check(
        Locale::EsUs,
        Intent::PayBill,
        &[(
            "pagar con la tarjeta que termina en 4242",
            &[("method", "card:4242")],
        )],
    );
}

#[test]
fn frequency_channel_setting_language() {
    check(
        Locale::EnUs,
        Intent::SetupAutopay,
        &[
            (
                "autopay every month on the due date",
                &[("frequency", "monthly_due_date")],
            ),
            (
                "autopay weekly on fridays",
                &[("frequency", "weekly:friday")],
            ),
            (
                "autopay on the 15th of every month",
                &[("frequency", "monthly_day:15")],
            ),
        ],
    );
    check(
        Locale::EsUs,
        Intent::SetupAutopay,
        &[(
            "pago automatico cada mes",
            &[("frequency", "monthly_due_date")],
        )],
    );
    check(
        Locale::EnUs,
        Intent::NotificationPrefs,
        &[
            (
                "stop the emails",
                &[("channel", "email"), ("setting", "off")],
            ),
            (
                "turn on text alerts",
                &[("channel", "text"), ("setting", "on")],
            ),
        ],
    );
    check(
        Locale::EnUs,
        Intent::ChangeLanguage,
        &[
            ("español", &[("language", "es-US")]),
            ("english please", &[("language", "en-US")]),
        ],
    );
}
