//! Test-only cost counters: the unit tests show that decoding is linear in the input by
//! counting the work that could make it super-linear (name comparisons while looking
//! for a repeated unknown parameter, whole-document reads by the response enums), never
//! by timing it. Outside `cfg(test)` every call compiles to nothing.

/// What is counted.
#[derive(Clone, Copy)]
pub(crate) enum Cost {
    /// One parameter name compared with a stored one (`ExtraParams` lookups).
    NameProbe,
    /// One pass over a whole form body or JSON document.
    DocumentRead,
    /// A member value's raw text parsed again by serde_json (a `tolerant` field's value
    /// that is not a plain string, boolean or unsigned integer).
    ValueReparse,
}

/// Counts one unit of `cost` (tests only).
#[inline(always)]
pub(crate) fn count(cost: Cost) {
    #[cfg(test)]
    counters::bump(cost);
    #[cfg(not(test))]
    let _ = cost;
}

#[cfg(test)]
pub(crate) mod counters {
    use std::cell::Cell;

    use super::Cost;

    thread_local! {
        static NAME_PROBES: Cell<u64> = const { Cell::new(0) };
        static DOCUMENT_READS: Cell<u64> = const { Cell::new(0) };
        static VALUE_REPARSES: Cell<u64> = const { Cell::new(0) };
    }

    fn cell(cost: Cost) -> &'static std::thread::LocalKey<Cell<u64>> {
        match cost {
            Cost::NameProbe => &NAME_PROBES,
            Cost::DocumentRead => &DOCUMENT_READS,
            Cost::ValueReparse => &VALUE_REPARSES,
        }
    }

    pub(crate) fn bump(cost: Cost) {
        cell(cost).with(|c| c.set(c.get() + 1));
    }

    /// Runs `f` and returns what it counted of `cost` on this thread.
    pub(crate) fn measure<T>(cost: Cost, f: impl FnOnce() -> T) -> (T, u64) {
        let before = cell(cost).with(Cell::get);
        let value = f();
        (value, cell(cost).with(Cell::get) - before)
    }
}

/// Decoding is linear in the input on every path: these tests decode documents with
/// 100,000 unknown parameters and bound the name comparisons (`Cost::NameProbe`) by a
/// constant per parameter, and bound the whole-document reads of the response enums.
/// (The former linear scan made n(n-1)/2 comparisons: five billion at 100,000.)
#[cfg(test)]
mod tests {
    use super::counters::measure;
    use super::Cost;
    use crate::messages::{IdToken, TokenResponse, UserinfoErrorResponse};
    use crate::{ErrorKind, ExtraParams, OidcMessage};

    const N: usize = 100_000;

    /// At most this many comparisons per unknown parameter on average (hash-index
    /// lookups compare only names whose hash tag matches; the first 16 are scanned).
    fn linear_bound(n: usize) -> u64 {
        2 * n as u64 + 200
    }

    #[derive(OidcMessage, Clone, PartialEq)]
    struct Bag {
        code: Option<String>,
        #[oidc(required, alias = "azp")]
        client_id: String,
        #[oidc(extra)]
        extra: ExtraParams,
    }

    fn form_body(n: usize) -> String {
        let mut body = String::from("client_id=c");
        for i in 0..n {
            body.push_str(&format!("&p{i}=v"));
        }
        body
    }

