//! Dynamic Client Registration: the client metadata (RFC 7591 §2, OpenID Connect
//! Dynamic Client Registration 1.0 §2, and the logout and CIBA specifications' members),
//! the registration request (RFC 7591 §3.1) and response (§3.2), and the client
//! configuration endpoint (RFC 7592 §2: read, update, delete with the registration
//! access token).
//!
//! Registration speaks JSON only. Human-readable members may carry language-tagged
//! variants (`client_name#ja-Jpan-JP`, RFC 7591 §2.2): they are kept in `extra`, read
//! with [`ClientMetadata::localized`] and written with [`ClientMetadata::set_localized`].

use std::borrow::Cow;
use std::fmt;

use crate::error::ErrorKind;
use crate::{ExtraParams, ExtraValue, NumericDate, OidcMessage};

crate::string_enum! {
    /// `token_endpoint_auth_method` values (RFC 7591 §2, OIDC Core §9, RFC 8705 §2).
    pub enum TokenEndpointAuthMethod {
        /// A public client: no authentication, only `client_id`.
        None = "none",
        /// RFC 6749 §2.3.1: the secret in the request body.
        ClientSecretPost = "client_secret_post",
        /// RFC 6749 §2.3.1: HTTP Basic (the default when absent, RFC 7591 §2).
        ClientSecretBasic = "client_secret_basic",
        /// OIDC Core §9: a JWT signed with the secret (HMAC).
        ClientSecretJwt = "client_secret_jwt",
        /// OIDC Core §9: a JWT signed with the client's private key.
        PrivateKeyJwt = "private_key_jwt",
        /// RFC 8705 §2.1: a PKI mutual-TLS certificate.
        TlsClientAuth = "tls_client_auth",
        /// RFC 8705 §2.2: a self-signed mutual-TLS certificate.
        SelfSignedTlsClientAuth = "self_signed_tls_client_auth",
    }
}

crate::string_enum! {
    /// `application_type` (OIDC Registration §2); `web` when absent.
    pub enum ApplicationType {
        /// A web client: `https` redirect URIs on real hosts.
        Web = "web",
        /// A native client: custom schemes or loopback `http` redirect URIs.
        Native = "native",
    }
}

crate::string_enum! {
    /// `subject_type` (OIDC Core §8).
    pub enum SubjectType {
        /// The same `sub` for every client.
        Public = "public",
        /// A different `sub` per sector identifier.
        Pairwise = "pairwise",
    }
}

