//! The client is shared across threads (`Arc<Client>` in an axum app state) and its
//! futures are `Send`, so they run on multi-threaded runtimes and in axum handlers.
//! Compile-time checks: a future holding something that is not `Send` across an
//! `.await` fails to build here.

use oidc_client::{Client, DeviceCodes, PendingLogin};
use oidc_core::messages::{IdToken, TokenSuccessResponse};

fn send<T: Send>(_: &T) {}

#[allow(dead_code)]
fn every_future_is_send(
    client: &Client,
    pending: &PendingLogin,
    tokens: &TokenSuccessResponse,
    id_token: &IdToken,
    codes: &DeviceCodes,
) {
    send(&client.authorization_url(&[], |_| {}));
    send(&client.callback("", pending));
    send(&client.userinfo(tokens, id_token));
    send(&client.refresh("", id_token));
    send(&client.introspect("", None));
    send(&client.revoke("", None));
    send(&client.client_credentials(&[], |_| {}));
    send(&client.device_authorization(&[], |_| {}));
    send(&client.device_tokens(codes));
    send(&client.backchannel_logout("", |_| Ok(())));
    send(&Client::builder(oidc_core::client_auth::ClientAuth::none("rp")).discover(""));
}

#[test]
fn the_client_is_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<Client>();
    shared::<PendingLogin>();
    // Nothing to run: the checks above are the compiler's.
}
