//! Token kinds (RFC 8725 §3.11): each kind's `typ` rule is part of the type, applied by
//! every path (`from_jwt` inherent or through the trait, generic code), inherited
//! through `flatten`; `IdToken`'s rule on its claims runs in every decoder. JWT access tokens must say `at+jwt`
//! (RFC 9068 §4); Logout Tokens, when typed, `logout+jwt` or `JWT`; ID Tokens `JWT` or
//! nothing, and never carry the back-channel logout event.

use jsonwebtoken::Header;
use oidc_core::__private::Fields;
use oidc_core::jwt::{Algorithm, JwtError, JwtOptions, TokenKind, TypRule};
use oidc_core::messages::{
    AuthenticationRequest, BackChannelLogoutToken, IdToken, JwtAccessToken, StandardClaims,
    BACKCHANNEL_LOGOUT_EVENT,
};
use oidc_core::{Error, ExtraParams, OidcMessage};
use serde_json::json;

use crate::keys::{claims, public_keys, sign_with};

fn access_claims() -> serde_json::Value {
    json!({"iss": "https://as.example", "exp": 2_000_000_000, "aud": "https://rs.example", "sub": "u",
           "client_id": "c", "iat": 1_700_000_000, "jti": "j1", "scope": "read"})
}

fn logout_claims() -> serde_json::Value {
    json!({"iss": "https://op.example", "aud": "client-1", "iat": 1_700_000_000, "jti": "j", "sid": "s",
           "events": {BACKCHANNEL_LOGOUT_EVENT: {}}})
}

/// ID Token claims that also carry the back-channel logout event.
fn id_claims_with_logout_event() -> serde_json::Value {
    let mut c = claims();
    c["events"] = json!({BACKCHANNEL_LOGOUT_EVENT: {}});
    c
}

fn header(typ: Option<&str>) -> Header {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rsa-1".into());
    header.typ = typ.map(str::to_owned);
    header
}

fn jwt<T: OidcMessage>(typ: Option<&str>, claims: &serde_json::Value) -> Result<T, JwtError> {
    T::from_jwt(
        &sign_with(&header(typ), claims),
        &public_keys(),
        &JwtOptions::default(),
    )
}

fn wrong_type(err: JwtError) -> (&'static str, TypRule, Option<String>) {
    match err {
        JwtError::WrongType {
            token,
            expected,
            got,
        } => (token, expected, got),
        other => panic!("{other:?}"),
    }
}

fn refused_claim(err: &Error) -> Option<&str> {
    err.parameter()
}

#[test]
fn access_tokens_require_at_jwt() {
    for typ in [
        "at+jwt",
        "application/at+jwt",
        "at+JWT",
        "Application/AT+JWT",
    ] {
        assert!(
            jwt::<JwtAccessToken>(Some(typ), &access_claims()).is_ok(),
            "{typ}"
        );
    }
    for typ in [
        Some("JWT"),
        None,
        Some("logout+jwt"),
        Some("at+jwt2"),
        Some(""),
    ] {
        let err = jwt::<JwtAccessToken>(typ, &access_claims()).unwrap_err();
        assert_eq!(
            wrong_type(err),
            (
                "JWT access token",
                TypRule::Required(&["at+jwt"]),
                typ.map(str::to_owned)
            ),
            "{typ:?}"
        );
    }
    // A caller can accept a vendor's `JWT`-typed access token deliberately.
    let vendor = sign_with(&header(Some("JWT")), &access_claims());
    assert!(JwtAccessToken::from_jwt(
        &vendor,
        &public_keys(),
        &JwtOptions::default().typ(TypRule::Any)
    )
    .is_ok());
}

