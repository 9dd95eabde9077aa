//! The words and figures of a bill's PDF, in the member's language.

use crate::billing::{Account, Bill, Language};
use crate::i18n::{Arg, Catalog, format_date, format_money};
use crate::pdf::BillDocument;
use crate::plan::Plan;

/// Everything the PDF shows: member, bill, each service, totals, and how to pay in the
/// member's region.
pub fn build(
    account: &Account,
    bill: &Bill,
    plan: &Plan,
    catalog: &Catalog,
    lang: Language,
) -> BillDocument {
    let t = |id: &str| catalog.format(lang, id, &[]);
    let ta = |id: &str, args: &[(&str, Arg)]| catalog.format(lang, id, args);
    let money = |d| format_money(lang, d);
    let date = |d| format_date(lang, d);
    let m = &account.member;
    let region = plan.region(&m.region);
    let mut how_to_pay = vec![t("pdf-how-to-pay")];
    let billing = &plan.billing;
    if let Some(r) = region {
        how_to_pay.push(ta(
            "pdf-pay-online",
            &[("url", Arg::from(r.pay_online.join(" / ")))],
        ));
        how_to_pay.push(ta(
            "pdf-pay-phone",
            &[
                ("phone", Arg::from(r.pay_by_phone.as_str())),
                ("region", Arg::from(r.name.as_str())),
            ],
        ));
        how_to_pay.push(ta(
            "pdf-pay-mail",
            &[("address", Arg::from(plan.mail_address(r)))],
        ));
    }
    BillDocument {
        title: ta("pdf-title", &[("plan", Arg::from(plan.name.as_str()))]),
        member_lines: vec![
            m.name.clone(),
            ta("pdf-mrn", &[("mrn", Arg::from(m.mrn.as_str()))]),
            region.map_or_else(String::new, |r| r.name.clone()),
        ],
        summary: vec![
            (t("pdf-bill"), bill.id.clone()),
            (t("pdf-statement-date"), date(bill.statement_date)),
            (t("pdf-due-date"), date(bill.due_date)),
            (t("pdf-balance-due"), money(bill.balance())),
        ],
        table_header: [
            t("pdf-col-service"),
            t("pdf-col-date"),
            t("pdf-col-provider"),
            t("pdf-col-charges"),
            t("pdf-col-plan-paid"),
            t("pdf-col-share"),
        ],
        rows: bill
            .lines
            .iter()
            .map(|l| {
                let provider = match (&l.provider, &l.facility) {
                    (Some(p), Some(f)) => format!("{p}, {f}"),
                    (Some(p), None) => p.clone(),
                    (None, Some(f)) => f.clone(),
                    (None, None) => String::new(),
                };
                [
                    l.service.clone(),
                    l.visit_date.map(date).unwrap_or_default(),
                    provider,
                    money(l.charges),
                    money(l.plan_paid + l.adjustments),
                    money(l.member_share),
                ]
            })
            .collect(),
        totals: vec![
            (t("pdf-total-charges"), money(bill.charges())),
            (t("pdf-total-plan-paid"), money(bill.plan_paid())),
            (t("pdf-total-adjustments"), money(bill.adjustments())),
            (t("pdf-total-share"), money(bill.amount())),
            (t("pdf-total-paid"), money(bill.paid)),
            (t("pdf-total-balance"), money(bill.balance())),
        ],
        how_to_pay,
        footer: ta(
            "pdf-footer",
            &[
                ("phone", Arg::from(billing.phone.as_str())),
                ("tty", Arg::from(billing.tty.as_str())),
                ("email", Arg::from(billing.email.as_str())),
            ],
        ),
    }
}