/// The client metadata (RFC 7591 §2; OIDC Registration 1.0 §2; RP-Initiated Logout
/// §3.1; Front-Channel Logout §2; Back-Channel Logout §2.2; CIBA Core §4), every
/// member OPTIONAL. The registration request, the update request and the client
/// information response embed it (`flatten`); unknown members, localized variants
/// among them, land in its `extra`.
///
/// Defaults the specifications give for absent members are not filled in (so a
/// document re-encodes as received); they are on each field's documentation.
///
/// ```
/// use oidc_core::messages::{ClientMetadata, ClientRegistrationRequest};
/// use oidc_core::OidcMessage;
///
/// let mut metadata = ClientMetadata::default();
/// metadata.redirect_uris = vec!["https://client.example.org/callback".into()];
/// metadata.client_name = Some("My Example".into());
/// metadata.set_localized("client_name", "ja-Jpan-JP", "クライアント名");
/// let request = ClientRegistrationRequest::new(metadata);
/// assert_eq!(
///     request.to_json(),
///     r#"{"redirect_uris":["https://client.example.org/callback"],"client_name":"My Example","client_name#ja-Jpan-JP":"クライアント名"}"#
/// );
/// let read = ClientRegistrationRequest::from_json(&request.to_json())?;
/// assert_eq!(read.metadata.localized("client_name", "ja-Jpan-JP").as_deref(), Some("クライアント名"));
/// # Ok::<(), oidc_core::Error>(())
/// ```
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
#[oidc(validate = ClientMetadata::check)]
pub struct ClientMetadata {
    /// `redirect_uris` — RFC 7591 §2: REQUIRED for redirect-based flows (REQUIRED
    /// in OIDC Registration §2). Absent is empty.
    #[oidc(repeated)]
    pub redirect_uris: Vec<String>,
    /// `token_endpoint_auth_method` — RFC 7591 §2; `client_secret_basic` when absent.
    pub token_endpoint_auth_method: Option<TokenEndpointAuthMethod>,
    /// `grant_types` — RFC 7591 §2; `["authorization_code"]` when absent (empty).
    #[oidc(repeated)]
    pub grant_types: Vec<String>,
    /// `response_types` — RFC 7591 §2; `["code"]` when absent (empty).
    #[oidc(repeated)]
    pub response_types: Vec<String>,
    /// `client_name` — RFC 7591 §2: shown to the user; localizable.
    pub client_name: Option<String>,
    /// `client_uri` — RFC 7591 §2: the client's home page; localizable.
    pub client_uri: Option<String>,
    /// `logo_uri` — RFC 7591 §2; localizable.
    pub logo_uri: Option<String>,
    /// `scope` — RFC 7591 §2: the scope values the client may request.
    /// Space-delimited.
    #[oidc(space_delimited)]
    pub scope: Option<Vec<String>>,
    /// `contacts` — RFC 7591 §2: e-mail addresses of people responsible for the
    /// client.
    #[oidc(repeated)]
    pub contacts: Vec<String>,
    /// `tos_uri` — RFC 7591 §2: terms of service; localizable.
    pub tos_uri: Option<String>,
    /// `policy_uri` — RFC 7591 §2: privacy policy; localizable.
    pub policy_uri: Option<String>,
    /// `jwks_uri` — RFC 7591 §2: the client's JWK Set by reference. MUST NOT be sent
    /// with `jwks`.
    pub jwks_uri: Option<String>,
    /// `jwks` — RFC 7591 §2: the client's JWK Set by value (a JSON object). MUST NOT
    /// be sent with `jwks_uri`.
    #[oidc(json)]
    pub jwks: Option<serde_json::Value>,
    /// `software_id` — RFC 7591 §2: identifies the client software across instances.
    pub software_id: Option<String>,
    /// `software_version` — RFC 7591 §2.
    pub software_version: Option<String>,
    /// `software_statement` — RFC 7591 §2.3, §3.1.1: a signed JWT asserting metadata
    /// values about the software. Redacted in `Debug`.
    #[oidc(secret)]
    pub software_statement: Option<String>,
    /// `application_type` — OIDC Registration §2; `web` when absent.
    pub application_type: Option<ApplicationType>,
    /// `sector_identifier_uri` — OIDC Registration §2 (pairwise subjects, OIDC Core §8.1).
    pub sector_identifier_uri: Option<String>,
    /// `subject_type` — OIDC Registration §2.
    pub subject_type: Option<SubjectType>,
    /// `id_token_signed_response_alg` — OIDC Registration §2; `RS256` when absent.
    pub id_token_signed_response_alg: Option<String>,
    /// `id_token_encrypted_response_alg` — OIDC Registration §2: JWE `alg` for ID Tokens.
    pub id_token_encrypted_response_alg: Option<String>,
    /// `id_token_encrypted_response_enc` — OIDC Registration §2; `A128CBC-HS256` when
    /// `..._alg` is set and this is absent.
    pub id_token_encrypted_response_enc: Option<String>,
    /// `userinfo_signed_response_alg` — OIDC Registration §2; absent: plain JSON UserInfo.
    pub userinfo_signed_response_alg: Option<String>,
    /// `userinfo_encrypted_response_alg` — OIDC Registration §2.
    pub userinfo_encrypted_response_alg: Option<String>,
    /// `userinfo_encrypted_response_enc` — OIDC Registration §2; `A128CBC-HS256` when
    /// `..._alg` is set and this is absent.
    pub userinfo_encrypted_response_enc: Option<String>,
    /// `request_object_signing_alg` — OIDC Registration §2: the only `alg` the
    /// provider accepts for this client's request objects.
    pub request_object_signing_alg: Option<String>,
    /// `request_object_encryption_alg` — OIDC Registration §2.
    pub request_object_encryption_alg: Option<String>,
    /// `request_object_encryption_enc` — OIDC Registration §2; `A128CBC-HS256` when
    /// `..._alg` is set and this is absent.
    pub request_object_encryption_enc: Option<String>,
    /// `token_endpoint_auth_signing_alg` — OIDC Registration §2: the `alg` of
    /// `private_key_jwt` / `client_secret_jwt` assertions; never `none`.
    pub token_endpoint_auth_signing_alg: Option<String>,
    /// `default_max_age` — OIDC Registration §2: the default `max_age`, in seconds.
    pub default_max_age: Option<u64>,
    /// `require_auth_time` — OIDC Registration §2: ID Tokens MUST carry `auth_time`;
    /// `false` when absent (and not written when `false`).
    #[oidc(default)]
    pub require_auth_time: bool,
    /// `default_acr_values` — OIDC Registration §2, in order of preference.
    #[oidc(repeated)]
    pub default_acr_values: Vec<String>,
    /// `initiate_login_uri` — OIDC Registration §2: where a third party starts a login
    /// (OIDC Core §4); `https`.
    pub initiate_login_uri: Option<String>,
    /// `request_uris` — OIDC Registration §2: pre-registered `request_uri` values
    /// (a fragment may carry the content's SHA-256).
    #[oidc(repeated)]
    pub request_uris: Vec<String>,
    /// `post_logout_redirect_uris` — RP-Initiated Logout 1.0 §3.1.
    #[oidc(repeated)]
    pub post_logout_redirect_uris: Vec<String>,
    /// `frontchannel_logout_uri` — Front-Channel Logout 1.0 §2.
    pub frontchannel_logout_uri: Option<String>,
    /// `frontchannel_logout_session_required` — Front-Channel Logout 1.0 §2; `false`
    /// when absent.
    #[oidc(default)]
    pub frontchannel_logout_session_required: bool,
    /// `backchannel_logout_uri` — Back-Channel Logout 1.0 §2.2.
    pub backchannel_logout_uri: Option<String>,
    /// `backchannel_logout_session_required` — Back-Channel Logout 1.0 §2.2; `false`
    /// when absent.
    #[oidc(default)]
    pub backchannel_logout_session_required: bool,
    /// `backchannel_token_delivery_mode` — CIBA Core §4: `poll`, `ping` or `push`.
    pub backchannel_token_delivery_mode: Option<String>,
    /// `backchannel_client_notification_endpoint` — CIBA Core §4: REQUIRED for `ping`
    /// and `push`.
    pub backchannel_client_notification_endpoint: Option<String>,
    /// `backchannel_authentication_request_signing_alg` — CIBA Core §4: the `alg` of
    /// signed authentication requests.
    pub backchannel_authentication_request_signing_alg: Option<String>,
    /// `backchannel_user_code_parameter` — CIBA Core §4: the client sends `user_code`;
    /// `false` when absent.
    #[oidc(default)]
    pub backchannel_user_code_parameter: bool,
    /// Any other member: extensions (`dpop_bound_access_tokens`, ...) and localized
    /// variants (`client_name#fr`).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl ClientMetadata {
    /// The `member#tag` variant of a human-readable member (RFC 7591 §2.2: BCP 47 tags,
    /// compared case-insensitively), e.g. `localized("client_name", "ja-Jpan-JP")`.
    /// `None` when absent or not a string; the untagged value is the member's field.
    pub fn localized(&self, member: &str, tag: &str) -> Option<Cow<'_, str>> {
        self.extra.iter().find_map(|(name, value)| {
            let found = variant_tag(name, member, value)?;
            found.eq_ignore_ascii_case(tag).then(|| value.to_text())
        })
    }

    /// Every tagged variant of `member`, as `(tag, value)`, in arrival order.
    pub fn localized_variants<'a>(
        &'a self,
        member: &'a str,
    ) -> impl Iterator<Item = (&'a str, Cow<'a, str>)> + 'a {
        self.extra.iter().filter_map(move |(name, value)| {
            let tag = variant_tag(name, member, value)?;
            Some((tag, value.to_text()))
        })
    }

    /// Sets the `member#tag` variant (replacing one with the same name).
    pub fn set_localized(&mut self, member: &str, tag: &str, value: &str) {
        let name = format!("{member}#{tag}");
        self.extra.remove(&name);
        self.extra.insert(&name, value);
    }

    /// RFC 7591 §2: `jwks_uri` and `jwks` MUST NOT both be present.
    fn check(&self) -> Result<(), ErrorKind> {
        if self.jwks_uri.is_some() && self.jwks.is_some() {
            return Err(ErrorKind::Invalid(
                "jwks_uri and jwks are both present (RFC 7591 §2)".to_owned(),
            ));
        }
        Ok(())
    }
}

