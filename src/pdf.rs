//! A member's bill as a PDF statement: [`render`] lays out a [`BillDocument`], already worded
//! in the member's language, on US Letter pages (title, member and summary, the services table
//! continued on further pages as needed, totals, how to pay, footer). Pure: no I/O.
//!
//! Text is set in the standard fonts Helvetica and Helvetica-Bold (nothing embedded) with
//! WinAnsiEncoding: it is encoded to Windows-1252 here, so García or Hernández print right and
//! characters outside that code page print as `?`. Their metrics let names wrap and money align.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use unicode_normalization::UnicodeNormalization;

/// Everything printed on the bill, already worded and formatted in the member's language
/// (the caller formats money and dates), so this module knows nothing about locales.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BillDocument {
    /// The heading, e.g. "Kaiser Permanente — Billing statement".
    pub title: String,
    /// The member's name (printed in bold), MRN, region and the like, one per line.
    pub member_lines: Vec<String>,
    /// Label → value pairs beside the member block: bill number, statement date, balance due…
    pub summary: Vec<(String, String)>,
    /// Column headings: service, date of visit, provider, charges, plan paid, your share.
    /// The last three columns hold money and are aligned right.
    pub table_header: [String; 6],
    /// One row per service, in the same column order as `table_header`.
    pub rows: Vec<[String; 6]>,
    /// Label → value pairs under the table; the last one (the balance) is printed in bold.
    pub totals: Vec<(String, String)>,
    /// How to pay, one line each; the first line is printed in bold as the block's heading.
    pub how_to_pay: Vec<String>,
    /// A short note printed small at the bottom of every page.
    pub footer: String,
}

const PAGE_W: f32 = 612.0;
const PAGE_H: f32 = 792.0;
const MARGIN: f32 = 50.0;
const RIGHT: f32 = PAGE_W - MARGIN;
/// Lowest baseline for body content; the footer lives below it.
const BOTTOM: f32 = MARGIN + 20.0;
/// Column widths of the table, summing to the text width (512 pt).
const COLS: [f32; 6] = [148.0, 64.0, 118.0, 60.0, 60.0, 62.0];
/// Columns from this index on hold money and are aligned right.
const MONEY_FROM: usize = 3;
const PAD: f32 = 4.0;
const LINE: f32 = 11.0;
const SUMMARY_X: f32 = 330.0;

/// Advance widths (1/1000 em) of the printable ASCII characters, from Adobe's metrics.
#[rustfmt::skip]
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// A font at a size: its resource name on every page, its widths, its size in points.
#[derive(Debug, Clone, Copy)]
struct Style(&'static [u8], &'static [u16; 95], f32);
const TITLE: Style = Style(b"F2", &HELVETICA_BOLD, 16.0);
const STRONG: Style = Style(b"F2", &HELVETICA_BOLD, 10.0);
const HEAD: Style = Style(b"F2", &HELVETICA_BOLD, 8.5);
const BODY: Style = Style(b"F1", &HELVETICA, 10.0);
const PAY: Style = Style(b"F1", &HELVETICA, 9.5);
const CELL: Style = Style(b"F1", &HELVETICA, 9.0);
const SMALL: Style = Style(b"F1", &HELVETICA, 7.5);

/// Windows-1252 bytes 0x80..=0x9F; `?` marks the five it leaves undefined.
const CP1252_HIGH: &str = "€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ";

/// The Windows-1252 byte for `c`, or `?` when the code page has no such character.
fn win_ansi_byte(c: char) -> u8 {
    match c {
        ' '..='~' | '\u{A0}'..='\u{FF}' => u8::try_from(u32::from(c)).unwrap_or(b'?'),
        '\t' | '\n' | '\r' => b' ',
        _ => {
            let high = CP1252_HIGH.chars().position(|h| h == c);
            high.map_or(b'?', |i| 0x80 | i as u8)
        }
    }
}

