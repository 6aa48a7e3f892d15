//! From a token to trusted claims: the one call per token kind
//! ([`IdTokenValidation::verify`], [`LogoutTokenValidation::verify`],
//! [`AccessTokenValidation::verify`], [`JarmValidation::verify`],
//! [`UserinfoValidation::verify`], [`IntrospectionResponseValidation::verify`], through
//! [`TokenValidation`]) that verifies a JWT
//! and validates its claims, with one error type ([`TokenError`], whose
//! [`kind`](TokenError::kind) tells the steps apart); and the claim checks alone
//! (`validate_extern`) for a message already decoded and verified.
//!
// The example verifies a token, which needs the `jwt` feature (the claim checks do not).
#![cfg_attr(feature = "jwt", doc = "```")]
#![cfg_attr(not(feature = "jwt"), doc = "```ignore")]
//! use oidc_core::jwt::JwkSet;
//! use oidc_core::messages::IdToken;
//! use oidc_core::validation::{FixedClock, IdTokenValidation};
//! use oidc_core::NumericDate;
//!
//! // OIDC Core Appendix A.2's ID Token and A.7's key (the token is from 2011: pin the clock).
//! # let jwks = r#"{"keys":[{"kty":"RSA","kid":"1e9gdk7","n":"w7Zdfmece8iaB0kiTY8pCtiBtzbptJmP28nSWwtdjRu0f2GFpajvWE4VhfJAjEsOcwYzay7XGN0b-X84BfC8hmCTOj2b2eHT7NsZegFPKRUQzJ9wW8ipn_aDJWMGDuB1XyqT1E7DYqjUCEOD1b4FLpy_xPn6oV_TYOfQ9fZdbE5HGxJUzekuGcOKqOQ8M7wfYHhHHLxGpQVgL0apWuP2gDDOdTtpuld4D2LK1MZK99s9gaSjRHE8JDb1Z4IGhEcEyzkxswVdPndUWzfvWBBWXWxtSUvQGBRkuy1BHOa4sP6FKjWEeeF7gm7UMs2Nm2QUgNZw6xvEDGaLk4KASdIxRQ","e":"AQAB"}]}"#;
//! # let jwt = "eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6ICJodHRwczovL3NlcnZlci5leGFtcGxlLmNvbSIsCiAic3ViIjogIjI0ODI4OTc2MTAwMSIsCiAiYXVkIjogInM2QmhkUmtxdDMiLAogIm5vbmNlIjogIm4tMFM2X1d6QTJNaiIsCiAiZXhwIjogMTMxMTI4MTk3MCwKICJpYXQiOiAxMzExMjgwOTcwLAogIm5hbWUiOiAiSmFuZSBEb2UiLAogImdpdmVuX25hbWUiOiAiSmFuZSIsCiAiZmFtaWx5X25hbWUiOiAiRG9lIiwKICJnZW5kZXIiOiAiZmVtYWxlIiwKICJiaXJ0aGRhdGUiOiAiMDAwMC0xMC0zMSIsCiAiZW1haWwiOiAiamFuZWRvZUBleGFtcGxlLmNvbSIsCiAicGljdHVyZSI6ICJodHRwOi8vZXhhbXBsZS5jb20vamFuZWRvZS9tZS5qcGciCn0.NTibBYW_ZoNHGm4ZrWCqYA9oJaxr1AVrJCze6FEcac4t_EOQiJFbD2nVEPkUXPuMshKjjTn7ESLIFUnfHq8UKTGibIC8uqrBgQAcUQFMeWeg-PkLvDTHk43Dn4_aNrxhmWwMNQfkjqx3wd2Fvta9j8yG2Qn790Gwb5psGcmBhqMJUUnFrGpyxQDhFIzzodmPokM7tnUxBNj-JuES_4CE-BvZICH4jKLp0TMu-WQsVst0ss-vY2RPdU1MzL59mq_eKk8Rv9XhxIr3WteA2ZlrgVyT0cwH3hlCnRUsLfHtIEb8k1Y_WaqKUu3DaKPxqRi6u0rN7RO2uZYPzC454xe-mg";
//! let keys = JwkSet::from_json(jwks)?;
//! let checks = IdTokenValidation::new("https://server.example.com", "s6BhdRkqt3")
//!     .nonce("n-0S6_WzA2Mj")
//!     .clock(FixedClock(NumericDate::from_secs(1311281000)));
//! let id_token: IdToken = checks.verify(jwt, &keys)?;
//! assert_eq!(id_token.claims.name.as_deref(), Some("Jane Doe"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Each check cites its spec step; each failure is its own [`ValidationError`] variant.
//!
//! # What the one call checks, in order
//!
//! First the JWS ([`crate::jwt`] has the details), the same for every kind, so nothing
//! in the claims is looked at before the signature verified:
//!
//! 1. The compact form and the JOSE header, read strictly ([`TokenErrorKind::Decode`]).
//! 2. `alg`: never `none`; one of the options' algorithms (see each constructor:
//!    from the provider metadata, else RS256); `crit` refused; `typ` by the token
//!    kind's rule ([`TokenErrorKind::Header`]).
//! 3. The key: by `kid`, else every key that fits `alg`; weak and malformed keys never
//!    verify ([`TokenErrorKind::Key`]).
//! 4. The signature ([`TokenErrorKind::Signature`]).
//! 5. The claims decode as the message: REQUIRED claims, types, the message's own rules
//!    ([`TokenErrorKind::Claims`]).
//!
//! Then the claims, by kind ([`TokenErrorKind::Claims`], the [`ValidationError`] in
//! [`TokenError::Claims`]); `validate_extern` runs exactly these.
//!
//! **ID Token** ([`IdTokenValidation`]), OpenID Connect Core 1.0 §3.1.3.7, then the hash
//! claims:
//!
//! | step | check | error |
//! |---|---|---|
//! | 2 | `iss` is the issuer (exactly, or by the [`Issuer`] matcher) | [`Issuer`](ValidationError::Issuer) |
//! | 3 | `aud` contains the client id; every other audience is trusted | [`Audience`](ValidationError::Audience), [`UntrustedAudience`](ValidationError::UntrustedAudience) |
//! | 4 | several audiences: `azp` present | [`AzpMissing`](ValidationError::AzpMissing) |
//! | 5 | `azp`, when present, is the client id | [`Azp`](ValidationError::Azp) |
//! | 6-8 | signature, `alg`, HMAC key: the JWS steps above | |
//! | 9 | `exp` (see *Time*); RFC 7519 §4.1.5: `nbf` | [`Expired`](ValidationError::Expired), [`NotYetValid`](ValidationError::NotYetValid) |
//! | 10 | `iat` not in the future, not before the caller's minimum | [`IssuedInFuture`](ValidationError::IssuedInFuture), [`IssuedTooEarly`](ValidationError::IssuedTooEarly) |
//! | 11 | `nonce` by the [`Nonce`] rule | [`NonceMissing`](ValidationError::NonceMissing), [`NonceMismatch`](ValidationError::NonceMismatch), [`NonceUnexpected`](ValidationError::NonceUnexpected) |
//! | 12 | `acr`, by the caller's callback | [`Acr`](ValidationError::Acr) |
//! | 13, §3.1.2.1 | `auth_time` present when `max_age` was sent or it is required; within `max_age`; not before the caller's minimum | [`AuthTimeMissing`](ValidationError::AuthTimeMissing), [`MaxAgeExceeded`](ValidationError::MaxAgeExceeded), [`AuthTimeTooOld`](ValidationError::AuthTimeTooOld) |
//! | §3.2.2.10, §3.3.2.11 | `at_hash` REQUIRED for `response_type` `id_token token` / `code id_token token`; `c_hash` for `code id_token` / `code id_token token` | [`AtHashMissing`](ValidationError::AtHashMissing), [`CHashMissing`](ValidationError::CHashMissing) |
//! | §3.1.3.8, §3.2.2.9, §3.3.2.10 | a present `at_hash` / `c_hash` is the hash (of the header's `alg`) of the access token / code handed over | [`AtHashMismatch`](ValidationError::AtHashMismatch), [`CHashMismatch`](ValidationError::CHashMismatch), [`HashUncheckable`](ValidationError::HashUncheckable) |
//!
//! **Logout Token** ([`LogoutTokenValidation`]), Back-Channel Logout 1.0 §2.6:
//!
//! | step | check | error |
//! |---|---|---|
//! | 2, 3 | signature and `alg` as for ID Tokens: the JWS steps above | |
//! | 4 | `iss`, `aud` as for ID Tokens; `exp` present (errata set 1; opt-out: `allow_missing_exp`); `exp`, `nbf`, `iat` (see *Time*) | as for ID Tokens, [`ExpMissing`](ValidationError::ExpMissing) |
//! | 5 | `sub`, `sid` or both | [`SubAndSidMissing`](ValidationError::SubAndSidMissing) |
//! | 6 | `events` holds the back-channel logout member, an object | [`LogoutEvent`](ValidationError::LogoutEvent) |
//! | 7 | no `nonce` | [`NoncePresent`](ValidationError::NoncePresent) |
//! | 8-11 | the caller's callbacks: `jti` unseen, `iss`, `sub`, `sid` known | [`Callback`](ValidationError::Callback) |
//!
//! **JWT access token** ([`AccessTokenValidation`]), RFC 9068 §4:
//!
//! | step | check | error |
//! |---|---|---|
//! | 1 | `typ` is `at+jwt`: the JWS steps above | |
//! | 3 | `iss` is the authorization server | [`Issuer`](ValidationError::Issuer) |
//! | 4 | `aud` contains the resource server's identifier | [`Audience`](ValidationError::Audience) |
//! | 5 | signature, never `none`: the JWS steps above | |
//! | 6 | `exp`; RFC 7519: `nbf`, a future `iat` (see *Time*) | as for ID Tokens |
//!
//! **JWT-secured authorization response** ([`JarmValidation`]), JARM §4.4; its
//! `verify` then reads the authorization response in the JWT (check its `state` with
//! [`AuthenticationResponseValidation`]):
//!
//! | step | check | error |
//! |---|---|---|
//! | 1 | decryption: a JWE is not supported (the JWS steps refuse it as malformed) | |
//! | 2 | `iss` is the issuer the request was sent to | [`Issuer`](ValidationError::Issuer) |
//! | 3 | `aud` contains the client id | [`Audience`](ValidationError::Audience) |
//! | 4 | `exp`; RFC 7519: `nbf`, a present `iat` not in the future (see *Time*) | as for ID Tokens |
//! | 5 | signature, never `none`: the JWS steps above | |
//! | §4.1 | the parameters decode as an authentication response (success or error) | a [`TokenErrorKind::Claims`] decode error |
//!
//! **UserInfo response** ([`UserinfoValidation`]), OIDC Core §5.3.2: signed (`verify`)
//! or JSON (`validate_extern`):
//!
//! | check | error |
//! |---|---|
//! | `iss` is the issuer: REQUIRED when signed, checked when present | [`ClaimMissing`](ValidationError::ClaimMissing), [`Issuer`](ValidationError::Issuer) |
//! | `aud` contains the client id: REQUIRED when signed, checked when present | [`ClaimMissing`](ValidationError::ClaimMissing), [`Audience`](ValidationError::Audience) |
//! | `sub` is the ID Token's `sub` | [`SubMismatch`](ValidationError::SubMismatch) |
//!
//! **JWT introspection response** ([`IntrospectionResponseValidation`]), RFC 9701 §5
//! (`typ` `token-introspection+jwt`: the JWS steps above):
//!
//! | check | error |
//! |---|---|
//! | `iss` is the authorization server | [`Issuer`](ValidationError::Issuer) |
//! | `aud` contains the resource server's client id | [`Audience`](ValidationError::Audience) |
//! | `iat` not in the future, not before the caller's minimum (see *Time*) | [`IssuedInFuture`](ValidationError::IssuedInFuture), [`IssuedTooEarly`](ValidationError::IssuedTooEarly) |
//!
//! # Algorithms
//!
//! [`IdTokenValidation::from_metadata`] and [`LogoutTokenValidation::from_metadata`]
//! take the provider's `id_token_signing_alg_values_supported` minus `none` and HMAC
//! ([`id_token_algorithms`]; RS256 when the list is omitted); `new` accepts RS256 only,
//! the default of `id_token_signed_response_alg` (OIDC Registration §2); a client that
//! registered `id_token_signed_response_alg` says `algorithms(&[alg])`, which alone
//! admits HMAC. [`AccessTokenValidation::new`] accepts RS256 (RFC 9068 §2.1's one
//! mandatory algorithm) until told otherwise. [`JarmValidation`],
//! [`UserinfoValidation`] and [`IntrospectionResponseValidation`] take RS256 from
//! `new` (the default of the client's `authorization_signed_response_alg`, JARM §5, and
//! `introspection_signed_response_alg`, RFC 9701 §6) and, from `from_metadata`, the
//! provider's `authorization_signing_alg_values_supported`,
//! `userinfo_signing_alg_values_supported` and
//! `introspection_signing_alg_values_supported`, read as the ID Token list is.
//!
//! # Time
//!
//! Time comparisons use an injectable [`Clock`] and one clock-skew leeway `L` (default
//! 30 s, never negative), at second precision. `L` widens every comparison with the
//! clock's *now*, for every token kind (ID Token, JWT access token, Logout Token); it
//! does not widen a bound the caller sets itself (`min_iat`, `min_auth_time`), which is
//! compared exactly:
//!
//! | claim | accepted while | refused as | spec |
//! |---|---|---|---|
//! | `exp` | `now < exp + L` | [`ValidationError::Expired`] | RFC 7519 §4.1.4 ("before") |
//! | `nbf` (when present) | `now >= nbf - L` | [`ValidationError::NotYetValid`] | RFC 7519 §4.1.5 ("after or equal") |
//! | `iat` | `iat <= now + L` | [`ValidationError::IssuedInFuture`] | RFC 7519 §4.1.6; oauth4webapi refuses a future `iat` the same way |
//! | `iat`, with `min_iat(min)` | `iat >= min` | [`ValidationError::IssuedTooEarly`] | OIDC Core §3.1.3.7 step 10 |
//! | `auth_time`, with `max_age(s)` | `now <= auth_time + s + L` | [`ValidationError::MaxAgeExceeded`] | OIDC Core §3.1.2.1 ("elapsed time is greater than" `max_age`: re-authenticate), step 13 |
//! | `auth_time`, with `min_auth_time(min)` | `auth_time >= min` | [`ValidationError::AuthTimeTooOld`] | OIDC Core §3.1.3.7 step 13 |
//!
//! A token issued "now" by a provider whose clock runs up to `L` seconds ahead is
//! accepted; one dated further ahead is refused, as it would otherwise stay valid for
//! longer than its issuer meant. To bound a token's age with the clock, set
//! `min_iat(now - age)`: the bound is then exactly what was computed.
//!
//! Error texts are one line: values taken from the token (issuer, audience, `azp`)
//! and callback reasons are quoted, cut and have their control characters escaped.

