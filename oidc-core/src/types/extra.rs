use std::borrow::Cow;
use std::fmt;
use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

use serde::de::DeserializeOwned;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::__private::{SerializerKind, TextDeserializer};
use crate::cost::{count, Cost};
use crate::error::{Error, ErrorKind};

/// The unknown parameters / claims of a message, in the order they arrived.
///
/// The `#[oidc(extra)]` field collects every parameter the message does not declare
/// (Keycloak's `session_state`, Google's `authuser`, vendor claims) and re-emits them on
/// encode. Values from forms and URLs are strings; values from JSON keep their JSON
/// type (stored as JSON text, so nothing is lost or reordered).
///
/// ```
/// use oidc_core::{ExtraParams, OidcMessage};
///
/// #[derive(OidcMessage, Clone, PartialEq)]
/// struct Callback {
///     code: Option<String>,
///     #[oidc(extra)]
///     extra: ExtraParams,
/// }
///
/// let cb = Callback::from_form("code=abc&authuser=2&session_state=x.y").unwrap();
/// assert_eq!(cb.extra.get::<u32>("authuser").unwrap(), Some(2));
/// assert_eq!(cb.extra.get_str("session_state").as_deref(), Some("x.y"));
/// assert_eq!(cb.to_form(), "code=abc&authuser=2&session_state=x.y");
///
/// let json = Callback::from_json(r#"{"code":"abc","groups":["a","b"]}"#).unwrap();
/// assert_eq!(json.extra.get::<Vec<String>>("groups").unwrap().unwrap(), ["a", "b"]);
/// ```
///
/// # Cost
///
/// Every operation is linear in the input at worst, whatever a sender puts in it:
/// looking a name up (`get`, `value`, `contains`, `insert`, and the duplicate check
/// while decoding) compares it with every stored name while there are at most 16 of
/// them, and goes through a hash index of the names (std's randomly keyed SipHash, so a
/// sender cannot choose colliding names) once there are more, so decoding a message
/// with n unknown parameters costs O(n) and a caller looping over lookups pays O(1)
/// per lookup. `remove` keeps the order and costs O(n). Each parameter is one heap
/// block (name and value share it); the index, when built, is one more for all.
#[derive(Clone, Default)]
pub struct ExtraParams {
    entries: Vec<Entry>,
    /// Positions in `entries` by name; built once there are more than [`LINEAR_MAX`]
    /// entries (below that a scan is as fast and allocates nothing).
    index: Option<Box<NameIndex>>,
}

/// Up to this many entries, lookups scan.
const LINEAR_MAX: usize = 16;

/// Room for this many entries is made with the first one.
const FIRST_BLOCK: usize = 8;

/// A hash table of positions in `entries`, hashed by the entry's name, so that names
/// are stored once (in their entry). Each slot keeps the name's hash next to the
/// position, so growing the table neither rehashes names nor touches the entries.
#[derive(Clone)]
struct NameIndex {
    table: HashTable<Slot>,
    hasher: RandomState,
}

/// A position in `entries` and the hash of that entry's name.
#[derive(Clone, Copy)]
struct Slot {
    position: usize,
    hash: u64,
}

impl NameIndex {
    fn build(entries: &[Entry]) -> Box<NameIndex> {
        let hasher = RandomState::new();
        let mut table = HashTable::with_capacity(entries.len() * 2);
        for (position, entry) in entries.iter().enumerate() {
            let hash = hasher.hash_one(entry.name());
            table.insert_unique(hash, Slot { position, hash }, |slot| slot.hash);
        }
        Box::new(NameIndex { table, hasher })
    }
}

/// One unknown parameter. Name and value share one buffer so that decoding costs one
/// heap block per unknown parameter.
#[derive(Clone)]
struct Entry {
    text: String,
    name_len: usize,
    json: bool,
    /// Why a `tolerant` field could not take this value (see [`ExtraParams::tolerated`]).
    problem: Option<Box<Error>>,
}

impl Entry {
    fn new(name: &str, value: &str, json: bool) -> Self {
        let mut text = String::with_capacity(name.len() + value.len());
        text.push_str(name);
        text.push_str(value);
        Entry {
            text,
            name_len: name.len(),
            json,
            problem: None,
        }
    }

    fn name(&self) -> &str {
        &self.text[..self.name_len]
    }

