//! `validate_extern`: every scenario of the Python library's validation
//! tests, plus the additions of the validation issue. The clock is always injected.

use std::cell::RefCell;

use oidc_core::messages::*;
use oidc_core::validation::*;
use oidc_core::{Location, NumericDate, OidcMessage};
use serde_json::json;

const NOW: i64 = 1_700_000_000;

fn clock() -> FixedClock {
    FixedClock(NumericDate::from_secs(NOW))
}

fn id_token(changes: serde_json::Value) -> IdToken {
    let mut claims = json!({"iss": "https://op.example", "sub": "u1", "aud": "client", "exp": NOW + 300, "iat": NOW - 10});
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            claims.as_object_mut().unwrap().remove(k);
        } else {
            claims[k] = v.clone();
        }
    }
    IdToken::from_json(&claims.to_string()).unwrap()
}

fn checks() -> IdTokenValidation<'static> {
    IdTokenValidation::new("https://op.example", "client").clock(clock())
}

mod error_text;
mod leniency;
mod time;

mod id_tokens {
    use super::*;

    #[test]
    fn minimal_token() {
        assert_eq!(id_token(json!({})).validate_extern(&checks()), Ok(()));
    }

    #[test]
    fn issuer_must_match_exactly() {
        for iss in [
            "https://op.example/",
            "https://OP.example",
            "http://op.example",
        ] {
            let err = id_token(json!({"iss": iss}))
                .validate_extern(&checks())
                .unwrap_err();
            assert!(matches!(err, ValidationError::Issuer { .. }), "{iss}");
        }
    }

    #[test]
    fn entra_multi_tenant_issuer_template() {
        let template = "https://login.microsoftonline.com/{tenantid}/v2.0";
        let tid = "9188040d-6c67-4c5b-b112-36a304b66dad";
        let token = id_token(
            json!({"iss": format!("https://login.microsoftonline.com/{tid}/v2.0"), "tid": tid}),
        );
        let checks =
            IdTokenValidation::new(Issuer::tenant_template(template), "client").clock(clock());
        assert_eq!(token.validate_extern(&checks), Ok(()));
        let other_tenant =
            id_token(json!({"iss": "https://login.microsoftonline.com/evil/v2.0", "tid": tid}));
        assert!(other_tenant.validate_extern(&checks).is_err());
        let no_tid =
            id_token(json!({"iss": format!("https://login.microsoftonline.com/{tid}/v2.0")}));
        assert!(no_tid.validate_extern(&checks).is_err());
    }

    #[test]
    fn audience_list_with_only_our_client() {
        assert_eq!(
            id_token(json!({"aud": ["client"]})).validate_extern(&checks()),
            Ok(())
        );
    }

    #[test]
    fn audience_must_contain_our_client() {
        for aud in [json!("other"), json!(["other"]), json!([])] {
            let err = id_token(json!({"aud": aud}))
                .validate_extern(&checks())
                .unwrap_err();
            assert_eq!(
                err.to_string(),
                r#"ID Token's audience does not contain "client""#
            );
        }
    }

    #[test]
    fn several_audiences_need_trust_and_azp() {
        let token = id_token(json!({"aud": ["client", "api"], "azp": "client"}));
        let err = token.validate_extern(&checks()).unwrap_err();
        assert_eq!(
            err,
            ValidationError::UntrustedAudience {
                token: "ID Token",
                audience: "api".into()
            }
        );
        assert_eq!(
            token.validate_extern(&checks().extra_trusted_audiences(&["api"])),
            Ok(())
        );
        let without_azp = id_token(json!({"aud": ["client", "api"]}));
        let err = without_azp
            .validate_extern(&checks().extra_trusted_audiences(&["api"]))
            .unwrap_err();
        assert_eq!(err, ValidationError::AzpMissing { token: "ID Token" });
        // The same audience twice is one audience (SuperOffice): no azp needed.
        assert_eq!(
            id_token(json!({"aud": ["client", "client"]})).validate_extern(&checks()),
            Ok(())
        );
    }

