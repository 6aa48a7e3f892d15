//! Every input a fuzz target in `fuzz/` crashed on, with the property it broke.
//!
//! Each `INPUT` is the (minimized) byte string the target received. The message
//! targets (`form`, `url`, `json`) read their first byte as the message to decode
//! (`fuzz/src/messages.rs`: `a` + index), `responses` as the enum (`a`..`d`),
//! `jwt_claims` as the JOSE header (`fuzz_targets/jwt_claims.rs`); the rest goes
//! through `String::from_utf8_lossy`, as [`text`] does here.
//!
//! Most were issue 8's items (each test names its item), fixed since; a test of a
//! defect still open is ignored, saying where the fix belongs.

use std::borrow::Cow;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use oidc_core::jwt::{header_algorithm, verify_payload, Algorithm, JwkSet, JwtOptions};
use oidc_core::messages::{
    Address, FrontChannelLogoutNotification, IdToken, RpInitiatedLogoutRequest,
    TokenSuccessResponse, UserinfoErrorResponse, UserinfoResponse, UserinfoSuccessResponse,
};
use oidc_core::validation::{FixedClock, IdTokenValidation};
use oidc_core::{ErrorKind, Location, NumericDate, OidcMessage};

const HMAC_SECRET: &[u8] = include_bytes!("data/keys/hmac-secret.txt");

/// What the fuzz targets decode: the bytes after the selector, as text.
fn text(input: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(input)
}

/// The targets' error-text property (`fuzz/src/check.rs`): one line of at most 1 KiB
/// with no control character.
fn assert_one_bounded_line(text: &str) {
    assert!(
        !text.chars().any(char::is_control) && text.len() <= 1024,
        "not one bounded line ({} bytes): {text:?}",
        text.len()
    );
}

/// A compact JWS of `payload` under `header`, MACed with the test secret.
fn hs256(header: &str, payload: &[u8]) -> String {
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let signature = jsonwebtoken::crypto::sign(
        signing_input.as_bytes(),
        &jsonwebtoken::EncodingKey::from_secret(HMAC_SECRET),
        jsonwebtoken::Algorithm::HS256,
    )
    .unwrap();
    format!("{signing_input}.{signature}")
}

fn hmac_keys() -> (JwkSet, JwtOptions) {
    (
        JwkSet::from_secret(HMAC_SECRET),
        JwtOptions::default().allow_hmac(),
    )
}

// ---- target `form` ----------------------------------------------------------------

// Issue 8 item 6.
#[test]
fn form_error_text_escapes_a_control_character_in_a_parameter_name() {
    const INPUT: &[u8] = b"h\x00%"; // h: UserinfoSuccessResponse
    let err = UserinfoSuccessResponse::from_form(&text(&INPUT[1..])).unwrap_err();
    assert_one_bounded_line(&err.to_string());
}

// Issue 8 item 7.
#[test]
fn debug_hides_an_unknown_device_code() {
    const INPUT: &[u8] = b"mdevice_code=\xfe\xff\x00\x00"; // m: FrontChannelLogoutNotification
    let body = text(&INPUT[1..]);
    let m = FrontChannelLogoutNotification::from_form(&body).unwrap();
    let value = format!("{:?}", "\u{fffd}\u{fffd}\0\0");
    let shown = format!("{m:?}");
    assert!(!shown.contains(value.trim_matches('"')), "{shown}");
}

// Issue 8 item 8.
#[test]
fn a_list_of_separators_only_survives_a_lenient_form_round_trip() {
    const INPUT: &[u8] = b"yscope=+"; // y: TokenSuccessResponse (index 24 mod 20)
    let (m, _) = TokenSuccessResponse::from_form_lenient(&text(&INPUT[1..])).unwrap();
    let (again, _) = TokenSuccessResponse::from_form_lenient(&m.to_form()).unwrap();
    assert_eq!(again, m);
    assert_eq!(m.scope, None, "a list that holds only separators is absent");
}

