//! JWT verification: token kinds, every algorithm, key selection, everything that must be
//! rejected, the OpenID RP certification ID Token cases, and the real JWS / JWK fixtures.

mod fixtures;
mod keys;
mod kinds;
mod rejections;
mod rp_certification;