mod access_token;
#[cfg(feature = "jwt")]
mod algorithms;
mod authentication;
mod claims;
#[cfg(feature = "jwt")]
mod client_assertion;
mod clock;
mod hashes;
mod id_token;
mod introspection;
mod jarm;
mod logout;
mod nonce;
#[cfg(feature = "jwt")]
mod request_object;
#[cfg(feature = "jwt")]
mod token_error;
mod userinfo;
#[cfg(feature = "jwt")]
mod verify;

pub use access_token::AccessTokenValidation;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use algorithms::id_token_algorithms;
pub use authentication::AuthenticationResponseValidation;
pub use claims::{Claims, Validates};
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use client_assertion::ClientAssertionValidation;
pub use clock::{Clock, FixedClock, SystemClock};
pub use id_token::IdTokenValidation;
pub use introspection::IntrospectionResponseValidation;
pub use jarm::JarmValidation;
pub use logout::LogoutTokenValidation;
pub use nonce::Nonce;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use request_object::RequestObjectValidation;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use token_error::{TokenError, TokenErrorKind};
pub use userinfo::UserinfoValidation;
#[cfg(feature = "jwt")]
#[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
pub use verify::TokenValidation;

use crate::error::quoted;
use crate::NumericDate;

/// The default clock-skew leeway, in seconds (the Python library's eventual choice).
pub const DEFAULT_LEEWAY_SECS: i64 = 30;

