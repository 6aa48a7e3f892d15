//! Token kinds (RFC 8725 §3.11, explicit typing): which `typ` header makes a JWT an ID
//! Token, a JWT access token or a Logout Token, so that a token of one kind never passes
//! as another.
//!
//! A message type names its kind with `#[oidc(token_kind = PATH)]` (a `const` or
//! `static` [`TokenKind`]); a message without the attribute has the kind of its first
//! flattened field that has one, so a vendor ID Token that flattens
//! [`IdToken`](crate::messages::IdToken) is typed as an ID Token. The kind is part of the
//! type: `OidcMessage::from_jwt` applies its `typ` rule to the JOSE header, whichever way
//! it is called. Rules on the claims belong to the message itself (its
//! `#[oidc(validate = ..)]` function, run by every decoder): `IdToken` refuses the
//! back-channel logout event that way.
//!
//! This module is compiled without the `jwt` feature too: the derive refers to it.

use std::fmt;

/// What the JOSE header's `typ` (RFC 7515 §4.1.9) must be.
///
/// Values are compared as RFC 7515 §4.1.9 says: ASCII case-insensitively, with the
/// `application/` prefix optional (`application/at+jwt` matches `at+jwt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TypRule {
    /// Anything, or absent.
    #[default]
    Any,
    /// Present and one of these.
    Required(&'static [&'static str]),
    /// Absent, or one of these.
    IfPresent(&'static [&'static str]),
}

impl TypRule {
    /// Whether a header whose `typ` is `typ` (`None`: absent) satisfies this rule.
    ///
    /// ```
    /// use oidc_core::jwt::TypRule;
    ///
    /// let rule = TypRule::Required(&["at+jwt"]);
    /// assert!(rule.accepts(Some("application/AT+JWT")));
    /// assert!(!rule.accepts(Some("JWT")));
    /// assert!(!rule.accepts(None));
    /// assert!(TypRule::IfPresent(&["JWT"]).accepts(None));
    /// ```
    pub fn accepts(&self, typ: Option<&str>) -> bool {
        match (self, typ) {
            (TypRule::Any, _) | (TypRule::IfPresent(_), None) => true,
            (TypRule::Required(_), None) => false,
            (TypRule::Required(allowed) | TypRule::IfPresent(allowed), Some(typ)) => {
                allowed.iter().any(|a| same_media_type(a, typ))
            }
        }
    }

    /// The `typ` an issuer writes for this rule (`to_jwt`): the first value the rule
    /// names (`at+jwt`, `logout+jwt`, `dpop+jwt`, `JWT` for ID Tokens); none for
    /// [`TypRule::Any`]. So what our issuers write, our verifiers accept.
    ///
    /// ```
    /// use oidc_core::jwt::{TokenKind, TypRule};
    ///
    /// assert_eq!(TokenKind::LOGOUT_TOKEN.typ().written(), Some("logout+jwt"));
    /// assert_eq!(TokenKind::ID_TOKEN.typ().written(), Some("JWT"));
    /// assert_eq!(TypRule::Any.written(), None);
    /// ```
    pub const fn written(&self) -> Option<&'static str> {
        match self {
            TypRule::Any => None,
            TypRule::Required(values) | TypRule::IfPresent(values) => match values.first() {
                Some(first) => Some(*first),
                None => None,
            },
        }
    }
}

impl fmt::Display for TypRule {
    /// `any`, `at+jwt`, `absent, logout+jwt or JWT`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (absent, values) = match self {
            TypRule::Any => return f.write_str("any"),
            TypRule::Required(values) => (false, *values),
            TypRule::IfPresent(values) => (true, *values),
        };
        let mut items: Vec<&str> = Vec::with_capacity(values.len() + 1);
        if absent {
            items.push("absent");
        }
        items.extend(values.iter().copied());
        for (i, item) in items.iter().enumerate() {
            match i {
                0 => {}
                i if i + 1 == items.len() => f.write_str(" or ")?,
                _ => f.write_str(", ")?,
            }
            f.write_str(item)?;
        }
        Ok(())
    }
}

/// RFC 7515 §4.1.9: media type names compare case-insensitively, and `application/`
/// may be omitted.
fn same_media_type(a: &str, b: &str) -> bool {
    fn bare(t: &str) -> &str {
        match t.get(..12) {
            Some(prefix) if prefix.eq_ignore_ascii_case("application/") => &t[12..],
            _ => t,
        }
    }
    bare(a).eq_ignore_ascii_case(bare(b))
}

/// One kind of JWT: its name in errors and the `typ` header it must carry. Name one on
/// a message with `#[oidc(token_kind = PATH)]`.
///
/// ```
/// use oidc_core::jwt::{TokenKind, TypRule};
/// use oidc_core::{ErrorKind, OidcMessage};
///
/// /// A DPoP proof (RFC 9449 §4.2): `typ` must be `dpop+jwt`.
/// const DPOP_PROOF: TokenKind = TokenKind::new("DPoP proof", TypRule::Required(&["dpop+jwt"]));
///
/// #[derive(OidcMessage, Clone, PartialEq)]
/// #[oidc(token_kind = DPOP_PROOF)]
/// struct DpopProof {
///     #[oidc(required)]
///     jti: String,
///     #[oidc(required)]
///     htm: String,
///     #[oidc(required)]
///     htu: String,
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenKind {
    name: &'static str,
    typ: TypRule,
}

