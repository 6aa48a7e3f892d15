//! The derive input as a typed IR: a container with named fields, each with parsed
//! attributes and the facts about its type that codegen needs.

use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{GenericArgument, Ident, PathArguments, Type};

use super::attr::{ContainerAttrs, FieldAttrs};
use super::ctxt::Ctxt;

pub struct Container<'a> {
    pub ident: &'a Ident,
    /// The message name used in error texts (`#[oidc(name = "..")]`, else the type name).
    pub name: String,
    pub attrs: ContainerAttrs,
    pub fields: Vec<Field<'a>>,
    pub generics: &'a syn::Generics,
    /// The names of the type parameters (lifetimes and const parameters are refused).
    pub type_params: Vec<Ident>,
}

impl Container<'_> {
    /// Where oidc_core is: `#[oidc(crate = "..")]`, else `::oidc_core`.
    pub fn krate(&self) -> proc_macro2::TokenStream {
        krate(&self.attrs)
    }

    /// Whether `ty` names one of the message's type parameters (then the derive adds
    /// the bounds the field's kind needs, as serde does).
    pub fn mentions_type_param(&self, ty: &Type) -> bool {
        mentions(ty.to_token_stream(), &self.type_params)
    }
}

/// Where oidc_core is, per the container attributes.
pub fn krate(attrs: &ContainerAttrs) -> proc_macro2::TokenStream {
    match attrs.krate.get() {
        Some(word) => word.value.to_token_stream(),
        None => quote::quote!(::oidc_core),
    }
}

fn mentions(tokens: proc_macro2::TokenStream, params: &[Ident]) -> bool {
    tokens.into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => params.contains(&ident),
        proc_macro2::TokenTree::Group(group) => mentions(group.stream(), params),
        _ => false,
    })
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
    /// `T` when the field is declared `Option<T>`.
    pub option_inner: Option<&'a Type>,
    /// The name on the wire (`rename`, else the Rust name without `r#`).
    pub wire_name: String,
}

impl<'a> Field<'a> {
    /// The type a decoded value has: `T` for `Option<T>`, else the field type.
    pub fn value_ty(&self) -> &'a Type {
        self.option_inner.unwrap_or(self.ty)
    }

    pub fn is_option(&self) -> bool {
        self.option_inner.is_some()
    }
}

impl<'a> Container<'a> {
    /// Parses a struct; shape errors (tuple struct, lifetimes) are reported on the
    /// offending token and yield `None`.
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput) -> Option<Self> {
        let attrs = ContainerAttrs::from_input(cx, input);
        let named = match &input.data {
            syn::Data::Struct(data) => match &data.fields {
                syn::Fields::Named(named) => Some(named),
                other => {
                    cx.error_spanned_by(
                        other,
                        "#[derive(OidcMessage)] needs a struct with named fields (one per parameter)",
                    );
                    None
                }
            },
            syn::Data::Enum(_) => unreachable!("enums are ResponseEnum"),
            syn::Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "#[derive(OidcMessage)] does not support unions",
                );
                None
            }
        };
        let type_params = type_params(cx, &input.generics)?;
        let named = named?;
        let fields = named
            .named
            .iter()
            .map(|field| {
                let ident = field.ident.as_ref().expect("named field");
                let attrs = FieldAttrs::from_field(cx, field);
                let wire_name = match attrs.rename.get() {
                    Some(word) => word.value.value(),
                    None => ident.unraw().to_string(),
                };
                Field {
                    ident,
                    ty: &field.ty,
                    attrs,
                    option_inner: generic_inner(&field.ty, "Option"),
                    wire_name,
                }
            })
            .collect();
        let name = match attrs.name.get() {
            Some(word) => word.value.value(),
            None => input.ident.to_string(),
        };
        Some(Container {
            ident: &input.ident,
            name,
            attrs,
            fields,
            generics: &input.generics,
            type_params,
        })
    }
}

