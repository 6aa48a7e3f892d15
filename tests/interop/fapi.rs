//! A FAPI 2.0-shaped login against the real provider: PAR (required for the client) of
//! a signed Request Object, PKCE, `private_key_jwt`, DPoP-bound tokens with the
//! provider's nonce rounds at the token and UserInfo endpoints, RFC 9207 `iss`; then
//! the provider's typed errors for a bad proof.

use oidc_core::client_auth::ClientAuth;
use oidc_core::dpop::{authorization_header, resource_nonce_challenge, send_with_nonce, DpopKey};
use oidc_core::jwt::Algorithm;
use oidc_core::messages::*;
use oidc_core::request_object::sign_request_object;
use oidc_core::validation::{AuthenticationResponseValidation, Nonce};
use oidc_core::{Location, OidcMessage};

use crate::harness::{post_with_dpop, setup, test_key, verify_id_token, Browser, REDIRECT_URI};

const CLIENT: &str = "rp-fapi";

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn par_request_object_private_key_jwt_dpop() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    let issuer = ctx.metadata.issuer.clone();
    let par_endpoint = ctx
        .metadata
        .pushed_authorization_request_endpoint
        .clone()
        .expect("a PAR endpoint");
    let token_endpoint = ctx.metadata.token_endpoint.clone().unwrap();
    let auth = ClientAuth::private_key_jwt(CLIENT, test_key("ec-p256"), &issuer).unwrap();
    let dpop = DpopKey::generate(Algorithm::ES256).unwrap();
    assert!(ctx
        .metadata
        .dpop_signing_alg_values_supported
        .as_ref()
        .unwrap()
        .iter()
        .any(|alg| alg == "ES256"));

    let verifier = oidc_core::random::pkce_verifier();
    let (state, nonce) = (oidc_core::random::state(), oidc_core::random::nonce());
    let mut request = AuthenticationRequest::new(CLIENT, REDIRECT_URI, ["openid", "email"]);
    request.state = Some(state.clone());
    request.nonce = Some(nonce.clone());
    request.prompt = Some(vec!["consent".into()]);
    request.code_challenge = Some(oidc_core::pkce::s256_challenge(&verifier));
    request.code_challenge_method = Some("S256".into());
    // RFC 9449 §10: the authorization code is bound to this DPoP key.
    request.extra.insert("dpop_jkt", dpop.jkt());

    // The client must push: a plain authorization request is refused.
    let direct = browser.get(
        &request
            .to_url(&ctx.metadata.authorization_endpoint)
            .unwrap(),
        None,
    );
    let refused =
        AuthenticationResponse::from_url(direct.location.as_deref().unwrap(), Location::Auto)
            .unwrap()
            .into_result()
            .unwrap_err();
    assert_eq!(
        refused.error,
        AuthenticationErrorCode::InvalidRequest,
        "{refused}"
    );
    eprintln!("PAR required: {refused}");

    // PAR of the signed Request Object (EdDSA, the client's registered alg), with
    // private_key_jwt at the PAR endpoint.
    let request_object = sign_request_object(&request, &test_key("ed25519"), &issuer).unwrap();
    let pushed = browser.post_authenticated(
        &par_endpoint,
        &auth,
        &JarRequest::by_value(CLIENT, request_object).to_form(),
        &[],
    );
    assert_eq!(pushed.status, 201, "{}", pushed.body);
    let pushed = PushedAuthorizationResponse::from_json(&pushed.body)
        .unwrap()
        .into_result()
        .expect("PAR accepted");
    assert!(pushed.expires_in > 0 && pushed.expires_in <= 300);

    // The authorization request: client_id + request_uri only (RFC 9126 §4).
    let url = JarRequest::by_reference(CLIENT, &pushed.request_uri)
        .to_url(&ctx.metadata.authorization_endpoint)
        .unwrap();
    let redirect = browser.authorize(&url, "alice");
    let response = AuthenticationResponse::from_url(&redirect, Location::Auto).unwrap();
    response
        .validate_extern(&AuthenticationResponseValidation::from_metadata(
            Some(&state),
            &ctx.metadata,
        ))
        .expect("state and RFC 9207 iss");
    let code = response.into_result().unwrap().code.expect("a code");
    // A request_uri is used once.
    let again = browser.get(&url, None);
    assert_ne!(again.status, 200);

    // The token request: private_key_jwt + a DPoP proof; the provider's nonce round.
    let mut token_request = TokenRequest::for_authorization_code(code, REDIRECT_URI);
    token_request.code_verifier = Some(verifier.clone());
    let mut as_nonce = None;
    let (reply, attempts) = post_with_dpop(
        &browser,
        &token_endpoint,
        &auth,
        &token_request.to_form(),
        &dpop,
        &mut as_nonce,
    );
    assert_eq!(
        attempts, 2,
        "use_dpop_nonce, then the request with the nonce"
    );
    let tokens = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .expect("tokens");
    assert!(tokens.is_dpop(), "token_type {}", tokens.token_type);
    let id_token = verify_id_token(
        &ctx,
        tokens.id_token.as_deref().unwrap(),
        CLIENT,
        Nonce::Expected(&nonce),
    );
    assert_eq!(id_token.sub, "alice");
    eprintln!(
        "PAR + request object + PKCE + private_key_jwt + DPoP: tokens ({attempts} token requests)"
    );

    // UserInfo with the DPoP-bound token: a proof with ath, and the resource's nonce round.
    let userinfo = ctx.metadata.userinfo_endpoint.clone().unwrap();
    let authorization = authorization_header(&tokens.access_token);
    let mut rs_nonce = None;
    let mut calls = 0;
    let reply = send_with_nonce(
        &mut rs_nonce,
        |nonce| {
            calls += 1;
            let proof = dpop
                .proof("GET", &userinfo, Some(&tokens.access_token), nonce)
                .unwrap();
            browser.request(
                "GET",
                &userinfo,
                &[("Authorization", &authorization), ("DPoP", &proof)],
                None,
            )
        },
        |reply| {
            let challenge = reply.header("www-authenticate")?;
            resource_nonce_challenge(challenge, reply.header("dpop-nonce")).map(str::to_owned)
        },
    );
    assert_eq!(reply.status, 200, "{:?} {}", reply.headers, reply.body);
    eprintln!("userinfo: ok after {calls} request(s)");
    let info = UserinfoResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert_eq!(info.sub, "alice");

    // A proof from another key: the token is bound to ours.
    let thief = DpopKey::generate(Algorithm::ES256).unwrap();
    let stolen = thief
        .proof(
            "GET",
            &userinfo,
            Some(&tokens.access_token),
            rs_nonce.as_deref(),
        )
        .unwrap();
    let reply = browser.request(
        "GET",
        &userinfo,
        &[("Authorization", &authorization), ("DPoP", &stolen)],
        None,
    );
    assert_eq!(reply.status, 401);
    let error =
        UserinfoErrorResponse::from_www_authenticate(reply.header("www-authenticate").unwrap())
            .expect("a DPoP challenge");
    eprintln!("userinfo with another key's proof: {error}");
    assert_eq!(error.error, "invalid_token");
    // The DPoP-bound token used as a Bearer token.
    let reply = browser.get(&userinfo, Some(&tokens.access_token));
    assert_eq!(reply.status, 401);
    let error =
        UserinfoErrorResponse::from_www_authenticate(reply.header("www-authenticate").unwrap())
            .unwrap();
    eprintln!("userinfo as Bearer: {error}");
    assert_eq!(error.error, "invalid_token");

    // Introspection shows the binding (RFC 9449 §6.2).
    let introspection = ctx.metadata.introspection_endpoint.clone().unwrap();
    let introspect = TokenIntrospectionRequest::new(&tokens.access_token);
    let reply = browser.post_authenticated(&introspection, &auth, &introspect.to_form(), &[]);
    let active = TokenIntrospectionResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert!(active.active, "{}", reply.body);
    assert_eq!(active.token_type.as_deref(), Some("DPoP"));
    assert_eq!(
        active.cnf.as_ref().and_then(|cnf| cnf.jkt.as_deref()),
        Some(dpop.jkt())
    );

    // A bad proof at the token endpoint (made for another URI): invalid_dpop_proof.
    let bad = dpop
        .proof(
            "POST",
            &format!("{issuer}/elsewhere"),
            None,
            as_nonce.as_deref(),
        )
        .unwrap();
    let reply = browser.post_authenticated(
        &token_endpoint,
        &auth,
        &TokenRequest::for_client_credentials().to_form(),
        &[("DPoP", &bad)],
    );
    let error = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidDpopProof, "{error}");
    eprintln!("bad proof at the token endpoint: {error}");
}