/// Deserialize over serde_urlencoded (axum's `Form` / `Query`) sees values after
/// serde_urlencoded's own percent-decoding, which keeps an invalid escape as text: the
/// form target found that it accepts what `from_form` refuses. This is a limit of the
/// serde path (README, "axum": the `Oidc*` extractors avoid it), pinned here; the
/// target compares the two only on bodies whose escapes are valid.
#[test]
fn an_invalid_escape_is_refused_by_from_form_and_kept_as_text_by_serde() {
    // The Azure AD B2C fixture's truncated escape, read as a FrontChannelLogoutNotification.
    const INPUT: &[u8] = b"mpost_logout_redirect_uri=https%3A%2F%2Fjwt.ms%2";
    let body = text(&INPUT[1..]);
    let err = FrontChannelLogoutNotification::from_form(&body).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::PercentEncoding(name) if name == "post_logout_redirect_uri"),
        "{err}"
    );
    let via_serde: FrontChannelLogoutNotification = serde_urlencoded::from_str(&body).unwrap();
    assert_eq!(
        via_serde
            .extra
            .get_str("post_logout_redirect_uri")
            .as_deref(),
        Some("https://jwt.ms%2")
    );
}

// ---- target `url` -----------------------------------------------------------------

// Issue 8 item 6.
#[test]
fn url_error_text_escapes_a_control_character_in_a_parameter_name() {
    const INPUT: &[u8] = b"t?\x00%"; // t: Address
    let url = text(&INPUT[1..]);
    for location in [Location::Query, Location::Auto] {
        let err = Address::from_url(&url, location).unwrap_err();
        assert_one_bounded_line(&err.to_string());
    }
}

// Issue 8 item 9.
#[test]
fn auto_reads_the_query_when_the_fragment_has_no_parameters() {
    const INPUT: &[u8] = b"t=\x08#\x08"; // t: Address
    let url = text(&INPUT[1..]);
    assert_eq!(
        Address::from_url(&url, Location::Auto),
        Address::from_url(&url, Location::Query)
    );
}

// Issue 8 item 10.
#[test]
fn to_url_refuses_a_base_with_a_control_character() {
    const INPUT: &[u8] = b"tp:\x00"; // t: Address; the target uses the input as the base
    let base = text(&INPUT[1..]);
    let m = Address::from_url(&base, Location::Query).unwrap();
    assert!(m.to_url(&base).is_err(), "{:?}", m.to_url(&base));
}

// ---- target `json` ----------------------------------------------------------------

// Issue 8 item 7.
#[test]
fn debug_hides_an_unknown_id_token() {
    const INPUT: &[u8] = b"l{\"id_token\":\"\xff\xff\xff\"}"; // l: RpInitiatedLogoutRequest
    let m = RpInitiatedLogoutRequest::from_json(&text(&INPUT[1..])).unwrap();
    let shown = format!("{m:?}");
    assert!(!shown.contains("\u{fffd}\u{fffd}\u{fffd}"), "{shown}");
}

/// An unknown member holding a lone surrogate escape (`"\ud800"`: no Unicode
/// character, no Rust string can hold it) is refused on every path, as every declared
/// string member refuses it. `from_json` kept it raw and wrote it back; the serde path
/// refused it. Found by the `json` target (it was tolerated as "raw-member" until fixed).
#[test]
fn from_json_and_serde_agree_on_a_lone_surrogate() {
    const INPUT: &[u8] = br#"i{"error":"e","":"\ud800"}"#; // i: UserinfoErrorResponse
    let json = text(&INPUT[1..]);
    assert!(serde_json::from_str::<UserinfoErrorResponse>(&json).is_err());
    let err = UserinfoErrorResponse::from_json(&json).unwrap_err();
    assert!(err.to_string().contains("lone surrogate"), "{err}");
    // A surrogate pair is one character: kept.
    let paired = r#"{"error":"e","x":"\ud83d\ude00"}"#;
    let m = UserinfoErrorResponse::from_json(paired).unwrap();
    assert_eq!(
        m.extra.get::<String>("x").unwrap().as_deref(),
        Some("\u{1f600}")
    );
    assert_eq!(
        serde_json::from_str::<UserinfoErrorResponse>(paired).unwrap(),
        m
    );
}

