//! Every core message through `from_json` and `from_json_lenient`, and serde's
//! `Deserialize` / `Serialize` with serde_json. The first byte chooses the message, the
//! rest is the document.
//!
//! Asserts: no panic; `from_json(to_json(m)) == m`; the lenient decoder accepts what
//! the strict one does, with the same value and nothing missing, and its own output
//! round-trips; `serde_json` agrees with `from_json` / `to_json` (one visitor, one
//! writer); `Debug` hides credentials (issue 8 item 7); every error text is one
//! bounded line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oidc_rs_fuzz::check;
use oidc_rs_fuzz::messages::{name, with_message, Message, Visit};

struct Json<'a>(&'a str);

impl Visit for Json<'_> {
    fn visit<M: Message>(self) {
        let json = self.0;
        // from_json skips a leading byte-order mark (documented); serde_json does not.
        let serde_input = json.strip_prefix('\u{feff}').unwrap_or(json);
        let strict = M::from_json(json);
        match &strict {
            Ok(m) => {
                check::debug(m);
                let encoded = m.to_json();
                check::round_trip("json", m, &encoded, M::from_json(&encoded));
                assert_eq!(
                    serde_json::to_string(m).ok().as_deref(),
                    Some(encoded.as_str()),
                    "{}: Serialize with serde_json differs from to_json",
                    name::<M>()
                );
                match serde_json::from_str::<M>(serde_input) {
                    Ok(via_serde) => assert!(
                        &via_serde == m,
                        "{}: Deserialize with serde_json differs from from_json on {json:?}: {via_serde:?} / {m:?}",
                        name::<M>()
                    ),
                    Err(e) => panic!(
                        "{}: from_json accepts {json:?}, serde_json refuses it: {e}",
                        name::<M>()
                    ),
                }
                if let Ok(members) =
                    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(serde_input)
                {
                    let pairs: Vec<(String, String)> = members
                        .iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                        .collect();
                    check::secrets_hidden(m, &pairs, |i| {
                        let mut rest = members.clone();
                        rest.remove(&pairs[i].0);
                        M::from_json(&serde_json::Value::Object(rest).to_string()).ok()
                    });
                }
            }
            Err(e) => {
                check::error_text(name::<M>(), e);
                if let Ok(via_serde) = serde_json::from_str::<M>(serde_input) {
                    panic!("{}: from_json refuses {json:?} ({e}), serde_json accepts it: {via_serde:?}", name::<M>());
                }
            }
        }
        match M::from_json_lenient(json) {
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
                let encoded = lenient.to_json();
                let again = M::from_json_lenient(&encoded).map(|(m, _)| m);
                check::round_trip("lenient json", &lenient, &encoded, again);
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

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    with_message(selector, Json(&oidc_rs_fuzz::text(rest)));
});
