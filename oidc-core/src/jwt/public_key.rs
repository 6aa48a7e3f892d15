//! [`PublicJwk`]: the public half of a signing key as a JWK (RFC 7517 §4, RFC 7518
//! §6.2.1 / §6.3.1, RFC 8037 §2): exported for a JWK Set or a DPoP proof's `jwk`
//! header, read strictly from one, and hashed into an RFC 7638 thumbprint.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use super::keys::{modulus_bits, MAX_RSA_BITS, MIN_RSA_BITS};
use super::object::UniqueObject;
use super::{thumbprint, JwkSet};
use crate::error::quoted;

/// Members that make a JWK private (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2).
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// The public members of an asymmetric key, base64url (canonical: no padding, as the
/// `base64` crate decodes it strictly, so one key has exactly one text).
#[derive(Clone, PartialEq, Eq)]
pub(super) enum Members {
    Rsa { n: String, e: String },
    Ec { crv: String, x: String, y: String },
    Okp { crv: String, x: String },
}

/// The public half of an asymmetric signing key, as a JWK.
///
/// Made by [`SigningKey::public_jwk`](super::SigningKey::public_jwk), or read with
/// [`from_json`](Self::from_json), which is strict, since a DPoP proof's `jwk` header
/// is the one place where a key comes with the token (RFC 9449 §4.3): exactly one JSON
/// object with unique members, `kty` `RSA` (2048 to 4096 bits), `EC` (`P-256` or
/// `P-384`, coordinates of the curve's size) or `OKP` (`Ed25519`), canonical base64url,
/// and no private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`: RFC 9449 §4.3
/// step 7). Other members (`kid`, `use`, `alg`, `x5c`, ...) are ignored.
///
/// ```
/// use oidc_core::jwt::PublicJwk;
///
/// // RFC 8037 A.2 (public key) and A.3 (its thumbprint).
/// let key = PublicJwk::from_json(r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)?;
/// assert_eq!(key.thumbprint(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
/// assert!(PublicJwk::from_json(r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#).is_err());
/// # Ok::<(), oidc_core::jwt::JwtError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct PublicJwk {
    pub(super) members: Members,
}

impl PublicJwk {
    /// Reads a public JWK strictly (see the type's documentation).
    pub fn from_json(json: &str) -> Result<Self, super::JwtError> {
        let object: UniqueObject = serde_json::from_str(json)
            .map_err(|_| super::JwtError::InvalidKey("the JWK is not a JSON object".to_owned()))?;
        Self::from_object(&object).map_err(super::JwtError::InvalidKey)
    }

