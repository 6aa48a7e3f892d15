//! `Fields::{write_form, serialize_fields}`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::field::{encoded_name, FieldKind, FieldPlan};

pub fn generate(plans: &[FieldPlan]) -> TokenStream {
    let p = quote!(::oidc_core::__private);
    let mut form = Vec::new();
    let mut ser = Vec::new();
    for plan in plans {
        let f = plan.ident;
        let wire = &plan.wire;
        let enc = encoded_name(wire);
        let (write, serialize) = match &plan.kind {
            FieldKind::Extra => {
                form.push(quote!(#p::write_extra(w, &self.#f);));
                ser.push(quote!(#p::serialize_extra(map, &self.#f, kind)?;));
                continue;
            }
            FieldKind::Flatten => {
                let ty = plan.field.ty;
                form.push(quote!(<#ty as #p::Fields>::write_form(&self.#f, w);));
                ser.push(quote!(<#ty as #p::Fields>::serialize_fields(&self.#f, map, kind)?;));
                continue;
            }
            FieldKind::Plain | FieldKind::Lenient => {
                // Spanned on the type so a type that cannot be a parameter is reported there.
                let span = plan.field.value_ty().span();
                (
                    quote_spanned!(span=> #p::write_value(w, #enc, v);),
                    quote_spanned!(span=> #p::serialize_value(map, #wire, v, kind)?;),
                )
            }
            FieldKind::SpaceList(_) => (
                quote!(#p::write_space_list(w, #enc, v);),
                quote! {
                    if !v.is_empty() {
                        map.serialize_entry(#wire, &#p::SpaceJoined(v))?;
                    }
                },
            ),
            FieldKind::Json => (
                quote!(#p::write_json(w, #enc, v);),
                quote!(#p::serialize_json_field(map, #wire, v, kind)?;),
            ),
        };
        // Empty strings are not written (they mean "absent", RFC 6749 §3.1).
        let (write, serialize) = if plan.is_string() {
            (
                quote!(if !v.is_empty() { #write }),
                quote!(if !v.is_empty() { #serialize }),
            )
        } else {
            (write, serialize)
        };
        // Absent (None) and default-valued fields are not written.
        if plan.field.is_option() {
            form.push(quote!(if let ::core::option::Option::Some(v) = &self.#f { #write }));
            ser.push(quote!(if let ::core::option::Option::Some(v) = &self.#f { #serialize }));
        } else if let Some(default) = plan.default_expr() {
            form.push(quote!({ let v = &self.#f; if *v != #default { #write } }));
            ser.push(quote!({ let v = &self.#f; if *v != #default { #serialize } }));
        } else {
            form.push(quote!({ let v = &self.#f; #write }));
            ser.push(quote!({ let v = &self.#f; #serialize }));
        }
    }
    quote! {
        #[allow(unused_variables)]
        fn write_form(&self, w: &mut #p::FormWriter<'_>) {
            #(#form)*
        }

        #[allow(unused_variables)]
        fn serialize_fields<__M: #p::serde::ser::SerializeMap>(
            &self,
            map: &mut __M,
            kind: #p::SerializerKind,
        ) -> ::core::result::Result<(), __M::Error> {
            #(#ser)*
            ::core::result::Result::Ok(())
        }
    }
}