/// The tag of `name` when it is a string-valued `member#tag` variant.
fn variant_tag<'a>(name: &'a str, member: &str, value: ExtraValue<'_>) -> Option<&'a str> {
    let tag = name.strip_prefix(member)?.strip_prefix('#')?;
    match value {
        _ if tag.is_empty() => None,
        ExtraValue::Json(json) if !json.starts_with('"') => None,
        _ => Some(tag),
    }
}

/// A Client Registration Request (RFC 7591 §3.1; OIDC Registration §3.1): the client
/// metadata, POSTed as JSON to the registration endpoint, with an initial access token
/// as a bearer token when the provider requires one. A `software_statement` is part
/// of the metadata.
#[derive(OidcMessage, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ClientRegistrationRequest {
    /// The metadata the client asks to register.
    #[oidc(flatten)]
    pub metadata: ClientMetadata,
}

impl ClientRegistrationRequest {
    /// A request to register `metadata`.
    pub fn new(metadata: ClientMetadata) -> Self {
        ClientRegistrationRequest { metadata }
    }
}

/// A Client Information Response (RFC 7591 §3.2.1, RFC 7592 §3; OIDC Registration
/// §3.2): what registration, a read and an update answer. It holds every registered
/// metadata value, which the provider may have changed from what was asked.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
#[oidc(validate = ClientInformationResponse::check)]
pub struct ClientInformationResponse {
    /// `client_id` — REQUIRED.
    #[oidc(required)]
    pub client_id: String,
    /// `client_secret` — OPTIONAL.
    #[oidc(secret)]
    pub client_secret: Option<String>,
    /// `client_id_issued_at` — OPTIONAL.
    pub client_id_issued_at: Option<NumericDate>,
    /// `client_secret_expires_at` — REQUIRED if `client_secret` is issued; `0` when it
    /// does not expire (see [`Self::client_secret_expires`]).
    pub client_secret_expires_at: Option<NumericDate>,
    /// `registration_access_token` — RFC 7592 §3: the bearer token for the client
    /// configuration endpoint. OPTIONAL in RFC 7591, sent when management is offered.
    #[oidc(secret)]
    pub registration_access_token: Option<String>,
    /// `registration_client_uri` — RFC 7592 §3: the client configuration endpoint;
    /// REQUIRED with `registration_access_token`.
    pub registration_client_uri: Option<String>,
    /// Every registered metadata value.
    #[oidc(flatten)]
    pub metadata: ClientMetadata,
}

