//! `at_hash` and `c_hash`: which the response requires, and checking them against the
//! access token and code the caller hands over (OIDC Core §3.1.3.8, §3.2.2.9,
//! §3.2.2.10, §3.3.2.10, §3.3.2.11).

use crate::messages::IdToken;

use super::ValidationError;

/// Computes whether `claimed` (an `at_hash` / `c_hash` value) is the hash of `value`
/// under the verified header's algorithm (`jwt::verify_token_hash`).
pub(super) type HashVerifier<'h> = &'h dyn Fn(&str, &str) -> bool;

/// What the caller handed over for the hash claims.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct HashInputs<'a> {
    /// The `response_type` the ID Token was returned from the authorization endpoint
    /// for; `None`: from the token endpoint.
    pub response_type: Option<&'a str>,
    /// The access token returned with the ID Token.
    pub access_token: Option<&'a str>,
    /// The authorization code returned with the ID Token.
    pub code: Option<&'a str>,
}

impl HashInputs<'_> {
    /// Whether the response type returns the ID Token from the authorization endpoint
    /// together with `what` (`token` or `code`), which makes its hash REQUIRED.
    fn requires(&self, what: &str) -> bool {
        // OIDC Core §3 / RFC 6749 §3.1.1: a space-delimited list of values.
        self.response_type.is_some_and(|rt| {
            let has = |value: &str| rt.split(' ').any(|w| w == value);
            has("id_token") && has(what)
        })
    }
}

/// One hash claim: its name, the value it covers, whether REQUIRED, and its errors.
struct HashClaim<'v> {
    claim: &'static str,
    input: &'static str,
    claimed: Option<&'v str>,
    value: Option<&'v str>,
    required: bool,
    missing: ValidationError,
    mismatch: ValidationError,
}

/// `at_hash`, then `c_hash`:
/// - REQUIRED when the ID Token came from the authorization endpoint with an access
///   token (`response_type` `id_token token`, `code id_token token`: OIDC Core
///   §3.2.2.10, §3.3.2.11) or a code (`code id_token`, `code id_token token`:
///   §3.3.2.11); absent then: `AtHashMissing` / `CHashMissing`;
/// - checked whenever present and the value it covers was handed over (§3.1.3.8,
///   §3.2.2.9 step 3, §3.3.2.10 step 3): `AtHashMismatch` / `CHashMismatch`;
/// - a REQUIRED claim whose value was not handed over, or any claim to check without
///   the signing algorithm (`verify` is `None`), is `HashUncheckable`.
pub(super) fn check_hashes(
    token_name: &'static str,
    token: &IdToken,
    inputs: &HashInputs<'_>,
    verify: Option<HashVerifier<'_>>,
) -> Result<(), ValidationError> {
    let claims = [
        HashClaim {
            claim: "at_hash",
            input: "the access token was not handed over",
            claimed: token.at_hash.as_deref(),
            value: inputs.access_token,
            required: inputs.requires("token"),
            missing: ValidationError::AtHashMissing { token: token_name },
            mismatch: ValidationError::AtHashMismatch { token: token_name },
        },
        HashClaim {
            claim: "c_hash",
            input: "the authorization code was not handed over",
            claimed: token.c_hash.as_deref(),
            value: inputs.code,
            required: inputs.requires("code"),
            missing: ValidationError::CHashMissing { token: token_name },
            mismatch: ValidationError::CHashMismatch { token: token_name },
        },
    ];
    for c in claims {
        let uncheckable = |reason| ValidationError::HashUncheckable {
            token: token_name,
            claim: c.claim,
            reason,
        };
        match (c.claimed, c.value) {
            (None, _) if c.required => return Err(c.missing),
            (None, _) => {}
            (Some(_), None) if c.required => return Err(uncheckable(c.input)),
            (Some(_), None) => {}
            (Some(claimed), Some(value)) => {
                let verify = verify.ok_or_else(|| {
                    uncheckable(
                        "its hash is the signing algorithm's, which only the verified header \
                         gives (use the one-call verify)",
                    )
                })?;
                if !verify(value, claimed) {
                    return Err(c.mismatch);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(response_type: Option<&str>) -> HashInputs<'_> {
        HashInputs {
            response_type,
            ..HashInputs::default()
        }
    }

    #[test]
    fn response_types_that_require_each_hash() {
        for (rt, at, c) in [
            ("code", false, false),
            ("id_token", false, false),
            ("token", false, false),
            ("code token", false, false),
            ("id_token token", true, false),
            ("token id_token", true, false),
            ("code id_token", false, true),
            ("id_token code", false, true),
            ("code id_token token", true, true),
            ("token  id_token   code", true, true),
            ("id_tokens tokens codes", false, false),
        ] {
            let i = inputs(Some(rt));
            assert_eq!((i.requires("token"), i.requires("code")), (at, c), "{rt}");
        }
        assert!(!inputs(None).requires("token"));
    }
}
