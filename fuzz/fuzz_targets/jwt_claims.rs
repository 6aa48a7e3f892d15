//! The claims of a correctly signed token: the input after the first byte is the
//! payload, signed here with HS256 and the test secret, under a header the first byte
//! chooses (no `typ`, `JWT`, `at+jwt`, `application/at+jwt`, `logout+jwt`, `AT+JWT`,
//! and two malformed headers), so every mutation reaches claim decoding and
//! `validate_extern`.
//!
//! Asserts what `oidc_rs_fuzz::tokens::check_token` says (from_jwt agrees with
//! from_json on the payload; validation properties; no token passes as two kinds), and
//! that a token whose header repeats a member or has a non-string `typ` never verifies
//! (issue 8 item 3).
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey};
use libfuzzer_sys::fuzz_target;
use oidc_core::jwt::verify_payload;
use oidc_rs_fuzz::check;
use oidc_rs_fuzz::tokens::{check_token, keys, options, HMAC_SECRET};

/// The headers, and whether each is malformed.
const HEADERS: [(&str, bool); 8] = [
    (r#"{"alg":"HS256"}"#, false),
    (r#"{"alg":"HS256","typ":"JWT"}"#, false),
    (r#"{"alg":"HS256","typ":"at+jwt"}"#, false),
    (r#"{"alg":"HS256","typ":"application/at+jwt"}"#, false),
    (r#"{"alg":"HS256","typ":"logout+jwt"}"#, false),
    (r#"{"alg":"HS256","typ":"AT+JWT"}"#, false),
    (r#"{"alg":"none","alg":"HS256","typ":"JWT"}"#, true),
    (r#"{"alg":"HS256","typ":["at+jwt"]}"#, true),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, payload)) = data.split_first() else {
        return;
    };
    let (header, malformed) = HEADERS[usize::from(selector.wrapping_sub(b'a')) % HEADERS.len()];
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let signature = jsonwebtoken::crypto::sign(
        signing_input.as_bytes(),
        &EncodingKey::from_secret(HMAC_SECRET),
        Algorithm::HS256,
    )
    .expect("HS256 signs any input");
    let token = format!("{signing_input}.{signature}");
    if malformed && verify_payload(&token, keys(), &options()).is_ok() {
        check::fail_unless_tolerated(
            "3",
            format_args!("a token with the header {header} verifies"),
        );
    }
    check_token(&token);
});