    pub(super) fn from_object(object: &UniqueObject) -> Result<Self, String> {
        if let Some(name) = &object.duplicate {
            return Err(format!(
                "member {} appears more than once (RFC 7517 §4)",
                quoted(name)
            ));
        }
        if let Some(name) = PRIVATE_MEMBERS
            .iter()
            .find(|name| object.members.contains_key(**name))
        {
            return Err(format!(
                "member \"{name}\" is private key material: only a public key may be sent"
            ));
        }
        let text = |name: &'static str| -> Result<&str, String> {
            match object.members.get(name) {
                Some(Value::String(s)) => Ok(s),
                Some(_) => Err(format!("member \"{name}\" is not a string")),
                None => Err(format!("member \"{name}\" is missing")),
            }
        };
        let bytes = |name: &'static str| -> Result<Vec<u8>, String> {
            URL_SAFE_NO_PAD
                .decode(text(name)?)
                .map_err(|_| format!("member \"{name}\" is not base64url (RFC 7515 §2)"))
        };
        let members = match text("kty")? {
            "RSA" => {
                let n = bytes("n")?;
                let e = bytes("e")?;
                if n.first() == Some(&0) || e.first() == Some(&0) || e.is_empty() {
                    return Err("RSA member with leading zero octets (RFC 7518 §6.3.1)".into());
                }
                if let Some(problem) = rsa_size_problem(modulus_bits(&n)) {
                    return Err(problem);
                }
                Members::Rsa {
                    n: URL_SAFE_NO_PAD.encode(n),
                    e: URL_SAFE_NO_PAD.encode(e),
                }
            }
            "EC" => {
                let crv = text("crv")?;
                let size = match crv {
                    "P-256" => 32,
                    "P-384" => 48,
                    other => return Err(format!("unsupported EC curve {}", quoted(other))),
                };
                let (x, y) = (bytes("x")?, bytes("y")?);
                if x.len() != size || y.len() != size {
                    return Err(format!(
                        "EC coordinates must be {size} bytes for {crv} (RFC 7518 §6.2.1.2)"
                    ));
                }
                Members::Ec {
                    crv: crv.to_owned(),
                    x: URL_SAFE_NO_PAD.encode(x),
                    y: URL_SAFE_NO_PAD.encode(y),
                }
            }
            "OKP" => {
                let crv = text("crv")?;
                if crv != "Ed25519" {
                    return Err(format!("unsupported OKP curve {}", quoted(crv)));
                }
                let x = bytes("x")?;
                if x.len() != 32 {
                    return Err("Ed25519 public key must be 32 bytes (RFC 8037 §2)".into());
                }
                Members::Okp {
                    crv: crv.to_owned(),
                    x: URL_SAFE_NO_PAD.encode(x),
                }
            }
            "oct" => return Err("a symmetric key (kty \"oct\") has no public half".into()),
            other => return Err(format!("unsupported key type {}", quoted(other))),
        };
        Ok(PublicJwk { members })
    }

    /// `kty`: `RSA`, `EC` or `OKP`.
    pub fn kty(&self) -> &'static str {
        match self.members {
            Members::Rsa { .. } => "RSA",
            Members::Ec { .. } => "EC",
            Members::Okp { .. } => "OKP",
        }
    }

    /// The RFC 7638 thumbprint (SHA-256, base64url): the `jkt` of DPoP (RFC 9449 §6.1).
    pub fn thumbprint(&self) -> String {
        thumbprint::sha256(&self.members)
    }

    /// The key as a JWK with only its required members, in RFC 7638 order: what a DPoP
    /// proof's `jwk` header carries.
    pub fn to_json(&self) -> String {
        thumbprint::canonical_json(&self.members)
    }

    /// The key as a JWK Set entry: the required members plus `kid` (when given), `use:
    /// sig` and `alg`, as a provider or a `private_key_jwt` client publishes it.
    pub fn to_json_with(&self, kid: Option<&str>, alg: super::Algorithm) -> String {
        let mut object = serde_json::Map::new();
        match &self.members {
            Members::Rsa { n, e } => {
                object.insert("kty".into(), "RSA".into());
                object.insert("n".into(), n.as_str().into());
                object.insert("e".into(), e.as_str().into());
            }
            Members::Ec { crv, x, y } => {
                object.insert("kty".into(), "EC".into());
                object.insert("crv".into(), crv.as_str().into());
                object.insert("x".into(), x.as_str().into());
                object.insert("y".into(), y.as_str().into());
            }
            Members::Okp { crv, x } => {
                object.insert("kty".into(), "OKP".into());
                object.insert("crv".into(), crv.as_str().into());
                object.insert("x".into(), x.as_str().into());
            }
        }
        if let Some(kid) = kid {
            object.insert("kid".into(), kid.into());
        }
        object.insert("use".into(), "sig".into());
        object.insert("alg".into(), super::algorithm_name(alg).into());
        Value::Object(object).to_string()
    }

    /// A key set holding this key alone (named `kid` when given), to verify what it
    /// signed with the same rules as any other key.
    pub fn to_key_set(&self, kid: Option<&str>) -> JwkSet {
        let mut json = self.to_json();
        if let Some(kid) = kid {
            json.pop();
            json.push_str(",\"kid\":");
            json.push_str(&Value::from(kid).to_string());
            json.push('}');
        }
        JwkSet::from_json(&format!("{{\"keys\":[{json}]}}"))
            .expect("a canonical public JWK is a valid JWK Set entry")
    }
}

impl fmt::Debug for PublicJwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicJwk")
            .field("kty", &self.kty())
            .field("thumbprint", &self.thumbprint())
            .finish()
    }
}

