//! JWT client authentication against the real provider: `client_secret_jwt` and
//! `private_key_jwt` at the token endpoint (client credentials grant), the audiences the
//! provider accepts, and its typed errors for bad assertions.

use oidc_core::client_auth::ClientAuth;
use oidc_core::dpop::DpopKey;
use oidc_core::jwt::{Algorithm, SigningKey};
use oidc_core::messages::{
    ClientAssertion, TokenErrorCode, TokenRequest, TokenResponse, JWT_BEARER_ASSERTION_TYPE,
};
use oidc_core::validation::{Clock, SystemClock};
use oidc_core::{NumericDate, OidcMessage};

use crate::harness::{post_with_dpop, setup, test_key, Browser, Context};

const SECRET_JWT_CLIENT: &str = "rp-secret-jwt";
const SECRET: &str = "rp-secret-jwt-secret-of-forty-bytes!!!!";

fn client_credentials(ctx: &Context, browser: &Browser, auth: &ClientAuth) -> TokenResponse {
    let endpoint = ctx.metadata.token_endpoint.as_deref().unwrap();
    let form = TokenRequest::for_client_credentials().to_form();
    let reply = browser.post_authenticated(endpoint, auth, &form, &[]);
    TokenResponse::from_json(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

/// POSTs a hand-made assertion for the client credentials grant.
fn with_assertion(
    ctx: &Context,
    browser: &Browser,
    client_id: &str,
    assertion: &str,
) -> TokenResponse {
    let mut body = TokenRequest::for_client_credentials().to_form();
    for (name, value) in [
        ("client_id", client_id),
        ("client_assertion_type", JWT_BEARER_ASSERTION_TYPE),
        ("client_assertion", assertion),
    ] {
        oidc_core::codec::form::append_pair(&mut body, name, value);
    }
    let endpoint = ctx.metadata.token_endpoint.as_deref().unwrap();
    let reply = browser.request("POST", endpoint, &[], Some(&body));
    TokenResponse::from_json(&reply.body).unwrap()
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn client_secret_jwt_and_private_key_jwt() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    let issuer = ctx.metadata.issuer.clone();
    let token_endpoint = ctx.metadata.token_endpoint.clone().unwrap();

    // client_secret_jwt: HS256 over the client secret, aud = the issuer.
    let hmac = SigningKey::from_secret(SECRET.as_bytes(), Algorithm::HS256).unwrap();
    let auth = ClientAuth::client_secret_jwt(SECRET_JWT_CLIENT, hmac, &issuer).unwrap();
    let tokens = client_credentials(&ctx, &browser, &auth)
        .into_result()
        .expect("client_secret_jwt accepted");
    assert!(tokens.is_bearer());
    // The wrong secret: invalid_client.
    let wrong = SigningKey::from_secret(b"another-secret-of-at-least-32-bytes!!", Algorithm::HS256)
        .unwrap();
    let auth = ClientAuth::client_secret_jwt(SECRET_JWT_CLIENT, wrong, &issuer).unwrap();
    let error = client_credentials(&ctx, &browser, &auth)
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidClient, "{error}");

    // private_key_jwt with the registered ES256 key; the assertion is typed
    // client-authentication+jwt, which the provider takes. The client is registered
    // with dpop_bound_access_tokens: without a proof, the grant is refused.
    let auth = ClientAuth::private_key_jwt("rp-fapi", test_key("ec-p256"), &issuer).unwrap();
    let error = client_credentials(&ctx, &browser, &auth)
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidGrant, "{error}");
    let dpop = DpopKey::generate(Algorithm::ES256).unwrap();
    let mut nonce = None;
    let form = TokenRequest::for_client_credentials().to_form();
    let (reply, attempts) =
        post_with_dpop(&browser, &token_endpoint, &auth, &form, &dpop, &mut nonce);
    assert_eq!(attempts, 2, "the provider asks for its nonce first");
    let tokens = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .expect("private_key_jwt + DPoP accepted");
    assert!(tokens.is_dpop(), "{}", tokens.token_type);
    // The token endpoint URL as the audience (OIDC Core §9's) is accepted too; the
    // nonce of the last answer is reused.
    let auth =
        ClientAuth::private_key_jwt("rp-fapi", test_key("ec-p256"), &token_endpoint).unwrap();
    let (reply, attempts) =
        post_with_dpop(&browser, &token_endpoint, &auth, &form, &dpop, &mut nonce);
    assert!(
        TokenResponse::from_json(&reply.body).unwrap().is_success(),
        "{}",
        reply.body
    );
    eprintln!(
        "client_secret_jwt, private_key_jwt: ok (token endpoint aud after {attempts} request(s))"
    );

    // Bad assertions, each refused as invalid_client.
    let now = SystemClock.now();
    let exp = NumericDate::from_secs(now.as_secs() + 60);
    let assertion = |client_id: &str, aud: &str, jti: &str, key: &SigningKey| {
        let mut claims = ClientAssertion::new(client_id, aud, exp, jti);
        claims.iat = Some(now);
        claims.to_jwt(key).unwrap()
    };
    let secret = SigningKey::from_secret(SECRET.as_bytes(), Algorithm::HS256).unwrap();
    let good = assertion(
        SECRET_JWT_CLIENT,
        &issuer,
        &oidc_core::random::jti(),
        &secret,
    );
    assert!(with_assertion(&ctx, &browser, SECRET_JWT_CLIENT, &good).is_success());
    // The same assertion again: replay.
    let replayed = with_assertion(&ctx, &browser, SECRET_JWT_CLIENT, &good)
        .into_result()
        .unwrap_err();
    assert_eq!(replayed.error, TokenErrorCode::InvalidClient);
    let key = test_key("ec-p256");
    // Another provider as the audience.
    let other = assertion("rp-fapi", "https://other.example", "j-aud", &key);
    let other_aud = with_assertion(&ctx, &browser, "rp-fapi", &other)
        .into_result()
        .unwrap_err();
    assert_eq!(other_aud.error, TokenErrorCode::InvalidClient);
    // Signed by a key the client never registered (with the registered kid).
    let stranger = SigningKey::generate(Algorithm::ES256)
        .unwrap()
        .with_kid("ec-p256");
    let forged = assertion("rp-fapi", &issuer, "j-forged", &stranger);
    let forged = with_assertion(&ctx, &browser, "rp-fapi", &forged)
        .into_result()
        .unwrap_err();
    assert_eq!(forged.error, TokenErrorCode::InvalidClient);
    // An algorithm other than the registered token_endpoint_auth_signing_alg.
    let ed = assertion("rp-fapi", &issuer, "j-alg", &test_key("ed25519"));
    let wrong_alg = with_assertion(&ctx, &browser, "rp-fapi", &ed)
        .into_result()
        .unwrap_err();
    assert_eq!(wrong_alg.error, TokenErrorCode::InvalidClient);
    eprintln!("bad assertions: invalid_client ({replayed}; {other_aud}; {forged}; {wrong_alg})");
}
