//! Decode / encode errors. Every error names the message and, where there is one, the
//! parameter, and says why, e.g.
//! `AuthenticationRequest: parameter "max_age": expected a non-negative integer, got "abc"`.
//!
//! See [`Error`] for how text from the input is printed.

use std::fmt::{self, Write as _};

use crate::message::Location;

/// The most characters of a reason or other input-derived text an error line shows.
pub(crate) const MAX_TEXT_CHARS: usize = 200;

/// The most bytes of each text (parameter name, reason) an [`Error`] keeps.
pub(crate) const MAX_STORED_BYTES: usize = 1024;

/// The most characters of a value [`quoted`] shows.
const MAX_QUOTED_CHARS: usize = 48;

/// A message could not be decoded (or encoded).
///
/// `Display` gives one line naming the message, the parameter and the reason;
/// [`Error::message`], [`Error::parameter`] and [`Error::kind`] give the same facts as
/// values.
///
/// ```
/// use oidc_core::{ErrorKind, OidcMessage};
///
/// #[derive(OidcMessage, Clone, PartialEq)]
/// struct Ping {
///     #[oidc(required)]
///     count: u32,
/// }
///
/// let err = Ping::from_form("count=abc").unwrap_err();
/// assert_eq!(err.to_string(), r#"Ping: parameter "count": expected a non-negative integer, got "abc""#);
/// assert_eq!(err.parameter(), Some("count"));
/// assert!(matches!(err.kind(), ErrorKind::InvalidValue { .. }));
/// ```
///
/// # One short line, whatever the input
///
/// Parameter names, values and the texts of other parsers come from the sender, so
/// `Display` makes sure a forged input cannot forge a log line:
///
/// - **Control characters are escaped**, as Rust's `{:?}` writes them: C0 (`\n`, `\r`,
///   `\t`, `\u{1b}`, ...), DEL and C1 (`\u{85}`, `\u{9b}`), the line and paragraph
///   separators U+2028 / U+2029, and every other character Rust's `Debug` does not
///   print as itself. That includes the bidirectional controls (U+202A-U+202E,
///   U+2066-U+2069, U+200E, U+200F, U+061C), which can make a line read differently
///   from what it holds ("Trojan Source", CVE-2021-42574), and invisible format
///   characters (U+200B, U+FEFF, U+00AD). Printable text in any script stays as it is.
/// - **Lengths are bounded**: a quoted name or value shows at most its first 48
///   characters (then `…`), any other text from the input at most 200 characters of
///   output; an `Error` keeps at most 1 KiB of each text it holds (so `Debug` is
///   bounded too, and [`parameter`](Self::parameter) of a longer name is cut).
///
/// So an error line is at most a few hundred bytes plus the message name, even for a
/// 1 MiB input:
///
/// ```
/// use oidc_core::messages::AuthenticationRequest;
/// use oidc_core::OidcMessage;
///
/// let forged = format!("x%0D%0AINFO+login+ok={}&x%0D%0AINFO+login+ok=2", "a".repeat(1 << 20));
/// let err = AuthenticationRequest::from_form(&forged).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"AuthenticationRequest: parameter "x\r\nINFO login ok" appears more than once"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: &'static str,
    kind: ErrorKind,
    /// Set by `from_url` with `Location::Auto`: the component it chose.
    read: Option<UrlRead>,
}

/// Which component of a URL `Location::Auto` read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct UrlRead {
    location: Location,
    fragment_ignored: bool,
}

