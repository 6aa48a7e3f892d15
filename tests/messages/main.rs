//! The core messages' own behaviour (constructors, cross-parameter rules, response
//! enums, leniency), one module per spec area. Real data is in `tests/fixtures/`.

mod authentication;
mod construction;
mod logout_and_introspection;
mod token;
mod userinfo;
