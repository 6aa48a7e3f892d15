//! Verifying a compact JWS against a [`JwkSet`]: the header checks in order, key
//! selection, the signature, then (for `from_jwt`) the claims.

use jsonwebtoken::AlgorithmFamily;

use super::header::{algorithm, split, VerifiedHeader};
use super::keys::{family, Refusal};
use super::kind::TypRule;
use super::{Algorithm, Jwk, JwkSet, JwtError, PublicJwk};
use crate::OidcMessage;

/// Which JWTs to accept.
#[derive(Debug, Clone)]
pub struct JwtOptions {
    algorithms: Vec<Algorithm>,
    typ: Option<TypRule>,
}

impl Default for JwtOptions {
    /// Every asymmetric algorithm (RS*, PS*, ES256, ES384, EdDSA); HMAC must be allowed
    /// explicitly ([`allow_hmac`](Self::allow_hmac)); the token kind's `typ` rule.
    fn default() -> Self {
        JwtOptions {
            algorithms: vec![
                Algorithm::RS256,
                Algorithm::RS384,
                Algorithm::RS512,
                Algorithm::PS256,
                Algorithm::PS384,
                Algorithm::PS512,
                Algorithm::ES256,
                Algorithm::ES384,
                Algorithm::EdDSA,
            ],
            typ: None,
        }
    }
}

impl JwtOptions {
    /// Only these algorithms (e.g. the provider's `id_token_signing_alg_values_supported`,
    /// or the one registered for the client).
    pub fn algorithms(mut self, algorithms: &[Algorithm]) -> Self {
        self.algorithms = algorithms.to_vec();
        self
    }

    /// The algorithms allowed, in the order given.
    pub fn allowed(&self) -> &[Algorithm] {
        &self.algorithms
    }

    /// Also allow HS256/384/512 (tokens MACed with the client secret).
    pub fn allow_hmac(mut self) -> Self {
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            if !self.algorithms.contains(&alg) {
                self.algorithms.push(alg);
            }
        }
        self
    }

    /// The `typ` header rule, replacing the one of the message's
    /// [`TokenKind`](super::TokenKind) (ID Tokens: absent or `JWT`; JWT access tokens:
    /// `at+jwt`; Logout Tokens: absent, `logout+jwt` or `JWT`). Use `TypRule::Any` to
    /// read a vendor access token typed `JWT`, knowing that any other JWT the same
    /// issuer signs could then pass as one. The message's own rules on its claims still
    /// apply.
    pub fn typ(mut self, rule: TypRule) -> Self {
        self.typ = Some(rule);
        self
    }
}

/// Verifies a compact JWS with `keys` under `options` and returns its payload bytes,
/// whatever they are (a JWT's claims, or any other content, as in RFC 7520's examples).
/// The `typ` rule is the one of `options`, else any. `OidcMessage::from_jwt` is this
/// plus the message's token kind and decoding the claims.
pub fn verify_payload(
    token: &str,
    keys: &JwkSet,
    options: &JwtOptions,
) -> Result<Vec<u8>, JwtError> {
    verify(token, keys, options, ("this JWT", TypRule::Any)).map(|(_, payload)| payload)
}

/// Verifies and decodes `token` as `T`, under the `typ` rule of `T`'s token kind unless
/// `options` set one (what `OidcMessage::from_jwt` does). The claims then go through
/// `T::from_json`, with the message's own rules.
pub(crate) fn decode<T: OidcMessage>(
    token: &str,
    keys: &JwkSet,
    options: &JwtOptions,
) -> Result<T, JwtError> {
    from_jwt_with_header(token, keys, options).map(|(claims, _)| claims)
}

/// `OidcMessage::from_jwt`, plus the verified header: for checks on the claims that need
/// it (the `at_hash` / `c_hash` hash is the one of `alg`), as the two-step alternative
/// to the one-call `verify` of the validation options
/// ([`crate::validation::TokenValidation`]).
///
/// ```
/// use oidc_core::jwt::{from_jwt_with_header, Algorithm, JwkSet, JwtOptions};
/// use oidc_core::messages::BackChannelLogoutToken;
///
/// // The HS256 logout token of the module documentation (secret "ahoj").
/// let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL3NlcnZlci5leGFtcGxlLmNvbSIsInN1YiI6IjI0ODI4OTc2MTAwMSIsImF1ZCI6InM2QmhkUmtxdDMiLCJpYXQiOjE0NzE1NjYxNTQsImp0aSI6ImJXSnEiLCJzaWQiOiIwOGE1MDE5Yy0xN2UxLTQ5NzctOGY0Mi02NWExMjg0M2VhMDIiLCJldmVudHMiOnsiaHR0cDovL3NjaGVtYXMub3BlbmlkLm5ldC9ldmVudC9iYWNrY2hhbm5lbC1sb2dvdXQiOnt9fX0.McD4YIsDHb8Ug5B4MRfpisQaxCCXi6EUPerx3AH3v0Q";
/// let keys = JwkSet::from_legacy_secret(b"ahoj");
/// let options = JwtOptions::default().algorithms(&[Algorithm::HS256]);
/// let (token, header) = from_jwt_with_header::<BackChannelLogoutToken>(jwt, &keys, &options)?;
/// assert_eq!((header.alg, header.typ.as_deref()), (Algorithm::HS256, Some("JWT")));
/// assert_eq!(token.jti, "bWJq");
/// # Ok::<(), oidc_core::jwt::JwtError>(())
/// ```
pub fn from_jwt_with_header<T: OidcMessage>(
    token: &str,
    keys: &JwkSet,
    options: &JwtOptions,
) -> Result<(T, VerifiedHeader), JwtError> {
    let kind = T::TOKEN_KIND.map_or(("this JWT", TypRule::Any), |k| (k.name(), k.typ()));
    let (header, payload) = verify(token, keys, options, kind)?;
    let json = std::str::from_utf8(&payload)
        .map_err(|_| JwtError::Malformed("payload is not UTF-8".into()))?;
    Ok((T::from_json(json)?, header))
}

