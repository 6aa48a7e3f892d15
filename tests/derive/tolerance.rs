//! `tolerant`: a value that does not fit an optional field leaves it `None`, is kept
//! in `extra` as received (so it re-encodes unchanged), and its problem can be read.
//! The Standard Claims are tolerant; the claims that identify and bound a token are
//! not.

use oidc_core::messages::{Address, IdToken, StandardClaims, UserinfoSuccessResponse};
use oidc_core::{ErrorKind, ExtraParams, OidcMessage};

const TOKEN: &str = r#"{"iss":"https://op","sub":"u","aud":"c","exp":2,"iat":1,
    "address":"Main St","email_verified":"yes","name":[ "a", "b" ],"email":"u@example.com",
    "x":1}"#;

#[test]
fn a_malformed_standard_claim_does_not_fail_the_id_token() {
    let token = IdToken::from_json(TOKEN).unwrap();
    assert_eq!(token.claims.address, None);
    assert_eq!(token.claims.email_verified, None);
    assert_eq!(token.claims.name, None);
    assert_eq!(token.claims.email.as_deref(), Some("u@example.com"));
    // Kept as received, in arrival order with the unknown claims.
    assert_eq!(
        token.extra.iter().map(|(name, _)| name).collect::<Vec<_>>(),
        ["address", "email_verified", "name", "x"]
    );
    assert_eq!(
        token.extra.value("name").map(|v| v.to_json_value()),
        Some(serde_json::json!(["a", "b"]))
    );
    // ... with what was wrong.
    let problems: Vec<(&str, String)> = token
        .extra
        .tolerated()
        .map(|(name, problem)| (name, problem.to_string()))
        .collect();
    assert_eq!(
        problems,
        [
            (
                "address",
                r#"IdToken: parameter "address": invalid type: string "Main St", expected a JSON object with the members of Address"#.to_owned()
            ),
            (
                "email_verified",
                r#"IdToken: parameter "email_verified": invalid value: string "yes", expected true or false"#.to_owned()
            ),
            (
                "name",
                r#"IdToken: parameter "name": invalid type: sequence, expected a string"#.to_owned()
            ),
        ]
    );
    assert!(matches!(
        token.extra.tolerated().next().unwrap().1.kind(),
        ErrorKind::InvalidValue { .. }
    ));
}

