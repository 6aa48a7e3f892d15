//! The core messages' own behaviour (constructors, cross-parameter rules, response
//! enums, leniency), one module per spec area. Real data is in `tests/fixtures/`.

mod authentication;
mod authorization_details;
mod claims_request;
mod construction;
mod device_and_ciba;
mod error_codes;
mod logout_and_introspection;
mod registration;
mod revocation_and_exchange;
mod token;
mod userinfo;
