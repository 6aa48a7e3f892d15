//! The construction rule (ARCHITECTURE.md, "Building a message"): every message has
//! public fields and is `#[non_exhaustive]`; one with REQUIRED parameters is built by
//! `new(required..)` (or per-case constructors when the required set depends on a
//! discriminator: `TokenRequest`'s grants, see `token.rs`; `AuthenticationSuccessResponse`'s
//! response types), one whose every parameter can be absent by `Default`. Each
//! constructor's result is checked on the wire and decodes back to itself.

use oidc_core::messages::*;
use oidc_core::validation::{FixedClock, IdTokenValidation, LogoutTokenValidation};
use oidc_core::{Audience, NumericDate, OidcMessage};

/// `m` writes exactly `form` and `json`, and both decode back to `m`.
fn wire<M: OidcMessage + PartialEq + std::fmt::Debug>(m: &M, form: &str, json: &str) {
    assert_eq!(m.to_form(), form);
    assert_eq!(m.to_json(), json);
    assert_eq!(&M::from_form(form).unwrap(), m, "from_form({form:?})");
    assert_eq!(&M::from_json(json).unwrap(), m, "from_json({json})");
}

#[test]
fn authentication_request_new_is_a_code_flow_request() {
    let r = AuthenticationRequest::new("s6BhdRkqt3", "https://rp.example/cb", ["openid"]);
    wire(
        &r,
        "scope=openid&response_type=code&client_id=s6BhdRkqt3&redirect_uri=https%3A%2F%2Frp.example%2Fcb",
        r#"{"scope":"openid","response_type":"code","client_id":"s6BhdRkqt3","redirect_uri":"https://rp.example/cb"}"#,
    );
}

#[test]
fn authentication_success_response_has_one_constructor_per_grant() {
    let code = AuthenticationSuccessResponse::for_code("SplxlOBeZQQYbYS6WxSbIA");
    wire(
        &code,
        "code=SplxlOBeZQQYbYS6WxSbIA",
        r#"{"code":"SplxlOBeZQQYbYS6WxSbIA"}"#,
    );
    let implicit = AuthenticationSuccessResponse::for_id_token("eyJ.eyJ.sig");
    wire(
        &implicit,
        "id_token=eyJ.eyJ.sig",
        r#"{"id_token":"eyJ.eyJ.sig"}"#,
    );
    let token = AuthenticationSuccessResponse::for_access_token("SlAV32hkKG", "Bearer");
    wire(
        &token,
        "access_token=SlAV32hkKG&token_type=Bearer",
        r#"{"access_token":"SlAV32hkKG","token_type":"Bearer"}"#,
    );
    // Each is a success on the redirect, and the response enum agrees.
    for response in [code, implicit, token] {
        let decoded = AuthenticationResponse::from_form(&response.to_form()).unwrap();
        assert_eq!(decoded, AuthenticationResponse::Success(response));
    }
}

