//! `Fields::{write_form, serialize_fields, writes, extra}`: each field through its
//! kind, flattened messages through their own encoders, `extra` last where declared.

use proc_macro2::TokenStream;
use quote::quote;

use super::field::{encoded_name, FieldKind, FieldPlan};

pub fn generate(
    plans: &[FieldPlan],
    p: &TokenStream,
    krate: &TokenStream,
    generic: bool,
) -> TokenStream {
    let mut form = Vec::new();
    let mut ser = Vec::new();
    let mut writes = Vec::new();
    for plan in plans {
        let f = plan.ident;
        let wire = &plan.wire;
        let enc = encoded_name(wire);
        match &plan.kind {
            FieldKind::Extra => {
                form.push(quote! {
                    #p::write_extra(w, &self.#f, |name| <Self as #p::Fields>::writes(self, name));
                });
                ser.push(quote! {
                    #p::serialize_extra(map, &self.#f, kind, |name| <Self as #p::Fields>::writes(self, name))?;
                });
                continue;
            }
            FieldKind::Flatten => {
                let write_form = plan.fields_call(p, "write_form", quote!(&self.#f, w));
                let serialize_fields =
                    plan.fields_try(p, "serialize_fields", quote!(&self.#f, map, kind));
                form.push(quote!(#write_form;));
                ser.push(quote!(#serialize_fields;));
                continue;
            }
            _ => {}
        }
        // Absent (None), empty and default-valued fields are not written.
        if plan.field.is_option() {
            let write = plan.kind_call(p, "write_option", quote!(w, #enc, &self.#f));
            let serialize =
                plan.kind_try(p, "serialize_option", quote!(map, #wire, &self.#f, kind));
            let written = plan.kind_call(p, "option_written", quote!(&self.#f));
            form.push(quote!(#write;));
            ser.push(quote!(#serialize;));
            writes.push(quote!(#wire => #written,));
        } else {
            let write = plan.kind_call(p, "write_value", quote!(w, #enc, &self.#f));
            let serialize = plan.kind_try(p, "serialize_value", quote!(map, #wire, &self.#f, kind));
            let written = plan.kind_call(p, "is_written", quote!(&self.#f));
            match plan.default_expr() {
                Some(default) => {
                    form.push(quote!(if self.#f != #default { #write; }));
                    ser.push(quote!(if self.#f != #default { #serialize; }));
                    writes.push(quote!(#wire => self.#f != #default && #written,));
                }
                None => {
                    form.push(quote!(#write;));
                    ser.push(quote!(#serialize;));
                    writes.push(quote!(#wire => #written,));
                }
            }
        }
    }
    let children: Vec<&FieldPlan> = plans
        .iter()
        .filter(|plan| matches!(plan.kind, FieldKind::Flatten))
        .collect();
    let child_writes = children.iter().map(|plan| {
        let f = plan.ident;
        plan.fields_call(p, "writes", quote!(&self.#f, name))
    });
    let extra = match plans
        .iter()
        .find(|plan| matches!(plan.kind, FieldKind::Extra))
    {
        Some(plan) => {
            let f = plan.ident;
            quote!(::core::option::Option::Some(&self.#f))
        }
        None => {
            let tries = children.iter().map(|plan| {
                let f = plan.ident;
                let extra = plan.fields_call(p, "extra", quote!(&self.#f));
                quote! {
                    if let ::core::option::Option::Some(x) = #extra {
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
    let check = generic.then(|| quote!(let () = <Self as #p::Fields>::CHECKED;));
    quote! {
        #[allow(unused_variables)]
        fn write_form(&self, w: &mut #p::FormWriter<'_>) {
            #check
            #(#form)*
        }

        #[allow(unused_variables)]
        fn serialize_fields<__M: #p::serde::ser::SerializeMap>(
            &self,
            map: &mut __M,
            kind: #p::SerializerKind,
        ) -> ::core::result::Result<(), __M::Error> {
            #check
            #(#ser)*
            ::core::result::Result::Ok(())
        }

        #[allow(unused_variables)]
        fn writes(&self, name: &str) -> bool {
            match name {
                #(#writes)*
                _ => false #(|| #child_writes)*,
            }
        }

        fn extra(&self) -> ::core::option::Option<&#krate::ExtraParams> {
            #extra
        }

        fn as_debug(&self) -> &dyn ::core::fmt::Debug {
            self
        }
    }
}
