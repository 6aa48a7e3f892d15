//! Secrets never reach `Debug` or an error text: `id_token` is redacted in every
//! message, unknown parameters named like registered credentials are redacted, and
//! decode errors do not echo a secret value.

use oidc_core::messages::{
    AuthenticationResponse, AuthenticationSuccessResponse, TokenRequest, TokenResponse,
    TokenSuccessResponse,
};
use oidc_core::{ExtraParams, Location, OidcMessage};

const ID_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJTRUNSRVQifQ.c2ln";

#[test]
fn id_tokens_are_redacted_in_every_message() {
    let redirect = format!("https://rp.example/cb#id_token={ID_TOKEN}&state=s");
    let success = AuthenticationSuccessResponse::from_url(&redirect, Location::Auto).unwrap();
    assert_eq!(success.id_token.as_deref(), Some(ID_TOKEN));
    let enum_ = AuthenticationResponse::from_url(&redirect, Location::Auto).unwrap();
    let tokens = TokenSuccessResponse::from_json(&format!(
        r#"{{"access_token":"at-SECRET","token_type":"Bearer","id_token":"{ID_TOKEN}","refresh_token":"rt-SECRET"}}"#
    ))
    .unwrap();
    let tokens_enum = TokenResponse::from(tokens.clone());
    for debug in [
        format!("{success:?}"),
        format!("{enum_:?}"),
        format!("{tokens:?}"),
        format!("{tokens_enum:?}"),
    ] {
        assert!(
            !debug.contains("eyJ") && !debug.contains("SECRET"),
            "{debug}"
        );
        assert!(debug.contains("id_token: Some(<redacted>)"), "{debug}");
    }
}

#[test]
fn extension_grant_credentials_are_redacted_and_other_parameters_shown() {
    for (grant, credentials) in [
        (
            "urn:ietf:params:oauth:grant-type:device_code",
            &["device_code"][..],
        ),
        (
            "urn:ietf:params:oauth:grant-type:jwt-bearer",
            &["assertion"][..],
        ),
        (
            "urn:ietf:params:oauth:grant-type:token-exchange",
            &["subject_token", "actor_token"][..],
        ),
    ] {
        let mut extra = ExtraParams::new();
        for name in credentials {
            extra.insert(name, &format!("{name}-SECRET"));
        }
        if grant.ends_with("token-exchange") {
            // RFC 8693 §2.1: each token comes with its type.
            extra.insert("subject_token_type", "urn:ietf:params:oauth:token-type:jwt");
            extra.insert("actor_token_type", "urn:ietf:params:oauth:token-type:jwt");
        }
        extra.insert("client_assertion", "eyJ-SECRET");
        extra.insert(
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        );
        extra.insert("resource", "https://api.example");
        let request = TokenRequest::for_extension(grant, extra).unwrap();
        let debug = format!("{request:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        // The grants' own credentials are declared secret fields; an unknown
        // parameter named like a credential is redacted in `extra`.
        for name in credentials {
            let declared = format!("{name}: Some(<redacted>)");
            let unknown = format!("\"{name}\": <redacted>");
            assert!(
                debug.contains(&declared) || debug.contains(&unknown),
                "{debug}"
            );
        }
        assert!(
            debug.contains("\"client_assertion\": <redacted>"),
            "{debug}"
        );
        // `resource` is a declared (repeated) field of TokenRequest (RFC 8707 §2).
        assert!(
            debug.contains(r#"resource: ["https://api.example"]"#),
            "{debug}"
        );
        assert!(
            debug.contains(r#""client_assertion_type": "urn:"#),
            "{debug}"
        );
        // Still sent as they are.
        assert!(request.to_form().contains("SECRET"));
    }
}

#[test]
fn credentials_in_json_responses_are_redacted() {
    // A device authorization response decoded as a generic success message.
    let tokens = TokenSuccessResponse::from_json(
        r#"{"access_token":"a","token_type":"Bearer","issued_token_type":"urn:x","registration_access_token":"rat-SECRET","pre-authorized_code":"pac-SECRET"}"#,
    )
    .unwrap();
    let debug = format!("{tokens:?}");
    assert!(!debug.contains("SECRET"), "{debug}");
    assert!(debug.contains(r#""issued_token_type": "urn:x""#), "{debug}");
}

/// A message whose secret field has an alias.
#[derive(OidcMessage, Clone, PartialEq)]
struct Pin {
    #[oidc(secret, alias = "pin_code")]
    pin: Option<u32>,
    #[oidc(extra)]
    extra: ExtraParams,
}

#[test]
fn decode_errors_never_echo_a_secret() {
    for err in [
        Pin::from_form("pin=SECRET").unwrap_err(),
        Pin::from_form("pin_code=SECRET").unwrap_err(),
        Pin::from_json(r#"{"pin":"SECRET"}"#).unwrap_err(),
        Pin::from_json(r#"{"pin_code":"SECRET"}"#).unwrap_err(),
        Pin::from_json(r#"{"device_code":"SECRET"}"#)
            .unwrap()
            .extra
            .get::<u32>("device_code")
            .unwrap_err(),
    ] {
        assert!(!err.to_string().contains("SECRET"), "{err}");
        assert!(!format!("{err:?}").contains("SECRET"), "{err:?}");
    }
}
