//! Which JWS algorithms an ID Token (or Logout Token) may be signed with, from the
//! provider's metadata (OIDC Core §3.1.3.7 step 7, Discovery §3).

use crate::jwt::Algorithm;
use crate::messages::ProviderMetadata;

/// The algorithms to accept for ID Tokens (and Logout Tokens, Back-Channel Logout
/// §2.6 step 3) of this provider: its `id_token_signing_alg_values_supported`, in
/// order, without
/// - `none` (never accepted: the tokens are verified),
/// - the HMAC algorithms (HS256/384/512: an ID Token MACed with the client secret is
///   only expected when the client registered such an `id_token_signed_response_alg`,
///   OIDC Core §10.1; say so with `algorithms(&[Algorithm::HS256])`),
/// - names this library cannot verify (ES512, ...) and repeats.
///
/// An empty list (a document read with `from_json_lenient` that omits this REQUIRED
/// member, such as Okta custom authorization servers or Google's 2015 document) gives
/// RS256, the algorithm Discovery §3 requires every provider to support and the default
/// `id_token_signed_response_alg` (OIDC Registration §2), as oauth4webapi does. A list
/// with nothing usable gives no algorithm: every token is then refused
/// (`JwtError::AlgorithmNotAllowed`) until the caller sets the algorithms itself.
///
/// ```
/// use oidc_core::jwt::Algorithm;
/// use oidc_core::messages::ProviderMetadata;
/// use oidc_core::validation::id_token_algorithms;
/// use oidc_core::OidcMessage;
///
/// let metadata = ProviderMetadata::from_json(r#"{"issuer":"https://op.example",
///     "authorization_endpoint":"https://op.example/a","jwks_uri":"https://op.example/k",
///     "response_types_supported":["code"],"subject_types_supported":["public"],
///     "id_token_signing_alg_values_supported":["none","HS256","ES256","RS256","ES512"]}"#)?;
/// assert_eq!(id_token_algorithms(&metadata), [Algorithm::ES256, Algorithm::RS256]);
/// # Ok::<(), oidc_core::Error>(())
/// ```
pub fn id_token_algorithms(metadata: &ProviderMetadata) -> Vec<Algorithm> {
    algorithms_from_list(&metadata.id_token_signing_alg_values_supported)
}

/// The algorithms of a metadata list other than the ID Token one (JARM §6
/// `authorization_signing_alg_values_supported`, OIDC Discovery
/// `userinfo_signing_alg_values_supported`, RFC 9701 §7
/// `introspection_signing_alg_values_supported`), read as
/// [`id_token_algorithms`] reads its list; an omitted list gives RS256, the default of
/// the matching client metadata (JARM §5 `authorization_signed_response_alg`, RFC 9701
/// §6 `introspection_signed_response_alg`).
pub(super) fn metadata_algorithms(names: Option<&Vec<String>>) -> Vec<Algorithm> {
    algorithms_from_list(names.map_or(&[][..], Vec::as_slice))
}

fn algorithms_from_list(names: &[String]) -> Vec<Algorithm> {
    if names.is_empty() {
        return vec![Algorithm::RS256];
    }
    let mut algorithms = Vec::new();
    for name in names {
        let Ok(alg) = name.parse::<Algorithm>() else {
            continue;
        };
        let hmac = matches!(alg, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512);
        if !hmac && !algorithms.contains(&alg) {
            algorithms.push(alg);
        }
    }
    algorithms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<Algorithm> {
        algorithms_from_list(&names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn metadata_lists() {
        assert_eq!(list(&[]), [Algorithm::RS256], "omitted: RS256");
        assert_eq!(list(&["RS256"]), [Algorithm::RS256]);
        assert_eq!(
            list(&["PS256", "RS256", "PS256", "EdDSA"]),
            [Algorithm::PS256, Algorithm::RS256, Algorithm::EdDSA]
        );
        assert!(list(&["none"]).is_empty());
        assert!(list(&["HS256", "HS384", "HS512"]).is_empty());
        assert!(list(&["ES512", "rs256", "RSA-OAEP", ""]).is_empty());
        assert_eq!(list(&["none", "RS384"]), [Algorithm::RS384]);
    }

    #[test]
    fn other_metadata_lists() {
        assert_eq!(
            metadata_algorithms(None),
            [Algorithm::RS256],
            "omitted: RS256"
        );
        let listed = vec!["ES256".to_owned(), "HS256".to_owned()];
        assert_eq!(metadata_algorithms(Some(&listed)), [Algorithm::ES256]);
        assert!(metadata_algorithms(Some(&vec!["none".to_owned()])).is_empty());
    }
}
