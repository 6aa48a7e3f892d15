//! [`Nonce`]: what an ID Token's `nonce` must be (OIDC Core §3.1.3.7 step 11, §12.2).

use super::ValidationError;

/// What the ID Token's `nonce` must be: say which case applies, there is no guessing.
///
/// | case | token without nonce | token with nonce `n` |
/// |---|---|---|
/// | [`Expected(e)`](Nonce::Expected) | [`NonceMissing`](ValidationError::NonceMissing) | accepted when `n == e`, else [`NonceMismatch`](ValidationError::NonceMismatch) |
/// | [`NoneSent`](Nonce::NoneSent) (the default) | accepted | [`NonceUnexpected`](ValidationError::NonceUnexpected) |
/// | [`Refresh(e)`](Nonce::Refresh) | accepted | accepted when `n == e`, else [`NonceMismatch`](ValidationError::NonceMismatch) |
/// | [`NotChecked`](Nonce::NotChecked) | accepted | accepted |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Nonce<'a> {
    /// The authentication request sent this nonce: the token must carry the same
    /// (OIDC Core §3.1.3.7 step 11; REQUIRED in the implicit and hybrid flows,
    /// §3.2.2.11 step 2).
    Expected(&'a str),
    /// The authentication request sent no nonce: the token must carry none, since its
    /// nonce can only be the request's (oauth4webapi's default too).
    #[default]
    NoneSent,
    /// The token comes from a refresh (OIDC Core §12.2) of a session whose original
    /// nonce was this: it may omit the nonce (Keycloak 25+ does), and when present it
    /// must equal the original.
    Refresh(&'a str),
    /// The nonce is not looked at (a refresh whose original nonce was not kept; a flow
    /// where another mechanism binds the token to the session). Say so explicitly.
    NotChecked,
}

impl Nonce<'_> {
    /// Checks `got`, the token's nonce, under this rule.
    pub(super) fn check(
        self,
        token: &'static str,
        got: Option<&str>,
    ) -> Result<(), ValidationError> {
        match (self, got) {
            (Nonce::Expected(expected) | Nonce::Refresh(expected), Some(got)) => {
                if got == expected {
                    Ok(())
                } else {
                    Err(ValidationError::NonceMismatch { token })
                }
            }
            (Nonce::Expected(_), None) => Err(ValidationError::NonceMissing { token }),
            (Nonce::NoneSent, Some(_)) => Err(ValidationError::NonceUnexpected { token }),
            (Nonce::NoneSent | Nonce::Refresh(_), None) | (Nonce::NotChecked, _) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "ID Token";

    #[test]
    fn every_case() {
        use ValidationError::*;
        let cases: [(Nonce<'_>, Option<&str>, Result<(), ValidationError>); 12] = [
            (Nonce::Expected("n"), Some("n"), Ok(())),
            (
                Nonce::Expected("n"),
                Some("m"),
                Err(NonceMismatch { token: T }),
            ),
            (
                Nonce::Expected("n"),
                Some("n "),
                Err(NonceMismatch { token: T }),
            ),
            (Nonce::Expected("n"), None, Err(NonceMissing { token: T })),
            (Nonce::NoneSent, None, Ok(())),
            (
                Nonce::NoneSent,
                Some("n"),
                Err(NonceUnexpected { token: T }),
            ),
            (Nonce::Refresh("n"), None, Ok(())),
            (Nonce::Refresh("n"), Some("n"), Ok(())),
            (
                Nonce::Refresh("n"),
                Some("m"),
                Err(NonceMismatch { token: T }),
            ),
            (Nonce::NotChecked, None, Ok(())),
            (Nonce::NotChecked, Some("n"), Ok(())),
            (
                Nonce::default(),
                Some("n"),
                Err(NonceUnexpected { token: T }),
            ),
        ];
        for (rule, got, expected) in cases {
            assert_eq!(rule.check(T, got), expected, "{rule:?} {got:?}");
        }
    }
}