/// Advance width of `c` in 1/1000 em; letters outside ASCII take their base letter's width.
fn char_units(c: char, widths: &[u16; 95]) -> u16 {
    let ascii = |b: u8| widths[usize::from(b.clamp(32, 126) - 32)];
    let base = c.nfd().next().filter(char::is_ascii);
    match (win_ansi_byte(c), c) {
        (b @ 32..=126, _) => ascii(b),
        (_, '–' | '€') => 556,
        (_, '—' | '…' | '‰' | '™') => 1000,
        (_, '•') => 350,
        (_, '\u{A0}') => 278,
        _ => base.map_or(556, |b| ascii(b as u8)),
    }
}

/// Width of `text` in points.
fn text_width(text: &str, Style(_, widths, size): Style) -> f32 {
    let units: u32 = text.chars().map(|c| u32::from(char_units(c, widths))).sum();
    units as f32 * size / 1000.0
}

/// `text`, cut short with an ellipsis if it is wider than `width`.
fn fit(text: &str, style: Style, width: f32) -> String {
    if text_width(text, style) <= width {
        return text.to_string();
    }
    let mut cut = text.trim_end().to_string();
    while !cut.is_empty() && text_width(&format!("{cut}…"), style) > width {
        cut.pop();
        cut.truncate(cut.trim_end().len());
    }
    format!("{cut}…")
}

/// `text` broken at spaces into at most `max_lines` lines no wider than `width`.
fn wrap(text: &str, style: Style, width: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = format!("{current} {word}");
        if current.is_empty() || text_width(&candidate, style) <= width {
            current = candidate.trim_start().to_string();
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    lines.push(current);
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines.max(1) - 1).join(" ");
        lines.push(rest);
    }
    lines.iter().map(|line| fit(line, style, width)).collect()
}

/// Shows `s` with its left edge at `x` and its baseline at `y`.
fn text(content: &mut Content, Style(font, _, size): Style, x: f32, y: f32, s: &str) {
    content.begin_text();
    content.set_font(Name(font), size);
    content.next_line(x, y);
    content.show(Str(&s.chars().map(win_ansi_byte).collect::<Vec<_>>()));
    content.end_text();
}

/// Fills the rectangle from (`x`, `y`) up to `top` with a grey (0 black, 1 white).
fn shade(content: &mut Content, x: f32, y: f32, top: f32, gray: f32) {
    content.set_fill_gray(gray).rect(x, y, RIGHT - x, top - y);
    content.fill_nonzero().set_fill_gray(0.0);
}

/// A horizontal line across the text width.
fn rule(content: &mut Content, y: f32, gray: f32, width: f32) {
    content.set_stroke_gray(gray).set_line_width(width);
    content.move_to(MARGIN, y).line_to(RIGHT, y).stroke();
}

/// The pages drawn so far and where the next line goes on the current one.
struct Layout<'a> {
    doc: &'a BillDocument,
    done: Vec<Content>,
    page: Content,
    y: f32,
}

