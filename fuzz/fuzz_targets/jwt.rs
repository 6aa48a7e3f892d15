//! `from_jwt` for the three token kinds (`IdToken`, `JwtAccessToken`,
//! `BackChannelLogoutToken`), then `validate_extern` with fixed clocks. The input is
//! the compact token; the key set holds real keys from tests/data
//! (`oidc_rs_fuzz::tokens`), so seeds verify and mutations of their header or
//! signature get past the parser.
//!
//! Asserts what `oidc_rs_fuzz::tokens::check_token` says.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    oidc_rs_fuzz::tokens::check_token(&oidc_rs_fuzz::text(data));
});