    #[test]
    fn azp_must_be_us_unless_told_otherwise() {
        let token = id_token(json!({"azp": "someone-else"}));
        assert_eq!(
            token.validate_extern(&checks()).unwrap_err(),
            ValidationError::Azp {
                token: "ID Token",
                got: "someone-else".into()
            }
        );
        assert_eq!(
            token.validate_extern(&checks().expect_self_azp(false)),
            Ok(())
        );
    }

    #[test]
    fn expiry_with_leeway() {
        let token = id_token(json!({"exp": NOW - 10}));
        assert_eq!(
            token.validate_extern(&checks()),
            Ok(()),
            "within the 30 s default leeway"
        );
        assert!(matches!(
            token.validate_extern(&checks().leeway(0)),
            Err(ValidationError::Expired { .. })
        ));
        let token = id_token(json!({"exp": NOW - 31}));
        assert!(matches!(
            token.validate_extern(&checks()),
            Err(ValidationError::Expired { .. })
        ));
        let boundary = id_token(json!({"exp": NOW}));
        assert!(
            boundary.validate_extern(&checks().leeway(0)).is_err(),
            "exp is the first invalid second"
        );
    }

    #[test]
    fn min_iat() {
        let token = id_token(json!({"iat": NOW - 3600}));
        assert_eq!(token.validate_extern(&checks()), Ok(()));
        let err = token
            .validate_extern(&checks().min_iat(NumericDate::from_secs(NOW - 60)))
            .unwrap_err();
        assert!(matches!(err, ValidationError::IssuedTooEarly { .. }));
    }

    #[test]
    fn nonce_expected() {
        let with = id_token(json!({"nonce": "n1"}));
        assert_eq!(with.validate_extern(&checks().nonce("n1")), Ok(()));
        assert_eq!(
            with.validate_extern(&checks().nonce_rule(Nonce::Expected("n1"))),
            Ok(())
        );
        assert_eq!(
            with.validate_extern(&checks().nonce("n2")),
            Err(ValidationError::NonceMismatch { token: "ID Token" }),
            "different nonce"
        );
        assert_eq!(
            id_token(json!({})).validate_extern(&checks().nonce("n1")),
            Err(ValidationError::NonceMissing { token: "ID Token" }),
            "we sent one, the token has none"
        );
    }

    #[test]
    fn nonce_none_sent_is_the_default() {
        assert_eq!(id_token(json!({})).validate_extern(&checks()), Ok(()));
        let with = id_token(json!({"nonce": "n1"}));
        for checks in [checks(), checks().nonce_rule(Nonce::NoneSent)] {
            assert_eq!(
                with.validate_extern(&checks),
                Err(ValidationError::NonceUnexpected { token: "ID Token" }),
                "the token has one, we sent none"
            );
        }
    }

    #[test]
    fn nonce_not_checked() {
        let not_checked = checks().nonce_rule(Nonce::NotChecked);
        for changes in [json!({}), json!({"nonce": "anything"})] {
            assert_eq!(id_token(changes).validate_extern(&not_checked), Ok(()));
        }
    }

    #[test]
    fn nonce_texts() {
        let text = |rule, changes| {
            id_token(changes)
                .validate_extern(&checks().nonce_rule(rule))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            text(Nonce::Expected("n"), json!({})),
            "ID Token has no nonce although the request sent one"
        );
        assert_eq!(
            text(Nonce::Expected("n"), json!({"nonce": "m"})),
            "ID Token's nonce does not match its expected value"
        );
        assert_eq!(
            text(Nonce::NoneSent, json!({"nonce": "m"})),
            "ID Token has a nonce although the request sent none"
        );
    }

    #[test]
    fn nonce_after_a_refresh() {
        let refresh = |original| checks().nonce_rule(Nonce::Refresh(original));
        assert_eq!(
            id_token(json!({})).validate_extern(&refresh("n1")),
            Ok(()),
            "Keycloak 25+ omits it"
        );
        assert_eq!(
            id_token(json!({"nonce": "n1"})).validate_extern(&refresh("n1")),
            Ok(())
        );
        assert_eq!(
            id_token(json!({"nonce": "n2"})).validate_extern(&refresh("n1")),
            Err(ValidationError::NonceMismatch { token: "ID Token" })
        );
    }

