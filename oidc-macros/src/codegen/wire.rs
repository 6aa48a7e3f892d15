//! `Fields::WIRE` (the message's wire names as a const table) and `Fields::CHECKED`
//! (the wire-name collision check across `flatten`, which needs the flattened
//! messages' tables and so runs in const context).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::field::{respan, FieldKind, FieldPlan};
use crate::internals::ast::Container;

pub fn table(cont: &Container, plans: &[FieldPlan], p: &TokenStream) -> TokenStream {
    let message = cont.ident.to_string();
    let mut params = Vec::new();
    let mut flattened = Vec::new();
    for plan in plans {
        let field = plan.rust_name();
        match plan.kind {
            FieldKind::Extra => {}
            FieldKind::Flatten => {
                let names = plan.fields_item(p, "WIRE");
                flattened.push(quote!(#p::Flattened { field: #field, names: &#names }));
            }
            _ => {
                let wire = &plan.wire;
                params.push(quote!(#p::Param { name: #wire, field: #field, alias: false }));
                for alias in plan.aliases() {
                    params.push(quote!(#p::Param { name: #alias, field: #field, alias: true }));
                }
            }
        }
    }
    quote! {
        #p::WireNames {
            message: #message,
            params: &[#(#params),*],
            flattened: &[#(#flattened),*],
        }
    }
}

/// One check per flattened field, spanned on it: its names against the message's own
/// and the earlier flattened fields'.
pub fn checked(plans: &[FieldPlan], p: &TokenStream) -> TokenStream {
    let checks: Vec<TokenStream> = plans
        .iter()
        .filter(|plan| matches!(plan.kind, FieldKind::Flatten))
        .enumerate()
        .map(|(index, plan)| {
            let span = proc_macro2::Span::call_site().located_at(plan.ident.span());
            let p = respan(p, span);
            quote_spanned! {span=>
                #p::check_flattened(&<Self as #p::Fields>::WIRE, #index);
            }
        })
        .collect();
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        const CHECKED: () = {
            #(#checks)*
        };
    }
}
