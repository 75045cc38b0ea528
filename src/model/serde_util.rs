//! Small serde helpers shared by the model types.
//!
//! Kubernetes' Go decoder accepts `null` wherever a list or map may stand
//! (`tolerations:` with nothing after it is `null` in YAML) and treats it as
//! empty. serde's `#[serde(default)]` only covers a *missing* field, so every
//! list and map field also goes through [`null_as_default`].

use serde::{Deserialize, Deserializer};

/// Deserializes `null` as `T::default()`, anything else as `T`.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// [`null_as_default`] for lists, trimmed to their length: JSON gives no
/// length up front, so a growing `Vec` keeps up to 4x the room it needs (a
/// one-container pod holds room for four), which adds up over 100k pods.
pub(crate) fn vec_null_as_default<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut items = Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default();
    items.shrink_to_fit();
    Ok(items)
}

/// Declares a string enum that keeps values it does not know.
///
/// Kubernetes stores operators, effects and phases as plain strings; the API
/// server rejects unknown ones at validation time, and the matching helpers
/// treat them as "matches nothing". Keeping the unknown text (instead of
/// failing to deserialize) lets validation report it with its field path, and
/// lets the matchers behave exactly like upstream on unvalidated input.
macro_rules! open_string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value Kubernetes does not define, kept verbatim so that
            /// validation can report it and matching can ignore it.
            Other(String),
        }

        impl $name {
            /// Every value Kubernetes defines, in declaration order.
            pub const KNOWN: &'static [&'static str] = &[$($text),+];

            /// The Kubernetes spelling of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(text) => text.as_str(),
                }
            }

            /// Reads a Kubernetes spelling; unknown text becomes `Other`.
            pub fn from_text(text: &str) -> Self {
                match text {
                    $( $text => $name::$variant, )+
                    other => $name::Other(other.to_string()),
                }
            }

            /// True for every value except `Other`.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok($name::from_text(&text))
            }
        }
    };
}

pub(crate) use open_string_enum;
