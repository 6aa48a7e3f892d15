//! `UserinfoErrorResponse::from_www_authenticate`, the `WWW-Authenticate` parser (RFC
//! 6750 §3, auth-params as in RFC 9110 §11.2). The input is the header value.
//!
//! Asserts: no panic; the response it reads, written back as a challenge (every
//! parameter a quoted string), reads back the same; the response's `Display` and every
//! error text are one bounded line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oidc_core::messages::UserinfoErrorResponse;
use oidc_rs_fuzz::check;

/// `Bearer name="value", ...` with `\` and `"` escaped (RFC 9110 §5.6.4).
fn challenge(e: &UserinfoErrorResponse) -> String {
    let mut params: Vec<(&str, String)> = vec![("error", e.error.to_string())];
    if let Some(d) = &e.error_description {
        params.push(("error_description", d.clone()));
    }
    if let Some(u) = &e.error_uri {
        params.push(("error_uri", u.clone()));
    }
    for (name, value) in e.extra.iter() {
        params.push((name, value.to_text().into_owned()));
    }
    let params: Vec<String> = params
        .iter()
        .map(|(name, value)| {
            format!(
                "{name}=\"{}\"",
                value.replace('\\', "\\\\").replace('"', "\\\"")
            )
        })
        .collect();
    format!("Bearer {}", params.join(", "))
}

fuzz_target!(|data: &[u8]| {
    let header = oidc_rs_fuzz::text(data);
    match UserinfoErrorResponse::from_www_authenticate(&header) {
        Ok(e) => {
            check::debug(&e);
            check::error_text("UserinfoErrorResponse as Display", &e);
            let again = challenge(&e);
            check::round_trip(
                "WWW-Authenticate",
                &e,
                &again,
                UserinfoErrorResponse::from_www_authenticate(&again),
            );
        }
        Err(e) => check::error_text("from_www_authenticate", &e),
    }
});
