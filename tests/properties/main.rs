//! Property tests: every derived test message survives every codec, and serde's
//! codecs agree with the native ones, over arbitrary Unicode (including `& = + % # ?`
//! and spaces).

use oidc_core::{Audience, ExtraParams, Location, NumericDate, OidcMessage};
use proptest::prelude::*;

#[path = "../derive/messages.rs"]
#[allow(dead_code)]
mod messages;

use messages::{AuthRequest, Claims, Metadata, TokenRequest};

/// A vendor message embedding `Claims`.
#[derive(OidcMessage, Clone, PartialEq)]
struct Vendor {
    #[oidc(flatten)]
    standard: Claims,
    #[oidc(json)]
    groups: Option<Vec<String>>,
    tenant: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// RFC 8693-shaped: repeated parameters next to ordinary ones.
#[derive(OidcMessage, Clone, PartialEq)]
struct Exchange {
    #[oidc(required)]
    grant_type: String,
    #[oidc(repeated)]
    audience: Vec<String>,
    #[oidc(repeated)]
    resource: Vec<String>,
    #[oidc(repeated)]
    ports: Vec<u16>,
    scope: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

/// Characters that matter to the codecs, mixed into arbitrary Unicode.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec!['&', '=', '+', '%', '#', '?', ' ', '/', ':', '"', '\\', '\u{feff}', 'é', '😀', '\n']),
        2 => prop::char::range('a', 'z'),
    ]
}

/// Non-empty text (an empty value means "omitted" on the wire).
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 1..16).prop_map(String::from_iter)
}

/// A list item: non-empty and without the ASCII space that separates items.
fn item() -> impl Strategy<Value = String> {
    text().prop_filter_map("item", |s| {
        let s: String = s.chars().filter(|&c| c != ' ').collect();
        (!s.is_empty()).then_some(s)
    })
}

fn items() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(item(), 1..5)
}

/// Unknown parameters: unique names outside the messages' own.
fn extra() -> impl Strategy<Value = ExtraParams> {
    prop::collection::vec((text(), text()), 0..4).prop_map(|pairs| {
        let mut extra = ExtraParams::new();
        for (name, value) in pairs {
            extra.insert(&format!("x_{name}"), &value);
        }
        extra
    })
}

fn auth_request() -> impl Strategy<Value = AuthRequest> {
    (
        (items(), text(), text(), text()),
        (
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(items()),
        ),
        (
            proptest::option::of(any::<u64>()),
            proptest::option::of(prop::collection::btree_map(item(), text(), 0..3)),
        ),
        extra(),
    )
        .prop_map(
            |(
                (scope, response_type, client_id, redirect_uri),
                (state, nonce, prompt),
                (max_age, claims),
                extra,
            )| {
                AuthRequest {
                    scope,
                    response_type,
                    client_id,
                    redirect_uri,
                    state,
                    nonce,
                    prompt,
                    max_age,
                    claims: claims.map(|m| serde_json::to_value(m).unwrap()),
                    extra,
                }
            },
        )
}

fn token_request() -> impl Strategy<Value = TokenRequest> {
    (
        text(),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        extra(),
    )
        .prop_map(
            |(grant_type, code, redirect_uri, client_id, client_secret, code_verifier, extra)| {
                TokenRequest {
                    grant_type,
                    code,
                    redirect_uri,
                    client_id,
                    client_secret,
                    code_verifier,
                    extra,
                }
            },
        )
}

fn date() -> impl Strategy<Value = NumericDate> {
    any::<i64>().prop_map(NumericDate::from_secs)
}

fn claims() -> impl Strategy<Value = Claims> {
    (
        (
            text(),
            text(),
            prop_oneof![
                text().prop_map(Audience::Single),
                items().prop_map(Audience::Multiple)
            ],
        ),
        (date(), date(), proptest::option::of(date())),
        (
            proptest::option::of(any::<bool>()),
            proptest::option::of(date()),
            proptest::option::of(items()),
        ),
        extra(),
    )
        .prop_map(
            |(
                (iss, sub, aud),
                (exp, iat, auth_time),
                (email_verified, updated_at, scope),
                extra,
            )| Claims {
                iss,
                sub,
                aud,
                exp,
                iat,
                auth_time,
                email_verified,
                updated_at,
                scope,
                extra,
            },
        )
}

fn metadata() -> impl Strategy<Value = Metadata> {
    (
        text(),
        items(),
        any::<bool>(),
        proptest::option::of(text()),
        text(),
        proptest::option::of(text()),
        extra(),
    )
        .prop_map(
            |(
                issuer,
                response_modes_supported,
                claims_parameter_supported,
                token_url,
                client_id,
                r#type,
                extra,
            )| {
                Metadata {
                    issuer,
                    response_modes_supported,
                    claims_parameter_supported,
                    token_url,
                    client_id,
                    r#type,
                    extra,
                }
            },
        )
}

fn exchange() -> impl Strategy<Value = Exchange> {
    (
        text(),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec(any::<u16>(), 0..4),
        proptest::option::of(text()),
        extra(),
    )
        .prop_map(
            |(grant_type, audience, resource, ports, scope, extra)| Exchange {
                grant_type,
                audience,
                resource,
                ports,
                scope,
                extra,
            },
        )
}

fn vendor() -> impl Strategy<Value = Vendor> {
    (
        claims(),
        proptest::option::of(prop::collection::vec(text(), 0..3)),
        proptest::option::of(text()),
        extra(),
    )
        .prop_map(|(mut standard, groups, tenant, extra)| {
            // Unknown parameters of a flattened message land in the outer `extra`.
            standard.extra = ExtraParams::new();
            Vendor {
                standard,
                groups,
                tenant,
                extra,
            }
        })
}

