//! The bounds of a generic message's impls, inferred as serde does: a field whose type
//! involves a type parameter adds the bound its kind needs, on the field's type (so
//! `Option<T>` adds `T: ParamValue`, `#[oidc(flatten)] claims: C` adds `C: Fields`).

use proc_macro2::TokenStream;
use quote::quote;

use super::field::{FieldKind, FieldPlan};
use crate::internals::ast::Container;
use crate::internals::attr::DefaultValue;

/// The message's own `where` clause plus the inferred bounds (empty for a message
/// without type parameters).
pub fn where_clause(cont: &Container, plans: &[FieldPlan], krate: &TokenStream) -> TokenStream {
    let p = quote!(#krate::__private);
    let mut predicates: Vec<TokenStream> = cont
        .generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter())
        .map(|pred| quote!(#pred))
        .collect();
    for plan in plans.iter().filter(|plan| plan.generic) {
        let vt = plan.field.value_ty();
        let ty = plan.field.ty;
        let value = quote!(#krate::codec::value::ParamValue);
        predicates.push(match &plan.kind {
            FieldKind::Plain => quote!(#vt: #value),
            FieldKind::Lenient => quote!(#vt: #krate::codec::value::LenientValue),
            FieldKind::SpaceList(elem) | FieldKind::Repeated(elem) => quote!(#elem: #value),
            FieldKind::Json => quote! {
                #vt: #p::serde::Serialize + #p::serde::de::DeserializeOwned + ::core::fmt::Debug
            },
            FieldKind::JsonList(elem) => quote! {
                #elem: #p::serde::Serialize + #p::serde::de::DeserializeOwned + ::core::fmt::Debug
            },
            FieldKind::Flatten => quote!(#ty: #p::Fields),
            // Refused by the checks; `extra` is always `ExtraParams`.
            FieldKind::With(_) | FieldKind::Extra => continue,
        });
        // A default value is compared on encode (equal to it: not written).
        if let Some(word) = plan.field.attrs.default.get() {
            predicates.push(match word.value {
                DefaultValue::Trait => {
                    quote!(#vt: ::core::cmp::PartialEq + ::core::default::Default)
                }
                DefaultValue::Path(_) => quote!(#vt: ::core::cmp::PartialEq),
            });
        }
    }
    if predicates.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#predicates,)*)
    }
}

/// The message's generics with a leading lifetime parameter (the `Deserialize` impl).
pub fn with_lifetime(generics: &syn::Generics, lifetime: &str) -> syn::Generics {
    let mut generics = generics.clone();
    let lifetime = syn::Lifetime::new(lifetime, proc_macro2::Span::call_site());
    generics.params.insert(
        0,
        syn::GenericParam::Lifetime(syn::LifetimeParam::new(lifetime)),
    );
    generics
}
