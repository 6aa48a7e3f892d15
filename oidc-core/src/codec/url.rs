//! Finding the parameters in a redirect URL and merging parameters into a base URL.

use std::borrow::Cow;

use crate::error::{quoted, Error, ErrorKind};
use crate::message::Location;

/// The parameters found in a redirect URL; see [`parameters`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UrlParameters<'u> {
    /// The form-encoded parameters (borrowed unless the URL had tabs or newlines to
    /// remove).
    pub params: Cow<'u, str>,
    /// The component they were read from: [`Location::Query`] or [`Location::Fragment`].
    pub read: Location,
    /// `Location::Auto` read the query although the URL has a non-empty fragment,
    /// because the fragment held none of the message's parameters (`#_=_`, `#/route`).
    pub fragment_ignored: bool,
    /// The caller asked for `Location::Auto` (then errors say which component was read).
    pub auto: bool,
}

impl UrlParameters<'_> {
    /// `error` with the component that was read, when `Location::Auto` chose it.
    pub fn explain(&self, error: Error) -> Error {
        if self.auto {
            error.read_from(self.read, self.fragment_ignored)
        } else {
            error
        }
    }
}

/// The parameters at `location` in `url`, for a message whose parameter names
/// `declares` recognizes.
///
/// Accepts what real redirects look like (see `tests/data/redirects`): absolute URLs
/// with any scheme (`https:`, `exp:`, `com.example.app:`), origin-form request targets
/// (`/cb?code=..`), a bare query (`?code=..` or `code=..`), a bare fragment (`#code=..`).
/// As the WHATWG URL parser does, leading and trailing C0 controls and spaces are
/// removed and ASCII tabs and newlines inside are ignored (a URL copied from a wrapped
/// line or a log still reads right).
///
/// `Location::Auto` reads the fragment only when it carries the message: when one of
/// its parameter names is `error` or one the message `declares`. Otherwise it reads
/// the query, so what apps and providers put in fragments for themselves does not
/// hide the query: Facebook's `#_=_`, a page anchor `#section`, hash-routed apps'
/// `#/callback`, `#!`. (The Python library `simple_openid_connect` reads any non-empty
/// fragment first.)
///
/// ```
/// use oidc_core::codec::url::parameters;
/// use oidc_core::Location;
///
/// let found = parameters("https://rp.example/cb?code=abc#_=_", Location::Auto, |name| name == "code");
/// assert_eq!(found.params, "code=abc");
/// assert_eq!(found.read, Location::Query);
/// assert!(found.fragment_ignored);
/// ```
pub fn parameters<'u>(
    url: &'u str,
    location: Location,
    declares: impl Fn(&str) -> bool,
) -> UrlParameters<'u> {
    let cleaned = whatwg_clean(url);
    let text: &str = &cleaned;
    let (before_fragment, fragment) = match memchr::memchr(b'#', text.as_bytes()) {
        Some(i) => (0..i, Some(i + 1..text.len())),
        None => (0..text.len(), None),
    };
    let before = &text[before_fragment.clone()];
    let query = match memchr::memchr(b'?', before.as_bytes()) {
        Some(i) => i + 1..before.len(),
        // No `?`: a bare `a=b&c=d` string is itself the query; a URL without `?` has none.
        None if looks_like_bare_query(before) => before_fragment,
        None => 0..0,
    };
    let fragment_text = fragment.clone().map_or("", |f| &text[f]);
    let (range, read, fragment_ignored) = match location {
        Location::Query => (query, Location::Query, false),
        Location::Fragment => (fragment.unwrap_or(0..0), Location::Fragment, false),
        Location::Auto => match fragment {
            Some(f) if carries_message(fragment_text, &declares) => (f, Location::Fragment, false),
            _ => (query, Location::Query, !fragment_text.is_empty()),
        },
    };
    let params = match cleaned {
        Cow::Borrowed(url) => Cow::Borrowed(&url[range]),
        Cow::Owned(url) => Cow::Owned(url[range].to_owned()),
    };
    UrlParameters {
        params,
        read,
        fragment_ignored,
        auto: location == Location::Auto,
    }
}

/// Whether a parameter name in `fragment` is `error` or one the message declares.
/// Names that do not decode are skipped (the fragment is then decoded, and the
/// problem reported, only if another name makes it the message).
fn carries_message(fragment: &str, declares: &impl Fn(&str) -> bool) -> bool {
    crate::codec::form::any_name(fragment, |name| name == "error" || declares(name))
}