/// What went wrong; see [`Error`].
///
/// `Display` escapes control characters and cuts long texts (see [`Error`]), so it is
/// one short line even for hostile input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A required parameter is absent or empty (RFC 6749 §3.1: empty = omitted).
    Missing(String),
    /// A parameter appears more than once (RFC 6749 §3.1).
    Duplicate(String),
    /// A parameter's value does not fit its declared type.
    InvalidValue {
        /// The parameter's wire name.
        parameter: String,
        /// Why the value does not fit.
        reason: String,
    },
    /// A `%` not followed by two hex digits.
    PercentEncoding(String),
    /// Percent-decoded bytes that are not UTF-8 (never replaced with U+FFFD).
    Utf8(String),
    /// The document is not JSON, or not a JSON object.
    Json(String),
    /// A URL given to `to_url` / `from_url` cannot be used.
    Url(String),
    /// A rule across several parameters (e.g. per-grant required parameters).
    Invalid(String),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Missing(p) => write!(f, "missing required parameter {}", Quoted(p)),
            ErrorKind::Duplicate(p) => write!(f, "parameter {} appears more than once", Quoted(p)),
            ErrorKind::InvalidValue { parameter, reason } => {
                write!(
                    f,
                    "parameter {}: {}",
                    Quoted(parameter),
                    OneLine::new(reason)
                )
            }
            ErrorKind::PercentEncoding(p) => {
                write!(f, "parameter {}: invalid percent-encoding", Quoted(p))
            }
            ErrorKind::Utf8(p) => write!(
                f,
                "parameter {}: percent-decoded value is not valid UTF-8",
                Quoted(p)
            ),
            ErrorKind::Json(text) => write!(f, "invalid JSON: {}", OneLine::new(text)),
            ErrorKind::Url(text) => write!(f, "invalid URL: {}", OneLine::new(text)),
            ErrorKind::Invalid(text) => write!(f, "{}", OneLine::new(text)),
        }
    }
}

impl std::error::Error for ErrorKind {}

impl ErrorKind {
    /// Cuts every text to `MAX_STORED_BYTES`.
    fn bounded(mut self) -> Self {
        match &mut self {
            ErrorKind::Missing(text)
            | ErrorKind::Duplicate(text)
            | ErrorKind::PercentEncoding(text)
            | ErrorKind::Utf8(text)
            | ErrorKind::Json(text)
            | ErrorKind::Url(text)
            | ErrorKind::Invalid(text) => cut_stored(text),
            ErrorKind::InvalidValue { parameter, reason } => {
                cut_stored(parameter);
                cut_stored(reason);
            }
        }
        self
    }
}

/// Cuts `text` to at most `MAX_STORED_BYTES` (on a character boundary), marking the cut.
fn cut_stored(text: &mut String) {
    if text.len() > MAX_STORED_BYTES {
        let mut end = MAX_STORED_BYTES - '…'.len_utf8();
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
}

impl Error {
    /// An error of `kind` about the message named `message`. Texts longer than 1 KiB
    /// are cut (hostile input can make them any length).
    pub fn new(message: &'static str, kind: ErrorKind) -> Self {
        Error {
            message,
            kind: kind.bounded(),
            read: None,
        }
    }

    /// The URL component the parameters were read from, when `from_url` chose it
    /// (`Location::Auto`): [`Location::Query`] or [`Location::Fragment`]. `Display`
    /// says it too.
    pub fn url_component(&self) -> Option<Location> {
        self.read.map(|read| read.location)
    }

    /// Records that `from_url` with `Location::Auto` read `location` (and whether it
    /// passed over a fragment that held none of the message's parameters).
    pub(crate) fn read_from(mut self, location: Location, fragment_ignored: bool) -> Self {
        self.read = Some(UrlRead {
            location,
            fragment_ignored,
        });
        self
    }

    /// The name of the message that failed, e.g. `"AuthenticationRequest"`.
    pub fn message(&self) -> &'static str {
        self.message
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The wire name of the parameter at fault, when the error is about one.
    pub fn parameter(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Missing(p)
            | ErrorKind::Duplicate(p)
            | ErrorKind::PercentEncoding(p)
            | ErrorKind::Utf8(p) => Some(p),
            ErrorKind::InvalidValue { parameter, .. } => Some(parameter),
            ErrorKind::Json(_) | ErrorKind::Url(_) | ErrorKind::Invalid(_) => None,
        }
    }

    pub(crate) fn missing(message: &'static str, parameter: &str) -> Self {
        Error::new(message, ErrorKind::Missing(parameter.to_owned()))
    }

    pub(crate) fn duplicate(message: &'static str, parameter: &str) -> Self {
        Error::new(message, ErrorKind::Duplicate(parameter.to_owned()))
    }

    pub(crate) fn invalid(
        message: &'static str,
        parameter: &str,
        reason: impl Into<String>,
    ) -> Self {
        Error::new(
            message,
            ErrorKind::InvalidValue {
                parameter: parameter.to_owned(),
                reason: reason.into(),
            },
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.message, self.kind)?;
        match self.read {
            None => Ok(()),
            Some(UrlRead {
                location: Location::Fragment,
                ..
            }) => f.write_str(" (read from the URL fragment)"),
            Some(UrlRead {
                fragment_ignored: true,
                ..
            }) => f.write_str(
                " (read from the URL query; its fragment holds none of the message's parameters)",
            ),
            Some(_) => f.write_str(" (read from the URL query)"),
        }
    }
}