impl ClientInformationResponse {
    /// A response for `client_id` with the registered `metadata`.
    pub fn new(client_id: impl Into<String>, metadata: ClientMetadata) -> Self {
        ClientInformationResponse {
            client_id: client_id.into(),
            client_secret: None,
            client_id_issued_at: None,
            client_secret_expires_at: None,
            registration_access_token: None,
            registration_client_uri: None,
            metadata,
        }
    }

    /// When the secret expires: `None` when it never does (`client_secret_expires_at`
    /// is `0`, RFC 7591 §3.2.1) or no expiry was given.
    pub fn client_secret_expires(&self) -> Option<NumericDate> {
        self.client_secret_expires_at
            .filter(|at| *at != NumericDate::from_secs(0))
    }

    /// The update request for this registration (RFC 7592 §2.2): every returned
    /// metadata value and `client_id` / `client_secret`, without the members the
    /// request MUST NOT carry (`registration_access_token`, `registration_client_uri`,
    /// `client_secret_expires_at`, `client_id_issued_at`). Change its metadata, then
    /// send it with [`ClientConfigurationRequest::update`].
    pub fn to_update_request(&self) -> ClientUpdateRequest {
        ClientUpdateRequest {
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
            metadata: self.metadata.clone(),
        }
    }

    /// RFC 7591 §3.2.1: a secret comes with its expiry; RFC 7592 §3: the token with
    /// the endpoint.
    fn check(&self) -> Result<(), ErrorKind> {
        if self.client_secret.is_some() && self.client_secret_expires_at.is_none() {
            return Err(ErrorKind::Missing("client_secret_expires_at".to_owned()));
        }
        if self.registration_access_token.is_some() && self.registration_client_uri.is_none() {
            return Err(ErrorKind::Missing("registration_client_uri".to_owned()));
        }
        Ok(())
    }
}

