//! Every core message through `from_form` and `from_form_lenient`, and serde's
//! `Deserialize` over a form (what axum's `Form` / `Query` run). The first byte chooses
//! the message (`oidc_rs_fuzz::messages`), the rest is the body.
//!
//! Asserts: no panic; `from_form(to_form(m)) == m`; the lenient decoder accepts what
//! the strict one does, with the same value and nothing missing, and its own output
//! round-trips; `serde_urlencoded` agrees with `to_form` / `from_form` (on bodies
//! whose escapes are valid); `Debug` hides credentials (issue 8 item 7); every error
//! text is one bounded line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oidc_rs_fuzz::check;
use oidc_rs_fuzz::messages::{name, with_message, Message, Visit};

struct Form<'a>(&'a str);

impl Visit for Form<'_> {
    fn visit<M: Message>(self) {
        let body = self.0;
        let strict = M::from_form(body);
        match &strict {
            Ok(m) => {
                check::debug(m);
                let encoded = m.to_form();
                check::round_trip("form", m, &encoded, M::from_form(&encoded));
                assert_eq!(
                    serde_urlencoded::to_string(m).as_deref(),
                    Ok(encoded.as_str()),
                    "{}: Serialize over a form differs from to_form",
                    name::<M>()
                );
                match serde_urlencoded::from_str::<M>(body) {
                    Ok(via_serde) => assert_eq!(
                        &via_serde,
                        m,
                        "{}: Deserialize over a form differs from from_form",
                        name::<M>()
                    ),
                    Err(e) => panic!(
                        "{}: from_form accepts {body:?}, Deserialize over a form refuses it: {e}",
                        name::<M>()
                    ),
                }
                if let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(body) {
                    check::secrets_hidden(m, &pairs, |i| {
                        let mut rest = pairs.clone();
                        rest.remove(i);
                        M::from_form(&serde_urlencoded::to_string(&rest).ok()?).ok()
                    });
                }
            }
            Err(e) => {
                check::error_text(name::<M>(), e);
                // serde_urlencoded percent-decodes before the visitor sees a value (an
                // invalid escape stays as text, invalid UTF-8 becomes U+FFFD: README,
                // "Wire rules"), so the two agree only on bodies whose escapes are valid.
                if escapes_are_valid(body) {
                    if let Ok(via_serde) = serde_urlencoded::from_str::<M>(body) {
                        panic!("{}: from_form refuses {body:?} ({e}), Deserialize over a form accepts it: {via_serde:?}", name::<M>());
                    }
                }
            }
        }
        match M::from_form_lenient(body) {
            Ok((lenient, missing)) => {
                if let Ok(m) = &strict {
                    assert_eq!(
                        &lenient,
                        m,
                        "{}: lenient and strict decoders disagree",
                        name::<M>()
                    );
                    assert!(
                        missing.is_empty(),
                        "{}: lenient decoder reports {missing:?} missing",
                        name::<M>()
                    );
                }
                let encoded = lenient.to_form();
                let again = M::from_form_lenient(&encoded).map(|(m, _)| m);
                check::round_trip("lenient form", &lenient, &encoded, again);
            }
            Err(e) => {
                check::error_text(name::<M>(), &e);
                assert!(
                    strict.is_err(),
                    "{}: the strict decoder accepts what the lenient one refuses: {e}",
                    name::<M>()
                );
            }
        }
    }
}

/// Every `%` starts a two-hex-digit escape and every name and value percent-decodes to
/// UTF-8.
fn escapes_are_valid(body: &str) -> bool {
    body.split(['&', '=']).all(|part| {
        let bytes = part.as_bytes();
        let mut decoded = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) if hex.is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())) => {
                        decoded.push(byte)
                    }
                    _ => return false,
                }
                i += 3;
            } else {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
        std::str::from_utf8(&decoded).is_ok()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    with_message(selector, Form(&oidc_rs_fuzz::text(rest)));
});
