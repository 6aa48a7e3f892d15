use oidc_core::messages::{TokenErrorResponse, TokenSuccessResponse};
use oidc_core::OidcMessage;

// The error message must have an `error` parameter and the success message must not:
// `error` is how the two are told apart.
#[derive(OidcMessage)]
struct Failure {
    #[oidc(required)]
    code: String,
}

#[derive(OidcMessage)]
enum NoError {
    Success(TokenSuccessResponse),
    Error(Failure),
}

#[derive(OidcMessage)]
enum ErrorInSuccess {
    Success(TokenErrorResponse),
    Error(TokenErrorResponse2),
}

#[derive(OidcMessage)]
struct TokenErrorResponse2 {
    #[oidc(required)]
    error: String,
}

fn main() {}