#[test]
fn kept_values_re_encode_unchanged() {
    let token = IdToken::from_json(TOKEN).unwrap();
    let json = token.to_json();
    // The raw JSON text, spaces inside the array included.
    assert!(json.contains(r#""name":[ "a", "b" ]"#), "{json}");
    assert!(
        json.contains(r#""address":"Main St","email_verified":"yes""#),
        "{json}"
    );
    let again = IdToken::from_json(&json).unwrap();
    assert_eq!(again, token);
    assert_eq!(again.extra.tolerated().count(), 3);
    // Through a form too (JSON values travel as their text).
    let form = IdToken::from_form(&token.to_form()).unwrap();
    assert_eq!(form.claims.email_verified, None);
    assert_eq!(form.extra.get_str("email_verified").as_deref(), Some("yes"));
}

#[test]
fn a_field_given_a_value_is_written_instead_of_the_kept_one() {
    let mut token = IdToken::from_json(TOKEN).unwrap();
    token.claims.email_verified = Some(true);
    let json = token.to_json();
    assert!(json.contains(r#""email_verified":true"#), "{json}");
    assert!(!json.contains(r#""yes""#), "{json}");
    assert_eq!(json.matches("email_verified").count(), 1);
    let form = token.to_form();
    assert_eq!(form.matches("email_verified").count(), 1, "{form}");
    assert_eq!(
        IdToken::from_json(&json).unwrap().claims.email_verified,
        Some(true)
    );
}

#[test]
fn the_claims_that_bound_a_token_stay_strict() {
    for (claim, value) in [
        ("iss", "1"),
        ("sub", "[]"),
        ("aud", "{}"),
        ("exp", r#""soon""#),
        ("iat", "true"),
        ("nonce", "7"),
        ("azp", "[]"),
        ("auth_time", r#""yesterday""#),
        ("acr", "{}"),
        ("amr", r#""pwd""#),
        ("at_hash", "1"),
        ("sid", "1"),
    ] {
        let json = TOKEN.replacen(r#""x":1"#, &format!(r#""{claim}":{value}"#), 1);
        let json = if ["iss", "sub", "aud", "exp", "iat"].contains(&claim) {
            json.replacen(&format!(r#""{claim}":"#), r#""was":"#, 1)
        } else {
            json
        };
        let err = IdToken::from_json(&json).unwrap_err();
        assert_eq!(err.parameter(), Some(claim), "{claim}: {err}");
    }
}

#[test]
fn userinfo_responses_are_tolerant_too() {
    let info = UserinfoSuccessResponse::from_json(
        r#"{"sub":"u","phone_number_verified":1,"updated_at":"last week","zoneinfo":"Europe/Paris"}"#,
    )
    .unwrap();
    assert_eq!(info.claims.phone_number_verified, None);
    assert_eq!(info.claims.updated_at, None);
    assert_eq!(info.claims.zoneinfo.as_deref(), Some("Europe/Paris"));
    assert_eq!(info.extra.tolerated().count(), 2);
    // `sub` is required: strict.
    let err = UserinfoSuccessResponse::from_json(r#"{"sub":5}"#).unwrap_err();
    assert_eq!(err.parameter(), Some("sub"));
    // Through serde (the path axum's Json takes), the same.
    let serde: UserinfoSuccessResponse =
        serde_json::from_str(r#"{"sub":"u","email_verified":"yes"}"#).unwrap();
    assert_eq!(serde.claims.email_verified, None);
    assert_eq!(
        serde.extra.get_str("email_verified").as_deref(),
        Some("yes")
    );
    assert_eq!(serde.extra.tolerated().count(), 1);
}

#[test]
fn address_members_are_tolerant_inside_the_address() {
    let info = UserinfoSuccessResponse::from_json(
        r#"{"sub":"u","address":{"locality":"Paris","postal_code":75001}}"#,
    )
    .unwrap();
    let address: &Address = info.claims.address.as_ref().unwrap();
    assert_eq!(address.locality.as_deref(), Some("Paris"));
    assert_eq!(address.postal_code, None);
    assert_eq!(
        address.extra.get::<u32>("postal_code").unwrap(),
        Some(75001)
    );
    assert_eq!(address.extra.tolerated().count(), 1);
    assert_eq!(
        UserinfoSuccessResponse::from_json(&info.to_json()).unwrap(),
        info
    );
}

#[test]
fn a_repeated_tolerant_parameter_is_still_a_duplicate() {
    for json in [
        r#"{"sub":"u","email_verified":"yes","email_verified":true}"#,
        r#"{"sub":"u","email_verified":true,"email_verified":"yes"}"#,
        r#"{"sub":"u","email_verified":"yes","email_verified":"no"}"#,
    ] {
        let err = UserinfoSuccessResponse::from_json(json).unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::Duplicate("email_verified".into()),
            "{json}"
        );
    }
    let err = UserinfoSuccessResponse::from_form("sub=u&email_verified=yes&email_verified=true")
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Duplicate("email_verified".into()));
}

#[derive(OidcMessage, Clone, PartialEq)]
struct Profile {
    #[oidc(required)]
    id: u64,
    #[oidc(tolerant)]
    age: Option<u8>,
    strict_age: Option<u8>,
    #[oidc(extra)]
    extra: ExtraParams,
}

#[test]
fn a_field_can_be_tolerant_on_its_own() {
    let p = Profile::from_form("id=1&age=300&strict_age=30").unwrap();
    assert_eq!(p.age, None);
    assert_eq!(p.strict_age, Some(30));
    let (name, problem) = p.extra.tolerated().next().unwrap();
    assert_eq!(name, "age");
    assert_eq!(
        problem.to_string(),
        r#"Profile: parameter "age": expected a non-negative integer, got "300""#
    );
    assert_eq!(p.to_form(), "id=1&strict_age=30&age=300");
    assert!(Profile::from_form("id=1&strict_age=300").is_err());
    assert!(Profile::from_form("id=x").is_err());
}

#[test]
fn without_an_extra_field_a_misfit_is_dropped() {
    let claims = StandardClaims::from_json(r#"{"name":1,"email":"e"}"#).unwrap();
    assert_eq!(claims.name, None);
    assert_eq!(claims.email.as_deref(), Some("e"));
}

/// A tolerant value is read to its end: a number `i128` cannot hold (`1.5`) is a
/// misfit, not the `1` in front of its fraction.
#[derive(OidcMessage, Clone, PartialEq)]
struct Ledger {
    #[oidc(json, tolerant)]
    balance: Option<i128>,
    #[oidc(tolerant)]
    label: Option<String>,
    #[oidc(extra)]
    extra: ExtraParams,
}

#[test]
fn a_tolerant_value_is_read_to_its_end() {
    let l = Ledger::from_json(r#"{"balance":1.5,"label":"a\"b"}"#).unwrap();
    assert_eq!(l.balance, None);
    assert_eq!(l.label.as_deref(), Some("a\"b"));
    assert_eq!(l.to_json(), r#"{"label":"a\"b","balance":1.5}"#);
    let (name, problem) = l.extra.tolerated().next().unwrap();
    assert_eq!(name, "balance");
    assert!(
        problem.to_string().contains("trailing characters"),
        "{problem}"
    );
    let min = Ledger::from_json(r#"{"balance":-170141183460469231731687303715884105728}"#);
    assert_eq!(min.unwrap().balance, Some(i128::MIN));
}
