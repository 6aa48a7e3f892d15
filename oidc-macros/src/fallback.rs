//! On a user error: the errors, plus impls whose bodies are never compiled into a
//! running program (the crate does not build), so that uses of the type elsewhere do
//! not add a cascade of "trait not implemented" errors to the real one.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::internals::ast::krate;
use crate::internals::attr::ContainerAttrs;
use crate::internals::ctxt::Ctxt;

pub fn expand(input: &DeriveInput, errors: syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let ident = &input.ident;
    // The container attributes again, for `crate = ..` and `no_debug` (their own
    // errors are already in `errors`).
    let attrs = ContainerAttrs::from_input(&Ctxt::new(), input);
    let krate = krate(&attrs);
    let p = quote!(#krate::__private);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let name = ident.to_string();
    let debug = if attrs.no_debug.is_set() || derives_debug(input) {
        TokenStream::new()
    } else {
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }
        }
    };
    let fields = match &input.data {
        syn::Data::Struct(_) => quote! {
            #[automatically_derived]
            impl #impl_generics #p::Fields for #ident #ty_generics #where_clause {
                const NAME: &'static str = #name;
                const WIRE: #p::WireNames = #p::WireNames { message: #name, params: &[], flattened: &[] };
                type Builder = ();
                fn form_field<'__v>(
                    _: &mut (), _: &'static str, _: &str, _: ::std::borrow::Cow<'__v, str>,
                ) -> ::core::result::Result<#p::FormOffer<'__v>, #krate::Error> {
                    ::core::unreachable!()
                }
                fn json_field<'__de, __A: #p::serde::de::MapAccess<'__de>>(
                    _: &mut (), _: &mut #p::DeCtx, _: &str, _: &mut __A,
                ) -> ::core::result::Result<#p::JsonOffer<'__de>, __A::Error> {
                    ::core::unreachable!()
                }
                fn extra_slot(_: &mut ()) -> ::core::option::Option<&mut #krate::ExtraParams> {
                    ::core::unreachable!()
                }
                fn finish(
                    _: (), _: &'static str, _: ::core::option::Option<&mut ::std::vec::Vec<&'static str>>,
                    _: ::core::option::Option<&mut #krate::ExtraParams>,
                ) -> ::core::result::Result<Self, #krate::Error> {
                    ::core::unreachable!()
                }
                fn write_form(&self, _: &mut #p::FormWriter<'_>) {
                    ::core::unreachable!()
                }
                fn serialize_fields<__M: #p::serde::ser::SerializeMap>(
                    &self, _: &mut __M, _: #p::SerializerKind,
                ) -> ::core::result::Result<(), __M::Error> {
                    ::core::unreachable!()
                }
                fn writes(&self, _: &str) -> bool {
                    ::core::unreachable!()
                }
                fn extra(&self) -> ::core::option::Option<&#krate::ExtraParams> {
                    ::core::unreachable!()
                }
                fn as_debug(&self) -> &dyn ::core::fmt::Debug {
                    ::core::unreachable!()
                }
            }
            #[automatically_derived]
            impl #impl_generics #krate::OidcMessage for #ident #ty_generics #where_clause {}
        },
        _ => TokenStream::new(),
    };
    quote! {
        #errors
        const _: () = {
            #fields
            #debug
        };
    }
}

/// Whether a `#[derive(..)]` after ours names `Debug` (then a stub would conflict).
fn derives_debug(input: &DeriveInput) -> bool {
    input.attrs.iter().any(|attr| {
        attr.path().is_ident("derive")
            && attr
                .parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                )
                .is_ok_and(|paths| {
                    paths
                        .iter()
                        .any(|p| p.segments.last().is_some_and(|s| s.ident == "Debug"))
                })
    })
}
