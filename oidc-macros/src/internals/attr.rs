//! Attribute tokens -> typed attribute values. Every word records the token it came
//! from so later checks can point at it.

use std::cell::Cell;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::{Expr, ExprLit, ExprPath, Lit, LitStr};

use super::ctxt::Ctxt;
use super::suggest::unknown_word;
use super::symbol::*;

/// One attribute word that was present, with the tokens to blame in errors.
pub struct Word<T> {
    pub tokens: TokenStream,
    pub value: T,
}

/// A word that may be given once; the second occurrence is an error on that occurrence.
pub struct Once<T> {
    name: Symbol,
    word: Option<Word<T>>,
}

impl<T> Once<T> {
    fn none(name: Symbol) -> Self {
        Once { name, word: None }
    }

    fn set<A: ToTokens>(&mut self, cx: &Ctxt, tokens: A, value: T) {
        let tokens = tokens.into_token_stream();
        if self.word.is_some() {
            cx.error_spanned_by(tokens, format!("duplicate oidc attribute `{}`", self.name));
        } else {
            self.word = Some(Word { tokens, value });
        }
    }

    pub fn get(&self) -> Option<&Word<T>> {
        self.word.as_ref()
    }

    pub fn is_set(&self) -> bool {
        self.word.is_some()
    }

    pub fn tokens(&self) -> Option<&TokenStream> {
        self.word.as_ref().map(|w| &w.tokens)
    }
}

/// `default` or `default = path::to::function` (a string holding the path also works,
/// as in serde).
pub enum DefaultValue {
    Trait,
    Path(ExprPath),
}

/// The per-field leniencies of `accept(..)`.
pub struct Accept {
    pub string_number: Once<()>,
    pub string_bool: Once<()>,
    pub array: Once<()>,
    pub rfc3339: Once<()>,
}

impl Accept {
    pub fn any(&self) -> bool {
        self.string_number.is_set()
            || self.string_bool.is_set()
            || self.array.is_set()
            || self.rfc3339.is_set()
    }

    /// The leniencies as `Leniency::to_bits` encodes them.
    pub fn bits(&self) -> u8 {
        (self.string_number.is_set() as u8)
            | (self.string_bool.is_set() as u8) << 1
            | (self.array.is_set() as u8) << 2
            | (self.rfc3339.is_set() as u8) << 3
    }
}

pub struct FieldAttrs {
    pub required: Once<()>,
    pub space_delimited: Once<()>,
    pub repeated: Once<()>,
    pub rename: Once<LitStr>,
    pub aliases: Vec<Word<LitStr>>,
    pub default: Once<DefaultValue>,
    pub json: Once<()>,
    pub with: Once<syn::Path>,
    pub extra: Once<()>,
    pub flatten: Once<()>,
    pub secret: Once<()>,
    pub accept: Once<()>,
    pub tolerant: Once<()>,
    pub leniency: Accept,
    /// A word on this field was not understood; rules that depend on the full set of
    /// words (the absence rule) are not checked, so a typo is reported once.
    pub malformed: bool,
}

