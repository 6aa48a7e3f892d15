//! Provider metadata (OpenID Connect Discovery 1.0 §3; RFC 8414 §2; Session Management,
//! Front-Channel, Back-Channel and RP-Initiated Logout; RFC 7636, RFC 7662, RFC 7009,
//! RFC 8628, RFC 8705, RFC 9126, RFC 9207, CIBA).

use crate::{ExtraParams, OidcMessage};

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}
fn default_response_modes() -> Vec<String> {
    strings(&["query", "fragment"])
}
fn default_grant_types() -> Vec<String> {
    strings(&["authorization_code", "implicit"])
}
fn default_token_endpoint_auth_methods() -> Vec<String> {
    strings(&["client_secret_basic"])
}
fn yes() -> bool {
    true
}

/// An OpenID Provider's configuration (OIDC Discovery 1.0 §3), as served at
/// `/.well-known/openid-configuration`.
///
/// Members with a spec default get it when absent (and are not written when equal to
/// it). Unknown members (Microsoft's `msgraph_host`, PingFederate's `ping_*`, ...) are
/// kept in `extra` with their JSON types.
///
/// # Real providers that omit REQUIRED members
///
/// `issuer`, `authorization_endpoint`, `jwks_uri`, `response_types_supported`,
/// `subject_types_supported` and `id_token_signing_alg_values_supported` are REQUIRED,
/// and [`from_json`](OidcMessage::from_json) fails, naming the member, when one is
/// absent. Some real documents do omit them: workload-identity token issuers (GitHub
/// Actions, Kubernetes service-account issuers) have no `authorization_endpoint`,
/// CILogon's 2016 document has no `jwks_uri`, Google's 2015 document misspells
/// `id_token_alg_values_supported`, Okta custom authorization servers omit
/// `id_token_signing_alg_values_supported`. Parse those with
/// [`from_json_lenient`](OidcMessage::from_json_lenient): the absent members are
/// empty and their names are returned, so the caller can decide whether the document
/// is usable for what it needs (a workload-identity verifier needs only `issuer` and
/// `jwks_uri`).
///
/// ```
/// use oidc_core::messages::ProviderMetadata;
/// use oidc_core::OidcMessage;
///
/// let doc = r#"{"issuer":"https://token.actions.githubusercontent.com",
///   "jwks_uri":"https://token.actions.githubusercontent.com/.well-known/jwks",
///   "subject_types_supported":["public"],"response_types_supported":["id_token"],
///   "id_token_signing_alg_values_supported":["RS256"]}"#;
/// assert!(ProviderMetadata::from_json(doc).is_err());
/// let (metadata, missing) = ProviderMetadata::from_json_lenient(doc)?;
/// assert_eq!(missing, ["authorization_endpoint"]);
/// assert_eq!(metadata.jwks_uri, "https://token.actions.githubusercontent.com/.well-known/jwks");
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct ProviderMetadata {
    /// `issuer` — REQUIRED. https URL, no query or fragment; equals the ID Tokens' `iss`.
    #[oidc(required)]
    pub issuer: String,
    /// `authorization_endpoint` — REQUIRED.
    #[oidc(required)]
    pub authorization_endpoint: String,
    /// `token_endpoint` — REQUIRED unless only the Implicit Flow is used.
    pub token_endpoint: Option<String>,
    /// `userinfo_endpoint` — RECOMMENDED.
    pub userinfo_endpoint: Option<String>,
    /// `jwks_uri` — REQUIRED. The OP's JWK Set.
    #[oidc(required)]
    pub jwks_uri: String,
    /// `registration_endpoint` — RECOMMENDED (Dynamic Client Registration).
    pub registration_endpoint: Option<String>,
    /// `scopes_supported` — RECOMMENDED.
    #[oidc(json)]
    pub scopes_supported: Option<Vec<String>>,
    /// `response_types_supported` — REQUIRED.
    #[oidc(required, json)]
    pub response_types_supported: Vec<String>,
    /// `response_modes_supported` — OPTIONAL; default `["query", "fragment"]`.
    #[oidc(json, default = default_response_modes)]
    pub response_modes_supported: Vec<String>,
    /// `grant_types_supported` — OPTIONAL; default `["authorization_code", "implicit"]`.
    #[oidc(json, default = default_grant_types)]
    pub grant_types_supported: Vec<String>,
    /// `acr_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub acr_values_supported: Option<Vec<String>>,
    /// `subject_types_supported` — REQUIRED (`public`, `pairwise`).
    #[oidc(required, json)]
    pub subject_types_supported: Vec<String>,
    /// `id_token_signing_alg_values_supported` — REQUIRED; must include RS256.
    #[oidc(required, json)]
    pub id_token_signing_alg_values_supported: Vec<String>,
    /// `id_token_encryption_alg_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub id_token_encryption_alg_values_supported: Option<Vec<String>>,
    /// `id_token_encryption_enc_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub id_token_encryption_enc_values_supported: Option<Vec<String>>,
    /// `userinfo_signing_alg_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub userinfo_signing_alg_values_supported: Option<Vec<String>>,
    /// `userinfo_encryption_alg_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub userinfo_encryption_alg_values_supported: Option<Vec<String>>,
    /// `userinfo_encryption_enc_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub userinfo_encryption_enc_values_supported: Option<Vec<String>>,
    /// `request_object_signing_alg_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub request_object_signing_alg_values_supported: Option<Vec<String>>,
    /// `request_object_encryption_alg_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub request_object_encryption_alg_values_supported: Option<Vec<String>>,
    /// `request_object_encryption_enc_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub request_object_encryption_enc_values_supported: Option<Vec<String>>,
    /// `token_endpoint_auth_methods_supported` — OPTIONAL; default `["client_secret_basic"]`.
    #[oidc(json, default = default_token_endpoint_auth_methods)]
    pub token_endpoint_auth_methods_supported: Vec<String>,
    /// `token_endpoint_auth_signing_alg_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub token_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    /// `display_values_supported` — OPTIONAL.
    #[oidc(json)]
    pub display_values_supported: Option<Vec<String>>,
    /// `claim_types_supported` — OPTIONAL (`normal`, `aggregated`, `distributed`).
    #[oidc(json)]
    pub claim_types_supported: Option<Vec<String>>,
    /// `claims_supported` — RECOMMENDED.
    #[oidc(json)]
    pub claims_supported: Option<Vec<String>>,
    /// `service_documentation` — OPTIONAL.
    pub service_documentation: Option<String>,
    /// `claims_locales_supported` — OPTIONAL.
    #[oidc(json)]
    pub claims_locales_supported: Option<Vec<String>>,
    /// `ui_locales_supported` — OPTIONAL.
    #[oidc(json)]
    pub ui_locales_supported: Option<Vec<String>>,
    /// `claims_parameter_supported` — OPTIONAL; default false.
    #[oidc(default)]
    pub claims_parameter_supported: bool,
    /// `request_parameter_supported` — OPTIONAL; default false.
    #[oidc(default)]
    pub request_parameter_supported: bool,
    /// `request_uri_parameter_supported` — OPTIONAL; default true.
    #[oidc(default = yes)]
    pub request_uri_parameter_supported: bool,
    /// `require_request_uri_registration` — OPTIONAL; default false.
    #[oidc(default)]
    pub require_request_uri_registration: bool,
    /// `op_policy_uri` — OPTIONAL.
    pub op_policy_uri: Option<String>,
    /// `op_tos_uri` — OPTIONAL.
    pub op_tos_uri: Option<String>,
    /// `end_session_endpoint` — REQUIRED if RP-Initiated Logout is supported (RP-Initiated Logout 1.0 §2.1).
    pub end_session_endpoint: Option<String>,
    /// `check_session_iframe` — Session Management 1.0 §3.3.
    pub check_session_iframe: Option<String>,
    /// `frontchannel_logout_supported` — OPTIONAL; default false (Front-Channel Logout 1.0 §3).
    #[oidc(default)]
    pub frontchannel_logout_supported: bool,
    /// `frontchannel_logout_session_supported` — OPTIONAL; default false.
    #[oidc(default)]
    pub frontchannel_logout_session_supported: bool,
    /// `backchannel_logout_supported` — OPTIONAL; default false (Back-Channel Logout 1.0 §2.1).
    #[oidc(default)]
    pub backchannel_logout_supported: bool,
    /// `backchannel_logout_session_supported` — OPTIONAL; default false.
    #[oidc(default)]
    pub backchannel_logout_session_supported: bool,
    /// `introspection_endpoint` — RFC 7662 / RFC 8414 §2.
    pub introspection_endpoint: Option<String>,
    /// `introspection_endpoint_auth_methods_supported` — RFC 8414 §2.
    #[oidc(json)]
    pub introspection_endpoint_auth_methods_supported: Option<Vec<String>>,
    /// `introspection_endpoint_auth_signing_alg_values_supported` — RFC 8414 §2.
    #[oidc(json)]
    pub introspection_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    /// `revocation_endpoint` — RFC 7009 / RFC 8414 §2.
    pub revocation_endpoint: Option<String>,
    /// `revocation_endpoint_auth_methods_supported` — RFC 8414 §2.
    #[oidc(json)]
    pub revocation_endpoint_auth_methods_supported: Option<Vec<String>>,
    /// `revocation_endpoint_auth_signing_alg_values_supported` — RFC 8414 §2.
    #[oidc(json)]
    pub revocation_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    /// `code_challenge_methods_supported` — PKCE methods (RFC 8414 §2, RFC 7636).
    #[oidc(json)]
    pub code_challenge_methods_supported: Option<Vec<String>>,
    /// `device_authorization_endpoint` — RFC 8628 §4.
    pub device_authorization_endpoint: Option<String>,
    /// `pushed_authorization_request_endpoint` — RFC 9126 §5.
    pub pushed_authorization_request_endpoint: Option<String>,
    /// `require_pushed_authorization_requests` — RFC 9126 §5; default false.
    #[oidc(default)]
    pub require_pushed_authorization_requests: bool,
    /// `authorization_response_iss_parameter_supported` — RFC 9207 §3; default false.
    #[oidc(default)]
    pub authorization_response_iss_parameter_supported: bool,
    /// `tls_client_certificate_bound_access_tokens` — RFC 8705 §3.3; default false.
    #[oidc(default)]
    pub tls_client_certificate_bound_access_tokens: bool,
    /// `mtls_endpoint_aliases` — RFC 8705 §5: endpoint name -> mTLS URL.
    #[oidc(json)]
    pub mtls_endpoint_aliases: Option<serde_json::Map<String, serde_json::Value>>,
    /// `dpop_signing_alg_values_supported` — RFC 9449 §5.1.
    #[oidc(json)]
    pub dpop_signing_alg_values_supported: Option<Vec<String>>,
    /// `prompt_values_supported` — Prompt Create 1.0 §4.
    #[oidc(json)]
    pub prompt_values_supported: Option<Vec<String>>,
    /// `backchannel_authentication_endpoint` — CIBA Core 1.0 §4.
    pub backchannel_authentication_endpoint: Option<String>,
    /// `backchannel_token_delivery_modes_supported` — CIBA Core 1.0 §4.
    #[oidc(json)]
    pub backchannel_token_delivery_modes_supported: Option<Vec<String>>,
    /// `backchannel_authentication_request_signing_alg_values_supported` — CIBA Core 1.0 §4.
    #[oidc(json)]
    pub backchannel_authentication_request_signing_alg_values_supported: Option<Vec<String>>,
    /// `backchannel_user_code_parameter_supported` — CIBA Core 1.0 §4; default false.
    #[oidc(default)]
    pub backchannel_user_code_parameter_supported: bool,
    /// `authorization_signing_alg_values_supported` — JARM §6: the JWS algorithms
    /// the authorization endpoint signs JWT-secured responses with.
    #[oidc(json)]
    pub authorization_signing_alg_values_supported: Option<Vec<String>>,
    /// `authorization_encryption_alg_values_supported` — JARM §6.
    #[oidc(json)]
    pub authorization_encryption_alg_values_supported: Option<Vec<String>>,
    /// `authorization_encryption_enc_values_supported` — JARM §6.
    #[oidc(json)]
    pub authorization_encryption_enc_values_supported: Option<Vec<String>>,
    /// `introspection_signing_alg_values_supported` — RFC 9701 §7: the JWS algorithms
    /// JWT introspection responses are signed with.
    #[oidc(json)]
    pub introspection_signing_alg_values_supported: Option<Vec<String>>,
    /// `introspection_encryption_alg_values_supported` — RFC 9701 §7.
    #[oidc(json)]
    pub introspection_encryption_alg_values_supported: Option<Vec<String>>,
    /// `introspection_encryption_enc_values_supported` — RFC 9701 §7.
    #[oidc(json)]
    pub introspection_encryption_enc_values_supported: Option<Vec<String>>,
    /// `authorization_details_types_supported` — RFC 9396 §10: the authorization
    /// details types the server supports.
    #[oidc(json)]
    pub authorization_details_types_supported: Option<Vec<String>>,
    /// Any other member, with its JSON type.
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl ProviderMetadata {
    /// A document with the REQUIRED members (OIDC Discovery 1.0 §3), every member with a
    /// spec default at that default, and every other member absent.
    pub fn new<R: Into<String>, S: Into<String>, A: Into<String>>(
        issuer: impl Into<String>,
        authorization_endpoint: impl Into<String>,
        jwks_uri: impl Into<String>,
        response_types_supported: impl IntoIterator<Item = R>,
        subject_types_supported: impl IntoIterator<Item = S>,
        id_token_signing_alg_values_supported: impl IntoIterator<Item = A>,
    ) -> Self {
        ProviderMetadata {
            issuer: issuer.into(),
            authorization_endpoint: authorization_endpoint.into(),
            token_endpoint: None,
            userinfo_endpoint: None,
            jwks_uri: jwks_uri.into(),
            registration_endpoint: None,
            scopes_supported: None,
            response_types_supported: response_types_supported
                .into_iter()
                .map(Into::into)
                .collect(),
            response_modes_supported: default_response_modes(),
            grant_types_supported: default_grant_types(),
            acr_values_supported: None,
            subject_types_supported: subject_types_supported
                .into_iter()
                .map(Into::into)
                .collect(),
            id_token_signing_alg_values_supported: id_token_signing_alg_values_supported
                .into_iter()
                .map(Into::into)
                .collect(),
            id_token_encryption_alg_values_supported: None,
            id_token_encryption_enc_values_supported: None,
            userinfo_signing_alg_values_supported: None,
            userinfo_encryption_alg_values_supported: None,
            userinfo_encryption_enc_values_supported: None,
            request_object_signing_alg_values_supported: None,
            request_object_encryption_alg_values_supported: None,
            request_object_encryption_enc_values_supported: None,
            token_endpoint_auth_methods_supported: default_token_endpoint_auth_methods(),
            token_endpoint_auth_signing_alg_values_supported: None,
            display_values_supported: None,
            claim_types_supported: None,
            claims_supported: None,
            service_documentation: None,
            claims_locales_supported: None,
            ui_locales_supported: None,
            claims_parameter_supported: false,
            request_parameter_supported: false,
            request_uri_parameter_supported: yes(),
            require_request_uri_registration: false,
            op_policy_uri: None,
            op_tos_uri: None,
            end_session_endpoint: None,
            check_session_iframe: None,
            frontchannel_logout_supported: false,
            frontchannel_logout_session_supported: false,
            backchannel_logout_supported: false,
            backchannel_logout_session_supported: false,
            introspection_endpoint: None,
            introspection_endpoint_auth_methods_supported: None,
            introspection_endpoint_auth_signing_alg_values_supported: None,
            revocation_endpoint: None,
            revocation_endpoint_auth_methods_supported: None,
            revocation_endpoint_auth_signing_alg_values_supported: None,
            code_challenge_methods_supported: None,
            device_authorization_endpoint: None,
            pushed_authorization_request_endpoint: None,
            require_pushed_authorization_requests: false,
            authorization_response_iss_parameter_supported: false,
            tls_client_certificate_bound_access_tokens: false,
            mtls_endpoint_aliases: None,
            dpop_signing_alg_values_supported: None,
            prompt_values_supported: None,
            backchannel_authentication_endpoint: None,
            backchannel_token_delivery_modes_supported: None,
            backchannel_authentication_request_signing_alg_values_supported: None,
            backchannel_user_code_parameter_supported: false,
            authorization_signing_alg_values_supported: None,
            authorization_encryption_alg_values_supported: None,
            authorization_encryption_enc_values_supported: None,
            introspection_signing_alg_values_supported: None,
            introspection_encryption_alg_values_supported: None,
            introspection_encryption_enc_values_supported: None,
            authorization_details_types_supported: None,
            extra: ExtraParams::new(),
        }
    }
}
