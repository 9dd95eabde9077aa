//! How bills, methods and other account things are named in replies.

use crate::billing::{Bill, MethodKind, PaymentMethod};
use crate::nlu::Parse;
use crate::t;

use super::{Msg, Reply};

/// "lab bill (M-1003)".
pub fn bill_name(bill: &Bill) -> Msg {
    t!(
        "bill-name",
        category = category(&bill.category),
        id = bill.id.as_str()
    )
}

/// The member's word for a bill category ("lab bill", "premium bill").
pub fn category(key: &str) -> Msg {
    match key {
        "premium" => t!("category-premium"),
        "lab" => t!("category-lab"),
        "office_visit" => t!("category-office-visit"),
        "hospital" => t!("category-hospital"),
        "pharmacy" => t!("category-pharmacy"),
        _ => t!("category-other"),
    }
}

/// "Visa ending in 4242" / "checking account ending in 6789".
pub fn method_name(m: &PaymentMethod) -> Msg {
    match m.kind {
        MethodKind::Bank if m.brand.eq_ignore_ascii_case("savings") => {
            t!("method-savings", last4 = m.last4.as_str())
        }
        MethodKind::Bank => t!("method-checking", last4 = m.last4.as_str()),
        MethodKind::Debit => t!(
            "method-debit",
            brand = m.brand.as_str(),
            last4 = m.last4.as_str()
        ),
        MethodKind::Card => t!(
            "method-card",
            brand = m.brand.as_str(),
            last4 = m.last4.as_str()
        ),
    }
}

/// The reply to a message whose values are impossible ("$-5", "February 30").
pub fn invalid_values(parse: &Parse) -> Reply {
    let mut r = Reply::default();
    for bad in &parse.invalid {
        let msg = match bad.slot {
            "amount" => t!("invalid-amount", text = bad.text.as_str()),
            "date" | "date_from" | "date_to" => t!("invalid-date", text = bad.text.as_str()),
            "frequency" => t!("invalid-frequency", text = bad.text.as_str()),
            _ => t!("invalid-value", text = bad.text.as_str()),
        };
        if !r.lines.contains(&msg) {
            r.push(msg);
        }
    }
    r.push(t!("invalid-nothing-changed"));
    r
}
