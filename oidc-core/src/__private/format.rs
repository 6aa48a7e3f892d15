//! Which wire a serde (de)serializer drives. serde gives no way to ask, so the type
//! name decides (a documented limit: an unknown form serializer gets the JSON shape).

/// Which wire a serializer writes. serde gives no way to ask, and a `json` field is a
/// nested value in JSON but one text parameter in a form, so the serializer's type name
/// decides; unknown serializers get the JSON shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerializerKind {
    /// serde_json writing text: JSON shape, raw unknown members verbatim.
    Json,
    /// serde_urlencoded and friends: `json` fields and JSON extras as text.
    Form,
    /// Anything else (serde_json::Value, other formats): JSON shape.
    Other,
}

pub fn serializer_kind<S>() -> SerializerKind {
    let name = std::any::type_name::<S>();
    if name.contains("serde_json::ser::Serializer") {
        SerializerKind::Json
    } else if is_form_format(name) {
        SerializerKind::Form
    } else {
        SerializerKind::Other
    }
}

/// Whether a deserializer is serde_json's own (over text, bytes or a reader) or a
/// `serde_json::Value`: these hand out an unknown member as raw JSON text
/// (`RawValue`), so the generated `Deserialize` keeps it exactly as `from_json` does.
/// Other deserializers, serde's buffered content for `#[serde(flatten)]` among them,
/// cannot.
pub(super) fn is_serde_json_format(type_name: &str) -> bool {
    type_name.starts_with("&mut serde_json::de::Deserializer<")
        || type_name == "serde_json::value::Value"
        || type_name == "&serde_json::value::Value"
}

pub(super) fn is_form_format(type_name: &str) -> bool {
    type_name.contains("serde_urlencoded")
        || type_name.contains("serde_html_form")
        || type_name.contains("serde_qs")
}
