//! JWT verification (DESIGN §8): every algorithm, key selection, everything that must be
//! rejected, the OpenID RP certification ID Token cases, and the real JWS / JWK fixtures.

mod fixtures;
mod keys;
mod rejections;
mod rp_certification;
mod typ;
