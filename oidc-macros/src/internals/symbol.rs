//! Every attribute word the derive understands, declared once.

use std::fmt::{self, Display};

use syn::{Ident, Path};

#[derive(Copy, Clone)]
pub struct Symbol(pub &'static str);

pub const OIDC: Symbol = Symbol("oidc");

// Field words.
pub const REQUIRED: Symbol = Symbol("required");
pub const SPACE_DELIMITED: Symbol = Symbol("space_delimited");
pub const RENAME: Symbol = Symbol("rename");
pub const ALIAS: Symbol = Symbol("alias");
pub const DEFAULT: Symbol = Symbol("default");
pub const JSON: Symbol = Symbol("json");
pub const EXTRA: Symbol = Symbol("extra");
pub const FLATTEN: Symbol = Symbol("flatten");
pub const SECRET: Symbol = Symbol("secret");
pub const ACCEPT: Symbol = Symbol("accept");
pub const REPEATED: Symbol = Symbol("repeated");
pub const WITH: Symbol = Symbol("with");
pub const TOLERANT: Symbol = Symbol("tolerant");

/// Every field word, for "unknown attribute" errors.
pub const FIELD_WORDS: &[Symbol] = &[
    REQUIRED,
    DEFAULT,
    SPACE_DELIMITED,
    REPEATED,
    RENAME,
    ALIAS,
    JSON,
    WITH,
    EXTRA,
    FLATTEN,
    SECRET,
    ACCEPT,
    TOLERANT,
];

// Leniency words inside `accept(..)`.
pub const STRING_NUMBER: Symbol = Symbol("string_number");
pub const STRING_BOOL: Symbol = Symbol("string_bool");
pub const ARRAY: Symbol = Symbol("array");
pub const RFC3339: Symbol = Symbol("rfc3339");

// Container words.
pub const NAME: Symbol = Symbol("name");
pub const NO_DEBUG: Symbol = Symbol("no_debug");
pub const VALIDATE: Symbol = Symbol("validate");
pub const TOKEN_KIND: Symbol = Symbol("token_kind");
pub const CRATE: Symbol = Symbol("crate");

/// Every container word, for "unknown attribute" errors.
pub const CONTAINER_WORDS: &[Symbol] = &[NAME, NO_DEBUG, VALIDATE, TOLERANT, CRATE, TOKEN_KIND];

/// Every leniency inside `accept(..)`.
pub const LENIENCY_WORDS: &[Symbol] = &[STRING_NUMBER, STRING_BOOL, ARRAY, RFC3339];

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for &Ident {
    fn eq(&self, word: &Symbol) -> bool {
        *self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl Display for Symbol {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.0)
    }
}