/// Verifies and decodes a token that carries its own key in the `jwk` header: a DPoP
/// proof (RFC 9449 §4.3 steps 6-7), the one legitimate use of an embedded key. The key
/// is read strictly ([`PublicJwk::from_json`]: public members only, unique, canonical);
/// everything else is checked as for any token. Returns the claims and the key.
pub(crate) fn decode_with_embedded_key<T: OidcMessage>(
    token: &str,
    options: &JwtOptions,
) -> Result<(T, PublicJwk), JwtError> {
    let compact = split(token)?;
    let Some(raw) = &compact.header.jwk else {
        return Err(JwtError::Malformed(
            "header has no jwk (the proof's public key)".into(),
        ));
    };
    let key = PublicJwk::from_json(raw.get())?;
    let keys = key.to_key_set(compact.header.kid.as_deref());
    let claims = decode::<T>(token, &keys, options)?;
    Ok((claims, key))
}

/// Decodes `token`'s claims as `T` WITHOUT verifying anything but its shape: for a
/// provider to find which client (hence which keys) an assertion claims to come from,
/// before verifying it with those keys. Never trust what this returns.
pub(crate) fn decode_unverified<T: OidcMessage>(token: &str) -> Result<T, JwtError> {
    let compact = split(token)?;
    let json = std::str::from_utf8(&compact.payload)
        .map_err(|_| JwtError::Malformed("payload is not UTF-8".into()))?;
    Ok(T::from_json(json)?)
}

/// Verifies `token`'s signature with `keys` under `options` (and `kind`'s `typ` rule
/// unless `options` set one), then returns its header and payload bytes.
fn verify(
    token: &str,
    keys: &JwkSet,
    options: &JwtOptions,
    (kind, kind_typ): (&'static str, TypRule),
) -> Result<(VerifiedHeader, Vec<u8>), JwtError> {
    let compact = split(token)?;
    let header = &compact.header;
    let alg = algorithm(&header.alg)?;
    if !options.algorithms.contains(&alg) {
        return Err(JwtError::AlgorithmNotAllowed(alg));
    }
    if compact.signature.is_empty() {
        return Err(JwtError::Malformed("empty signature".into()));
    }
    // RFC 7515 §4.1.11: no extension is understood here, so any `crit` is refused.
    if let Some(names) = &header.crit {
        return Err(JwtError::UnknownCritical(names.clone()));
    }
    let (token_name, rule) = match options.typ {
        Some(rule) => ("this JWT", rule),
        None => (kind, kind_typ),
    };
    if !rule.accepts(header.typ.as_deref()) {
        return Err(JwtError::WrongType {
            token: token_name,
            expected: rule,
            got: header.typ.clone(),
        });
    }

    for jwk in candidates(keys, alg, header.kid.as_deref())? {
        let Some(key) = jwk.key() else { continue };
        if super::backend::verify(
            compact.signature,
            compact.signing_input.as_bytes(),
            key,
            alg,
        ) {
            let header = VerifiedHeader {
                alg,
                kid: compact.header.kid,
                typ: compact.header.typ,
            };
            return Ok((header, compact.payload));
        }
    }
    Err(JwtError::BadSignature)
}

/// The keys to try: by `kid` when the header has one, else every key that fits.
fn candidates<'k>(
    keys: &'k JwkSet,
    alg: Algorithm,
    kid: Option<&str>,
) -> Result<Vec<&'k Jwk>, JwtError> {
    let hmac = family(alg) == AlgorithmFamily::Hmac;
    let named: Vec<&Jwk> = match kid {
        Some(kid) => {
            let named: Vec<&Jwk> = keys
                .keys()
                .iter()
                .filter(|k| k.kid() == Some(kid))
                .collect();
            if named.is_empty() {
                return Err(JwtError::UnknownKid(kid.to_owned()));
            }
            if hmac && named.iter().all(|k| k.kty() != "oct") {
                return Err(JwtError::AlgorithmConfusion(alg));
            }
            named
        }
        None => keys.keys().iter().collect(),
    };
    let mut unusable = None;
    let mut fitting = Vec::new();
    for jwk in named {
        match jwk.refusal(alg) {
            None => fitting.push(jwk),
            Some(Refusal::Unusable(problem)) => {
                unusable.get_or_insert((jwk, problem));
            }
            Some(Refusal::Skip) => {}
        }
    }
    if !fitting.is_empty() {
        return Ok(fitting);
    }
    if let Some((jwk, problem)) = unusable {
        return Err(JwtError::UnusableKey {
            alg,
            kid: jwk.kid().map(str::to_owned),
            problem: problem.into_owned(),
        });
    }
    if hmac && keys.keys().iter().any(|k| k.kty() != "oct") {
        return Err(JwtError::AlgorithmConfusion(alg));
    }
    Err(JwtError::NoMatchingKey(alg))
}
