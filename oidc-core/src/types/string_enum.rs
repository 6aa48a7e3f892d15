//! `string_enum!`: registered string values (error codes, grant types) as an enum with
//! an `Other(String)` variant for everything else, usable as a message field.

/// Declares an enum of registered string values plus `Other(String)`.
///
/// The enum gets `as_str`, `Display`, `PartialEq<str>` (the wire text), `From<&str>` / `From<String>` (unknown text becomes
/// `Other`), `ParamValue` (so it can be a form / URL parameter) and serde impls (a
/// JSON string). Values compare exactly (RFC 6749 error codes and grant types are
/// case-sensitive).
///
/// ```
/// oidc_core::string_enum! {
///     /// Colours we know.
///     pub enum Colour {
///         /// `red`
///         Red = "red",
///         /// `blue`
///         Blue = "blue",
///     }
/// }
///
/// assert_eq!(Colour::from("red"), Colour::Red);
/// assert_eq!(Colour::from("teal"), Colour::Other("teal".into()));
/// assert_eq!(Colour::Other("teal".into()).as_str(), "teal");
/// assert_eq!(Colour::Red, "red"); // compares with the wire text
/// assert_ne!(Colour::Red, "Red");
/// assert_eq!(serde_json::to_string(&Colour::Blue).unwrap(), r#""blue""#);
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $wire:literal,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                $variant,
            )*
            /// Any other value, kept as received.
            Other(::std::string::String),
        }

        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(other) => other,
                }
            }
        }

        impl ::core::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::core::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $( $wire => $name::$variant, )*
                    other => $name::Other(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(text: ::std::string::String) -> Self {
                match text.as_str() {
                    $( $wire => $name::$variant, )*
                    _ => $name::Other(text),
                }
            }
        }

        impl $crate::codec::value::ParamValue for $name {
            fn from_param(text: ::std::borrow::Cow<'_, str>) -> ::core::result::Result<Self, ::std::string::String> {
                ::core::result::Result::Ok(match text {
                    ::std::borrow::Cow::Borrowed(text) => $name::from(text),
                    ::std::borrow::Cow::Owned(text) => $name::from(text),
                })
            }

            fn with_param<R>(&self, f: impl ::core::ops::FnOnce(&str) -> R) -> R {
                f(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_string_value(deserializer)
            }
        }
    };
}
