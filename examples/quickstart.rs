//! A relying party's message path, end to end, on embedded data.
//!
//! Run with `cargo run --example quickstart`.

use oidc_core::{ExtraParams, Location, OidcMessage};

/// OIDC Core 1.0 §3.1.2.1, declared like the spec's parameter table.
#[derive(OidcMessage, Clone, PartialEq)]
struct AuthenticationRequest {
    #[oidc(required, space_delimited)]
    scope: Vec<String>,
    #[oidc(required)]
    response_type: String,
    #[oidc(required)]
    client_id: String,
    #[oidc(required)]
    redirect_uri: String,
    state: Option<String>,
    nonce: Option<String>,
    #[oidc(space_delimited)]
    prompt: Option<Vec<String>>,
    max_age: Option<u64>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// OIDC Core 1.0 §3.1.2.5 with RFC 9207's `iss`.
#[derive(OidcMessage, Clone, PartialEq)]
struct AuthenticationSuccessResponse {
    #[oidc(required, secret)]
    code: String,
    state: Option<String>,
    iss: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.5).
#[derive(OidcMessage, Clone, PartialEq)]
struct TokenRequest {
    #[oidc(required)]
    grant_type: String,
    #[oidc(secret)]
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    #[oidc(secret)]
    code_verifier: Option<String>,
}

fn main() -> Result<(), oidc_core::Error> {
    // 1. Build the authentication request and put it on the provider's endpoint.
    let request = AuthenticationRequest {
        scope: vec!["openid".into(), "profile".into(), "email".into()],
        response_type: "code".into(),
        client_id: "s6BhdRkqt3".into(),
        redirect_uri: "https://client.example.org/cb".into(),
        state: Some("af0ifjsldkj".into()),
        nonce: Some("n-0S6_WzA2Mj".into()),
        prompt: None,
        max_age: Some(3600),
        code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into()),
        code_challenge_method: Some("S256".into()),
        extra: ExtraParams::new(),
    };
    let url = request.to_url("https://op.example.com/authorize")?;
    println!("1. authentication request URL:\n   {url}\n");

    // 2. The provider redirects back; parse the redirect (query or fragment).
    let redirect = "https://client.example.org/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj\
                    &iss=https%3A%2F%2Fop.example.com&session_state=c9d1.f00d";
    let response = AuthenticationSuccessResponse::from_url(redirect, Location::Auto)?;
    assert_eq!(
        response.state, request.state,
        "state must match (RFC 6749 §10.12)"
    );
    println!("2. parsed redirect (the code is secret, so Debug hides it):\n   {response:?}\n");
    println!(
        "   unknown parameters are kept: session_state = {:?}\n",
        response.extra.get_str("session_state").unwrap_or_default()
    );

    // 3. Exchange the code: a form-encoded token request, and its round trip.
    let token_request = TokenRequest {
        grant_type: "authorization_code".into(),
        code: Some(response.code.clone()),
        redirect_uri: Some(request.redirect_uri.clone()),
        client_id: Some(request.client_id.clone()),
        code_verifier: Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into()),
    };
    let body = token_request.to_form();
    println!("3. token request body:\n   {body}\n");
    assert_eq!(TokenRequest::from_form(&body)?, token_request);
    println!("   ... and it decodes back to the same message.\n");

    // 4. Bad input gets an error that names the message, the parameter and the reason.
    let err = TokenRequest::from_form("grant_type=authorization_code&code=a&code=b").unwrap_err();
    println!("4. a repeated parameter: {err}");
    let err = AuthenticationRequest::from_url(
        "https://op.example.com/authorize?scope=openid",
        Location::Query,
    )
    .unwrap_err();
    println!("   a missing one:        {err}");
    Ok(())
}
