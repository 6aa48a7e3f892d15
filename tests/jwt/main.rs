//! JWT verification: token kinds, every algorithm, key selection, everything that must be
//! rejected, the OpenID RP certification ID Token cases, the real JWS / JWK fixtures; the
//! one call from a JWT to a trusted token, `at_hash` / `c_hash`, and the key cache.

mod fixtures;
mod hashes;
mod jwt_responses;
mod key_cache;
mod keys;
mod kinds;
mod one_call;
mod rejections;
mod rp_certification;
mod signing;
