//! Parsing and validation of `#[derive(OidcMessage)]` input into a typed IR.
//!
//! Mirrors `serde_derive::internals`: `attr` turns attribute tokens into typed values,
//! `ast` builds the container/field IR, `check` holds the cross-field rules, and `ctxt`
//! collects every error (with its span) so they are reported together.

pub mod ast;
pub mod attr;
pub mod check;
pub mod ctxt;
pub mod suggest;
pub mod symbol;
