//! Decode / encode errors. Every error names the message and, where there is one, the
//! parameter, and says why, e.g.
//! `AuthenticationRequest: parameter "max_age": expected a non-negative integer, got "abc"`.

use std::fmt;

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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}: {kind}")]
pub struct Error {
    message: &'static str,
    kind: ErrorKind,
}

/// What went wrong; see [`Error`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A required parameter is absent or empty (RFC 6749 §3.1: empty = omitted).
    #[error("missing required parameter \"{0}\"")]
    Missing(String),
    /// A parameter appears more than once (RFC 6749 §3.1).
    #[error("parameter \"{0}\" appears more than once")]
    Duplicate(String),
    /// A parameter's value does not fit its declared type.
    #[error("parameter \"{parameter}\": {reason}")]
    InvalidValue {
        /// The parameter's wire name.
        parameter: String,
        /// Why the value does not fit.
        reason: String,
    },
    /// A `%` not followed by two hex digits.
    #[error("parameter \"{0}\": invalid percent-encoding")]
    PercentEncoding(String),
    /// Percent-decoded bytes that are not UTF-8 (never replaced with U+FFFD).
    #[error("parameter \"{0}\": percent-decoded value is not valid UTF-8")]
    Utf8(String),
    /// The document is not JSON, or not a JSON object.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A URL given to `to_url` / `from_url` cannot be used.
    #[error("invalid URL: {0}")]
    Url(String),
    /// A rule across several parameters (e.g. per-grant required parameters).
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// An error of `kind` about the message named `message`.
    pub fn new(message: &'static str, kind: ErrorKind) -> Self {
        Error { message, kind }
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

/// Quotes a value for an error text, cut short so a huge input cannot make a huge error.
pub(crate) fn quoted(value: &str) -> String {
    const MAX: usize = 48;
    let mut out = String::with_capacity(value.len().min(MAX) + 4);
    out.push('"');
    if value.chars().count() <= MAX {
        fmt::Write::write_fmt(&mut out, format_args!("{}", value.escape_debug())).ok();
    } else {
        let cut: String = value.chars().take(MAX).collect();
        fmt::Write::write_fmt(&mut out, format_args!("{}", cut.escape_debug())).ok();
        out.push('…');
    }
    out.push('"');
    out
}