/// A Client Update Request (RFC 7592 §2.2), PUT as JSON to the client configuration
/// endpoint: the whole registration, as it should be after the update (members left
/// out may be deleted by the server). Build it from the last response with
/// [`ClientInformationResponse::to_update_request`].
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct ClientUpdateRequest {
    /// `client_id` — REQUIRED; the registered identifier.
    #[oidc(required)]
    pub client_id: String,
    /// `client_secret` — OPTIONAL; if sent, it MUST match the registered secret.
    #[oidc(secret)]
    pub client_secret: Option<String>,
    /// The metadata after the update.
    #[oidc(flatten)]
    pub metadata: ClientMetadata,
}

impl ClientUpdateRequest {
    /// An update of `client_id`'s registration to `metadata`.
    pub fn new(client_id: impl Into<String>, metadata: ClientMetadata) -> Self {
        ClientUpdateRequest {
            client_id: client_id.into(),
            client_secret: None,
            metadata,
        }
    }
}

crate::string_enum! {
    /// The `error` codes of a Client Registration Error Response (RFC 7591 §3.2.2;
    /// OIDC Registration §3.3; RFC 7592 §2.2 uses them for updates too).
    pub enum ClientRegistrationErrorCode {
        /// A redirection URI is invalid.
        InvalidRedirectUri = "invalid_redirect_uri",
        /// A metadata value is invalid and the server rejected the request.
        InvalidClientMetadata = "invalid_client_metadata",
        /// The software statement is invalid.
        InvalidSoftwareStatement = "invalid_software_statement",
        /// The software statement is not approved for this server.
        UnapprovedSoftwareStatement = "unapproved_software_statement",
    }
}

/// A Client Registration Error Response (RFC 7591 §3.2.2), a `400` with a JSON body.
#[derive(OidcMessage, Clone, PartialEq)]
#[non_exhaustive]
pub struct ClientRegistrationErrorResponse {
    /// `error` — REQUIRED.
    #[oidc(required)]
    pub error: ClientRegistrationErrorCode,
    /// `error_description` — OPTIONAL.
    pub error_description: Option<String>,
    /// Any other member (`error_uri`, ...).
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl ClientRegistrationErrorResponse {
    /// An error response with its REQUIRED `error` code and nothing else.
    pub fn new(error: impl Into<ClientRegistrationErrorCode>) -> Self {
        ClientRegistrationErrorResponse {
            error: error.into(),
            error_description: None,
            extra: ExtraParams::new(),
        }
    }
}

/// What the registration endpoint (and a read or update at the client configuration
/// endpoint) answers: the client information or an error.
///
/// ```
/// use oidc_core::messages::{ClientRegistrationErrorCode, ClientRegistrationResponse};
///
/// let err = ClientRegistrationResponse::from_json(r#"{"error":"invalid_redirect_uri"}"#)?;
/// assert_eq!(err.into_result().unwrap_err().error, ClientRegistrationErrorCode::InvalidRedirectUri);
/// # Ok::<(), oidc_core::Error>(())
/// ```
// Both variants are plain messages; boxing one would add an allocation per response
// for no gain.
#[allow(clippy::large_enum_variant)]
#[derive(OidcMessage, Clone, PartialEq)]
pub enum ClientRegistrationResponse {
    /// The client information.
    Success(ClientInformationResponse),
    /// The error response (it has an `error` member).
    Error(ClientRegistrationErrorResponse),
}

/// The HTTP method of a client configuration request (RFC 7592 §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigurationMethod {
    /// §2.1: read the registration.
    Get,
    /// §2.2: replace the registration.
    Put,
    /// §2.3: deregister the client.
    Delete,
}