    #[test]
    fn acr_callback() {
        let seen = RefCell::new(Vec::new());
        let checks = checks().validate_acr(|acr| {
            seen.borrow_mut().push(acr.to_owned());
            if acr == "urn:mace:incommon:iap:silver" {
                Ok(())
            } else {
                Err(format!("{acr} is too weak"))
            }
        });
        assert_eq!(
            id_token(json!({"acr": "urn:mace:incommon:iap:silver"})).validate_extern(&checks),
            Ok(())
        );
        let err = id_token(json!({"acr": "0"}))
            .validate_extern(&checks)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"ID Token's acr was rejected: "0 is too weak""#
        );
        assert_eq!(
            id_token(json!({})).validate_extern(&checks),
            Ok(()),
            "no acr: not called"
        );
        assert_eq!(*seen.borrow(), ["urn:mace:incommon:iap:silver", "0"]);
    }

    #[test]
    fn auth_time() {
        let token = id_token(json!({"auth_time": NOW - 7200}));
        assert_eq!(token.validate_extern(&checks()), Ok(()));
        let err = token
            .validate_extern(&checks().min_auth_time(NumericDate::from_secs(NOW - 3600)))
            .unwrap_err();
        assert!(matches!(err, ValidationError::AuthTimeTooOld { .. }));
        assert_eq!(
            id_token(json!({}))
                .validate_extern(&checks().min_auth_time(NumericDate::from_secs(NOW))),
            Ok(()),
            "absent: not checked"
        );
        for required in [checks().max_age(10_000), checks().require_auth_time()] {
            let err = id_token(json!({})).validate_extern(&required).unwrap_err();
            assert_eq!(err, ValidationError::AuthTimeMissing { token: "ID Token" });
            assert_eq!(token.validate_extern(&required), Ok(()));
        }
    }

    #[test]
    fn a_closure_is_a_clock() {
        let late = || NumericDate::from_secs(NOW + 10_000);
        assert!(id_token(json!({}))
            .validate_extern(&checks().clock(late))
            .is_err());
    }
}

mod access_tokens {
    use super::*;

    fn token(changes: serde_json::Value) -> JwtAccessToken {
        let mut claims = json!({"iss": "https://as.example/", "exp": NOW + 60, "aud": ["https://rs.example", "other"],
            "sub": "u", "azp": "c", "iat": NOW, "jti": "j"});
        for (k, v) in changes.as_object().unwrap() {
            claims[k] = v.clone();
        }
        JwtAccessToken::from_json(&claims.to_string()).unwrap()
    }

    fn checks() -> AccessTokenValidation<'static> {
        AccessTokenValidation::new("https://as.example/", "https://rs.example").clock(clock())
    }

    #[test]
    fn rfc9068_section_4_checks() {
        let t = token(json!({}));
        assert_eq!(t.client_id, "c", "azp accepted as client_id");
        assert_eq!(t.validate_extern(&checks()), Ok(()));
        assert!(matches!(
            token(json!({"iss": "https://as.example"})).validate_extern(&checks()),
            Err(ValidationError::Issuer { .. })
        ));
        assert!(matches!(
            token(json!({"exp": NOW - 31})).validate_extern(&checks()),
            Err(ValidationError::Expired { .. })
        ));
        assert_eq!(
            token(json!({"aud": "https://elsewhere"}))
                .validate_extern(&checks())
                .unwrap_err()
                .to_string(),
            r#"access token's audience does not contain "https://rs.example""#
        );
        // The caller chooses the audience: a client id works the same way.
        assert_eq!(
            token(json!({"aud": "client-7"})).validate_extern(
                &AccessTokenValidation::new("https://as.example/", "client-7").clock(clock())
            ),
            Ok(())
        );
    }
}

mod logout_tokens {
    use super::*;

    fn token(changes: serde_json::Value) -> BackChannelLogoutToken {
        let mut claims = json!({"iss": "https://op.example", "aud": "client", "iat": NOW - 5, "exp": NOW + 120,
            "jti": "j1", "sub": "u1", "sid": "s1", "events": {BACKCHANNEL_LOGOUT_EVENT: {}}});
        for (k, v) in changes.as_object().unwrap() {
            if v.is_null() {
                claims.as_object_mut().unwrap().remove(k);
            } else {
                claims[k] = v.clone();
            }
        }
        BackChannelLogoutToken::from_json(&claims.to_string()).unwrap()
    }

