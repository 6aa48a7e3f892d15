//! The properties every target asserts.
//!
//! A property that an open defect breaks names it: an item number of issue 8 (`"6"`),
//! or a name given to a finding of the fuzzers while it is open (none today).
//! `OIDC_FUZZ_TOLERATE` (comma-separated names, e.g. `OIDC_FUZZ_TOLERATE=6,8`) turns
//! those properties off, so that a run can look for other defects while these are
//! being fixed. By default nothing is tolerated.

use std::fmt::{Debug, Display};
use std::sync::OnceLock;

/// The longest error text accepted: an error is one line a log can hold.
pub const MAX_ERROR_TEXT: usize = 1024;

/// Whether the defect `name` is tolerated in this run (`OIDC_FUZZ_TOLERATE`).
pub fn tolerated(name: &str) -> bool {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            std::env::var("OIDC_FUZZ_TOLERATE")
                .unwrap_or_default()
                .split(',')
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect()
        })
        .iter()
        .any(|n| n == name)
}

/// Fails the run with `what`, unless the defect `name` is tolerated.
#[track_caller]
pub fn fail_unless_tolerated(name: &str, what: std::fmt::Arguments<'_>) {
    if !tolerated(name) {
        match name.parse::<u32>() {
            Ok(item) => panic!("{what} [issue 8 item {item}]"),
            Err(_) => panic!("{what} [{name}]"),
        }
    }
}

/// At most 300 bytes of `text`, for panic messages.
pub fn cut(text: &str) -> &str {
    let mut end = text.len().min(300);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Why `text` is not an acceptable error text (one line of at most
/// [`MAX_ERROR_TEXT`] bytes, no control character), if it is not.
pub fn error_text_problem(text: &str) -> Option<&'static str> {
    if text.contains(['\n', '\r']) {
        Some("contains a line break")
    } else if text.chars().any(char::is_control) {
        Some("contains a control character")
    } else if text.len() > MAX_ERROR_TEXT {
        Some("is longer than 1 KiB")
    } else {
        None
    }
}

/// An error's `Display` text is one bounded line with control characters escaped
/// (issue 8 item 6).
#[track_caller]
pub fn error_text(context: &str, error: &dyn Display) {
    let text = error.to_string();
    if let Some(problem) = error_text_problem(&text) {
        fail_unless_tolerated(
            "6",
            format_args!(
                "{context}: error text {problem} ({} bytes): {:?}",
                text.len(),
                cut(&text)
            ),
        );
    }
}

/// `Debug` never panics (it redacts secrets, which walks every field).
pub fn debug(value: &dyn Debug) {
    let _ = format!("{value:?}");
}

/// `decode(encode(m)) == m` for a value `m` that was decoded from the fuzzer's input.
#[track_caller]
pub fn round_trip<M: PartialEq + Debug, E: Display>(
    codec: &str,
    original: &M,
    encoded: &str,
    decoded: Result<M, E>,
) {
    match decoded {
        Ok(again) if &again == original => {}
        Ok(again) => round_trip_failure(
            codec,
            original,
            encoded,
            format_args!("decodes to another value: {again:?}"),
        ),
        Err(e) => round_trip_failure(
            codec,
            original,
            encoded,
            format_args!("does not decode: {e}"),
        ),
    }
}

#[track_caller]
fn round_trip_failure<M: Debug>(
    codec: &str,
    original: &M,
    encoded: &str,
    why: std::fmt::Arguments<'_>,
) {
    let shown = format!("{original:?}");
    match known_round_trip_item(&shown) {
        Some(item) => fail_unless_tolerated(
            item,
            format_args!(
                "{codec} round trip: {} encoded as {:?} {why}",
                cut(&shown),
                cut(encoded)
            ),
        ),
        None => panic!(
            "{codec} round trip: {} encoded as {:?} {why}",
            cut(&shown),
            cut(encoded)
        ),
    }
}

/// The issue-8 item a round-trip failure may be, judged from the original value's
/// `Debug` text: an empty list (item 8: `scope=+++`, an optional list of spaces) or an
/// audience whose text looks like a JSON array (item 11: `aud="[\"x\"]"`).
fn known_round_trip_item(shown: &str) -> Option<&'static str> {
    if shown.contains("Single(\"[") {
        Some("11")
    } else if shown.contains("[]") {
        Some("8")
    } else {
        None
    }
}

/// Parameter names whose values never reach `Debug`, whatever the message (issue 8
/// item 7: `id_token`, and the credentials of extension grants and client assertions
/// when they arrive as unknown parameters).
pub const SECRET_NAMES: [&str; 6] = [
    "id_token",
    "device_code",
    "assertion",
    "subject_token",
    "actor_token",
    "client_assertion",
];

/// `Debug` of `with` shows no secret: for each `(name, value)` of `pairs` whose name is
/// in [`SECRET_NAMES`] (values of 8 bytes or more), if `Debug` of the message decoded
/// without that pair (`without(i)`) does not show the value, `Debug` of `with` must not
/// either (issue 8 item 7).
pub fn secrets_hidden<M: Debug>(
    with: &M,
    pairs: &[(String, String)],
    without: impl Fn(usize) -> Option<M>,
) {
    let shown = format!("{with:?}");
    for (i, (name, value)) in pairs.iter().enumerate() {
        if !SECRET_NAMES.contains(&name.as_str()) || value.len() < 8 {
            continue;
        }
        let escaped = format!("{value:?}");
        let escaped = &escaped[1..escaped.len() - 1];
        if !shown.contains(escaped) {
            continue;
        }
        if let Some(other) = without(i) {
            if !format!("{other:?}").contains(escaped) {
                fail_unless_tolerated(
                    "7",
                    format_args!(
                        "Debug shows the {name} value {:?}: {}",
                        cut(value),
                        cut(&shown)
                    ),
                );
            }
        }
    }
}
