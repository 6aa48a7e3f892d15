//! Test messages shared by the modules of this binary.

use oidc_core::{Audience, ExtraParams, NumericDate, OidcMessage};

/// Shaped like OIDC Core 1.0 §3.1.2.1's authentication request.
#[derive(OidcMessage, Clone, PartialEq)]
pub struct AuthRequest {
    #[oidc(required, space_delimited)]
    pub scope: Vec<String>,
    #[oidc(required)]
    pub response_type: String,
    #[oidc(required)]
    pub client_id: String,
    #[oidc(required)]
    pub redirect_uri: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    #[oidc(space_delimited)]
    pub prompt: Option<Vec<String>>,
    pub max_age: Option<u64>,
    #[oidc(json)]
    pub claims: Option<serde_json::Value>,
    #[oidc(extra)]
    pub extra: ExtraParams,
}

impl AuthRequest {
    pub fn example() -> Self {
        AuthRequest {
            scope: vec!["openid".into(), "profile".into()],
            response_type: "code".into(),
            client_id: "s6BhdRkqt3".into(),
            redirect_uri: "https://client.example.org/cb".into(),
            state: Some("af0ifjsldkj".into()),
            nonce: None,
            prompt: None,
            max_age: None,
            claims: None,
            extra: ExtraParams::new(),
        }
    }
}

/// Shaped like RFC 6749 §4.1.3's token request, with secrets.
#[derive(OidcMessage, Clone, PartialEq)]
pub struct TokenRequest {
    #[oidc(required)]
    pub grant_type: String,
    #[oidc(secret)]
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub client_id: Option<String>,
    #[oidc(secret)]
    pub client_secret: Option<String>,
    #[oidc(secret)]
    pub code_verifier: Option<String>,
    #[oidc(extra)]
    pub extra: ExtraParams,
}

/// Claims with the JSON-side leniencies of real providers.
#[derive(OidcMessage, Clone, PartialEq)]
pub struct Claims {
    #[oidc(required)]
    pub iss: String,
    #[oidc(required)]
    pub sub: String,
    #[oidc(required)]
    pub aud: Audience,
    #[oidc(required, accept(string_number))]
    pub exp: NumericDate,
    #[oidc(required, accept(string_number))]
    pub iat: NumericDate,
    #[oidc(accept(string_number))]
    pub auth_time: Option<NumericDate>,
    #[oidc(accept(string_bool))]
    pub email_verified: Option<bool>,
    #[oidc(accept(string_number, rfc3339))]
    pub updated_at: Option<NumericDate>,
    #[oidc(space_delimited, accept(array))]
    pub scope: Option<Vec<String>>,
    #[oidc(extra)]
    pub extra: ExtraParams,
}

/// Defaults, renames and aliases.
pub fn default_modes() -> Vec<String> {
    vec!["query".into(), "fragment".into()]
}

#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(name = "Metadata")]
pub struct Metadata {
    #[oidc(required)]
    pub issuer: String,
    #[oidc(json, default = default_modes)]
    pub response_modes_supported: Vec<String>,
    #[oidc(default)]
    pub claims_parameter_supported: bool,
    #[oidc(rename = "token_endpoint")]
    pub token_url: Option<String>,
    #[oidc(required, alias = "azp")]
    pub client_id: String,
    pub r#type: Option<String>,
    #[oidc(extra)]
    pub extra: ExtraParams,
}
