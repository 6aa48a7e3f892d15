//! The response enums (`AuthenticationResponse`, `TokenResponse`, `UserinfoResponse`,
//! `TokenIntrospectionResponse`, `ClientRegistrationResponse`,
//! `DeviceAuthorizationResponse`, `TokenExchangeResponse`,
//! `BackchannelAuthenticationResponse`, `CibaPushNotification`) through `from_json`,
//! `from_form` and `from_url` with each `Location`. The first byte chooses the enum
//! (`a`..`i`), the rest is the body.
//!
//! Asserts: no panic; the enum's answer is what its success or error message decodes
//! from the same input; `decode(encode(r)) == r` for JSON, form, query and fragment;
//! an error response's own `Display` and every error text are one bounded line; an
//! authentication response validates against its own `state` / `iss` and not against
//! another `state`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oidc_core::messages::{
    AuthenticationErrorResponse, AuthenticationResponse, AuthenticationSuccessResponse,
    BackchannelAuthenticationErrorResponse, BackchannelAuthenticationResponse,
    BackchannelAuthenticationSuccessResponse, CibaPushError, CibaPushNotification, CibaPushSuccess,
    ClientInformationResponse, ClientRegistrationErrorResponse, ClientRegistrationResponse,
    DeviceAuthorizationErrorResponse, DeviceAuthorizationResponse,
    DeviceAuthorizationSuccessResponse, TokenErrorResponse, TokenExchangeResponse,
    TokenExchangeSuccessResponse, TokenIntrospectionErrorResponse, TokenIntrospectionResponse,
    TokenIntrospectionSuccessResponse, TokenResponse, TokenSuccessResponse, UserinfoErrorResponse,
    UserinfoResponse, UserinfoSuccessResponse,
};
use oidc_core::validation::AuthenticationResponseValidation;
use oidc_core::{Location, OidcMessage};

use oidc_rs_fuzz::check;

const BASE: &str = "https://rp.example/cb";

macro_rules! response_checks {
    ($check:ident, $enum:ident, $success:ty, $error:ty) => {
        fn $check(input: &str) -> Vec<$enum> {
            let name = stringify!($enum);
            let mut decoded = Vec::new();
            let json = $enum::from_json(input);
            agrees(
                &json,
                $enum::into_result,
                <$success>::from_json(input),
                <$error>::from_json(input),
            );
            if let Ok(r) = &json {
                let encoded = r.to_json();
                check::round_trip("json", r, &encoded, $enum::from_json(&encoded));
                decoded.push(r.clone());
            }
            // Form and URL values are text (unknown JSON members would not be), so the
            // form codecs round-trip what a form or URL gave.
            let mut from_text = Vec::new();
            let form = $enum::from_form(input);
            agrees(
                &form,
                $enum::into_result,
                <$success>::from_form(input),
                <$error>::from_form(input),
            );
            from_text.extend(form);
            for location in [Location::Query, Location::Fragment, Location::Auto] {
                match $enum::from_url(input, location) {
                    Ok(r) => from_text.push(r),
                    Err(e) => check::error_text(name, &e),
                }
            }
            for r in &from_text {
                let form = r.to_form();
                check::round_trip("form", r, &form, $enum::from_form(&form));
                let query = format!("{BASE}?{form}");
                check::round_trip("query", r, &query, $enum::from_url(&query, Location::Query));
                let fragment = format!("{BASE}#{form}");
                check::round_trip(
                    "fragment",
                    r,
                    &fragment,
                    $enum::from_url(&fragment, Location::Fragment),
                );
            }
            decoded.extend(from_text);
            for r in &decoded {
                check::debug(r);
                if let $enum::Error(e) = r {
                    check::error_text(concat!(stringify!($error), " as Display"), e);
                }
            }
            decoded
        }
    };
}

/// What the enum decoded is what its success message (or, for an error response, its
/// error message) decodes from the same input.
fn agrees<R, S, E>(
    answer: &Result<R, oidc_core::Error>,
    split: impl FnOnce(R) -> Result<S, E>,
    success: Result<S, oidc_core::Error>,
    error: Result<E, oidc_core::Error>,
) where
    R: std::fmt::Debug + Clone,
    S: PartialEq + std::fmt::Debug,
    E: PartialEq + std::fmt::Debug,
{
    match answer {
        Ok(r) => match split(r.clone()) {
            Ok(s) => assert_eq!(
                success.as_ref(),
                Ok(&s),
                "{r:?} is not what the success message decodes"
            ),
            Err(e) => assert_eq!(
                error.as_ref(),
                Ok(&e),
                "{r:?} is not what the error message decodes"
            ),
        },
        Err(e) => check::error_text("response enum", e),
    }
}

response_checks!(
    authentication,
    AuthenticationResponse,
    AuthenticationSuccessResponse,
    AuthenticationErrorResponse
);
response_checks!(
    token,
    TokenResponse,
    TokenSuccessResponse,
    TokenErrorResponse
);
response_checks!(
    userinfo,
    UserinfoResponse,
    UserinfoSuccessResponse,
    UserinfoErrorResponse
);
response_checks!(
    introspection,
    TokenIntrospectionResponse,
    TokenIntrospectionSuccessResponse,
    TokenIntrospectionErrorResponse
);

response_checks!(
    registration,
    ClientRegistrationResponse,
    ClientInformationResponse,
    ClientRegistrationErrorResponse
);
response_checks!(
    device,
    DeviceAuthorizationResponse,
    DeviceAuthorizationSuccessResponse,
    DeviceAuthorizationErrorResponse
);
response_checks!(
    exchange,
    TokenExchangeResponse,
    TokenExchangeSuccessResponse,
    TokenErrorResponse
);
response_checks!(
    backchannel,
    BackchannelAuthenticationResponse,
    BackchannelAuthenticationSuccessResponse,
    BackchannelAuthenticationErrorResponse
);
response_checks!(push, CibaPushNotification, CibaPushSuccess, CibaPushError);

/// Authentication responses validate against their own `state` and `iss`, and not
/// against another `state`.
fn validate(r: &AuthenticationResponse) {
    let (state, iss) = match r {
        AuthenticationResponse::Success(s) => (s.state.as_deref(), s.iss.as_deref()),
        AuthenticationResponse::Error(e) => (e.state.as_deref(), e.iss.as_deref()),
    };
    let issuer = iss.unwrap_or("https://op.example");
    if let Err(e) = r.validate_extern(&AuthenticationResponseValidation::new(state, issuer)) {
        panic!("{r:?} does not validate against its own state and iss: {e}");
    }
    let other = format!("{}#other", state.unwrap_or_default());
    let checks = AuthenticationResponseValidation::new(Some(&other), issuer);
    match r.validate_extern(&checks) {
        Ok(()) => panic!("{r:?} validates against another state"),
        Err(e) => check::error_text("AuthenticationResponse::validate_extern", &e),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let input = oidc_rs_fuzz::text(rest);
    match selector.wrapping_sub(b'a') % 9 {
        0 => authentication(&input).iter().for_each(validate),
        1 => drop(token(&input)),
        2 => drop(userinfo(&input)),
        3 => drop(introspection(&input)),
        4 => drop(registration(&input)),
        5 => drop(device(&input)),
        6 => drop(exchange(&input)),
        7 => drop(backchannel(&input)),
        _ => drop(push(&input)),
    }
});
