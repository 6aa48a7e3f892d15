//! DPoP (RFC 9449): the RFC's own proof verifies, our proofs verify, and every §4.3
//! check refuses what it must.

use std::cell::RefCell;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use oidc_core::dpop::{
    access_token_hash, authorization_header, is_nonce_error, nonce_challenge,
    resource_nonce_challenge, send_with_nonce, DpopKey, DpopValidation, USE_DPOP_NONCE,
};
use oidc_core::jwt::{Algorithm, JwtError, SigningKey};
use oidc_core::messages::{TokenErrorCode, TokenResponse, UserinfoErrorResponse};
use oidc_core::validation::{TokenError, TokenErrorKind, ValidationError};
use oidc_core::NumericDate;

use crate::{clock_at, header, now, payload, NOW};

/// RFC 9449 §4.1 (Figure 5 of §5 sends it): a proof for POST https://server.example.com/token.
const RFC_PROOF: &str = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg";
const RFC_IAT: i64 = 1_562_262_616;
const TOKEN_URL: &str = "https://server.example.com/token";
const RESOURCE: &str = "https://resource.example.org/protectedresource";
const ACCESS_TOKEN: &str = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU";

fn at_rfc_iat(offset: i64) -> oidc_core::validation::FixedClock {
    oidc_core::validation::FixedClock(NumericDate::from_secs(RFC_IAT + offset))
}

#[test]
fn the_rfc_9449_example_proof() {
    let checks = DpopValidation::new("POST", TOKEN_URL).clock(at_rfc_iat(0));
    let verified = checks.verify(RFC_PROOF).unwrap();
    assert_eq!(verified.jkt, "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
    assert_eq!(verified.claims.jti, "-BwC3ESc6acc2lTc");
    assert_eq!(verified.key.kty(), "EC");
    // Query and fragment of the request URI do not matter; the host's case does not either.
    let checks = DpopValidation::new("POST", "https://SERVER.example.com:443/token?x=1#y")
        .clock(at_rfc_iat(0));
    assert!(checks.verify(RFC_PROOF).is_ok());
    // Another method, another URI.
    let mismatch =
        |htm, htu| match (DpopValidation::new(htm, htu).clock(at_rfc_iat(0))).verify(RFC_PROOF) {
            Err(TokenError::Claims(ValidationError::ClaimMismatch { claim, .. })) => claim,
            other => panic!("{other:?}"),
        };
    assert_eq!(mismatch("GET", TOKEN_URL), "htm");
    assert_eq!(mismatch("post", TOKEN_URL), "htm");
    assert_eq!(mismatch("POST", "https://server.example.com/token2"), "htu");
    assert_eq!(mismatch("POST", "http://server.example.com/token"), "htu");
    assert_eq!(mismatch("POST", "not a uri"), "htu");
    // The window: at most 300 s old, at most 30 s ahead.
    let at = |offset| {
        (DpopValidation::new("POST", TOKEN_URL).clock(at_rfc_iat(offset))).verify(RFC_PROOF)
    };
    assert!(at(300).is_ok());
    assert!(matches!(
        at(301),
        Err(TokenError::Claims(ValidationError::IssuedTooEarly { .. }))
    ));
    assert!(at(-30).is_ok());
    assert!(matches!(
        at(-31),
        Err(TokenError::Claims(ValidationError::IssuedInFuture { .. }))
    ));
    let short = DpopValidation::new("POST", TOKEN_URL)
        .clock(at_rfc_iat(11))
        .max_age(10);
    assert!(matches!(
        short.verify(RFC_PROOF),
        Err(TokenError::Claims(ValidationError::IssuedTooEarly { .. }))
    ));
    // Bound to its own key, or to another.
    let bound = DpopValidation::new("POST", TOKEN_URL).clock(at_rfc_iat(0));
    assert!(
        (bound.bound_to("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"))
            .verify(RFC_PROOF)
            .is_ok()
    );
    let other = DpopValidation::new("POST", TOKEN_URL)
        .clock(at_rfc_iat(0))
        .bound_to("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    assert!(matches!(
        other.verify(RFC_PROOF),
        Err(TokenError::Claims(ValidationError::ClaimMismatch {
            claim: "jwk",
            ..
        }))
    ));
    // Only the allowed algorithms.
    let eddsa_only = DpopValidation::new("POST", TOKEN_URL)
        .clock(at_rfc_iat(0))
        .algorithms(&[Algorithm::EdDSA]);
    assert_eq!(
        eddsa_only.verify(RFC_PROOF).unwrap_err(),
        TokenError::Jwt(JwtError::AlgorithmNotAllowed(Algorithm::ES256))
    );
    // A server that requires a nonce.
    let nonce = DpopValidation::new("POST", TOKEN_URL)
        .clock(at_rfc_iat(0))
        .nonce("n");
    let err = nonce.verify(RFC_PROOF).unwrap_err();
    assert!(is_nonce_error(&err), "{err}");
}