/// The names of the type parameters; lifetimes and const parameters are refused.
fn type_params(cx: &Ctxt, generics: &syn::Generics) -> Option<Vec<Ident>> {
    let mut names = Vec::new();
    for param in &generics.params {
        match param {
            syn::GenericParam::Type(t) => names.push(t.ident.clone()),
            syn::GenericParam::Lifetime(l) => cx.error_spanned_by(
                l,
                "#[derive(OidcMessage)] does not support lifetimes: a message owns its \
                 values (decoding unescapes and percent-decodes them, so they could rarely \
                 be borrowed from the input)",
            ),
            syn::GenericParam::Const(c) => cx.error_spanned_by(
                c,
                "#[derive(OidcMessage)] does not support const parameters; type parameters are supported",
            ),
        }
    }
    (names.len() == generics.params.len()).then_some(names)
}

/// `enum R { Success(S), Error(E) }`: a response that is one message or the other.
pub struct ResponseEnum<'a> {
    pub ident: &'a Ident,
    /// The response name used in error texts (`#[oidc(name = "..")]`, else the type name).
    pub name: String,
    pub attrs: ContainerAttrs,
    pub success: &'a Type,
    pub error: &'a Type,
    pub generics: &'a syn::Generics,
    pub type_params: Vec<Ident>,
}

impl<'a> ResponseEnum<'a> {
    /// Parses an enum: exactly the variants `Success(S)` and `Error(E)`, each holding
    /// one message; container words that only make sense on a struct are refused.
    pub fn from_ast(
        cx: &Ctxt,
        input: &'a syn::DeriveInput,
        data: &'a syn::DataEnum,
    ) -> Option<Self> {
        const SHAPE: &str = "a response enum has exactly two variants, `Success(SuccessMessage)` \
                             and `Error(ErrorMessage)`, each holding one message";
        let attrs = ContainerAttrs::from_input(cx, input);
        for (word, tokens) in [
            ("validate", attrs.validate.tokens()),
            ("tolerant", attrs.tolerant.tokens()),
        ] {
            if let Some(tokens) = tokens {
                cx.error_spanned_by(
                    tokens,
                    format!("`{word}` applies to a message struct, not to a response enum"),
                );
            }
        }
        let mut success = None;
        let mut error = None;
        for variant in &data.variants {
            for attr in &variant.attrs {
                if attr.path() == super::symbol::OIDC {
                    cx.error_spanned_by(
                        attr,
                        "a response enum's variants take no `oidc` attributes",
                    );
                }
            }
            let slot = if variant.ident == "Success" {
                &mut success
            } else if variant.ident == "Error" {
                &mut error
            } else {
                cx.error_spanned_by(&variant.ident, SHAPE);
                continue;
            };
            match &variant.fields {
                syn::Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                    *slot = Some(&fields.unnamed[0].ty);
                }
                other => cx.error_spanned_by(
                    if other.is_empty() {
                        variant.to_token_stream()
                    } else {
                        other.to_token_stream()
                    },
                    SHAPE,
                ),
            }
        }
        let (Some(success), Some(error)) = (success, error) else {
            // A missing variant (a malformed one is reported on itself).
            let named = |name: &str| data.variants.iter().any(|v| v.ident == name);
            if !named("Success") || !named("Error") {
                cx.error_spanned_by(data.enum_token, SHAPE);
            }
            return None;
        };
        if success.to_token_stream().to_string() == error.to_token_stream().to_string() {
            cx.error_spanned_by(
                error,
                "the `Success` and `Error` variants need two different messages",
            );
        }
        let type_params = type_params(cx, &input.generics)?;
        let name = match attrs.name.get() {
            Some(word) => word.value.value(),
            None => input.ident.to_string(),
        };
        Some(ResponseEnum {
            ident: &input.ident,
            name,
            attrs,
            success,
            error,
            generics: &input.generics,
            type_params,
        })
    }

    pub fn krate(&self) -> proc_macro2::TokenStream {
        krate(&self.attrs)
    }

    /// Whether a variant's type names one of the enum's type parameters.
    pub fn mentions_type_param(&self, ty: &Type) -> bool {
        mentions(ty.to_token_stream(), &self.type_params)
    }
}

/// `Some(T)` when `ty` is written `Wrapper<T>` (last path segment, so `std::option::Option`
/// counts). Purely syntactic, like serde's `is_option`.
pub fn generic_inner<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    if args.args.len() != 1 {
        return None;
    }
    match args.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// The last path segment's name (`u64`, `bool`, `NumericDate`, `ExtraParams`).
pub fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        Type::Group(group) => last_segment(&group.elem),
        Type::Paren(paren) => last_segment(&paren.elem),
        _ => None,
    }
}
