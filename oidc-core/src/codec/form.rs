//! WHATWG `application/x-www-form-urlencoded` parsing and serialisation.
//!
//! Differences from the WHATWG parser are deliberate: a `%` that is not
//! followed by two hex digits and percent-decoded bytes that are not UTF-8 are errors
//! instead of being passed through or replaced with U+FFFD, because a silently mangled
//! `code` or `state` is worse than a clear error.

use std::borrow::Cow;

use crate::cost::{count, Cost};
use crate::error::{Error, ErrorKind};

/// Splits `body` into percent-decoded `(name, value)` pairs and hands each to `sink`.
///
/// Pairs are separated by `&`; empty pieces (`a=1&&b=2`) are skipped; a piece without `=`
/// has an empty value. Names and values borrow from `body` unless they contain `%` or
/// `+`; short ones that do are decoded into a stack buffer, so the sink sees text that
/// lives only for the call and copies what it keeps (one allocation per kept value).
/// Errors name `message` and the parameter.
pub fn parse_pairs(
    message: &'static str,
    body: &str,
    mut sink: impl for<'v> FnMut(Cow<'v, str>, Cow<'v, str>) -> Result<(), Error>,
) -> Result<(), Error> {
    count(Cost::DocumentRead);
    let bytes = body.as_bytes();
    let mut key_buf = [0u8; STACK];
    let mut value_buf = [0u8; STACK];
    let mut i = 0;
    // One pass over the body that stops only at `&`, `=`, `%` and `+`
    // (`next_special`). Parameters are short: memchr calls per parameter (for `&`,
    // then `=`, then `%`/`+`) take more instructions than this.
    while i < bytes.len() {
        let start = i;
        let mut eq = usize::MAX;
        let (mut key_encoded, mut value_encoded) = (false, false);
        loop {
            i = next_special(bytes, i);
            if i == bytes.len() {
                break;
            }
            match CLASS[bytes[i] as usize] {
                AMP => break,
                EQ if eq == usize::MAX => eq = i,
                ESCAPE if eq == usize::MAX => key_encoded = true,
                ESCAPE => value_encoded = true,
                _ => {}
            }
            i += 1;
        }
        let end = i;
        i += 1;
        if start == end {
            continue;
        }
        // `&`, `=` are ASCII, so these slices fall on char boundaries.
        let (raw_key, raw_value) = if eq == usize::MAX {
            (&body[start..end], "")
        } else {
            (&body[start..eq], &body[eq + 1..end])
        };
        let key = decode_component(raw_key, key_encoded, &mut key_buf)
            .map_err(|kind| error_for(message, raw_key, kind))?;
        let value = decode_component(raw_value, value_encoded, &mut value_buf)
            .map_err(|kind| error_for(message, &key, kind))?;
        sink(key, value)?;
    }
    Ok(())
}

/// Whether some parameter name in `body` satisfies `pred` (names percent-decoded;
/// names that do not decode are skipped, values are not looked at). One pass, no
/// allocation for names up to the stack buffer's size.
pub(crate) fn any_name(body: &str, pred: impl Fn(&str) -> bool) -> bool {
    let mut buf = [0u8; STACK];
    body.split('&').any(|piece| {
        let raw = piece.split('=').next().unwrap_or("");
        let encoded = raw.contains(['%', '+']);
        decode_component(raw, encoded, &mut buf).is_ok_and(|name| pred(&name))
    })
}

const PLAIN: u8 = 0;
const AMP: u8 = 1;
const EQ: u8 = 2;
const ESCAPE: u8 = 3;

const fn class_table() -> [u8; 256] {
    let mut table = [PLAIN; 256];
    table[b'&' as usize] = AMP;
    table[b'=' as usize] = EQ;
    table[b'%' as usize] = ESCAPE;
    table[b'+' as usize] = ESCAPE;
    table
}

static CLASS: [u8; 256] = class_table();

/// The index of the first `&`, `=`, `%` or `+` at or after `i`, or `bytes.len()`.
/// Eight bytes at a time (SWAR: a byte of `word ^ pattern` is zero where the byte
/// matches, and `(x - 0x01..) & !x & 0x80..` flags zero bytes; a flag can be wrong
/// only above a true one, so the lowest flag is exact), then byte by byte.
#[inline]
fn next_special(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x;
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        let found = [b'&', b'=', b'%', b'+'].iter().fold(0, |flags, &b| {
            flags | zero_bytes(word ^ (ONES * u64::from(b)))
        }) & HIGH;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && CLASS[bytes[i] as usize] == PLAIN {
        i += 1;
    }
    i
}

/// Encoded components up to this many bytes are decoded on the stack.
const STACK: usize = 192;

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

/// Percent-decodes one name or value: `+` is a space, `%XX` a byte. Borrows `raw` when
/// there is nothing to decode, else decodes into `stack` (short input) or a new String.
fn decode_component<'v>(
    raw: &'v str,
    encoded: bool,
    stack: &'v mut [u8; STACK],
) -> Result<Cow<'v, str>, DecodeFailure> {
    if !encoded {
        return Ok(Cow::Borrowed(raw));
    }
    let bytes = raw.as_bytes();
    if bytes.len() <= STACK {
        let len = decode_into(bytes, stack)?;
        return std::str::from_utf8(&stack[..len])
            .map(Cow::Borrowed)
            .map_err(|_| DecodeFailure::Utf8);
    }
    let mut out = vec![0u8; bytes.len()];
    let len = decode_into(bytes, &mut out)?;
    out.truncate(len);
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| DecodeFailure::Utf8)
}