#[test]
fn generic_code_and_the_trait_path_apply_the_kind() {
    fn through_generic_code<T: OidcMessage>(token: &str) -> Result<T, JwtError> {
        T::from_jwt(token, &public_keys(), &JwtOptions::default())
    }
    let typed_jwt = sign_with(&header(Some("JWT")), &access_claims());
    let err = <JwtAccessToken as OidcMessage>::from_jwt(
        &typed_jwt,
        &public_keys(),
        &JwtOptions::default(),
    )
    .unwrap_err();
    assert_eq!(wrong_type(err).0, "JWT access token");
    assert!(through_generic_code::<JwtAccessToken>(&typed_jwt).is_err());
    let at_jwt = sign_with(&header(Some("at+jwt")), &access_claims());
    assert!(through_generic_code::<JwtAccessToken>(&at_jwt).is_ok());
    // An access token does not pass as an ID Token through generic code either.
    let err = through_generic_code::<IdToken>(&at_jwt).unwrap_err();
    assert_eq!(wrong_type(err).0, "ID Token");
}

#[test]
fn id_tokens_accept_jwt_or_no_typ_only() {
    for typ in [None, Some("JWT"), Some("jwt"), Some("application/jwt")] {
        assert!(jwt::<IdToken>(typ, &claims()).is_ok(), "{typ:?}");
    }
    // The other kinds' types, and any other explicit type (an allow-list).
    for typ in [
        "at+jwt",
        "application/at+jwt",
        "logout+jwt",
        "secevent+jwt",
        "dpop+jwt",
        "oauth-authz-req+jwt",
        "id_token+jwt",
        "JWS",
        "",
    ] {
        let err = jwt::<IdToken>(Some(typ), &claims()).unwrap_err();
        assert_eq!(
            wrong_type(err.clone()),
            (
                "ID Token",
                TypRule::IfPresent(&["JWT"]),
                Some(typ.to_owned())
            ),
            "{typ}"
        );
        if typ == "at+jwt" {
            assert_eq!(
                err.to_string(),
                r#"ID Token: header typ "at+jwt" is not accepted (expected absent or JWT)"#
            );
        }
    }
    // A caller may set another rule explicitly.
    let odd = sign_with(&header(Some("id_token+jwt")), &claims());
    let options = JwtOptions::default().typ(TypRule::Required(&["id_token+jwt"]));
    assert!(IdToken::from_jwt(&odd, &public_keys(), &options).is_ok());
    let err = IdToken::from_jwt(
        &sign_with(&header(None), &claims()),
        &public_keys(),
        &options,
    )
    .unwrap_err();
    assert_eq!(
        wrong_type(err),
        ("this JWT", TypRule::Required(&["id_token+jwt"]), None)
    );
}

#[test]
fn id_tokens_refuse_the_logout_event_on_every_decoder() {
    let with_event = id_claims_with_logout_event();
    let text = with_event.to_string();
    let expect_refused = |result: Result<IdToken, Error>, how: &str| {
        let err = result.expect_err(how);
        assert_eq!(refused_claim(&err), Some("events"), "{how}: {err}");
        assert!(
            err.to_string().contains("back-channel logout event"),
            "{how}: {err}"
        );
    };
    expect_refused(IdToken::from_json(&text), "from_json");
    expect_refused(
        IdToken::from_json_lenient(&text).map(|(t, _)| t),
        "from_json_lenient",
    );
    let form = format!(
        "iss=https%3A%2F%2Fop.example&sub=s&aud=client-1&exp=2000000000&iat=1700000000&events={}",
        url_encode(&json!({BACKCHANNEL_LOGOUT_EVENT: {}}).to_string())
    );
    expect_refused(IdToken::from_form(&form), "from_form");
    let deserialized: Result<IdToken, serde_json::Error> = serde_json::from_str(&text);
    assert!(
        deserialized
            .unwrap_err()
            .to_string()
            .contains("back-channel logout event"),
        "Deserialize"
    );
    match jwt::<IdToken>(Some("JWT"), &with_event) {
        Err(JwtError::Claims(err)) => assert_eq!(refused_claim(&err), Some("events")),
        other => panic!("{other:?}"),
    }
    // Even with the typ rule relaxed, the rule on the claims stays.
    let relaxed = JwtOptions::default().typ(TypRule::Any);
    assert!(matches!(
        IdToken::from_jwt(
            &sign_with(&header(Some("logout+jwt")), &with_event),
            &public_keys(),
            &relaxed
        ),
        Err(JwtError::Claims(_))
    ));
    // A real Logout Token's claims (no exp) are refused as an ID Token anyway; with an
    // exp added they are refused for the event.
    let mut logout = logout_claims();
    logout["exp"] = json!(2_000_000_000);
    logout["sub"] = json!("u");
    expect_refused(IdToken::from_json(&logout.to_string()), "a Logout Token");
    // Other security events, an `events` claim of another shape: not a Logout Token.
    for events in [
        json!({"https://schemas.openid.net/secevent/risc/event-type/account-disabled": {}}),
        json!("text"),
        json!([BACKCHANNEL_LOGOUT_EVENT]),
        json!({}),
    ] {
        let mut c = claims();
        c["events"] = events.clone();
        assert!(IdToken::from_json(&c.to_string()).is_ok(), "{events}");
    }
    // Other events are kept, as sent.
    let mut c = claims();
    c["events"] = json!({"urn:example:event": {"x": 1}});
    let t = IdToken::from_json(&c.to_string()).unwrap();
    assert_eq!(t.events, Some(json!({"urn:example:event": {"x": 1}})));
    assert_eq!(IdToken::from_json(&t.to_json()).unwrap(), t);
}

