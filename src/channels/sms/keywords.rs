//! SMS keywords, handled before any understanding (the carrier rules of SPEC §6).

/// What a keyword asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    /// Stop every text from billbot.
    OptOut,
    /// Texts again (START, UNSTOP; YES only while opted out).
    OptIn,
    /// Program name, billing line, rates, how to stop.
    Help,
    /// The next page of a long answer.
    More,
    /// YES: opt-in while opted out, otherwise an ordinary answer.
    Yes,
}

/// The keyword a whole message is, if any (trimmed, any case, trailing `.`/`!` ignored).
pub fn keyword(text: &str) -> Option<Keyword> {
    let word = text
        .trim()
        .trim_end_matches(['.', '!'])
        .trim()
        .to_ascii_uppercase();
    match word.as_str() {
        "STOP" | "STOPALL" | "UNSUBSCRIBE" | "CANCEL" | "END" | "QUIT" | "REVOKE" | "OPTOUT" => {
            Some(Keyword::OptOut)
        }
        "START" | "UNSTOP" => Some(Keyword::OptIn),
        "HELP" | "INFO" => Some(Keyword::Help),
        "MORE" => Some(Keyword::More),
        "YES" => Some(Keyword::Yes),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_every_keyword() {
        for w in [
            "STOP",
            "stop",
            " Stop ",
            "STOP.",
            "StopAll",
            "unsubscribe",
            "CANCEL",
            "end",
            "Quit",
            "revoke",
            "OPTOUT",
        ] {
            assert_eq!(keyword(w), Some(Keyword::OptOut), "{w}");
        }
        for w in ["START", "start", "Unstop "] {
            assert_eq!(keyword(w), Some(Keyword::OptIn), "{w}");
        }
        for w in ["HELP", "help", "Info"] {
            assert_eq!(keyword(w), Some(Keyword::Help), "{w}");
        }
        assert_eq!(keyword("yes"), Some(Keyword::Yes));
        assert_eq!(keyword("more"), Some(Keyword::More));
    }

    #[test]
    fn keywords_are_whole_messages_only() {
        for w in [
            "stop texting me",
            "please stop",
            "help me pay",
            "start autopay",
            "opt out",
            "cancel autopay",
            "yes please",
        ] {
            assert_eq!(keyword(w), None, "{w}");
        }
    }
}