    fn value(&self) -> ExtraValue<'_> {
        let value = &self.text[self.name_len..];
        if self.json {
            ExtraValue::Json(value)
        } else {
            ExtraValue::Text(value)
        }
    }
}

/// The value of one unknown parameter.
#[derive(Debug, Clone, Copy)]
pub enum ExtraValue<'a> {
    /// From a form or URL: the decoded text.
    Text(&'a str),
    /// From JSON: the member's JSON text, verbatim (`"x"`, `42`, `{"a":[1]}`).
    Json(&'a str),
}

impl<'a> ExtraValue<'a> {
    /// The value as text: `Text` as it is, a JSON string unescaped, other JSON as its
    /// JSON text (which is how it is written into a form).
    ///
    /// ```
    /// use oidc_core::ExtraValue;
    ///
    /// assert_eq!(ExtraValue::Json(r#""caf\u00e9""#).to_text(), "café");
    /// assert_eq!(ExtraValue::Json(r#" "x" "#).to_text(), "x");
    /// assert_eq!(ExtraValue::Json("[1,2]").to_text(), "[1,2]");
    /// assert_eq!(ExtraValue::Text("a b").to_text(), "a b");
    /// ```
    pub fn to_text(self) -> Cow<'a, str> {
        match self {
            ExtraValue::Text(text) => Cow::Borrowed(text),
            // Only a string is unescaped; the guard merely spares other JSON a parse.
            ExtraValue::Json(json) if json.trim_start().starts_with('"') => {
                match serde_json::from_str::<Cow<str>>(json) {
                    Ok(s) => s,
                    Err(_) => Cow::Borrowed(json),
                }
            }
            ExtraValue::Json(json) => Cow::Borrowed(json),
        }
    }

    /// The value as a `serde_json::Value` (`Text` becomes a JSON string).
    pub fn to_json_value(&self) -> serde_json::Value {
        match *self {
            ExtraValue::Text(text) => serde_json::Value::String(text.to_owned()),
            ExtraValue::Json(json) => serde_json::from_str(json).unwrap_or(serde_json::Value::Null),
        }
    }

    /// `Text(s)` equals `Json("\"s\"")`: a form parameter and a JSON string member
    /// with the same text are the same value.
    fn same_as(&self, other: &ExtraValue<'_>) -> bool {
        match (*self, *other) {
            (ExtraValue::Text(a), ExtraValue::Text(b)) => a == b,
            (ExtraValue::Json(a), ExtraValue::Json(b)) => {
                a == b
                    || serde_json::from_str::<serde_json::Value>(a).ok()
                        == serde_json::from_str(b).ok()
            }
            (ExtraValue::Text(t), ExtraValue::Json(j))
            | (ExtraValue::Json(j), ExtraValue::Text(t)) => {
                j.starts_with('"') && serde_json::from_str::<Cow<str>>(j).is_ok_and(|s| s == t)
            }
        }
    }
}