/// A vendor ID Token: inherits the ID Token kind from its flattened `IdToken`.
#[derive(OidcMessage, Clone, PartialEq)]
struct VendorIdToken {
    #[oidc(flatten)]
    standard: IdToken,
    #[oidc(json)]
    groups: Option<Vec<String>>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// Unknown members go to the flattened `IdToken`'s `extra`.
#[derive(OidcMessage, Clone, PartialEq)]
struct VendorIdTokenWithoutExtra {
    #[oidc(flatten)]
    standard: IdToken,
}

/// Vendor claims of their own, as a message without a kind.
#[derive(OidcMessage, Clone, PartialEq)]
struct TenantClaims {
    tid: Option<String>,
}

/// The first flattened field with a kind gives it (TenantClaims has none).
#[derive(OidcMessage, Clone, PartialEq)]
struct ClaimsThenIdToken {
    #[oidc(flatten)]
    tenant: TenantClaims,
    #[oidc(flatten)]
    standard: IdToken,
}

/// No kind anywhere.
#[derive(OidcMessage, Clone, PartialEq)]
struct JustClaims {
    #[oidc(flatten)]
    profile: StandardClaims,
    #[oidc(extra)]
    extra: ExtraParams,
}

const SECURITY_EVENT: TokenKind =
    TokenKind::new("Security Event Token", TypRule::Required(&["secevent+jwt"]));

/// Its own kind wins over the flattened one's.
#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = SECURITY_EVENT)]
struct RetypedToken {
    #[oidc(flatten)]
    standard: IdToken,
}

/// A `static` kind works as well as a `const`.
static STATIC_KIND: TokenKind = TokenKind::new("static kind", TypRule::Required(&["x+jwt"]));

#[derive(OidcMessage, Clone, PartialEq)]
#[oidc(token_kind = STATIC_KIND)]
struct StaticKindToken {
    #[oidc(required)]
    iss: String,
}

fn kind_name<T: Fields>() -> Option<&'static str> {
    T::TOKEN_KIND.map(TokenKind::name)
}

#[test]
fn kinds_are_resolved_at_compile_time() {
    const ID: Option<&TokenKind> = <VendorIdToken as Fields>::TOKEN_KIND;
    assert_eq!(ID.map(TokenKind::name), Some("ID Token"));
    assert_eq!(kind_name::<IdToken>(), Some("ID Token"));
    assert_eq!(kind_name::<JwtAccessToken>(), Some("JWT access token"));
    assert_eq!(kind_name::<BackChannelLogoutToken>(), Some("Logout Token"));
    assert_eq!(kind_name::<VendorIdTokenWithoutExtra>(), Some("ID Token"));
    assert_eq!(kind_name::<ClaimsThenIdToken>(), Some("ID Token"));
    assert_eq!(kind_name::<RetypedToken>(), Some("Security Event Token"));
    assert_eq!(kind_name::<StaticKindToken>(), Some("static kind"));
    assert_eq!(kind_name::<JustClaims>(), None);
    assert_eq!(kind_name::<AuthenticationRequest>(), None);
}

