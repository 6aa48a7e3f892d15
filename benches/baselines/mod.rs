//! The hand-written serde baselines the benches measure the derived messages against:
//! the same fields, lists split/joined by hand-written serde helpers, unknown members
//! kept with `#[serde(flatten)]` where the derived message keeps them. Shared by
//! `benches/codec.rs` and `peers/benches/peers.rs` (through `#[path]`); not every bench
//! uses every item.
#![allow(dead_code)]

use std::collections::BTreeMap;

use oidc_core::Audience;
use serde::{Deserialize, Serialize};

pub fn default_response_modes() -> Vec<String> {
    vec!["query".into(), "fragment".into()]
}
pub fn default_grant_types() -> Vec<String> {
    vec!["authorization_code".into(), "implicit".into()]
}
pub fn default_auth_methods() -> Vec<String> {
    vec!["client_secret_basic".into()]
}
pub fn yes() -> bool {
    true
}

pub mod space {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn ser<S: Serializer>(v: &Option<Vec<String>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(&v.join(" ")),
            None => s.serialize_none(),
        }
    }
    pub fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        Ok(s.map(|s| {
            s.split(' ')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect()
        }))
    }
    pub fn ser_req<S: Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.join(" "))
    }
    pub fn de_req<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let s = String::deserialize(d)?;
        Ok(s.split(' ')
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect())
    }
}

#[derive(Serialize, Deserialize, Default)]
pub struct BaselineAuthRequest {
    #[serde(serialize_with = "space::ser_req", deserialize_with = "space::de_req")]
    pub scope: Vec<String>,
    pub response_type: String,
    pub client_id: String,
    pub redirect_uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "space::ser",
        deserialize_with = "space::de"
    )]
    pub display: Option<Vec<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "space::ser",
        deserialize_with = "space::de"
    )]
    pub prompt: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "space::ser",
        deserialize_with = "space::de"
    )]
    pub ui_locales: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token_hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_hint: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "space::ser",
        deserialize_with = "space::de"
    )]
    pub acr_values: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_challenge: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_challenge_method: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
pub struct BaselineAuthResponse {
    pub code: Option<String>,
    pub state: Option<String>,
    pub iss: Option<String>,
    pub id_token: Option<String>,
    pub access_token: Option<String>,
    pub token_type: Option<String>,
    pub expires_in: Option<u64>,
    #[serde(default, deserialize_with = "space::de", serialize_with = "space::ser")]
    pub scope: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize, Default)]
pub struct BaselineTokenRequest {
    pub grant_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "space::ser",
        deserialize_with = "space::de"
    )]
    pub scope: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_verifier: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, String>,
}

