//! Every error text, and an error response's `Display`, is one short line whatever the
//! input holds: CR/LF, other C0 and C1 controls, U+2028/U+2029 and bidirectional
//! overrides are escaped, and a 1 MiB input gives a short line.

use oidc_core::messages::{
    AuthenticationRequest, AuthenticationResponse, TokenResponse, TokenSuccessResponse,
    UserinfoErrorResponse,
};
use oidc_core::{ErrorKind, Location, OidcMessage};

/// Characters that end or disguise a log line.
const HOSTILE: &[char] = &[
    '\n', '\r', '\u{b}', '\u{c}', '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{2028}',
    '\u{2029}', '\u{202a}', '\u{202b}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
];

/// The text is one line with no hostile character, and short.
fn assert_one_short_line(text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() || HOSTILE.contains(&c)),
        "{text:?}"
    );
    assert!(text.len() <= 600, "{} bytes: {text:.200}", text.len());
}

fn pct(c: char) -> String {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf)
        .bytes()
        .map(|b| format!("%{b:02X}"))
        .collect()
}

#[test]
fn percent_decoded_names_in_duplicate_encoding_and_utf8_errors() {
    for &c in HOSTILE {
        let name = format!("x{}INFO+forged", pct(c));
        for body in [
            format!("code=a&{name}=1&{name}=2"),
            format!("code=a&{name}=%zz"),
            format!("code=a&{name}=%FF"),
        ] {
            let err = AuthenticationResponse::from_form(&body).unwrap_err();
            assert_one_short_line(&err.to_string());
            assert!(
                err.to_string().contains(&c.escape_debug().to_string()),
                "{err}"
            );
        }
    }
}

#[test]
fn json_member_names_and_lenient_values() {
    for &c in HOSTILE {
        let escaped = serde_json::to_string(&c.to_string()).unwrap();
        let json = format!(r#"{{"access_token":"a","token_type":"b",{escaped}:1,{escaped}:2}}"#);
        let err = TokenSuccessResponse::from_json(&json).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Duplicate(c.to_string()));
        assert_one_short_line(&err.to_string());
        // `expires_in` accepts a string number: any other string is echoed, escaped.
        let value = serde_json::to_string(&format!("12{c}34")).unwrap();
        let json = format!(r#"{{"access_token":"a","token_type":"b","expires_in":{value}}}"#);
        let err = TokenSuccessResponse::from_json(&json).unwrap_err();
        assert_eq!(err.parameter(), Some("expires_in"));
        assert_one_short_line(&err.to_string());
    }
}

#[test]
fn a_one_mebibyte_input_gives_a_short_line() {
    let huge = "\r\n".repeat(1 << 19);
    let name = pct('\n').repeat(1 << 18) + "x";
    for err in [
        AuthenticationRequest::from_form(&format!("{name}=1&{name}=2")).unwrap_err(),
        AuthenticationRequest::from_form(&format!("max_age={}", "9".repeat(1 << 20))).unwrap_err(),
        TokenSuccessResponse::from_json(&format!(
            r#"{{"access_token":"a","token_type":"b","expires_in":{}}}"#,
            serde_json::to_string(&huge).unwrap()
        ))
        .unwrap_err(),
        TokenResponse::from_json(&format!("{{\"{}", "a".repeat(1 << 20))).unwrap_err(),
        AuthenticationRequest::new("c", "r", ["openid"])
            .to_url(&format!("https://op/{huge}"))
            .unwrap_err(),
    ] {
        assert_one_short_line(&err.to_string());
        assert!(format!("{err:?}").len() < 8 * 1024);
    }
}

#[test]
fn error_responses_print_one_line() {
    let forged = format!(
        "https://rp.example/cb?error=access_denied&error_description=Denied{}2026-01-01+INFO+login+ok+user%3Dadmin{}{}",
        pct('\r') + &pct('\n'),
        pct('\u{2028}'),
        pct('\u{202e}'),
    );
    let e = AuthenticationResponse::from_url(&forged, Location::Auto)
        .unwrap()
        .into_result()
        .unwrap_err();
    let line = e.to_string();
    assert_one_short_line(&line);
    assert_eq!(
        line,
        r"access_denied: Denied\r\n2026-01-01 INFO login ok user=admin\u{2028}\u{202e}"
    );
    // An unregistered code is the sender's text too.
    let e = TokenResponse::from_json(&format!(
        r#"{{"error":"x\nINFO forged","error_description":{}}}"#,
        serde_json::to_string(&"d".repeat(1 << 20)).unwrap()
    ))
    .unwrap()
    .into_result()
    .unwrap_err();
    assert_one_short_line(&e.to_string());
    assert!(e.to_string().starts_with(r"x\nINFO forged: ddd"));
    let e = UserinfoErrorResponse::from_www_authenticate(
        "Bearer error=\"invalid_token\", error_description=\"a\u{2029}b\"",
    )
    .unwrap();
    assert_eq!(e.to_string(), r"invalid_token: a\u{2029}b");
}

#[test]
fn printable_text_in_any_script_is_left_alone() {
    let e = TokenResponse::from_json(
        r#"{"error":"invalid_grant","error_description":"Le code a expiré — 期限切れ \"x\""}"#,
    )
    .unwrap()
    .into_result()
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"invalid_grant: Le code a expiré — 期限切れ "x""#
    );
}