impl Layout<'_> {
    /// Starts a continuation page headed by the title.
    fn new_page(&mut self) {
        let full = std::mem::replace(&mut self.page, Content::new());
        self.done.push(full);
        self.y = PAGE_H - MARGIN - 10.0;
        let doc = self.doc;
        self.put(STRONG, MARGIN, RIGHT - MARGIN, &doc.title);
        self.y -= 8.0;
        rule(&mut self.page, self.y, 0.6, 0.5);
        self.y -= 16.0;
    }

    /// Shows `s` at `x` on the current line, cut short to `width`.
    fn put(&mut self, style: Style, x: f32, width: f32, s: &str) {
        text(&mut self.page, style, x, self.y, &fit(s, style, width));
    }

    /// Shows `s` ending at `right` on the current line, cut short to `width`.
    fn put_right(&mut self, style: Style, right: f32, width: f32, s: &str) {
        let s = fit(s, style, width);
        text(
            &mut self.page,
            style,
            right - text_width(&s, style),
            self.y,
            &s,
        );
    }

    /// Makes sure `height` points fit above the bottom margin, breaking the page if not.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    /// The grey band with the column headings.
    fn table_header(&mut self) {
        shade(&mut self.page, MARGIN, self.y - 5.0, self.y + 12.0, 0.88);
        let doc = self.doc;
        self.cells(HEAD, &doc.table_header, 0);
        self.y -= 18.0;
    }

    /// One line of a row from column `from` on: cells fitted to their column, money right.
    fn cells(&mut self, style: Style, cells: &[String; 6], from: usize) {
        let mut x = MARGIN;
        for (i, (cell, width)) in cells.iter().zip(COLS).enumerate() {
            if i >= MONEY_FROM {
                self.put_right(style, x + width - PAD, width - 2.0 * PAD, cell);
            } else if i >= from {
                self.put(style, x + PAD, width - 2.0 * PAD, cell);
            }
            x += width;
        }
    }

    /// One service: its name wrapped on up to two lines, a thin rule below.
    fn row(&mut self, row: &[String; 6]) {
        let service = wrap(&row[0], CELL, COLS[0] - 2.0 * PAD, 2);
        let height = service.len() as f32 * LINE + 7.0;
        if self.y - height < BOTTOM {
            self.new_page();
            self.table_header();
        }
        self.cells(CELL, row, 1);
        let top = self.y;
        for line in &service {
            self.put(CELL, MARGIN + PAD, COLS[0], line);
            self.y -= LINE;
        }
        self.y = top - height;
        rule(&mut self.page, self.y + LINE + 0.5, 0.82, 0.4);
    }

    /// Member lines on the left (the name in bold), the summary on the right in a grey box.
    fn heading(&mut self) {
        let doc = self.doc;
        self.put(TITLE, MARGIN, RIGHT - MARGIN, &doc.title);
        self.y -= 10.0;
        rule(&mut self.page, self.y, 0.3, 1.0);
        self.y -= 22.0;
        let top = self.y;
        for (i, line) in doc.member_lines.iter().enumerate() {
            let style = if i == 0 { STRONG } else { BODY };
            self.put(style, MARGIN, SUMMARY_X - MARGIN - 20.0, line);
            self.y -= 14.0;
        }
        self.y = top;
        if !doc.summary.is_empty() {
            let bottom = top - doc.summary.len() as f32 * 14.0 + 6.0;
            shade(&mut self.page, SUMMARY_X - 8.0, bottom, top + 14.0, 0.94);
        }
        for (label, value) in &doc.summary {
            self.put_right(STRONG, RIGHT - PAD, RIGHT - SUMMARY_X, value);
            let room = RIGHT - SUMMARY_X - text_width(value, STRONG) - 12.0;
            self.put(BODY, SUMMARY_X, room, label);
            self.y -= 14.0;
        }
        let lines = doc.member_lines.len().max(doc.summary.len());
        self.y = top - lines as f32 * 14.0 - 20.0;
    }

    /// Totals right-aligned under the money columns, then the how-to-pay box.
    fn closing(&mut self) {
        let doc = self.doc;
        self.y -= 8.0;
        self.ensure(doc.totals.len() as f32 * 16.0);
        for (i, (label, value)) in doc.totals.iter().enumerate() {
            let last = i + 1 == doc.totals.len();
            let style = if last { STRONG } else { BODY };
            self.put_right(style, RIGHT - 100.0, RIGHT - MARGIN - 100.0, label);
            self.put_right(style, RIGHT - PAD, 90.0, value);
            self.y -= 16.0;
        }
        if doc.how_to_pay.is_empty() {
            return;
        }
        let height = doc.how_to_pay.len() as f32 * 13.0 + 12.0;
        self.y -= 10.0;
        self.ensure(height);
        let top = self.y + 16.0;
        shade(&mut self.page, MARGIN, top - height, top, 0.95);
        for (i, line) in doc.how_to_pay.iter().enumerate() {
            let style = if i == 0 { STRONG } else { PAY };
            self.put(style, MARGIN + 10.0, RIGHT - MARGIN - 20.0, line);
            self.y -= 13.0;
        }
    }
}

/// Renders the bill as the bytes of a PDF file, on as many US Letter pages as it needs.
pub fn render(doc: &BillDocument) -> Vec<u8> {
    let (done, page, y) = (Vec::new(), Content::new(), PAGE_H - MARGIN - 16.0);
    let mut layout = Layout { doc, done, page, y };
    layout.heading();
    layout.ensure(18.0 + 2.0 * LINE);
    layout.table_header();
    for row in &doc.rows {
        layout.row(row);
    }
    layout.closing();
    layout.done.push(layout.page);
    write_pdf(doc, layout.done)
}

