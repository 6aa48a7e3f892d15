//! The UserInfo endpoint (OIDC Core §5.3): the request with the access token (Bearer,
//! RFC 6750 §2.1, or DPoP, RFC 9449 §7), the answer (JSON or signed), and the `sub`
//! check of §5.3.2.

use oidc_core::dpop::{authorization_header, resource_nonce_challenge};
use oidc_core::messages::{
    IdToken, TokenSuccessResponse, UserinfoErrorResponse, UserinfoResponse, UserinfoSuccessResponse,
};
use oidc_core::validation::{id_token_algorithms, TokenError, UserinfoValidation};
use oidc_core::OidcMessage;

use crate::client::{decode, lock, outcome, Client};
use crate::discovery::IssuerMatch;
use crate::error::{Endpoint, Error, ProtocolError};
use crate::transport::{send, HttpRequest, HttpResponse, Method};

impl Client {
    /// Fetches the claims about the user of `id_token` with the access token of
    /// `tokens` (OIDC Core §5.3.1): `Authorization: Bearer`, or `DPoP` with a proof
    /// when `tokens` is a DPoP-bound token (RFC 9449 §7.1; the resource server's nonce
    /// round of §9 is handled). A JSON response is validated, a signed one
    /// (`Content-Type: application/jwt`) verified with the provider's keys first; then
    /// its `sub` must be `id_token`'s, else the response is not used (§5.3.2).
    ///
    /// # Errors
    ///
    /// [`Error::Userinfo`] for a response that is not this user's (or a signed one
    /// that does not verify); [`Error::Protocol`] for the endpoint's error (from
    /// `WWW-Authenticate` or the body, RFC 6750 §3); [`Error::Config`] without a
    /// `userinfo_endpoint`, or for a DPoP token on a client without a DPoP key.
    pub async fn userinfo(
        &self,
        tokens: &TokenSuccessResponse,
        id_token: &IdToken,
    ) -> Result<UserinfoSuccessResponse, Error> {
        let endpoint = Endpoint::Userinfo;
        let response = self.get_userinfo(tokens).await?;
        if !response.is_success() {
            return Err(userinfo_error(&response));
        }
        let signed = response
            .header("content-type")
            .and_then(|value| value.split(';').next())
            .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/jwt"));
        if signed {
            let jwt = response.text(endpoint)?.trim();
            let keys = self
                .keys
                .keys_for_async(jwt)
                .await
                .map_err(|e| Error::Userinfo(TokenError::Keys(e)))?;
            // Built after the `.await`: a validation is not `Send`.
            let checks = self.userinfo_checks(&id_token.sub);
            return checks.verify(jwt, &keys).map_err(Error::Userinfo);
        }
        let parsed = decode(endpoint, &response, UserinfoResponse::from_json)?;
        let claims = outcome(endpoint, &response, parsed.into_result(), |e| {
            ProtocolError::Userinfo(Box::new(e))
        })?;
        claims
            .validate_extern(&self.userinfo_checks(&id_token.sub))
            .map_err(|e| Error::Userinfo(TokenError::Claims(e)))?;
        Ok(claims)
    }

    /// The checks of a UserInfo response about `sub` (OIDC Core §5.3.2; a signed one's
    /// `iss`, `aud` and algorithms, §5.3.2 and OIDC Registration §2).
    fn userinfo_checks<'a>(&'a self, sub: &'a str) -> UserinfoValidation<'a> {
        match self.issuer_match {
            IssuerMatch::Exact => {
                UserinfoValidation::from_metadata(&self.metadata, self.client_id(), sub)
            }
            IssuerMatch::TenantTemplate => {
                UserinfoValidation::new(self.issuer(), self.client_id(), sub)
                    .algorithms(&id_token_algorithms(&self.metadata))
            }
        }
    }

    /// The GET, with the resource server's DPoP nonce round (at most one retry).
    async fn get_userinfo(&self, tokens: &TokenSuccessResponse) -> Result<HttpResponse, Error> {
        let endpoint = Endpoint::Userinfo;
        let url = self.endpoint_url(endpoint)?;
        let token = tokens.access_token.as_str();
        let key = if tokens.is_dpop() {
            Some(self.dpop.as_ref().ok_or_else(|| {
                Error::Config(
                    "a DPoP-bound access token needs the client's DPoP key (ClientBuilder::dpop)"
                        .to_owned(),
                )
            })?)
        } else {
            None
        };
        let mut retried = false;
        loop {
            let mut request = HttpRequest::new(Method::Get, url, &self.limits);
            let nonce = lock(&self.rs_nonce).clone();
            match key {
                Some(key) => {
                    let proof = key
                        .proof_at("GET", url, Some(token), nonce.as_deref(), self.now())
                        .map_err(Error::proof)?;
                    request = request
                        .header("authorization", authorization_header(token))
                        .header("dpop", proof);
                }
                None => request = request.header("authorization", format!("Bearer {token}")),
            }
            let response = send(&*self.transport, endpoint, request).await?;
            if key.is_none() {
                return Ok(response);
            }
            let fresh = response.header("dpop-nonce").map(str::trim);
            let challenged = response
                .header("www-authenticate")
                .and_then(|challenge| resource_nonce_challenge(challenge, fresh))
                .filter(|asked| Some(*asked) != nonce.as_deref())
                .is_some();
            if let Some(fresh) = fresh.filter(|n| !n.is_empty()) {
                *lock(&self.rs_nonce) = Some(fresh.to_owned());
            }
            if !challenged || retried {
                return Ok(response);
            }
            retried = true;
        }
    }
}

/// A UserInfo answer that is not a success: the error of its `WWW-Authenticate`
/// challenge (RFC 6750 §3), else of its body (OIDC Core §5.3.3), else its status.
fn userinfo_error(response: &HttpResponse) -> Error {
    let endpoint = Endpoint::Userinfo;
    let from_header = response
        .header("www-authenticate")
        .and_then(|challenge| UserinfoErrorResponse::from_www_authenticate(challenge).ok());
    let from_body = || {
        std::str::from_utf8(&response.body)
            .ok()
            .and_then(|text| UserinfoErrorResponse::from_json(text).ok())
    };
    match from_header.or_else(from_body) {
        Some(error) => Error::Protocol {
            endpoint,
            error: ProtocolError::Userinfo(Box::new(error)),
        },
        None => Error::Status {
            endpoint,
            status: response.status,
        },
    }
}