#[test]
fn our_proofs() {
    for alg in [Algorithm::ES256, Algorithm::ES384, Algorithm::EdDSA] {
        let key = DpopKey::generate(alg).unwrap();
        let proof = key
            .proof_at(
                "POST",
                "https://server.example.com/token?code=x#f",
                None,
                Some("srv-nonce"),
                now(),
            )
            .unwrap();
        let h = header(&proof);
        assert_eq!(h["typ"], "dpop+jwt");
        assert!(h["jwk"]["d"].is_null() && h["jwk"]["kty"].is_string());
        assert!(h.get("kid").is_none());
        let claims = payload(&proof);
        assert_eq!(claims["htm"], "POST");
        assert_eq!(claims["htu"], TOKEN_URL);
        assert_eq!(claims["iat"], NOW);
        assert_eq!(claims["nonce"], "srv-nonce");
        assert!(claims.get("ath").is_none());
        let checks = DpopValidation::new("POST", TOKEN_URL)
            .clock(clock_at(0))
            .nonce("srv-nonce");
        let verified = checks.verify(&proof).unwrap();
        assert_eq!(verified.jkt, key.jkt());
        assert_eq!(
            verified.key.thumbprint(),
            key.signing_key().public_jwk().unwrap().thumbprint()
        );
        // At the resource: ath and cnf.jkt.
        let proof = key
            .proof_at("GET", RESOURCE, Some(ACCESS_TOKEN), None, now())
            .unwrap();
        assert_eq!(
            payload(&proof)["ath"],
            "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
        );
        let checks = DpopValidation::new("GET", RESOURCE)
            .clock(clock_at(0))
            .with_access_token(ACCESS_TOKEN, key.jkt());
        assert!(checks.verify(&proof).is_ok());
        let other_token = DpopValidation::new("GET", RESOURCE)
            .clock(clock_at(0))
            .with_access_token("another", key.jkt());
        assert!(matches!(
            other_token.verify(&proof),
            Err(TokenError::Claims(ValidationError::ClaimMismatch {
                claim: "ath",
                ..
            }))
        ));
        let token_proof = key.proof_at("GET", RESOURCE, None, None, now()).unwrap();
        assert!(matches!(
            checks.verify(&token_proof),
            Err(TokenError::Claims(ValidationError::ClaimMissing {
                claim: "ath",
                ..
            }))
        ));
    }
    assert_eq!(
        authorization_header(ACCESS_TOKEN),
        format!("DPoP {ACCESS_TOKEN}")
    );
    assert_eq!(
        access_token_hash(ACCESS_TOKEN),
        "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
    );
    // HMAC keys cannot prove possession; htu must be an http(s) URI.
    assert!(DpopKey::generate(Algorithm::HS256).is_err());
    assert!(DpopKey::from_key(SigningKey::generate(Algorithm::HS256).unwrap()).is_err());
    let key = DpopKey::generate(Algorithm::ES256).unwrap();
    assert!(matches!(
        key.proof("GET", "/relative", None, None),
        Err(JwtError::Signing(_))
    ));
    assert!(!format!("{key:?}").contains("d:"));
}

/// A proof whose header is `header_json`, signed with `key`.
fn crafted(key: &SigningKey, header_json: &str, claims: &serde_json::Value) -> String {
    let mut input = URL_SAFE_NO_PAD.encode(header_json);
    input.push('.');
    input.push_str(&URL_SAFE_NO_PAD.encode(claims.to_string()));
    let signature = key.sign(input.as_bytes()).unwrap();
    format!("{input}.{signature}")
}

fn claims() -> serde_json::Value {
    serde_json::json!({"jti": "j", "htm": "POST", "htu": TOKEN_URL, "iat": NOW})
}

