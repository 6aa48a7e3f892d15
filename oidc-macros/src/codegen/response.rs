//! `#[derive(OidcMessage)] enum R { Success(S), Error(E) }`: the codecs of a response
//! that is one message or the other (told apart by `error`, in
//! `oidc_core::__private::response`), serde impls, `Debug`, `From` both ways.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::bounds;
use super::field::respan;
use crate::internals::ast::ResponseEnum;

pub fn generate(response: &ResponseEnum) -> TokenStream {
    let krate = response.krate();
    let p = quote!(#krate::__private);
    let ident = response.ident;
    let name = &response.name;
    let (s, e) = (response.success, response.error);
    let generic = !response.type_params.is_empty();

    let (impl_generics, ty_generics, _) = response.generics.split_for_impl();
    let mut predicates: Vec<TokenStream> = response
        .generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter())
        .map(|pred| quote!(#pred))
        .collect();
    for ty in [s, e] {
        if response.mentions_type_param(ty) {
            predicates.push(quote!(#ty: #krate::OidcMessage));
        }
    }
    let where_clause = if predicates.is_empty() {
        TokenStream::new()
    } else {
        quote!(where #(#predicates,)*)
    };
    let de_generics = bounds::with_lifetime(response.generics, "'__de");
    let (de_impl_generics, _, _) = de_generics.split_for_impl();

    // Spanned on the variants' types, so a type that is not a message is one error there.
    let span_of = |ty: &syn::Type| Span::call_site().located_at(ty.span());
    let fields_of = |ty: &syn::Type| {
        let span = span_of(ty);
        let p = respan(&p, span);
        quote_spanned!(span=> <#ty as #p::Fields>)
    };
    let (s_fields, e_fields) = (fields_of(s), fields_of(e));
    let check = {
        let span = span_of(e);
        let p = respan(&p, span);
        quote_spanned!(span=> #p::check_response(#name, &#s_fields::WIRE, &#e_fields::WIRE))
    };
    let eager_check = (!generic).then(|| quote!(const _: () = #ident::__OIDC_CHECKED;));

    // `From` each variant's message; a variant whose type is a type parameter gets none
    // (`From<S>` and `From<E>` would overlap where `S` is `E`).
    let from = |ty: &syn::Type, variant: TokenStream| {
        (!generic || !response.mentions_type_param(ty)).then(|| {
            quote! {
                #[automatically_derived]
                impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                    fn from(m: #ty) -> Self {
                        Self::#variant(m)
                    }
                }
            }
        })
    };
    let from_success = from(s, quote!(Success));
    let from_error = from(e, quote!(Error));

    let debug = if response.attrs.no_debug.is_set() {
        TokenStream::new()
    } else {
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self {
                        Self::Success(m) => f.debug_tuple("Success").field(#s_fields::as_debug(m)).finish(),
                        Self::Error(m) => f.debug_tuple("Error").field(#e_fields::as_debug(m)).finish(),
                    }
                }
            }
        }
    };

    quote! {
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #ident #ty_generics #where_clause {
                /// Fails the build when `error` does not tell the variants apart.
                const __OIDC_CHECKED: () = #check;

                /// Decodes a JSON response body: the `Error` variant when the document
                /// has a non-empty `error` member (RFC 6749 §5.2), else the `Success`
                /// variant. A success response is read in one pass.
                pub fn from_json(json: &str) -> ::core::result::Result<Self, #krate::Error> {
                    let () = Self::__OIDC_CHECKED;
                    ::core::result::Result::map(
                        #p::response_from_json::<#s, #e>(#name, json),
                        |decoded| match decoded {
                            ::core::result::Result::Ok(m) => Self::Success(m),
                            ::core::result::Result::Err(m) => Self::Error(m),
                        },
                    )
                }

                /// Decodes a form-encoded response (a `form_post` body, a form-encoded
                /// token response), told apart by `error` as in JSON.
                pub fn from_form(body: &str) -> ::core::result::Result<Self, #krate::Error> {
                    let () = Self::__OIDC_CHECKED;
                    ::core::result::Result::map(
                        #p::response_from_form::<#s, #e>(#name, body),
                        |decoded| match decoded {
                            ::core::result::Result::Ok(m) => Self::Success(m),
                            ::core::result::Result::Err(m) => Self::Error(m),
                        },
                    )
                }

                /// Decodes the parameters at `location` of a redirect URL (see
                /// `OidcMessage::from_url`); `Location::Auto` reads the fragment when it
                /// carries either message (or `error`).
                pub fn from_url(
                    url: &str,
                    location: #krate::Location,
                ) -> ::core::result::Result<Self, #krate::Error> {
                    let () = Self::__OIDC_CHECKED;
                    ::core::result::Result::map(
                        #p::response_from_url::<#s, #e>(#name, url, location),
                        |decoded| match decoded {
                            ::core::result::Result::Ok(m) => Self::Success(m),
                            ::core::result::Result::Err(m) => Self::Error(m),
                        },
                    )
                }

                /// The message as JSON.
                pub fn to_json(&self) -> ::std::string::String {
                    match self {
                        Self::Success(m) => #krate::OidcMessage::to_json(m),
                        Self::Error(m) => #krate::OidcMessage::to_json(m),
                    }
                }

                /// The message as a form body.
                pub fn to_form(&self) -> ::std::string::String {
                    match self {
                        Self::Success(m) => #krate::OidcMessage::to_form(m),
                        Self::Error(m) => #krate::OidcMessage::to_form(m),
                    }
                }

                /// True for `Success`.
                pub fn is_success(&self) -> bool {
                    ::core::matches!(self, Self::Success(_))
                }

                /// `Ok(success)` or `Err(error response)`, for `?`.
                pub fn into_result(self) -> ::core::result::Result<#s, #e> {
                    match self {
                        Self::Success(m) => ::core::result::Result::Ok(m),
                        Self::Error(m) => ::core::result::Result::Err(m),
                    }
                }
            }

            #eager_check

            #from_success
            #from_error

            #[automatically_derived]
            impl #impl_generics #p::Decodable for #ident #ty_generics #where_clause {
                fn decode_form(form: &str) -> ::core::result::Result<Self, #krate::Error> {
                    Self::from_form(form)
                }

                fn decode_json(json: &str) -> ::core::result::Result<Self, #krate::Error> {
                    Self::from_json(json)
                }
            }

            #[automatically_derived]
            impl #impl_generics #p::serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S: #p::serde::Serializer>(
                    &self,
                    serializer: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    match self {
                        Self::Success(m) => #p::serialize(m, serializer),
                        Self::Error(m) => #p::serialize(m, serializer),
                    }
                }
            }

            #[automatically_derived]
            impl #de_impl_generics #p::serde::Deserialize<'__de> for #ident #ty_generics #where_clause {
                fn deserialize<__D: #p::serde::Deserializer<'__de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    #p::deserialize_response(deserializer, Self::from_json, Self::from_form)
                }
            }

            #debug
        };
    }
}
