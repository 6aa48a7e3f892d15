//! `Fields::{form_field, form_extra, json_field, json_extra, finish}`.

use proc_macro2::TokenStream;
use quote::quote;

use super::field::{FieldKind, FieldPlan};

pub fn generate(plans: &[FieldPlan], validate: Option<&syn::ExprPath>) -> TokenStream {
    let p = quote!(::oidc_core::__private);
    let values: Vec<&FieldPlan> = plans
        .iter()
        .filter(|f| !matches!(f.kind, FieldKind::Extra | FieldKind::Flatten))
        .collect();
    let children: Vec<&syn::Type> = plans
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Flatten))
        .map(|f| f.field.ty)
        .collect();
    let child_idents: Vec<&syn::Ident> = plans
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Flatten))
        .map(|f| f.ident)
        .collect();
    let extra = plans
        .iter()
        .find(|f| matches!(f.kind, FieldKind::Extra))
        .map(|f| f.ident);

    // form_field arms
    let mut form_arms = Vec::new();
    let mut json_arms = Vec::new();
    for plan in &values {
        let f = plan.ident;
        let wire = &plan.wire;
        let decode = plan.form_decode(wire);
        let seed = plan.json_seed();
        let secret = plan.secret();
        // RFC 6749 §3.1: an empty value is an omitted one, in JSON as in forms.
        let absent = plan.absent_when_empty();
        form_arms.push(quote! {
            #wire => {
                if b.#f.is_some() {
                    return ::core::result::Result::Err(#p::duplicate(msg, #wire));
                }
                b.#f = ::core::option::Option::Some(#decode?)#absent;
            }
        });
        json_arms.push(quote! {
            #wire => {
                if b.#f.is_some() {
                    let e = #p::duplicate(cx.msg, #wire);
                    return ::core::result::Result::Err(cx.fail(e));
                }
                b.#f = #p::json_value(cx, map, #wire, #seed, #secret)?#absent;
            }
        });
        for (alias, slot) in plan.aliases().iter().zip(plan.alias_slots()) {
            form_arms.push(quote! {
                #alias => {
                    if b.#slot.is_some() {
                        return ::core::result::Result::Err(#p::duplicate(msg, #alias));
                    }
                    b.#slot = ::core::option::Option::Some(#p::Stash::Text(::std::borrow::Cow::into_owned(value)));
                }
            });
            json_arms.push(quote! {
                #alias => {
                    if b.#slot.is_some() {
                        let e = #p::duplicate(cx.msg, #alias);
                        return ::core::result::Result::Err(cx.fail(e));
                    }
                    b.#slot = #p::json_stash(cx, map, #alias)?;
                }
            });
        }
    }

    let form_extra_body = match extra {
        Some(x) => quote! {
            #p::form_extra(&mut b.#x, msg, key, value)?;
            ::core::result::Result::Ok(true)
        },
        None => quote! {
            #(
                if <#children as #p::Fields>::form_extra(&mut b.#child_idents, msg, key, value)? {
                    return ::core::result::Result::Ok(true);
                }
            )*
            ::core::result::Result::Ok(false)
        },
    };
    let json_extra_body = match extra {
        Some(x) => quote! {
            #p::json_extra(cx, map, &mut b.#x, key)?;
            ::core::result::Result::Ok(true)
        },
        None => quote! {
            #(
                if <#children as #p::Fields>::json_extra(&mut b.#child_idents, cx, key, map)? {
                    return ::core::result::Result::Ok(true);
                }
            )*
            ::core::result::Result::Ok(false)
        },
    };

    // finish: aliases first (they may add to `extra`), then the struct.
    let mut resolve_aliases = Vec::new();
    for plan in &values {
        let f = plan.ident;
        for (alias, slot) in plan.aliases().iter().zip(plan.alias_slots()) {
            let decode = plan.form_decode(alias);
            let seed = plan.json_seed();
            let secret = plan.secret();
            let absent = plan.absent_when_empty();
            let keep = match extra {
                Some(x) => quote!(stash.keep(&mut b.#x, msg, #alias)?;),
                None => quote!(let _ = stash;),
            };
            resolve_aliases.push(quote! {
                if let ::core::option::Option::Some(stash) = b.#slot.take() {
                    if b.#f.is_none() {
                        b.#f = ::core::option::Option::Some(stash.decode(msg, #alias, #secret, |value| #decode, #seed)?)#absent;
                    } else {
                        #keep
                    }
                }
            });
        }
    }
    let inits = plans.iter().map(|plan| {
        let f = plan.ident;
        let wire = &plan.wire;
        let value = match plan.kind {
            FieldKind::Extra => quote!(b.#f),
            FieldKind::Flatten => {
                let ty = plan.field.ty;
                quote!(<#ty as #p::Fields>::finish(b.#f, msg, ::core::option::Option::as_deref_mut(&mut missing))?)
            }
            _ if plan.field.attrs.required.is_set() => {
                let vt = plan.field.value_ty();
                quote! {
                    #p::required(b.#f, msg, #wire, ::core::option::Option::as_deref_mut(&mut missing), || {
                        use #p::{ViaDefault as _, WithoutDefault as _};
                        (&&#p::Probe::<#vt>::new()).lenient_default()
                    })?
                }
            }
            _ => match plan.default_expr() {
                Some(default) => quote! {
                    match b.#f {
                        ::core::option::Option::Some(v) => v,
                        ::core::option::Option::None => #default,
                    }
                },
                None => quote!(b.#f),
            },
        };
        quote!(#f: #value)
    });

    let validate_call = validate.map(|function| {
        quote! {
            if let ::core::result::Result::Err(kind) = #function(&message) {
                return ::core::result::Result::Err(::oidc_core::Error::new(msg, kind));
            }
        }
    });

    let mut names: Vec<String> = Vec::new();
    for plan in &values {
        names.push(plan.wire.clone());
        names.extend(plan.aliases());
    }
    let declares = quote! {
        false #(|| name == #names)* #(|| <#children as #p::Fields>::declares(name))*
    };

    quote! {
        fn declares(name: &str) -> bool {
            #declares
        }

        #[allow(unused_variables, unused_mut)]
        fn form_field<'__v>(
            b: &mut Self::Builder,
            msg: &'static str,
            key: &str,
            value: ::std::borrow::Cow<'__v, str>,
        ) -> ::core::result::Result<::core::option::Option<::std::borrow::Cow<'__v, str>>, ::oidc_core::Error> {
            match key {
                #(#form_arms)*
                _ => {
                    #(
                        let value = match <#children as #p::Fields>::form_field(&mut b.#child_idents, msg, key, value)? {
                            ::core::option::Option::None => return ::core::result::Result::Ok(::core::option::Option::None),
                            ::core::option::Option::Some(value) => value,
                        };
                    )*
                    return ::core::result::Result::Ok(::core::option::Option::Some(value));
                }
            }
            #[allow(unreachable_code)]
            ::core::result::Result::Ok(::core::option::Option::None)
        }

        #[allow(unused_variables)]
        fn form_extra(
            b: &mut Self::Builder,
            msg: &'static str,
            key: &str,
            value: &str,
        ) -> ::core::result::Result<bool, ::oidc_core::Error> {
            #form_extra_body
        }

        #[allow(unused_variables, unused_mut)]
        fn json_field<'__de, __A: #p::serde::de::MapAccess<'__de>>(
            b: &mut Self::Builder,
            cx: &mut #p::DeCtx,
            key: &str,
            map: &mut __A,
        ) -> ::core::result::Result<bool, __A::Error> {
            match key {
                #(#json_arms)*
                _ => {
                    #(
                        if <#children as #p::Fields>::json_field(&mut b.#child_idents, cx, key, map)? {
                            return ::core::result::Result::Ok(true);
                        }
                    )*
                    return ::core::result::Result::Ok(false);
                }
            }
            #[allow(unreachable_code)]
            ::core::result::Result::Ok(true)
        }

        #[allow(unused_variables)]
        fn json_extra<'__de, __A: #p::serde::de::MapAccess<'__de>>(
            b: &mut Self::Builder,
            cx: &mut #p::DeCtx,
            key: &str,
            map: &mut __A,
        ) -> ::core::result::Result<bool, __A::Error> {
            #json_extra_body
        }

        #[allow(unused_variables, unused_mut)]
        fn finish(
            mut b: Self::Builder,
            msg: &'static str,
            mut missing: ::core::option::Option<&mut ::std::vec::Vec<&'static str>>,
        ) -> ::core::result::Result<Self, ::oidc_core::Error> {
            #(#resolve_aliases)*
            let message = Self { #(#inits,)* };
            #validate_call
            ::core::result::Result::Ok(message)
        }
    }
}
