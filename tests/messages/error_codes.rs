//! Every code of the IANA "OAuth Extensions Error Registry" (2025-08-04) that applies to
//! an endpoint is a named variant of that endpoint's code enum; any other code is
//! `Other`, kept as received; each code reads back as its wire text.

use oidc_core::messages::*;

/// Each `(wire, variant)` reads as the variant, writes back as the wire text, and is
/// not `Other`; an unregistered code is `Other`.
macro_rules! registry {
    ($enum:ident, $message:ident, [$($wire:literal => $variant:ident,)*]) => {{
        let codes = [$(($wire, $enum::$variant),)*];
        for (wire, variant) in codes.clone() {
            assert_eq!($enum::from(wire), variant, "{wire}");
            assert_eq!(variant.as_str(), wire);
            assert_eq!(variant, *wire, "PartialEq<str>");
            // Through the error response, from JSON and from a form.
            let json = format!(r#"{{"error":"{wire}"}}"#);
            assert_eq!($message::from_json(&json).unwrap().error, variant);
            assert_eq!($message::from_form(&format!("error={wire}")).unwrap().error, variant);
        }
        let unknown = $enum::from("some_vendor_code");
        assert_eq!(unknown, $enum::Other("some_vendor_code".into()));
        assert_eq!(unknown, "some_vendor_code");
        // Codes compare exactly (RFC 6749 §5.2): case matters.
        assert!(matches!($enum::from("INVALID_REQUEST"), $enum::Other(_)));
        codes.len()
    }};
}

use oidc_core::OidcMessage;

#[test]
fn authorization_endpoint_codes() {
    let n = registry!(AuthenticationErrorCode, AuthenticationErrorResponse, [
        // RFC 6749 §4.1.2.1
        "invalid_request" => InvalidRequest,
        "unauthorized_client" => UnauthorizedClient,
        "access_denied" => AccessDenied,
        "unsupported_response_type" => UnsupportedResponseType,
        "invalid_scope" => InvalidScope,
        "server_error" => ServerError,
        "temporarily_unavailable" => TemporarilyUnavailable,
        "invalid_client" => InvalidClient,
        // OIDC Core §3.1.2.6
        "interaction_required" => InteractionRequired,
        "login_required" => LoginRequired,
        "account_selection_required" => AccountSelectionRequired,
        "consent_required" => ConsentRequired,
        "invalid_request_uri" => InvalidRequestUri,
        "invalid_request_object" => InvalidRequestObject,
        "request_not_supported" => RequestNotSupported,
        "request_uri_not_supported" => RequestUriNotSupported,
        "registration_not_supported" => RegistrationNotSupported,
        // RFC 8707 §2, RFC 9396 §5
        "invalid_target" => InvalidTarget,
        "invalid_authorization_details" => InvalidAuthorizationDetails,
        // OpenID Federation 1.0 §8.9
        "invalid_issuer" => InvalidIssuer,
        "invalid_subject" => InvalidSubject,
        "invalid_trust_anchor" => InvalidTrustAnchor,
        "invalid_trust_chain" => InvalidTrustChain,
        "invalid_metadata" => InvalidMetadata,
        "not_found" => NotFound,
        "unsupported_parameter" => UnsupportedParameter,
        // OpenID for Verifiable Presentations 1.0 §8.5
        "vp_formats_not_supported" => VpFormatsNotSupported,
        "invalid_request_uri_method" => InvalidRequestUriMethod,
        "wallet_unavailable" => WalletUnavailable,
    ]);
    assert_eq!(n, 29, "the registry's 29 authorization endpoint codes");
}

#[test]
fn token_endpoint_codes() {
    let n = registry!(TokenErrorCode, TokenErrorResponse, [
        // RFC 6749 §5.2
        "invalid_request" => InvalidRequest,
        "invalid_client" => InvalidClient,
        "invalid_grant" => InvalidGrant,
        "unauthorized_client" => UnauthorizedClient,
        "unsupported_grant_type" => UnsupportedGrantType,
        "invalid_scope" => InvalidScope,
        // UMA 2.0 Grant §3.3.6
        "need_info" => NeedInfo,
        "request_denied" => RequestDenied,
        "request_submitted" => RequestSubmitted,
        // RFC 8628 §3.5
        "authorization_pending" => AuthorizationPending,
        "access_denied" => AccessDenied,
        "slow_down" => SlowDown,
        "expired_token" => ExpiredToken,
        // RFC 8707 §2, RFC 9200 §5.8.3, RFC 9396 §6, RFC 9449
        "invalid_target" => InvalidTarget,
        "unsupported_pop_key" => UnsupportedPopKey,
        "incompatible_ace_profiles" => IncompatibleAceProfiles,
        "invalid_authorization_details" => InvalidAuthorizationDetails,
        "invalid_dpop_proof" => InvalidDpopProof,
        "use_dpop_nonce" => UseDpopNonce,
        // OpenID for Verifiable Presentations 1.0 §8.5
        "vp_formats_not_supported" => VpFormatsNotSupported,
        "wallet_unavailable" => WalletUnavailable,
    ]);
    assert_eq!(n, 21);
}

#[test]
fn resource_access_codes() {
    let n = registry!(ResourceAccessErrorCode, UserinfoErrorResponse, [
        "invalid_request" => InvalidRequest,
        "invalid_token" => InvalidToken,
        "insufficient_scope" => InsufficientScope,
        "invalid_dpop_proof" => InvalidDpopProof,
        "use_dpop_nonce" => UseDpopNonce,
        "insufficient_user_authentication" => InsufficientUserAuthentication,
    ]);
    assert_eq!(n, 6);
    // RFC 9470 §3's challenge, as a header.
    let e = UserinfoErrorResponse::from_www_authenticate(
        r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR""#,
    )
    .unwrap();
    assert_eq!(
        e.error,
        ResourceAccessErrorCode::InsufficientUserAuthentication
    );
    assert_eq!(e.extra.get_str("acr_values").as_deref(), Some("myACR"));
}

#[test]
fn introspection_codes() {
    let n = registry!(TokenIntrospectionErrorCode, TokenIntrospectionErrorResponse, [
        "invalid_request" => InvalidRequest,
        "invalid_client" => InvalidClient,
        "invalid_token" => InvalidToken,
        "insufficient_scope" => InsufficientScope,
    ]);
    assert_eq!(n, 4);
}
