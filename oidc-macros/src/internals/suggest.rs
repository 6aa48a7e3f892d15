//! "Unknown attribute" errors that list the valid words and suggest the closest one.

use quote::ToTokens;

use super::ctxt::Ctxt;
use super::symbol::Symbol;

/// Reports `path` as an unknown word of `kind` (e.g. "oidc field attribute"), listing
/// `valid` and suggesting the closest word when one is near.
pub fn unknown_word(cx: &Ctxt, path: &syn::Path, kind: &str, valid: &[Symbol]) {
    let word = path.to_token_stream().to_string().replace(' ', "");
    let list = valid.iter().map(|s| s.0).collect::<Vec<_>>().join(", ");
    let message = match closest(&word, valid) {
        Some(best) => {
            format!("unknown {kind} `{word}`; did you mean `{best}`? (expected one of: {list})")
        }
        None => format!("unknown {kind} `{word}` (expected one of: {list})"),
    };
    cx.error_spanned_by(path, message);
}

/// The valid word nearest to `word`, if it is near enough to be a typo: at most one
/// edit per three characters (and at least one).
fn closest(word: &str, valid: &[Symbol]) -> Option<&'static str> {
    let word = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    valid
        .iter()
        .map(|s| (distance(&word, s.0), s.0))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, s)| s)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and
/// transpositions of neighbours each cost one.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::internals::symbol::{CONTAINER_WORDS, FIELD_WORDS};

    #[test]
    fn typos_find_their_word() {
        assert_eq!(closest("requird", FIELD_WORDS), Some("required"));
        assert_eq!(closest("reqiured", FIELD_WORDS), Some("required"));
        assert_eq!(closest("flaten", FIELD_WORDS), Some("flatten"));
        assert_eq!(closest("Secret", FIELD_WORDS), Some("secret"));
        assert_eq!(closest("repeat", FIELD_WORDS), Some("repeated"));
        assert_eq!(closest("no_dbg", CONTAINER_WORDS), Some("no_debug"));
    }

    #[test]
    fn unrelated_words_get_no_suggestion() {
        assert_eq!(closest("bogus", FIELD_WORDS), None);
        assert_eq!(closest("skip_serializing", FIELD_WORDS), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("abc", "acb"), 1);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
