//! Empty: the crate exists for `benches/peers.rs` (see README.md).
