//! Hashed text features: word uni- and bigrams plus character 2–5-grams inside words,
//! bigrams of word stems (a word's first [`STEM_LEN`] letters), and the same uni- and
//! bigrams with a word's class (`normalize.toml`'s `[classes]`) in place of the word.
//!
//! Features are hashed on the fly (FNV-1a) into [`BUCKETS`] slots, so building a message's
//! vector allocates no string per n-gram. Digits count as `0`, so "pay 40" and "pay 75"
//! look alike to the classifier.

use rustc_hash::FxHashMap;

/// Number of hash buckets (a power of two).
pub const BUCKETS: usize = 1 << 18;

/// Letters of a word kept as its stem in stem bigrams. Four keep enough of most English
/// and Spanish words to tell them apart while dropping their endings ("facturas" → "fact",
/// "pendientes" → "pend", "payments" → "paym"). Measured on the development sets against
/// 5 and 6.
const STEM_LEN: usize = 4;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A sparse, L2-normalised feature vector: (bucket, weight), buckets ascending and unique.
pub type Features = Vec<(u32, f32)>;

#[inline]
fn step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

#[inline]
fn digit_zero(b: u8) -> u8 {
    if b.is_ascii_digit() { b'0' } else { b }
}

fn hash_bytes(seed: u8, parts: &[&[u8]]) -> u32 {
    let mut h = step(FNV_OFFSET, seed);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h = step(h, b' ');
        }
        for &b in *part {
            h = step(h, digit_zero(b));
        }
    }
    (h as usize & (BUCKETS - 1)) as u32
}

/// Words that can stand in for one another ("water", "cable", "verizon" are all kinds of
/// bill): a word of a class also yields its class's features, so what the examples say
/// of one member of the class carries over to the others.
#[derive(Debug, Clone, Default)]
pub struct WordClasses {
    /// Word → its class's feature name (`@` + class name: no normalised word has an `@`).
    classes: FxHashMap<String, String>,
}

impl WordClasses {
    /// Classes from (class name, its single, normalised words).
    pub fn new<'a>(classes: impl IntoIterator<Item = (&'a str, Vec<String>)>) -> Self {
        let mut map = FxHashMap::default();
        for (name, words) in classes {
            for word in words {
                map.insert(word, format!("@{name}"));
            }
        }
        WordClasses { classes: map }
    }

    /// Every word of every class.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.classes.keys().map(String::as_str)
    }

    fn class_of(&self, word: &[u8]) -> Option<&[u8]> {
        let word = std::str::from_utf8(word).ok()?;
        self.classes.get(word).map(|c| c.as_bytes())
    }
}

/// The feature vector of an already normalised text.
pub fn extract(normalized: &str) -> Features {
    extract_with(normalized, &WordClasses::default())
}

/// [`extract`], adding the class features of words that belong to a class.
pub fn extract_with(normalized: &str, classes: &WordClasses) -> Features {
    let mut raw: Vec<(u32, f32)> = Vec::with_capacity(normalized.len() * 5);
    let words: Vec<&[u8]> = normalized
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::as_bytes)
        .collect();
    const BOS: &[u8] = b"<s>";
    const EOS: &[u8] = b"</s>";
    for (i, w) in words.iter().enumerate() {
        raw.push((hash_bytes(b'w', &[w]), 1.0));
        let prev = if i == 0 { BOS } else { words[i - 1] };
        raw.push((hash_bytes(b'b', &[prev, w]), 1.0));
        // Char n-grams see inside one word; the stem bigram lets a pair of words match
        // across inflections ("facturas pendientes" / "factura pendiente", "payment
        // plans" / "payment plan").
        let stem_prev = if i == 0 { BOS } else { stem(words[i - 1]) };
        raw.push((hash_bytes(b'p', &[stem_prev, stem(w)]), 1.0));
        char_ngrams(w, &mut raw);
        if let Some(class) = classes.class_of(w) {
            raw.push((hash_bytes(b'w', &[class]), 1.0));
            raw.push((hash_bytes(b'b', &[prev, class]), 1.0));
            let next = words.get(i + 1).copied().unwrap_or(EOS);
            raw.push((hash_bytes(b'b', &[class, next]), 1.0));
        }
    }
    if let Some(last) = words.last() {
        raw.push((hash_bytes(b'b', &[last, EOS]), 1.0));
    }
    if words.is_empty() {
        raw.push((hash_bytes(b'e', &[]), 1.0));
    }
    finish(raw)
}