/// Token response without unknown-member capture: the reference figure's shape.
#[derive(Deserialize)]
#[allow(dead_code)]
pub struct BaselineTokenResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: Option<u64>,
    pub refresh_token: Option<String>,
    pub refresh_expires_in: Option<u64>,
    #[serde(default, deserialize_with = "space::de")]
    pub scope: Option<Vec<String>>,
    pub id_token: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct BaselineIdToken {
    pub iss: String,
    pub sub: String,
    pub aud: Audience,
    pub exp: i64,
    pub iat: i64,
    pub auth_time: Option<i64>,
    pub nonce: Option<String>,
    pub acr: Option<String>,
    pub amr: Option<Vec<String>>,
    pub azp: Option<String>,
    pub at_hash: Option<String>,
    pub c_hash: Option<String>,
    pub sid: Option<String>,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub middle_name: Option<String>,
    pub nickname: Option<String>,
    pub preferred_username: Option<String>,
    pub profile: Option<String>,
    pub picture: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub gender: Option<String>,
    pub birthdate: Option<String>,
    pub zoneinfo: Option<String>,
    pub locale: Option<String>,
    pub phone_number: Option<String>,
    pub phone_number_verified: Option<bool>,
    pub address: Option<serde_json::Value>,
    pub updated_at: Option<i64>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
pub struct BaselineProviderMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: Option<String>,
    pub userinfo_endpoint: Option<String>,
    pub jwks_uri: Option<String>,
    pub registration_endpoint: Option<String>,
    pub scopes_supported: Option<Vec<String>>,
    pub response_types_supported: Vec<String>,
    #[serde(default = "default_response_modes")]
    pub response_modes_supported: Vec<String>,
    #[serde(default = "default_grant_types")]
    pub grant_types_supported: Vec<String>,
    pub acr_values_supported: Option<Vec<String>>,
    pub subject_types_supported: Vec<String>,
    pub id_token_signing_alg_values_supported: Option<Vec<String>>,
    pub id_token_encryption_alg_values_supported: Option<Vec<String>>,
    pub id_token_encryption_enc_values_supported: Option<Vec<String>>,
    pub userinfo_signing_alg_values_supported: Option<Vec<String>>,
    pub request_object_signing_alg_values_supported: Option<Vec<String>>,
    #[serde(default = "default_auth_methods")]
    pub token_endpoint_auth_methods_supported: Vec<String>,
    pub token_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    pub display_values_supported: Option<Vec<String>>,
    pub claim_types_supported: Option<Vec<String>>,
    pub claims_supported: Option<Vec<String>>,
    pub service_documentation: Option<String>,
    pub claims_locales_supported: Option<Vec<String>>,
    pub ui_locales_supported: Option<Vec<String>>,
    #[serde(default)]
    pub claims_parameter_supported: bool,
    #[serde(default)]
    pub request_parameter_supported: bool,
    #[serde(default = "yes")]
    pub request_uri_parameter_supported: bool,
    #[serde(default)]
    pub require_request_uri_registration: bool,
    pub op_policy_uri: Option<String>,
    pub op_tos_uri: Option<String>,
    pub end_session_endpoint: Option<String>,
    pub introspection_endpoint: Option<String>,
    pub revocation_endpoint: Option<String>,
    pub device_authorization_endpoint: Option<String>,
    pub check_session_iframe: Option<String>,
    pub code_challenge_methods_supported: Option<Vec<String>>,
    #[serde(default)]
    pub frontchannel_logout_supported: bool,
    #[serde(default)]
    pub frontchannel_logout_session_supported: bool,
    #[serde(default)]
    pub backchannel_logout_supported: bool,
    #[serde(default)]
    pub backchannel_logout_session_supported: bool,
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
    pub userinfo_encryption_alg_values_supported: Option<Vec<String>>,
    pub userinfo_encryption_enc_values_supported: Option<Vec<String>>,
    pub request_object_encryption_alg_values_supported: Option<Vec<String>>,
    pub request_object_encryption_enc_values_supported: Option<Vec<String>>,
    pub introspection_endpoint_auth_methods_supported: Option<Vec<String>>,
    pub introspection_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    pub revocation_endpoint_auth_methods_supported: Option<Vec<String>>,
    pub revocation_endpoint_auth_signing_alg_values_supported: Option<Vec<String>>,
    pub pushed_authorization_request_endpoint: Option<String>,
    #[serde(default)]
    pub require_pushed_authorization_requests: bool,
    #[serde(default)]
    pub tls_client_certificate_bound_access_tokens: bool,
    pub mtls_endpoint_aliases: Option<serde_json::Map<String, serde_json::Value>>,
    pub dpop_signing_alg_values_supported: Option<Vec<String>>,
    pub prompt_values_supported: Option<Vec<String>>,
    pub backchannel_authentication_endpoint: Option<String>,
    pub backchannel_token_delivery_modes_supported: Option<Vec<String>>,
    pub backchannel_authentication_request_signing_alg_values_supported: Option<Vec<String>>,
    #[serde(default)]
    pub backchannel_user_code_parameter_supported: bool,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

pub fn baseline_from_url<T: serde::de::DeserializeOwned>(input: &str) -> T {
    let url = url::Url::parse(input).unwrap();
    serde_urlencoded::from_str(url.query().unwrap_or("")).unwrap()
}

pub fn baseline_to_url<T: Serialize>(base: &str, message: &T) -> String {
    let mut url = url::Url::parse(base).unwrap();
    url.set_query(Some(&serde_urlencoded::to_string(message).unwrap()));
    url.into()
}