    fn checks() -> LogoutTokenValidation<'static> {
        LogoutTokenValidation::new("https://op.example", "client").clock(clock())
    }

    #[test]
    fn spec_checks() {
        assert_eq!(token(json!({})).validate_extern(&checks()), Ok(()));
        assert!(matches!(
            token(json!({"iss": "https://x"})).validate_extern(&checks()),
            Err(ValidationError::Issuer { .. })
        ));
        assert!(matches!(
            token(json!({"aud": "other"})).validate_extern(&checks()),
            Err(ValidationError::Audience { .. })
        ));
        assert!(matches!(
            token(json!({"iat": NOW - 600}))
                .validate_extern(&checks().min_iat(NumericDate::from_secs(NOW - 60))),
            Err(ValidationError::IssuedTooEarly { .. })
        ));
        assert_eq!(
            token(json!({"sub": null, "sid": null})).validate_extern(&checks()),
            Err(ValidationError::SubAndSidMissing)
        );
        assert_eq!(
            token(json!({"sub": null})).validate_extern(&checks()),
            Ok(()),
            "sid alone"
        );
        assert_eq!(
            token(json!({"sid": null})).validate_extern(&checks()),
            Ok(()),
            "sub alone"
        );
        assert_eq!(
            token(json!({"events": {"other": {}}})).validate_extern(&checks()),
            Err(ValidationError::LogoutEvent)
        );
        assert_eq!(
            token(json!({"events": {BACKCHANNEL_LOGOUT_EVENT: "yes"}})).validate_extern(&checks()),
            Err(ValidationError::LogoutEvent)
        );
        assert_eq!(
            token(json!({"events": {BACKCHANNEL_LOGOUT_EVENT: {}, "revoke_offline_access": true}}))
                .validate_extern(&checks()),
            Ok(()),
            "other members allowed"
        );
        assert_eq!(
            token(json!({"nonce": "n"})).validate_extern(&checks()),
            Err(ValidationError::NoncePresent)
        );
    }

    #[test]
    fn exp_is_required_unless_allowed() {
        // Back-Channel Logout 1.0 §2.4 (errata set 1): exp REQUIRED.
        assert_eq!(
            token(json!({"exp": null})).validate_extern(&checks()),
            Err(ValidationError::ExpMissing {
                token: "Logout Token"
            })
        );
        assert_eq!(
            ValidationError::ExpMissing {
                token: "Logout Token"
            }
            .to_string(),
            "Logout Token has no exp claim"
        );
        assert_eq!(
            token(json!({"exp": null})).validate_extern(&checks().allow_missing_exp()),
            Ok(()),
            "older providers, by explicit opt-out"
        );
        // With or without the opt-out, a present exp is checked.
        for checks in [checks(), checks().allow_missing_exp()] {
            assert_eq!(
                token(json!({"exp": NOW + 120})).validate_extern(&checks),
                Ok(())
            );
            assert!(matches!(
                token(json!({"exp": NOW - 120})).validate_extern(&checks),
                Err(ValidationError::Expired { .. })
            ));
        }
        // The issuer and audience come first (§2.6 step 4's order).
        assert!(matches!(
            token(json!({"exp": null, "iss": "https://x"})).validate_extern(&checks()),
            Err(ValidationError::Issuer { .. })
        ));
    }

    #[test]
    fn an_audience_array_with_only_us_needs_no_extra_trust() {
        // The Python library rejects this unless our own client id is also listed as
        // trusted; that is a bug, not copied.
        assert_eq!(
            token(json!({"aud": ["client"]})).validate_extern(&checks()),
            Ok(())
        );
        let several = token(json!({"aud": ["client", "api"]}));
        assert!(matches!(
            several.validate_extern(&checks()),
            Err(ValidationError::UntrustedAudience { .. })
        ));
        assert_eq!(
            several.validate_extern(&checks().extra_trusted_audiences(&["api"])),
            Ok(())
        );
    }

    #[test]
    fn callbacks() {
        let calls = RefCell::new(Vec::new());
        let record = |what: &'static str| {
            let calls = &calls;
            move |value: &str| {
                calls.borrow_mut().push(format!("{what}={value}"));
                Ok(())
            }
        };
        let checks = checks()
            .validate_unique_jti(record("jti"))
            .validate_iss_has_sessions(record("iss"))
            .validate_sub_has_sessions(record("sub"))
            .validate_sid_exists(record("sid"));
        assert_eq!(token(json!({})).validate_extern(&checks), Ok(()));
        assert_eq!(
            *calls.borrow(),
            ["jti=j1", "iss=https://op.example", "sub=u1", "sid=s1"]
        );
        calls.borrow_mut().clear();
        assert_eq!(token(json!({"sub": null})).validate_extern(&checks), Ok(()));
        assert_eq!(
            *calls.borrow(),
            ["jti=j1", "iss=https://op.example", "sid=s1"],
            "no sub: its check is skipped"
        );

        let replay = LogoutTokenValidation::new("https://op.example", "client")
            .clock(clock())
            .validate_unique_jti(|jti| Err(format!("{jti} was already used")));
        let err = token(json!({})).validate_extern(&replay).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"Logout Token: jti check failed: "j1 was already used""#
        );
    }
}

