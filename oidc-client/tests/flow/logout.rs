//! Logout: the RP-initiated logout URL (RP-Initiated Logout 1.0 §2) and the
//! back-channel logout receiver (Back-Channel Logout 1.0 §2.5–§2.8).

use std::cell::RefCell;

use oidc_client::{Endpoint, Error, ErrorKind};
use oidc_core::messages::{
    BackChannelLogoutNotification, BackChannelLogoutToken, RpInitiatedLogoutRequest,
};
use oidc_core::validation::{TokenError, ValidationError};
use oidc_core::{Location, NumericDate, OidcMessage};

use crate::provider::{Provider, CLIENT_ID, NOW, SUB};

#[tokio::test]
async fn the_logout_url_carries_the_hint_client_and_redirect() {
    let provider = Provider::new();
    let client = provider
        .builder()
        .post_logout_redirect_uri("https://rp.example/bye")
        .discover("https://op.example")
        .await
        .unwrap();
    let url = client
        .logout_url(Some("the.id.token"), |request| {
            request.state = Some("s1".into());
        })
        .unwrap();
    // The endpoint's own query is kept (OIDC Core §3.1.2.1 style URLs).
    assert!(url.starts_with("https://op.example/logout?ui=1&"), "{url}");
    let request = RpInitiatedLogoutRequest::from_url(&url, Location::Query).unwrap();
    assert_eq!(request.id_token_hint.as_deref(), Some("the.id.token"));
    assert_eq!(request.client_id.as_deref(), Some(CLIENT_ID));
    assert_eq!(
        request.post_logout_redirect_uri.as_deref(),
        Some("https://rp.example/bye")
    );
    assert_eq!(request.state.as_deref(), Some("s1"));

    // Without a hint or a redirect URI: client_id only.
    let url = provider.client().await.logout_url(None, |_| {}).unwrap();
    let request = RpInitiatedLogoutRequest::from_url(&url, Location::Query).unwrap();
    assert_eq!(request.id_token_hint, None);
    assert_eq!(request.post_logout_redirect_uri, None);
    assert_eq!(request.client_id.as_deref(), Some(CLIENT_ID));
}

/// A change to a Logout Token's claims.
type Edit = fn(&mut BackChannelLogoutToken);

fn body(token: &str) -> String {
    BackChannelLogoutNotification::new(token).to_form()
}

#[tokio::test]
async fn a_logout_token_is_verified_validated_and_checked_for_replay() {
    let provider = Provider::new();
    let client = provider.client().await;
    let seen = RefCell::new(Vec::<String>::new());
    let jti_is_new = |jti: &str| {
        if seen.borrow().iter().any(|s| s == jti) {
            return Err(format!("{jti} seen before"));
        }
        seen.borrow_mut().push(jti.to_owned());
        Ok(())
    };
    let token = provider.logout_token(|_| {});
    let logout = client
        .backchannel_logout(&body(&token), jti_is_new)
        .await
        .unwrap();
    assert_eq!(logout.sub.as_deref(), Some(SUB));
    assert_eq!(logout.sid.as_deref(), Some("sid-1"));
    assert_eq!(*seen.borrow(), ["jti-1"]);

    // The same token again: the replay hook refuses it (§2.6 step 10).
    let error = client
        .backchannel_logout(&body(&token), jti_is_new)
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Token);
    assert!(
        matches!(
            &error,
            Error::LogoutToken(TokenError::Claims(ValidationError::Callback { .. }))
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("seen before"), "{error}");
}

#[tokio::test]
async fn logout_tokens_that_break_2_6_are_refused() {
    let provider = Provider::new();
    let client = provider.client().await;
    let refused = |edit: Edit| {
        let token = provider.logout_token(edit);
        let client = &client;
        async move {
            client
                .backchannel_logout(&body(&token), |_| Ok(()))
                .await
                .unwrap_err()
        }
    };
    let cases: [(Edit, &str); 6] = [
        (|t| t.iss = "https://evil.example".into(), "iss"),
        (|t| t.aud = "another-client".into(), "aud"),
        (|t| t.exp = Some(NumericDate::from_secs(NOW - 60)), "exp"),
        (|t| t.events.clear(), "events"),
        (|t| t.nonce = Some("n".into()), "nonce"),
        (
            |t| {
                t.sub = None;
                t.sid = None;
            },
            "sub",
        ),
    ];
    for (edit, what) in cases {
        let error = refused(edit).await;
        assert_eq!(error.kind(), ErrorKind::Token, "{what}: {error}");
        assert!(
            matches!(error, Error::LogoutToken(TokenError::Claims(_))),
            "{what}: {error:?}"
        );
    }
    // An ID Token is not a Logout Token.
    let id_token = provider.id_token_jwt();
    let error = client
        .backchannel_logout(&body(&id_token), |_| Ok(()))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Token, "{error}");
    // A token signed by another key.
    let other = oidc_core::jwt::SigningKey::generate(oidc_core::jwt::Algorithm::ES256)
        .unwrap()
        .with_kid("k1");
    let mut claims = BackChannelLogoutToken::new(
        "https://op.example",
        CLIENT_ID,
        NumericDate::from_secs(NOW),
        NumericDate::from_secs(NOW + 60),
        "j",
    );
    claims.sub = Some(SUB.into());
    let forged = oidc_core::issue::logout_token(&claims, &other).unwrap();
    let error = client
        .backchannel_logout(&body(&forged), |_| Ok(()))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::LogoutToken(_)), "{error:?}");
    assert!(
        !matches!(error, Error::LogoutToken(TokenError::Claims(_))),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_body_without_a_logout_token_is_an_invalid_request() {
    let provider = Provider::new();
    let client = provider.client().await;
    for body in [
        "",
        "logout_token=",
        "token=abc",
        "logout_token=a&logout_token=b",
    ] {
        let error = client
            .backchannel_logout(body, |_| Ok(()))
            .await
            .unwrap_err();
        match &error {
            Error::InvalidResponse {
                endpoint: Endpoint::BackchannelLogout,
                ..
            } => {}
            // An empty token is read, then refused as a JWT.
            Error::LogoutToken(_) if body == "logout_token=" => {}
            e => panic!("{body:?}: {e:?}"),
        }
    }
}
