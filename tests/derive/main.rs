//! The derive and its codecs, one module per attribute or wire rule.

mod attributes;
mod flatten;
mod generics;
mod json;
mod messages;
mod repeated;
mod responses;
mod serde_interop;
mod tolerance;
mod url;
mod wire;
mod with;
