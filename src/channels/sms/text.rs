//! Text for SMS: the GSM-7 alphabet (so a message costs 160-character segments rather
//! than 70), segment counting, numbered quick replies, "Reply YES or NO", and paging.

/// GSM 03.38 basic character set.
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: each costs two septets.
const GSM7_EXTENDED: &str = "^{}\\[~]|€";

fn gsm7_cost(c: char) -> Option<usize> {
    if GSM7_BASIC.contains(c) {
        Some(1)
    } else if GSM7_EXTENDED.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Replaces characters outside GSM-7 with their closest GSM-7 spelling (á → a, “ → ",
/// • → -), so Spanish and typographic text stays in cheap segments.
pub fn to_gsm7(text: &str) -> String {
    text.chars()
        .map(|c| {
            if gsm7_cost(c).is_some() {
                return c.to_string();
            }
            match c {
                'á' | 'â' | 'ã' => "a".into(),
                'í' | 'î' | 'ï' => "i".into(),
                'ó' | 'ô' | 'õ' => "o".into(),
                'ú' | 'û' => "u".into(),
                'ê' | 'ë' => "e".into(),
                'ç' => "c".into(),
                'Á' | 'Â' | 'À' | 'Ã' => "A".into(),
                'Í' | 'Î' | 'Ì' => "I".into(),
                'Ó' | 'Ô' | 'Ò' | 'Õ' => "O".into(),
                'Ú' | 'Û' | 'Ù' => "U".into(),
                'È' | 'Ê' | 'Ë' => "E".into(),
                '‘' | '’' | '´' | '`' => "'".into(),
                '“' | '”' => "\"".into(),
                '–' | '—' | '•' => "-".into(),
                '…' => "...".into(),
                '\u{a0}' | '\t' => " ".into(),
                other if other.is_control() => String::new(),
                _ => "?".into(),
            }
        })
        .collect()
}

/// How many SMS segments `text` takes (GSM-7: 160, or 153 each when split; otherwise
/// UCS-2: 70, or 67 each).
pub fn segments(text: &str) -> usize {
    let septets: Option<usize> = text.chars().map(gsm7_cost).sum();
    let (len, single, multi) = match septets {
        Some(n) => (n, 160, 153),
        None => (text.encode_utf16().count(), 70, 67),
    };
    if len <= single {
        1
    } else {
        len.div_ceil(multi)
    }
}

/// Splits a long answer into pages of at most `max_segments` segments each, at line
/// breaks where possible.
pub fn pages(text: &str, max_segments: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let candidate = if current.is_empty() {
            line.to_owned()
        } else {
            format!("{current}\n{line}")
        };
        if segments(&candidate) <= max_segments || current.is_empty() {
            current = candidate;
        } else {
            out.push(std::mem::take(&mut current));
            current = line.to_owned();
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_stays_gsm7_and_keeps_its_gsm7_letters() {
        let t = to_gsm7("¿Cuánto debo? Pagó $40.00 — año, cigüeña, está “bien” • listo…");
        assert_eq!(
            t,
            "¿Cuanto debo? Pago $40.00 - año, cigüeña, esta \"bien\" - listo..."
        );
        assert_eq!(segments(&t), 1);
    }

    #[test]
    fn segment_counts() {
        assert_eq!(segments(&"a".repeat(160)), 1);
        assert_eq!(segments(&"a".repeat(161)), 2);
        assert_eq!(segments(&"a".repeat(306)), 2);
        assert_eq!(segments(&"a".repeat(307)), 3);
        assert_eq!(segments(&"€".repeat(80)), 1);
        assert_eq!(segments(&"€".repeat(81)), 2);
        assert_eq!(segments(&"á".repeat(70)), 1);
        assert_eq!(segments(&"á".repeat(71)), 2);
    }

    #[test]
    fn long_lists_page_at_line_breaks() {
        let text = (1..=40)
            .map(|i| format!("- Payment {i}: $389.00 on Oct 31"))
            .collect::<Vec<_>>()
            .join("\n");
        let p = pages(&text, 2);
        assert!(p.len() > 1);
        assert!(p.iter().all(|page| segments(page) <= 2));
        assert_eq!(p.join("\n"), text);
    }
}