impl TokenKind {
    /// The ID Token (OIDC Core §2).
    ///
    /// `typ`: absent or `JWT` — an allow-list, not a deny-list of the other kinds'
    /// types. OIDC Core defines no `typ` for ID Tokens, and every real ID Token in
    /// the test corpus (`tests/data/jws`: Apple, SuperOffice, Xero, the spec's
    /// examples) carries `JWT` or none; anything else (`at+jwt`, `logout+jwt`,
    /// `secevent+jwt`, `dpop+jwt`, a future `+jwt` type) is some other kind of token
    /// (RFC 8725 §3.11). Use `JwtOptions::typ` for a provider that types its ID Tokens
    /// otherwise.
    ///
    /// (`IdToken` also refuses, in every decoder, an `events` claim holding the
    /// back-channel logout event: that token is a Logout Token.)
    pub const ID_TOKEN: TokenKind = TokenKind::new("ID Token", TypRule::IfPresent(&["JWT"]));

    /// The JWT access token (RFC 9068): `typ` must be `at+jwt` (RFC 9068 §4;
    /// `application/at+jwt` and any case match). Vendor access tokens typed `JWT`
    /// (Xero) are read only when the caller says so (`JwtOptions::typ(TypRule::Any)`).
    pub const JWT_ACCESS_TOKEN: TokenKind =
        TokenKind::new("JWT access token", TypRule::Required(&["at+jwt"]));

    /// The Logout Token (Back-Channel Logout 1.0 §2.4): `typ`, when present, is
    /// `logout+jwt` (RECOMMENDED) or the generic `JWT` (Keycloak and the
    /// OpenID-Connect-PHP test token use it: `tests/data/jws`); an untyped or `JWT`-typed
    /// Logout Token is told apart from an ID Token by its `events` claim, which
    /// `IdToken` refuses (Back-Channel Logout 1.0 §4.1).
    pub const LOGOUT_TOKEN: TokenKind =
        TokenKind::new("Logout Token", TypRule::IfPresent(&["logout+jwt", "JWT"]));

    /// A client authentication JWT (`client_secret_jwt`, `private_key_jwt`: RFC 7523
    /// §3, OIDC Core §9). `typ`, when present, is `client-authentication+jwt`
    /// (draft-ietf-oauth-rfc7523bis §3.2: clients SHOULD type their assertions so; it is
    /// what we write) or the generic `JWT`; untyped assertions (RFC 7523's) are
    /// accepted, as that draft RECOMMENDS servers do. Any other type is another kind of
    /// token.
    pub const CLIENT_ASSERTION: TokenKind = TokenKind::new(
        "client assertion",
        TypRule::IfPresent(&["client-authentication+jwt", "JWT"]),
    );

    /// A Request Object (RFC 9101 §4): `typ`, when present, is `oauth-authz-req+jwt`
    /// (RFC 9101 §4 RECOMMENDS it, and it is what we write; §10.8) or `JWT`. Untyped
    /// request objects (OIDC Core §6.1's) are accepted.
    pub const REQUEST_OBJECT: TokenKind = TokenKind::new(
        "Request Object",
        TypRule::IfPresent(&["oauth-authz-req+jwt", "JWT"]),
    );

    /// A DPoP proof (RFC 9449 §4.2): `typ` MUST be `dpop+jwt` (§4.3 step 4).
    pub const DPOP_PROOF: TokenKind =
        TokenKind::new("DPoP proof", TypRule::Required(&["dpop+jwt"]));

    /// A JWT-secured authorization response (JARM §4.1): `typ`, when present, is
    /// `JWT`. JARM defines no `typ`; oidc-provider sends none. Other kinds of token the
    /// same issuer signs without a `typ` are told apart by their claims: the response
    /// must decode as an authentication response (a `code`, a token or an `error`),
    /// which an ID Token or a Logout Token does not.
    pub const JARM_RESPONSE: TokenKind =
        TokenKind::new("JWT authorization response", TypRule::IfPresent(&["JWT"]));

    /// A signed UserInfo response (OIDC Core 1.0 §5.3.2): `typ`, when present, is
    /// `JWT`. OIDC Core defines no `typ` for it and oidc-provider sends none, so an ID
    /// Token of the same issuer and audience (which carries the same user's claims)
    /// also verifies as one; the `sub` check against the ID Token still binds it to
    /// that user.
    pub const USERINFO_RESPONSE: TokenKind =
        TokenKind::new("signed UserInfo response", TypRule::IfPresent(&["JWT"]));