/// The WHATWG URL parser's first steps: remove leading and trailing C0 controls and
/// spaces, then every ASCII tab, LF and CR. Borrows unless there is a tab or newline
/// inside.
fn whatwg_clean(url: &str) -> Cow<'_, str> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    if memchr::memchr3(b'\t', b'\n', b'\r', trimmed.as_bytes()).is_some() {
        Cow::Owned(trimmed.replace(['\t', '\n', '\r'], ""))
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// `from_url`: the parameters at `location` decoded by `decode`; when `Location::Auto`
/// chose the component, an error says which one.
pub(crate) fn decode_url<T>(
    url: &str,
    location: Location,
    declares: impl Fn(&str) -> bool,
    decode: impl FnOnce(&str) -> Result<T, Error>,
) -> Result<T, Error> {
    let found = parameters(url, location, declares);
    decode(&found.params).map_err(|e| found.explain(e))
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

/// Schemes `to_url` refuses as a base: they run script (`javascript:`, `vbscript:`),
/// are a document of their own (`data:`, `about:`), or name something local to the
/// machine or browser (`file:`, `blob:`, `filesystem:`). None of them is an
/// authorization, logout or redirection endpoint, and a URL built on one is a way to
/// run attacker text or leak parameters. Compared ASCII case-insensitively. Every
/// other scheme stays usable: `https:`, `http:` (loopback redirects for native apps,
/// RFC 8252 §7.3) and private-use schemes such as `com.example.app:/cb` (RFC 8252 §7.1).
pub const REFUSED_SCHEMES: &[&str] = &[
    "javascript",
    "vbscript",
    "data",
    "about",
    "file",
    "blob",
    "filesystem",
];

/// Checks that `base` can receive parameters: an absolute URL (a scheme, then a
/// non-empty rest) without a fragment, since RFC 6749 §3.1 and §3.1.2 forbid fragments
/// in endpoint and redirection URIs; not one of the [`REFUSED_SCHEMES`]; and without
/// whitespace, control characters or invisible format characters (bidirectional
/// overrides), which no valid URL holds unencoded.
pub fn check_base(message: &'static str, base: &str) -> Result<(), Error> {
    let url_error = |reason: String| Err(Error::new(message, ErrorKind::Url(reason)));
    let Some(scheme) = scheme_len(base) else {
        return url_error(format!(
            "{} is not an absolute URL (expected a scheme such as https://)",
            quoted(base)
        ));
    };
    if base.len() == scheme + 1
        || base
            .chars()
            .any(|c| c.is_whitespace() || !crate::error::is_shown_as_is(c))
    {
        return url_error(format!("{} is not a usable absolute URL", quoted(base)));
    }
    let scheme_name = &base[..scheme];
    if REFUSED_SCHEMES
        .iter()
        .any(|refused| refused.eq_ignore_ascii_case(scheme_name))
    {
        return url_error(format!(
            "{} cannot receive parameters: the {}: scheme is refused (script, inline document or local resource)",
            quoted(base),
            scheme_name.to_ascii_lowercase()
        ));
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

    fn params(url: &str, location: Location) -> String {
        parameters(url, location, |name| {
            ["a", "b", "code", "state"].contains(&name)
        })
        .params
        .into_owned()
    }

    #[test]
    fn auto_prefers_a_fragment_with_the_message() {
        assert_eq!(params("https://x/cb?a=1#b=2", Location::Auto), "b=2");
        assert_eq!(params("https://x/cb?a=1#", Location::Auto), "a=1");
        assert_eq!(params("https://x/cb?a=1", Location::Auto), "a=1");
        assert_eq!(params("https://x/cb?a=1#b=2", Location::Query), "a=1");
        assert_eq!(params("https://x/cb?a=1", Location::Fragment), "");
        assert_eq!(
            params("https://x/cb?a=1#error=x", Location::Auto),
            "error=x"
        );
        assert_eq!(params("https://x/cb?a=1#%61=2", Location::Auto), "%61=2");
        assert_eq!(
            params("https://x/cb?a=1#z%=1&b=2", Location::Auto),
            "z%=1&b=2"
        );
    }

    #[test]
    fn auto_reads_the_query_past_fragments_the_message_does_not_own() {
        for fragment in [
            "_=_",
            "section",
            "/callback",
            "!",
            "/cb?x=1",
            "other=1",
            "%zz",
            "=a",
        ] {
            let url = format!("https://rp/cb?code=c#{fragment}");
            let found = parameters(&url, Location::Auto, |n| n == "code");
            assert_eq!(found.params, "code=c", "{fragment}");
            assert_eq!(found.read, Location::Query);
            assert!(found.fragment_ignored);
        }
        let found = parameters("https://rp/cb?code=c#", Location::Auto, |n| n == "code");
        assert!(!found.fragment_ignored);
        // Explicit locations read what they are told.
        assert_eq!(
            params("https://rp/cb?code=c#_=_", Location::Fragment),
            "_=_"
        );
    }

    #[test]
    fn tabs_and_newlines_are_removed_and_ends_trimmed() {
        assert_eq!(
            params(" \thttps://x/cb?co\r\nde=a\tb&st\nate=s \n", Location::Auto),
            "code=ab&state=s"
        );
        assert_eq!(params("https://x/cb#co\nde=1", Location::Auto), "code=1");
        assert!(matches!(
            parameters("https://x/cb?code=1", Location::Auto, |_| true).params,
            Cow::Borrowed(_)
        ));
        // Other whitespace inside is data, left to the form decoder.
        assert_eq!(params("https://x/cb?code=a b", Location::Query), "code=a b");
    }

    #[test]
    fn only_auto_says_which_component_it_read() {
        let found = |location| parameters("https://x/cb?a=1#b=2", location, |_| true);
        assert!(found(Location::Auto).auto);
        assert!(!found(Location::Query).auto);
        assert!(!found(Location::Fragment).auto);
    }

    #[test]
    fn bare_queries_and_fragments() {
        assert_eq!(params("?a=1", Location::Query), "a=1");
        assert_eq!(params("a=1&b=2", Location::Auto), "a=1&b=2");
        assert_eq!(params("#a=1", Location::Auto), "a=1");
        assert_eq!(params("/cb?a=1", Location::Auto), "a=1");
        assert_eq!(params("https://x/cb", Location::Auto), "");
        assert_eq!(params("exp://127.0.0.1:19000#a=1", Location::Auto), "a=1");
    }

    #[test]
    fn schemes_follow_rfc_3986() {
        // RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then `:`.
        for (url, len) in [
            ("https://x", Some(5)),
            ("com.example.app:/cb", Some(15)),
            ("web+oidc:/cb", Some(8)),
            ("my-app:/cb", Some(6)),
            ("x1.a-b+c:", Some(8)),
            ("h:", Some(1)),
        ] {
            assert_eq!(scheme_len(url), len, "{url}");
        }
        for url in [
            "1http://x",
            "+app:/cb",
            "-app:/cb",
            ".app:/cb",
            ":x",
            "my_app:/cb",
            "a b:/cb",
            "no-colon",
            "",
        ] {
            assert_eq!(scheme_len(url), None, "{url}");
        }
        // A private-use redirect with such a scheme is a URL, not a bare query.
        assert_eq!(params("web+oidc:/cb?a=1&b=2", Location::Auto), "a=1&b=2");
        assert_eq!(params("my-app:/cb#a=1", Location::Auto), "a=1");
        assert_eq!(params("my-app:a=1", Location::Query), "");
    }

    #[test]
    fn a_bare_query_is_pairs_without_a_path_an_authority_or_a_scheme() {
        for (text, bare) in [
            ("a=1&b=2", true),
            ("code=x:y", true),
            ("redirect=https%3A%2F%2Fx", true),
            ("a", false),
            ("/cb=1", false),
            ("x/y://z=1", false),
            ("my-app:x=1", false),
            ("web+oidc:x=1", false),
            ("", false),
        ] {
            assert_eq!(looks_like_bare_query(text), bare, "{text}");
        }
        assert_eq!(params("code=x:y", Location::Query), "code=x:y");
        assert_eq!(params("my-app:x=1", Location::Query), "");
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
    fn script_document_and_local_schemes_are_refused() {
        for base in [
            "javascript:alert(1)//",
            "JavaScript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>x</script>",
            "about:blank",
            "file:///etc/passwd",
            "blob:https://rp.example/uuid",
            "filesystem:https://rp.example/temporary/x",
        ] {
            let err = merge_query("T", base, "a=1").unwrap_err();
            assert!(
                err.to_string().contains("scheme is refused"),
                "{base}: {err}"
            );
        }
        for base in [
            "https://op.example/authorize",
            "http://127.0.0.1:8080/cb",
            "http://[::1]/cb",
            "com.example.app:/cb",
            "exp://127.0.0.1:19000",
            "javascriptx:/cb",
            "datax:/cb",
        ] {
            assert!(merge_query("T", base, "a=1").is_ok(), "{base}");
        }
    }

    #[test]
    fn bases_with_control_or_invisible_characters_are_refused() {
        for c in [
            '\n', '\r', '\t', '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{2028}', '\u{202e}',
            '\u{200b}', ' ',
        ] {
            let base = format!("https://op.example/auth{c}orize");
            let err = merge_query("T", &base, "a=1").unwrap_err();
            assert!(
                err.to_string().contains("not a usable absolute URL"),
                "{c:?}: {err}"
            );
            assert!(c == ' ' || !err.to_string().contains(c), "{c:?}: {err}");
        }
        assert!(merge_query("T", "https://op.example/café", "a=1").is_ok());
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