#[test]
fn vendor_tokens_that_flatten_id_token_are_id_tokens() {
    let err = jwt::<VendorIdToken>(Some("at+jwt"), &claims()).unwrap_err();
    assert_eq!(wrong_type(err).0, "ID Token");
    assert!(jwt::<VendorIdToken>(Some("JWT"), &claims()).is_ok());
    let text = id_claims_with_logout_event().to_string();
    // `events` lands in the vendor's extra, in IdToken's extra, or in a declared field:
    // refused wherever it is kept.
    let err = VendorIdToken::from_json(&text).unwrap_err();
    assert_eq!(refused_claim(&err), Some("events"), "{err}");
    assert_eq!(err.message(), "VendorIdToken");
    let err = VendorIdTokenWithoutExtra::from_json(&text).unwrap_err();
    assert_eq!(refused_claim(&err), Some("events"), "{err}");
    let err = ClaimsThenIdToken::from_json(&text).unwrap_err();
    assert_eq!(refused_claim(&err), Some("events"), "{err}");
    let t = VendorIdToken::from_json(&claims().to_string()).unwrap();
    assert!(t.standard.events.is_none() && t.extra.is_empty());
    // A vendor token cannot declare `events` itself (and so take the claim away from
    // IdToken's check): a wire name declared twice across `flatten` is a compile error
    // (tests/ui/flatten_collides_with_field.rs).
}

#[test]
fn an_own_kind_replaces_the_flattened_one() {
    let err = jwt::<RetypedToken>(Some("JWT"), &claims()).unwrap_err();
    assert_eq!(
        wrong_type(err),
        (
            "Security Event Token",
            TypRule::Required(&["secevent+jwt"]),
            Some("JWT".into())
        )
    );
    assert!(jwt::<RetypedToken>(Some("secevent+jwt"), &claims()).is_ok());
    // The flattened IdToken's own rules still run on the claims it holds.
    assert!(RetypedToken::from_json(&id_claims_with_logout_event().to_string()).is_err());
}

#[test]
fn logout_tokens_when_typed_say_logout_jwt_or_jwt() {
    for typ in [
        Some("logout+jwt"),
        Some("application/logout+jwt"),
        Some("JWT"),
        None,
    ] {
        assert!(
            jwt::<BackChannelLogoutToken>(typ, &logout_claims()).is_ok(),
            "{typ:?}"
        );
    }
    // An ID Token or access token must not pass as a Logout Token.
    for typ in ["at+jwt", "id_token+jwt", "secevent+jwt"] {
        let err = jwt::<BackChannelLogoutToken>(Some(typ), &logout_claims()).unwrap_err();
        assert_eq!(
            wrong_type(err),
            (
                "Logout Token",
                TypRule::IfPresent(&["logout+jwt", "JWT"]),
                Some(typ.to_owned())
            )
        );
    }
    // An ID Token's claims lack `events`: not a Logout Token whatever its typ.
    assert!(matches!(
        jwt::<BackChannelLogoutToken>(Some("JWT"), &claims()),
        Err(JwtError::Claims(_))
    ));
}

#[test]
fn messages_without_a_kind_accept_any_typ_unless_told() {
    let object = json!({"response_type": "code", "client_id": "c", "scope": "openid",
                        "redirect_uri": "https://rp.example/cb"});
    for typ in [
        None,
        Some("oauth-authz-req+jwt"),
        Some("JWT"),
        Some("anything"),
    ] {
        assert!(
            jwt::<AuthenticationRequest>(typ, &object).is_ok(),
            "{typ:?}"
        );
    }
    let strict = JwtOptions::default().typ(TypRule::Required(&["oauth-authz-req+jwt"]));
    let token = sign_with(&header(Some("JWT")), &object);
    let err = AuthenticationRequest::from_jwt(&token, &public_keys(), &strict).unwrap_err();
    assert_eq!(wrong_type(err).0, "this JWT");
    // verify_payload knows no kind: any typ unless told.
    let id_typed_at = sign_with(&header(Some("at+jwt")), &claims());
    assert!(
        oidc_core::jwt::verify_payload(&id_typed_at, &public_keys(), &JwtOptions::default())
            .is_ok()
    );
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
