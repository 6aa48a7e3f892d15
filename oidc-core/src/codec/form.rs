//! WHATWG `application/x-www-form-urlencoded` parsing and serialisation.
//!
//! Differences from the WHATWG parser are deliberate (DESIGN §5): a `%` that is not
//! followed by two hex digits and percent-decoded bytes that are not UTF-8 are errors
//! instead of being passed through or replaced with U+FFFD, because a silently mangled
//! `code` or `state` is worse than a clear error.

use std::borrow::Cow;

use crate::error::{Error, ErrorKind};

/// Splits `body` into percent-decoded `(name, value)` pairs and hands each to `sink`.
///
/// Pairs are separated by `&`; empty pieces (`a=1&&b=2`) are skipped; a piece without `=`
/// has an empty value. Names and values borrow from `body` unless they contain `%` or `+`.
/// Errors name `message` and the parameter.
pub fn parse_pairs<'a>(
    message: &'static str,
    body: &'a str,
    mut sink: impl FnMut(Cow<'a, str>, Cow<'a, str>) -> Result<(), Error>,
) -> Result<(), Error> {
    for piece in body.split('&') {
        if piece.is_empty() {
            continue;
        }
        let (raw_key, raw_value) = match piece.find('=') {
            Some(i) => (&piece[..i], &piece[i + 1..]),
            None => (piece, ""),
        };
        let key = decode_component(raw_key).map_err(|kind| error_for(message, raw_key, kind))?;
        let value = decode_component(raw_value).map_err(|kind| error_for(message, &key, kind))?;
        sink(key, value)?;
    }
    Ok(())
}

enum DecodeFailure {
    Percent,
    Utf8,
}

fn error_for(message: &'static str, parameter: &str, failure: DecodeFailure) -> Error {
    let parameter = parameter.to_owned();
    match failure {
        DecodeFailure::Percent => Error::new(message, ErrorKind::PercentEncoding(parameter)),
        DecodeFailure::Utf8 => Error::new(message, ErrorKind::Utf8(parameter)),
    }
}

/// Percent-decodes one name or value: `+` is a space, `%XX` a byte.
fn decode_component(raw: &str) -> Result<Cow<'_, str>, DecodeFailure> {
    let bytes = raw.as_bytes();
    let Some(first) = bytes.iter().position(|&b| b == b'%' || b == b'+') else {
        return Ok(Cow::Borrowed(raw));
    };
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..first]);
    let mut i = first;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|&b| hex_value(b));
                let lo = bytes.get(i + 2).and_then(|&b| hex_value(b));
                match (hi, lo) {
                    (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                    _ => return Err(DecodeFailure::Percent),
                }
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| DecodeFailure::Utf8)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Bytes the WHATWG form serializer leaves as they are: ASCII alphanumerics and `*-._`.
const fn unreserved_table() -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'*' || c == b'-' || c == b'.' || c == b'_';
        b += 1;
    }
    table
}

static UNRESERVED: [bool; 256] = unreserved_table();
const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `text` form-encoded to `out` (space as `+`, everything outside
/// `[A-Za-z0-9*-._]` as `%XX`).
///
/// ```
/// let mut out = String::new();
/// oidc_core::codec::form::encode_into(&mut out, "a b&c=d/é");
/// assert_eq!(out, "a+b%26c%3Dd%2F%C3%A9");
/// ```
pub fn encode_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    // Copy runs of unreserved bytes as whole slices. Such a run is ASCII, so a
    // non-empty run starts on a char boundary.
    for (i, &b) in bytes.iter().enumerate() {
        if UNRESERVED[b as usize] {
            continue;
        }
        if start < i {
            out.push_str(&text[start..i]);
        }
        if b == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(HEX_UPPER[(b >> 4) as usize] as char);
            out.push(HEX_UPPER[(b & 15) as usize] as char);
        }
        start = i + 1;
    }
    if start < bytes.len() {
        out.push_str(&text[start..]);
    }
}

/// Appends `name=value` (both encoded) to a form body, with `&` when it is not the first.
pub fn append_pair(out: &mut String, name: &str, value: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    encode_into(out, name);
    out.push('=');
    encode_into(out, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(body: &str) -> Result<Vec<(String, String)>, Error> {
        let mut out = Vec::new();
        parse_pairs("Test", body, |k, v| {
            out.push((k.into_owned(), v.into_owned()));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn plus_and_percent_20_are_spaces() {
        assert_eq!(
            pairs("a=x+y&b=x%20y").unwrap(),
            vec![("a".into(), "x y".into()), ("b".into(), "x y".into())]
        );
    }

    #[test]
    fn keys_are_percent_decoded() {
        assert_eq!(
            pairs("%61%5Fb=1").unwrap(),
            vec![("a_b".into(), "1".into())]
        );
    }

    #[test]
    fn empty_pieces_are_skipped_and_bare_names_have_empty_values() {
        assert_eq!(
            pairs("&a=1&&b&").unwrap(),
            vec![("a".into(), "1".into()), ("b".into(), String::new())]
        );
    }

    #[test]
    fn bad_percent_escapes_are_errors_naming_the_parameter() {
        let err = pairs("state=ab%2").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"Test: parameter "state": invalid percent-encoding"#
        );
        assert!(pairs("state=%zz").is_err());
        assert!(pairs("a%=1").is_err());
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_replacement_character() {
        let err = pairs("code=%FF%FE").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"Test: parameter "code": percent-decoded value is not valid UTF-8"#
        );
    }

    #[test]
    fn lower_case_hex_decodes() {
        assert_eq!(pairs("x=%7b%3a").unwrap(), vec![("x".into(), "{:".into())]);
    }

    #[test]
    fn encoding_follows_whatwg() {
        let mut out = String::new();
        encode_into(&mut out, "AZaz09*-._ ~!'()&=+%#?");
        assert_eq!(out, "AZaz09*-._+%7E%21%27%28%29%26%3D%2B%25%23%3F");
    }

    #[test]
    fn values_borrow_when_nothing_is_encoded() {
        parse_pairs("Test", "a=plain", |k, v| {
            assert!(matches!(k, Cow::Borrowed(_)) && matches!(v, Cow::Borrowed(_)));
            Ok(())
        })
        .unwrap();
    }
}