/// Audiences in every shape, including single values whose text is JSON.
#[derive(OidcMessage, Clone, PartialEq)]
struct Audiences {
    #[oidc(required)]
    aud: Audience,
    other: Option<Audience>,
}

/// A single audience that looks like JSON (an array, a string, broken JSON), or any
/// text, or an array of any strings (empty ones and JSON-looking ones included).
fn audience() -> impl Strategy<Value = Audience> {
    let any_text = || prop::collection::vec(tricky_char(), 0..12).prop_map(String::from_iter);
    prop_oneof![
        text().prop_map(Audience::Single),
        items().prop_map(|v| Audience::Single(serde_json::to_string(&v).unwrap())),
        text().prop_map(|t| Audience::Single(serde_json::to_string(&t).unwrap())),
        any_text().prop_map(|t| Audience::Single(format!("[{t}"))),
        any_text().prop_map(|t| Audience::Single(format!(" \"{t}\" "))),
        Just(Audience::Single(String::new())),
        prop::collection::vec(any_text(), 0..4).prop_map(Audience::Multiple),
    ]
}

/// Every codec round trip, and serde agreeing with the native codecs.
fn check_round_trips<M>(m: &M) -> Result<(), TestCaseError>
where
    M: OidcMessage + PartialEq + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned,
{
    let form = m.to_form();
    prop_assert_eq!(&M::from_form(&form).unwrap(), m, "form: {}", form);

    let url = m.to_url("https://rp.example/cb").unwrap();
    prop_assert_eq!(
        &M::from_url(&url, Location::Query).unwrap(),
        m,
        "url: {}",
        url
    );
    prop_assert_eq!(&M::from_url(&url, Location::Auto).unwrap(), m);

    let fragment = format!("https://x/cb#{form}");
    prop_assert_eq!(&M::from_url(&fragment, Location::Auto).unwrap(), m);
    prop_assert_eq!(&M::from_url(&fragment, Location::Fragment).unwrap(), m);

    let json = m.to_json();
    prop_assert_eq!(&M::from_json(&json).unwrap(), m, "json: {}", json);

    prop_assert_eq!(serde_urlencoded::to_string(m).unwrap(), form.clone());
    prop_assert_eq!(&serde_urlencoded::from_str::<M>(&form).unwrap(), m);
    prop_assert_eq!(serde_json::to_string(m).unwrap(), json.clone());
    prop_assert_eq!(&serde_json::from_str::<M>(&json).unwrap(), m);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn auth_request_round_trips(m in auth_request()) {
        check_round_trips(&m)?;
    }

    #[test]
    fn token_request_round_trips(m in token_request()) {
        check_round_trips(&m)?;
    }

    #[test]
    fn claims_round_trip(m in claims()) {
        check_round_trips(&m)?;
    }

    #[test]
    fn metadata_round_trips(m in metadata()) {
        check_round_trips(&m)?;
    }

    #[test]
    fn vendor_round_trips(m in vendor()) {
        check_round_trips(&m)?;
    }

    /// An `Audience` keeps its shape through every codec: a single audience whose text
    /// is a JSON array stays single (issue: `"[\"client\"]"` became a list).
    #[test]
    fn audiences_keep_their_shape(aud in audience(), other in proptest::option::of(audience())) {
        check_round_trips(&Audiences { aud, other })?;
    }

    #[test]
    fn repeated_parameters_round_trip(m in exchange()) {
        check_round_trips(&m)?;
        // One pair per item, in order, in forms and URLs.
        let form = m.to_form();
        let resources = form.split('&').filter(|pair| pair.starts_with("resource=")).count();
        prop_assert_eq!(resources, m.resource.len());
    }
}

/// The core messages are derived messages too: the same round trips hold for them.
mod core_messages {
    use super::*;
    use oidc_core::messages::{
        AuthenticationRequest as CoreAuthenticationRequest, TokenRequest as CoreTokenRequest,
    };

    fn core_auth_request() -> impl Strategy<Value = CoreAuthenticationRequest> {
        (
            text(),
            text(),
            items(),
            proptest::option::of(text()),
            proptest::option::of(items()),
            proptest::option::of(any::<u64>()),
            prop::collection::vec(text(), 0..3),
            extra(),
        )
            .prop_map(
                |(client_id, redirect_uri, scope, state, prompt, max_age, resource, extra)| {
                    let mut r = CoreAuthenticationRequest::new(client_id, redirect_uri, scope);
                    r.state = state;
                    r.prompt = prompt;
                    r.max_age = max_age;
                    r.resource = resource;
                    r.extra = extra;
                    r
                },
            )
    }

    fn core_token_request() -> impl Strategy<Value = CoreTokenRequest> {
        prop_oneof![
            (text(), text(), proptest::option::of(text())).prop_map(|(code, uri, verifier)| {
                let mut r = CoreTokenRequest::for_authorization_code(code, uri);
                r.code_verifier = verifier;
                r
            }),
            (text(), proptest::option::of(items())).prop_map(|(token, scope)| {
                let mut r = CoreTokenRequest::for_refresh_token(token);
                r.scope = scope;
                r
            }),
            (text(), text(), items()).prop_map(|(user, password, scope)| {
                CoreTokenRequest::for_password(user, password, scope)
            }),
            (text(), text(), prop::collection::vec(text(), 0..3)).prop_map(
                |(id, secret, resource)| {
                    let mut r = CoreTokenRequest::for_client_credentials();
                    r.client_id = Some(id);
                    r.client_secret = Some(secret);
                    r.resource = resource;
                    r
                }
            ),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn core_authentication_request_round_trips(m in core_auth_request()) {
            check_round_trips(&m)?;
        }

        #[test]
        fn core_token_request_round_trips(m in core_token_request()) {
            check_round_trips(&m)?;
        }
    }
}
