//! [`VerifyError`]: the one error of the verify-and-validate calls.

use crate::jwt::JwtError;

use super::ValidationError;

/// Why a token was not accepted by a one-call verifier (`verify_client_assertion`,
/// `verify_request_object`, `dpop::verify_proof`): the JWT itself (header, key,
/// signature, claims' shape) or a check on its claims.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The JWT was refused before its claims were checked: malformed, wrong `typ` or
    /// `alg`, no fitting key, bad signature, or claims that are not the message.
    #[error(transparent)]
    Jwt(#[from] JwtError),
    /// A claim failed a check.
    #[error(transparent)]
    Claims(#[from] ValidationError),
}