impl ExtraParams {
    /// Registered parameter names whose value is a credential: a secret, a token, a
    /// code, or a document that carries one. `Debug` prints `<redacted>` in place of
    /// the value of an unknown parameter with one of these names (compared ASCII
    /// case-insensitively), and [`get`](Self::get) does not echo it in an error; every
    /// other unknown parameter prints as it is.
    ///
    /// Taken from the IANA "OAuth Parameters" registry and the specs that define the
    /// messages these names travel in:
    ///
    /// | name | what it carries |
    /// |---|---|
    /// | `access_token`, `refresh_token` | tokens (RFC 6749 §4.2.2, §5.1) |
    /// | `code` | the authorization code (RFC 6749 §4.1.2) |
    /// | `client_secret`, `password` | client and user passwords (RFC 6749 §2.3.1, §4.3.2) |
    /// | `code_verifier` | the PKCE secret (RFC 7636 §4.5) |
    /// | `assertion`, `client_assertion` | assertion grants and client authentication (RFC 7521 §4.1, §4.2; RFC 7523) |
    /// | `device_code`, `user_code` | device grant codes (RFC 8628 §3.2, §3.4); `user_code` is also a user's secret in CIBA (§7.1) |
    /// | `subject_token`, `actor_token` | token exchange inputs (RFC 8693 §2.1) |
    /// | `id_token`, `id_token_hint` | ID Tokens (OIDC Core 1.0 §3.1.3.3, §3.1.2.1) |
    /// | `logout_token` | the Logout Token (OIDC Back-Channel Logout 1.0 §2.5) |
    /// | `login_hint_token`, `auth_req_id`, `client_notification_token` | CIBA tokens and the polling handle (OIDC CIBA Core 1.0 §7.1, §7.3) |
    /// | `token` | the token to revoke or introspect (RFC 7009 §2.1, RFC 7662 §2.1) |
    /// | `request` | a Request Object (RFC 9101): it can carry `id_token_hint` and personal data, so it is treated as one |
    /// | `response` | a JWT-secured authorization response (JARM §2.1), which holds the code or tokens |
    /// | `registration_access_token` | the client configuration token (RFC 7592 §3) |
    /// | `pre-authorized_code`, `tx_code` | OpenID for Verifiable Credential Issuance token request codes |
    /// | `vp_token` | verifiable presentations (OpenID for Verifiable Presentations) |
    /// | `rpt`, `pct`, `claim_token`, `ticket` | UMA 2.0 Grant tokens and the permission ticket (§3.3.1, §3.3.5) |
    /// | `nfv_token` | the NFV token (ETSI GS NFV-SEC 022) |
    ///
    /// Deliberately visible: references and public values such as `state`, `nonce`,
    /// `code_challenge`, `dpop_jkt` (a key thumbprint), `request_uri`, `client_id`,
    /// `login_hint`, `session_state`, the `*_type` names.
    ///
    /// ```
    /// use oidc_core::messages::TokenRequest;
    /// use oidc_core::OidcMessage;
    ///
    /// let request = TokenRequest::from_form(
    ///     "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=eyJhbGciOiJSUzI1NiJ9.eyJpc3Mi.c2ln&scope_hint=https://api",
    /// )?;
    /// let debug = format!("{:?}", request.extra);
    /// assert!(debug.contains(r#""assertion": <redacted>"#));
    /// assert!(debug.contains(r#""scope_hint": "https://api""#));
    /// assert!(!debug.contains("eyJhbGci"));
    /// # Ok::<(), oidc_core::Error>(())
    /// ```
    pub const CREDENTIALS: &'static [&'static str] = &[
        "access_token",
        "refresh_token",
        "code",
        "client_secret",
        "password",
        "code_verifier",
        "assertion",
        "client_assertion",
        "device_code",
        "user_code",
        "subject_token",
        "actor_token",
        "id_token",
        "id_token_hint",
        "logout_token",
        "login_hint_token",
        "auth_req_id",
        "client_notification_token",
        "token",
        "request",
        "response",
        "registration_access_token",
        "pre-authorized_code",
        "tx_code",
        "vp_token",
        "rpt",
        "pct",
        "claim_token",
        "ticket",
        "nfv_token",
    ];

    /// Whether `name` is one of [`CREDENTIALS`](Self::CREDENTIALS), ASCII
    /// case-insensitively.
    pub fn is_credential(name: &str) -> bool {
        Self::CREDENTIALS
            .iter()
            .any(|credential| credential.eq_ignore_ascii_case(name))
    }

    /// No parameters.
    pub fn new() -> Self {
        ExtraParams::default()
    }

    /// Number of parameters.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether a parameter called `name` is present.
    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// The raw value of `name`.
    pub fn value(&self, name: &str) -> Option<ExtraValue<'_>> {
        self.find(name).map(Entry::value)
    }

    /// The value of `name` as text (see [`ExtraValue::to_text`]).
    pub fn get_str(&self, name: &str) -> Option<Cow<'_, str>> {
        self.find(name).map(|e| match e.value() {
            ExtraValue::Text(t) => Cow::Borrowed(t),
            json => Cow::Owned(json.to_text().into_owned()),
        })
    }

    /// The value of `name` decoded as `T`: `Ok(None)` when absent, an error naming the
    /// parameter when it does not fit `T` (without the value when the name is one of
    /// the [`CREDENTIALS`](Self::CREDENTIALS)). Text values from forms decode into numbers and
    /// booleans (`"42"` as `u32`), JSON values by their JSON type.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Error> {
        let Some(entry) = self.find(name) else {
            return Ok(None);
        };
        let result = match entry.value() {
            ExtraValue::Text(text) => {
                T::deserialize(TextDeserializer::new(text)).map_err(|e| e.to_string())
            }
            ExtraValue::Json(json) => serde_json::from_str(json).map_err(|e| e.to_string()),
        };
        result.map(Some).map_err(|reason| {
            let reason = crate::__private::secret_reason(Self::is_credential(name), reason);
            Error::new(
                "ExtraParams",
                ErrorKind::InvalidValue {
                    parameter: name.to_owned(),
                    reason,
                },
            )
        })
    }

    /// Parameters in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, ExtraValue<'_>)> {
        self.entries.iter().map(|e| (e.name(), e.value()))
    }

    /// The declared parameters whose value did not fit their `#[oidc(tolerant)]` field,
    /// with the decode error each would have been: the field was left `None` and the
    /// value kept here, as received (it is an ordinary entry too, and is written back
    /// out unless the field has been given a value since).
    ///
    /// ```
    /// use oidc_core::messages::UserinfoSuccessResponse;
    /// use oidc_core::OidcMessage;
    ///
    /// let claims = UserinfoSuccessResponse::from_json(r#"{"sub":"u","email_verified":"yes"}"#)?;
    /// assert_eq!(claims.claims.email_verified, None);
    /// let (name, problem) = claims.extra.tolerated().next().unwrap();
    /// assert_eq!(name, "email_verified");
    /// assert_eq!(
    ///     problem.to_string(),
    ///     r#"UserinfoSuccessResponse: parameter "email_verified": invalid value: string "yes", expected true or false"#
    /// );
    /// assert_eq!(claims.to_json(), r#"{"sub":"u","email_verified":"yes"}"#);
    /// # Ok::<(), oidc_core::Error>(())
    /// ```
    pub fn tolerated(&self) -> impl Iterator<Item = (&str, &Error)> {
        self.entries
            .iter()
            .filter_map(|e| e.problem.as_deref().map(|p| (e.name(), p)))
    }

    /// Sets `name` to the text `value` (replacing an earlier value, keeping its place).
    pub fn insert(&mut self, name: &str, value: &str) {
        self.set(Entry::new(name, value, false));
    }

    /// Sets `name` to `value` as JSON (replacing an earlier value, keeping its place).
    pub fn insert_json<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), Error> {
        let json = serde_json::to_string(value)
            .map_err(|e| Error::new("ExtraParams", ErrorKind::Json(e.to_string())))?;
        self.set(Entry::new(name, &json, true));
        Ok(())
    }

    /// Removes `name`, returning whether it was present. The others keep their order;
    /// this costs O(n).
    pub fn remove(&mut self, name: &str) -> bool {
        let Some(position) = self.position(name) else {
            return false;
        };
        self.entries.remove(position);
        self.index = (self.entries.len() > LINEAR_MAX).then(|| NameIndex::build(&self.entries));
        true
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        self.position(name).map(|i| &self.entries[i])
    }

    /// Where `name` is in `entries`: through the index when there is one, else by a scan
    /// of at most [`LINEAR_MAX`] names.
    fn position(&self, name: &str) -> Option<usize> {
        self.position_hashed(name, self.hash(name))
    }

    /// The index's hash of `name`, when there is an index.
    fn hash(&self, name: &str) -> Option<u64> {
        self.index.as_ref().map(|index| index.hasher.hash_one(name))
    }

    /// [`position`](Self::position) with `name`'s hash already computed.
    fn position_hashed(&self, name: &str, hash: Option<u64>) -> Option<usize> {
        let same = |entry: &Entry| {
            count(Cost::NameProbe);
            entry.name() == name
        };
        match (&self.index, hash) {
            (Some(index), Some(hash)) => index
                .table
                .find(hash, |slot| {
                    slot.hash == hash && same(&self.entries[slot.position])
                })
                .map(|slot| slot.position),
            _ => self.entries.iter().position(same),
        }
    }

    fn set(&mut self, entry: Entry) {
        let hash = self.hash(entry.name());
        match self.position_hashed(entry.name(), hash) {
            // Same name, same place: the index stays valid.
            Some(position) => self.entries[position] = entry,
            None => self.push(entry, hash),
        }
    }

    /// Appends an entry whose name is not present yet (`hash`: its hash, when there is
    /// an index), keeping the index up to date or building it when the scan limit is
    /// passed.
    fn push(&mut self, entry: Entry, hash: Option<u64>) {
        if self.entries.capacity() == 0 {
            // Tokens and documents carry a handful of unknown members: one block for
            // the first eight, where growing from empty takes a block of four and then
            // one of eight.
            self.entries.reserve_exact(FIRST_BLOCK);
        }
        self.entries.push(entry);
        let entries = &self.entries;
        match (&mut self.index, hash) {
            (Some(index), Some(hash)) => {
                let position = entries.len() - 1;
                index
                    .table
                    .insert_unique(hash, Slot { position, hash }, |slot| slot.hash);
            }
            _ if entries.len() > LINEAR_MAX => self.index = Some(NameIndex::build(entries)),
            _ => {}
        }
    }

    /// Decoders: appends a parameter, rejecting a repeated name (RFC 6749 §3.1). O(1)
    /// (amortized), so decoding n unknown parameters is O(n).
    pub(crate) fn push_new(
        &mut self,
        message: &'static str,
        name: &str,
        value: &str,
        json: bool,
    ) -> Result<(), Error> {
        let hash = self.hash(name);
        if self.position_hashed(name, hash).is_some() {
            return Err(Error::duplicate(message, name));
        }
        if json && has_lone_surrogate(value) {
            return Err(Error::invalid(
                message,
                name,
                "a \\u escape is a lone surrogate, not a Unicode character (RFC 8259 §8.2)",
            ));
        }
        self.push(Entry::new(name, value, json), hash);
        Ok(())
    }

    /// Decoders: keeps the value a `tolerant` field could not take, with the problem.
    pub(crate) fn push_tolerated(
        &mut self,
        message: &'static str,
        name: &str,
        value: &str,
        json: bool,
        problem: Error,
    ) -> Result<(), Error> {
        self.push_new(message, name, value, json)?;
        if let Some(entry) = self.entries.last_mut() {
            entry.problem = Some(Box::new(problem));
        }
        Ok(())
    }

    /// Encoders: writes every parameter as a map entry, except those `written` by a
    /// declared field. `Json` values go out verbatim to serde_json, as text to form
    /// serializers (as `to_form` writes them), as `serde_json::Value` otherwise.
    pub(crate) fn serialize_entries<M: SerializeMap>(
        &self,
        map: &mut M,
        kind: SerializerKind,
        written: impl Fn(&str) -> bool,
    ) -> Result<(), M::Error> {
        for entry in &self.entries {
            if written(entry.name()) {
                continue;
            }
            match entry.value() {
                ExtraValue::Text(text) => map.serialize_entry(entry.name(), text)?,
                value if kind == SerializerKind::Form => {
                    let text = value.to_text();
                    if !text.is_empty() {
                        map.serialize_entry(entry.name(), &text)?;
                    }
                }
                ExtraValue::Json(json) if kind == SerializerKind::Json => {
                    match serde_json::from_str::<&RawValue>(json) {
                        Ok(raw) => map.serialize_entry(entry.name(), raw)?,
                        Err(_) => {
                            map.serialize_entry(entry.name(), &entry.value().to_json_value())?
                        }
                    }
                }
                value => map.serialize_entry(entry.name(), &value.to_json_value())?,
            }
        }
        Ok(())
    }
}

