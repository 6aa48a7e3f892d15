//! `#[derive(OidcMessage)]`. Depend on `oidc-core`, which re-exports this derive and
//! documents the attribute vocabulary; this crate only generates code.
//!
//! Layout (modelled on serde_derive and thiserror): `internals/` parses attributes into
//! a typed IR and checks the rules, collecting every error with its span; `codegen/`
//! generates code from valid IR and never reports user errors; `fallback` emits the
//! errors plus stub impls so a misuse produces one clear error instead of a cascade.

mod codegen;
mod expand;
mod fallback;
mod internals;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// (The derive is implemented in the `oidc-macros` crate; use it through `oidc-core`.)
#[proc_macro_derive(OidcMessage, attributes(oidc))]
pub fn derive_oidc_message(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
