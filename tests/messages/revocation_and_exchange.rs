//! Token revocation (RFC 7009) and token exchange (RFC 8693) messages.

use oidc_core::messages::*;
use oidc_core::OidcMessage;

#[test]
fn revocation_request_requires_the_token() {
    let err = TokenRevocationRequest::from_form("token_type_hint=access_token").unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"TokenRevocationRequest: missing required parameter "token""#
    );
    let r = TokenRevocationRequest::from_form("token=t&token_type_hint=urn:x").unwrap();
    assert_eq!(
        r.token_type_hint,
        Some(TokenTypeHint::Other("urn:x".into()))
    );
    assert_eq!(TokenRevocationRequest::new("t").to_form(), "token=t");
    let err =
        TokenRevocationErrorResponse::from_json(r#"{"error":"unsupported_token_type"}"#).unwrap();
    assert_eq!(err.error, TokenErrorCode::UnsupportedTokenType);
}

#[test]
fn token_types_are_the_registered_uris() {
    for (uri, ty) in [
        (
            "urn:ietf:params:oauth:token-type:access_token",
            TokenType::AccessToken,
        ),
        (
            "urn:ietf:params:oauth:token-type:refresh_token",
            TokenType::RefreshToken,
        ),
        (
            "urn:ietf:params:oauth:token-type:id_token",
            TokenType::IdToken,
        ),
        ("urn:ietf:params:oauth:token-type:saml1", TokenType::Saml1),
        ("urn:ietf:params:oauth:token-type:saml2", TokenType::Saml2),
        ("urn:ietf:params:oauth:token-type:jwt", TokenType::Jwt),
    ] {
        assert_eq!(TokenType::from(uri), ty);
        assert_eq!(ty.as_str(), uri);
    }
}

#[test]
fn token_exchange_response_requires_its_members() {
    let ok = TokenExchangeSuccessResponse::new("at", TokenType::AccessToken, "Bearer");
    assert_eq!(
        ok.to_json(),
        r#"{"access_token":"at","issued_token_type":"urn:ietf:params:oauth:token-type:access_token","token_type":"Bearer"}"#
    );
    assert_eq!(
        TokenExchangeSuccessResponse::from_json(&ok.to_json()).unwrap(),
        ok
    );
    let err = TokenExchangeResponse::from_json(r#"{"access_token":"at","token_type":"Bearer"}"#)
        .unwrap_err();
    assert!(err.to_string().contains("issued_token_type"), "{err}");
    assert!(!format!("{ok:?}").contains("\"at\""));
    let err = TokenExchangeResponse::from_json(r#"{"error":"invalid_target"}"#)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(err.error, TokenErrorCode::InvalidTarget);
}