/// A failed check. The message names the token kind and what did not match.
///
/// In the variants' fields, `token` names the kind of token or response (`"ID Token"`,
/// `"access token"`, `"Logout Token"`, `"Authentication response"`), `got` is the value
/// received, `expected` / `min` what it was checked against, `now` the clock's time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[allow(missing_docs)] // the fields are described above, once
pub enum ValidationError {
    /// `iss` is not the expected issuer.
    #[error("{token} was issued by an unexpected issuer: {}", quoted(.got))]
    Issuer { token: &'static str, got: String },
    /// `sub` is not the expected subject (a client assertion's `sub` is the client id,
    /// RFC 7523 §3 item 2).
    #[error("{token} has an unexpected subject: {}", quoted(.got))]
    Subject { token: &'static str, got: String },
    /// `client_id` differs from the one the request was made with (RFC 9101 §6.3).
    #[error("{token}'s client_id {} is not the request's", quoted(.got))]
    ClientId { token: &'static str, got: String },
    /// `exp` is further ahead than the caller allows (`max` seconds).
    #[error("{token} expires too far in the future (exp {exp}, at most {max} s from now)")]
    LifetimeTooLong {
        token: &'static str,
        exp: NumericDate,
        max: i64,
    },
    /// A claim the caller requires is absent (`exp`, `nbf` of a FAPI Request Object, a
    /// DPoP proof's `ath` or `nonce`, `iss` and `aud` of a signed UserInfo response).
    #[error("{token} has no {claim} claim")]
    ClaimMissing {
        token: &'static str,
        claim: &'static str,
    },
    /// A claim (or the DPoP proof's `jwk`) has another value than required (a DPoP
    /// proof's `htm`, `htu`, `ath`, `nonce`; a Request Object's forbidden parameters).
    /// `reason` quotes any value taken from the token.
    #[error("{token}: {claim} does not match: {}", crate::error::OneLine::new(.reason))]
    ClaimMismatch {
        token: &'static str,
        claim: &'static str,
        reason: String,
    },
    /// `aud` does not contain our client id (or the expected audience).
    #[error("{token}'s audience does not contain {}", quoted(.expected))]
    Audience {
        token: &'static str,
        expected: String,
    },
    /// `aud` has a member that is neither us nor trusted.
    #[error("{token}'s audience {} is not trusted", quoted(.audience))]
    UntrustedAudience {
        token: &'static str,
        audience: String,
    },
    /// Several audiences but no `azp` (OIDC Core §3.1.3.7 step 4).
    #[error("{token} has several audiences but no azp claim")]
    AzpMissing { token: &'static str },
    /// `azp` is not our client id (OIDC Core §3.1.3.7 step 5).
    #[error("{token} was not issued to this client (azp {})", quoted(.got))]
    Azp { token: &'static str, got: String },
    /// `exp` has passed (beyond the leeway; RFC 7519 §4.1.4).
    #[error("{token} is expired (exp {exp}, now {now})")]
    Expired {
        token: &'static str,
        exp: NumericDate,
        now: NumericDate,
    },
    /// `nbf` is still ahead (beyond the leeway; RFC 7519 §4.1.5).
    #[error("{token} is not valid yet (nbf {nbf}, now {now})")]
    NotYetValid {
        token: &'static str,
        nbf: NumericDate,
        now: NumericDate,
    },
    /// `iat` is in the future (beyond the leeway).
    #[error("{token} was issued in the future (iat {iat}, now {now})")]
    IssuedInFuture {
        token: &'static str,
        iat: NumericDate,
        now: NumericDate,
    },
    /// `iat` is before the caller's minimum.
    #[error("{token} was issued too far in the past (iat {iat}, minimum {min})")]
    IssuedTooEarly {
        token: &'static str,
        iat: NumericDate,
        min: NumericDate,
    },
    /// The request sent a nonce and the token has none (OIDC Core §3.1.3.7 step 11).
    #[error("{token} has no nonce although the request sent one")]
    NonceMissing { token: &'static str },
    /// The token's nonce is not the one expected (OIDC Core §3.1.3.7 step 11, §12.2).
    #[error("{token}'s nonce does not match its expected value")]
    NonceMismatch { token: &'static str },
    /// The request sent no nonce but the token has one (OIDC Core §3.1.3.7 step 11: the
    /// token's nonce is the request's, so there must be none).
    #[error("{token} has a nonce although the request sent none")]
    NonceUnexpected { token: &'static str },
    /// The caller's `acr` check failed (OIDC Core §3.1.3.7 step 12).
    #[error("{token}'s acr was rejected: {}", quoted(.reason))]
    Acr { token: &'static str, reason: String },
    /// `auth_time` is before the caller's minimum (OIDC Core §3.1.3.7 step 13).
    #[error("the session of this {token} was authenticated too far in the past (auth_time {auth_time}, minimum {min})")]
    AuthTimeTooOld {
        token: &'static str,
        auth_time: NumericDate,
        min: NumericDate,
    },
    /// More than `max_age` seconds (plus the leeway) have passed since `auth_time`
    /// (OIDC Core §3.1.2.1 `max_age`, §3.1.3.7 step 13).
    #[error("the session of this {token} is older than max_age (auth_time {auth_time}, max_age {max_age}, now {now})")]
    MaxAgeExceeded {
        token: &'static str,
        auth_time: NumericDate,
        max_age: u64,
        now: NumericDate,
    },
    /// `auth_time` is absent although `max_age` was sent or the caller requires it
    /// (OIDC Core §3.1.2.1, §5.5.1.1 essential claim).
    #[error("{token} has no auth_time although max_age was sent or auth_time is required")]
    AuthTimeMissing { token: &'static str },
    /// `at_hash` is absent although the response type requires it (OIDC Core
    /// §3.2.2.10 `id_token token`, §3.3.2.11 `code id_token token`).
    #[error("{token} has no at_hash although the response type requires it")]
    AtHashMissing { token: &'static str },
    /// `at_hash` is not the hash of the access token (OIDC Core §3.2.2.9 step 3,
    /// §3.1.3.8).
    #[error("{token}'s at_hash does not match the access token")]
    AtHashMismatch { token: &'static str },
    /// `c_hash` is absent although the response type requires it (OIDC Core §3.3.2.11
    /// `code id_token`, `code id_token token`).
    #[error("{token} has no c_hash although the response type requires it")]
    CHashMissing { token: &'static str },
    /// `c_hash` is not the hash of the authorization code (OIDC Core §3.3.2.10 step 3).
    #[error("{token}'s c_hash does not match the authorization code")]
    CHashMismatch { token: &'static str },
    /// A hash claim that must be checked cannot be: `reason` says what is missing (the
    /// access token or code it covers, not handed over; or the signing algorithm, which
    /// only the verified header gives: use the one-call `verify`).
    #[error("{token}'s {claim} cannot be checked: {reason}")]
    HashUncheckable {
        token: &'static str,
        claim: &'static str,
        reason: &'static str,
    },
    /// A Logout Token has no `exp` (REQUIRED by Back-Channel Logout 1.0 §2.4, errata set
    /// 1; see `LogoutTokenValidation::allow_missing_exp`).
    #[error("{token} has no exp claim")]
    ExpMissing { token: &'static str },
    /// A Logout Token has neither `sub` nor `sid` (Back-Channel Logout §2.6 step 5).
    #[error("Logout Token has neither a sub nor a sid claim")]
    SubAndSidMissing,
    /// A Logout Token's `events` lacks the back-channel-logout member, or it is not an object.
    #[error("Logout Token's events claim lacks an object-valued http://schemas.openid.net/event/backchannel-logout member")]
    LogoutEvent,
    /// A Logout Token has a `nonce` (Back-Channel Logout §2.6 step 7).
    #[error("Logout Token must not contain a nonce claim")]
    NoncePresent,
    /// `state` is not the one sent (RFC 6749 §4.1.2, §10.12).
    #[error("{token}'s state does not match the one sent")]
    State { token: &'static str },
    /// The provider sends `iss` in authorization responses but this one has none (RFC 9207 §2.4).
    #[error("{token} has no iss although the provider sends it (RFC 9207)")]
    IssMissing { token: &'static str },
    /// The UserInfo response is about another user than the ID Token: its `sub` is not
    /// the ID Token's (OIDC Core §5.3.2: its values "MUST NOT be used").
    #[error("{token}'s sub is not the ID Token's sub: {}", quoted(.got))]
    SubMismatch { token: &'static str, got: String },
    /// A caller-supplied check failed (jti reuse, unknown session, ...).
    #[error("{token}: {check} check failed: {}", quoted(.reason))]
    Callback {
        token: &'static str,
        check: &'static str,
        reason: String,
    },
}

/// A caller's issuer check: `(iss, the token's claims) -> accepted?`.
pub type IssuerMatcher<'a> = Box<dyn Fn(&str, &dyn Claims) -> bool + 'a>;

/// How the issuer is recognised: exactly (the default), or by a caller's matcher for
/// providers whose discovery issuer is a template (Microsoft Entra multi-tenant
/// `https://login.microsoftonline.com/{tenantid}/v2.0`, filled from the `tid` claim).
pub enum Issuer<'a> {
    /// The issuer identifier, compared exactly (OIDC Core §3.1.3.7 step 2).
    Exact(&'a str),
    /// `matcher(iss, claims)` decides.
    Matcher(IssuerMatcher<'a>),
}

impl<'a> Issuer<'a> {
    /// A template with `{tenantid}` filled from the token's `tid` claim, then compared
    /// exactly (Microsoft Entra ID multi-tenant applications).
    ///
    /// ```
    /// use oidc_core::validation::Issuer;
    /// use oidc_core::ExtraParams;
    ///
    /// let issuer = Issuer::tenant_template("https://login.microsoftonline.com/{tenantid}/v2.0");
    /// let mut claims = ExtraParams::new();
    /// claims.insert("tid", "9188040d-6c67-4c5b-b112-36a304b66dad");
    /// assert!(issuer.matches("https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0", &claims));
    /// assert!(!issuer.matches("https://login.microsoftonline.com/other/v2.0", &claims));
    /// ```
    pub fn tenant_template(template: &'a str) -> Self {
        Issuer::Matcher(Box::new(move |iss, claims| match claims.claim("tid") {
            Some(serde_json::Value::String(tid)) if !tid.is_empty() => {
                template.replace("{tenantid}", &tid) == iss
            }
            _ => false,
        }))
    }

    /// Whether `iss` is this issuer, for a token with these claims.
    pub fn matches(&self, iss: &str, claims: &dyn Claims) -> bool {
        match self {
            Issuer::Exact(expected) => *expected == iss,
            Issuer::Matcher(matcher) => matcher(iss, claims),
        }
    }
}

impl<'a> From<&'a str> for Issuer<'a> {
    fn from(issuer: &'a str) -> Self {
        Issuer::Exact(issuer)
    }
}

impl<'a> From<&'a String> for Issuer<'a> {
    fn from(issuer: &'a String) -> Self {
        Issuer::Exact(issuer)
    }
}

/// `exp` check shared by every token kind: valid while `now < exp + leeway`.
pub(crate) fn check_exp(
    token: &'static str,
    exp: NumericDate,
    now: NumericDate,
    leeway: i64,
) -> Result<(), ValidationError> {
    if now.as_secs() >= exp.as_secs().saturating_add(leeway) {
        return Err(ValidationError::Expired { token, exp, now });
    }
    Ok(())
}

/// `nbf` check shared by every token kind: valid from `nbf - leeway` on.
pub(crate) fn check_nbf(
    token: &'static str,
    nbf: Option<NumericDate>,
    now: NumericDate,
    leeway: i64,
) -> Result<(), ValidationError> {
    match nbf {
        Some(nbf) if now.as_secs() < nbf.as_secs().saturating_sub(leeway) => {
            Err(ValidationError::NotYetValid { token, nbf, now })
        }
        _ => Ok(()),
    }
}

/// `iat` check shared by every token kind: not after `now + leeway`.
pub(crate) fn check_iat_not_future(
    token: &'static str,
    iat: NumericDate,
    now: NumericDate,
    leeway: i64,
) -> Result<(), ValidationError> {
    if iat.as_secs() > now.as_secs().saturating_add(leeway) {
        return Err(ValidationError::IssuedInFuture { token, iat, now });
    }
    Ok(())
}

/// The time checks of every token kind, in order: `exp` (when the kind has one),
/// `nbf`, `iat` not in the future, `iat` not before the caller's minimum.
fn check_times(
    token: &'static str,
    times: Times,
    now: NumericDate,
    leeway: i64,
    min_iat: Option<NumericDate>,
) -> Result<(), ValidationError> {
    if let Some(exp) = times.exp {
        check_exp(token, exp, now, leeway)?;
    }
    check_nbf(token, times.nbf, now, leeway)?;
    check_iat_not_future(token, times.iat, now, leeway)?;
    check_min_iat(token, times.iat, min_iat)
}

/// A token's time claims.
struct Times {
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    iat: NumericDate,
}

/// `iat >= min`, exactly: the caller's bound, without leeway.
fn check_min_iat(
    token: &'static str,
    iat: NumericDate,
    min: Option<NumericDate>,
) -> Result<(), ValidationError> {
    match min {
        Some(min) if iat < min => Err(ValidationError::IssuedTooEarly { token, iat, min }),
        _ => Ok(()),
    }
}

/// A callback result turned into a [`ValidationError::Callback`].
pub(crate) fn callback(
    token: &'static str,
    check: &'static str,
    result: Result<(), String>,
) -> Result<(), ValidationError> {
    result.map_err(|reason| ValidationError::Callback {
        token,
        check,
        reason,
    })
}

type Check<'a> = Box<dyn Fn(&str) -> Result<(), String> + 'a>;

/// The `clock` and `leeway` builder methods every validation options type has (each
/// has `clock: Box<dyn Clock + 'a>` and `leeway: i64` fields).
macro_rules! time_options {
    () => {
        /// The clock (default: the system clock).
        pub fn clock(mut self, clock: impl Clock + 'a) -> Self {
            self.clock = Box::new(clock);
            self
        }

        /// The clock-skew leeway for every time comparison, in seconds (default 30;
        /// a negative value counts as 0). See the [module documentation](crate::validation) for
        /// how each comparison uses it.
        pub fn leeway(mut self, seconds: i64) -> Self {
            self.leeway = seconds.max(0);
            self
        }
    };
}

use time_options;

/// The JWS builder methods of every validation options type with a one-call `verify`
/// (each has a `jwt: JwtOptions` field). Feature `jwt`.
#[cfg(feature = "jwt")]
macro_rules! jws_options {
    () => {
        /// The JWS algorithms [`verify`](Self::verify) accepts, replacing the default
        /// (see the constructor). HMAC algorithms count only when listed here (an ID
        /// Token MACed with the client secret, OIDC Core §10.1: pass
        /// `JwkSet::from_secret` as the keys); `none` is never accepted.
        #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
        pub fn algorithms(mut self, algorithms: &[crate::jwt::Algorithm]) -> Self {
            self.jwt = self.jwt.algorithms(algorithms);
            self
        }

        /// The `typ` header rule [`verify`](Self::verify) applies instead of the token
        /// kind's (see [`JwtOptions::typ`](crate::jwt::JwtOptions::typ)).
        #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
        pub fn typ(mut self, rule: crate::jwt::TypRule) -> Self {
            self.jwt = self.jwt.typ(rule);
            self
        }

        /// The JWS options [`verify`](Self::verify) uses, for the two-step path
        /// ([`from_jwt_with_header`](crate::jwt::from_jwt_with_header)).
        #[cfg_attr(docsrs, doc(cfg(feature = "jwt")))]
        pub fn jwt_options(&self) -> &crate::jwt::JwtOptions {
            &self.jwt
        }
    };
}

#[cfg(feature = "jwt")]
use jws_options;

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "ID Token";
    const NOW: i64 = 1_800_000_000;

    fn d(secs: i64) -> NumericDate {
        NumericDate::from_secs(secs)
    }

    /// The leeways every boundary is checked at: none, and a nonzero one.
    const LEEWAYS: [i64; 2] = [0, 7];

    #[test]
    fn exp_is_accepted_while_now_is_before_exp_plus_leeway() {
        // RFC 7519 §4.1.4: "on or after" exp (+ L) is refused.
        for l in LEEWAYS {
            let exp = NOW - l;
            assert_eq!(check_exp(T, d(exp + 1), d(NOW), l), Ok(()), "L={l}");
            assert_eq!(
                check_exp(T, d(exp), d(NOW), l),
                Err(ValidationError::Expired {
                    token: T,
                    exp: d(exp),
                    now: d(NOW)
                }),
                "L={l}: now == exp + L"
            );
        }
        assert_eq!(check_exp(T, d(i64::MAX), d(i64::MAX - 1), 30), Ok(()));
    }

    #[test]
    fn a_refusing_callback_is_an_error_naming_the_token_the_check_and_its_reason() {
        assert_eq!(callback(T, "jti", Ok(())), Ok(()));
        assert_eq!(
            callback(T, "jti", Err("replayed".to_owned())),
            Err(ValidationError::Callback {
                token: T,
                check: "jti",
                reason: "replayed".to_owned(),
            })
        );
    }

    #[test]
    fn a_tenant_template_is_filled_only_by_a_non_empty_tid() {
        let issuer = Issuer::tenant_template("https://login.example.com/{tenantid}/v2.0");
        let with_tid = |tid: &str| {
            let mut claims = crate::ExtraParams::new();
            claims.insert("tid", tid);
            claims
        };
        assert!(issuer.matches("https://login.example.com/t1/v2.0", &with_tid("t1")));
        assert!(!issuer.matches("https://login.example.com/t2/v2.0", &with_tid("t1")));
        // An empty `tid` names no tenant: the template with nothing in it (a path with
        // an empty segment) is not an issuer the template stands for.
        assert!(!issuer.matches("https://login.example.com//v2.0", &with_tid("")));
        // No `tid` at all.
        assert!(!issuer.matches(
            "https://login.example.com/{tenantid}/v2.0",
            &crate::ExtraParams::new()
        ));
    }

    #[test]
    fn nbf_is_accepted_from_nbf_minus_leeway_on() {
        // RFC 7519 §4.1.5: "after or equal to" nbf (- L).
        for l in LEEWAYS {
            let nbf = NOW + l;
            assert_eq!(check_nbf(T, Some(d(nbf)), d(NOW), l), Ok(()), "L={l}");
            assert_eq!(
                check_nbf(T, Some(d(nbf + 1)), d(NOW), l),
                Err(ValidationError::NotYetValid {
                    token: T,
                    nbf: d(nbf + 1),
                    now: d(NOW)
                }),
                "L={l}: now == nbf - L - 1"
            );
            // Well past nbf, and no nbf at all.
            assert_eq!(check_nbf(T, Some(d(NOW - 1000)), d(NOW), l), Ok(()));
            assert_eq!(check_nbf(T, None, d(NOW), l), Ok(()));
        }
    }

    #[test]
    fn iat_is_accepted_up_to_now_plus_leeway() {
        for l in LEEWAYS {
            assert_eq!(
                check_iat_not_future(T, d(NOW + l), d(NOW), l),
                Ok(()),
                "L={l}"
            );
            assert_eq!(check_iat_not_future(T, d(NOW - 1000), d(NOW), l), Ok(()));
            assert_eq!(
                check_iat_not_future(T, d(NOW + l + 1), d(NOW), l),
                Err(ValidationError::IssuedInFuture {
                    token: T,
                    iat: d(NOW + l + 1),
                    now: d(NOW)
                }),
                "L={l}: iat == now + L + 1"
            );
        }
    }

    #[test]
    fn min_iat_accepts_iat_equal_to_it_and_refuses_one_second_less() {
        // The caller's bound, exactly: no leeway.
        let min = d(NOW - 60);
        assert_eq!(check_min_iat(T, d(NOW - 60), Some(min)), Ok(()));
        assert_eq!(check_min_iat(T, d(NOW), Some(min)), Ok(()));
        assert_eq!(
            check_min_iat(T, d(NOW - 61), Some(min)),
            Err(ValidationError::IssuedTooEarly {
                token: T,
                iat: d(NOW - 61),
                min
            })
        );
        assert_eq!(check_min_iat(T, d(i64::MIN), None), Ok(()));
    }

    #[test]
    fn check_times_runs_every_time_check_with_the_leeway() {
        let times = |exp, nbf, iat| Times {
            exp: Some(d(exp)),
            nbf: Some(d(nbf)),
            iat: d(iat),
        };
        let min = Some(d(NOW - 60));
        for l in LEEWAYS {
            // Every claim at its accepted edge: accepted.
            assert_eq!(
                check_times(T, times(NOW - l + 1, NOW + l, NOW - 60), d(NOW), l, min),
                Ok(()),
                "L={l}"
            );
            assert!(matches!(
                check_times(T, times(NOW - l, NOW, NOW), d(NOW), l, min),
                Err(ValidationError::Expired { .. })
            ));
            assert!(matches!(
                check_times(T, times(NOW + 100, NOW + l + 1, NOW), d(NOW), l, min),
                Err(ValidationError::NotYetValid { .. })
            ));
            assert!(matches!(
                check_times(T, times(NOW + 100, NOW, NOW + l + 1), d(NOW), l, min),
                Err(ValidationError::IssuedInFuture { .. })
            ));
            assert!(matches!(
                check_times(T, times(NOW + 100, NOW, NOW - 61), d(NOW), l, min),
                Err(ValidationError::IssuedTooEarly { .. })
            ));
        }
        // A kind without exp (a JWT introspection response) skips that check only.
        let no_exp = Times {
            exp: None,
            nbf: None,
            iat: d(NOW),
        };
        assert_eq!(check_times(T, no_exp, d(NOW), 0, None), Ok(()));
    }
}
