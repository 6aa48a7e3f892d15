//! Code generation from a checked [`Container`]. Assumes valid input; never reports
//! user errors. Generated code lives in `const _: () = { .. }`, uses fully qualified
//! paths (through `#[oidc(crate = "..")]` when given) and calls the runtime in
//! `oidc_core::__private`, which holds the actual logic.

mod bounds;
mod decode;
mod encode;
mod field;
pub mod response;
mod wire;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::internals::ast::Container;
use field::{FieldKind, FieldPlan};

pub fn generate(cont: &Container) -> TokenStream {
    let krate = cont.krate();
    let p = quote!(#krate::__private);
    let plans: Vec<FieldPlan> = cont
        .fields
        .iter()
        .map(|field| FieldPlan::new(cont, field))
        .collect();
    let ident = cont.ident;
    let name = &cont.name;
    let generic = !cont.type_params.is_empty();

    let (impl_generics, ty_generics, _) = cont.generics.split_for_impl();
    let where_clause = bounds::where_clause(cont, &plans, &krate);
    let de_generics = bounds::with_lifetime(cont.generics, "'__de");
    let (de_impl_generics, _, _) = de_generics.split_for_impl();

    let (builder_def, builder_ty) = builder(&plans, &p, &krate);
    // A flattened type that is not a message makes the builder type ill-formed, and so
    // every signature that names it: those point at the (first) flattened field, like
    // the uses of the type, so that the error is reported once, there.
    let builder_span = plans
        .iter()
        .find(|plan| matches!(plan.kind, FieldKind::Flatten))
        .map_or_else(proc_macro2::Span::call_site, FieldPlan::span);
    let builder_ty = field::respan(&builder_ty, builder_span);
    let builder_item = quote_spanned!(builder_span=> type Builder = #builder_ty;);
    let wire_table = wire::table(cont, &plans, &p);
    let token_kind = token_kind(cont, &plans, &p);
    let checked = wire::checked(&plans, &p);
    let decode = decode::generate(
        &plans,
        &p,
        &krate,
        cont.attrs.validate.get().map(|w| &w.value),
        generic,
        builder_span,
    );
    let encode = encode::generate(&plans, &p, &krate, generic);
    let with_modules = with_modules(&plans, &p);
    let debug = if cont.attrs.no_debug.is_set() {
        TokenStream::new()
    } else {
        debug(cont, &plans, &p, &where_clause)
    };
    let embeds = embeds(cont, &plans, &krate, &where_clause);
    // A non-generic message is checked where it is defined; a generic one where it is
    // used (its encoders and `finish` evaluate `CHECKED`).
    let eager_check = if !generic && plans.iter().any(|p| matches!(p.kind, FieldKind::Flatten)) {
        let p = field::respan(&p, builder_span);
        quote_spanned!(builder_span=> const _: () = <#ident as #p::Fields>::CHECKED;)
    } else {
        TokenStream::new()
    };

    quote! {
        #[allow(non_upper_case_globals, non_camel_case_types, unused_qualifications, clippy::all)]
        const _: () = {
            #builder_def
            #with_modules

            #[automatically_derived]
            impl #impl_generics #p::Fields for #ident #ty_generics #where_clause {
                const NAME: &'static str = #name;
                const WIRE: #p::WireNames = #wire_table;
                #token_kind
                #checked
                #builder_item
                #decode
                #encode
            }

            #eager_check

            #[automatically_derived]
            impl #impl_generics #krate::OidcMessage for #ident #ty_generics #where_clause {}

            #[automatically_derived]
            impl #impl_generics #p::serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S: #p::serde::Serializer>(
                    &self,
                    serializer: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    #p::serialize(self, serializer)
                }
            }

            #[automatically_derived]
            impl #de_impl_generics #p::serde::Deserialize<'__de> for #ident #ty_generics #where_clause {
                fn deserialize<__D: #p::serde::Deserializer<'__de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    #p::deserialize(deserializer)
                }
            }

            #debug
            #embeds
        };
    }
}