    /// A JWT introspection response (RFC 9701 §5): `typ` must be
    /// `token-introspection+jwt` (`application/` and any case match), so that no other
    /// JWT of the authorization server passes as one (RFC 9701 §8.1).
    pub const INTROSPECTION_RESPONSE: TokenKind = TokenKind::new(
        "JWT introspection response",
        TypRule::Required(&["token-introspection+jwt"]),
    );

    /// A kind named `name` (used in errors) whose header `typ` follows `typ`.
    pub const fn new(name: &'static str, typ: TypRule) -> Self {
        TokenKind { name, typ }
    }

    /// The kind's name, as used in errors (`"ID Token"`).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The `typ` header rule.
    pub const fn typ(&self) -> TypRule {
        self.typ
    }
}

/// The first kind of `kinds` (the flattened fields' kinds, in declaration order): a
/// message without `token_kind` has its first flattened message's kind.
#[doc(hidden)]
pub const fn first_token_kind(kinds: &[Option<&'static TokenKind>]) -> Option<&'static TokenKind> {
    let mut i = 0;
    while i < kinds.len() {
        if let Some(kind) = kinds[i] {
            return Some(kind);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_compare_as_rfc7515_says() {
        assert!(same_media_type("at+jwt", "AT+JWT"));
        assert!(same_media_type("at+jwt", "application/at+jwt"));
        assert!(same_media_type("APPLICATION/at+jwt", "at+jwt"));
        assert!(!same_media_type("at+jwt", "xat+jwt"));
        assert!(!same_media_type("at+jwt", "application/"));
        assert!(!same_media_type("at+jwt", "applicatio/at+jwt"));
        // Only `application/` may be omitted, not any other 12 characters.
        assert!(!same_media_type("at+jwt", "application-at+jwt"));
        // Non-ASCII text is compared as is, never panics on a char boundary.
        assert!(!same_media_type("at+jwt", "ápplication/at+jwt"));
        assert!(same_media_type("é", "é"));
    }

    #[test]
    fn rules() {
        let required = TypRule::Required(&["at+jwt"]);
        assert!(!required.accepts(None));
        assert!(required.accepts(Some("at+jwt")));
        let if_present = TypRule::IfPresent(&["JWT"]);
        assert!(if_present.accepts(None));
        assert!(if_present.accepts(Some("jwt")));
        assert!(!if_present.accepts(Some("at+jwt")));
        assert!(TypRule::Any.accepts(Some("anything")));
        assert_eq!(required.to_string(), "at+jwt");
        assert_eq!(
            TokenKind::LOGOUT_TOKEN.typ().to_string(),
            "absent, logout+jwt or JWT"
        );
        assert_eq!(TypRule::IfPresent(&["JWT"]).to_string(), "absent or JWT");
        assert_eq!(TypRule::Any.to_string(), "any");
        assert_eq!(TypRule::Required(&[]).to_string(), "");
        assert_eq!(TypRule::Required(&[]).written(), None);
        assert_eq!(TypRule::IfPresent(&[]).written(), None);
    }

    #[test]
    fn written_types_pass_their_own_rule() {
        for kind in [
            TokenKind::ID_TOKEN,
            TokenKind::JWT_ACCESS_TOKEN,
            TokenKind::LOGOUT_TOKEN,
            TokenKind::CLIENT_ASSERTION,
            TokenKind::REQUEST_OBJECT,
            TokenKind::DPOP_PROOF,
        ] {
            let written = kind.typ().written();
            assert!(written.is_some(), "{}", kind.name());
            assert!(kind.typ().accepts(written), "{}", kind.name());
        }
        assert_eq!(TokenKind::JWT_ACCESS_TOKEN.typ().written(), Some("at+jwt"));
        assert_eq!(
            TokenKind::CLIENT_ASSERTION.typ().written(),
            Some("client-authentication+jwt")
        );
        assert_eq!(
            TokenKind::REQUEST_OBJECT.typ().written(),
            Some("oauth-authz-req+jwt")
        );
        assert_eq!(TokenKind::DPOP_PROOF.typ().written(), Some("dpop+jwt"));
        // No kind's written type passes as another kind with a required type.
        assert!(!TokenKind::DPOP_PROOF.typ().accepts(Some("at+jwt")));
        assert!(!TokenKind::CLIENT_ASSERTION.typ().accepts(Some("dpop+jwt")));
        assert!(!TokenKind::ID_TOKEN
            .typ()
            .accepts(Some("client-authentication+jwt")));
        assert!(!TokenKind::ID_TOKEN
            .typ()
            .accepts(Some("oauth-authz-req+jwt")));
    }

    #[test]
    fn first_kind_wins() {
        const K: TokenKind = TokenKind::ID_TOKEN;
        assert!(first_token_kind(&[]).is_none());
        assert!(first_token_kind(&[None, None]).is_none());
        let found = first_token_kind(&[None, Some(&K), Some(&TokenKind::LOGOUT_TOKEN)]);
        assert_eq!(found.map(TokenKind::name), Some("ID Token"));
    }
}