impl FieldAttrs {
    pub fn from_field(cx: &Ctxt, field: &syn::Field) -> Self {
        let mut attrs = FieldAttrs {
            required: Once::none(REQUIRED),
            space_delimited: Once::none(SPACE_DELIMITED),
            repeated: Once::none(REPEATED),
            rename: Once::none(RENAME),
            aliases: Vec::new(),
            default: Once::none(DEFAULT),
            json: Once::none(JSON),
            with: Once::none(WITH),
            extra: Once::none(EXTRA),
            flatten: Once::none(FLATTEN),
            secret: Once::none(SECRET),
            accept: Once::none(ACCEPT),
            tolerant: Once::none(TOLERANT),
            leniency: Accept {
                string_number: Once::none(STRING_NUMBER),
                string_bool: Once::none(STRING_BOOL),
                array: Once::none(ARRAY),
                rfc3339: Once::none(RFC3339),
            },
            malformed: false,
        };
        let malformed = Cell::new(false);
        for attr in &field.attrs {
            if attr.path() != OIDC {
                continue;
            }
            if let syn::Meta::Path(_) = attr.meta {
                cx.error_spanned_by(attr, "expected a list of words: `#[oidc(...)]`");
                malformed.set(true);
                continue;
            }
            let result = attr.parse_nested_meta(|meta| {
                let path = meta.path.clone();
                if path == REQUIRED {
                    attrs.required.set(cx, &path, ());
                } else if path == SPACE_DELIMITED {
                    attrs.space_delimited.set(cx, &path, ());
                } else if path == REPEATED {
                    attrs.repeated.set(cx, &path, ());
                } else if path == RENAME {
                    match string_value(cx, &meta, RENAME)? {
                        Some(name) => attrs.rename.set(cx, &path, name),
                        None => malformed.set(true),
                    }
                } else if path == ALIAS {
                    match string_value(cx, &meta, ALIAS)? {
                        Some(name) => attrs.aliases.push(Word {
                            tokens: name.to_token_stream(),
                            value: name,
                        }),
                        None => malformed.set(true),
                    }
                } else if path == DEFAULT {
                    let value = if meta.input.peek(syn::Token![=]) {
                        match function_path(cx, &meta, DEFAULT)? {
                            Some(p) => DefaultValue::Path(p),
                            None => {
                                malformed.set(true);
                                return Ok(());
                            }
                        }
                    } else {
                        DefaultValue::Trait
                    };
                    attrs.default.set(cx, &path, value);
                } else if path == JSON {
                    attrs.json.set(cx, &path, ());
                } else if path == WITH {
                    match module_path(cx, &meta, "`with` names a serde `with` module: `with = \"path::to::module\"`")? {
                        Some(module) => attrs.with.set(cx, &path, module),
                        None => malformed.set(true),
                    }
                } else if path == EXTRA {
                    attrs.extra.set(cx, &path, ());
                } else if path == FLATTEN {
                    attrs.flatten.set(cx, &path, ());
                } else if path == SECRET {
                    attrs.secret.set(cx, &path, ());
                } else if path == TOLERANT {
                    attrs.tolerant.set(cx, &path, ());
                } else if path == ACCEPT {
                    attrs.accept.set(cx, &path, ());
                    if !meta.input.peek(syn::token::Paren) {
                        cx.error_spanned_by(
                            &path,
                            "`accept` lists leniencies: `accept(string_number, string_bool, array, rfc3339)`",
                        );
                        malformed.set(true);
                        skip_value(&meta)?;
                        return Ok(());
                    }
                    let leniency = &mut attrs.leniency;
                    meta.parse_nested_meta(|inner| {
                        let word = inner.path.clone();
                        if word == STRING_NUMBER {
                            leniency.string_number.set(cx, &word, ());
                        } else if word == STRING_BOOL {
                            leniency.string_bool.set(cx, &word, ());
                        } else if word == ARRAY {
                            leniency.array.set(cx, &word, ());
                        } else if word == RFC3339 {
                            leniency.rfc3339.set(cx, &word, ());
                        } else {
                            unknown_word(cx, &word, "leniency", LENIENCY_WORDS);
                            malformed.set(true);
                            skip_value(&inner)?;
                        }
                        Ok(())
                    })?;
                } else {
                    unknown_word(cx, &path, "oidc field attribute", FIELD_WORDS);
                    malformed.set(true);
                    skip_value(&meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
                malformed.set(true);
            }
        }
        attrs.malformed = malformed.get();
        attrs
    }

    /// The attribute words present on this field, for conflict checks.
    pub fn present_words(&self) -> Vec<(&'static str, &TokenStream)> {
        [
            ("required", self.required.tokens()),
            ("space_delimited", self.space_delimited.tokens()),
            ("repeated", self.repeated.tokens()),
            ("rename", self.rename.tokens()),
            ("alias", self.aliases.first().map(|w| &w.tokens)),
            ("default", self.default.tokens()),
            ("json", self.json.tokens()),
            ("with", self.with.tokens()),
            ("extra", self.extra.tokens()),
            ("flatten", self.flatten.tokens()),
            ("secret", self.secret.tokens()),
            ("accept", self.accept.tokens()),
            ("tolerant", self.tolerant.tokens()),
        ]
        .into_iter()
        .filter_map(|(name, tokens)| tokens.map(|t| (name, t)))
        .collect()
    }
}

pub struct ContainerAttrs {
    pub name: Once<LitStr>,
    pub no_debug: Once<()>,
    /// `validate = path`: `fn(&Self) -> Result<(), ErrorKind>` run after decoding, for
    /// rules across parameters (TokenRequest's per-grant required parameters).
    pub validate: Once<ExprPath>,
    /// `token_kind = path`: a `const` / `static` `oidc_core::jwt::TokenKind` describing
    /// which kind of JWT this message is the claims of.
    pub token_kind: Once<ExprPath>,
    /// `tolerant`: every `Option` field (not `secret`, without `alias`) is tolerant.
    pub tolerant: Once<()>,
    /// `crate = "path"`: where oidc_core is (a renamed dependency, a re-export).
    pub krate: Once<syn::Path>,
}

impl ContainerAttrs {
    pub fn from_input(cx: &Ctxt, input: &syn::DeriveInput) -> Self {
        let mut attrs = ContainerAttrs {
            name: Once::none(NAME),
            no_debug: Once::none(NO_DEBUG),
            validate: Once::none(VALIDATE),
            token_kind: Once::none(TOKEN_KIND),
            tolerant: Once::none(TOLERANT),
            krate: Once::none(CRATE),
        };
        for attr in &input.attrs {
            if attr.path() != OIDC {
                continue;
            }
            let result = attr.parse_nested_meta(|meta| {
                let path = meta.path.clone();
                if path == NAME {
                    if let Some(name) = string_value(cx, &meta, NAME)? {
                        attrs.name.set(cx, &path, name);
                    }
                } else if path == NO_DEBUG {
                    attrs.no_debug.set(cx, &path, ());
                } else if path == TOLERANT {
                    attrs.tolerant.set(cx, &path, ());
                } else if path == VALIDATE {
                    if !meta.input.peek(syn::Token![=]) {
                        cx.error_spanned_by(
                            &path,
                            "`validate` needs a function: `validate = path::to::function`",
                        );
                        skip_value(&meta)?;
                        return Ok(());
                    }
                    if let Some(function) = function_path(cx, &meta, VALIDATE)? {
                        attrs.validate.set(cx, &path, function);
                    }
                } else if path == TOKEN_KIND {
                    if let Some(kind) = kind_path(cx, &meta)? {
                        attrs.token_kind.set(cx, &path, kind);
                    }
                } else if path == CRATE {
                    if let Some(krate) = module_path(
                        cx,
                        &meta,
                        "`crate` names the path of oidc_core: `crate = \"my_reexport::oidc_core\"`",
                    )? {
                        attrs.krate.set(cx, &path, krate);
                    }
                } else {
                    unknown_word(cx, &path, "oidc container attribute", CONTAINER_WORDS);
                    skip_value(&meta)?;
                }
                Ok(())
            });
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        attrs
    }
}

/// `word = "string"`; anything else is reported on the word (or the value) and skipped.
fn string_value(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<Option<LitStr>> {
    if !meta.input.peek(syn::Token![=]) {
        cx.error_spanned_by(
            &meta.path,
            format!("`{word}` needs a string: `{word} = \"wire_name\"`"),
        );
        skip_value(meta)?;
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) if !s.value().is_empty() => Ok(Some(s)),
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => {
            cx.error_spanned_by(s, format!("`{word}` needs a non-empty string"));
            Ok(None)
        }
        other => {
            cx.error_spanned_by(
                other,
                format!("`{word}` needs a string literal: `{word} = \"wire_name\"`"),
            );
            Ok(None)
        }
    }
}

/// `word = path` or `word = "path"` naming a function.
fn function_path(cx: &Ctxt, meta: &ParseNestedMeta, word: Symbol) -> syn::Result<Option<ExprPath>> {
    let expr: Expr = meta.value()?.parse()?;
    match expr {
        Expr::Path(p) => Ok(Some(p)),
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => match s.parse::<ExprPath>() {
            Ok(p) => Ok(Some(p)),
            Err(_) => {
                cx.error_spanned_by(s, format!("`{word} = \"...\"` must hold a function path"));
                Ok(None)
            }
        },
        other => {
            cx.error_spanned_by(
                other,
                format!("`{word}` takes a function path: `{word} = path::to::function`"),
            );
            Ok(None)
        }
    }
}

/// `token_kind = path::TO_KIND`: a path to a `const` or `static`, nothing else.
fn kind_path(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<ExprPath>> {
    const USAGE: &str = "`token_kind` names a `TokenKind` const or static: \
                         `token_kind = oidc_core::jwt::TokenKind::ID_TOKEN`";
    if !meta.input.peek(syn::Token![=]) {
        cx.error_spanned_by(&meta.path, USAGE);
        skip_value(meta)?;
        return Ok(None);
    }
    match meta.value()?.parse::<Expr>()? {
        Expr::Path(p) => Ok(Some(p)),
        other => {
            cx.error_spanned_by(other, USAGE);
            Ok(None)
        }
    }
}

/// `word = "path"` (as serde writes it) or `word = path` naming a module or crate;
/// `usage` is the error for anything else.
fn module_path(cx: &Ctxt, meta: &ParseNestedMeta, usage: &str) -> syn::Result<Option<syn::Path>> {
    if !meta.input.peek(syn::Token![=]) {
        cx.error_spanned_by(&meta.path, usage);
        skip_value(meta)?;
        return Ok(None);
    }
    let expr: Expr = meta.value()?.parse()?;
    let parsed = match &expr {
        Expr::Path(p) if p.qself.is_none() => Some(p.path.clone()),
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => s.parse_with(syn::Path::parse_mod_style).ok(),
        _ => None,
    };
    if parsed.is_none() {
        cx.error_spanned_by(&expr, usage);
    }
    Ok(parsed)
}

/// Consumes whatever follows an attribute word we are not going to use, so parsing
/// continues with the next word and every error is still reported.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _content;
        syn::parenthesized!(_content in meta.input);
    }
    Ok(())
}
