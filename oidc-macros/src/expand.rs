//! Parse -> check -> generate; on any error, the fallback.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::internals::ast::{Container, ResponseEnum};
use crate::internals::attr::ContainerAttrs;
use crate::internals::{check, ctxt::Ctxt};
use crate::{codegen, fallback};

pub fn derive(input: &DeriveInput) -> TokenStream {
    if let syn::Data::Enum(data) = &input.data {
        return derive_response(input, data);
    }
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

/// A success-or-error response enum.
fn derive_response(input: &DeriveInput, data: &syn::DataEnum) -> TokenStream {
    let cx = Ctxt::new();
    let response = ResponseEnum::from_ast(&cx, input, data);
    // `no_debug` again, in case the enum's shape was refused (its errors are reported).
    let no_debug = ContainerAttrs::from_input(&Ctxt::new(), input)
        .no_debug
        .is_set();
    check::check_no_conflicting_derives(&cx, input, no_debug);
    match (cx.check(), response) {
        (Ok(()), Some(response)) => codegen::response::generate(&response),
        (Err(errors), _) => fallback::expand(input, errors),
        (Ok(()), None) => unreachable!("ResponseEnum::from_ast reports why it returns None"),
    }
}
