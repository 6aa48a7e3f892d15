//! WIP
mod client;
mod discovery;
mod error;
mod login;
mod refresh;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
mod transport;
mod userinfo;

pub use client::{Client, ClientBuilder};
pub use error::{Endpoint, Error, ErrorKind, ProtocolError, TransportError};
pub use login::{Login, PendingLogin};
pub use refresh::Refreshed;
#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;
pub use transport::{
    send, BoxFuture, HttpRequest, HttpResponse, Method, Transport, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
};