impl std::error::Error for Error {}

/// Quotes a value for an error text: `"` + the value with control characters, quotes and
/// backslashes escaped as Rust's `{:?}` does + `"`, cut after 48 characters (`…`), so a
/// huge or hostile input cannot make a huge or multi-line error. For crates that build
/// their own error texts from received values (the `oidc-client` crate does), so
/// they read like this crate's.
///
/// ```
/// assert_eq!(oidc_core::quoted("https://evil.example\r\nINFO ok"), r#""https://evil.example\r\nINFO ok""#);
/// assert_eq!(oidc_core::quoted(&"a".repeat(100)).chars().count(), 48 + 3);
/// ```
pub fn quoted(value: &str) -> String {
    Quoted(value).to_string()
}

/// Text taken from the input written on one line, unquoted: characters Rust's `Debug`
/// would not print as themselves escaped the way it escapes them, at most 200
/// characters (then `…`). What error responses' `Display` uses for
/// `error_description`.
///
/// ```
/// assert_eq!(oidc_core::one_line("bad gateway\r\n\u{202e}txt"), r"bad gateway\r\n\u{202e}txt");
/// assert_eq!(oidc_core::one_line(&"x".repeat(500)).chars().count(), 201);
/// ```
pub fn one_line(text: &str) -> String {
    OneLine::new(text).to_string()
}

/// [`quoted`] without the allocation.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        // Stop counting at the cut: a 1 MiB value is not walked to the end.
        let (shown, cut) = match value.char_indices().nth(MAX_QUOTED_CHARS) {
            Some((end, _)) => (&value[..end], true),
            None => (value, false),
        };
        f.write_char('"')?;
        write!(f, "{}", shown.escape_debug())?;
        if cut {
            f.write_char('…')?;
        }
        f.write_char('"')
    }
}

/// Text taken from the input (a reason, another parser's message, an error response's
/// description) written on one line: characters that Rust's `Debug` would not print as
/// themselves are escaped the way it escapes them (quotes and backslashes are left
/// alone: the text is not quoted), and the output stops after `max` characters with `…`.
pub(crate) struct OneLine<'a> {
    text: &'a str,
    max: usize,
}

impl<'a> OneLine<'a> {
    /// At most `MAX_TEXT_CHARS` characters.
    pub(crate) fn new(text: &'a str) -> Self {
        OneLine {
            text,
            max: MAX_TEXT_CHARS,
        }
    }

    /// At most `max` characters.
    pub(crate) fn at_most(text: &'a str, max: usize) -> Self {
        OneLine { text, max }
    }
}

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut budget = self.max;
        for c in self.text.chars() {
            if is_shown_as_is(c) {
                if budget == 0 {
                    return f.write_char('…');
                }
                budget -= 1;
                f.write_char(c)?;
            } else {
                let escaped = c.escape_debug();
                if budget < escaped.len() {
                    return f.write_char('…');
                }
                budget -= escaped.len();
                write!(f, "{escaped}")?;
            }
        }
        Ok(())
    }
}

