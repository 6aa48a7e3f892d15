//! The freshness lifetime a `Cache-Control` header value gives a response, for a
//! private cache (RFC 9111 §5.2.2).

/// RFC 9111 §1.2.2: a `delta-seconds` too large to represent counts as 2^31.
const DELTA_SECONDS_CAP: u64 = 1 << 31;

/// The `max-age` of a `Cache-Control` value: `Some(seconds)`; `Some(0)` when the
/// response must not be reused without revalidation (`no-cache`, `no-store`) or its
/// freshness information is invalid (a repeated or malformed `max-age`: RFC 9111
/// §4.2.1 lets a cache consider it stale); `None` when it says nothing about
/// freshness. Directive names are case-insensitive (§5.2); `s-maxage` is for shared
/// caches and ignored; the quoted form `max-age="5"` is read too (§5.2: recipients
/// should accept both forms).
pub(super) fn max_age(header: &str) -> Option<u64> {
    let mut found: Option<u64> = None;
    let mut stale = false;
    for directive in header.split(',') {
        let (name, value) = match directive.split_once('=') {
            Some((name, value)) => (name.trim(), Some(value.trim())),
            None => (directive.trim(), None),
        };
        if name.eq_ignore_ascii_case("no-cache") || name.eq_ignore_ascii_case("no-store") {
            stale = true;
        } else if name.eq_ignore_ascii_case("max-age") {
            let seconds = value.and_then(delta_seconds);
            match (found, seconds) {
                (None, Some(seconds)) => found = Some(seconds),
                _ => stale = true,
            }
        }
    }
    if stale {
        Some(0)
    } else {
        found
    }
}

/// `1*DIGIT`, possibly quoted; too large counts as 2^31 (RFC 9111 §1.2.2).
fn delta_seconds(value: &str) -> Option<u64> {
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        value
            .parse::<u64>()
            .map_or(DELTA_SECONDS_CAP, |v| v.min(DELTA_SECONDS_CAP)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        for (header, expected) in [
            ("max-age=300", Some(300)),
            ("public, max-age=300", Some(300)),
            ("Max-Age=300, must-revalidate", Some(300)),
            ("max-age = 300", Some(300)),
            ("max-age=\"300\"", Some(300)),
            ("max-age=0", Some(0)),
            ("max-age=99999999999999999999999", Some(1 << 31)),
            ("max-age=4294967296", Some(1 << 31)),
            ("max-age=2147483647", Some(2147483647)),
            ("no-store", Some(0)),
            ("max-age=300, no-cache", Some(0)),
            ("No-Cache", Some(0)),
            ("max-age=300, max-age=600", Some(0)),
            ("max-age=-1", Some(0)),
            ("max-age=3e2", Some(0)),
            ("max-age=", Some(0)),
            ("max-age", Some(0)),
            ("s-maxage=600", None),
            ("public", None),
            ("", None),
            ("private, max-age=60, s-maxage=600", Some(60)),
        ] {
            assert_eq!(max_age(header), expected, "{header:?}");
        }
    }
}
