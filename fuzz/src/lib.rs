//! What the fuzz targets in `fuzz_targets/` share: the properties they assert
//! (`check`), the choice of a core message by the input's first byte (`messages`), and
//! the key set and token checks of the JWT targets (`tokens`).
//!
//! Every property failure is a panic, which libFuzzer reports as a crash and saves in
//! `fuzz/artifacts/<target>/`.

pub mod check;
pub mod messages;
pub mod tokens;

/// The input as text: invalid UTF-8 becomes U+FFFD, so every byte string reaches the
/// decoders (which take `&str`).
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}
