//! Code generation from a checked [`Container`]. Assumes valid input; never reports
//! user errors. Generated code lives in `const _: () = { .. }`, uses fully qualified
//! paths and calls `::oidc_core::__private` helpers, which hold the actual logic.

mod decode;
mod encode;
mod field;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::Container;
use field::{FieldKind, FieldPlan};

pub fn generate(cont: &Container) -> TokenStream {
    let plans: Vec<FieldPlan> = cont.fields.iter().map(FieldPlan::new).collect();
    let ident = cont.ident;
    let name = &cont.name;

    let builder = builder(&plans);
    let token_kind = token_kind(cont, &plans);
    let decode = decode::generate(&plans, cont.attrs.validate.get().map(|w| &w.value));
    let encode = encode::generate(&plans);
    let debug = if cont.attrs.no_debug.is_set() {
        TokenStream::new()
    } else {
        debug(cont, &plans)
    };

    quote! {
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #builder

            #[automatically_derived]
            impl ::oidc_core::__private::Fields for #ident {
                const NAME: &'static str = #name;
                #token_kind
                type Builder = __OidcBuilder;
                #decode
                #encode
            }

            #[automatically_derived]
            impl ::oidc_core::OidcMessage for #ident {}

            #[automatically_derived]
            impl ::oidc_core::__private::serde::Serialize for #ident {
                fn serialize<__S: ::oidc_core::__private::serde::Serializer>(
                    &self,
                    serializer: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    ::oidc_core::__private::serialize(self, serializer)
                }
            }

            #[automatically_derived]
            impl<'de> ::oidc_core::__private::serde::Deserialize<'de> for #ident {
                fn deserialize<__D: ::oidc_core::__private::serde::Deserializer<'de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    ::oidc_core::__private::deserialize(deserializer)
                }
            }

            #debug
        };
    }
}

/// `Fields::TOKEN_KIND`: the named kind, else the first flattened field's kind
/// (resolved at compile time), else nothing (the trait's default, no kind).
fn token_kind(cont: &Container, plans: &[FieldPlan]) -> TokenStream {
    let p = quote!(::oidc_core::__private);
    let children: Vec<&syn::Type> = plans
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Flatten))
        .map(|f| f.field.ty)
        .collect();
    match cont.attrs.token_kind.get() {
        Some(word) => {
            // Spanned on the path, so a path to something else than a `TokenKind` is
            // reported there.
            let path = &word.value;
            let kind = quote_spanned!(path.span()=> {
                let kind: &'static #p::TokenKind = &#path;
                kind
            });
            quote! {
                const TOKEN_KIND: ::core::option::Option<&'static #p::TokenKind> =
                    ::core::option::Option::Some(#kind);
            }
        }
        None if !children.is_empty() => quote! {
            const TOKEN_KIND: ::core::option::Option<&'static #p::TokenKind> =
                #p::first_token_kind(&[#(<#children as #p::Fields>::TOKEN_KIND),*]);
        },
        None => TokenStream::new(),
    }
}

/// One slot per field (the decoded value so far), one per alias, the `extra` field
/// and the builders of flattened messages.
fn builder(plans: &[FieldPlan]) -> TokenStream {
    let mut slots = Vec::new();
    let mut inits = Vec::new();
    for plan in plans {
        let f = plan.ident;
        match &plan.kind {
            FieldKind::Extra => {
                slots.push(quote!(#f: ::oidc_core::ExtraParams));
            }
            FieldKind::Flatten => {
                let ty = plan.field.ty;
                slots.push(quote!(#f: <#ty as ::oidc_core::__private::Fields>::Builder));
            }
            _ => {
                let vt = plan.field.value_ty();
                slots.push(quote!(#f: ::core::option::Option<#vt>));
                for stash in plan.alias_slots() {
                    slots.push(
                        quote!(#stash: ::core::option::Option<::oidc_core::__private::Stash>),
                    );
                    inits.push(quote!(#stash: ::core::default::Default::default()));
                }
            }
        }
        inits.push(quote!(#f: ::core::default::Default::default()));
    }
    quote! {
        #[doc(hidden)]
        pub struct __OidcBuilder {
            #(#slots,)*
        }

        impl ::core::default::Default for __OidcBuilder {
            fn default() -> Self {
                __OidcBuilder { #(#inits,)* }
            }
        }
    }
}

fn debug(cont: &Container, plans: &[FieldPlan]) -> TokenStream {
    let ident = cont.ident;
    let type_name = ident.to_string();
    let fields = plans.iter().map(|plan| {
        let f = plan.ident;
        let name = plan.rust_name();
        if plan.field.attrs.secret.is_set() {
            if plan.field.is_option() {
                quote!(d.field(#name, &::oidc_core::__private::RedactedOption(self.#f.is_some()));)
            } else {
                quote!(d.field(#name, &::oidc_core::__private::Redacted);)
            }
        } else {
            quote!(d.field(#name, &self.#f);)
        }
    });
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut d = f.debug_struct(#type_name);
                #(#fields)*
                d.finish()
            }
        }
    }
}