impl PartialEq for ExtraParams {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
            && self
                .entries
                .iter()
                .zip(&other.entries)
                .all(|(a, b)| a.name() == b.name() && a.value().same_as(&b.value()))
    }
}

/// Values of the [`CREDENTIALS`](ExtraParams::CREDENTIALS) print as `<redacted>`.
impl fmt::Debug for ExtraParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.iter() {
            match value {
                _ if Self::is_credential(name) => map.entry(&name, &crate::__private::Redacted),
                ExtraValue::Text(t) => map.entry(&name, &t),
                ExtraValue::Json(j) => map.entry(&name, &format_args!("{j}")),
            };
        }
        map.finish()
    }
}

/// As a map from name to value (text values as strings, JSON values as themselves).
impl Serialize for ExtraParams {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let kind = crate::__private::serializer_kind::<S>();
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        self.serialize_entries(&mut map, kind, |_| false)?;
        map.end()
    }
}

/// Whether raw JSON text (already checked by serde_json) holds a `\u` escape of a
/// surrogate that is not half of a pair. serde_json keeps such a string when it only
/// scans a value (raw unknown members), yet no Rust string can hold it and every
/// declared string member refuses it, so unknown members refuse it too. Linear: each
/// backslash is looked at once.
fn has_lone_surrogate(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let hex = |at: usize| -> Option<u16> {
        let digits = bytes.get(at..at + 4)?;
        u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'\\', &bytes[at..]) {
        let slash = at + found;
        // Inside a valid JSON string a backslash always starts a two-byte escape.
        match bytes.get(slash + 1) {
            Some(b'u') => {
                let unit = hex(slash + 2).unwrap_or(0);
                at = slash + 6;
                if (0xDC00..=0xDFFF).contains(&unit) {
                    return true;
                }
                if (0xD800..=0xDBFF).contains(&unit) {
                    let low = (bytes.get(at) == Some(&b'\\') && bytes.get(at + 1) == Some(&b'u'))
                        .then(|| hex(at + 2))
                        .flatten();
                    match low {
                        Some(low) if (0xDC00..=0xDFFF).contains(&low) => at += 6,
                        _ => return true,
                    }
                }
            }
            _ => at = slash + 2,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_values_keep_their_shape_in_other_serializers() {
        // A serializer that is neither serde_json's writer nor a form (serde_test's,
        // like YAML or CBOR) gets a JSON value as data (here an array of a number and a
        // boolean), never serde_json's raw-value marker struct; text stays a string.
        use serde_test::{assert_ser_tokens, Token};
        let mut extra = ExtraParams::new();
        extra
            .insert_json("claims", &serde_json::json!([1, true]))
            .unwrap();
        extra.insert("hint", "x");
        assert_ser_tokens(
            &extra,
            &[
                Token::Map { len: Some(2) },
                Token::Str("claims"),
                Token::Seq { len: Some(2) },
                Token::U64(1),
                Token::Bool(true),
                Token::SeqEnd,
                Token::Str("hint"),
                Token::Str("x"),
                Token::MapEnd,
            ],
        );
    }

    #[test]
    fn lone_surrogate_escapes_are_found_and_pairs_are_not() {
        // Paired (U+1F600), a plain escape, an escaped backslash before "ud800".
        for fine in [
            r#""\ud83d\ude00""#,
            r#""\u00e9""#,
            r#""\\ud800""#,
            r#"{"a":["\uD83D\uDE00",1]}"#,
            r#""no escape""#,
        ] {
            assert!(!has_lone_surrogate(fine), "{fine}");
        }
        for lone in [
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\uDBFF x""#,
            r#""\ud800\u0041""#,
            r#""\ud800\n""#,
            // A low half only counts right after the high one, as a `\u` escape.
            r#""\ud800\nDC00""#,
            r#""\ud800xuDC00""#,
            r#"{"a":{"b":"x\\\udfff"}}"#,
            r#""\ud83d\ude00\ude00""#,
        ] {
            assert!(has_lone_surrogate(lone), "{lone}");
        }
    }

    #[test]
    fn typed_getter_parses_text_and_reports_misfits() {
        let mut extra = ExtraParams::new();
        extra.insert("n", "42");
        extra.insert("flag", "true");
        extra.insert("word", "hello");
        assert_eq!(extra.get::<u64>("n").unwrap(), Some(42));
        assert_eq!(extra.get::<bool>("flag").unwrap(), Some(true));
        assert_eq!(extra.get::<String>("n").unwrap().as_deref(), Some("42"));
        assert_eq!(extra.get::<u64>("missing").unwrap(), None);
        let err = extra.get::<u64>("word").unwrap_err();
        assert_eq!(err.parameter(), Some("word"));
    }

    #[test]
    fn insert_replaces_in_place_and_remove_removes() {
        let mut extra = ExtraParams::new();
        assert!(extra.is_empty());
        extra.insert("a", "1");
        assert!(!extra.is_empty() && extra.contains("a"));
        extra.insert("b", "2");
        extra.insert("a", "3");
        assert_eq!(extra.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(extra.len(), 2);
        assert_eq!(extra.get_str("a").as_deref(), Some("3"));
        assert!(extra.remove("a"));
        assert!(!extra.contains("a"));
        assert!(extra.remove("b"));
        assert!(extra.is_empty());
    }

    #[test]
    fn lookups_agree_below_at_and_above_the_scan_limit() {
        for n in [
            LINEAR_MAX - 1,
            LINEAR_MAX,
            LINEAR_MAX + 1,
            LINEAR_MAX + 2,
            3 * LINEAR_MAX,
        ] {
            let mut extra = ExtraParams::new();
            for i in 0..n {
                extra
                    .push_new("T", &format!("p{i}"), &i.to_string(), false)
                    .unwrap();
            }
            assert_eq!(extra.index.is_some(), n > LINEAR_MAX, "{n}");
            for i in 0..n {
                assert_eq!(
                    extra.get::<usize>(&format!("p{i}")).unwrap(),
                    Some(i),
                    "{n}"
                );
                let err = extra
                    .push_new("T", &format!("p{i}"), "again", false)
                    .unwrap_err();
                assert_eq!(err.kind(), &ErrorKind::Duplicate(format!("p{i}")));
            }
            assert!(!extra.contains("p-absent"));
            // Removing the first keeps every other lookup right, across the limit.
            assert!(extra.remove("p0"));
            assert!(!extra.remove("p0"));
            assert_eq!(extra.index.is_some(), n - 1 > LINEAR_MAX, "{n}");
            for i in 1..n {
                assert_eq!(
                    extra.get::<usize>(&format!("p{i}")).unwrap(),
                    Some(i),
                    "{n}"
                );
            }
            extra.insert("p0", "back");
            assert_eq!(extra.iter().last().unwrap().0, "p0");
            assert_eq!(extra.len(), n);
        }
    }

    #[test]
    fn credentials_are_redacted_in_debug_and_errors() {
        let mut extra = ExtraParams::new();
        for (i, name) in ExtraParams::CREDENTIALS.iter().enumerate() {
            extra.insert(name, &format!("SECRET{i}"));
        }
        extra.insert("Subject_Token", "SECRETcase");
        extra.insert_json("assertion", &["SECRETjson"]).unwrap();
        extra.insert("resource", "https://api.example");
        extra.insert("dpop_jkt", "NzbLsXh8uDCcd");
        let debug = format!("{extra:?}");
        assert!(!debug.contains("SECRET"), "{debug}");
        assert_eq!(
            debug.matches("<redacted>").count(),
            ExtraParams::CREDENTIALS.len() + 1
        );
        assert!(
            debug.contains(r#""resource": "https://api.example""#),
            "{debug}"
        );
        assert!(debug.contains(r#""dpop_jkt": "NzbLsXh8uDCcd""#), "{debug}");
        let err = extra.get::<u64>("device_code").unwrap_err();
        assert!(!err.to_string().contains("SECRET"), "{err}");
        assert_eq!(err.parameter(), Some("device_code"));
        let err = extra.get::<u64>("resource").unwrap_err();
        assert!(err.to_string().contains("https://api.example"), "{err}");
    }

    #[test]
    fn the_credential_list_is_lower_case_and_has_no_repeats() {
        let mut names = ExtraParams::CREDENTIALS.to_vec();
        assert!(names.iter().all(|n| *n == n.to_ascii_lowercase()));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ExtraParams::CREDENTIALS.len());
        for visible in [
            "state",
            "nonce",
            "code_challenge",
            "dpop_jkt",
            "request_uri",
            "client_id",
        ] {
            assert!(!ExtraParams::is_credential(visible), "{visible}");
        }
        assert!(ExtraParams::is_credential("ACCESS_TOKEN"));
    }

    #[test]
    fn text_and_json_string_compare_equal() {
        let mut a = ExtraParams::new();
        a.insert("x", "é \"q\"");
        let mut b = ExtraParams::new();
        b.insert_json("x", "é \"q\"").unwrap();
        assert_eq!(a, b);
        let mut c = ExtraParams::new();
        c.insert_json("x", &42).unwrap();
        assert_ne!(a, c);
    }

    fn json_sourced() -> ExtraParams {
        let mut extra = ExtraParams::new();
        extra.insert_json("groups", &["a", "b"]).unwrap();
        extra.insert_json("n", &42).unwrap();
        extra.insert_json("s", "x y").unwrap();
        extra.insert_json("e", "").unwrap();
        extra.insert("t", "text");
        extra
    }

    #[test]
    fn form_serializers_get_json_sourced_extras_as_their_parameter_text() {
        // What to_form writes: a JSON string as its text, other JSON as its JSON text,
        // an empty value not at all (RFC 6749 §3.1: empty means absent).
        assert_eq!(
            serde_urlencoded::to_string(json_sourced()).unwrap(),
            "groups=%5B%22a%22%2C%22b%22%5D&n=42&s=x+y&t=text"
        );
        // serde_json gets the JSON verbatim; other serializers a serde_json::Value, a
        // text value as a JSON string.
        assert_eq!(
            serde_json::to_string(&json_sourced()).unwrap(),
            r#"{"groups":["a","b"],"n":42,"s":"x y","e":"","t":"text"}"#
        );
        assert_eq!(
            serde_json::to_value(json_sourced()).unwrap(),
            serde_json::json!({"groups": ["a", "b"], "n": 42, "s": "x y", "e": "", "t": "text"})
        );
    }

    #[test]
    fn serde_json_gets_json_extras_verbatim() {
        // Stored as received, written as received: no member reordered, no whitespace
        // or number spelling changed (a serde_json::Value would do all three).
        let text = r#"{"b": 1,"a":[1.0, 1e3]}"#;
        assert_eq!(
            serde_json::to_string(&one_json("x", text)).unwrap(),
            format!(r#"{{"x":{text}}}"#)
        );
    }

    #[test]
    fn a_form_parameter_is_a_json_string_whatever_its_text() {
        // A form carries text: "42" and "true" from a form are strings, not a number
        // and a boolean, when read as JSON.
        let mut extra = ExtraParams::new();
        extra.insert("n", "42");
        extra.insert("b", "true");
        for (name, text) in [("n", "42"), ("b", "true")] {
            let expected = serde_json::Value::String(text.into());
            assert_eq!(extra.value(name).unwrap().to_json_value(), expected);
            assert_eq!(
                extra.get::<serde_json::Value>(name).unwrap(),
                Some(expected)
            );
        }
        // JSON values keep their type; JSON text that does not parse reads as null.
        assert_eq!(
            ExtraValue::Json("42").to_json_value(),
            serde_json::json!(42)
        );
        assert_eq!(
            ExtraValue::Json("{\"a\":[1]}").to_json_value(),
            serde_json::json!({"a": [1]})
        );
        assert_eq!(
            ExtraValue::Json("{").to_json_value(),
            serde_json::Value::Null
        );
    }

    fn one(name: &str, value: &str) -> ExtraParams {
        let mut extra = ExtraParams::new();
        extra.insert(name, value);
        extra
    }

    fn one_json(name: &str, json: &str) -> ExtraParams {
        let mut extra = ExtraParams::new();
        extra.push_new("T", name, json, true).unwrap();
        extra
    }

    #[test]
    fn extras_differing_in_a_name_a_value_or_a_count_are_unequal() {
        assert_eq!(one("x", "1"), one("x", "1"));
        assert_ne!(one("x", "1"), one("x", "2"));
        assert_ne!(one("x", "1"), one("y", "1"));
        assert_ne!(one_json("x", "1"), one_json("y", "1"));
        assert_ne!(one_json("x", "1"), one_json("x", "2"));
        // One parameter more, on either side.
        let mut more = one("x", "1");
        more.insert("y", "2");
        assert_ne!(one("x", "1"), more);
        assert_ne!(more, one("x", "1"));
        assert_ne!(ExtraParams::new(), one("x", ""));
        assert_eq!(ExtraParams::new(), ExtraParams::new());
    }

    #[test]
    fn json_values_are_equal_as_json_whitespace_and_member_order_aside() {
        // Two JSON texts of the same value are the same value: serde_json::Value's
        // equality (objects compare as maps).
        assert_eq!(
            one_json("x", r#"{"a":1,"b":[1,2]}"#),
            one_json("x", r#"{ "b" : [1, 2], "a" : 1 }"#)
        );
        assert_eq!(one_json("x", "\"\\u0041\""), one_json("x", "\"A\""));
        assert_ne!(
            one_json("x", r#"{"a":1,"b":[1,2]}"#),
            one_json("x", r#"{"a":1,"b":[2,1]}"#)
        );
        assert_ne!(one_json("x", "1"), one_json("x", "\"1\""));
        // A form parameter equals a JSON string with its text, not other JSON.
        assert_eq!(one("x", "1"), one_json("x", "\"1\""));
        assert_eq!(one_json("x", "\"1\""), one("x", "1"));
        assert_ne!(one("x", "1"), one_json("x", "1"));
        assert_ne!(one_json("x", "1"), one("x", "1"));
        assert_ne!(one("x", "1"), one_json("x", "\"2\""));
        assert_ne!(one_json("x", "\"2\""), one("x", "1"));
    }

    #[test]
    fn the_order_of_the_parameters_is_part_of_equality() {
        // Extras are kept in the order they arrived and written back in it, so two
        // that would be written differently are different.
        let mut ab = one("a", "1");
        ab.insert("b", "2");
        let mut ba = one("b", "2");
        ba.insert("a", "1");
        assert_ne!(ab, ba);
    }
}
