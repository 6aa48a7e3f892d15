//! The server's side: verifying a DPoP proof at an authorization server or a resource
//! server (RFC 9449 §4.3, §7.1).

use crate::error::quoted;
use crate::jwt::{decode_with_embedded_key, same_thumbprint, Algorithm, JwtOptions, PublicJwk};
use crate::messages::DpopProof;
use crate::validation::{
    callback, check_iat_not_future, Clock, SystemClock, TokenError, ValidationError,
    DEFAULT_LEEWAY_SECS,
};
use crate::NumericDate;

use super::{access_token_hash, normalize_htu};

const TOKEN: &str = "DPoP proof";

/// How old a proof may be, in seconds, by default (RFC 9449 §11.1 leaves the window to
/// the server; panva's oidc-provider allows 300 s without a nonce).
pub const DEFAULT_MAX_AGE_SECS: i64 = 300;

type NonceCheck<'a> = Box<dyn Fn(&str) -> bool + 'a>;
type JtiCheck<'a> = Box<dyn Fn(&str) -> Result<(), String> + 'a>;

/// What a DPoP proof is checked against ([`verify`](Self::verify)): the request it came with,
/// the access token and the key the token is bound to (at a resource server), the
/// server's nonce, and a replay hook.
///
/// `htm` is compared exactly (methods are case-sensitive, RFC 9110 §9.1); `htu` after
/// [`normalize_htu`] on both sides.
pub struct DpopValidation<'a> {
    htm: &'a str,
    htu: &'a str,
    access_token: Option<&'a str>,
    jkt: Option<&'a str>,
    nonce: Option<NonceCheck<'a>>,
    algorithms: Vec<Algorithm>,
    max_age: i64,
    unique_jti: Option<JtiCheck<'a>>,
    clock: Box<dyn Clock + 'a>,
    leeway: i64,
}

impl<'a> DpopValidation<'a> {
    /// Checks a proof sent with a `htm` request to `htu` (the URI the server was
    /// reached at: scheme, host, port, path; query and fragment are ignored), without
    /// an access token (a token or PAR request, RFC 9449 §5, §10). Every asymmetric
    /// algorithm allowed, a proof at most 300 s old, system clock, 30 s leeway.
    pub fn new(htm: &'a str, htu: &'a str) -> Self {
        DpopValidation {
            htm,
            htu,
            access_token: None,
            jkt: None,
            nonce: None,
            algorithms: JwtOptions::default().allowed().to_vec(),
            max_age: DEFAULT_MAX_AGE_SECS,
            unique_jti: None,
            clock: Box::new(SystemClock),
            leeway: DEFAULT_LEEWAY_SECS,
        }
    }

    /// At a resource server (RFC 9449 §7.1, §4.3 step 12): the proof comes with
    /// `access_token` (its `ath` must hash it) bound to the key whose thumbprint is
    /// `jkt` (the token's `cnf.jkt`, from its claims or introspection).
    pub fn with_access_token(mut self, access_token: &'a str, jkt: &'a str) -> Self {
        self.access_token = Some(access_token);
        self.jkt = Some(jkt);
        self
    }

    /// The proof's key must be this one (an authorization server that received
    /// `dpop_jkt` with the authorization or PAR request, RFC 9449 §10; or the key a
    /// refresh token is bound to, §5.4).
    pub fn bound_to(mut self, jkt: &'a str) -> Self {
        self.jkt = Some(jkt);
        self
    }

    /// Requires a `nonce` claim equal to `nonce` (the server provided it, §8, §9).
    pub fn nonce(self, nonce: &'a str) -> Self {
        self.nonce_accepted(move |n| n == nonce)
    }

    /// Requires a `nonce` claim that `accepted` says is one of the server's current
    /// nonces (servers rotate them, §8.2).
    pub fn nonce_accepted(mut self, accepted: impl Fn(&str) -> bool + 'a) -> Self {
        self.nonce = Some(Box::new(accepted));
        self
    }

    /// Only these algorithms (the server's `dpop_signing_alg_values_supported`).
    /// HMAC algorithms are never accepted (§4.3 step 5: asymmetric only).
    pub fn algorithms(mut self, algorithms: &[Algorithm]) -> Self {
        self.algorithms = algorithms.to_vec();
        self
    }

    /// How old (by `iat`) a proof may be, in seconds (default 300; §4.3 step 11).
    pub fn max_age(mut self, seconds: i64) -> Self {
        self.max_age = seconds.max(0);
        self
    }

    /// The replay check (§11.1): fails when this `jti` was seen within the window.
    pub fn unique_jti(mut self, check: impl Fn(&str) -> Result<(), String> + 'a) -> Self {
        self.unique_jti = Some(Box::new(check));
        self
    }

    /// The clock (default: the system clock).
    pub fn clock(mut self, clock: impl Clock + 'a) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// The clock-skew leeway in seconds for a proof made "in the future" (default 30).
    pub fn leeway(mut self, seconds: i64) -> Self {
        self.leeway = seconds.max(0);
        self
    }
}

/// A proof that passed every check: its claims, and the key it proved possession of.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct VerifiedProof {
    /// The claims.
    pub claims: DpopProof,
    /// The public key from the proof's `jwk` header.
    pub key: PublicJwk,
    /// The key's RFC 7638 thumbprint: what an authorization server puts in the access
    /// token's `cnf.jkt` (§6).
    pub jkt: String,
}

