//! The one call from a JWT to a trusted token (`*Validation::verify`): every step's
//! failure has its `TokenErrorKind`, the steps run in order (nothing about the claims is
//! trusted before the signature), algorithms come from the provider metadata, vendor
//! tokens that embed `IdToken` verify the same way, and the two steps agree with the
//! one call.

use jsonwebtoken::Header;
use oidc_core::jwt::{
    from_jwt_with_header, Algorithm, JwkSet, JwtError, JwtOptions, TypRule, VerifiedHeader,
};
use oidc_core::messages::{
    BackChannelLogoutToken, IdToken, JwtAccessToken, ProviderMetadata, BACKCHANNEL_LOGOUT_EVENT,
};
use oidc_core::validation::{
    AccessTokenValidation, FixedClock, IdTokenValidation, Issuer, LogoutTokenValidation, Nonce,
    TokenError, TokenErrorKind, TokenValidation, ValidationError,
};
use oidc_core::{ExtraParams, NumericDate, OidcMessage};
use serde_json::json;

use crate::keys::{claims, hmac_secret, public_keys, raw, sign, sign_with};

const NOW: i64 = 1_800_000_000;

fn clock() -> FixedClock {
    FixedClock(NumericDate::from_secs(NOW))
}

fn checks() -> IdTokenValidation<'static> {
    IdTokenValidation::new("https://op.example", "client-1")
        .nonce("n-0S6_WzA2Mj")
        .clock(clock())
}

fn verify(jwt: &str, checks: &IdTokenValidation<'_>) -> Result<IdToken, TokenError> {
    checks.verify(jwt, &public_keys())
}

fn with(changes: serde_json::Value) -> serde_json::Value {
    let mut c = claims();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            c.as_object_mut().unwrap().remove(k);
        } else {
            c[k] = v.clone();
        }
    }
    c
}

#[test]
fn verify_returns_the_trusted_token() {
    let token: IdToken = checks()
        .verify(&sign(Algorithm::RS256, &claims()), &public_keys())
        .unwrap();
    assert_eq!(token.sub, "248289761001");
    assert_eq!(token.nonce.as_deref(), Some("n-0S6_WzA2Mj"));
}

