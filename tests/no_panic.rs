//! No input makes a decoder panic: each decoder runs over thousands of random byte
//! strings, and over mutations of valid inputs (which get deeper into the decoders).

use oidc_core::{Location, OidcMessage};
use proptest::prelude::*;

#[path = "derive/messages.rs"]
#[allow(dead_code)]
mod messages;

use messages::{AuthRequest, Claims, Metadata, TokenRequest};

fn decode_everything<M: OidcMessage + serde::de::DeserializeOwned>(input: &str) {
    let _ = M::from_form(input);
    let _ = M::from_json(input);
    for location in [Location::Query, Location::Fragment, Location::Auto] {
        let _ = M::from_url(input, location);
    }
    let _ = serde_urlencoded::from_str::<M>(input);
    let _ = serde_json::from_str::<M>(input);
}

fn run_all(input: &str) {
    let _ = oidc_core::messages::UserinfoErrorResponse::from_www_authenticate(input);
    let _ = oidc_core::jwt::JwkSet::from_json(input);
    let _ = oidc_core::messages::TokenResponse::from_json(input);
    let _ = oidc_core::messages::AuthenticationResponse::from_url(input, Location::Auto);
    // The signing flows' decoders: keys, client credentials, DPoP proofs, PAR, JAR.
    let _ = oidc_core::jwt::PublicJwk::from_json(input);
    let _ = oidc_core::jwt::SigningKey::from_jwk(input);
    for authorization in [None, Some(input)] {
        if let Ok(credentials) =
            oidc_core::client_auth::ClientCredentials::from_request(authorization, input)
        {
            let _ = credentials.client_id();
            let _ = credentials.method();
        }
    }
    let _ = oidc_core::dpop::normalize_htu(input);
    let checks = oidc_core::dpop::DpopValidation::new("POST", "https://server.example.com/token");
    let _ = checks.verify(input);
    let _ = oidc_core::dpop::resource_nonce_challenge(input, Some(input));
    let _ = oidc_core::messages::PushedAuthorizationResponse::from_json(input);
    let _ = oidc_core::messages::JarRequest::from_url(input, Location::Auto);
    // Issue 12 part B's decoders.
    let _ = oidc_core::messages::JarmResponse::from_url(input, Location::Auto);
    decode_everything::<oidc_core::messages::JarmResponse>(input);
    decode_everything::<oidc_core::messages::JarmClaims>(input);
    if let Ok(claims) = oidc_core::messages::JarmClaims::from_json(input) {
        let _ = claims.authentication_response();
    }
    decode_everything::<oidc_core::messages::JwtIntrospectionResponse>(input);
    decode_everything::<oidc_core::messages::ClaimsRequest>(input);
    decode_everything::<oidc_core::messages::AuthorizationDetail>(input);
    let _ = serde_json::from_str::<Vec<oidc_core::messages::AuthorizationDetail>>(input);
    let _ = oidc_core::messages::TokenIntrospectionResponse::from_json(input);
    let _ = oidc_core::messages::UserinfoResponse::from_json(input);
    decode_everything::<AuthRequest>(input);
    decode_everything::<TokenRequest>(input);
    decode_everything::<Claims>(input);
    decode_everything::<Metadata>(input);
    if let Ok(m) = AuthRequest::from_form(input) {
        // Whatever decoded must encode again.
        let _ = m.to_url(input);
        let _ = m.to_json();
    }
}

const SEEDS: &[&str] = &[
    "scope=openid+profile&response_type=code&client_id=s6BhdRkqt3&redirect_uri=https%3A%2F%2Fclient.example.org%2Fcb&state=af0ifjsldkj&max_age=30&claims=%7B%22a%22%3A1%7D",
    "https://rp/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz#access_token=x&token_type=Bearer",
    r#"{"iss":"https://op","sub":"u","aud":["a","b"],"exp":1.5,"iat":"1","email_verified":"true","scope":["a"],"x":{"y":[1,{"z":null}]}}"#,
    r#"{"issuer":"https://op","client_id":"c","azp":"d","response_modes_supported":["query"],"claims_parameter_supported":true}"#,
    r#"Bearer realm="example", error="invalid_token", error_description="say "hi"""#,
    r#"{"keys":[{"kty":"RSA","kid":"k","n":"0vx7agoebGc","e":"AQAB"},{"kty":"EC","crv":"P-256","x":"f83O","y":"x_FE"},{"kty":"oct","k":"AyM1"}]}"#,
    // RFC 9449 §4.1's proof; RFC 8037 A.1's private key.
    "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg",
    r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#,
    "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW",
    "client_id=c&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjIn0.x",
    "https://op.example/authorize?client_id=c&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ax",
    r#"{"iss":"https://op","aud":"c","exp":2,"code":"x","state":"s","token_introspection":{"active":true,"authorization_details":[{"type":"t","actions":["a"]}]},"userinfo":{"email":{"essential":true,"values":[1]},"name":null},"id_token":{}}"#,
    "response=eyJ.eyJ.sig&claims=%7B%22id_token%22%3A%7B%22acr%22%3Anull%7D%7D&authorization_details=%5B%7B%22type%22%3A%22t%22%7D%5D",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        run_all(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_valid_inputs(
        seed in prop::sample::select(SEEDS),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
    ) {
        let mut bytes = seed.as_bytes().to_vec();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            match byte % 3 {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, b"&=%+#?\"{}[],:\\0"[byte as usize % 15]),
            }
        }
        run_all(&String::from_utf8_lossy(&bytes));
    }
}
