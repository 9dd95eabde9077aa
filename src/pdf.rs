//! Placeholder until the PDF writer lands.

pub struct BillDocument {
    pub title: String,
    pub member_lines: Vec<String>,
    pub summary: Vec<(String, String)>,
    pub table_header: [String; 6],
    pub rows: Vec<[String; 6]>,
    pub totals: Vec<(String, String)>,
    pub how_to_pay: Vec<String>,
    pub footer: String,
}

pub fn render(_doc: &BillDocument) -> Vec<u8> {
    Vec::new()
}
