//! The derive and its codecs, one module per attribute or wire rule (DESIGN §3-§5).

mod attributes;
mod flatten;
mod json;
mod messages;
mod serde_interop;
mod url;
mod wire;
