//! Quick-reply values. A button sends a short command (`!yes@4`, `!bill:M-1003@4`)
//! instead of words, so choosing a button never depends on the language understanding;
//! `@N` names the question it answers, so an old button cannot act on a newer question.

/// A button's command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub verb: String,
    pub arg: Option<String>,
    /// The question (state sequence number) the button belongs to.
    pub seq: Option<u32>,
}

impl Command {
    /// Reads a button value; `None` when the text is not a command.
    pub fn parse(text: &str) -> Option<Command> {
        let body = text.trim().strip_prefix('!')?;
        if body.is_empty() || body.len() > 64 {
            return None;
        }
        let (body, seq) = match body.rsplit_once('@') {
            Some((b, n)) => (b, Some(n.parse().ok()?)),
            None => (body, None),
        };
        let (verb, arg) = match body.split_once(':') {
            Some((v, a)) => (v, Some(a.to_owned())),
            None => (body, None),
        };
        if verb.is_empty() || !verb.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return None;
        }
        Some(Command {
            verb: verb.to_owned(),
            arg,
            seq,
        })
    }
}

/// The value of a button answering question `seq`.
pub fn value(verb: &str, arg: Option<&str>, seq: Option<u32>) -> String {
    let mut v = format!("!{verb}");
    if let Some(a) = arg {
        v.push(':');
        v.push_str(a);
    }
    if let Some(n) = seq {
        v.push('@');
        v.push_str(&n.to_string());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_round_trip() {
        for (verb, arg, seq) in [
            ("yes", None, Some(4)),
            ("bill", Some("M-1003"), Some(12)),
            ("do", Some("pay_bill:M-1003"), None),
            ("lang", Some("es-US"), None),
        ] {
            let v = value(verb, arg, seq);
            let c = Command::parse(&v).unwrap();
            assert_eq!(c.verb, verb);
            assert_eq!(c.arg.as_deref(), arg);
            assert_eq!(c.seq, seq);
        }
    }

    #[test]
    fn words_are_not_commands() {
        for t in ["yes", "pay 40!", "!", "!Yes", "!yes@x", "!;drop"] {
            assert_eq!(Command::parse(t), None, "{t}");
        }
    }
}
