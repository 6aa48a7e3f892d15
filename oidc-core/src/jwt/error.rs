//! [`JwtError`]: why a JWT or a key set was not accepted.

use std::fmt;

use super::kind::TypRule;
use super::Algorithm;
use crate::error::{quoted, Error};

/// Why a JWT was not accepted.
///
/// `Display` is one line of bounded length: every text taken from the token or the key
/// set (`alg`, `kid`, `typ`, `crit` names) is quoted, cut and has its control
/// characters escaped. The variants' fields keep the received values in full (a key
/// cache refetches its set for an [`UnknownKid`](Self::UnknownKid)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwtError {
    /// Not a compact JWS: wrong number of segments, bad base64url, a header that is not
    /// a JSON object, has a member twice (RFC 7515 §4) or a non-string `alg`, `kid`,
    /// `typ` or `cty`.
    #[error("malformed JWT: {0}")]
    Malformed(String),
    /// `alg: none` (an unsecured JWT; never accepted).
    #[error("unsigned JWT (alg \"none\") rejected")]
    AlgNone,
    /// An algorithm this library cannot verify (ES512, RSA-OAEP, ...).
    #[error("unsupported JWS algorithm {}", quoted(.0))]
    UnsupportedAlgorithm(String),
    /// An algorithm the caller's [`JwtOptions`](super::JwtOptions) do not allow.
    #[error("JWS algorithm {0:?} is not allowed")]
    AlgorithmNotAllowed(Algorithm),
    /// An HMAC algorithm where the key is an asymmetric one (RFC 8725 §2.1).
    #[error("algorithm confusion: {0:?} with an asymmetric key")]
    AlgorithmConfusion(Algorithm),
    /// A `crit` header names extensions this library does not understand (RFC 7515 §4.1.11).
    #[error("unknown critical header extension(s): {}", NameList(.0))]
    UnknownCritical(Vec<String>),
    /// The header's `kid` names no key of the set.
    #[error("no key with kid {} in the key set", quoted(.0))]
    UnknownKid(String),
    /// No key of the set fits the token's algorithm.
    #[error("no key in the key set fits algorithm {0:?}")]
    NoMatchingKey(Algorithm),
    /// The keys that would verify the token cannot be used: too weak (RSA below 2048
    /// bits, an HMAC key shorter than the hash), or unreadable. The problem is the
    /// first such key's [`Jwk::problem`](super::Jwk::problem).
    #[error("the key{} for {alg:?} cannot be used: {problem}", KidShown(.kid.as_deref()))]
    UnusableKey {
        /// The algorithm of the token.
        alg: Algorithm,
        /// The key's `kid`, if it has one.
        kid: Option<String>,
        /// Why the key cannot be used.
        problem: String,
    },
    /// No candidate key verified the signature (tampered payload or signature, wrong key).
    #[error("signature verification failed")]
    BadSignature,
    /// The `typ` header is not what this kind of token requires (RFC 8725 §3.11).
    #[error("{token}: {} (expected {expected})", TypFound(.got.as_deref()))]
    WrongType {
        /// The kind of token expected (`"ID Token"`), or `"this JWT"` for a caller's rule.
        token: &'static str,
        /// The rule the header failed.
        expected: TypRule,
        /// The header's `typ`, if any.
        got: Option<String>,
    },
    /// The key set document could not be read.
    #[error("invalid JWK Set: {0}")]
    KeySet(String),
    /// A key (a private key to sign with, or a public JWK read strictly, such as a DPoP
    /// proof's `jwk` header) cannot be used: malformed, weak, private material where
    /// only a public key belongs, or not fit for the algorithm. The text names members,
    /// never key material.
    #[error("invalid key: {0}")]
    InvalidKey(String),
    /// Signing failed (the backend refused the key).
    #[error("signing failed: {0}")]
    Signing(String),
    /// The signature verified, but the claims are not a valid message (or not a token
    /// of the message's kind).
    #[error(transparent)]
    Claims(#[from] Error),
}

/// At most three names, quoted, then how many there are.
struct NameList<'a>(&'a [String]);

impl fmt::Display for NameList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 3;
        for (i, name) in self.0.iter().take(SHOWN).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(&quoted(name))?;
        }
        if self.0.len() > SHOWN {
            write!(f, " and {} more", self.0.len() - SHOWN)?;
        }
        Ok(())
    }
}

/// `header typ "x" is not accepted` / `header has no typ`.
struct TypFound<'a>(Option<&'a str>);

impl fmt::Display for TypFound<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(typ) => write!(f, "header typ {} is not accepted", quoted(typ)),
            None => f.write_str("header has no typ"),
        }
    }
}

/// ` "kid"` when there is one.
struct KidShown<'a>(Option<&'a str>);

impl fmt::Display for KidShown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(kid) => write!(f, " {}", quoted(kid)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_one_bounded_line() {
        let hostile = format!("a\r\nb{}", "x".repeat(1 << 20));
        let errors = [
            JwtError::UnsupportedAlgorithm(hostile.clone()),
            JwtError::UnknownKid(hostile.clone()),
            JwtError::UnknownCritical(vec![hostile.clone(); 1000]),
            JwtError::WrongType {
                token: "ID Token",
                expected: TypRule::IfPresent(&["JWT"]),
                got: Some(hostile.clone()),
            },
            JwtError::UnusableKey {
                alg: Algorithm::RS256,
                kid: Some(hostile.clone()),
                problem: "weak".into(),
            },
        ];
        for e in errors {
            let text = e.to_string();
            assert!(text.len() < 300, "{} bytes", text.len());
            assert!(!text.contains(['\r', '\n']), "{text}");
            assert!(text.contains(r"a\r\nb"), "{text}");
        }
    }

    #[test]
    fn crit_lists() {
        let names = |n: usize| (0..n).map(|i| format!("c{i}")).collect::<Vec<_>>();
        assert_eq!(
            JwtError::UnknownCritical(names(3)).to_string(),
            r#"unknown critical header extension(s): "c0", "c1", "c2""#
        );
        assert_eq!(
            JwtError::UnknownCritical(names(4)).to_string(),
            r#"unknown critical header extension(s): "c0", "c1", "c2" and 1 more"#
        );
    }

    #[test]
    fn wrong_type_text() {
        let e = JwtError::WrongType {
            token: "ID Token",
            expected: TypRule::IfPresent(&["JWT"]),
            got: Some("at+jwt".into()),
        };
        assert_eq!(
            e.to_string(),
            r#"ID Token: header typ "at+jwt" is not accepted (expected absent or JWT)"#
        );
        let e = JwtError::WrongType {
            token: "JWT access token",
            expected: TypRule::Required(&["at+jwt"]),
            got: None,
        };
        assert_eq!(
            e.to_string(),
            "JWT access token: header has no typ (expected at+jwt)"
        );
        let e = JwtError::UnusableKey {
            alg: Algorithm::HS256,
            kid: None,
            problem: "empty".into(),
        };
        assert_eq!(e.to_string(), "the key for HS256 cannot be used: empty");
    }
}