#[test]
fn section_4_3_refusals() {
    let key = SigningKey::generate(Algorithm::ES256).unwrap();
    let public = key.public_jwk().unwrap().to_json();
    let checks = DpopValidation::new("POST", TOKEN_URL).clock(clock_at(0));
    let ok = crafted(
        &key,
        &format!(r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{public}}}"#),
        &claims(),
    );
    assert!(checks.verify(&ok).is_ok());
    // A kid next to the jwk is fine.
    let with_kid = crafted(
        &key,
        &format!(r#"{{"typ":"dpop+jwt","alg":"ES256","kid":"k","jwk":{public}}}"#),
        &claims(),
    );
    assert!(checks.verify(&with_kid).is_ok());
    let refused = |header_json: &str| {
        checks
            .verify(&crafted(&key, header_json, &claims()))
            .unwrap_err()
    };
    // Step 7: private key material in the header.
    let private = public.replacen('{', r#"{"d":"AAAA","#, 1);
    assert!(matches!(
        refused(&format!(r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{private}}}"#)),
        TokenError::Jwt(JwtError::InvalidKey(reason)) if reason.contains("private key material")
    ));
    // No jwk, a jwk that is not a key, a member twice inside it.
    assert!(matches!(
        refused(r#"{"typ":"dpop+jwt","alg":"ES256"}"#),
        TokenError::Jwt(JwtError::Malformed(_))
    ));
    assert!(matches!(
        refused(r#"{"typ":"dpop+jwt","alg":"ES256","jwk":"x"}"#),
        TokenError::Jwt(JwtError::InvalidKey(_))
    ));
    let twice = public.replacen('{', r#"{"kty":"EC","#, 1);
    assert!(matches!(
        refused(&format!(r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{twice}}}"#)),
        TokenError::Jwt(JwtError::InvalidKey(reason)) if reason.contains("more than once")
    ));
    // Step 4: typ.
    assert!(matches!(
        refused(&format!(r#"{{"typ":"JWT","alg":"ES256","jwk":{public}}}"#)),
        TokenError::Jwt(JwtError::WrongType { .. })
    ));
    assert!(matches!(
        refused(&format!(r#"{{"alg":"ES256","jwk":{public}}}"#)),
        TokenError::Jwt(JwtError::WrongType { .. })
    ));
    // Step 5: alg none, HMAC, or not the key's.
    assert_eq!(
        refused(&format!(
            r#"{{"typ":"dpop+jwt","alg":"none","jwk":{public}}}"#
        )),
        TokenError::Jwt(JwtError::AlgNone)
    );
    let hmac_everywhere = DpopValidation::new("POST", TOKEN_URL)
        .clock(clock_at(0))
        .algorithms(&[Algorithm::HS256, Algorithm::ES256]);
    let hs = crafted(
        &key,
        &format!(r#"{{"typ":"dpop+jwt","alg":"HS256","jwk":{public}}}"#),
        &claims(),
    );
    assert_eq!(
        hmac_everywhere.verify(&hs).unwrap_err(),
        TokenError::Jwt(JwtError::AlgorithmNotAllowed(Algorithm::HS256))
    );
    // Step 6: the embedded key is not the signer's.
    let other = SigningKey::generate(Algorithm::ES256)
        .unwrap()
        .public_jwk()
        .unwrap()
        .to_json();
    assert_eq!(
        refused(&format!(
            r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{other}}}"#
        )),
        TokenError::Jwt(JwtError::BadSignature)
    );
    // Step 3: required claims.
    for missing in ["jti", "htm", "htu", "iat"] {
        let mut c = claims();
        c.as_object_mut().unwrap().remove(missing);
        let proof = crafted(
            &key,
            &format!(r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{public}}}"#),
            &c,
        );
        assert!(
            matches!(
                checks.verify(&proof),
                Err(TokenError::Jwt(JwtError::Claims(_)))
            ),
            "{missing}"
        );
    }
    // Step 10: the nonce, exact or from the server's current set.
    let mut c = claims();
    c["nonce"] = "old".into();
    let stale = crafted(
        &key,
        &format!(r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{public}}}"#),
        &c,
    );
    let current = DpopValidation::new("POST", TOKEN_URL)
        .clock(clock_at(0))
        .nonce("new");
    let err = current.verify(&stale).unwrap_err();
    assert!(
        is_nonce_error(&err)
            && matches!(
                err,
                TokenError::Claims(ValidationError::ClaimMismatch { claim: "nonce", .. })
            )
    );
    let rotating = DpopValidation::new("POST", TOKEN_URL)
        .clock(clock_at(0))
        .nonce_accepted(|n| n == "new" || n == "old");
    assert!(rotating.verify(&stale).is_ok());
    assert!(!is_nonce_error(&TokenError::Jwt(JwtError::BadSignature)));
    // The replay hook.
    let seen = RefCell::new(Vec::<String>::new());
    let once = DpopValidation::new("POST", TOKEN_URL)
        .clock(clock_at(0))
        .unique_jti(|jti| {
            if seen.borrow().iter().any(|s| s == jti) {
                return Err("replayed".into());
            }
            seen.borrow_mut().push(jti.to_owned());
            Ok(())
        });
    assert!(once.verify(&ok).is_ok());
    assert!(matches!(
        once.verify(&ok),
        Err(TokenError::Claims(ValidationError::Callback {
            check: "jti",
            ..
        }))
    ));
    // Not a JWT at all.
    assert!(matches!(
        checks.verify("abc"),
        Err(TokenError::Jwt(JwtError::Malformed(_)))
    ));
}

#[test]
fn nonce_rounds() {
    // The token endpoint's challenge (RFC 9449 §8).
    let error = TokenResponse::from_json(r#"{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"}"#)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::UseDpopNonce);
    assert_eq!(
        nonce_challenge(error.error.as_ref(), Some("eyJ7S_zG.eyJH0-Z.HX4w-7v")),
        Some("eyJ7S_zG.eyJH0-Z.HX4w-7v")
    );
    assert_eq!(USE_DPOP_NONCE, "use_dpop_nonce");
    let error = TokenResponse::from_json(r#"{"error":"invalid_dpop_proof"}"#)
        .unwrap()
        .into_result()
        .unwrap_err();
    assert_eq!(error.error, TokenErrorCode::InvalidDpopProof);
    assert_eq!(nonce_challenge(error.error.as_ref(), Some("n")), None);
    // The resource server's challenge (§9), and its algs parameter kept.
    let challenge = r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs="ES256 EdDSA""#;
    assert_eq!(
        resource_nonce_challenge(challenge, Some("eyJ7S_zG.eyJbYu3.xQmBj-1")),
        Some("eyJ7S_zG.eyJbYu3.xQmBj-1")
    );
    let parsed = UserinfoErrorResponse::from_www_authenticate(challenge).unwrap();
    assert_eq!(parsed.extra.get_str("algs").as_deref(), Some("ES256 EdDSA"));
    assert_eq!(resource_nonce_challenge(challenge, None), None);
    assert_eq!(resource_nonce_challenge("Basic realm=x", Some("n")), None);
    assert_eq!(
        resource_nonce_challenge(r#"Bearer error="use_dpop_nonce""#, Some("n")),
        Some("n")
    );

    // One retry with the server's nonce, proofs made with it.
    let key = DpopKey::generate(Algorithm::ES256).unwrap();
    let server_nonce = "srv-1";
    let mut nonce = None;
    let mut proofs = Vec::new();
    let reply = send_with_nonce(
        &mut nonce,
        |n| {
            let proof = key.proof_at("POST", TOKEN_URL, None, n, now()).unwrap();
            proofs.push(proof.clone());
            let checks = DpopValidation::new("POST", TOKEN_URL)
                .clock(clock_at(0))
                .nonce(server_nonce);
            match checks.verify(&proof) {
                Ok(_) => ("ok".to_owned(), None),
                Err(e) if is_nonce_error(&e) => ("use_dpop_nonce".to_owned(), Some(server_nonce)),
                Err(e) => (e.to_string(), None),
            }
        },
        |(error, header)| nonce_challenge(error, *header).map(str::to_owned),
    );
    assert_eq!(reply.0, "ok");
    assert_eq!(proofs.len(), 2);
    assert!(payload(&proofs[0]).get("nonce").is_none());
    assert_eq!(payload(&proofs[1])["nonce"], server_nonce);
    assert_eq!(nonce.as_deref(), Some(server_nonce));
}

#[test]
fn one_error_type_whose_kind_names_the_step() {
    let key = SigningKey::generate(Algorithm::ES256).unwrap();
    let public = key.public_jwk().unwrap().to_json();
    let checks = DpopValidation::new("POST", TOKEN_URL).clock(clock_at(0));
    let kind = |header_json: &str, claims: &serde_json::Value| {
        checks
            .verify(&crafted(&key, header_json, claims))
            .unwrap_err()
            .kind()
    };
    let typed = format!(r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{public}}}"#);
    assert_eq!(
        checks.verify("a.b").unwrap_err().kind(),
        TokenErrorKind::Decode
    );
    assert_eq!(
        kind(
            &format!(r#"{{"typ":"JWT","alg":"ES256","jwk":{public}}}"#),
            &claims()
        ),
        TokenErrorKind::Header
    );
    let private = public.replacen('{', r#"{"d":"AAAA","#, 1);
    assert_eq!(
        kind(
            &format!(r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{private}}}"#),
            &claims()
        ),
        TokenErrorKind::Key
    );
    let other = SigningKey::generate(Algorithm::ES256)
        .unwrap()
        .public_jwk()
        .unwrap()
        .to_json();
    assert_eq!(
        kind(
            &format!(r#"{{"typ":"dpop+jwt","alg":"ES256","jwk":{other}}}"#),
            &claims()
        ),
        TokenErrorKind::Signature
    );
    let mut wrong_method = claims();
    wrong_method["htm"] = "GET".into();
    assert_eq!(kind(&typed, &wrong_method), TokenErrorKind::Claims);
    assert!(checks.verify(&crafted(&key, &typed, &claims())).is_ok());
}
