//! What codegen needs to know about one field, derived once from the IR.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::Type;

use crate::internals::ast::{generic_inner, Field};
use crate::internals::attr::DefaultValue;

pub enum FieldKind<'a> {
    /// A value through `ParamValue` (forms) and its own serde impl (JSON).
    Plain,
    /// A scalar with `accept(..)` leniencies.
    Lenient,
    /// `space_delimited`: `Vec<T>` with the element type.
    SpaceList(&'a Type),
    /// `json`.
    Json,
    Extra,
    Flatten,
}

pub struct FieldPlan<'a> {
    pub field: &'a Field<'a>,
    pub ident: &'a Ident,
    pub kind: FieldKind<'a>,
    pub wire: String,
}

impl<'a> FieldPlan<'a> {
    pub fn new(field: &'a Field<'a>) -> Self {
        let a = &field.attrs;
        let kind = if a.extra.is_set() {
            FieldKind::Extra
        } else if a.flatten.is_set() {
            FieldKind::Flatten
        } else if a.json.is_set() {
            FieldKind::Json
        } else if a.space_delimited.is_set() {
            let elem =
                generic_inner(field.value_ty(), "Vec").expect("checked: space_delimited on Vec");
            FieldKind::SpaceList(elem)
        } else if a.leniency.any() {
            FieldKind::Lenient
        } else {
            FieldKind::Plain
        };
        FieldPlan {
            field,
            ident: field.ident,
            kind,
            wire: field.wire_name.clone(),
        }
    }

    pub fn rust_name(&self) -> String {
        self.ident.unraw().to_string()
    }

    /// A plain `String` value: empty means absent, on decode and encode.
    pub fn is_string(&self) -> bool {
        matches!(self.kind, FieldKind::Plain)
            && crate::internals::ast::last_segment(self.field.value_ty()).as_deref()
                == Some("String")
    }

    /// Applied to the decoded `Option` slot value: a value that decodes to nothing is
    /// an absent one (RFC 6749 §3.1 says so of an empty value): an empty string, and a
    /// list that held only separators (`scope=+++`, `"scope": " "`, `"scope": []`).
    pub fn absent_when_empty(&self) -> TokenStream {
        if self.is_string() {
            quote!(.filter(|v: &::std::string::String| !v.is_empty()))
        } else if let FieldKind::SpaceList(elem) = &self.kind {
            quote!(.filter(|v: &::std::vec::Vec<#elem>| !v.is_empty()))
        } else {
            TokenStream::new()
        }
    }

    pub fn secret(&self) -> bool {
        self.field.attrs.secret.is_set()
    }

    pub fn aliases(&self) -> Vec<String> {
        self.field
            .attrs
            .aliases
            .iter()
            .map(|w| w.value.value())
            .collect()
    }

    /// Builder slots holding alias values until the end of decoding.
    pub fn alias_slots(&self) -> Vec<Ident> {
        (0..self.field.attrs.aliases.len())
            .map(|i| format_ident!("__alias_{}_{}", self.rust_name(), i))
            .collect()
    }

    fn leniency(&self) -> TokenStream {
        let l = &self.field.attrs.leniency;
        let (n, b, a, r) = (
            l.string_number.is_set(),
            l.string_bool.is_set(),
            l.array.is_set(),
            l.rfc3339.is_set(),
        );
        quote! {
            ::oidc_core::__private::Leniency { string_number: #n, string_bool: #b, array: #a, rfc3339: #r }
        }
    }

    /// Decodes the `Cow<str>` named `value` from a form parameter called `wire`.
    pub fn form_decode(&self, wire: &str) -> TokenStream {
        let vt = self.field.value_ty();
        let secret = self.secret();
        match &self.kind {
            FieldKind::Plain => {
                quote!(::oidc_core::__private::form_value::<#vt>(msg, #wire, value, #secret))
            }
            FieldKind::Lenient => {
                let leniency = self.leniency();
                quote!(::oidc_core::__private::form_lenient::<#vt>(msg, #wire, value, #leniency, #secret))
            }
            FieldKind::SpaceList(elem) => {
                quote!(::oidc_core::__private::form_space_list::<#elem>(msg, #wire, value, #secret))
            }
            FieldKind::Json => {
                quote!(::oidc_core::__private::form_json::<#vt>(msg, #wire, value, #secret))
            }
            FieldKind::Extra | FieldKind::Flatten => unreachable!("not a value field"),
        }
    }

    /// A `DeserializeSeed` for the JSON value.
    pub fn json_seed(&self) -> TokenStream {
        let vt = self.field.value_ty();
        match &self.kind {
            FieldKind::Plain | FieldKind::Json => {
                quote!(::oidc_core::__private::Plain::<#vt>::new())
            }
            FieldKind::Lenient => {
                let leniency = self.leniency();
                quote!(::oidc_core::__private::Lenient::<#vt>::new(#leniency))
            }
            FieldKind::SpaceList(elem) => {
                let array = self.field.attrs.leniency.array.is_set();
                quote!(::oidc_core::__private::SpaceList::<#elem>::new(#array))
            }
            FieldKind::Extra | FieldKind::Flatten => unreachable!("not a value field"),
        }
    }

    /// The value used when the parameter is absent, for `default` fields.
    pub fn default_expr(&self) -> Option<TokenStream> {
        let vt = self.field.value_ty();
        self.field
            .attrs
            .default
            .get()
            .map(|word| match &word.value {
                DefaultValue::Trait => quote!(<#vt as ::core::default::Default>::default()),
                DefaultValue::Path(path) => quote!(#path()),
            })
    }
}

/// The WHATWG form encoding of a wire name, computed once at compile time.
pub fn encoded_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for &b in name.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
