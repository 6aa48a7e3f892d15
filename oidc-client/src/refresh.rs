//! Refreshing tokens (OIDC Core §12; RFC 6749 §6), with the rules of §12.2 for the ID
//! Token a refresh may return.

use oidc_core::messages::{IdToken, TokenRequest, TokenSuccessResponse};
use oidc_core::validation::Nonce;
use oidc_core::OidcMessage;

use crate::client::Client;
use crate::error::Error;

/// What a refresh returned.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Refreshed {
    /// The token endpoint's answer: a new access token, and a new refresh token when
    /// the provider rotates them (keep the old one when `refresh_token` is absent,
    /// RFC 6749 §6).
    pub tokens: TokenSuccessResponse,
    /// The new ID Token, when the provider sent one (OIDC Core §12.2: it "might not
    /// contain an id_token"), verified and checked against the original.
    pub id_token: Option<IdToken>,
}

impl Client {
    /// Exchanges `refresh_token` for new tokens (RFC 6749 §6) with the client's
    /// authentication (and a DPoP proof when the client has a key). `original` is the
    /// ID Token of the login the refresh token came from: a refreshed ID Token is
    /// verified and validated like the first (OIDC Core §3.1.3.7), its `nonce` may be
    /// absent but when present must be the original's, and (§12.2) its `iss`, `sub`,
    /// `aud` and `azp` must be the original's, and its `auth_time`, when present, the
    /// original's.
    ///
    /// # Errors
    ///
    /// [`Error::Protocol`] for the provider's error (`invalid_grant` for a refresh
    /// token revoked or expired); [`Error::IdToken`] for a refreshed ID Token that
    /// does not verify or validate; [`Error::Refresh`] for one that breaks §12.2.
    pub async fn refresh(
        &self,
        refresh_token: &str,
        original: &IdToken,
    ) -> Result<Refreshed, Error> {
        let form = TokenRequest::for_refresh_token(refresh_token).to_form();
        let tokens = self.token_request(&form).await?;
        let Some(jwt) = tokens.id_token.as_deref() else {
            return Ok(Refreshed {
                tokens,
                id_token: None,
            });
        };
        let nonce = match original.nonce.as_deref() {
            Some(nonce) => Nonce::Refresh(nonce),
            None => Nonce::NoneSent,
        };
        let id_token = self
            .verify_id_token(jwt, nonce, &tokens.access_token, None)
            .await?;
        same_session(original, &id_token)?;
        Ok(Refreshed {
            tokens,
            id_token: Some(id_token),
        })
    }
}

/// OIDC Core §12.2: a refreshed ID Token is about the same session as the original.
fn same_session(original: &IdToken, refreshed: &IdToken) -> Result<(), Error> {
    let refused = |claim| Err(Error::Refresh { claim });
    if refreshed.iss != original.iss {
        return refused("iss");
    }
    if refreshed.sub != original.sub {
        return refused("sub");
    }
    // The same audiences: a single one as a string or as a one-element array is the
    // same value (RFC 7519 §4.1.3).
    if audiences(refreshed) != audiences(original) {
        return refused("aud");
    }
    // "if the ID Token contains an auth_time Claim, its value MUST represent the time
    // of the original authentication"
    if refreshed.auth_time.is_some() && refreshed.auth_time != original.auth_time {
        return refused("auth_time");
    }
    // "if no azp Claim was present in the original ID Token, one MUST NOT be present in
    // the new ID Token"
    if refreshed.azp != original.azp {
        return refused("azp");
    }
    Ok(())
}

/// `token`'s audiences, sorted.
fn audiences(token: &IdToken) -> Vec<&str> {
    let mut all: Vec<&str> = token.aud.iter().collect();
    all.sort_unstable();
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use oidc_core::NumericDate;

    fn token() -> IdToken {
        let at = NumericDate::from_secs(1_000);
        let mut token = IdToken::new("https://op.example", "alice", "rp", at, at);
        token.auth_time = Some(at);
        token
    }

    fn check(edit: impl Fn(&mut IdToken)) -> Result<(), &'static str> {
        let mut refreshed = token();
        edit(&mut refreshed);
        same_session(&token(), &refreshed).map_err(|e| match e {
            Error::Refresh { claim } => claim,
            e => panic!("{e:?}"),
        })
    }

    #[test]
    fn each_rule_of_12_2_on_both_sides() {
        assert_eq!(check(|_| {}), Ok(()));
        assert_eq!(check(|t| t.iss = "https://op.example/".into()), Err("iss"));
        assert_eq!(check(|t| t.sub = "alicE".into()), Err("sub"));
        assert_eq!(check(|t| t.aud = vec!["rp".to_owned()].into()), Ok(()));
        assert_eq!(
            check(|t| t.aud = vec!["rp".to_owned(), "api".to_owned()].into()),
            Err("aud")
        );
        assert_eq!(check(|t| t.aud = "api".into()), Err("aud"));
        assert_eq!(check(|t| t.auth_time = None), Ok(()));
        assert_eq!(
            check(|t| t.auth_time = Some(NumericDate::from_secs(1_001))),
            Err("auth_time")
        );
        assert_eq!(check(|t| t.azp = Some("rp".into())), Err("azp"));
        // The iat and exp of a refreshed token are its own.
        assert_eq!(check(|t| t.iat = NumericDate::from_secs(2_000)), Ok(()));
    }

    #[test]
    fn an_original_without_auth_time_allows_none_in_the_refreshed_one() {
        let mut original = token();
        original.auth_time = None;
        let mut refreshed = original.clone();
        assert!(same_session(&original, &refreshed).is_ok());
        refreshed.auth_time = Some(NumericDate::from_secs(1_000));
        assert!(matches!(
            same_session(&original, &refreshed),
            Err(Error::Refresh { claim: "auth_time" })
        ));
        original.azp = Some("rp".into());
        refreshed = original.clone();
        assert!(same_session(&original, &refreshed).is_ok());
        refreshed.azp = None;
        assert!(matches!(
            same_session(&original, &refreshed),
            Err(Error::Refresh { claim: "azp" })
        ));
    }
}