/// Whether `c` is printed as itself on one line: not a control character, not a line or
/// paragraph separator, not a bidirectional or other invisible format character. Asks
/// Rust's own table (`str::escape_debug` escapes exactly the characters it does not
/// print; behind another character, combining marks are not escaped).
pub(crate) fn is_shown_as_is(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_control();
    }
    let mut pair = [0u8; 8];
    let len = {
        pair[0] = b' ';
        1 + c.encode_utf8(&mut pair[1..]).len()
    };
    let pair = std::str::from_utf8(&pair[..len]).unwrap_or(" ");
    pair.escape_debug().nth(1) == Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_escapes_and_cuts() {
        assert_eq!(one_line("plain text"), "plain text");
        assert_eq!(one_line("a\r\nb\u{7f}"), r"a\r\nb\u{7f}");
        let long = one_line(&"é".repeat(300));
        assert_eq!(long.chars().count(), 201);
        assert!(long.ends_with('…'));
    }

    /// Every character an attacker could use to break or disguise a log line.
    const HOSTILE: &[char] = &[
        '\n', '\r', '\t', '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{2028}', '\u{2029}',
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}', '\u{200b}', '\u{feff}',
        '\u{ad}',
    ];

    fn assert_safe(line: &str) {
        assert!(line.chars().all(is_shown_as_is), "{line:?}");
        assert!(line.len() <= 1024, "{} bytes", line.len());
    }

    #[test]
    fn hostile_characters_are_escaped_everywhere() {
        for &c in HOSTILE {
            let text = format!("a{c}b");
            assert!(!is_shown_as_is(c), "{c:?}");
            for kind in [
                ErrorKind::Missing(text.clone()),
                ErrorKind::Duplicate(text.clone()),
                ErrorKind::InvalidValue {
                    parameter: text.clone(),
                    reason: text.clone(),
                },
                ErrorKind::PercentEncoding(text.clone()),
                ErrorKind::Utf8(text.clone()),
                ErrorKind::Json(text.clone()),
                ErrorKind::Url(text.clone()),
                ErrorKind::Invalid(text.clone()),
            ] {
                let line = Error::new("M", kind).to_string();
                assert_safe(&line);
                assert!(line.contains(&c.escape_debug().to_string()), "{line}");
            }
        }
    }

    #[test]
    fn printable_text_stays_as_it_is() {
        for text in ["naïve café", "日本語", "e\u{301}", "a \"b\" \\c", "Ωμέγα"] {
            assert_eq!(OneLine::new(text).to_string(), text);
        }
        assert_eq!(
            Error::new("M", ErrorKind::Invalid("it's \"fine\"".into())).to_string(),
            "M: it's \"fine\""
        );
    }

    #[test]
    fn a_huge_input_makes_a_short_line() {
        let huge = "\n".repeat(1 << 20) + &"x".repeat(1 << 20);
        for kind in [
            ErrorKind::Duplicate(huge.clone()),
            ErrorKind::InvalidValue {
                parameter: huge.clone(),
                reason: huge.clone(),
            },
            ErrorKind::Json(huge.clone()),
        ] {
            let err = Error::new("M", kind);
            let line = err.to_string();
            assert_safe(&line);
            assert!(line.contains('…') && line.len() < 600, "{line}");
            assert!(format!("{err:?}").len() < 3 * MAX_STORED_BYTES * 2);
        }
    }

    #[test]
    fn the_budget_counts_output_characters() {
        assert_eq!(OneLine::at_most("abc", 3).to_string(), "abc");
        assert_eq!(OneLine::at_most("abcd", 3).to_string(), "abc…");
        // `\n` takes two characters of the budget.
        assert_eq!(OneLine::at_most("ab\n", 4).to_string(), "ab\\n");
        assert_eq!(OneLine::at_most("abc\n", 4).to_string(), "abc…");
        assert_eq!(quoted(&"y".repeat(48)), format!("\"{}\"", "y".repeat(48)));
        assert_eq!(quoted(&"y".repeat(49)), format!("\"{}…\"", "y".repeat(48)));
        assert_eq!(quoted("a\"\\\n"), r#""a\"\\\n""#);
    }

    #[test]
    fn stored_texts_are_cut_on_a_character_boundary() {
        let mut text = "é".repeat(MAX_STORED_BYTES);
        cut_stored(&mut text);
        assert!(text.len() <= MAX_STORED_BYTES && text.ends_with('…'));
        let mut exact = "x".repeat(MAX_STORED_BYTES);
        cut_stored(&mut exact);
        assert_eq!(exact.len(), MAX_STORED_BYTES);
        let mut over = "x".repeat(MAX_STORED_BYTES + 1);
        cut_stored(&mut over);
        assert_eq!(over.len(), MAX_STORED_BYTES);
    }
}