mod authentication_responses {
    use super::*;

    fn response(url: &str) -> AuthenticationResponse {
        AuthenticationResponse::from_url(url, Location::Auto).unwrap()
    }

    #[test]
    fn state_must_be_the_one_sent() {
        let r = response("https://rp/cb?code=c&state=s1");
        assert_eq!(
            r.validate_extern(&AuthenticationResponseValidation::new(
                Some("s1"),
                "https://op"
            )),
            Ok(())
        );
        assert!(matches!(
            r.validate_extern(&AuthenticationResponseValidation::new(
                Some("s2"),
                "https://op"
            )),
            Err(ValidationError::State { .. })
        ));
        assert!(
            r.validate_extern(&AuthenticationResponseValidation::new(None, "https://op"))
                .is_err(),
            "we sent none"
        );
        let no_state = response("https://rp/cb?code=c");
        assert!(no_state
            .validate_extern(&AuthenticationResponseValidation::new(
                Some("s1"),
                "https://op"
            ))
            .is_err());
    }

    #[test]
    fn rfc9207_iss() {
        let with_iss = response("https://rp/cb?code=c&state=s&iss=https%3A%2F%2Fop");
        let without = response("https://rp/cb?code=c&state=s");
        let checks = AuthenticationResponseValidation::new(Some("s"), "https://op");
        assert_eq!(with_iss.validate_extern(&checks), Ok(()));
        assert_eq!(
            without.validate_extern(&checks),
            Ok(()),
            "not required by default"
        );
        let err = response("https://rp/cb?code=c&state=s&iss=https%3A%2F%2Fevil")
            .validate_extern(&checks)
            .unwrap_err();
        assert!(matches!(err, ValidationError::Issuer { .. }));
        // An error response carries iss too (RFC 9207 §2.2).
        let error = response("https://rp/cb?error=access_denied&state=s&iss=https%3A%2F%2Fevil");
        assert!(error.validate_extern(&checks).is_err());
    }

    #[test]
    fn iss_required_when_the_provider_advertises_it() {
        let metadata = ProviderMetadata::from_json(
            r#"{"issuer":"https://op","authorization_endpoint":"https://op/auth","jwks_uri":"https://op/jwks",
               "response_types_supported":["code"],"subject_types_supported":["public"],
               "id_token_signing_alg_values_supported":["RS256"],"authorization_response_iss_parameter_supported":true}"#,
        )
        .unwrap();
        let checks = AuthenticationResponseValidation::from_metadata(Some("s"), &metadata);
        let err = response("https://rp/cb?code=c&state=s")
            .validate_extern(&checks)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Authentication response has no iss although the provider sends it (RFC 9207)"
        );
        assert_eq!(
            response("https://rp/cb?code=c&state=s&iss=https%3A%2F%2Fop").validate_extern(&checks),
            Ok(())
        );
    }
}

mod vendor;
