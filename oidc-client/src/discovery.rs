//! OpenID Connect Discovery 1.0 §4: fetching a provider's metadata and checking that it
//! is the issuer's; the JWK Set fetch the key cache calls.

use std::sync::Arc;

use oidc_core::jwt::{FetchKeysAsync, JwksResponse, KeyFetchError};
use oidc_core::messages::ProviderMetadata;
use oidc_core::OidcMessage;

use crate::error::{Endpoint, Error};
use crate::transport::{send, HttpRequest, Limits, Method, Transport};

/// How the document's `issuer` relates to the issuer asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IssuerMatch {
    /// Identical (§4.3).
    Exact,
    /// The Microsoft Entra multi-tenant template: see [`issuer_match`].
    TenantTemplate,
}

/// The discovery URL of `issuer` (§4.1): a terminating `/` of its path removed, then
/// `/.well-known/openid-configuration` appended.
pub(crate) fn discovery_url(issuer: &str) -> String {
    format!(
        "{}/.well-known/openid-configuration",
        issuer.strip_suffix('/').unwrap_or(issuer)
    )
}

/// Fetches and reads `issuer`'s discovery document, and checks its `issuer` (§4.3).
pub(crate) async fn fetch_metadata(
    transport: &dyn Transport,
    issuer: &str,
    limits: &Limits,
) -> Result<(ProviderMetadata, IssuerMatch), Error> {
    let endpoint = Endpoint::Discovery;
    let request = HttpRequest::new(Method::Get, &discovery_url(issuer), limits);
    let response = send(transport, endpoint, request).await?;
    if response.status != 200 {
        return Err(Error::Status {
            endpoint,
            status: response.status,
        });
    }
    let metadata = ProviderMetadata::from_json(response.text(endpoint)?)
        .map_err(|source| Error::InvalidResponse { endpoint, source })?;
    let matched = issuer_match(issuer, &metadata.issuer).ok_or_else(|| Error::IssuerMismatch {
        expected: issuer.to_owned(),
        got: metadata.issuer.clone(),
    })?;
    Ok((metadata, matched))
}

/// OIDC Discovery 1.0 §4.3: "The issuer value returned MUST be identical to the Issuer
/// URL that was used as the prefix to /.well-known/openid-configuration", compared
/// exactly (no normalisation: a trailing `/` matters).
///
/// One deviation is accepted, as narrowly as the documents that show it
/// (`tests/data/provider-metadata/entra-common.json`, `entra-organizations.json`,
/// `microsoft-entra-common-v2-msal-fixture.json`): Microsoft Entra's multi-tenant
/// endpoints (`https://login.microsoftonline.com/common/v2.0`, `organizations`,
/// `consumers`) answer with the template
/// `https://login.microsoftonline.com/{tenantid}/v2.0`. A document issuer holding
/// `{tenantid}` exactly once matches when the asked issuer is the template with
/// `{tenantid}` replaced by one non-empty path segment; its ID Tokens are then checked
/// against the template filled from their `tid` claim
/// ([`Issuer::tenant_template`](oidc_core::validation::Issuer::tenant_template)), never
/// against the segment asked for.
pub(crate) fn issuer_match(asked: &str, document: &str) -> Option<IssuerMatch> {
    const PLACEHOLDER: &str = "{tenantid}";
    let Some((prefix, suffix)) = document.split_once(PLACEHOLDER) else {
        return (asked == document).then_some(IssuerMatch::Exact);
    };
    if suffix.contains(PLACEHOLDER) {
        return None;
    }
    let segment = asked.strip_prefix(prefix)?.strip_suffix(suffix)?;
    let one_segment = !segment.is_empty() && !segment.contains(['/', '?', '#']);
    (one_segment || asked == document).then_some(IssuerMatch::TenantTemplate)
}

/// The key cache's fetch: a GET of `jwks_uri` under the client's rules, passing on the
/// answer's `Cache-Control`.
pub(crate) struct JwksFetch {
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) uri: String,
    pub(crate) limits: Limits,
}

impl JwksFetch {
    async fn get(&self) -> Result<JwksResponse, Error> {
        let endpoint = Endpoint::Jwks;
        let request = HttpRequest::new(Method::Get, &self.uri, &self.limits);
        let response = send(&*self.transport, endpoint, request).await?;
        if response.status != 200 {
            return Err(Error::Status {
                endpoint,
                status: response.status,
            });
        }
        let body = response.text(endpoint)?.to_owned();
        Ok(JwksResponse::new(body).cache_control(response.header("cache-control")))
    }
}

impl FetchKeysAsync for JwksFetch {
    async fn fetch(&self) -> Result<JwksResponse, KeyFetchError> {
        self.get().await.map_err(KeyFetchError::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_urls() {
        assert_eq!(
            discovery_url("https://op.example"),
            "https://op.example/.well-known/openid-configuration"
        );
        assert_eq!(
            discovery_url("https://op.example/tenant/"),
            "https://op.example/tenant/.well-known/openid-configuration"
        );
        assert_eq!(
            discovery_url("https://op.example/tenant"),
            "https://op.example/tenant/.well-known/openid-configuration"
        );
    }

    #[test]
    fn issuers_match_exactly_or_by_the_entra_template() {
        let template = "https://login.microsoftonline.com/{tenantid}/v2.0";
        let cases = [
            (
                "https://op.example",
                "https://op.example",
                Some(IssuerMatch::Exact),
            ),
            ("https://op.example/", "https://op.example", None),
            ("https://op.example", "https://op.example/", None),
            ("https://op.example", "https://OP.example", None),
            ("https://op.example", "https://evil.example", None),
            (
                "https://login.microsoftonline.com/common/v2.0",
                template,
                Some(IssuerMatch::TenantTemplate),
            ),
            (
                "https://login.microsoftonline.com/organizations/v2.0",
                template,
                Some(IssuerMatch::TenantTemplate),
            ),
            ("https://login.microsoftonline.com//v2.0", template, None),
            ("https://login.microsoftonline.com/a/b/v2.0", template, None),
            (
                "https://login.microsoftonline.com/common/v2.0/",
                template,
                None,
            ),
            ("https://evil.example/common/v2.0", template, None),
            (
                "https://login.microsoftonline.com/common/v2.0",
                "https://login.microsoftonline.com/{tenantid}/{tenantid}/v2.0",
                None,
            ),
            (template, template, Some(IssuerMatch::TenantTemplate)),
        ];
        for (asked, document, expected) in cases {
            assert_eq!(
                issuer_match(asked, document),
                expected,
                "{asked} / {document}"
            );
        }
    }
}
