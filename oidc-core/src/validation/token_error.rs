//! [`TokenError`]: why the one-call `verify` did not return a trusted token.

use crate::jwt::{JwtError, KeyFetchError};

use super::ValidationError;

/// Why a token was not accepted by the one-call `verify` of a validation options type
/// (verification of the JWS, then validation of its claims). One type for every step;
/// [`kind`](Self::kind) tells the steps apart, the variants keep the step's own error.
///
/// `Display` is the step's error text: one bounded line, values from the token quoted
/// and cut.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The JWS was not accepted: its form, header, key or signature, or its claims do
    /// not decode as the message (see [`JwtError`] and [`TokenError::kind`]).
    #[error(transparent)]
    Jwt(#[from] JwtError),
    /// The signature verified and the claims decoded, but a check on them failed.
    #[error(transparent)]
    Claims(#[from] ValidationError),
    /// No keys to verify with: the key cache never fetched a key set successfully (its
    /// last failure). Once it has keys, a failed refetch leaves them in use and the
    /// token fails, if at all, with a [`TokenErrorKind::Key`] error.
    #[error(transparent)]
    Keys(#[from] KeyFetchError),
}

/// Which step refused a token ([`TokenError::kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenErrorKind {
    /// Not a compact JWS, or its header cannot be read: wrong number of segments, bad
    /// base64url, a header that is not one JSON object with string `alg` / `kid` / `typ`
    /// / `cty` and unique members, an empty signature ([`JwtError::Malformed`]).
    Decode,
    /// The header is refused: `alg` is `none`, unsupported, or not allowed; a `crit`
    /// extension; a `typ` of another kind of token; an HMAC `alg` naming an asymmetric
    /// key (algorithm confusion).
    Header,
    /// No usable key: the `kid` names no key, no key fits `alg`, the fitting keys are
    /// weak or malformed, the key set cannot be read or fetched; a key carried by the
    /// token itself (a DPoP proof's `jwk`) is malformed, private or unsupported
    /// ([`JwtError::InvalidKey`]).
    Key,
    /// No candidate key verified the signature.
    Signature,
    /// The claims: they do not decode as the message (a REQUIRED claim missing, a wrong
    /// type, a token of another kind, [`JwtError::Claims`]) or fail a check
    /// ([`TokenError::Claims`], whose [`ValidationError`] says which).
    Claims,
}

impl TokenError {
    /// Which step refused the token.
    ///
    /// ```
    /// use oidc_core::jwt::JwtError;
    /// use oidc_core::validation::{TokenError, TokenErrorKind, ValidationError};
    ///
    /// assert_eq!(TokenError::from(JwtError::BadSignature).kind(), TokenErrorKind::Signature);
    /// assert_eq!(TokenError::from(JwtError::AlgNone).kind(), TokenErrorKind::Header);
    /// let expired = ValidationError::NonceMissing { token: "ID Token" };
    /// assert_eq!(TokenError::from(expired).kind(), TokenErrorKind::Claims);
    /// ```
    pub fn kind(&self) -> TokenErrorKind {
        match self {
            TokenError::Jwt(e) => match e {
                JwtError::Malformed(_) => TokenErrorKind::Decode,
                JwtError::AlgNone
                | JwtError::UnsupportedAlgorithm(_)
                | JwtError::AlgorithmNotAllowed(_)
                | JwtError::AlgorithmConfusion(_)
                | JwtError::UnknownCritical(_)
                | JwtError::WrongType { .. } => TokenErrorKind::Header,
                JwtError::UnknownKid(_)
                | JwtError::NoMatchingKey(_)
                | JwtError::UnusableKey { .. }
                | JwtError::KeySet(_)
                | JwtError::InvalidKey(_)
                | JwtError::Signing(_) => TokenErrorKind::Key,
                JwtError::BadSignature => TokenErrorKind::Signature,
                // Exhaustive on purpose: a new `JwtError` variant must be classified here.
                JwtError::Claims(_) => TokenErrorKind::Claims,
            },
            TokenError::Claims(_) => TokenErrorKind::Claims,
            TokenError::Keys(_) => TokenErrorKind::Key,
        }
    }

    /// The failed claim check, when that is what refused the token.
    pub fn validation(&self) -> Option<&ValidationError> {
        match self {
            TokenError::Claims(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::{Algorithm, TypRule};

    #[test]
    fn every_jwt_error_has_its_kind() {
        use TokenErrorKind::*;
        let cases = [
            (JwtError::Malformed("x".into()), Decode),
            (JwtError::AlgNone, Header),
            (JwtError::UnsupportedAlgorithm("ES512".into()), Header),
            (JwtError::AlgorithmNotAllowed(Algorithm::HS256), Header),
            (JwtError::AlgorithmConfusion(Algorithm::HS256), Header),
            (JwtError::UnknownCritical(vec!["b64".into()]), Header),
            (
                JwtError::WrongType {
                    token: "ID Token",
                    expected: TypRule::IfPresent(&["JWT"]),
                    got: Some("at+jwt".into()),
                },
                Header,
            ),
            (JwtError::UnknownKid("k".into()), Key),
            (JwtError::NoMatchingKey(Algorithm::RS256), Key),
            (
                JwtError::UnusableKey {
                    alg: Algorithm::RS256,
                    kid: None,
                    problem: "weak".into(),
                },
                Key,
            ),
            (JwtError::KeySet("x".into()), Key),
            (JwtError::InvalidKey("x".into()), Key),
            (JwtError::Signing("x".into()), Key),
            (JwtError::BadSignature, Signature),
            (
                JwtError::Claims(crate::Error::new(
                    "IdToken",
                    crate::ErrorKind::Missing("sub".into()),
                )),
                Claims,
            ),
        ];
        for (error, kind) in cases {
            let text = error.to_string();
            let error = TokenError::from(error);
            assert_eq!(error.kind(), kind, "{error:?}");
            assert_eq!(error.to_string(), text, "the step's own text");
            assert!(error.validation().is_none());
        }
        let claims = TokenError::from(ValidationError::ExpMissing {
            token: "Logout Token",
        });
        assert_eq!(claims.kind(), Claims);
        assert_eq!(
            claims.validation(),
            Some(&ValidationError::ExpMissing {
                token: "Logout Token"
            })
        );
        let keys = TokenError::from(KeyFetchError::new("connection refused"));
        assert_eq!(keys.kind(), Key);
        assert!(keys.to_string().contains("connection refused"));
    }
}
