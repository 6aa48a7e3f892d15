//! A relying party's whole message path, on embedded data from the OpenID Connect Core
//! and Discovery specifications, printed step by step.
//!
//! Run with `cargo run --example quickstart`.

use oidc_core::jwt::JwkSet;
use oidc_core::messages::{
    AuthenticationRequest, AuthenticationResponse, IdToken, ProviderMetadata, TokenRequest,
    TokenResponse,
};
use oidc_core::validation::{AuthenticationResponseValidation, FixedClock, IdTokenValidation};
use oidc_core::{Location, NumericDate, OidcMessage};

/// OIDC Discovery 1.0 §4.2's example configuration (abridged).
const DISCOVERY: &str = r#"{
  "issuer": "https://server.example.com",
  "authorization_endpoint": "https://server.example.com/connect/authorize",
  "token_endpoint": "https://server.example.com/connect/token",
  "jwks_uri": "https://server.example.com/jwks.json",
  "response_types_supported": ["code", "code id_token", "id_token", "id_token token"],
  "subject_types_supported": ["public", "pairwise"],
  "id_token_signing_alg_values_supported": ["RS256", "ES256", "HS256"],
  "claims_parameter_supported": true
}"#;

/// OIDC Core 1.0 Appendix A.7: the example provider key.
const JWKS: &str = r#"{"keys":[{"kty":"RSA","kid":"1e9gdk7","n":"w7Zdfmece8iaB0kiTY8pCtiBtzbptJmP28nSWwtdjRu0f2GFpajvWE4VhfJAjEsOcwYzay7XGN0b-X84BfC8hmCTOj2b2eHT7NsZegFPKRUQzJ9wW8ipn_aDJWMGDuB1XyqT1E7DYqjUCEOD1b4FLpy_xPn6oV_TYOfQ9fZdbE5HGxJUzekuGcOKqOQ8M7wfYHhHHLxGpQVgL0apWuP2gDDOdTtpuld4D2LK1MZK99s9gaSjRHE8JDb1Z4IGhEcEyzkxswVdPndUWzfvWBBWXWxtSUvQGBRkuy1BHOa4sP6FKjWEeeF7gm7UMs2Nm2QUgNZw6xvEDGaLk4KASdIxRQ","e":"AQAB"}]}"#;

/// OIDC Core 1.0 Appendix A.2's ID Token, signed with that key.
const ID_TOKEN: &str = include_str!("../tests/data/jws/oidc-core-A.2-id_token.jwt");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client_id = "s6BhdRkqt3";
    let redirect_uri = "https://client.example.org/cb";

    // 1. Discovery.
    let metadata = ProviderMetadata::from_json(DISCOVERY)?;
    println!(
        "1. provider {} (authorize at {})\n",
        metadata.issuer, metadata.authorization_endpoint
    );

    // 2. The authentication request, with PKCE (RFC 7636), state and nonce.
    let code_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let mut request =
        AuthenticationRequest::new(client_id, redirect_uri, ["openid", "profile", "email"]);
    request.state = Some("af0ifjsldkj".into());
    request.nonce = Some("n-0S6_WzA2Mj".into());
    request.code_challenge = Some(oidc_core::pkce::s256_challenge(code_verifier));
    request.code_challenge_method = Some("S256".into());
    let url = request.to_url(&metadata.authorization_endpoint)?;
    println!("2. send the browser to:\n   {url}\n");

    // 3. The provider redirects back: parse it (query or fragment) and check state/iss.
    let redirect = "https://client.example.org/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj&session_state=c9d1.f00d";
    let response = AuthenticationResponse::from_url(redirect, Location::Auto)?;
    response.validate_extern(&AuthenticationResponseValidation::from_metadata(
        request.state.as_deref(),
        &metadata,
    ))?;
    let success = response
        .into_result()
        .map_err(|e| format!("the provider said {}", e.error))?;
    println!("3. redirect parsed and checked (Debug hides the code):\n   {success:?}\n");

    // 4. Exchange the code: the form body of the token request.
    let code = success.code.as_deref().ok_or("no code")?;
    let mut token_request = TokenRequest::for_authorization_code(code, redirect_uri);
    token_request.client_id = Some(client_id.to_owned());
    token_request.code_verifier = Some(code_verifier.to_owned());
    println!(
        "4. POST {} with\n   {}\n",
        metadata.token_endpoint.as_deref().unwrap_or("?"),
        token_request.to_form()
    );

    // 5. The token response (as the provider would answer).
    let body = format!(
        r#"{{"access_token":"SlAV32hkKG","token_type":"Bearer","refresh_token":"8xLOxBtZp8","expires_in":3600,"id_token":"{}"}}"#,
        ID_TOKEN.trim()
    );
    let tokens = TokenResponse::from_json(&body)?
        .into_result()
        .map_err(|e| format!("token error {}", e.error))?;
    println!(
        "5. token response: bearer={} expires_in={:?}\n",
        tokens.is_bearer(),
        tokens.expires_in
    );

    // 6. The ID Token, in one call: the signature with the provider's keys and the
    //    algorithms its metadata announces, then the claims (OIDC Core §3.1.3.7). The
    //    spec's token is from 2011, so pin the clock.
    let keys = JwkSet::from_json(JWKS)?;
    let id_token: IdToken = IdTokenValidation::from_metadata(&metadata, client_id)
        .nonce("n-0S6_WzA2Mj")
        .clock(FixedClock(NumericDate::from_secs(1311281000)))
        .verify(tokens.id_token.as_deref().ok_or("no id_token")?, &keys)?;
    println!(
        "6. ID Token verified and valid: sub={} name={:?} email={:?}\n",
        id_token.sub, id_token.claims.name, id_token.claims.email
    );

    // 7. Bad input gets an error that names the message, the parameter and the reason.
    let err = TokenRequest::from_form("grant_type=authorization_code&code=a&code=b").unwrap_err();
    println!("7. a repeated parameter: {err}");
    let err = AuthenticationResponse::from_url(
        "https://client.example.org/cb?state=af0ifjsldkj",
        Location::Auto,
    )
    .unwrap_err();
    println!("   no code:              {err}");
    let late = IdTokenValidation::from_metadata(&metadata, client_id)
        .nonce("n-0S6_WzA2Mj")
        .verify::<IdToken>(ID_TOKEN.trim(), &keys)
        .unwrap_err();
    println!("   today's clock:        {late} ({:?})", late.kind());
    Ok(())
}
