//! Cross-field and field/type rules. One function per rule, each starting with the rule
//! it enforces; errors land on the offending attribute word or type.

use quote::ToTokens;

use super::ast::{generic_inner, last_segment, Container, Field};
use super::ctxt::Ctxt;

const INTEGER_TYPES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
];

pub fn check(cx: &Ctxt, cont: &Container, input: &syn::DeriveInput) {
    for field in &cont.fields {
        check_flatten_stands_alone(cx, field);
        check_extra_stands_alone(cx, field);
        check_required_not_option(cx, field);
        check_default_not_option(cx, field);
        check_required_and_default_exclusive(cx, field);
        check_plain_field_has_absence_rule(cx, field);
        check_space_delimited_on_list(cx, field);
        check_repeated_on_list(cx, field);
        check_json_exclusive(cx, field);
        check_with_exclusive(cx, cont, field);
        check_tolerant_on_option(cx, field);
        check_leniency_fits_type(cx, field);
    }
    check_single_extra(cx, cont);
    check_unique_wire_names(cx, cont);
    check_no_conflicting_derives(cx, input, cont.attrs.no_debug.is_set());
}

/// `flatten` embeds another message whole: it takes no other word, and the embedded
/// message decides which of its fields are required, so it cannot be `Option`.
fn check_flatten_stands_alone(cx: &Ctxt, field: &Field) {
    if !field.attrs.flatten.is_set() {
        return;
    }
    for (word, tokens) in field.attrs.present_words() {
        if word != "flatten" {
            cx.error_spanned_by(
                tokens,
                format!(
                    "`{word}` cannot be combined with `flatten`: a flattened field embeds another \
                     OidcMessage, whose own fields carry their attributes"
                ),
            );
        }
    }
    if field.is_option() {
        cx.error_spanned_by(
            field.ty,
            "a `flatten` field cannot be `Option`: embed the message type itself",
        );
    }
}

/// `extra` collects unknown parameters into `ExtraParams`; no other word applies to it.
fn check_extra_stands_alone(cx: &Ctxt, field: &Field) {
    if !field.attrs.extra.is_set() {
        return;
    }
    for (word, tokens) in field.attrs.present_words() {
        if word != "extra" && word != "flatten" {
            cx.error_spanned_by(tokens, format!("`{word}` cannot be combined with `extra`"));
        }
    }
    if field.attrs.flatten.is_set() {
        // Reported by check_flatten_stands_alone on the `extra` word.
        return;
    }
    if last_segment(field.ty).as_deref() != Some("ExtraParams") {
        cx.error_spanned_by(field.ty, "an `extra` field must have type `ExtraParams`");
    }
}

/// `required` means "decode fails when absent", so the field holds a value, not `Option`.
fn check_required_not_option(cx: &Ctxt, field: &Field) {
    if let (Some(tokens), true) = (field.attrs.required.tokens(), field.is_option()) {
        cx.error_spanned_by(
            tokens,
            "`required` cannot be used on an `Option` field: declare the field as the inner type",
        );
    }
}

/// `default` gives a value when absent; an `Option` field is already `None` when absent.
fn check_default_not_option(cx: &Ctxt, field: &Field) {
    if let (Some(tokens), true) = (field.attrs.default.tokens(), field.is_option()) {
        cx.error_spanned_by(
            tokens,
            "`default` cannot be used on an `Option` field: an absent value is already `None`",
        );
    }
}

/// A field cannot both fail when absent and fall back to a default.
fn check_required_and_default_exclusive(cx: &Ctxt, field: &Field) {
    if field.attrs.required.is_set() {
        if let Some(tokens) = field.attrs.default.tokens() {
            cx.error_spanned_by(tokens, "`default` contradicts `required`");
        }
    }
}

/// Every field says what happens when its parameter is absent: `Option<T>` (None),
/// `required` (error) or `default` (a value).
/// (`repeated` lists are empty when absent.) Not checked on a field whose attribute
/// could not be read: the typo is the error.
fn check_plain_field_has_absence_rule(cx: &Ctxt, field: &Field) {
    let a = &field.attrs;
    if a.malformed
        || field.is_option()
        || a.required.is_set()
        || a.default.is_set()
        || a.repeated.is_set()
        || a.extra.is_set()
        || a.flatten.is_set()
    {
        return;
    }
    let list = if generic_inner(field.ty, "Vec").is_some() {
        " (or, for one parameter per item, #[oidc(repeated)])"
    } else {
        ""
    };
    cx.error_spanned_by(
        field.ident,
        format!(
            "field `{}` needs an absence rule: make it `Option<_>`, or mark it \
             #[oidc(required)] or #[oidc(default)]{list}",
            field.ident
        ),
    );
}

