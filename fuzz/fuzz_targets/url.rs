//! Every core message through `from_url` with each `Location`, and back through
//! `to_url`. The first byte chooses the message, the rest is the redirect URL.
//!
//! Asserts, for each message `m` decoded from the URL: no panic; `to_url` with the
//! input's own base (what precedes `?` / `#`), when that base is accepted, keeps the
//! base and reads back as `m` through the query; `to_url` with a fixed https base never
//! fails and reads back as `m` with `Location::Query` and `Location::Auto`; `m` put in a
//! fragment reads back with `Location::Fragment`; a base with a query keeps it and
//! ends with `to_form(m)`; a fragment of the app's own (`#_=_`, `#/route`, `#!`) does
//! not hide the query from `Location::Auto` (issue 8 item 9); `to_url` refuses `javascript:` / `data:` /
//! `vbscript:` bases and control characters (item 10); every error text is one
//! bounded line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oidc_core::Location;
use oidc_rs_fuzz::check;
use oidc_rs_fuzz::messages::{name, with_message, Message, Visit};

const BASE: &str = "https://rp.example/cb";

struct Url<'a>(&'a str);

impl Visit for Url<'_> {
    fn visit<M: Message>(self) {
        let input = self.0;
        let mut decoded = Vec::new();
        for location in [Location::Query, Location::Fragment, Location::Auto] {
            let result = M::from_url(input, location);
            match &result {
                Ok(m) => round_trips(m, input),
                Err(e) => check::error_text(name::<M>(), e),
            }
            decoded.push(result);
        }
        // Issue 8 item 9: a fragment that apps put there for themselves (`#_=_` from
        // Facebook, hash routes `#/callback`, `#!`) does not hide the query from `Auto`.
        // (`Auto` reads a fragment when one of its names is `error` or a name the
        // message declares; no message declares `_` or a name starting with `/` or `!`.)
        if let (Some((_, fragment)), Ok(m)) = (input.split_once('#'), &decoded[0]) {
            let app_only = fragment.split('&').all(|piece| {
                let name = piece.split('=').next().unwrap_or_default();
                name == "_" || name.starts_with('/') || name.starts_with('!')
            });
            if app_only && decoded[2].as_ref() != Ok(m) {
                check::fail_unless_tolerated(
                    "9",
                    format_args!(
                        "{}: Location::Auto reads the fragment {fragment:?} of {input:?} instead of its query",
                        name::<M>()
                    ),
                );
            }
        }
    }
}

/// Issue 8 item 10: `to_url` refuses script-bearing schemes and control characters.
fn base_is_safe(base: &str) -> bool {
    let scheme = base
        .split(':')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    !["javascript", "data", "vbscript"].contains(&scheme.as_str())
        && !base.chars().any(char::is_control)
}

fn round_trips<M: Message>(m: &M, input: &str) {
    check::debug(m);
    let form = m.to_form();

    let url = m
        .to_url(BASE)
        .unwrap_or_else(|e| panic!("{}: to_url({BASE:?}) fails: {e}", name::<M>()));
    check::round_trip(
        "to_url / query",
        m,
        &url,
        M::from_url(&url, Location::Query),
    );
    check::round_trip("to_url / auto", m, &url, M::from_url(&url, Location::Auto));

    let fragment = format!("{BASE}#{form}");
    check::round_trip(
        "fragment",
        m,
        &fragment,
        M::from_url(&fragment, Location::Fragment),
    );

    // The input's own base: its path alone, then with its query.
    let path_end = input.find(['?', '#']).unwrap_or(input.len());
    let path = &input[..path_end];
    match m.to_url(path) {
        Ok(url) => {
            if !base_is_safe(path) {
                check::fail_unless_tolerated(
                    "10",
                    format_args!("{}: to_url accepts the base {path:?}", name::<M>()),
                );
            }
            assert!(
                url.starts_with(path),
                "{}: to_url({path:?}) = {url:?} drops the base",
                name::<M>()
            );
            check::round_trip(
                "to_url(input base) / query",
                m,
                &url,
                M::from_url(&url, Location::Query),
            );
        }
        Err(e) => check::error_text(name::<M>(), &e),
    }
    let with_query = &input[..input.find('#').unwrap_or(input.len())];
    match m.to_url(with_query) {
        Ok(url) => {
            assert!(
                url.starts_with(with_query),
                "{}: to_url({with_query:?}) = {url:?} drops the base",
                name::<M>()
            );
            assert!(
                url.ends_with(&form),
                "{}: to_url({with_query:?}) = {url:?} does not end with the parameters {form:?}",
                name::<M>()
            );
        }
        Err(e) => check::error_text(name::<M>(), &e),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    with_message(selector, Url(&oidc_rs_fuzz::text(rest)));
});