/// A word's first [`STEM_LEN`] bytes (normalised text is ASCII but for a rare symbol; a cut
/// through a multi-byte character only changes a hash).
fn stem(word: &[u8]) -> &[u8] {
    &word[..word.len().min(STEM_LEN)]
}

/// Character 2–5-grams of " word " (byte-wise: text is already accent-free).
fn char_ngrams(word: &[u8], out: &mut Vec<(u32, f32)>) {
    let len = word.len() + 2;
    let at = |i: usize| {
        if i == 0 || i == len - 1 {
            b' '
        } else {
            digit_zero(word[i - 1])
        }
    };
    // Char n-grams are many and individually weak: a lower weight keeps words in charge.
    const W: f32 = 0.5;
    for start in 0..len {
        let mut h = step(FNV_OFFSET, b'c');
        for n in 1..=5 {
            let end = start + n;
            if end > len {
                break;
            }
            h = step(h, at(end - 1));
            if n >= 2 {
                out.push(((h as usize & (BUCKETS - 1)) as u32, W));
            }
        }
    }
}

/// Merges duplicate buckets (sub-linear counts) and scales to unit length.
fn finish(mut raw: Vec<(u32, f32)>) -> Features {
    raw.sort_unstable_by_key(|p| p.0);
    let mut out: Features = Vec::with_capacity(raw.len());
    let mut counts: Vec<f32> = Vec::with_capacity(raw.len());
    for (b, v) in raw {
        match (out.last(), counts.last_mut()) {
            (Some(last), Some(c)) if last.0 == b => *c += 1.0,
            _ => {
                out.push((b, v));
                counts.push(1.0);
            }
        }
    }
    let mut norm = 0.0f32;
    for (p, c) in out.iter_mut().zip(&counts) {
        p.1 *= 1.0 + c.ln();
        norm += p.1 * p.1;
    }
    let norm = norm.sqrt().max(1e-6);
    for p in &mut out {
        p.1 /= norm;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_are_unit_length_and_digit_blind() {
        let a = extract("pay 40 now");
        let b = extract("pay 75 now");
        assert_eq!(a, b);
        let n: f32 = a.iter().map(|p| p.1 * p.1).sum();
        assert!((n - 1.0).abs() < 1e-4);
        assert!(!extract("").is_empty());
    }

    #[test]
    fn word_pairs_that_differ_only_in_their_endings_share_a_stem_bigram() {
        let stem_pair = hash_bytes(b'p', &[b"fact", b"pend"]);
        for text in [
            "facturas pendientes",
            "factura pendiente",
            "facturado pendiente",
        ] {
            assert!(extract(text).iter().any(|f| f.0 == stem_pair), "{text}");
        }
        assert!(!extract("factura pagada").iter().any(|f| f.0 == stem_pair));
    }

    #[test]
    fn words_of_a_class_share_their_class_features() {
        let classes = WordClasses::new([("bill_kind", vec!["water".into(), "cable".into()])]);
        let shared = |a: &str, b: &str| {
            let (fa, fb) = (extract_with(a, &classes), extract_with(b, &classes));
            fa.iter().filter(|x| fb.iter().any(|y| y.0 == x.0)).count()
        };
        // "water" and "cable" share "@bill_kind", "my @bill_kind", "@bill_kind bill";
        // "phone" is not in the class and shares only the plain words.
        assert!(
            shared("my water bill", "my cable bill") > shared("my water bill", "my phone bill")
        );
        assert_eq!(
            extract_with("my phone bill", &classes),
            extract("my phone bill")
        );
    }
}