impl ConfigurationMethod {
    /// The method's name (`GET`, `PUT`, `DELETE`).
    pub fn as_str(self) -> &'static str {
        match self {
            ConfigurationMethod::Get => "GET",
            ConfigurationMethod::Put => "PUT",
            ConfigurationMethod::Delete => "DELETE",
        }
    }
}

/// One request to the client configuration endpoint (RFC 7592 §2), for the caller's
/// HTTP client to send: the method, the `registration_client_uri`, the
/// `Authorization` header (the registration access token as a bearer token, RFC 6750
/// §2.1) and, for an update, the JSON body (`Content-Type: application/json`).
///
/// The answers: a read and an update return `200` with a
/// [`ClientRegistrationResponse`]; a delete returns `204` with no body; an invalid
/// token is `401`, an unknown client or a refused operation `401` / `403` (§2.1-§2.3).
/// A provider may rotate the registration access token in any answer: keep the one
/// the last response carries.
///
/// ```
/// use oidc_core::messages::{ClientConfigurationRequest, ConfigurationMethod};
///
/// let read = ClientConfigurationRequest::read(
///     "https://server.example.com/register/s6BhdRkqt3",
///     "reg-23410913-abewfq.123483",
/// );
/// assert_eq!(read.method, ConfigurationMethod::Get);
/// assert_eq!(read.authorization, "Bearer reg-23410913-abewfq.123483");
/// assert_eq!(read.body, None);
/// assert!(!format!("{read:?}").contains("abewfq")); // the token is redacted
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientConfigurationRequest {
    /// The HTTP method.
    pub method: ConfigurationMethod,
    /// The client configuration endpoint (`registration_client_uri`).
    pub uri: String,
    /// The `Authorization` header's value: `Bearer <registration_access_token>`.
    pub authorization: String,
    /// The JSON body of an update; `None` for a read or a delete.
    pub body: Option<String>,
}

impl ClientConfigurationRequest {
    fn new(
        method: ConfigurationMethod,
        uri: &str,
        registration_access_token: &str,
        body: Option<String>,
    ) -> Self {
        ClientConfigurationRequest {
            method,
            uri: uri.to_owned(),
            authorization: format!("Bearer {registration_access_token}"),
            body,
        }
    }

    /// A read (RFC 7592 §2.1): `GET uri`.
    pub fn read(registration_client_uri: &str, registration_access_token: &str) -> Self {
        Self::new(
            ConfigurationMethod::Get,
            registration_client_uri,
            registration_access_token,
            None,
        )
    }

    /// An update (RFC 7592 §2.2): `PUT uri` with `update` as JSON.
    pub fn update(
        registration_client_uri: &str,
        registration_access_token: &str,
        update: &ClientUpdateRequest,
    ) -> Self {
        Self::new(
            ConfigurationMethod::Put,
            registration_client_uri,
            registration_access_token,
            Some(update.to_json()),
        )
    }

    /// A delete (RFC 7592 §2.3): `DELETE uri`.
    pub fn delete(registration_client_uri: &str, registration_access_token: &str) -> Self {
        Self::new(
            ConfigurationMethod::Delete,
            registration_client_uri,
            registration_access_token,
            None,
        )
    }
}

impl fmt::Debug for ClientConfigurationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfigurationRequest")
            .field("method", &self.method)
            .field("uri", &self.uri)
            .field("authorization", &"Bearer <redacted>")
            .field("body", &self.body.as_ref().map(|_| "<json>"))
            .finish()
    }
}
