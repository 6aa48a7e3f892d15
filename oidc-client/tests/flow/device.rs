//! The device authorization grant (RFC 8628) through the client: the codes, polling by
//! the rule of §3.5 (interval, slow_down, timeouts), the expiry, the ID Token.

use std::time::Duration;

use oidc_client::{Endpoint, Error, ErrorKind, ProtocolError};
use oidc_core::messages::{DeviceAuthorizationRequest, TokenRequest};
use oidc_core::{NumericDate, OidcMessage};

use crate::provider::{
    json, Provider, ACCESS_TOKEN, DEVICE_CODE, DEVICE_EXPIRES_IN, NOW, SUB, USER_CODE,
};

const FIVE: Duration = Duration::from_secs(5);

#[tokio::test]
async fn codes_then_polling_until_the_user_approves() {
    let provider = Provider::new();
    let client = provider.client().await;
    let codes = client
        .device_authorization(&["email"], |request| {
            request.extra.insert("resource", "https://rs.example");
        })
        .await
        .unwrap();
    assert_eq!(codes.response.user_code, USER_CODE);
    assert_eq!(codes.response.device_code, DEVICE_CODE);
    assert_eq!(
        codes.expires_at,
        NumericDate::from_secs(NOW + i64::try_from(DEVICE_EXPIRES_IN).unwrap())
    );
    let sent = provider.last("/device");
    assert!(sent.header_value("authorization").is_some());
    let form = DeviceAuthorizationRequest::from_form(sent.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        form.scope,
        Some(vec!["openid".to_owned(), "email".to_owned()])
    );
    assert_eq!(
        form.extra.get::<String>("resource").unwrap().as_deref(),
        Some("https://rs.example")
    );

    // Pending, slow down (the interval grows by 5 s for good), pending, then the tokens.
    provider.state().device_script = [
        "authorization_pending",
        "slow_down",
        "authorization_pending",
    ]
    .into();
    let login = client.device_tokens(&codes).await.unwrap();
    assert_eq!(login.tokens.access_token, ACCESS_TOKEN);
    let id_token = login.id_token.expect("an ID Token");
    assert_eq!(id_token.sub, SUB);
    assert_eq!(id_token.nonce, None);
    assert_eq!(
        provider.state().sleeps,
        [FIVE, FIVE, Duration::from_secs(10), Duration::from_secs(10)]
    );
    let polls: Vec<_> = provider
        .state()
        .requests
        .iter()
        .filter(|r| r.url.ends_with("/token"))
        .map(|r| TokenRequest::from_form(r.body.as_deref().unwrap()).unwrap())
        .collect();
    assert_eq!(polls.len(), 4);
    for poll in polls {
        assert_eq!(
            poll.grant_type.as_ref(),
            "urn:ietf:params:oauth:grant-type:device_code"
        );
        assert_eq!(poll.device_code.as_deref(), Some(DEVICE_CODE));
        // An authenticating client's credentials name it: no client_id in the body.
        assert_eq!(poll.client_id, None);
    }
}

#[tokio::test]
async fn a_timed_out_poll_doubles_the_interval() {
    let provider = Provider::new();
    let client = provider.client().await;
    let codes = client.device_authorization(&[], |_| {}).await.unwrap();
    provider.state().device_script = ["timeout", "authorization_pending"].into();
    let client = provider
        .builder()
        .timeout(Duration::from_secs(1))
        .discover("https://op.example")
        .await
        .unwrap();
    client.device_tokens(&codes).await.unwrap();
    // 5 s, the 1 s timeout, then 10 s twice (§3.5: back off after a timeout).
    assert_eq!(
        provider.state().sleeps,
        [
            FIVE,
            Duration::from_secs(1),
            Duration::from_secs(10),
            Duration::from_secs(10)
        ]
    );
}

#[tokio::test]
async fn polling_stops_at_a_final_error() {
    let provider = Provider::new();
    let client = provider.client().await;
    let codes = client.device_authorization(&[], |_| {}).await.unwrap();
    provider.state().device_script = ["authorization_pending", "access_denied"].into();
    let error = client.device_tokens(&codes).await.unwrap_err();
    match &error {
        Error::Protocol {
            endpoint: Endpoint::Token,
            error: ProtocolError::Token(e),
        } => assert_eq!(e.error.as_ref(), "access_denied"),
        e => panic!("{e:?}"),
    }
    assert_eq!(provider.state().sleeps, [FIVE, FIVE]);
    // A failure that is not the provider's answer stops at once too.
    provider.answer("/token", json(502, "bad gateway"));
    let error = client.device_tokens(&codes).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::HttpStatus, "{error}");
}

#[tokio::test]
async fn polling_stops_before_the_codes_expire() {
    let provider = Provider::new();
    let client = provider.client().await;
    let codes = client.device_authorization(&[], |_| {}).await.unwrap();
    // The user never acts: polls every 5 s while a poll still comes before the expiry
    // (NOW + 60): at +5 .. +55, eleven polls; the twelfth would be at +60.
    provider.state().device_script = std::iter::repeat_n("authorization_pending", 100).collect();
    let error = client.device_tokens(&codes).await.unwrap_err();
    assert!(
        matches!(error, Error::DeviceCodeExpired { expires_at } if expires_at == codes.expires_at),
        "{error:?}"
    );
    assert_eq!(error.kind(), ErrorKind::Expired);
    assert_eq!(provider.state().sleeps.len(), 11);
    assert_eq!(provider.state().elapsed, 55);
}

#[tokio::test]
async fn a_public_client_names_itself_in_each_poll() {
    let provider = Provider::new();
    let client = oidc_client::Client::builder(oidc_core::client_auth::ClientAuth::none("rp"))
        .transport(provider.clone())
        .clock(oidc_core::validation::FixedClock(NumericDate::from_secs(
            NOW,
        )))
        .discover("https://op.example")
        .await
        .unwrap();
    // This provider wants client_secret_basic: the device request is refused, typed.
    let error = client.device_authorization(&[], |_| {}).await.unwrap_err();
    assert_eq!(
        error.protocol().map(ProtocolError::code),
        Some("invalid_client")
    );
    let sent = provider.last("/device");
    let form = DeviceAuthorizationRequest::from_form(sent.body.as_deref().unwrap()).unwrap();
    assert_eq!(form.client_id.as_deref(), Some("rp"));

    // Polling with codes from elsewhere: the client_id is in the body.
    let codes = provider
        .client()
        .await
        .device_authorization(&[], |_| {})
        .await
        .unwrap();
    let _ = client.device_tokens(&codes).await;
    let poll = TokenRequest::from_form(provider.last("/token").body.as_deref().unwrap()).unwrap();
    assert_eq!(poll.client_id.as_deref(), Some("rp"));
}
