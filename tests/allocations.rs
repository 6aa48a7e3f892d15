//! Heap blocks per decode: at most one per present value where the codecs promise it,
//! counted by a counting global allocator (this test binary's own), on the bench inputs.
//!
//! The allocator and the count of present values are `benches/counting/`'s, which the
//! codec bench uses for BENCHMARKS.md's allocation table.

use oidc_core::messages::{
    AuthenticationRequest, AuthenticationSuccessResponse, IdToken, ProviderMetadata, TokenRequest,
    TokenSuccessResponse,
};
use oidc_core::{Location, OidcMessage};

#[path = "../benches/counting/mod.rs"]
mod counting;
use counting::{blocks, present_values};

#[global_allocator]
static GLOBAL: counting::Counting = counting::Counting;

const AUTH_REQUEST_URL: &str = include_str!("../benches/inputs/auth_request.url");
const AUTH_SUCCESS_QUERY: &str = include_str!("../benches/inputs/auth_success_query.url");
const TOKEN_REQUEST_FORM: &str = include_str!("../benches/inputs/token_request.form");
const TOKEN_RESPONSE_JSON: &str = include_str!("../benches/inputs/token_response.json");
const DISCOVERY_SMALL: &str = include_str!("../benches/inputs/discovery_small.json");
const DISCOVERY_LARGE: &str = include_str!("../benches/inputs/discovery_large.json");

#[test]
fn url_and_form_decodes_take_at_most_one_block_per_value() {
    let (request, n) =
        blocks(|| AuthenticationRequest::from_url(AUTH_REQUEST_URL, Location::Query).unwrap());
    // response_type, client_id, redirect_uri, scope (3 + 1), state, nonce,
    // prompt (2 + 1), ui_locales (3 + 1); max_age is inline.
    assert_eq!(request.scope.len(), 3);
    assert!(n <= 3 + 4 + 2 + 3 + 4, "auth request: {n} blocks");

    let (_, n) = blocks(|| {
        AuthenticationSuccessResponse::from_url(AUTH_SUCCESS_QUERY, Location::Query).unwrap()
    });
    assert!(n <= 2, "redirect: {n} blocks"); // code, state

    let (_, n) = blocks(|| TokenRequest::from_form(TOKEN_REQUEST_FORM).unwrap());
    assert!(n <= 5, "token request: {n} blocks");
}

#[test]
fn json_decodes_take_at_most_one_block_per_value() {
    let (response, n) = blocks(|| TokenSuccessResponse::from_json(TOKEN_RESPONSE_JSON).unwrap());
    // access_token, token_type, refresh_token, scope (3 + 1), id_token; expires_in inline.
    assert!(response.refresh_token.is_some());
    assert!(n <= 4 + 4, "token response: {n} blocks");

    // Arrays of at most 16 strings, each allocated once at its length; the large one
    // also has a nested object (RFC 8705 `mtls_endpoint_aliases`); no unknown member.
    for (json, values) in [(DISCOVERY_SMALL, 60), (DISCOVERY_LARGE, 287)] {
        let (metadata, n) = blocks(|| ProviderMetadata::from_json(json).unwrap());
        assert_eq!(present_values(json, &metadata.extra), values);
        assert!(metadata.extra.is_empty());
        assert!(n <= values, "discovery: {n} blocks for {values} values");
    }
}

#[test]
fn a_json_array_is_one_block_of_its_length() {
    let decode = |len: usize| {
        let scopes: Vec<String> = (0..len).map(|i| format!("\"scope{i}\"")).collect();
        let json = format!(
            r#"{{"issuer":"https://op.example","authorization_endpoint":"https://op.example/a",
            "jwks_uri":"https://op.example/j","response_types_supported":["code"],
            "subject_types_supported":["public"],
            "id_token_signing_alg_values_supported":["RS256"],
            "scopes_supported":[{}]}}"#,
            scopes.join(",")
        );
        let (metadata, n) = blocks(|| ProviderMetadata::from_json(&json).unwrap());
        assert_eq!(metadata.scopes_supported.as_deref().unwrap().len(), len);
        n
    };
    let empty = decode(0);
    for len in [1, 2, 5, 16] {
        // One block per string and one for the array.
        assert_eq!(decode(len) - empty, len + 1, "{len} scopes");
    }
}

#[test]
fn id_token_claims_take_one_block_per_value_and_two_more() {
    let json = include_str!("../benches/inputs/id_token_claims.json");
    let (claims, n) = blocks(|| IdToken::from_json(json).unwrap());
    let values = present_values(json, &claims.extra);
    // 13 strings, `aud` and `amr` (2 + 1 each), 6 unknown members (3 of them nested).
    assert_eq!(values, 25);
    assert_eq!(claims.extra.len(), 6);
    // Two blocks are not values: the list of unknown members (one block for up to
    // eight, as a list of n strings takes n + 1), and serde_json's stack of open
    // brackets, made once per decode when it skips a nested member to capture it.
    assert!(
        n <= values + 2,
        "ID Token claims: {n} blocks for {values} values"
    );
}
