//! Client registration messages (RFC 7591, RFC 7592, OIDC Registration 1.0): the rules
//! across members, localized members, the update request, the configuration requests.

use oidc_core::messages::*;
use oidc_core::{NumericDate, OidcMessage};

#[test]
fn jwks_and_jwks_uri_are_never_both_present() {
    let both = r#"{"jwks_uri":"https://rp/jwks","jwks":{"keys":[]}}"#;
    for err in [
        ClientMetadata::from_json(both).unwrap_err(),
        ClientRegistrationRequest::from_json(both).unwrap_err(),
        ClientInformationResponse::from_json(&format!(r#"{{"client_id":"c",{}"#, &both[1..]))
            .unwrap_err(),
    ] {
        assert!(
            err.to_string()
                .ends_with("jwks_uri and jwks are both present (RFC 7591 §2)"),
            "{err}"
        );
    }
    for one in [
        r#"{"jwks_uri":"https://rp/jwks"}"#,
        r#"{"jwks":{"keys":[]}}"#,
    ] {
        assert!(ClientRegistrationRequest::from_json(one).is_ok(), "{one}");
    }
}

#[test]
fn a_client_secret_comes_with_its_expiry() {
    let err = ClientInformationResponse::from_json(r#"{"client_id":"c","client_secret":"s"}"#)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"ClientInformationResponse: missing required parameter "client_secret_expires_at""#
    );
    let never = ClientInformationResponse::from_json(
        r#"{"client_id":"c","client_secret":"s","client_secret_expires_at":0}"#,
    )
    .unwrap();
    assert_eq!(
        never.client_secret_expires_at,
        Some(NumericDate::from_secs(0))
    );
    assert_eq!(never.client_secret_expires(), None, "0: never expires");
    let later = ClientInformationResponse::from_json(
        r#"{"client_id":"c","client_secret":"s","client_secret_expires_at":1}"#,
    )
    .unwrap();
    assert_eq!(
        later.client_secret_expires(),
        Some(NumericDate::from_secs(1))
    );
    assert!(ClientInformationResponse::from_json(r#"{"client_id":"c"}"#).is_ok());
}

#[test]
fn a_registration_access_token_comes_with_its_endpoint() {
    let err = ClientInformationResponse::from_json(
        r#"{"client_id":"c","registration_access_token":"t"}"#,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"ClientInformationResponse: missing required parameter "registration_client_uri""#
    );
    assert!(ClientInformationResponse::from_json(
        r#"{"client_id":"c","registration_access_token":"t","registration_client_uri":"https://op/reg/c"}"#
    )
    .is_ok());
}

#[test]
fn localized_members_are_string_variants_in_extra() {
    let m = ClientMetadata::from_json(
        r#"{"client_name":"N","client_name#fr":"Nom","client_name#":"x","client_names#de":"y",
            "client_name#de":7,"logo_uri#fr":"https://l/fr.png"}"#,
    )
    .unwrap();
    assert_eq!(m.localized("client_name", "fr").as_deref(), Some("Nom"));
    assert_eq!(m.localized("client_name", "FR").as_deref(), Some("Nom"));
    assert_eq!(m.localized("client_name", "de"), None, "not a string");
    assert_eq!(m.localized("client_name", ""), None);
    let tags: Vec<_> = m
        .localized_variants("client_name")
        .map(|(t, _)| t)
        .collect();
    assert_eq!(tags, ["fr"]);
    let mut m = m;
    m.set_localized("client_name", "fr", "Autre nom");
    assert_eq!(
        m.localized("client_name", "fr").as_deref(),
        Some("Autre nom")
    );
    assert_eq!(
        m.localized_variants("client_name").count(),
        1,
        "replaced, not added"
    );
}

#[test]
fn the_update_request_leaves_out_what_rfc7592_forbids() {
    let response = ClientInformationResponse::from_json(
        r#"{"client_id":"c","client_secret":"s","client_id_issued_at":1,"client_secret_expires_at":0,
            "registration_access_token":"t","registration_client_uri":"https://op/reg/c",
            "redirect_uris":["https://rp/cb"],"client_name":"N"}"#,
    )
    .unwrap();
    let update = response.to_update_request();
    assert_eq!(
        update.to_json(),
        r#"{"client_id":"c","client_secret":"s","redirect_uris":["https://rp/cb"],"client_name":"N"}"#
    );
    let mut metadata = ClientMetadata::default();
    metadata.client_name = Some("N".into());
    assert_eq!(
        ClientUpdateRequest::new("c", metadata).to_json(),
        r#"{"client_id":"c","client_name":"N"}"#
    );
    assert!(ClientUpdateRequest::from_json(r#"{"client_name":"N"}"#).is_err());
}

#[test]
fn configuration_requests_say_method_header_and_body() {
    let update = ClientUpdateRequest::new("c", ClientMetadata::default());
    for (request, method, body) in [
        (
            ClientConfigurationRequest::read("https://op/reg/c", "tok-secret"),
            "GET",
            None,
        ),
        (
            ClientConfigurationRequest::update("https://op/reg/c", "tok-secret", &update),
            "PUT",
            Some(r#"{"client_id":"c"}"#),
        ),
        (
            ClientConfigurationRequest::delete("https://op/reg/c", "tok-secret"),
            "DELETE",
            None,
        ),
    ] {
        assert_eq!(request.method.as_str(), method);
        assert_eq!(request.uri, "https://op/reg/c");
        assert_eq!(request.authorization, "Bearer tok-secret");
        assert_eq!(request.body.as_deref(), body);
        let debug = format!("{request:?}");
        assert!(!debug.contains("tok-secret"), "{debug}");
        // What is not secret is shown.
        for shown in [
            "ClientConfigurationRequest",
            "https://op/reg/c",
            "Bearer <redacted>",
        ] {
            assert!(debug.contains(shown), "{debug}");
        }
    }
}

#[test]
fn registration_secrets_never_show_in_debug() {
    let mut metadata = ClientMetadata::default();
    metadata.software_statement = Some("ss-secret".into());
    let mut response = ClientInformationResponse::new("c", metadata);
    response.client_secret = Some("cs-secret".into());
    response.registration_access_token = Some("rat-secret".into());
    let debug = format!("{response:?}");
    for secret in ["ss-secret", "cs-secret", "rat-secret"] {
        assert!(!debug.contains(secret), "{debug}");
    }
}

#[test]
fn registration_errors_have_their_codes() {
    for code in [
        "invalid_redirect_uri",
        "invalid_client_metadata",
        "invalid_software_statement",
        "unapproved_software_statement",
    ] {
        let err = ClientRegistrationResponse::from_json(&format!(r#"{{"error":"{code}"}}"#))
            .unwrap()
            .into_result()
            .unwrap_err();
        assert!(
            !matches!(err.error, ClientRegistrationErrorCode::Other(_)),
            "{code}"
        );
        assert_eq!(err.error.as_str(), code);
        assert_eq!(
            ClientRegistrationErrorResponse::new(code).to_json(),
            format!(r#"{{"error":"{code}"}}"#)
        );
    }
}

#[test]
fn booleans_default_to_false_and_are_written_when_true() {
    let m = ClientMetadata::from_json("{}").unwrap();
    assert_eq!(m, ClientMetadata::default());
    assert!(!m.require_auth_time && !m.backchannel_logout_session_required);
    let mut m = m;
    m.require_auth_time = true;
    assert_eq!(m.to_json(), r#"{"require_auth_time":true}"#);
}
