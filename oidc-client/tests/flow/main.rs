//! The client's flows against an in-memory provider (`provider.rs`): every step's
//! success and every refusal, through the public API only.

mod provider;

#[cfg(feature = "blocking")]
mod blocking;
mod device;
mod discovery;
mod dpop_par;
mod grants;
mod hostile;
mod login;
mod logout;
mod refresh;
#[cfg(feature = "reqwest")]
mod reqwest;
mod send;
mod userinfo;