/// A number beyond `f64` (valid JSON; RFC 8259 §6 leaves the range to
/// implementations) in an unknown member is kept verbatim by both `from_json` and
/// serde_json's `Deserialize` (both read the member as raw text), where the serde path
/// used to refuse the document.
#[test]
fn from_json_and_serde_agree_on_a_number_beyond_f64() {
    const INPUT: &[u8] = br#" {"":5e1111}"#; // ' ': RpInitiatedLogoutRequest ((0x20 - b'a') mod 20 = 11)
    let json = text(&INPUT[1..]);
    let native = RpInitiatedLogoutRequest::from_json(&json).unwrap();
    let via_serde = serde_json::from_str::<RpInitiatedLogoutRequest>(&json).unwrap();
    assert_eq!(native, via_serde);
    assert_eq!(native.to_json(), r#"{"":5e1111}"#);
    assert_eq!(serde_json::to_string(&via_serde).unwrap(), r#"{"":5e1111}"#);
}

/// An integer beyond `u64` but within `f64` (a 73-digit `iat` in an unknown member):
/// the serde path read it into a `serde_json::Value`, an `f64`, and wrote back
/// `1.2066666666666666e+72`; both paths now keep the digits. Found by the `json`
/// target in the 10-minute campaign.
#[test]
fn from_json_and_serde_agree_on_an_integer_beyond_u64() {
    let json = "{\n\t\"aud\": [\n\t\t\"foo\",\n\t\t\"bar\"\n\t],\n\t\"exp\": 12345,\n\t\"voo\": \"bar\",\n\t\"iat\": 1206666666666666666666666666666666666666666666666666666666666666666666600,\n\t\"iss\": \"zitadel\",\n\t\"sub\": \"hello@me.com\"\n}\n";
    let native = RpInitiatedLogoutRequest::from_json(json).unwrap();
    let via_serde = serde_json::from_str::<RpInitiatedLogoutRequest>(json).unwrap();
    assert_eq!(native, via_serde);
    assert!(
        via_serde.to_json().contains(
            r#""iat":1206666666666666666666666666666666666666666666666666666666666666666666600"#
        ),
        "{}",
        via_serde.to_json()
    );
    // The same document read from bytes and from a reader (axum's `Json` reads bytes).
    assert_eq!(
        serde_json::from_slice::<RpInitiatedLogoutRequest>(json.as_bytes()).unwrap(),
        native
    );
    assert_eq!(
        serde_json::from_reader::<_, RpInitiatedLogoutRequest>(json.as_bytes()).unwrap(),
        native
    );
}

/// A nested object with a repeated member: the serde path read `address` through a
/// `serde_json::Value`, whose map keeps the last of two members with one name, so it
/// decoded an `Address` where `from_json`, which sees the repeated member, drops the
/// malformed optional claim. Both read the raw text now.
#[test]
fn from_json_and_serde_agree_on_a_nested_object_with_a_repeated_member() {
    const INPUT: &[u8] = br#"s{"address":{"":"","":""}}"#; // s: StandardClaims
    let json = text(&INPUT[1..]);
    let native = oidc_core::messages::StandardClaims::from_json(&json).unwrap();
    assert_eq!(native.address, None);
    assert_eq!(
        serde_json::from_str::<oidc_core::messages::StandardClaims>(&json).unwrap(),
        native
    );
    // An unknown member's nested repeated member is kept as written by both.
    let unknown = r#"{"x":{"a":1,"a":2}}"#;
    assert_eq!(
        serde_json::from_str::<RpInitiatedLogoutRequest>(unknown).unwrap(),
        RpInitiatedLogoutRequest::from_json(unknown).unwrap()
    );
}

// ---- target `responses` -----------------------------------------------------------

// Issue 8 item 6.
#[test]
fn response_enum_error_text_escapes_a_control_character() {
    const INPUT: &[u8] = b"\xff\x1f%"; // 0xff: UserinfoResponse ((0xff - b'a') mod 4 = 2)
    let err = UserinfoResponse::from_form(&text(&INPUT[1..])).unwrap_err();
    assert_one_bounded_line(&err.to_string());
}

// ---- target `www_authenticate` ------------------------------------------------------

// Issue 8 item 6.
#[test]
fn error_response_display_escapes_a_control_character() {
    const INPUT: &[u8] = b"Bearer error=\x01";
    let e = UserinfoErrorResponse::from_www_authenticate(&text(INPUT)).unwrap();
    assert_one_bounded_line(&e.to_string());
}

// ---- target `jwks` ----------------------------------------------------------------

// Issue 8 item 6.
#[test]
fn a_key_problem_is_bounded() {
    let input = [
        &br#"{"keys": [{"kty": "RSqVwGU_NsYOYL-QtiWN2lbz"#[..],
        &[0xff; 122],
        b"VfHd1E6cS6M1FZcD1NF{HpPTwJlsde3uhGqC0ZCuEHg8lhzwOH",
        &[0xff; 116],
        b"rtIbS0FVbb9k3-tVTUL_vniUFAKwuCAjSYS2BYwmz",
        &[0xff; 40],
        br#"rtIQbS0FVbb9k3-tVTUL_vniUFAKwuCAjSYS2B_mzgc5gHdrNP5zAB"}]}"#,
    ]
    .concat();
    let set = JwkSet::from_json(&text(&input)).unwrap();
    assert_one_bounded_line(set.keys()[0].problem().unwrap());
}

const ALGORITHMS: [Algorithm; 12] = [
    Algorithm::HS256,
    Algorithm::HS384,
    Algorithm::HS512,
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

// Issue 8 item 3.
#[test]
fn a_key_whose_alg_is_not_a_string_is_unusable() {
    const INPUT: &[u8] = b"{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\n\"x\":\"VF8\", \"y\": \"\",\"alg\":[]  }]}";
    let set = JwkSet::from_json(&text(INPUT)).unwrap();
    let key = &set.keys()[0];
    assert!(!ALGORITHMS.iter().any(|&alg| key.fits(alg)), "{key:?}");
    assert!(key.problem().is_some(), "{key:?}");
}

// Issue 8 item 4.
#[test]
fn an_rsa_key_below_2048_bits_is_unusable() {
    const INPUT: &[u8] = br#"{"keys": [{"kty":"RSA","n": "y9Lq", "e":""}]}"#;
    let set = JwkSet::from_json(&text(INPUT)).unwrap();
    let key = &set.keys()[0];
    assert!(!ALGORITHMS.iter().any(|&alg| key.fits(alg)), "{key:?}");
    assert!(key.problem().is_some(), "{key:?}");
}

// ---- target `jwt` -----------------------------------------------------------------

// Issue 8 item 6.
#[test]
fn an_algorithm_error_escapes_a_control_character() {
    const INPUT: &[u8] = b"eyJhbGciOiJQf24uZSJ9..aw"; // header {"alg":"P\x7fn.e"}
    let err = header_algorithm(&text(INPUT)).unwrap_err();
    assert_one_bounded_line(&err.to_string());
}

// Issue 8 item 2.
#[test]
fn a_jwt_access_token_is_not_an_id_token() {
    // The seed scripts/fuzz-corpus.py signs (typ at+jwt) with the test secret.
    const INPUT: &[u8] = b"eyJhbGciOiAiSFMyNTYiLCAidHlwIjogImF0K2p3dCJ9.eyJpc3MiOiAiaHR0cHM6Ly9vcC5leGFtcGxlIiwgInN1YiI6ICIyNDgyODk3NjEwMDEiLCAiYXVkIjogImNsaWVudC0xIiwgImlhdCI6IDE3MDAwMDAwMDAsICJleHAiOiAxNzAwMDAzNjAwLCAiY2xpZW50X2lkIjogImNsaWVudC0xIiwgImp0aSI6ICJqLTEiLCAic2NvcGUiOiAib3BlbmlkIHByb2ZpbGUifQ.8MhghLqi4uz2ysPheCNXl1O87Hr_q4in2x6a1rj9LFg";
    let (keys, options) = hmac_keys();
    let token = text(INPUT);
    assert!(oidc_core::messages::JwtAccessToken::from_jwt(&token, &keys, &options).is_ok());
    assert!(IdToken::from_jwt(&token, &keys, &options).is_err());
}

// ---- target `jwt_claims` ----------------------------------------------------------

// Issue 8 item 2.
#[test]
fn a_jwt_access_token_typed_in_capitals_is_not_an_id_token() {
    // f: header {"alg":"HS256","typ":"AT+JWT"} (RFC 7515 §4.1.9: compared case-insensitively)
    const INPUT: &[u8] =
        br#"f{"iss":"h","sub": "24", "aud": "","iat":0,"exp":0, "client_id":"1","jti":"e"}"#;
    let token = hs256(r#"{"alg":"HS256","typ":"AT+JWT"}"#, &INPUT[1..]);
    let (keys, options) = hmac_keys();
    assert!(oidc_core::messages::JwtAccessToken::from_jwt(&token, &keys, &options).is_ok());
    assert!(IdToken::from_jwt(&token, &keys, &options).is_err());
}

// Issue 8 item 3.
#[test]
fn a_header_whose_typ_is_not_a_string_is_malformed() {
    const INPUT: &[u8] = b"h"; // h: header {"alg":"HS256","typ":["at+jwt"]}, empty claims
    let token = hs256(r#"{"alg":"HS256","typ":["at+jwt"]}"#, &INPUT[1..]);
    let (keys, options) = hmac_keys();
    assert!(verify_payload(&token, &keys, &options).is_err());
}

// Issue 8 item 3.
#[test]
fn a_header_with_a_repeated_member_is_malformed() {
    const INPUT: &[u8] = b"g"; // g: header {"alg":"none","alg":"HS256","typ":"JWT"}, empty claims
    let token = hs256(r#"{"alg":"none","alg":"HS256","typ":"JWT"}"#, &INPUT[1..]);
    let (keys, options) = hmac_keys();
    assert!(verify_payload(&token, &keys, &options).is_err());
}

// Issue 8 item 5.
#[test]
fn an_id_token_issued_in_the_future_is_refused() {
    // e: header {"alg":"HS256","typ":"logout+jwt"}; the claims alone show item 5.
    const INPUT: &[u8] = b"e{\"iss\":\"e\", \"sub\":\"2\",\n\"aud\":\"s\",\n\"exp\":0,\n\"iat\":8}";
    let t = IdToken::from_json(&text(&INPUT[1..])).unwrap();
    let checks =
        |now: i64| IdTokenValidation::new("e", "s").clock(FixedClock(NumericDate::from_secs(now)));
    assert!(t.validate_extern(&checks(8)).is_ok());
    // Valid at its iat; 31 s before it (beyond the 30 s leeway) it is not yet issued.
    assert!(t.validate_extern(&checks(8 - 31)).is_err());
}

// Issue 8 item 11.
#[test]
fn a_single_audience_that_looks_like_an_array_survives_a_form_round_trip() {
    // Not found by the fuzzer in 90 s: the input that shows the jwt_claims target's
    // property (fuzz/seeds/jwt_claims/audience-looks-like-array).
    const INPUT: &[u8] = br#"b{"aud":"[\"x\"]","iss":"i","sub":"s","exp":1,"iat":1}"#;
    let t = IdToken::from_json(&text(&INPUT[1..])).unwrap();
    assert_eq!(IdToken::from_form(&t.to_form()).unwrap().aud, t.aud);
}