/// Decodes `bytes` into `out` (at least as long); returns the decoded length. Byte by
/// byte: the components are short, and a copy call per run between escapes costs more.
fn decode_into(bytes: &[u8], out: &mut [u8]) -> Result<usize, DecodeFailure> {
    let (mut i, mut o) = (0, 0);
    while let Some(&byte) = bytes.get(i) {
        out[o] = match byte {
            b'+' => b' ',
            b'%' => {
                let hi = HEX[*bytes.get(i + 1).unwrap_or(&0) as usize];
                let lo = HEX[*bytes.get(i + 2).unwrap_or(&0) as usize];
                if hi > 15 || lo > 15 {
                    return Err(DecodeFailure::Percent);
                }
                i += 2;
                hi << 4 | lo
            }
            other => other,
        };
        i += 1;
        o += 1;
    }
    Ok(o)
}

/// Hex digit values; 0xFF for anything else.
const fn hex_table() -> [u8; 256] {
    let mut table = [0xFF; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => 0xFF,
        };
        b += 1;
    }
    table
}

static HEX: [u8; 256] = hex_table();

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
    fn multi_byte_characters_are_encoded_byte_by_byte() {
        // WHATWG URL §5.2 (application/x-www-form-urlencoded serializing): the UTF-8
        // bytes of everything outside the unreserved set, each as %XX.
        for (text, encoded) in [
            ("é", "%C3%A9"),
            ("aé", "a%C3%A9"),
            ("éa", "%C3%A9a"),
            ("日本", "%E6%97%A5%E6%9C%AC"),
            ("😀 x", "%F0%9F%98%80+x"),
        ] {
            let mut out = String::new();
            encode_into(&mut out, text);
            assert_eq!(out, encoded, "{text}");
            assert_eq!(pairs(&format!("k={out}")).unwrap()[0].1, text);
        }
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
    fn the_scan_stops_at_the_first_separator_or_escape_whatever_its_position() {
        // Every byte value at every position of a word and of the tail after it, after
        // a run of plain bytes; a byte one bit away from a separator comes first.
        for byte in 0..=255u8 {
            let special = matches!(byte, b'&' | b'=' | b'%' | b'+');
            for len in 1..=19 {
                for at in 0..len {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = byte;
                    if at > 0 {
                        bytes[at - 1] = byte ^ 1;
                    }
                    let expected = if special {
                        at
                    } else {
                        bytes
                            .iter()
                            .position(|b| CLASS[*b as usize] != PLAIN)
                            .unwrap_or(len)
                    };
                    assert_eq!(
                        next_special(&bytes, 0),
                        expected,
                        "{byte:#04x} at {at} of {len}"
                    );
                }
            }
        }
        // From an offset, and past multi-byte characters (high bits set).
        let text = "é€ab=c&d".as_bytes();
        assert_eq!(next_special(text, 0), 7);
        assert_eq!(next_special(text, 8), 9);
        assert_eq!(next_special(text, 10), text.len());
        assert_eq!(next_special(b"", 0), 0);
    }

    #[test]
    fn escapes_decode_at_the_start_the_end_and_back_to_back() {
        assert_eq!(pairs("%41=+%42").unwrap(), [("A".into(), " B".into())]);
        assert_eq!(pairs("k=%41%42%43").unwrap(), [("k".into(), "ABC".into())]);
        assert_eq!(pairs("k=a%2B+").unwrap(), [("k".into(), "a+ ".into())]);
        assert!(pairs("k=ab%").is_err());
        assert!(pairs("k=ab%4").is_err());
        assert!(pairs("k=%4g").is_err());
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
    fn long_encoded_values_decode_on_the_heap() {
        let long = "%C3%A9+".repeat(100);
        let decoded = pairs(&format!("a={long}")).unwrap();
        assert_eq!(decoded[0].1, "é ".repeat(100));
        assert!(pairs(&format!("a={long}%FF")).is_err());
    }

    #[test]
    fn the_first_equals_sign_splits_name_from_value() {
        // WHATWG application/x-www-form-urlencoded parsing, step 3.3: the name ends at
        // the first `=`; every later `=` belongs to the value (base64 padding).
        assert_eq!(
            pairs("code=xyz==&state=a=b").unwrap(),
            vec![
                ("code".into(), "xyz==".into()),
                ("state".into(), "a=b".into())
            ]
        );
        assert_eq!(pairs("a==").unwrap(), vec![("a".into(), "=".into())]);
        // With escapes on either side of a later `=`.
        assert_eq!(
            pairs("c%6Fde=x%3D=y+z").unwrap(),
            vec![("code".into(), "x==y z".into())]
        );
        // A `%` after the first `=` is the value's: a bad escape there names the
        // parameter, and the name still decodes.
        let err = pairs("code=a=%zz").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"Test: parameter "code": invalid percent-encoding"#
        );
    }

    #[test]
    fn append_pair_separates_with_ampersands_and_encodes_both_sides() {
        let mut out = String::new();
        append_pair(&mut out, "client_id", "s6Bhd Rkqt3");
        assert_eq!(out, "client_id=s6Bhd+Rkqt3");
        append_pair(&mut out, "a&b", "x=y");
        assert_eq!(out, "client_id=s6Bhd+Rkqt3&a%26b=x%3Dy");
        // Read back, the same pairs.
        assert_eq!(
            pairs(&out).unwrap(),
            vec![
                ("client_id".into(), "s6Bhd Rkqt3".into()),
                ("a&b".into(), "x=y".into())
            ]
        );
        // Appending to a body that already holds a pair adds exactly one `&`.
        let mut body = String::from("grant_type=client_credentials");
        append_pair(&mut body, "scope", "");
        assert_eq!(body, "grant_type=client_credentials&scope=");
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
