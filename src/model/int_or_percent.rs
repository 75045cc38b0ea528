//! `intstr.IntOrString` as used by `maxUnavailable` and `maxSurge`.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An integer or a string (normally a percentage such as `"25%"`).
///
/// Strings are kept verbatim so that validation can report a bad one; the
/// scaling helper [`IntOrPercent::scaled_value`] mirrors
/// `intstr.GetScaledValueFromIntOrPercent`.
///
/// ```
/// use daemonset_planner::model::IntOrPercent;
/// assert_eq!(IntOrPercent::Str("10%".into()).scaled_value(11, true), Ok(2));
/// assert_eq!(IntOrPercent::Int(3).scaled_value(11, true), Ok(3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IntOrPercent {
    /// A plain integer (Go `int32`).
    Int(i32),
    /// A string; valid ones are `^[0-9]+%$`.
    Str(String),
}

impl IntOrPercent {
    /// The value scaled against `total`, as `GetScaledValueFromIntOrPercent`:
    /// an integer is returned as is (negatives pass through); a string must end
    /// in `%` and the rest must parse as a Go `Atoi` integer; the percentage is
    /// rounded up (`round_up`) or down. Errors carry upstream's wording.
    ///
    /// ```
    /// use daemonset_planner::model::IntOrPercent;
    /// assert_eq!(IntOrPercent::Str("1%".into()).scaled_value(1, true), Ok(1));
    /// assert!(IntOrPercent::Str("abc".into()).scaled_value(10, true).is_err());
    /// ```
    pub fn scaled_value(&self, total: i64, round_up: bool) -> Result<i64, String> {
        match self {
            IntOrPercent::Int(value) => Ok(i64::from(*value)),
            IntOrPercent::Str(text) => {
                let Some(number) = text.strip_suffix('%') else {
                    return Err(
                        "invalid value for IntOrString: invalid type: string is not a percentage"
                            .to_string(),
                    );
                };
                let Some(percent) = crate::validate::content::parse_go_atoi(number) else {
                    return Err(format!(
                        "invalid value for IntOrString: invalid value {text:?}: strconv.Atoi: parsing {number:?}: invalid syntax"
                    ));
                };
                // Upstream computes math.Ceil(float64(value) * float64(total) / 100);
                // exact integer arithmetic gives the same result for every value
                // where float64 is exact, and never overflows here.
                let product = i128::from(percent) * i128::from(total);
                let scaled = if round_up {
                    product.div_euclid(100) + i128::from(product.rem_euclid(100) != 0)
                } else {
                    product.div_euclid(100)
                };
                Ok(scaled.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
            }
        }
    }

    /// Whether this value is "non-zero" as apps validation judges it
    /// (`getIntOrPercentValue`): a valid percent as its number, an int as
    /// itself, any other string through `Atoi` (usually failing, so zero).
    pub fn validation_value(&self) -> i64 {
        match self {
            IntOrPercent::Int(value) => i64::from(*value),
            IntOrPercent::Str(text) => {
                if crate::validate::content::is_valid_percent(text).is_empty() {
                    text.strip_suffix('%')
                        .and_then(crate::validate::content::parse_go_atoi)
                        .unwrap_or(0)
                } else {
                    crate::validate::content::parse_go_atoi(text).unwrap_or(0)
                }
            }
        }
    }
}

impl fmt::Display for IntOrPercent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntOrPercent::Int(value) => write!(f, "{value}"),
            IntOrPercent::Str(text) => f.write_str(text),
        }
    }
}

impl Serialize for IntOrPercent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            IntOrPercent::Int(value) => serializer.serialize_i32(*value),
            IntOrPercent::Str(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for IntOrPercent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntOrPercentVisitor;

        impl Visitor<'_> for IntOrPercentVisitor {
            type Value = IntOrPercent;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an int32 or a percentage string such as \"25%\"")
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<IntOrPercent, E> {
                i32::try_from(value)
                    .map(IntOrPercent::Int)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<IntOrPercent, E> {
                i32::try_from(value)
                    .map(IntOrPercent::Int)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<IntOrPercent, E> {
                Ok(IntOrPercent::Str(value.to_string()))
            }
        }

        deserializer.deserialize_any(IntOrPercentVisitor)
    }
}
