//! On a user error: the errors, plus impls whose bodies are never compiled into a
//! running program (the crate does not build), so that uses of the type elsewhere do
//! not add a cascade of "trait not implemented" errors to the real one.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn expand(input: &DeriveInput, errors: syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let name = ident.to_string();
    quote! {
        #errors
        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::oidc_core::__private::Fields for #ident #ty_generics #where_clause {
                const NAME: &'static str = #name;
                type Builder = ();
                fn form_field<'__v>(
                    _: &mut (), _: &'static str, _: &str, _: ::std::borrow::Cow<'__v, str>,
                ) -> ::core::result::Result<::core::option::Option<::std::borrow::Cow<'__v, str>>, ::oidc_core::Error> {
                    ::core::unreachable!()
                }
                fn form_extra(_: &mut (), _: &'static str, _: &str, _: &str) -> ::core::result::Result<bool, ::oidc_core::Error> {
                    ::core::unreachable!()
                }
                fn json_field<'__de, __A: ::oidc_core::__private::serde::de::MapAccess<'__de>>(
                    _: &mut (), _: &mut ::oidc_core::__private::DeCtx, _: &str, _: &mut __A,
                ) -> ::core::result::Result<bool, __A::Error> {
                    ::core::unreachable!()
                }
                fn json_extra<'__de, __A: ::oidc_core::__private::serde::de::MapAccess<'__de>>(
                    _: &mut (), _: &mut ::oidc_core::__private::DeCtx, _: &str, _: &mut __A,
                ) -> ::core::result::Result<bool, __A::Error> {
                    ::core::unreachable!()
                }
                fn finish(
                    _: (), _: &'static str, _: ::core::option::Option<&mut ::std::vec::Vec<&'static str>>,
                ) -> ::core::result::Result<Self, ::oidc_core::Error> {
                    ::core::unreachable!()
                }
                fn write_form(&self, _: &mut ::oidc_core::__private::FormWriter<'_>) {
                    ::core::unreachable!()
                }
                fn serialize_fields<__M: ::oidc_core::__private::serde::ser::SerializeMap>(
                    &self, _: &mut __M, _: ::oidc_core::__private::SerializerKind,
                ) -> ::core::result::Result<(), __M::Error> {
                    ::core::unreachable!()
                }
            }
            #[automatically_derived]
            impl #impl_generics ::oidc_core::OidcMessage for #ident #ty_generics #where_clause {}
        };
    }
}