#[test]
fn each_step_has_its_kind() {
    let kind = |jwt: &str, checks: &IdTokenValidation<'_>| verify(jwt, checks).unwrap_err().kind();
    // Decode: not a compact JWS.
    for jwt in ["", "abc", "a.b", "!!.e30.c2ln"] {
        assert_eq!(kind(jwt, &checks()), TokenErrorKind::Decode, "{jwt:?}");
    }
    // Header: alg none, an algorithm not allowed (new() allows RS256 only), crit, typ.
    let none = raw(&json!({"alg": "none"}), &claims(), b"");
    assert_eq!(kind(&none, &checks()), TokenErrorKind::Header);
    let es256 = sign(Algorithm::ES256, &claims());
    assert_eq!(
        verify(&es256, &checks()).unwrap_err(),
        TokenError::Jwt(JwtError::AlgorithmNotAllowed(Algorithm::ES256))
    );
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rsa-1".into());
    header.typ = Some("at+jwt".into());
    assert_eq!(
        kind(&sign_with(&header, &claims()), &checks()),
        TokenErrorKind::Header
    );
    // Key: a kid the set does not have.
    header.typ = None;
    header.kid = Some("gone".into());
    assert_eq!(
        verify(&sign_with(&header, &claims()), &checks()).unwrap_err(),
        TokenError::Jwt(JwtError::UnknownKid("gone".into()))
    );
    // Signature: another token's signature.
    let good = sign(Algorithm::RS256, &claims());
    let other = sign(Algorithm::RS256, &with(json!({"sub": "x"})));
    let forged = format!(
        "{}.{}",
        good.rsplit_once('.').unwrap().0,
        other.rsplit_once('.').unwrap().1
    );
    assert_eq!(
        verify(&forged, &checks()).unwrap_err(),
        TokenError::Jwt(JwtError::BadSignature)
    );
    // Claims: they do not decode (no sub) ...
    let err = verify(
        &sign(Algorithm::RS256, &with(json!({"sub": null}))),
        &checks(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Claims);
    assert!(matches!(err, TokenError::Jwt(JwtError::Claims(_))));
    assert!(err.validation().is_none());
    // ... or fail a check.
    let err = verify(
        &sign(Algorithm::RS256, &with(json!({"aud": "other"}))),
        &checks(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Claims);
    assert_eq!(
        err.validation(),
        Some(&ValidationError::Audience {
            token: "ID Token",
            expected: "client-1".into()
        })
    );
    assert_eq!(
        err.to_string(),
        r#"ID Token's audience does not contain "client-1""#
    );
}

#[test]
fn nothing_about_the_claims_is_checked_before_the_signature() {
    // Expired, wrong issuer and wrong nonce, and a forged signature: the signature fails.
    let bad_claims = with(json!({"exp": 1, "iss": "https://evil.example", "nonce": "x"}));
    let token = sign(Algorithm::RS256, &bad_claims);
    let (head, _) = token.rsplit_once('.').unwrap();
    let forged = format!("{head}.{}", "A".repeat(342));
    assert_eq!(
        verify(&forged, &checks()).unwrap_err().kind(),
        TokenErrorKind::Signature
    );
    // Signed properly, the first failed claim check (§3.1.3.7 order: iss before exp).
    assert!(matches!(
        verify(&token, &checks()).unwrap_err(),
        TokenError::Claims(ValidationError::Issuer { .. })
    ));
}

fn metadata(algs: Option<&[&str]>) -> ProviderMetadata {
    let mut doc = json!({"issuer": "https://op.example", "authorization_endpoint": "https://op.example/a",
        "jwks_uri": "https://op.example/jwks", "response_types_supported": ["code"],
        "subject_types_supported": ["public"]});
    if let Some(algs) = algs {
        doc["id_token_signing_alg_values_supported"] = json!(algs);
    }
    ProviderMetadata::from_json_lenient(&doc.to_string())
        .unwrap()
        .0
}

#[test]
fn algorithms_come_from_the_provider_metadata() {
    let meta = metadata(Some(&["RS256", "ES256", "HS256", "none"]));
    let checks = IdTokenValidation::from_metadata(&meta, "client-1")
        .nonce("n-0S6_WzA2Mj")
        .clock(clock());
    for alg in [Algorithm::RS256, Algorithm::ES256] {
        assert!(
            verify(&sign(alg, &claims()), &checks).is_ok(),
            "{alg:?} is listed"
        );
    }
    for alg in [Algorithm::PS256, Algorithm::EdDSA] {
        assert_eq!(
            verify(&sign(alg, &claims()), &checks).unwrap_err(),
            TokenError::Jwt(JwtError::AlgorithmNotAllowed(alg)),
            "{alg:?} is not listed"
        );
    }
    // HMAC, although listed, only when the client registered it.
    let hs256 = sign(Algorithm::HS256, &claims());
    let secret = JwkSet::from_secret(&hmac_secret());
    assert_eq!(
        checks.verify::<IdToken>(&hs256, &secret).unwrap_err(),
        TokenError::Jwt(JwtError::AlgorithmNotAllowed(Algorithm::HS256))
    );
    let registered = IdTokenValidation::from_metadata(&meta, "client-1")
        .algorithms(&[Algorithm::HS256])
        .nonce("n-0S6_WzA2Mj")
        .clock(clock());
    assert!(registered.verify::<IdToken>(&hs256, &secret).is_ok());
    assert_eq!(
        verify(&sign(Algorithm::RS256, &claims()), &registered).unwrap_err(),
        TokenError::Jwt(JwtError::AlgorithmNotAllowed(Algorithm::RS256)),
        "the registered algorithm only"
    );
    // Metadata without the list (read leniently): RS256.
    let omitted = metadata(None);
    let checks = IdTokenValidation::from_metadata(&omitted, "client-1")
        .nonce("n-0S6_WzA2Mj")
        .clock(clock());
    assert!(verify(&sign(Algorithm::RS256, &claims()), &checks).is_ok());
    assert!(verify(&sign(Algorithm::ES256, &claims()), &checks).is_err());
    // The issuer is the metadata's.
    let checks = IdTokenValidation::from_metadata(&meta, "client-1")
        .nonce("n-0S6_WzA2Mj")
        .clock(clock());
    assert!(matches!(
        verify(
            &sign(
                Algorithm::RS256,
                &with(json!({"iss": "https://op.example/"}))
            ),
            &checks
        ),
        Err(TokenError::Claims(ValidationError::Issuer { .. }))
    ));
}

#[test]
fn new_accepts_rs256_only() {
    let checks = checks();
    assert!(verify(&sign(Algorithm::RS256, &claims()), &checks).is_ok());
    for alg in [
        Algorithm::RS384,
        Algorithm::PS256,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::EdDSA,
    ] {
        assert_eq!(
            verify(&sign(alg, &claims()), &checks).unwrap_err(),
            TokenError::Jwt(JwtError::AlgorithmNotAllowed(alg))
        );
    }
    let wider = checks.algorithms(&[Algorithm::EdDSA, Algorithm::PS256]);
    assert!(verify(&sign(Algorithm::EdDSA, &claims()), &wider).is_ok());
    assert!(verify(&sign(Algorithm::RS256, &claims()), &wider).is_err());
}

/// A vendor ID Token: `IdToken` plus the vendor's claims.
#[derive(OidcMessage, Clone, PartialEq)]
struct KeycloakIdToken {
    #[oidc(flatten)]
    id_token: IdToken,
    #[oidc(json)]
    groups: Option<Vec<String>>,
    #[oidc(extra)]
    extra: ExtraParams,
}

#[test]
fn vendor_tokens_verify_in_the_same_call() {
    let jwt = sign(Algorithm::RS256, &with(json!({"groups": ["/staff"]})));
    let token: KeycloakIdToken = checks().verify(&jwt, &public_keys()).unwrap();
    assert_eq!(token.groups.as_deref(), Some(&["/staff".to_owned()][..]));
    assert_eq!(token.id_token.sub, "248289761001");
    // The ID Token checks apply to the embedded IdToken.
    let err = checks()
        .nonce("another")
        .verify::<KeycloakIdToken>(&jwt, &public_keys())
        .unwrap_err();
    assert_eq!(
        err,
        TokenError::Claims(ValidationError::NonceMismatch { token: "ID Token" })
    );
    // And its kind is the ID Token's: an access-token typed JWT is refused.
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rsa-1".into());
    header.typ = Some("at+jwt".into());
    let err = checks()
        .verify::<KeycloakIdToken>(&sign_with(&header, &claims()), &public_keys())
        .unwrap_err();
    assert!(matches!(err, TokenError::Jwt(JwtError::WrongType { .. })));
}

/// A Microsoft Entra ID Token, with the tenant id declared as a field.
#[derive(OidcMessage, Clone, PartialEq)]
struct EntraIdToken {
    #[oidc(flatten)]
    id_token: IdToken,
    tid: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// The one call sees every claim of a vendor token: Entra's multi-tenant issuer
/// template is filled from a `tid` the vendor type declares, as from a plain IdToken's.
#[test]
fn a_vendor_token_is_validated_with_all_its_claims() {
    let tid = "9188040d-6c67-4c5b-b112-36a304b66dad";
    let entra = |iss: String| sign(Algorithm::RS256, &with(json!({"iss": iss, "tid": tid})));
    let checks = IdTokenValidation::new(
        Issuer::tenant_template("https://login.microsoftonline.com/{tenantid}/v2.0"),
        "client-1",
    )
    .nonce("n-0S6_WzA2Mj")
    .clock(clock());
    let good = entra(format!("https://login.microsoftonline.com/{tid}/v2.0"));
    let token: EntraIdToken = checks.verify(&good, &public_keys()).unwrap();
    assert_eq!(token.tid.as_deref(), Some(tid));
    assert!(checks.verify::<IdToken>(&good, &public_keys()).is_ok());
    let other = entra("https://login.microsoftonline.com/other/v2.0".into());
    for err in [
        checks
            .verify::<EntraIdToken>(&other, &public_keys())
            .unwrap_err(),
        checks
            .verify::<IdToken>(&other, &public_keys())
            .unwrap_err(),
    ] {
        assert!(
            matches!(err, TokenError::Claims(ValidationError::Issuer { .. })),
            "{err:?}"
        );
    }
}

fn logout_claims() -> serde_json::Value {
    json!({"iss": "https://op.example", "aud": "client-1", "iat": NOW - 5, "exp": NOW + 120,
        "jti": "j1", "sid": "s1", "events": {BACKCHANNEL_LOGOUT_EVENT: {}}})
}

fn access_claims() -> serde_json::Value {
    json!({"iss": "https://as.example", "exp": NOW + 60, "aud": "https://rs.example", "sub": "u",
        "client_id": "c", "iat": NOW - 5, "jti": "j1"})
}

fn typed(alg: Algorithm, typ: Option<&str>, claims: &serde_json::Value) -> String {
    let mut header = Header::new(alg);
    header.kid = Some("rsa-1".into());
    header.typ = typ.map(str::to_owned);
    sign_with(&header, claims)
}

#[test]
fn logout_tokens_in_one_call() {
    let checks = LogoutTokenValidation::new("https://op.example", "client-1").clock(clock());
    for typ in [None, Some("logout+jwt"), Some("JWT")] {
        let token: BackChannelLogoutToken = checks
            .verify(
                &typed(Algorithm::RS256, typ, &logout_claims()),
                &public_keys(),
            )
            .unwrap();
        assert_eq!(token.sid.as_deref(), Some("s1"));
    }
    let err = checks
        .verify::<BackChannelLogoutToken>(
            &typed(Algorithm::RS256, Some("at+jwt"), &logout_claims()),
            &public_keys(),
        )
        .unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Header);
    let mut no_exp = logout_claims();
    no_exp.as_object_mut().unwrap().remove("exp");
    let jwt = typed(Algorithm::RS256, None, &no_exp);
    assert_eq!(
        checks
            .verify::<BackChannelLogoutToken>(&jwt, &public_keys())
            .unwrap_err(),
        TokenError::Claims(ValidationError::ExpMissing {
            token: "Logout Token"
        })
    );
    let lenient = LogoutTokenValidation::new("https://op.example", "client-1")
        .allow_missing_exp()
        .clock(clock());
    assert!(lenient
        .verify::<BackChannelLogoutToken>(&jwt, &public_keys())
        .is_ok());
    // An ID Token is not a Logout Token: it fails to decode as one.
    let err = checks
        .verify::<BackChannelLogoutToken>(&sign(Algorithm::RS256, &claims()), &public_keys())
        .unwrap_err();
    assert_eq!(err.kind(), TokenErrorKind::Claims);
    // from_metadata: the ID Token algorithms.
    let meta = metadata(Some(&["ES256"]));
    let checks = LogoutTokenValidation::from_metadata(&meta, "client-1").clock(clock());
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some("ec-p256".into());
    assert!(checks
        .verify::<BackChannelLogoutToken>(&sign_with(&header, &logout_claims()), &public_keys())
        .is_ok());
    assert!(checks
        .verify::<BackChannelLogoutToken>(
            &typed(Algorithm::RS256, None, &logout_claims()),
            &public_keys()
        )
        .is_err());
}

#[test]
fn access_tokens_in_one_call() {
    let checks =
        AccessTokenValidation::new("https://as.example", "https://rs.example").clock(clock());
    let token: JwtAccessToken = checks
        .verify(
            &typed(Algorithm::RS256, Some("at+jwt"), &access_claims()),
            &public_keys(),
        )
        .unwrap();
    assert_eq!(token.client_id, "c");
    // Typed JWT (Xero): refused unless the caller says so.
    let vendor = typed(Algorithm::RS256, Some("JWT"), &access_claims());
    assert_eq!(
        checks
            .verify::<JwtAccessToken>(&vendor, &public_keys())
            .unwrap_err()
            .kind(),
        TokenErrorKind::Header
    );
    let any = AccessTokenValidation::new("https://as.example", "https://rs.example")
        .typ(TypRule::Any)
        .clock(clock());
    assert!(any
        .verify::<JwtAccessToken>(&vendor, &public_keys())
        .is_ok());
    // RFC 9068 §4 order: issuer, audience, then time.
    let mut late = access_claims();
    late["exp"] = json!(NOW - 600);
    late["aud"] = json!("https://elsewhere");
    assert!(matches!(
        checks.verify::<JwtAccessToken>(
            &typed(Algorithm::RS256, Some("at+jwt"), &late),
            &public_keys()
        ),
        Err(TokenError::Claims(ValidationError::Audience { .. }))
    ));
}

#[test]
fn the_two_steps_agree_with_the_one_call() {
    let checks = checks();
    for claims in [
        claims(),
        with(json!({"exp": NOW - 60})),
        with(json!({"nonce": null})),
    ] {
        let jwt = sign(Algorithm::RS256, &claims);
        let one: Result<IdToken, TokenError> = checks.verify(&jwt, &public_keys());
        let (token, header) =
            from_jwt_with_header::<IdToken>(&jwt, &public_keys(), checks.jwt_options()).unwrap();
        assert_eq!(header.alg, Algorithm::RS256);
        assert_eq!(header.kid.as_deref(), Some("rsa-1"));
        let two = TokenValidation::<IdToken>::validate(&checks, &token, &header);
        assert_eq!(
            one.as_ref().err().and_then(TokenError::validation),
            two.as_ref().err()
        );
        assert_eq!(
            token.validate_extern(&checks),
            two,
            "without hash claims, the same"
        );
    }
}

/// Generic code over any token kind's options.
fn verify_any<T: OidcMessage, V: TokenValidation<T>>(
    options: &V,
    jwt: &str,
    keys: &JwkSet,
) -> Result<T, TokenError> {
    options.verify(jwt, keys)
}

#[test]
fn the_trait_serves_generic_code() {
    let id: IdToken = verify_any(
        &checks(),
        &sign(Algorithm::RS256, &claims()),
        &public_keys(),
    )
    .unwrap();
    assert_eq!(id.sub, "248289761001");
    let logout: BackChannelLogoutToken = verify_any(
        &LogoutTokenValidation::new("https://op.example", "client-1").clock(clock()),
        &typed(Algorithm::RS256, None, &logout_claims()),
        &public_keys(),
    )
    .unwrap();
    assert_eq!(logout.jti, "j1");
}

/// A token kind of the caller's own, with its own options implementing the trait.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = DEVICE_TOKEN)]
struct DeviceToken {
    #[oidc(required)]
    device: String,
}

const DEVICE_TOKEN: oidc_core::jwt::TokenKind =
    oidc_core::jwt::TokenKind::new("device token", TypRule::Required(&["device+jwt"]));

struct DeviceTokenValidation {
    jwt: JwtOptions,
    device: &'static str,
}

impl TokenValidation<DeviceToken> for DeviceTokenValidation {
    fn jwt_options(&self) -> &JwtOptions {
        &self.jwt
    }

    fn validate(&self, token: &DeviceToken, _: &VerifiedHeader) -> Result<(), ValidationError> {
        if token.device == self.device {
            Ok(())
        } else {
            Err(ValidationError::Callback {
                token: "device token",
                check: "device",
                reason: format!("unknown device {}", token.device),
            })
        }
    }
}

#[test]
fn other_token_kinds_get_the_same_call() {
    let options = DeviceTokenValidation {
        jwt: JwtOptions::default().algorithms(&[Algorithm::RS256]),
        device: "d1",
    };
    let jwt = typed(
        Algorithm::RS256,
        Some("device+jwt"),
        &json!({"device": "d1"}),
    );
    assert_eq!(options.verify(&jwt, &public_keys()).unwrap().device, "d1");
    let other = typed(
        Algorithm::RS256,
        Some("device+jwt"),
        &json!({"device": "d2"}),
    );
    assert_eq!(
        options.verify(&other, &public_keys()).unwrap_err().kind(),
        TokenErrorKind::Claims
    );
    let untyped = typed(Algorithm::RS256, None, &json!({"device": "d1"}));
    assert_eq!(
        options.verify(&untyped, &public_keys()).unwrap_err().kind(),
        TokenErrorKind::Header
    );
}

#[test]
fn nonce_rules_through_the_one_call() {
    let jwt = sign(Algorithm::RS256, &claims());
    let base = || IdTokenValidation::new("https://op.example", "client-1").clock(clock());
    assert_eq!(
        base().verify::<IdToken>(&jwt, &public_keys()).unwrap_err(),
        TokenError::Claims(ValidationError::NonceUnexpected { token: "ID Token" }),
        "the default: no nonce sent"
    );
    assert!(base()
        .nonce_rule(Nonce::NotChecked)
        .verify::<IdToken>(&jwt, &public_keys())
        .is_ok());
}
