//! Input an attacker controls (redirects, form posts, token and userinfo responses):
//! error texts stay one short line (`errors`), secrets stay out of `Debug` and error
//! texts (`secrets`), a list of separators is absent (`lists`), `Location::Auto` finds
//! a query response behind fragments apps add (`redirects`), `to_url` refuses bases
//! that run script or name local resources (`bases`). Linear decoding is shown by the
//! cost counters in `oidc-core/src/cost.rs`; `Audience` exactness by the property tests.

mod bases;
mod errors;
mod lists;
mod redirects;
mod secrets;
