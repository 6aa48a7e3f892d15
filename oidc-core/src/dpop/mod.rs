//! DPoP: Demonstrating Proof of Possession (RFC 9449). A client proves, with every
//! token request and every use of an access token, that it holds the private key the
//! token is bound to; a stolen DPoP-bound token is useless without it.
//!
//! | side | what | where |
//! |---|---|---|
//! | client | a key pair, proofs (`typ: dpop+jwt`, the public `jwk`, `htm`, `htu`, `iat`, `jti`, `ath`, `nonce`) | [`DpopKey`] |
//! | client | `Authorization: DPoP <token>` | [`authorization_header`] |
//! | client | the `use_dpop_nonce` challenge and one retry | [`nonce_challenge`], [`resource_nonce_challenge`], [`send_with_nonce`] |
//! | both | `htu` normalisation | [`normalize_htu`] |
//! | server | verifying a proof, binding it to `cnf.jkt` | [`DpopValidation::verify`] |
//!
//! The token endpoint answers `token_type: DPoP`
//! ([`TokenSuccessResponse::is_dpop`](crate::messages::TokenSuccessResponse::is_dpop))
//! and binds the token to the key: `cnf.jkt` in a JWT access token or an introspection
//! response ([`Confirmation`](crate::messages::Confirmation)).
//!
//! ```
//! use oidc_core::dpop::{authorization_header, DpopKey, DpopValidation};
//! use oidc_core::jwt::Algorithm;
//!
//! let key = DpopKey::generate(Algorithm::ES256)?;
//! // The token request.
//! let proof = key.proof("POST", "https://server.example.com/token", None, None)?;
//! let verified = DpopValidation::new("POST", "https://server.example.com/token").verify(&proof)?;
//! assert_eq!(verified.jkt, key.jkt()); // the server binds the token to it: cnf.jkt
//!
//! // Using the token at a resource.
//! let token = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";
//! let proof = key.proof("GET", "https://resource.example.org/protectedresource", Some(token), None)?;
//! assert_eq!(authorization_header(token), "DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU");
//! let checks = DpopValidation::new("GET", "https://resource.example.org/protectedresource")
//!     .with_access_token(token, key.jkt());
//! assert!(checks.verify(&proof).is_ok());
//! // Another key's proof does not fit the token.
//! let thief = DpopKey::generate(Algorithm::ES256)?;
//! let stolen = thief.proof("GET", "https://resource.example.org/protectedresource", Some(token), None)?;
//! assert!(checks.verify(&stolen).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod htu;
mod key;
mod nonce;
mod verify;

pub use htu::normalize_htu;
pub use key::{access_token_hash, authorization_header, DpopKey};
pub use nonce::{nonce_challenge, resource_nonce_challenge, send_with_nonce, USE_DPOP_NONCE};
pub use verify::{is_nonce_error, DpopValidation, VerifiedProof, DEFAULT_MAX_AGE_SECS};