/// `space_delimited` carries a list as one string, so the field is a `Vec<_>`.
fn check_space_delimited_on_list(cx: &Ctxt, field: &Field) {
    let Some(tokens) = field.attrs.space_delimited.tokens() else {
        return;
    };
    if generic_inner(field.value_ty(), "Vec").is_none() {
        cx.error_spanned_by(
            tokens,
            format!(
                "`space_delimited` needs a list type such as `Vec<String>`, found `{}`",
                field
                    .value_ty()
                    .to_token_stream()
                    .to_string()
                    .replace(' ', "")
            ),
        );
    }
}

/// `repeated` carries a `Vec<_>` as one parameter per item; absent means empty, so the
/// field is the `Vec` itself and no other absence rule or list encoding applies.
fn check_repeated_on_list(cx: &Ctxt, field: &Field) {
    let Some(tokens) = field.attrs.repeated.tokens() else {
        return;
    };
    if field.is_option() {
        cx.error_spanned_by(
            tokens,
            "`repeated` is a `Vec<_>` field, not `Option<Vec<_>>`: an absent parameter is an empty list",
        );
    } else if generic_inner(field.ty, "Vec").is_none() {
        cx.error_spanned_by(
            tokens,
            format!(
                "`repeated` needs a list type such as `Vec<String>`, found `{}`",
                field.ty.to_token_stream().to_string().replace(' ', "")
            ),
        );
    }
    for (word, other) in field.attrs.present_words() {
        let why = match word {
            "required" | "default" => "an absent repeated parameter is an empty list",
            "space_delimited" | "json" | "with" | "accept" => {
                "a repeated parameter carries one item per occurrence"
            }
            "alias" | "tolerant" => "it is not supported on a repeated parameter",
            _ => continue,
        };
        cx.error_spanned_by(
            other,
            format!("`{word}` cannot be combined with `repeated`: {why}"),
        );
    }
}

/// `with` hands the value to a serde `with` module, which replaces every other
/// encoding; the module is called on a concrete type, so it cannot involve the
/// message's type parameters.
fn check_with_exclusive(cx: &Ctxt, cont: &Container, field: &Field) {
    if !field.attrs.with.is_set() {
        return;
    }
    for (word, other) in field.attrs.present_words() {
        if matches!(word, "json" | "space_delimited" | "accept") {
            cx.error_spanned_by(
                other,
                format!("`{word}` cannot be combined with `with`: the module encodes the value"),
            );
        }
    }
    if cont.mentions_type_param(field.ty) {
        cx.error_spanned_by(
            field.ty,
            "a `with` field cannot use the message's type parameters",
        );
    }
}

/// `tolerant`: a value that does not fit leaves the field `None` and is kept in
/// `extra`, so it applies to `Option` fields; a secret would then show in `Debug`, and
/// an alias is decoded after the fact, so neither is tolerant.
fn check_tolerant_on_option(cx: &Ctxt, field: &Field) {
    let Some(tokens) = field.attrs.tolerant.tokens() else {
        return;
    };
    if !field.is_option() && !field.attrs.extra.is_set() && !field.attrs.flatten.is_set() {
        cx.error_spanned_by(
            tokens,
            "`tolerant` applies to `Option` fields: a value that does not fit leaves the field \
             `None`; a required parameter stays strict",
        );
    }
    for (word, other) in field.attrs.present_words() {
        let why = match word {
            "secret" => "a value that does not fit is kept in `extra`, which `Debug` shows",
            "alias" => "an alias is decoded at the end, after the misfit could be kept",
            // `extra` and `flatten` take no other word; reported there.
            _ => continue,
        };
        cx.error_spanned_by(
            other,
            format!("`{word}` cannot be combined with `tolerant`: {why}"),
        );
    }
}

