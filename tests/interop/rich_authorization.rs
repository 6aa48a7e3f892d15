//! Rich Authorization Requests (RFC 9396) with a resource indicator (RFC 8707): the
//! `authorization_details` sent in the authentication request come back in the token
//! response and in the access token's introspection, the token is for the indicated
//! resource, and a type the provider does not know is refused with
//! `invalid_authorization_details`.

use oidc_core::messages::*;
use oidc_core::validation::AuthenticationResponseValidation;
use oidc_core::{Location, OidcMessage};
use serde_json::json;

use crate::harness::{setup, Browser, Context, REDIRECT_URI};

const CLIENT: &str = "rp-rar";
const SECRET: &str = "rp-rar-secret";
/// The resource server `provider.js` knows.
const RESOURCE: &str = "https://rs.example/payments";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-interop-rar-0123456";

fn payment() -> AuthorizationDetail {
    let mut detail = AuthorizationDetail::new("payment_initiation");
    detail.actions = vec!["initiate".into(), "status".into()];
    detail.locations = vec![RESOURCE.into()];
    detail
        .extra
        .insert_json(
            "instructedAmount",
            &json!({"currency": "EUR", "amount": "123.50"}),
        )
        .unwrap();
    detail.extra.insert("creditorName", "Merchant A");
    detail
}

fn request(details: Vec<AuthorizationDetail>, state: &str) -> AuthenticationRequest {
    let mut request = AuthenticationRequest::new(CLIENT, REDIRECT_URI, ["openid", "payments"]);
    request.state = Some(state.to_owned());
    request.prompt = Some(vec!["consent".into()]);
    request.code_challenge = Some(oidc_core::pkce::s256_challenge(VERIFIER));
    request.code_challenge_method = Some("S256".into());
    request.resource = vec![RESOURCE.to_owned()];
    request.authorization_details = Some(details);
    request
}

fn authorize(
    ctx: &Context,
    browser: &Browser,
    request: &AuthenticationRequest,
) -> AuthenticationResponse {
    let url = request
        .to_url(&ctx.metadata.authorization_endpoint)
        .unwrap();
    let redirect = browser.authorize(&url, "alice");
    let response = AuthenticationResponse::from_url(&redirect, Location::Auto).unwrap();
    response
        .validate_extern(&AuthenticationResponseValidation::from_metadata(
            request.state.as_deref(),
            &ctx.metadata,
        ))
        .expect("state and iss");
    response
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn authorization_details_and_a_resource_indicator() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    assert_eq!(
        ctx.metadata
            .authorization_details_types_supported
            .as_deref(),
        Some(&["payment_initiation".to_owned()][..])
    );

    let code = authorize(&ctx, &browser, &request(vec![payment()], "state-rar"))
        .into_result()
        .unwrap()
        .code
        .unwrap();
    let mut token_request = TokenRequest::for_authorization_code(code, REDIRECT_URI);
    token_request.code_verifier = Some(VERIFIER.to_owned());
    token_request.resource = vec![RESOURCE.to_owned()];
    let reply = browser.post_form(
        ctx.metadata.token_endpoint.as_deref().unwrap(),
        &token_request.to_form(),
        Some((CLIENT, SECRET)),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let tokens = TokenResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    // RFC 9396 §7: the details granted and assigned to the access token.
    assert_eq!(
        tokens.authorization_details,
        Some(vec![payment()]),
        "{}",
        reply.body
    );
    assert_eq!(tokens.scope, Some(vec!["payments".to_owned()]));
    eprintln!("authorization_details in the token response: ok");

    // RFC 9396 §9.2 and RFC 8707: the introspection shows both.
    let reply = browser.post_form(
        ctx.metadata.introspection_endpoint.as_deref().unwrap(),
        &TokenIntrospectionRequest::new(&tokens.access_token).to_form(),
        Some((CLIENT, SECRET)),
    );
    let introspected = TokenIntrospectionResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap();
    assert!(introspected.active);
    assert_eq!(
        introspected.aud.as_ref().map(|a| a.contains(RESOURCE)),
        Some(true),
        "{}",
        reply.body
    );
    assert_eq!(introspected.authorization_details, Some(vec![payment()]));
    let typed: Vec<AuthorizationDetail> = introspected.authorization_details.unwrap();
    assert_eq!(
        typed[0].extra.get_str("creditorName").as_deref(),
        Some("Merchant A")
    );
    eprintln!("authorization_details and resource in the introspection: ok");

    // RFC 9396 §5: an unknown type, or a known one without its required member.
    let mut incomplete = payment();
    incomplete.extra = oidc_core::ExtraParams::new();
    for (details, state) in [
        (
            vec![AuthorizationDetail::new("account_information")],
            "state-unknown",
        ),
        (vec![incomplete], "state-incomplete"),
    ] {
        let error = authorize(&ctx, &browser, &request(details, state))
            .into_result()
            .unwrap_err();
        assert_eq!(
            error.error,
            AuthenticationErrorCode::InvalidAuthorizationDetails,
            "{error}"
        );
    }
    eprintln!("invalid_authorization_details: ok");
}