/// `Fields::TOKEN_KIND`: the named kind, else the first flattened field's kind
/// (resolved at compile time), else nothing (the trait's default, no kind).
fn token_kind(cont: &Container, plans: &[FieldPlan], p: &TokenStream) -> TokenStream {
    let children: Vec<TokenStream> = plans
        .iter()
        .filter(|plan| matches!(plan.kind, FieldKind::Flatten))
        .map(|plan| plan.fields_item(p, "TOKEN_KIND"))
        .collect();
    match cont.attrs.token_kind.get() {
        Some(word) => {
            // Spanned on the path, so a path to something else than a `TokenKind` is
            // reported there.
            let path = &word.value;
            let span = path.span();
            let kind = quote_spanned!(span=> {
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
                #p::first_token_kind(&[#(#children),*]);
        },
        None => TokenStream::new(),
    }
}

/// One slot per field (the decoded value so far), one per alias, the `extra` field
/// and the builders of flattened messages. The slot types are parameters of the
/// builder, given in `type Builder = ..`, so the builder needs neither the message's
/// generics nor bounds, and a flattened type that is not a message fails only there.
fn builder(
    plans: &[FieldPlan],
    p: &TokenStream,
    krate: &TokenStream,
) -> (TokenStream, TokenStream) {
    let mut params = Vec::new();
    let mut args = Vec::new();
    let mut slots = Vec::new();
    let mut inits = Vec::new();
    let mut default_bounds = Vec::new();
    for plan in plans {
        let f = plan.ident;
        match &plan.kind {
            FieldKind::Extra => {
                slots.push(quote!(#f: #krate::ExtraParams));
            }
            FieldKind::Flatten => {
                let param = format_ident!("__S{}", params.len());
                slots.push(quote!(#f: #param));
                default_bounds.push(quote!(#param: ::core::default::Default));
                args.push(plan.fields_item(p, "Builder"));
                params.push(param);
            }
            _ => {
                let param = format_ident!("__S{}", params.len());
                if plan.slot_is_tolerant() {
                    slots.push(quote!(#f: ::core::option::Option<::core::option::Option<#param>>));
                } else {
                    slots.push(quote!(#f: ::core::option::Option<#param>));
                }
                let vt = plan.field.value_ty();
                args.push(quote!(#vt));
                params.push(param);
                for stash in plan.alias_slots() {
                    slots.push(quote!(#stash: ::core::option::Option<#p::Stash>));
                    inits.push(quote!(#stash: ::core::option::Option::None));
                }
            }
        }
        inits.push(quote!(#f: ::core::default::Default::default()));
    }
    let def = quote! {
        #[doc(hidden)]
        pub struct __OidcBuilder<#(#params),*> {
            #(#slots,)*
        }

        impl<#(#params),*> ::core::default::Default for __OidcBuilder<#(#params),*>
        where
            #(#default_bounds,)*
        {
            fn default() -> Self {
                __OidcBuilder { #(#inits,)* }
            }
        }
    };
    (def, quote!(__OidcBuilder<#(#args),*>))
}

/// For each `with = module` field, a private type whose `WithModule` impl calls the
/// module's `serialize` / `deserialize`.
fn with_modules(plans: &[FieldPlan], p: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    for plan in plans {
        let FieldKind::With(module) = &plan.kind else {
            continue;
        };
        let marker = plan.with_marker();
        let vt = plan.field.value_ty();
        let span = plan.span();
        out.extend(quote_spanned! {span=>
            #[doc(hidden)]
            pub struct #marker;

            impl #p::WithModule<#vt> for #marker {
                fn serialize<__S: #p::serde::Serializer>(
                    value: &#vt,
                    serializer: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    #module::serialize(value, serializer)
                }

                fn deserialize<'__de, __D: #p::serde::Deserializer<'__de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<#vt, __D::Error> {
                    #module::deserialize(deserializer)
                }
            }
        });
    }
    out
}

fn debug(
    cont: &Container,
    plans: &[FieldPlan],
    p: &TokenStream,
    where_clause: &TokenStream,
) -> TokenStream {
    let ident = cont.ident;
    let (impl_generics, ty_generics, _) = cont.generics.split_for_impl();
    let type_name = ident.to_string();
    let fields = plans.iter().map(|plan| {
        let f = plan.ident;
        let name = plan.rust_name();
        let value = match &plan.kind {
            _ if plan.secret() && plan.field.is_option() => {
                quote!(&#p::RedactedOption(self.#f.is_some()))
            }
            _ if plan.secret() => quote!(&#p::Redacted),
            FieldKind::Extra => quote!(&self.#f),
            FieldKind::Flatten => plan.fields_call(p, "as_debug", quote!(&self.#f)),
            _ if plan.field.is_option() => plan.kind_call(p, "debug_option", quote!(&self.#f)),
            _ => plan.kind_call(p, "debug_value", quote!(&self.#f)),
        };
        quote!(d.field(#name, #value);)
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut d = f.debug_struct(#type_name);
                #(#fields)*
                d.finish()
            }
        }
    }
}

/// `Embeds<Self>`, and `Embeds<T>` for each flattened type `T` that does not involve
/// the message's type parameters (a generic one could overlap with the others).
fn embeds(
    cont: &Container,
    plans: &[FieldPlan],
    krate: &TokenStream,
    where_clause: &TokenStream,
) -> TokenStream {
    let ident = cont.ident;
    let (impl_generics, ty_generics, _) = cont.generics.split_for_impl();
    let mut out = quote! {
        #[automatically_derived]
        impl #impl_generics #krate::Embeds<#ident #ty_generics> for #ident #ty_generics #where_clause {
            fn embedded(&self) -> &Self {
                self
            }
        }
    };
    let mut seen = Vec::new();
    for plan in plans {
        if !matches!(plan.kind, FieldKind::Flatten) || plan.generic {
            continue;
        }
        let ty = plan.field.ty;
        let key = quote!(#ty).to_string();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let f = plan.ident;
        out.extend(quote! {
            #[automatically_derived]
            impl #impl_generics #krate::Embeds<#ty> for #ident #ty_generics #where_clause {
                fn embedded(&self) -> &#ty {
                    &self.#f
                }
            }
        });
    }
    out
}
