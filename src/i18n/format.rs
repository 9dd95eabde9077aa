//! Money and dates as a member of each locale reads them.
//!
//! US English and US Spanish both write dollars as `$1,234.56`; dates differ
//! ("November 30, 2026" / "30 de noviembre de 2026").

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::billing::Language;

/// `$1,234.56` (a leading `-` for negative amounts).
pub fn format_money(_lang: Language, amount: Decimal) -> String {
    let rounded = amount.round_dp(2);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}${grouped}.{cents}", if negative { "-" } else { "" })
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn month_name(lang: Language, date: NaiveDate) -> &'static str {
    let i = date.month0() as usize;
    match lang {
        Language::EnUs => EN_MONTHS[i],
        Language::EsUs => ES_MONTHS[i],
    }
}

/// "November 30, 2026" / "30 de noviembre de 2026".
pub fn format_date(lang: Language, date: NaiveDate) -> String {
    match lang {
        Language::EnUs => format!("{} {}, {}", month_name(lang, date), date.day(), date.year()),
        Language::EsUs => format!(
            "{} de {} de {}",
            date.day(),
            month_name(lang, date),
            date.year()
        ),
    }
}

/// "Nov 30" / "30 nov" — for lists.
pub fn format_date_short(lang: Language, date: NaiveDate) -> String {
    let month: String = month_name(lang, date).chars().take(3).collect();
    match lang {
        Language::EnUs => format!("{month} {}", date.day()),
        Language::EsUs => format!("{} {month}", date.day()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_has_grouping_and_cents() {
        let en = Language::EnUs;
        assert_eq!(format_money(en, dec!(0)), "$0.00");
        assert_eq!(format_money(en, dec!(45)), "$45.00");
        assert_eq!(format_money(en, dec!(230.15)), "$230.15");
        assert_eq!(format_money(en, dec!(1234.5)), "$1,234.50");
        assert_eq!(format_money(Language::EsUs, dec!(2450)), "$2,450.00");
        assert_eq!(format_money(en, dec!(1000000)), "$1,000,000.00");
        assert_eq!(format_money(en, dec!(-17)), "-$17.00");
    }

    #[test]
    fn dates_read_naturally() {
        let d: NaiveDate = "2026-11-30".parse().unwrap();
        assert_eq!(format_date(Language::EnUs, d), "November 30, 2026");
        assert_eq!(format_date(Language::EsUs, d), "30 de noviembre de 2026");
        assert_eq!(format_date_short(Language::EnUs, d), "Nov 30");
        assert_eq!(format_date_short(Language::EsUs, d), "30 nov");
    }
}
