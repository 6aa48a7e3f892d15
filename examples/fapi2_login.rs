//! A FAPI 2.0-shaped login — PAR + PKCE + `private_key_jwt` + DPoP + RFC 9207 `iss` —
//! with both sides in one process: the relying party uses the client API, and a small
//! provider and resource server are built from this crate's provider-side API
//! (assertion, proof and token checks, token issuing). Messages cross between them as
//! the strings (form bodies, JSON, URLs, header values) HTTP would carry.
//!
//! Run with `cargo run --example fapi2_login`. The same client flow against a real
//! provider (panva's oidc-provider) is `tests/interop/fapi.rs`.

use std::cell::RefCell;
use std::collections::HashMap;

use oidc_core::client_auth::{ClientAuth, ClientCredentials};
use oidc_core::dpop::{
    authorization_header, is_nonce_error, nonce_challenge, send_with_nonce, DpopKey, DpopValidation,
};
use oidc_core::jwt::{Algorithm, JwkSet, SigningKey};
use oidc_core::messages::*;
use oidc_core::validation::{
    AccessTokenValidation, AuthenticationResponseValidation, ClientAssertionValidation, Clock,
    IdTokenValidation, SystemClock,
};
use oidc_core::{issue, pkce, random, Location, NumericDate, OidcMessage};

const ISSUER: &str = "https://op.example";
const PAR_ENDPOINT: &str = "https://op.example/par";
const AUTHORIZATION_ENDPOINT: &str = "https://op.example/authorize";
const TOKEN_ENDPOINT: &str = "https://op.example/token";
const RESOURCE: &str = "https://api.example/accounts";
const CLIENT_ID: &str = "fapi-client";
const REDIRECT_URI: &str = "https://client.example/cb";

/// An HTTP answer: status, body, and the headers the flow looks at.
struct Answer {
    status: u16,
    body: String,
    dpop_nonce: Option<String>,
}

/// The provider: its signing key, the client's registered keys, pushed requests, codes,
/// the DPoP nonce it currently wants, and the `jti`s it has seen.
struct Provider {
    key: SigningKey,
    client_keys: JwkSet,
    pushed: RefCell<HashMap<String, AuthenticationRequest>>,
    codes: RefCell<HashMap<String, AuthenticationRequest>>,
    dpop_nonce: String,
    seen_jti: RefCell<Vec<String>>,
}

