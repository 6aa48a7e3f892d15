//! Server-provided nonces (RFC 9449 §8, §9): the `use_dpop_nonce` challenge, and one
//! retry with the nonce.

use crate::messages::UserinfoErrorResponse;

/// The error code a server answers when it wants a proof with its nonce (RFC 9449 §8).
pub const USE_DPOP_NONCE: &str = "use_dpop_nonce";

/// The nonce an authorization server asks for: `Some(nonce)` when its error response
/// is `use_dpop_nonce` (RFC 9449 §8: HTTP 400 with a JSON error) and it sent a
/// `DPoP-Nonce` header; `None` for every other answer. `error` is the error
/// response's `error` (`TokenErrorResponse::error.as_ref()`,
/// `PushedAuthorizationErrorResponse::error.as_ref()`).
///
/// ```
/// use oidc_core::dpop::nonce_challenge;
/// use oidc_core::messages::TokenResponse;
///
/// // RFC 9449 §8.
/// let body = r#"{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"}"#;
/// let error = TokenResponse::from_json(body)?.into_result().unwrap_err();
/// assert_eq!(nonce_challenge(error.error.as_ref(), Some("eyJ7S_zG.eyJH0-Z.HX4w-7v")), Some("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
/// assert_eq!(nonce_challenge("invalid_grant", Some("n")), None);
/// assert_eq!(nonce_challenge("use_dpop_nonce", None), None);
/// # Ok::<(), oidc_core::Error>(())
/// ```
pub fn nonce_challenge<'h>(error: &str, dpop_nonce_header: Option<&'h str>) -> Option<&'h str> {
    (error == USE_DPOP_NONCE)
        .then_some(dpop_nonce_header)
        .flatten()
        .map(str::trim)
        .filter(|nonce| is_nonce(nonce))
}

/// The nonce a resource server asks for: `Some(nonce)` when its `WWW-Authenticate`
/// challenge (HTTP 401) has `error="use_dpop_nonce"` (RFC 9449 §9) and it sent a
/// `DPoP-Nonce` header.
///
/// ```
/// use oidc_core::dpop::resource_nonce_challenge;
///
/// // RFC 9449 §9.
/// let challenge = r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#;
/// assert_eq!(resource_nonce_challenge(challenge, Some("eyJ7S_zG.eyJbYu3.xQmBj-1")), Some("eyJ7S_zG.eyJbYu3.xQmBj-1"));
/// assert_eq!(resource_nonce_challenge(r#"DPoP error="invalid_token""#, Some("n")), None);
/// ```
pub fn resource_nonce_challenge<'h>(
    www_authenticate: &str,
    dpop_nonce_header: Option<&'h str>,
) -> Option<&'h str> {
    let error = UserinfoErrorResponse::from_www_authenticate(www_authenticate).ok()?;
    nonce_challenge(error.error.as_str(), dpop_nonce_header)
}

/// RFC 9449 §8.1: `nonce = 1*NQCHAR` (visible ASCII except `"` and `\`, and space).
fn is_nonce(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}

/// Sends a request with a DPoP proof, and once more when the server asks for a nonce:
/// `send(nonce)` makes the proof with `nonce` (the last one this server gave, kept in
/// `*nonce`) and sends the request; `challenge(&reply)` returns the nonce the reply asks
/// for ([`nonce_challenge`] / [`resource_nonce_challenge`] over its error and
/// `DPoP-Nonce` header), or `None`. At most two requests are made (RFC 9449 §8: the
/// client retries with the new nonce; a second challenge is the caller's to report).
/// `*nonce` ends as the newest nonce seen, for the next request to this server.
///
/// ```
/// use oidc_core::dpop::send_with_nonce;
///
/// // A server that wants nonce "n2".
/// let mut nonce = Some("n1".to_owned());
/// let mut sent = Vec::new();
/// let reply = send_with_nonce(&mut nonce, |n| { sent.push(n.map(str::to_owned)); if n == Some("n2") { "ok" } else { "use_dpop_nonce" } },
///     |reply| (*reply == "use_dpop_nonce").then(|| "n2".to_owned()));
/// assert_eq!(reply, "ok");
/// assert_eq!(sent, [Some("n1".to_owned()), Some("n2".to_owned())]);
/// assert_eq!(nonce.as_deref(), Some("n2"));
/// ```
pub fn send_with_nonce<R>(
    nonce: &mut Option<String>,
    mut send: impl FnMut(Option<&str>) -> R,
    challenge: impl Fn(&R) -> Option<String>,
) -> R {
    let reply = send(nonce.as_deref());
    match challenge(&reply) {
        Some(asked) if nonce.as_deref() != Some(asked.as_str()) => {
            *nonce = Some(asked);
            send(nonce.as_deref())
        }
        _ => reply,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_syntax() {
        assert!(is_nonce("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
        assert!(is_nonce("!#[]~"));
        for bad in ["", "a b", "a\"b", "a\\b", "é", "a\nb"] {
            assert!(!is_nonce(bad), "{bad:?}");
        }
        assert_eq!(nonce_challenge(USE_DPOP_NONCE, Some(" n ")), Some("n"));
        assert_eq!(nonce_challenge(USE_DPOP_NONCE, Some("a b")), None);
    }

    #[test]
    fn one_retry_at_most() {
        // The same nonce asked again is not retried.
        let mut nonce = Some("n".to_owned());
        let mut calls = 0;
        let reply = send_with_nonce(
            &mut nonce,
            |_| {
                calls += 1;
                "again"
            },
            |_| Some("n".to_owned()),
        );
        assert_eq!((reply, calls), ("again", 1));
        // A second, different challenge is returned to the caller after one retry.
        let mut nonce = None;
        let mut calls = 0;
        let reply = send_with_nonce(
            &mut nonce,
            |_| {
                calls += 1;
                calls
            },
            |r| Some(format!("n{r}")),
        );
        assert_eq!((reply, calls), (2, 2));
        assert_eq!(nonce.as_deref(), Some("n1"));
        // No challenge: one call, the nonce untouched.
        let mut nonce = None;
        assert!(send_with_nonce(&mut nonce, |n| n.is_none(), |_| None));
        assert_eq!(nonce, None);
    }
}