#[test]
fn error_responses_take_their_code() {
    let e = AuthenticationErrorResponse::new(AuthenticationErrorCode::LoginRequired);
    wire(&e, "error=login_required", r#"{"error":"login_required"}"#);
    let vendor = AuthenticationErrorResponse::new("vendor_specific");
    assert_eq!(
        vendor.error,
        AuthenticationErrorCode::Other("vendor_specific".into())
    );
    assert_eq!(
        AuthenticationResponse::from_form(&e.to_form()).unwrap(),
        AuthenticationResponse::Error(e)
    );

    let t = TokenErrorResponse::new(TokenErrorCode::InvalidGrant);
    wire(&t, "error=invalid_grant", r#"{"error":"invalid_grant"}"#);
    assert_eq!(
        TokenErrorResponse::new("invalid_grant"),
        t,
        "text maps to the registered code"
    );
    assert!(!TokenResponse::from_json(&t.to_json()).unwrap().is_success());

    let u = UserinfoErrorResponse::new("invalid_token");
    wire(&u, "error=invalid_token", r#"{"error":"invalid_token"}"#);
    assert!(!UserinfoResponse::from_json(&u.to_json())
        .unwrap()
        .is_success());
}

#[test]
fn token_success_response_new_has_the_two_required_members() {
    let r = TokenSuccessResponse::new("SlAV32hkKG", "Bearer");
    wire(
        &r,
        "access_token=SlAV32hkKG&token_type=Bearer",
        r#"{"access_token":"SlAV32hkKG","token_type":"Bearer"}"#,
    );
    assert!(r.is_bearer());
    assert!(TokenResponse::from_json(&r.to_json()).unwrap().is_success());
    assert!(!format!("{r:?}").contains("SlAV32hkKG"), "still redacted");
}

#[test]
fn introspection_constructors() {
    let request = TokenIntrospectionRequest::new("mF_9.B5f-4.1JqM");
    wire(
        &request,
        "token=mF_9.B5f-4.1JqM",
        r#"{"token":"mF_9.B5f-4.1JqM"}"#,
    );
    assert!(
        !format!("{request:?}").contains("mF_9"),
        "the token is secret"
    );

    let inactive = TokenIntrospectionSuccessResponse::new(false);
    wire(&inactive, "active=false", r#"{"active":false}"#);
    let active = TokenIntrospectionSuccessResponse::new(true);
    wire(&active, "active=true", r#"{"active":true}"#);
    assert!(TokenIntrospectionResponse::from_json(&inactive.to_json())
        .unwrap()
        .is_success());
}

#[test]
fn userinfo_success_response_new_has_only_sub() {
    let r = UserinfoSuccessResponse::new("248289761001");
    wire(&r, "sub=248289761001", r#"{"sub":"248289761001"}"#);
    assert_eq!(r.claims, StandardClaims::default());
}

#[test]
fn provider_metadata_new_has_the_required_members_and_the_spec_defaults() {
    let m = ProviderMetadata::new(
        "https://server.example.com",
        "https://server.example.com/authorize",
        "https://server.example.com/jwks",
        ["code"],
        ["public"],
        ["RS256"],
    );
    assert_eq!(
        m.to_json(),
        r#"{"issuer":"https://server.example.com","authorization_endpoint":"https://server.example.com/authorize","jwks_uri":"https://server.example.com/jwks","response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"#,
        "members at their default are not written"
    );
    // The defaults are the ones decoding gives an absent member.
    assert_eq!(ProviderMetadata::from_json(&m.to_json()).unwrap(), m);
    assert_eq!(m.response_modes_supported, ["query", "fragment"]);
    assert_eq!(m.grant_types_supported, ["authorization_code", "implicit"]);
    assert_eq!(
        m.token_endpoint_auth_methods_supported,
        ["client_secret_basic"]
    );
    assert!(m.request_uri_parameter_supported);
    assert!(!m.claims_parameter_supported);
    assert_eq!(m.token_endpoint, None);
}

#[test]
fn id_token_new_has_the_required_claims_and_validates() {
    let t = IdToken::new(
        "https://server.example.com",
        "248289761001",
        "s6BhdRkqt3",
        NumericDate::from_secs(1311281970),
        NumericDate::from_secs(1311280970),
    );
    assert_eq!(
        t.to_json(),
        r#"{"iss":"https://server.example.com","sub":"248289761001","aud":"s6BhdRkqt3","exp":1311281970,"iat":1311280970}"#
    );
    assert_eq!(IdToken::from_json(&t.to_json()).unwrap(), t);
    let checks = IdTokenValidation::new("https://server.example.com", "s6BhdRkqt3")
        .clock(FixedClock(NumericDate::from_secs(1311281000)));
    t.validate_extern(&checks).unwrap();

    let many = IdToken::new(
        "https://server.example.com",
        "248289761001",
        vec!["s6BhdRkqt3".to_owned(), "api".to_owned()],
        NumericDate::from_secs(1311281970),
        NumericDate::from_secs(1311280970),
    );
    assert_eq!(
        many.aud,
        Audience::Multiple(vec!["s6BhdRkqt3".into(), "api".into()])
    );
}

#[test]
fn jwt_access_token_new_has_the_rfc9068_required_claims() {
    let t = JwtAccessToken::new(
        "https://as.example.com",
        NumericDate::from_secs(1639528912),
        "https://rs.example.com",
        "5ba552d67",
        "s6BhdRkqt3",
        NumericDate::from_secs(1618354090),
        "dbe39bf3a3ba4238a513f51d6e1691c4",
    );
    assert_eq!(
        t.to_json(),
        r#"{"iss":"https://as.example.com","exp":1639528912,"aud":"https://rs.example.com","sub":"5ba552d67","client_id":"s6BhdRkqt3","iat":1618354090,"jti":"dbe39bf3a3ba4238a513f51d6e1691c4"}"#
    );
    assert_eq!(JwtAccessToken::from_json(&t.to_json()).unwrap(), t);
}

#[test]
fn logout_constructors() {
    let n = BackChannelLogoutNotification::new("eyJ.eyJ.sig");
    wire(
        &n,
        "logout_token=eyJ.eyJ.sig",
        r#"{"logout_token":"eyJ.eyJ.sig"}"#,
    );

    // The errata example's claims (Back-Channel Logout 1.0 §2.4): exp is REQUIRED.
    let mut t = BackChannelLogoutToken::new(
        "https://server.example.com",
        "s6BhdRkqt3",
        NumericDate::from_secs(1471566154),
        NumericDate::from_secs(1471569754),
        "bWJq",
    );
    assert!(t.has_logout_event());
    assert_eq!(
        t.to_json(),
        r#"{"iss":"https://server.example.com","aud":"s6BhdRkqt3","iat":1471566154,"exp":1471569754,"jti":"bWJq","events":{"http://schemas.openid.net/event/backchannel-logout":{}}}"#
    );
    assert_eq!(BackChannelLogoutToken::from_json(&t.to_json()).unwrap(), t);
    // Valid once it says whom it logs out (§2.4: sub, sid or both).
    let checks = LogoutTokenValidation::new("https://server.example.com", "s6BhdRkqt3")
        .clock(FixedClock(NumericDate::from_secs(1471566154)));
    assert!(t.validate_extern(&checks).is_err());
    t.sid = Some("08a5019c-17e1-4977-8f42-65a12843ea02".into());
    t.validate_extern(&checks).unwrap();
}

/// The messages whose every parameter can be absent implement `Default`: the empty
/// message, which writes nothing and is what an empty input decodes to.
#[test]
fn default_is_the_empty_message() {
    fn empty<M: OidcMessage + Default + PartialEq + std::fmt::Debug>() {
        wire(&M::default(), "", "{}");
    }
    empty::<UserinfoRequest>();
    empty::<StandardClaims>();
    empty::<Address>();
    empty::<RpInitiatedLogoutRequest>();
    empty::<FrontChannelLogoutNotification>();
}

#[test]
fn signing_flow_messages() {
    let exp = NumericDate::from_secs(1_700_000_060);
    let assertion = ClientAssertion::new("s6BhdRkqt3", "https://op.example", exp, "j1");
    wire(
        &assertion,
        "iss=s6BhdRkqt3&sub=s6BhdRkqt3&aud=https%3A%2F%2Fop.example&exp=1700000060&jti=j1",
        r#"{"iss":"s6BhdRkqt3","sub":"s6BhdRkqt3","aud":"https://op.example","exp":1700000060,"jti":"j1"}"#,
    );
    let proof = DpopProof::new(
        "POST",
        "https://op.example/token",
        NumericDate::from_secs(1),
        "p1",
    );
    wire(
        &proof,
        "jti=p1&htm=POST&htu=https%3A%2F%2Fop.example%2Ftoken&iat=1",
        r#"{"jti":"p1","htm":"POST","htu":"https://op.example/token","iat":1}"#,
    );
    let request = AuthenticationRequest::new("c", "https://rp.example/cb", ["openid"]);
    let object = RequestObject::new(request.clone());
    assert_eq!(object.request, request);
    wire(
        &object,
        "scope=openid&response_type=code&client_id=c&redirect_uri=https%3A%2F%2Frp.example%2Fcb",
        r#"{"scope":"openid","response_type":"code","client_id":"c","redirect_uri":"https://rp.example/cb"}"#,
    );
    wire(
        &JarRequest::by_value("c", "a.b.c"),
        "client_id=c&request=a.b.c",
        r#"{"client_id":"c","request":"a.b.c"}"#,
    );
    wire(
        &JarRequest::by_reference("c", "urn:x"),
        "client_id=c&request_uri=urn%3Ax",
        r#"{"client_id":"c","request_uri":"urn:x"}"#,
    );
    wire(
        &PushedAuthorizationSuccessResponse::new("urn:x", 60),
        "request_uri=urn%3Ax&expires_in=60",
        r#"{"request_uri":"urn:x","expires_in":60}"#,
    );
    wire(
        &PushedAuthorizationErrorResponse::new(PushedAuthorizationErrorCode::InvalidRequestObject),
        "error=invalid_request_object",
        r#"{"error":"invalid_request_object"}"#,
    );
    wire(&Confirmation::default(), "", "{}");
    wire(&Confirmation::dpop("jkt"), "jkt=jkt", r#"{"jkt":"jkt"}"#);
}

#[test]
fn issue_12_part_b_constructors() {
    wire(
        &JarmResponse::new("eyJ.eyJ.sig"),
        "response=eyJ.eyJ.sig",
        r#"{"response":"eyJ.eyJ.sig"}"#,
    );
    wire(
        &JarmClaims::new("https://op", "c", NumericDate::from_secs(2)),
        "iss=https%3A%2F%2Fop&aud=c&exp=2",
        r#"{"iss":"https://op","aud":"c","exp":2}"#,
    );
    wire(
        &JwtIntrospectionResponse::new(
            "https://op",
            Audience::Single("rs".into()),
            NumericDate::from_secs(1),
            TokenIntrospectionSuccessResponse::new(false),
        ),
        "iss=https%3A%2F%2Fop&aud=rs&iat=1&token_introspection=%7B%22active%22%3Afalse%7D",
        r#"{"iss":"https://op","aud":"rs","iat":1,"token_introspection":{"active":false}}"#,
    );
    wire(
        &AuthorizationDetail::new("payment_initiation"),
        "type=payment_initiation",
        r#"{"type":"payment_initiation"}"#,
    );
    wire(
        &TokenIntrospectionErrorResponse::new(TokenIntrospectionErrorCode::InvalidToken),
        "error=invalid_token",
        r#"{"error":"invalid_token"}"#,
    );
    wire(
        &UserinfoErrorResponse::new(ResourceAccessErrorCode::InsufficientUserAuthentication),
        "error=insufficient_user_authentication",
        r#"{"error":"insufficient_user_authentication"}"#,
    );
    // No REQUIRED member: Default (and `new`, the start of a chain, for the claims request).
    wire(&ClaimsRequest::default(), "", "{}");
    wire(&Claim::default(), "", "{}");
    assert_eq!(ClaimsRequest::new(), ClaimsRequest::default());
}