impl Provider {
    /// Client authentication at any endpoint: private_key_jwt, aud = the issuer, once.
    fn authenticate(&self, body: &str) -> Result<(), String> {
        let credentials = ClientCredentials::from_request(None, body).map_err(|e| e.to_string())?;
        let ClientCredentials::Assertion { assertion, .. } = &credentials else {
            return Err(format!(
                "{} is not this client's method",
                credentials.method()
            ));
        };
        ClientAssertionValidation::new(ISSUER, CLIENT_ID)
            .algorithms(&[Algorithm::ES256]) // the client's token_endpoint_auth_signing_alg
            .max_lifetime(300)
            .unique_jti(|jti, _exp| self.once(jti))
            .verify::<ClientAssertion>(assertion, &self.client_keys)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn once(&self, jti: &str) -> Result<(), String> {
        let mut seen = self.seen_jti.borrow_mut();
        if seen.iter().any(|s| s == jti) {
            return Err("replayed".into());
        }
        seen.push(jti.to_owned());
        Ok(())
    }

    /// RFC 9126: the pushed authorization request.
    fn par(&self, body: &str) -> Answer {
        if let Err(e) = self.authenticate(body) {
            return error(401, PushedAuthorizationErrorCode::InvalidClient, &e);
        }
        let Ok(mut request) = AuthenticationRequest::from_form(body) else {
            return error(
                400,
                PushedAuthorizationErrorCode::InvalidRequest,
                "bad request",
            );
        };
        for credential in ["client_assertion", "client_assertion_type"] {
            request.extra.remove(credential);
        }
        // FAPI 2.0: PKCE with S256.
        if request.code_challenge_method.as_deref() != Some("S256") {
            return error(
                400,
                PushedAuthorizationErrorCode::InvalidRequest,
                "PKCE S256 required",
            );
        }
        let request_uri = format!("urn:ietf:params:oauth:request_uri:{}", random::token(16));
        self.pushed
            .borrow_mut()
            .insert(request_uri.clone(), request);
        json(
            201,
            &PushedAuthorizationSuccessResponse::new(request_uri, 60).to_json(),
        )
    }

    /// The authorization endpoint: only pushed requests; the user logs in; a code.
    fn authorize(&self, url: &str) -> String {
        let reference =
            JarRequest::from_url(url, Location::Query).expect("client_id + request_uri");
        let request = self
            .pushed
            .borrow_mut()
            .remove(reference.request_uri.as_deref().unwrap_or_default())
            .filter(|pushed| pushed.client_id == reference.client_id)
            .expect("a pushed request of this client, used once");
        let code = random::token(32);
        let mut response = AuthenticationSuccessResponse::for_code(&code);
        response.state = request.state.clone();
        response.iss = Some(ISSUER.to_owned()); // RFC 9207
        let redirect = response.to_url(&request.redirect_uri).unwrap();
        self.codes.borrow_mut().insert(code, request);
        redirect
    }

    /// The token endpoint: client authentication, the DPoP proof (with this provider's
    /// nonce), the code, PKCE, then DPoP-bound tokens.
    fn token(&self, body: &str, dpop: Option<&str>) -> Answer {
        if let Err(e) = self.authenticate(body) {
            return error(401, TokenErrorCode::InvalidClient, &e);
        }
        let checks = DpopValidation::new("POST", TOKEN_ENDPOINT)
            .algorithms(&[Algorithm::ES256])
            .nonce(&self.dpop_nonce)
            .unique_jti(|jti| self.once(jti));
        let proof = match checks.verify(dpop.unwrap_or_default()) {
            Ok(proof) => proof,
            Err(e) if is_nonce_error(&e) => {
                let mut answer = error(400, TokenErrorCode::UseDpopNonce, "use the nonce");
                answer.dpop_nonce = Some(self.dpop_nonce.clone());
                return answer;
            }
            Err(e) => return error(400, TokenErrorCode::InvalidDpopProof, &e.to_string()),
        };
        let request = TokenRequest::from_form(body).unwrap();
        let Some(authorized) = self
            .codes
            .borrow_mut()
            .remove(request.code.as_deref().unwrap_or_default())
        else {
            return error(400, TokenErrorCode::InvalidGrant, "unknown code");
        };
        let challenge = authorized.code_challenge.as_deref().unwrap_or_default();
        if !pkce::verify(
            request.code_verifier.as_deref().unwrap_or_default(),
            challenge,
            "S256",
        ) || authorized.extra.get_str("dpop_jkt").as_deref() != Some(proof.jkt.as_str())
        {
            return error(
                400,
                TokenErrorCode::InvalidGrant,
                "PKCE or dpop_jkt mismatch",
            );
        }
        let now = SystemClock.now();
        let in_ten_minutes = NumericDate::from_secs(now.as_secs() + 600);
        let mut access = JwtAccessToken::new(
            ISSUER,
            in_ten_minutes,
            RESOURCE,
            "alice",
            CLIENT_ID,
            now,
            random::jti(),
        );
        access.scope = Some(authorized.scope.clone());
        access.cnf = Some(Confirmation::dpop(&proof.jkt)); // RFC 9449 §6.1
        let access_token = issue::access_token(&access, &self.key).unwrap();
        let mut id = IdToken::new(ISSUER, "alice", CLIENT_ID, in_ten_minutes, now);
        id.nonce = authorized.nonce.clone();
        let id_token = issue::id_token(&id, &self.key, Some(&access_token), None).unwrap();
        let mut tokens = TokenSuccessResponse::new(access_token, "DPoP");
        tokens.expires_in = Some(600);
        tokens.id_token = Some(id_token);
        json(200, &tokens.to_json())
    }
}

/// The resource server: a JWT access token from the provider, used with its DPoP proof.
fn resource(provider_keys: &JwkSet, authorization: &str, dpop: &str) -> Result<String, String> {
    let token = authorization
        .strip_prefix("DPoP ")
        .ok_or("not a DPoP token")?;
    let claims: JwtAccessToken = AccessTokenValidation::new(ISSUER, RESOURCE)
        .algorithms(&[Algorithm::ES256])
        .verify(token, provider_keys)
        .map_err(|e| e.to_string())?;
    let jkt = claims
        .cnf
        .as_ref()
        .and_then(|cnf| cnf.jkt.as_deref())
        .ok_or("not bound")?;
    let checks = DpopValidation::new("GET", RESOURCE).with_access_token(token, jkt);
    checks.verify(dpop).map_err(|e| e.to_string())?;
    Ok(format!("{{\"accounts\":[],\"owner\":\"{}\"}}", claims.sub))
}

fn json(status: u16, body: &str) -> Answer {
    Answer {
        status,
        body: body.to_owned(),
        dpop_nonce: None,
    }
}

fn error(status: u16, code: impl AsRef<str>, description: &str) -> Answer {
    let body = serde_json::json!({"error": code.as_ref(), "error_description": description});
    json(status, &body.to_string())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Registration: the client's key pair; the provider knows its public half.
    let client_key = SigningKey::generate(Algorithm::ES256)?.with_kid("client-2024");
    let provider = Provider {
        key: SigningKey::generate(Algorithm::ES256)?.with_kid("op-2024"),
        client_keys: JwkSet::from_json(&client_key.public_jwk_set_json().unwrap())?,
        pushed: RefCell::default(),
        codes: RefCell::default(),
        dpop_nonce: random::nonce(),
        seen_jti: RefCell::default(),
    };
    let provider_keys = provider.key.verifying_keys(); // what its jwks_uri serves

    // The relying party: private_key_jwt with aud = the issuer, an ephemeral DPoP key.
    let auth = ClientAuth::private_key_jwt(CLIENT_ID, client_key, ISSUER)?;
    let dpop = DpopKey::generate(Algorithm::ES256)?;
    let (state, nonce, verifier) = (random::state(), random::nonce(), random::pkce_verifier());

    // 1. PAR: the request's parameters plus the client assertion, POSTed.
    let mut request = AuthenticationRequest::new(CLIENT_ID, REDIRECT_URI, ["openid", "accounts"]);
    request.state = Some(state.clone());
    request.nonce = Some(nonce.clone());
    request.code_challenge = Some(pkce::s256_challenge(&verifier));
    request.code_challenge_method = Some("S256".into());
    request.extra.insert("dpop_jkt", dpop.jkt()); // RFC 9449 §10: bind the code to the key
    let pushed = auth.apply(&request.to_form())?;
    let answer = provider.par(&pushed.body);
    let pushed = PushedAuthorizationResponse::from_json(&answer.body)?.into_result()?;
    println!(
        "1. PAR to {PAR_ENDPOINT} ({}): request_uri {}, {} s",
        answer.status, pushed.request_uri, pushed.expires_in
    );

    // 2. The authorization request carries client_id and request_uri only.
    let url =
        JarRequest::by_reference(CLIENT_ID, &pushed.request_uri).to_url(AUTHORIZATION_ENDPOINT)?;
    let redirect = provider.authorize(&url);
    println!("2. authorize: {url}\n   redirect: {redirect}");

    // 3. The response: state and RFC 9207 iss checked, then the code.
    let response = AuthenticationResponse::from_url(&redirect, Location::Auto)?;
    response.validate_extern(
        &AuthenticationResponseValidation::new(Some(&state), ISSUER).require_iss(),
    )?;
    let code = response.into_result()?.code.unwrap();
    println!("3. code received (state and iss match)");

    // 4. The token request, with a DPoP proof; the provider wants its nonce first.
    let mut token_request = TokenRequest::for_authorization_code(code, REDIRECT_URI);
    token_request.code_verifier = Some(verifier);
    let mut dpop_nonce = None;
    let mut requests = 0;
    let answer = send_with_nonce(
        &mut dpop_nonce,
        |nonce| {
            requests += 1;
            let proof = dpop.proof("POST", TOKEN_ENDPOINT, None, nonce).unwrap();
            provider.token(
                &auth.apply(&token_request.to_form()).unwrap().body,
                Some(&proof),
            )
        },
        |answer| {
            let error = TokenResponse::from_json(&answer.body)
                .ok()?
                .into_result()
                .err()?;
            nonce_challenge(error.error.as_ref(), answer.dpop_nonce.as_deref()).map(str::to_owned)
        },
    );
    let tokens = TokenResponse::from_json(&answer.body)?.into_result()?;
    assert!(tokens.is_dpop());
    println!(
        "4. tokens after {requests} requests (use_dpop_nonce, then the nonce): token_type {}",
        tokens.token_type
    );

    // 5. The ID Token: signature, claims, nonce, at_hash (the one call).
    let id_token: IdToken = IdTokenValidation::new(ISSUER, CLIENT_ID)
        .algorithms(&[Algorithm::ES256])
        .nonce(&nonce)
        .access_token(&tokens.access_token)
        .verify(tokens.id_token.as_deref().unwrap(), &provider_keys)?;
    println!(
        "5. ID Token for {} (at_hash {} checked)",
        id_token.sub,
        id_token.at_hash.as_deref().unwrap()
    );

    // 6. The resource, with the token and a proof of the same key.
    let proof = dpop.proof("GET", RESOURCE, Some(&tokens.access_token), None)?;
    let data = resource(
        &provider_keys,
        &authorization_header(&tokens.access_token),
        &proof,
    )?;
    println!("6. resource: {data}");

    // 7. A stolen token is useless without the key.
    let thief = DpopKey::generate(Algorithm::ES256)?;
    let stolen = thief.proof("GET", RESOURCE, Some(&tokens.access_token), None)?;
    let refused = resource(
        &provider_keys,
        &authorization_header(&tokens.access_token),
        &stolen,
    )
    .unwrap_err();
    println!("7. the same token with another key's proof: {refused}");
    Ok(())
}