/// The derive writes `Debug` (unless `no_debug`), `Serialize` and `Deserialize`; a
/// second derive of them is a conflicting impl. A `#[derive(..)]` written after ours is
/// visible here, so it is explained on its token (the same list as ours is not).
pub fn check_no_conflicting_derives(cx: &Ctxt, input: &syn::DeriveInput, no_debug: bool) {
    for attr in &input.attrs {
        if !attr.path().is_ident("derive") {
            continue;
        }
        let Ok(paths) = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        for path in paths {
            let Some(last) = path.segments.last() else {
                continue;
            };
            let why = if last.ident == "Debug" && !no_debug {
                "#[derive(OidcMessage)] already implements `Debug` (secrets redacted): remove \
                 this derive, or add #[oidc(no_debug)] to the struct to write your own"
            } else if last.ident == "Serialize" || last.ident == "Deserialize" {
                "#[derive(OidcMessage)] already implements `Serialize` and `Deserialize` with the \
                 message's wire rules: remove this derive"
            } else {
                continue;
            };
            cx.error_spanned_by(&path, why);
        }
    }
}

/// `json` puts a whole JSON document in one parameter; splitting it on spaces or
/// reinterpreting its scalars makes no sense.
fn check_json_exclusive(cx: &Ctxt, field: &Field) {
    if !field.attrs.json.is_set() {
        return;
    }
    if let Some(tokens) = field.attrs.space_delimited.tokens() {
        cx.error_spanned_by(tokens, "`space_delimited` cannot be combined with `json`");
    }
    if let Some(tokens) = field.attrs.accept.tokens() {
        cx.error_spanned_by(tokens, "`accept(..)` cannot be combined with `json`");
    }
}

/// Each leniency applies to one kind of type: string numbers to integers and
/// `NumericDate`, string booleans to `bool`, arrays to space-delimited lists, RFC 3339
/// text to `NumericDate`.
fn check_leniency_fits_type(cx: &Ctxt, field: &Field) {
    let lenient = &field.attrs.leniency;
    if !lenient.any() {
        return;
    }
    let ty = last_segment(field.value_ty()).unwrap_or_default();
    let is_integer = INTEGER_TYPES.contains(&ty.as_str());
    let is_date = ty == "NumericDate";
    let is_list = field.attrs.space_delimited.is_set();
    if let Some(t) = lenient.string_number.tokens() {
        if is_list || !(is_integer || is_date) {
            cx.error_spanned_by(
                t,
                "`string_number` applies to integer and NumericDate fields",
            );
        }
    }
    if let Some(t) = lenient.string_bool.tokens() {
        if is_list || ty != "bool" {
            cx.error_spanned_by(t, "`string_bool` applies to `bool` fields");
        }
    }
    if let Some(t) = lenient.rfc3339.tokens() {
        if is_list || !is_date {
            cx.error_spanned_by(t, "`rfc3339` applies to `NumericDate` fields");
        }
    }
    if let Some(t) = lenient.array.tokens() {
        if !is_list {
            cx.error_spanned_by(t, "`array` applies to `space_delimited` fields");
        }
    }
}

/// At most one field collects unknown parameters; the second `extra` is the error.
fn check_single_extra(cx: &Ctxt, cont: &Container) {
    let mut seen = false;
    for field in &cont.fields {
        if let Some(tokens) = field.attrs.extra.tokens() {
            if seen {
                cx.error_spanned_by(
                    tokens,
                    "only one field may be `extra`: unknown parameters are collected in one place",
                );
            }
            seen = true;
        }
    }
}

/// A wire name (or alias) belongs to one field; otherwise decoding would be ambiguous.
fn check_unique_wire_names(cx: &Ctxt, cont: &Container) {
    let mut seen: Vec<String> = Vec::new();
    for field in &cont.fields {
        if field.attrs.extra.is_set() || field.attrs.flatten.is_set() {
            continue;
        }
        let primary_tokens = match field.attrs.rename.get() {
            Some(word) => word.tokens.clone(),
            None => field.ident.to_token_stream(),
        };
        let names = std::iter::once((field.wire_name.clone(), primary_tokens)).chain(
            field
                .attrs
                .aliases
                .iter()
                .map(|w| (w.value.value(), w.tokens.clone())),
        );
        for (name, tokens) in names {
            if seen.contains(&name) {
                cx.error_spanned_by(
                    tokens,
                    format!("wire name \"{name}\" is already used by another field"),
                );
            } else {
                seen.push(name);
            }
        }
    }
}
