use oidc_core::messages::{TokenErrorResponse, TokenSuccessResponse};
use oidc_core::OidcMessage;

#[derive(OidcMessage)]
enum Renamed {
    Ok(TokenSuccessResponse),
    Err(TokenErrorResponse),
}

#[derive(OidcMessage)]
enum Shapes {
    Success { response: TokenSuccessResponse },
    Error(TokenErrorResponse, String),
}

#[derive(OidcMessage)]
enum Missing {
    Success(TokenSuccessResponse),
}

#[derive(OidcMessage)]
enum Same {
    Success(TokenErrorResponse),
    Error(TokenErrorResponse),
}

#[derive(OidcMessage)]
#[oidc(validate = check, tolerant)]
enum StructWords {
    Success(TokenSuccessResponse),
    #[oidc(rename = "e")]
    Error(TokenErrorResponse),
}

fn main() {}