    fn json_body(n: usize) -> String {
        let mut body = String::from(r#"{"client_id":"c""#);
        for i in 0..n {
            body.push_str(&format!(r#","p{i}":"v""#));
        }
        body.push('}');
        body
    }

    fn assert_linear<T>(path: &str, decode: impl FnOnce() -> T) -> T {
        let (value, probes) = measure(Cost::NameProbe, decode);
        assert!(
            probes <= linear_bound(N),
            "{path}: {probes} name comparisons for {N} unknown parameters"
        );
        value
    }

    #[test]
    fn form_decoding_is_linear_and_still_rejects_repeats() {
        let body = form_body(N);
        let bag = assert_linear("from_form", || Bag::from_form(&body).unwrap());
        assert_eq!(bag.extra.len(), N);
        let url = format!("https://rp.example/cb?{body}");
        let bag = assert_linear("from_url", || {
            Bag::from_url(&url, crate::Location::Query).unwrap()
        });
        assert_eq!(bag.extra.len(), N);
        for repeated in ["p0", "p50000", "p99999"] {
            let body = format!("{body}&{repeated}=again");
            let err = assert_linear("from_form", || Bag::from_form(&body).unwrap_err());
            assert_eq!(err.kind(), &ErrorKind::Duplicate(repeated.to_owned()));
        }
    }

    #[test]
    fn json_decoding_is_linear_and_still_rejects_repeats() {
        let body = json_body(N);
        let bag = assert_linear("from_json", || Bag::from_json(&body).unwrap());
        assert_eq!(bag.extra.len(), N);
        let repeated = format!(r#"{},"p77777":1}}"#, &body[..body.len() - 1]);
        let err = assert_linear("from_json", || Bag::from_json(&repeated).unwrap_err());
        assert_eq!(err.kind(), &ErrorKind::Duplicate("p77777".to_owned()));
    }

    #[test]
    fn serde_paths_are_linear() {
        let json = json_body(N);
        let bag: Bag = assert_linear("serde_json", || serde_json::from_str(&json).unwrap());
        assert_eq!(bag.extra.len(), N);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let bag: Bag = assert_linear("serde_json::Value", || {
            serde_json::from_value(value).unwrap()
        });
        assert_eq!(bag.extra.len(), N);
        let form = form_body(N);
        let bag: Bag = assert_linear("serde_urlencoded", || {
            serde_urlencoded::from_str(&form).unwrap()
        });
        assert_eq!(bag.extra.len(), N);
        let repeated = format!("{form}&p1=x");
        assert_linear("serde_urlencoded", || {
            serde_urlencoded::from_str::<Bag>(&repeated).unwrap_err()
        });
    }

    #[test]
    fn an_alias_kept_as_unknown_costs_one_lookup() {
        // `client_id` is present, so `azp` is kept among the unknown parameters at the
        // end of decoding: one more lookup, not a scan.
        let body = format!("{}&azp=other", form_body(N));
        let bag = assert_linear("alias stash (form)", || Bag::from_form(&body).unwrap());
        assert_eq!(bag.extra.get_str("azp").as_deref(), Some("other"));
        let json = json_body(N);
        let json = format!(r#"{},"azp":"other"}}"#, &json[..json.len() - 1]);
        let bag = assert_linear("alias stash (JSON)", || Bag::from_json(&json).unwrap());
        assert_eq!(bag.extra.get_str("azp").as_deref(), Some("other"));
    }

    #[test]
    fn lookups_in_a_loop_are_linear() {
        let mut extra = ExtraParams::new();
        let names: Vec<String> = (0..N).map(|i| format!("p{i}")).collect();
        assert_linear("insert", || {
            for name in &names {
                extra.insert(name, "v");
            }
        });
        assert_linear("contains", || names.iter().all(|name| extra.contains(name)));
        assert_linear("get", || {
            for name in &names {
                assert_eq!(extra.get::<String>(name).unwrap().as_deref(), Some("v"));
            }
        });
        assert_linear("insert (replacing)", || {
            for name in &names {
                extra.insert(name, "w");
            }
        });
        assert_eq!(extra.len(), N);
        assert_eq!(extra.iter().nth(12_345).unwrap().0, "p12345");
        // Removing keeps the order (and the index answers for the rest).
        assert!(extra.remove("p5"));
        assert!(!extra.contains("p5"));
        assert_eq!(extra.iter().nth(5).unwrap().0, "p6");
        assert_eq!(extra.get_str("p99999").as_deref(), Some("w"));
    }

    #[test]
    fn www_authenticate_is_linear() {
        let mut header = String::from("Bearer error=\"invalid_token\"");
        for i in 0..N {
            header.push_str(&format!(", p{i}=\"v\""));
        }
        let (e, reads) = measure(Cost::DocumentRead, || {
            assert_linear("WWW-Authenticate", || {
                UserinfoErrorResponse::from_www_authenticate(&header).unwrap()
            })
        });
        assert_eq!(e.extra.len(), N);
        assert_eq!(reads, 1);
    }

    /// Reads of the whole document by `TokenResponse::from_json` / `from_form`.
    fn reads<T>(decode: impl FnOnce() -> T) -> u64 {
        measure(Cost::DocumentRead, decode).1
    }

    #[test]
    fn response_enums_read_a_success_once_and_anything_else_twice() {
        let ok = r#"{"access_token":"a","token_type":"Bearer"}"#;
        assert_eq!(reads(|| TokenResponse::from_json(ok).unwrap()), 1);
        // A null or empty `error` is no error.
        for ok in [
            r#"{"access_token":"a","token_type":"Bearer","error":null}"#,
            r#"{"access_token":"a","token_type":"Bearer","error":""}"#,
        ] {
            let (response, reads) = measure(Cost::DocumentRead, || TokenResponse::from_json(ok));
            assert!(response.unwrap().is_success());
            assert_eq!(reads, 1);
        }
        assert_eq!(
            reads(|| TokenResponse::from_form("access_token=a&token_type=Bearer").unwrap()),
            1
        );
        for (json, is_error_response) in [
            // An error response.
            (r#"{"error":"invalid_grant"}"#, true),
            // A success message that caught `error` as unknown.
            (
                r#"{"access_token":"a","token_type":"Bearer","error":"invalid_grant"}"#,
                true,
            ),
            // The success decode stops early (a value that does not fit), `error` later.
            (r#"{"expires_in":[1],"error":"invalid_grant"}"#, true),
            // ... and the error decode also meets a misfit before `error`.
            (
                r#"{"expires_in":[1],"error_description":5,"error":"invalid_grant"}"#,
                true,
            ),
            // Neither: the success message's error is the answer.
            (r#"{"expires_in":[1],"error_description":"x"}"#, false),
            (r#"{"token_type":"Bearer"}"#, false),
            (r#"{"error":""}"#, false),
            (r#"{"error":null}"#, false),
            // Not JSON.
            ("<html>", false),
        ] {
            let (result, reads) = measure(Cost::DocumentRead, || TokenResponse::from_json(json));
            assert_eq!(reads, 2, "{json}");
            match result {
                Ok(response) => assert!(is_error_response && !response.is_success(), "{json}"),
                Err(e) if is_error_response => {
                    assert_eq!(e.message(), "TokenErrorResponse", "{json}: {e}")
                }
                Err(e) => assert_ne!(e.message(), "TokenErrorResponse", "{json}: {e}"),
            }
        }
        for form in [
            "error=invalid_grant",
            "expires_in=x&error=invalid_grant",
            "expires_in=x&error_description=%FF&error=invalid_grant",
            "token_type=Bearer",
        ] {
            assert_eq!(reads(|| TokenResponse::from_form(form)), 2, "{form}");
        }
    }

    #[test]
    fn a_misfit_before_error_is_reported_for_the_error_response() {
        let err = TokenResponse::from_json(
            r#"{"expires_in":[1],"error_description":5,"error":"invalid_grant"}"#,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "TokenErrorResponse: parameter \"error_description\": invalid type: integer `5`, expected a string"
        );
        let response = TokenResponse::from_json(r#"{"expires_in":[1],"error":"invalid_grant"}"#)
            .unwrap()
            .into_result()
            .unwrap_err();
        assert_eq!(
            response.extra.get::<Vec<u32>>("expires_in").unwrap(),
            Some(vec![1])
        );
    }

    #[test]
    fn response_enum_error_paths_are_linear() {
        let mut json = String::from(r#"{"error":"invalid_grant""#);
        for i in 0..N {
            json.push_str(&format!(r#","p{i}":"v""#));
        }
        json.push('}');
        let (response, reads) = measure(Cost::DocumentRead, || {
            assert_linear("TokenResponse::from_json", || {
                TokenResponse::from_json(&json).unwrap()
            })
        });
        assert!(!response.is_success());
        assert_eq!(reads, 2);
    }

    /// A `tolerant` claim is delimited raw (to be kept as received if it does not fit)
    /// and then read from that text: a plain string, boolean or integer without a
    /// second parse, anything else with one.
    #[test]
    fn tolerant_claims_are_parsed_once() {
        let simple = r#"{"iss":"i","sub":"u","aud":"c","exp":2,"iat":1,"name":"Jane",
            "email":"j@example.com","email_verified":true,"updated_at":1767225600}"#;
        let (token, reparses) = measure(Cost::ValueReparse, || IdToken::from_json(simple));
        let token = token.unwrap();
        assert_eq!(token.claims.name.as_deref(), Some("Jane"));
        assert_eq!(token.claims.email_verified, Some(true));
        assert_eq!(reparses, 0);
        let other = r#"{"iss":"i","sub":"u","aud":"c","exp":2,"iat":1,"name":"Ren\u00e9e",
            "address":{"country":"FR"},"email_verified":"yes"}"#;
        let (token, reparses) = measure(Cost::ValueReparse, || IdToken::from_json(other));
        let token = token.unwrap();
        assert_eq!(token.claims.name.as_deref(), Some("Renée"));
        assert!(token.claims.address.is_some());
        assert_eq!(token.claims.email_verified, None);
        // The escaped name and the address; "yes" is a plain string that does not fit.
        assert_eq!(reparses, 2);
    }
}
