//! Finding the parameters in a redirect URL and merging parameters into a base URL.

use crate::error::{quoted, Error, ErrorKind};
use crate::message::Location;

/// The part of `url` that holds the parameters for `location`.
///
/// Accepts what real redirects look like (see `tests/data/redirects`): absolute URLs
/// with any scheme (`https:`, `exp:`, `com.example.app:`), origin-form request targets
/// (`/cb?code=..`), a bare query (`?code=..` or `code=..`), a bare fragment (`#code=..`).
/// `Auto` reads the fragment when it holds parameters, else the query, as the Python
/// library does (fragment first, then query).
pub fn parameters(url: &str, location: Location) -> &str {
    let (before_fragment, fragment) = match memchr::memchr(b'#', url.as_bytes()) {
        Some(i) => (&url[..i], Some(&url[i + 1..])),
        None => (url, None),
    };
    let query = match memchr::memchr(b'?', before_fragment.as_bytes()) {
        Some(i) => &before_fragment[i + 1..],
        // No `?`: a bare `a=b&c=d` string is itself the query; a URL without `?` has none.
        None if looks_like_bare_query(before_fragment) => before_fragment,
        None => "",
    };
    match location {
        Location::Query => query,
        Location::Fragment => fragment.unwrap_or(""),
        Location::Auto => match fragment {
            Some(f) if !f.is_empty() => f,
            _ => query,
        },
    }
}

fn looks_like_bare_query(s: &str) -> bool {
    s.contains('=') && !s.starts_with('/') && !s.contains("://") && scheme_len(s).is_none()
}

/// Length of an RFC 3986 §3.1 scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`)
/// followed by `:`, if `s` starts with one.
fn scheme_len(s: &str) -> Option<usize> {
    let colon = s.find(':')?;
    let scheme = &s.as_bytes()[..colon];
    let first = *scheme.first()?;
    let valid = first.is_ascii_alphabetic()
        && scheme
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.');
    valid.then_some(colon)
}

/// Checks that `base` can receive parameters: an absolute URL (a scheme, then a
/// non-empty rest) without a fragment, since RFC 6749 §3.1 and §3.1.2 forbid fragments
/// in endpoint and redirection URIs.
pub fn check_base(message: &'static str, base: &str) -> Result<(), Error> {
    let url_error = |reason: String| Err(Error::new(message, ErrorKind::Url(reason)));
    let Some(scheme) = scheme_len(base) else {
        return url_error(format!(
            "{} is not an absolute URL (expected a scheme such as https://)",
            quoted(base)
        ));
    };
    if base.len() == scheme + 1 || base.chars().any(char::is_whitespace) {
        return url_error(format!("{} is not a usable absolute URL", quoted(base)));
    }
    if base.contains('#') {
        return url_error(format!(
            "{} has a fragment, which endpoint URIs must not have (RFC 6749 §3.1)",
            quoted(base)
        ));
    }
    Ok(())
}

/// What goes between `base` and new parameters so its existing query is kept
/// (RFC 6749 §3.1): `?` when it has none, `&` after existing parameters.
pub fn query_separator(base: &str) -> &'static str {
    match base.find('?') {
        None => "?",
        Some(i) if i + 1 == base.len() || base.ends_with('&') => "",
        Some(_) => "&",
    }
}

/// `base` with the form-encoded `params` merged into its query; see [`check_base`].
pub fn merge_query(message: &'static str, base: &str, params: &str) -> Result<String, Error> {
    build(message, base, params.len(), |out, _| out.push_str(params))
}

/// `base`, a separator, then whatever `write_params(out, start)` appends (pairs start at
/// `start`); the separator is dropped again when nothing was appended. `to_url` writes
/// the message's pairs straight into this buffer.
pub(crate) fn build(
    message: &'static str,
    base: &str,
    capacity: usize,
    write_params: impl FnOnce(&mut String, usize),
) -> Result<String, Error> {
    check_base(message, base)?;
    let mut out = String::with_capacity(base.len() + 1 + capacity);
    out.push_str(base);
    let before_separator = out.len();
    out.push_str(query_separator(base));
    let start = out.len();
    write_params(&mut out, start);
    if out.len() == start {
        out.truncate(before_separator);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_prefers_a_fragment_with_parameters() {
        assert_eq!(parameters("https://x/cb?a=1#b=2", Location::Auto), "b=2");
        assert_eq!(parameters("https://x/cb?a=1#", Location::Auto), "a=1");
        assert_eq!(parameters("https://x/cb?a=1", Location::Auto), "a=1");
        assert_eq!(parameters("https://x/cb?a=1#b=2", Location::Query), "a=1");
        assert_eq!(parameters("https://x/cb?a=1", Location::Fragment), "");
    }

    #[test]
    fn bare_queries_and_fragments() {
        assert_eq!(parameters("?a=1", Location::Query), "a=1");
        assert_eq!(parameters("a=1&b=2", Location::Auto), "a=1&b=2");
        assert_eq!(parameters("#a=1", Location::Auto), "a=1");
        assert_eq!(parameters("/cb?a=1", Location::Auto), "a=1");
        assert_eq!(parameters("https://x/cb", Location::Auto), "");
        assert_eq!(
            parameters("exp://127.0.0.1:19000#a=1", Location::Auto),
            "a=1"
        );
    }

    #[test]
    fn merge_keeps_path_and_query() {
        assert_eq!(
            merge_query("T", "https://op.example/authorize", "a=1").unwrap(),
            "https://op.example/authorize?a=1"
        );
        assert_eq!(
            merge_query("T", "https://op.example/authorize?tenant=x", "a=1").unwrap(),
            "https://op.example/authorize?tenant=x&a=1"
        );
        assert_eq!(
            merge_query("T", "https://op.example/authorize?", "a=1").unwrap(),
            "https://op.example/authorize?a=1"
        );
        assert_eq!(
            merge_query("T", "com.example.app:/cb", "a=1").unwrap(),
            "com.example.app:/cb?a=1"
        );
    }

    #[test]
    fn merge_rejects_relative_and_fragment_bases() {
        for base in [
            "/authorize",
            "op.example/authorize",
            "",
            "https:",
            "1http://x",
            "https://x/#f",
        ] {
            let err = merge_query("T", base, "a=1").unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Url(_)), "{base}: {err}");
        }
    }
}