/// Adds the footer to every page and writes the document structure around the pages.
fn write_pdf(doc: &BillDocument, pages: Vec<Content>) -> Vec<u8> {
    let [catalog, tree, regular, bold, info] = [1, 2, 3, 4, 5].map(Ref::new);
    let count = i32::try_from(pages.len()).unwrap_or(i32::MAX);
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    let kids = (0..count).map(|i| Ref::new(6 + 2 * i));
    pdf.pages(tree).kids(kids).count(count);
    let footer = fit(&doc.footer, SMALL, RIGHT - MARGIN - 40.0);
    for (i, mut content) in (0..count).zip(pages) {
        rule(&mut content, MARGIN - 8.0, 0.75, 0.4);
        content.set_fill_gray(0.35);
        text(&mut content, SMALL, MARGIN, MARGIN - 18.0, &footer);
        let number = format!("{}/{count}", i + 1);
        let x = RIGHT - text_width(&number, SMALL);
        text(&mut content, SMALL, x, MARGIN - 18.0, &number);
        let (page_id, content_id) = (Ref::new(6 + 2 * i), Ref::new(7 + 2 * i));
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
        page.parent(tree).contents(content_id);
        let fonts = [(Name(b"F1"), regular), (Name(b"F2"), bold)];
        page.resources().fonts().pairs(fonts);
        page.finish();
        pdf.stream(content_id, &content.finish());
    }
    for (id, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
        let mut font = pdf.type1_font(id);
        font.base_font(Name(name.as_bytes()));
        font.encoding_predefined(Name(b"WinAnsiEncoding"));
    }
    let mut info = pdf.document_info(info);
    info.title(TextStr(&doc.title)).producer(TextStr("billbot"));
    info.finish();
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn strings<const N: usize>(items: [&str; N]) -> [String; N] {
        items.map(str::to_string)
    }

    fn pair(label: &str, value: &str) -> (String, String) {
        (label.to_string(), value.to_string())
    }

    fn sample(rows: usize) -> BillDocument {
        let services = [
            [
                "Office visit — primary care",
                "03/04/2025",
                "Dr. Ana Hernández",
                "$180.00",
                "$140.00",
                "$40.00",
            ],
            [
                "Laboratory: comprehensive metabolic panel and lipid screening with follow-up review",
                "03/04/2025",
                "Regional Lab Services",
                "$245.30",
                "$160.00",
                "$85.30",
            ],
            [
                "X-ray, chest",
                "03/11/2025",
                "Dr. José Peña",
                "$210.00",
                "$105.15",
                "$104.85",
            ],
        ];
        BillDocument {
            title: "Kaiser Permanente — Billing statement".into(),
            member_lines: vec![
                "María García".into(),
                "MRN 000-112-358".into(),
                "Northern California".into(),
            ],
            summary: vec![
                pair("Bill", "M-1003"),
                pair("Statement date", "03/31/2025"),
                pair("Due date", "04/30/2025"),
                pair("Balance due", "$230.15"),
            ],
            table_header: strings([
                "Service",
                "Date of visit",
                "Provider",
                "Charges",
                "Plan paid",
                "Your share",
            ]),
            rows: (0..rows)
                .map(|i| strings(services[i % services.len()]))
                .collect(),
            totals: vec![
                pair("Your share", "$230.15"),
                pair("Amount paid", "$0.00"),
                pair("Balance", "$230.15"),
            ],
            how_to_pay: vec![
                "How to pay".into(),
                "Online: kp.org/paybill".into(),
                "By phone: 1-800-464-4000 (24 hours a day, 7 days a week)".into(),
                "By mail: Kaiser Permanente, P.O. Box 629028, El Dorado Hills, CA 95762-9028"
                    .into(),
                "Billing questions: 1-800-390-3510, Monday to Friday, 7 a.m. to 7 p.m.".into(),
            ],
            footer:
                "Keep this statement for your records. This is not a bill for services not listed."
                    .into(),
        }
    }

    fn page_count(pdf: &[u8]) -> usize {
        pdf.windows(b"/Type /Page\n".len())
            .filter(|w| w == b"/Type /Page\n")
            .count()
    }

    #[test]
    fn output_is_framed_as_a_pdf() {
        let pdf = render(&sample(3));
        assert!(pdf.starts_with(b"%PDF-"));
        let end = pdf.trim_ascii_end();
        assert!(
            end.ends_with(b"%%EOF"),
            "{:?}",
            String::from_utf8_lossy(&end[end.len() - 20..])
        );
        assert_eq!(page_count(&pdf), 1);
    }

    #[test]
    fn long_tables_continue_on_further_pages() {
        let pdf = render(&sample(60));
        assert!(
            page_count(&pdf) > 1,
            "60 rows fit on {} page(s)",
            page_count(&pdf)
        );
        assert!(String::from_utf8_lossy(&pdf).contains("/Count 3"));
    }

    #[test]
    fn empty_document_still_renders() {
        let pdf = render(&BillDocument::default());
        assert!(pdf.starts_with(b"%PDF-") && page_count(&pdf) == 1);
    }

    #[test]
    fn text_is_encoded_as_win_ansi() {
        let win_ansi = |s: &str| s.chars().map(win_ansi_byte).collect::<Vec<_>>();
        assert_eq!(win_ansi("García ñ é — €"), b"Garc\xeda \xf1 \xe9 \x97 \x80");
        assert_eq!(win_ansi("日本 ✓"), b"?? ?");
    }

    #[test]
    fn widths_follow_the_font_metrics() {
        assert_eq!(
            text_width("Hi", Style(b"F1", &HELVETICA, 1000.0)),
            722.0 + 222.0
        );
        assert_eq!(text_width("í", BODY), text_width("i", BODY));
        assert!(text_width("Balance", STRONG) > text_width("Balance", BODY));
    }

    #[test]
    fn long_names_wrap_then_truncate() {
        let long = "Laboratory: comprehensive metabolic panel and lipid screening with review";
        let lines = wrap(long, CELL, 140.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("Laboratory:") && lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| text_width(l, CELL) <= 140.0));
        assert_eq!(wrap("X-ray, chest", CELL, 140.0, 2), ["X-ray, chest"]);
        assert_eq!(fit("$230.15", CELL, 100.0), "$230.15");
    }

    /// Runs `pdftotext -layout` on the sample; skips loudly when the tool is missing unless
    /// `BILLBOT_REQUIRE_TOOLS=1`.
    #[test]
    fn pdftotext_reads_services_names_and_balance() {
        let required = std::env::var("BILLBOT_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
        if Command::new("pdftotext").arg("-v").output().is_err() {
            assert!(
                !required,
                "pdftotext not installed and BILLBOT_REQUIRE_TOOLS=1"
            );
            eprintln!("SKIPPED: pdftotext not installed (apt-get install poppler-utils)");
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bill.pdf");
        std::fs::write(&path, render(&sample(3))).expect("write pdf");
        let out = Command::new("pdftotext")
            .arg("-layout")
            .arg(&path)
            .arg("-")
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        for needle in [
            "Office visit — primary care",
            "Laboratory: comprehensive",
            "X-ray, chest",
            "María García",
            "Dr. Ana Hernández",
            "Dr. José Peña",
            "Balance due",
            "$230.15",
            "P.O. Box 629028, El Dorado Hills, CA 95762-9028",
            "Kaiser Permanente — Billing statement",
        ] {
            assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
        }
    }

    /// Writes a sample statement for eyeballing, e.g. with `pdftoppm -png -r 60`.
    #[test]
    fn writes_sample_statement() {
        let path = std::env::temp_dir().join("sample-bill.pdf");
        std::fs::write(&path, render(&sample(3))).expect("write sample");
        let path = std::env::temp_dir().join("sample-bill-long.pdf");
        std::fs::write(&path, render(&sample(60))).expect("write long sample");
    }
}