/// Why an RSA key of `bits` is not usable here, if it is not: RFC 7518 §3.3 asks for
/// 2048 bits or more; above 4096 the verifiers' limit.
pub(super) fn rsa_size_problem(bits: usize) -> Option<String> {
    (!(MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits)).then(|| {
        format!(
            "RSA key of {bits} bits (from {MIN_RSA_BITS} to {MAX_RSA_BITS} are usable, RFC 7518 §3.3)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(json: &str) -> String {
        match PublicJwk::from_json(json) {
            Err(super::super::JwtError::InvalidKey(reason)) => reason,
            other => panic!("{json}: {other:?}"),
        }
    }

    const X: &str = "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs";
    const Y: &str = "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA";

    #[test]
    fn strict_reading() {
        let ok =
            format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{Y}","kid":"k","use":"sig"}}"#);
        let key = PublicJwk::from_json(&ok).unwrap();
        assert_eq!(key.kty(), "EC");
        assert_eq!(
            key.to_json(),
            format!(r#"{{"crv":"P-256","kty":"EC","x":"{X}","y":"{Y}"}}"#)
        );
        for private in PRIVATE_MEMBERS {
            let json =
                format!(r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{Y}","{private}":"AAAA"}}"#);
            assert!(refused(&json).contains("private key material"), "{private}");
        }
        assert!(refused(&format!(
            r#"{{"kty":"EC","crv":"P-256","x":"{X}","x":"{X}","y":"{Y}"}}"#
        ))
        .contains("more than once"));
        assert!(refused(&format!(
            r#"{{"kty":"EC","crv":"P-256","x":"{X}=","y":"{Y}"}}"#
        ))
        .contains("not base64url"));
        assert!(refused(&format!(
            r#"{{"kty":"EC","crv":"P-384","x":"{X}","y":"{Y}"}}"#
        ))
        .contains("48 bytes"));
        // Each coordinate is checked on its own: one short one is enough to refuse.
        for (x, y) in [(X, &Y[..40]), (&X[..40], Y)] {
            let json = format!(r#"{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}"}}"#);
            assert!(refused(&json).contains("32 bytes for P-256"), "{json}");
        }
        assert!(refused(&format!(
            r#"{{"kty":"EC","crv":"P-521","x":"{X}","y":"{Y}"}}"#
        ))
        .contains("unsupported EC curve"));
        assert!(refused(r#"{"kty":"EC","crv":"P-256","x":1}"#).contains("\"x\" is not a string"));
        assert!(refused(r#"{"kty":"EC","crv":"P-256"}"#).contains("\"x\" is missing"));
        assert!(refused(r#"{"kty":"oct"}"#).contains("no public half"));
        assert!(refused(r#"{"kty":"X"}"#).contains("unsupported key type"));
        assert!(refused(r#"{}"#).contains("\"kty\" is missing"));
        assert!(refused(r#"{"kty":"OKP","crv":"X25519","x":"AAAA"}"#).contains("unsupported OKP"));
        assert!(refused(r#"{"kty":"OKP","crv":"Ed25519","x":"AAAA"}"#).contains("32 bytes"));
        assert_eq!(refused("[]"), "the JWK is not a JSON object");
    }

    #[test]
    fn rsa_sizes() {
        let n = |bytes: usize, first: u8| {
            let mut n = vec![0xffu8; bytes];
            n[0] = first;
            URL_SAFE_NO_PAD.encode(n)
        };
        let json = |n: &str| format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB"}}"#);
        assert!(PublicJwk::from_json(&json(&n(256, 0x80))).is_ok());
        assert!(refused(&json(&n(256, 0x7f))).contains("2047 bits"));
        assert!(PublicJwk::from_json(&json(&n(512, 0xff))).is_ok());
        assert!(refused(&json(&n(513, 0x01))).contains("4097 bits"));
        assert!(refused(&json(&n(257, 0x00))).contains("leading zero"));
        assert!(refused(r#"{"kty":"RSA","n":"gA","e":""}"#).contains("leading zero"));
    }

    #[test]
    fn exports() {
        let key = PublicJwk::from_json(&format!(
            r#"{{"kty":"EC","crv":"P-256","x":"{X}","y":"{Y}"}}"#
        ))
        .unwrap();
        let json: Value =
            serde_json::from_str(&key.to_json_with(Some("k1"), super::super::Algorithm::ES256))
                .unwrap();
        assert_eq!(json["kid"], "k1");
        assert_eq!(json["alg"], "ES256");
        assert_eq!(json["use"], "sig");
        let set = key.to_key_set(Some("a\"b"));
        assert_eq!(set.keys()[0].kid(), Some("a\"b"));
        assert!(set.keys()[0].problem().is_none());
        assert_eq!(format!("{key:?}"), "PublicJwk { kty: \"EC\", thumbprint: \"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I\" }");
    }
}