impl DpopValidation<'_> {
    /// Verifies a DPoP proof (RFC 9449 §4.3) and returns it with its key, or the first
    /// failed check as a [`TokenError`] (the same error as the validation options' one-call
    /// `verify`: its `kind` tells the JWT's form, header, key, signature and claims apart).
    /// There is no key set to pass: the key is the proof's own `jwk`. The checks, in the
    /// RFC's order:
    ///
    /// 1. one `DPoP` header: the caller passes its single value (refuse requests with
    ///    several);
    /// 2. a well-formed JWT;
    /// 3. with the required claims (`jti`, `htm`, `htu`, `iat`);
    /// 4. `typ` `dpop+jwt`;
    /// 5. an allowed asymmetric `alg` (never `none` or HMAC);
    /// 6. a signature that verifies with the public key of its `jwk` header,
    /// 7. which holds no private member;
    /// 8. `htm` and
    /// 9. `htu` match the request;
    /// 10. the server's `nonce`, when it requires one;
    /// 11. `iat` within the window (not older than the maximum age, not ahead by more
    ///     than the leeway);
    /// 12. with an access token: `ath` is its hash, and the key's thumbprint is the
    ///     token's `cnf.jkt` (checked too when the caller bound the proof to a `jkt`
    ///     otherwise);
    ///
    /// then the replay check. The embedded key is the only key this library ever takes
    /// from a token's header.
    pub fn verify(&self, proof: &str) -> Result<VerifiedProof, TokenError> {
        let checks = self;
        let algorithms: Vec<Algorithm> = checks
            .algorithms
            .iter()
            .copied()
            .filter(|alg| !matches!(alg, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512))
            .collect();
        let options = JwtOptions::default().algorithms(&algorithms);
        let (claims, key): (DpopProof, PublicJwk) =
            decode_with_embedded_key(proof.trim(), &options)?;
        let mismatch = |claim, reason: &str| ValidationError::ClaimMismatch {
            token: TOKEN,
            claim,
            reason: reason.to_owned(),
        };
        if claims.htm != checks.htm {
            let reason = format!("got {}, not {}", quoted(&claims.htm), quoted(checks.htm));
            return Err(mismatch("htm", &reason).into());
        }
        match (normalize_htu(&claims.htu), normalize_htu(checks.htu)) {
            (Some(got), Some(expected)) if got == expected => {}
            _ => {
                let reason = format!("got {}, not this request's URI", quoted(&claims.htu));
                return Err(mismatch("htu", &reason).into());
            }
        }
        if let Some(accepted) = &checks.nonce {
            match claims.nonce.as_deref() {
                None => {
                    return Err(ValidationError::ClaimMissing {
                        token: TOKEN,
                        claim: "nonce",
                    }
                    .into())
                }
                Some(nonce) if !accepted(nonce) => {
                    return Err(mismatch("nonce", "not a current nonce of this server").into())
                }
                Some(_) => {}
            }
        }
        let now = checks.clock.now();
        check_iat_not_future(TOKEN, claims.iat, now, checks.leeway)?;
        let oldest = NumericDate::from_secs(now.as_secs().saturating_sub(checks.max_age));
        if claims.iat < oldest {
            return Err(ValidationError::IssuedTooEarly {
                token: TOKEN,
                iat: claims.iat,
                min: oldest,
            }
            .into());
        }
        if let Some(access_token) = checks.access_token {
            match claims.ath.as_deref() {
                None => {
                    return Err(ValidationError::ClaimMissing {
                        token: TOKEN,
                        claim: "ath",
                    }
                    .into())
                }
                Some(ath) if !same_thumbprint(ath, &access_token_hash(access_token)) => {
                    return Err(mismatch("ath", "not the hash of the access token").into())
                }
                Some(_) => {}
            }
        }
        let jkt = key.thumbprint();
        if let Some(bound) = checks.jkt {
            if !same_thumbprint(&jkt, bound) {
                return Err(mismatch(
                    "jwk",
                    "the proof's key is not the one the token is bound to (cnf.jkt)",
                )
                .into());
            }
        }
        if let Some(check) = &checks.unique_jti {
            callback(TOKEN, "jti", check(&claims.jti))?;
        }
        Ok(VerifiedProof { claims, key, jkt })
    }
}

/// Whether `error` means the proof lacks the server's current nonce: the server then
/// answers `use_dpop_nonce` with a fresh `DPoP-Nonce` (RFC 9449 §8, §9) rather than
/// `invalid_dpop_proof`.
pub fn is_nonce_error(error: &TokenError) -> bool {
    matches!(
        error,
        TokenError::Claims(ValidationError::ClaimMissing { claim: "nonce", .. })
            | TokenError::Claims(ValidationError::ClaimMismatch { claim: "nonce", .. })
    )
}
