//! What codegen needs to know about one field, derived once from the IR.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::Type;

use crate::internals::ast::{generic_inner, Container, Field};
use crate::internals::attr::DefaultValue;

/// How a field travels; each value kind is one `FieldKind` type in
/// `oidc_core::__private::kinds`.
pub enum FieldKind<'a> {
    /// `Plain<T>`: `ParamValue` in forms, serde in JSON.
    Plain,
    /// `Lenient<T, BITS>`: a scalar with `accept(..)` leniencies.
    Lenient,
    /// `SpaceList<E, ARRAY>`: `space_delimited`, with the element type.
    SpaceList(&'a Type),
    /// `Json<T>`.
    Json,
    /// `JsonList<E>`: `json` on a `Vec<E>`, with the element type.
    JsonList(&'a Type),
    /// `Repeated<E>`: `repeated`, with the element type.
    Repeated(&'a Type),
    /// `With<T, __OidcWith_field>`: `with = module`.
    With(&'a syn::Path),
    Extra,
    Flatten,
}

pub struct FieldPlan<'a> {
    pub field: &'a Field<'a>,
    pub ident: &'a Ident,
    pub kind: FieldKind<'a>,
    pub wire: String,
    /// A value that does not fit leaves the field `None` and goes to `extra`.
    pub tolerant: bool,
    /// The field's type involves the message's type parameters.
    pub generic: bool,
}

impl<'a> FieldPlan<'a> {
    pub fn new(cont: &Container, field: &'a Field<'a>) -> Self {
        let a = &field.attrs;
        let kind = if a.extra.is_set() {
            FieldKind::Extra
        } else if a.flatten.is_set() {
            FieldKind::Flatten
        } else if let Some(with) = a.with.get() {
            FieldKind::With(&with.value)
        } else if a.json.is_set() {
            match generic_inner(field.value_ty(), "Vec") {
                Some(elem) => FieldKind::JsonList(elem),
                None => FieldKind::Json,
            }
        } else if a.repeated.is_set() {
            FieldKind::Repeated(generic_inner(field.ty, "Vec").expect("checked: repeated on Vec"))
        } else if a.space_delimited.is_set() {
            let elem =
                generic_inner(field.value_ty(), "Vec").expect("checked: space_delimited on Vec");
            FieldKind::SpaceList(elem)
        } else if a.leniency.any() {
            FieldKind::Lenient
        } else {
            FieldKind::Plain
        };
        let is_value = !matches!(kind, FieldKind::Extra | FieldKind::Flatten);
        let tolerant = is_value
            && (a.tolerant.is_set()
                || (cont.attrs.tolerant.is_set()
                    && field.is_option()
                    && !a.secret.is_set()
                    && a.aliases.is_empty()));
        FieldPlan {
            field,
            ident: field.ident,
            kind,
            wire: field.wire_name.clone(),
            tolerant,
            generic: cont.mentions_type_param(field.ty),
        }
    }

    pub fn is_value(&self) -> bool {
        !matches!(self.kind, FieldKind::Extra | FieldKind::Flatten)
    }

    pub fn rust_name(&self) -> String {
        self.ident.unraw().to_string()
    }

    /// The local a builder slot is moved into in `finish`.
    pub fn local(&self) -> Ident {
        format_ident!("__f_{}", self.rust_name())
    }

    /// Where errors about the field's type point (its first token: stable proc macros
    /// cannot join spans). Only the location is the field's: names resolve as at the
    /// derive (call-site hygiene), like the rest of the generated code.
    pub fn span(&self) -> Span {
        Span::call_site().located_at(self.field.value_ty().span())
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

    /// The private type implementing `WithModule` for a `with` field.
    pub fn with_marker(&self) -> Ident {
        format_ident!("__OidcWith_{}", self.rust_name())
    }

    /// The `FieldKind` type of a value field.
    pub fn kind_ty(&self, p: &TokenStream) -> TokenStream {
        let span = self.span();
        let vt = respan(&self.field.value_ty().to_token_stream(), span);
        let p = &respan(p, span);
        match &self.kind {
            FieldKind::Plain => quote_spanned!(span=> #p::Plain<#vt>),
            FieldKind::Lenient => {
                let bits = self.field.attrs.leniency.bits();
                quote_spanned!(span=> #p::Lenient<#vt, #bits>)
            }
            FieldKind::SpaceList(elem) => {
                let elem = respan(&elem.to_token_stream(), span);
                let array = self.field.attrs.leniency.array.is_set();
                quote_spanned!(span=> #p::SpaceList<#elem, #array>)
            }
            FieldKind::Json => quote_spanned!(span=> #p::Json<#vt>),
            FieldKind::JsonList(elem) => {
                let elem = respan(&elem.to_token_stream(), span);
                quote_spanned!(span=> #p::JsonList<#elem>)
            }
            FieldKind::Repeated(elem) => {
                let elem = respan(&elem.to_token_stream(), span);
                quote_spanned!(span=> #p::Repeated<#elem>)
            }
            FieldKind::With(_) => {
                let marker = self.with_marker();
                quote_spanned!(span=> #p::With<#vt, #marker>)
            }
            FieldKind::Extra | FieldKind::Flatten => unreachable!("not a value field"),
        }
    }

    /// `<Kind as FieldKind>::method(args)`, spanned on the field's type: every use of
    /// a field's type goes through its kind, so a type that does not fit is one error
    /// there (the same error at every use, which the compiler reports once).
    pub fn kind_call(&self, p: &TokenStream, method: &str, args: TokenStream) -> TokenStream {
        let kind = self.kind_ty(p);
        let span = self.span();
        let p = &respan(p, span);
        let method = Ident::new(method, span);
        let args = respan(&args, span);
        quote_spanned!(span=> <#kind as #p::FieldKind>::#method(#args))
    }

    /// `kind_call(..)?`, the `?` spanned too (an expression's span runs from its first
    /// to its last token, and must stay on the field).
    pub fn kind_try(&self, p: &TokenStream, method: &str, args: TokenStream) -> TokenStream {
        let call = self.kind_call(p, method, args);
        let span = self.span();
        quote_spanned!(span=> #call?)
    }

    /// `fields_call(..)?`, spanned on the field (see [`kind_try`](Self::kind_try)).
    pub fn fields_try(&self, p: &TokenStream, method: &str, args: TokenStream) -> TokenStream {
        let call = self.fields_call(p, method, args);
        let span = self.span();
        quote_spanned!(span=> #call?)
    }

    /// `<Flattened as Fields>::method(args)`, spanned on the field's type (a type that
    /// is not a message is one error there).
    pub fn fields_call(&self, p: &TokenStream, method: &str, args: TokenStream) -> TokenStream {
        let path = self.fields_item(p, method);
        let span = self.span();
        let args = respan(&args, span);
        quote_spanned!(span=> #path(#args))
    }

    /// `<Flattened as Fields>::item`, spanned on the field's type.
    pub fn fields_item(&self, p: &TokenStream, item: &str) -> TokenStream {
        let span = self.span();
        let ty = respan(&self.field.ty.to_token_stream(), span);
        let p = &respan(p, span);
        let item = Ident::new(item, span);
        quote_spanned!(span=> <#ty as #p::Fields>::#item)
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

    /// Whether the slot holds `Option<Option<T>>` (seen / fit) rather than `Option<T>`.
    pub fn slot_is_tolerant(&self) -> bool {
        self.tolerant
    }
}

/// `tokens` with every span set to `span`, so that a path built from them points at
/// the field in errors.
pub fn respan(tokens: &TokenStream, span: Span) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(&group.stream(), span));
                inner.set_span(span);
                tree = proc_macro2::TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
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
