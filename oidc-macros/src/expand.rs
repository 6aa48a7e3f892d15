//! Parse -> check -> generate; on any error, the fallback.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::internals::{ast::Container, check, ctxt::Ctxt};
use crate::{codegen, fallback};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let container = Container::from_ast(&cx, input);
    if let Some(container) = &container {
        check::check(&cx, container, input);
    }
    match (cx.check(), container) {
        (Ok(()), Some(container)) => codegen::generate(&container),
        (Err(errors), _) => fallback::expand(input, errors),
        (Ok(()), None) => unreachable!("Container::from_ast reports why it returns None"),
    }
}
