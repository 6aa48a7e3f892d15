//! Dynamic Client Registration (RFC 7591) and management (RFC 7592): register a client,
//! log in with it, read it, update it, delete it; a refused registration's error code.

use oidc_core::messages::*;
use oidc_core::validation::Nonce;
use oidc_core::OidcMessage;

use oidc_core::client_auth::ClientAuth;

use crate::harness::{code_flow, setup, verify_id_token, Browser, REDIRECT_URI};

fn information(reply: &crate::harness::Reply, status: u16) -> ClientInformationResponse {
    assert_eq!(reply.status, status, "{}", reply.body);
    ClientRegistrationResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap()
}

#[test]
#[ignore = "needs Node.js and `npm ci` in tests/interop: run tests/interop/run.sh"]
fn register_log_in_read_update_delete() {
    let ctx = setup();
    let browser = Browser::new(&ctx.provider.issuer);
    let endpoint = ctx
        .metadata
        .registration_endpoint
        .clone()
        .expect("registration");

    let mut metadata = ClientMetadata::default();
    metadata.redirect_uris = vec![REDIRECT_URI.into()];
    metadata.grant_types = vec!["authorization_code".into(), "refresh_token".into()];
    metadata.response_types = vec!["code".into()];
    metadata.token_endpoint_auth_method = Some(TokenEndpointAuthMethod::ClientSecretBasic);
    metadata.client_name = Some("Dynamic RP".into());
    metadata.set_localized("client_name", "ja-Jpan-JP", "クライアント名");
    metadata.contacts = vec!["ops@rp.example".into()];
    metadata.id_token_signed_response_alg = Some("RS256".into());
    metadata.require_auth_time = true;
    metadata.default_max_age = Some(3600);
    metadata.post_logout_redirect_uris = vec!["http://127.0.0.1:9/bye".into()];
    let request = ClientRegistrationRequest::new(metadata);
    let registered = information(
        &browser.send("POST", &endpoint, Some(&request.to_json()), None),
        201,
    );
    let client_id = registered.client_id.clone();
    let secret = registered.client_secret.clone().expect("a client secret");
    assert!(registered.client_secret_expires_at.is_some());
    assert_eq!(
        registered.metadata.client_name.as_deref(),
        Some("Dynamic RP")
    );
    assert!(registered.metadata.require_auth_time);
    assert_eq!(registered.metadata.default_max_age, Some(3600));
    assert_eq!(
        registered
            .metadata
            .localized("client_name", "ja-Jpan-JP")
            .as_deref(),
        Some("クライアント名")
    );
    let uri = registered
        .registration_client_uri
        .clone()
        .expect("RFC 7592");
    let token = registered
        .registration_access_token
        .clone()
        .expect("RFC 7592");
    eprintln!("registration: ok ({client_id})");

    // The new client logs in; require_auth_time puts auth_time in its ID Token.
    let (tokens, nonce) = code_flow(
        &ctx,
        &browser,
        &ClientAuth::client_secret_basic(&client_id, &secret),
    );
    let id_token = verify_id_token(
        &ctx,
        tokens.id_token.as_deref().unwrap(),
        &client_id,
        Nonce::Expected(&nonce),
    );
    assert!(id_token.auth_time.is_some(), "require_auth_time");

    // Read.
    let read = ClientConfigurationRequest::read(&uri, &token);
    let reply = browser.send(
        read.method.as_str(),
        &read.uri,
        None,
        Some(&read.authorization),
    );
    let current = information(&reply, 200);
    assert_eq!(current.client_id, client_id);
    assert_eq!(current.metadata.contacts, ["ops@rp.example"]);

    // Update: the whole registration, renamed. The provider rotates the token.
    let mut update = current.to_update_request();
    update.metadata.client_name = Some("Dynamic RP, renamed".into());
    let put = ClientConfigurationRequest::update(&uri, &token, &update);
    let reply = browser.send(
        put.method.as_str(),
        &put.uri,
        put.body.as_deref(),
        Some(&put.authorization),
    );
    let updated = information(&reply, 200);
    assert_eq!(
        updated.metadata.client_name.as_deref(),
        Some("Dynamic RP, renamed")
    );
    let token = updated.registration_access_token.clone().unwrap_or(token);
    eprintln!("read and update: ok");

    // Delete, then the registration access token is no good.
    let delete = ClientConfigurationRequest::delete(&uri, &token);
    let reply = browser.send(
        delete.method.as_str(),
        &delete.uri,
        None,
        Some(&delete.authorization),
    );
    assert_eq!(reply.status, 204, "{}", reply.body);
    let read = ClientConfigurationRequest::read(&uri, &token);
    let reply = browser.send(
        read.method.as_str(),
        &read.uri,
        None,
        Some(&read.authorization),
    );
    assert_eq!(reply.status, 401, "{}", reply.body);
    eprintln!("delete: ok");

    // A refused registration carries a registered error code.
    let mut bad = ClientMetadata::default();
    bad.redirect_uris = vec!["not a uri".into()];
    let reply = browser.send(
        "POST",
        &endpoint,
        Some(&ClientRegistrationRequest::new(bad).to_json()),
        None,
    );
    assert_eq!(reply.status, 400, "{}", reply.body);
    let error = ClientRegistrationResponse::from_json(&reply.body)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert!(
        matches!(
            error.error,
            ClientRegistrationErrorCode::InvalidRedirectUri
                | ClientRegistrationErrorCode::InvalidClientMetadata
        ),
        "{error}"
    );
    eprintln!("registration error: ok ({error})");
}
