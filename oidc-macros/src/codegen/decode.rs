//! `Fields::{form_field, json_field, extra_slot, finish}`: a `match` on the wire name
//! that hands the value to the field's kind; what no field of this message takes is
//! offered to the flattened messages, then handed back (to go to `extra`).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

use super::field::{FieldKind, FieldPlan};

pub fn generate(
    plans: &[FieldPlan],
    p: &TokenStream,
    krate: &TokenStream,
    validate: Option<&syn::ExprPath>,
    generic: bool,
    builder_span: Span,
) -> TokenStream {
    let values: Vec<&FieldPlan> = plans.iter().filter(|f| f.is_value()).collect();
    let children: Vec<&FieldPlan> = plans
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Flatten))
        .collect();
    let extra = plans
        .iter()
        .find(|f| matches!(f.kind, FieldKind::Extra))
        .map(|f| f.ident);

    let mut form_arms = Vec::new();
    let mut json_arms = Vec::new();
    for plan in &values {
        let f = plan.ident;
        let wire = &plan.wire;
        let secret = plan.secret();
        if plan.tolerant {
            let form = plan.kind_call(
                p,
                "form_tolerant",
                quote!(&mut b.#f, msg, #wire, value, #secret),
            );
            let json = plan.kind_call(
                p,
                "json_tolerant",
                quote!(&mut b.#f, cx, map, #wire, #secret),
            );
            form_arms.push(quote!(#wire => return #form,));
            json_arms.push(quote!(#wire => return #json,));
        } else {
            let form = plan.kind_try(
                p,
                "form_into",
                quote!(&mut b.#f, msg, #wire, value, #secret),
            );
            let json = plan.kind_try(p, "json_into", quote!(&mut b.#f, cx, map, #wire, #secret));
            form_arms.push(quote!(#wire => #form,));
            json_arms.push(quote!(#wire => #json,));
        }
        for (alias, slot) in plan.aliases().iter().zip(plan.alias_slots()) {
            form_arms.push(quote! {
                #alias => #p::Stash::form(&mut b.#slot, msg, #alias, value)?,
            });
            json_arms.push(quote! {
                #alias => #p::Stash::json(&mut b.#slot, cx, map, #alias)?,
            });
        }
    }

    let child_form = children.iter().map(|plan| {
        let f = plan.ident;
        let form_field = plan.fields_try(p, "form_field", quote!(&mut b.#f, msg, key, value));
        quote! {
            let value = match #form_field {
                #p::FormOffer::Unknown(value) => value,
                taken => return ::core::result::Result::Ok(taken),
            };
        }
    });
    let child_json = children.iter().map(|plan| {
        let f = plan.ident;
        let json_field = plan.fields_try(p, "json_field", quote!(&mut b.#f, cx, key, map));
        quote! {
            match #json_field {
                #p::JsonOffer::Unknown => {}
                taken => return ::core::result::Result::Ok(taken),
            }
        }
    });

    // Unknown parameters go to this message's `extra`, else to the first flattened
    // message's (recursively): in a nest, the outermost `extra` collects them.
    let extra_slot = match extra {
        Some(x) => quote!(::core::option::Option::Some(&mut b.#x)),
        None => {
            let tries = children.iter().map(|plan| {
                let f = plan.ident;
                let extra_slot = plan.fields_call(p, "extra_slot", quote!(&mut b.#f));
                quote! {
                    if let ::core::option::Option::Some(x) = #extra_slot {
                        return ::core::option::Option::Some(x);
                    }
                }
            });
            quote! {
                #(#tries)*
                ::core::option::Option::None
            }
        }
    };

    let finish = finish(plans, p, krate, extra, validate, generic, builder_span);
    // The signatures name `Self::Builder`: spanned like `type Builder` (see there).
    let span = builder_span;
    let form_field = quote_spanned! {span=>
        fn form_field<'__v>(
            b: &mut Self::Builder,
            msg: &'static str,
            key: &str,
            value: ::std::borrow::Cow<'__v, str>,
        ) -> ::core::result::Result<#p::FormOffer<'__v>, #krate::Error>
    };
    let json_field = quote_spanned! {span=>
        fn json_field<'__de, __A: #p::serde::de::MapAccess<'__de>>(
            b: &mut Self::Builder,
            cx: &mut #p::DeCtx,
            key: &str,
            map: &mut __A,
        ) -> ::core::result::Result<#p::JsonOffer<'__de>, __A::Error>
    };
    let extra_slot_sig = quote_spanned! {span=>
        fn extra_slot(b: &mut Self::Builder) -> ::core::option::Option<&mut #krate::ExtraParams>
    };

    quote! {
        #[allow(unused_variables, unused_mut, unreachable_code)]
        #form_field {
            match key {
                #(#form_arms)*
                _ => {
                    #(#child_form)*
                    return ::core::result::Result::Ok(#p::FormOffer::Unknown(value));
                }
            }
            ::core::result::Result::Ok(#p::FormOffer::Taken)
        }

        #[allow(unused_variables, unused_mut, unreachable_code)]
        #json_field {
            match key {
                #(#json_arms)*
                _ => {
                    #(#child_json)*
                    return ::core::result::Result::Ok(#p::JsonOffer::Unknown);
                }
            }
            ::core::result::Result::Ok(#p::JsonOffer::Taken)
        }

        #[allow(unused_variables)]
        #extra_slot_sig {
            #extra_slot
        }

        #finish
    }
}

/// Aliases first (an unused one is kept in the `extra` that collects unknown
/// parameters), then the flattened messages, then each field's absence rule.
fn finish(
    plans: &[FieldPlan],
    p: &TokenStream,
    krate: &TokenStream,
    extra: Option<&syn::Ident>,
    validate: Option<&syn::ExprPath>,
    generic: bool,
    span: Span,
) -> TokenStream {
    let mut bindings = Vec::new();
    for plan in plans {
        let f = plan.ident;
        let local = plan.local();
        bindings.push(quote!(#f: mut #local));
        for slot in plan.alias_slots() {
            bindings.push(quote!(#slot));
        }
    }
    // Where an unused alias goes: the enclosing message's `extra`, else this one's.
    let target = match extra {
        Some(x) => {
            let local = plans
                .iter()
                .find(|plan| plan.ident == x)
                .map(FieldPlan::local)
                .expect("extra field");
            quote! {
                let mut target: ::core::option::Option<&mut #krate::ExtraParams> = match sink {
                    ::core::option::Option::Some(sink) => ::core::option::Option::Some(sink),
                    ::core::option::Option::None => ::core::option::Option::Some(&mut #local),
                };
            }
        }
        None => quote!(let mut target = sink;),
    };
    let mut aliases = Vec::new();
    for plan in plans.iter().filter(|plan| plan.is_value()) {
        let local = plan.local();
        let secret = plan.secret();
        for (alias, slot) in plan.aliases().iter().zip(plan.alias_slots()) {
            let from_stash = plan.kind_try(p, "from_stash", quote!(stash, msg, #alias, #secret));
            aliases.push(quote! {
                if let ::core::option::Option::Some(stash) = #slot {
                    if #local.is_none() {
                        #local = #from_stash;
                    } else if let ::core::option::Option::Some(target) = target.as_deref_mut() {
                        stash.keep(target, msg, #alias)?;
                    }
                }
            });
        }
    }
    let children = plans
        .iter()
        .filter(|plan| matches!(plan.kind, FieldKind::Flatten))
        .map(|plan| {
            let local = plan.local();
            let finish = plan.fields_try(
                p,
                "finish",
                quote! {
                    #local,
                    msg,
                    ::core::option::Option::as_deref_mut(&mut missing),
                    ::core::option::Option::as_deref_mut(&mut target),
                },
            );
            quote!(let #local = #finish;)
        });
    let inits = plans.iter().map(|plan| {
        let f = plan.ident;
        let local = plan.local();
        let wire = &plan.wire;
        let value = match plan.kind {
            FieldKind::Extra | FieldKind::Flatten => quote!(#local),
            FieldKind::Repeated(_) => quote!(::core::option::Option::unwrap_or_default(#local)),
            _ if plan.tolerant => quote!(::core::option::Option::flatten(#local)),
            _ if plan.field.attrs.required.is_set() => {
                let vt = plan.field.value_ty();
                quote! {
                    #p::required(#local, msg, #wire, ::core::option::Option::as_deref_mut(&mut missing), || {
                        use #p::{ViaDefault as _, WithoutDefault as _};
                        (&&#p::Probe::<#vt>::new()).lenient_default()
                    })?
                }
            }
            _ => match plan.default_expr() {
                Some(default) => quote! {
                    match #local {
                        ::core::option::Option::Some(v) => v,
                        ::core::option::Option::None => #default,
                    }
                },
                None => quote!(#local),
            },
        };
        quote!(#f: #value)
    });
    let validate_call = validate.map(|function| {
        quote! {
            if let ::core::result::Result::Err(kind) = #function(&message) {
                return ::core::result::Result::Err(#krate::Error::new(msg, kind));
            }
        }
    });
    let check = generic.then(|| quote!(let () = <Self as #p::Fields>::CHECKED;));
    let destructure = quote_spanned!(span=> let __OidcBuilder { #(#bindings,)* } = b;);
    let signature = quote_spanned! {span=>
        fn finish(
            b: Self::Builder,
            msg: &'static str,
            mut missing: ::core::option::Option<&mut ::std::vec::Vec<&'static str>>,
            sink: ::core::option::Option<&mut #krate::ExtraParams>,
        ) -> ::core::result::Result<Self, #krate::Error>
    };
    quote! {
        #[allow(unused_variables, unused_mut)]
        #signature {
            #check
            #destructure
            #target
            #(#aliases)*
            #(#children)*
            let message = Self { #(#inits,)* };
            #validate_call
            ::core::result::Result::Ok(message)
        }
    }
}
