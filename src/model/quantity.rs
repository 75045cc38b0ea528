//! Kubernetes `resource.Quantity`: an exact, fixed-point decimal number with a
//! remembered suffix style, as written in `resources.requests`,
//! `status.allocatable` and friends (`100m`, `1.5Gi`, `1e3`).
//!
//! This mirrors upstream `k8s.io/apimachinery/pkg/api/resource`
//! (`quantity.go`, `suffix.go`, `amount.go`, `math.go`, `scale_int.go`).
//! Values are never held as floating point.
//!
//! # Parsing (upstream `ParseQuantity`)
//!
//! * Grammar: `[sign] number [suffix]`, where the number is `digits`,
//!   `digits.digits`, `digits.` or `.digits`. No whitespace anywhere.
//!   The upstream scanner reads a missing number as zero, so `.`, `-.`, `+`,
//!   `-`, `m`, `E` and `Ki` all parse as zero. There is one exception, also
//!   taken from upstream: upstream sends a number with no digits down its
//!   `inf.Dec` slow path, and that path rejects it with
//!   [`QuantityError::Numeric`]. This happens when the suffix is a decimal
//!   exponent below `-9` (`e-10`), `Pi` or `Ei`.
//! * Suffixes: decimal SI `n u m "" k M G T P E`, binary SI
//!   `Ki Mi Gi Ti Pi Ei`, and decimal exponents `e<int>` / `E<int>`. A lone
//!   `E` is exa (10^18); `E3` is an exponent. Exponents must lie in
//!   `[-2147483647, 2147483647]`: current upstream rejects an exponent
//!   outside the `int32` scale instead of silently truncating it.
//! * Non-zero values finer than 10^-9 are rounded **away from zero** to the
//!   next nano (`0.1n` is `1n` and `-0.1n` is `-1n`).
//! * Binary-SI values larger in magnitude than 2^63-1 are capped at 2^63-1
//!   (`9Ei` parses as `9223372036854775807`). Binary-SI values with
//!   `0 < |v| < 1` switch to decimal SI. Decimal values are not capped.
//!
//! # Canonical form (upstream `CanonicalizeBytes`)
//!
//! [`Display`](std::fmt::Display) and serialization print the canonical form:
//! no fractional digits, and the largest suffix that loses no precision.
//! Decimal SI values use the suffixes `n`...`E`; past `E` or below `n` they fall
//! back to `e<exp>`. Binary-SI values with `|v| >= 1024` that are integers use
//! `Ki`...`Ei`. A binary-SI value below 1024 in magnitude, or with a
//! fractional part, prints as decimal SI. A binary-SI integer that is not
//! divisible by 1024 prints as plain digits (`2000`). A binary-SI value that
//! would need a suffix past `Ei` prints in decimal-exponent form.
//!
//! Upstream `String()` sometimes returns the text exactly as it was parsed
//! instead of the canonical form. It does this when its int64 fast path
//! judges the input canonical, so `+1` stays `+1`, `01` stays `01` and `1.234k`
//! stays `1.234k`. This type always prints the canonical form (`1`, `1`,
//! `1234`). The numeric value is the same either way.
//!
//! # Serde
//!
//! A quantity serializes as its canonical string. It deserializes from a
//! string (surrounding whitespace is trimmed, as upstream `UnmarshalJSON`
//! does), from an integer or a float (Kubernetes accepts `cpu: 1` and
//! `cpu: 0.5`), or from null (zero, as upstream). A number is converted to
//! its decimal text first: integers exactly, floats with Rust's shortest
//! round-trip formatting. Upstream parses the raw JSON number text instead,
//! so a JSON number written `1e3` is `1e3` (decimal exponent) there and `1k`
//! here, and float digits beyond `f64` precision are lost here.
//!
//! ```
//! use daemonset_planner::model::quantity::Quantity;
//!
//! let q: Quantity = serde_json::from_str("0.5").unwrap();
//! assert_eq!(serde_json::to_string(&q).unwrap(), r#""500m""#);
//! let q: Quantity = serde_json::from_str(r#""1.5Gi""#).unwrap();
//! assert_eq!(q.to_string(), "1536Mi");
//! let err = serde_json::from_str::<Quantity>(r#""1K""#).unwrap_err();
//! assert!(err.to_string().starts_with("unable to parse quantity's suffix"));
//! ```
//!
//! # Limits of this implementation
//!
//! The value is held as a sign, a `u128` mantissa and a decimal exponent.
//! That gives 38 to 39 significant decimal digits at any magnitude
//! (`1e2147483647` is fine). An input that still needs more significant
//! digits after rounding to the nano is rejected with
//! [`QuantityError::Numeric`]; upstream would keep it in an arbitrary-precision
//! `inf.Dec`. [`Quantity::checked_add`] and [`Quantity::checked_sub`] return
//! `None` when the exact result does not fit.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// Largest decimal exponent accepted in an `e<int>` suffix (upstream bounds
/// the exponent to the `int32` scale, and its negation must fit too).
const MAX_SUFFIX_EXPONENT: i64 = i32::MAX as i64;

/// Largest multiple of three that is a valid `e<int>` suffix; canonical output
/// never prints a larger exponent, so that it always parses back.
const MAX_PRINTED_EXPONENT: i64 = MAX_SUFFIX_EXPONENT - MAX_SUFFIX_EXPONENT.rem_euclid(3);

/// The nano scale: parsed values are rounded up to a multiple of 10^-9.
const NANO: i64 = -9;

/// `math.MaxInt64`, the cap for binary-SI values (upstream `maxAllowed`).
const MAX_ALLOWED: u128 = i64::MAX as u128;

/// Decimal digits of [`MAX_ALLOWED`].
const MAX_ALLOWED_DIGITS: &[u8] = b"9223372036854775807";

/// The three ways a quantity remembers to print itself (upstream `Format`).
///
/// ```
/// use daemonset_planner::model::quantity::{Quantity, QuantityFormat};
///
/// let q: Quantity = "1.5Gi".parse().unwrap();
/// assert_eq!(q.format(), QuantityFormat::BinarySI);
/// assert_eq!(q.to_string(), "1536Mi");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuantityFormat {
    /// Decimal exponent notation, e.g. `12e6` (upstream `DecimalExponent`).
    DecimalExponent,
    /// Binary SI suffixes, e.g. `12Mi` = 12 * 2^20 (upstream `BinarySI`).
    BinarySI,
    /// Decimal SI suffixes, e.g. `12M` = 12 * 10^6 (upstream `DecimalSI`).
    DecimalSI,
}

/// Why a string is not a quantity. The messages are upstream's, word for word.
///
/// ```
/// use daemonset_planner::model::quantity::{Quantity, QuantityError};
///
/// assert_eq!("1K".parse::<Quantity>(), Err(QuantityError::Suffix));
/// assert_eq!(
///     QuantityError::Suffix.to_string(),
///     "unable to parse quantity's suffix"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// The text does not have the shape `[sign] number [suffix]`
    /// (upstream `ErrFormatWrong`).
    #[error(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )]
    FormatWrong,
    /// The numeric part cannot be read (upstream `ErrNumeric`). This
    /// implementation also returns it for values needing more significant
    /// digits than it holds (see the module documentation).
    #[error("unable to parse numeric part of quantity")]
    Numeric,
    /// The suffix is not a known one (upstream `ErrSuffix`).
    #[error("unable to parse quantity's suffix")]
    Suffix,
}

/// An exact Kubernetes resource quantity (`resource.Quantity`).
///
/// Equality, ordering and hashing use the numeric value only: `1k`, `1000` and
/// `1e3` are equal even though they print differently.
///
/// ```
/// use daemonset_planner::model::quantity::Quantity;
///
/// let a: Quantity = "1Ki".parse().unwrap();
/// let b: Quantity = "1k".parse().unwrap();
/// assert!(a > b);
/// assert_eq!(a.value(), 1024);
/// assert_eq!("1000".parse::<Quantity>().unwrap(), "1e3".parse::<Quantity>().unwrap());
/// assert_eq!("0.1".parse::<Quantity>().unwrap().to_string(), "100m");
/// ```
#[derive(Clone, Copy)]
pub struct Quantity {
    /// True only for non-zero negative values.
    negative: bool,
    /// Magnitude mantissa; never divisible by 10 unless zero.
    mantissa: u128,
    /// Power of ten applied to the mantissa; zero when the mantissa is zero.
    exponent: i64,
    /// The remembered suffix style.
    format: QuantityFormat,
}

impl Quantity {
    /// Zero, in decimal SI format.
    ///
    /// ```
    /// use daemonset_planner::model::quantity::Quantity;
    ///
    /// assert!(Quantity::zero().is_zero());
    /// assert_eq!(Quantity::zero().to_string(), "0");
    /// ```
    #[must_use]
    pub fn zero() -> Quantity {
        Quantity::zero_with(QuantityFormat::DecimalSI)
    }

    /// `m` thousandths, in decimal SI format (upstream
    /// `NewMilliQuantity(m, DecimalSI)`).
    ///
    /// ```
    /// use daemonset_planner::model::quantity::Quantity;
    ///
    /// assert_eq!(Quantity::from_milli(1).to_string(), "1m");
    /// assert_eq!(Quantity::from_milli(1234000).to_string(), "1234");
    /// ```
    #[must_use]
    pub fn from_milli(m: i64) -> Quantity {
        Quantity::from_parts(
            m < 0,
            u128::from(m.unsigned_abs()),
            -3,
            QuantityFormat::DecimalSI,
        )
    }

    /// The integer `v` in the given format (upstream `NewQuantity`).
    ///
    /// ```
    /// use daemonset_planner::model::quantity::{Quantity, QuantityFormat};
    ///
    /// assert_eq!(Quantity::from_int(1024, QuantityFormat::BinarySI).to_string(), "1Ki");
    /// assert_eq!(Quantity::from_int(1000, QuantityFormat::DecimalSI).to_string(), "1k");
    /// assert_eq!(Quantity::from_int(1000000, QuantityFormat::DecimalExponent).to_string(), "1e6");
    /// ```
    #[must_use]
    pub fn from_int(v: i64, format: QuantityFormat) -> Quantity {
        Quantity::from_parts(v < 0, u128::from(v.unsigned_abs()), 0, format)
    }

    /// The value rounded to an integer, away from zero, and saturated to the
    /// `i64` range (upstream `Value`). `1n` gives 1, `-1.5` gives -2.
    ///
    /// ```
    /// use daemonset_planner::model::quantity::Quantity;
    ///
    /// assert_eq!("1n".parse::<Quantity>().unwrap().value(), 1);
    /// assert_eq!("-1500m".parse::<Quantity>().unwrap().value(), -2);
    /// assert_eq!("1e30".parse::<Quantity>().unwrap().value(), i64::MAX);
    /// ```
    #[must_use]
    pub fn value(&self) -> i64 {
        self.scaled_value(0)
    }

    /// The value in thousandths, rounded away from zero and saturated to
    /// the `i64` range (upstream `MilliValue`). `0.1m` gives 1.
    ///
    /// ```
    /// use daemonset_planner::model::quantity::Quantity;
    ///
    /// assert_eq!("0.1m".parse::<Quantity>().unwrap().milli_value(), 1);
    /// assert_eq!("1.0001".parse::<Quantity>().unwrap().milli_value(), 1001);
    /// assert_eq!("250m".parse::<Quantity>().unwrap().milli_value(), 250);
    /// ```
    #[must_use]
    pub fn milli_value(&self) -> i64 {
        self.scaled_value(-3)
    }

    /// Whether the value is zero.
    ///
    /// ```
    /// use daemonset_planner::model::quantity::Quantity;
    ///
    /// assert!("0Mi".parse::<Quantity>().unwrap().is_zero());
    /// assert!(!"1n".parse::<Quantity>().unwrap().is_zero());
    /// ```
    #[must_use]
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// The sign of the value, as its ordering relative to zero.
    ///
    /// ```
    /// use daemonset_planner::model::quantity::Quantity;
    /// use std::cmp::Ordering;
    ///
    /// assert_eq!("-1m".parse::<Quantity>().unwrap().sign(), Ordering::Less);
    /// assert_eq!("-0".parse::<Quantity>().unwrap().sign(), Ordering::Equal);
    /// assert_eq!("2Gi".parse::<Quantity>().unwrap().sign(), Ordering::Greater);
    /// ```
    #[must_use]
    pub fn sign(&self) -> Ordering {
        if self.mantissa == 0 {
            Ordering::Equal
        } else if self.negative {
            Ordering::Less
        } else {
            Ordering::Greater
        }
    }

    /// The remembered suffix style.
    ///
    /// ```
    /// use daemonset_planner::model::quantity::{Quantity, QuantityFormat};
    ///
    /// assert_eq!("1e3".parse::<Quantity>().unwrap().format(), QuantityFormat::DecimalExponent);
    /// assert_eq!("100m".parse::<Quantity>().unwrap().format(), QuantityFormat::DecimalSI);
    /// // A binary-SI value below one switches to decimal SI when parsed.
    /// assert_eq!(".000000001Ki".parse::<Quantity>().unwrap().format(), QuantityFormat::DecimalSI);
    /// ```
    #[must_use]
    pub fn format(&self) -> QuantityFormat {
        self.format
    }

    /// `self + other`, exactly. Returns `None` if the exact result does not fit
    /// this type (more than about 38 significant digits). As with upstream `Add`, the
    /// result keeps `self`'s format unless `self` is zero, in which case it
    /// takes `other`'s.
    ///
    /// ```
    /// use daemonset_planner::model::quantity::Quantity;
    ///
    /// let a: Quantity = "1Gi".parse().unwrap();
    /// let b: Quantity = "512Mi".parse().unwrap();
    /// assert_eq!(a.checked_add(&b).unwrap().to_string(), "1536Mi");
    /// let huge: Quantity = "1e100".parse().unwrap();
    /// assert_eq!(huge.checked_add(&"1n".parse().unwrap()), None);
    /// ```
    #[must_use]
    pub fn checked_add(&self, other: &Quantity) -> Option<Quantity> {
        let format = if self.is_zero() {
            other.format
        } else {
            self.format
        };
        if other.is_zero() {
            return Some(Quantity { format, ..*self });
        }
        if self.is_zero() {
            return Some(Quantity { format, ..*other });
        }
        let exponent = self.exponent.min(other.exponent);
        let a = self
            .mantissa
            .checked_mul(pow10(self.exponent - exponent)?)?;
        let b = other
            .mantissa
            .checked_mul(pow10(other.exponent - exponent)?)?;
        let (negative, mantissa) = if self.negative == other.negative {
            (self.negative, a.checked_add(b)?)
        } else if a >= b {
            (self.negative, a - b)
        } else {
            (other.negative, b - a)
        };
        Some(Quantity::from_parts(negative, mantissa, exponent, format))
    }

    /// `self - other`, exactly. Returns `None` if the exact result does not fit
    /// this type. As with upstream `Sub`, the result keeps `self`'s format
    /// unless `self` is zero, in which case it takes `other`'s.
    ///
    /// ```
    /// use daemonset_planner::model::quantity::Quantity;
    ///
    /// let a: Quantity = "1".parse().unwrap();
    /// let b: Quantity = "250m".parse().unwrap();
    /// assert_eq!(a.checked_sub(&b).unwrap().to_string(), "750m");
    /// assert_eq!(b.checked_sub(&a).unwrap().to_string(), "-750m");
    /// ```
    #[must_use]
    pub fn checked_sub(&self, other: &Quantity) -> Option<Quantity> {
        let negated = Quantity {
            negative: !other.negative && other.mantissa != 0,
            ..*other
        };
        self.checked_add(&negated)
    }

    /// Zero in the given format.
    fn zero_with(format: QuantityFormat) -> Quantity {
        Quantity {
            negative: false,
            mantissa: 0,
            exponent: 0,
            format,
        }
    }

    /// Builds a normalized quantity: trailing decimal zeros move into the
    /// exponent, and zero has a single representation.
    fn from_parts(negative: bool, mantissa: u128, exponent: i64, format: QuantityFormat) -> Self {
        if mantissa == 0 {
            return Quantity::zero_with(format);
        }
        let mut mantissa = mantissa;
        let mut exponent = exponent;
        loop {
            let (quotient, remainder) = (mantissa / 10, mantissa % 10);
            if remainder != 0 {
                break;
            }
            mantissa = quotient;
            exponent = exponent.saturating_add(1);
        }
        Quantity {
            negative,
            mantissa,
            exponent,
            format,
        }
    }

    /// `ceil(|v| / 10^scale)` with the sign of `v` (rounding away from zero),
    /// saturated to `i64` (upstream `ScaledValue` / `AsScaledInt64`).
    fn scaled_value(&self, scale: i64) -> i64 {
        if self.mantissa == 0 {
            return 0;
        }
        let shift = self.exponent.saturating_sub(scale);
        let magnitude = if shift >= 0 {
            pow10(shift).and_then(|p| self.mantissa.checked_mul(p))
        } else {
            match pow10(shift.saturating_neg()) {
                Some(p) => {
                    let remainder = self.mantissa % p;
                    Some(self.mantissa / p + u128::from(remainder != 0))
                }
                // Everything is fractional: only the rounding unit is left.
                None => Some(1),
            }
        };
        match (self.negative, magnitude) {
            (false, Some(m)) => i64::try_from(m).unwrap_or(i64::MAX),
            (false, None) => i64::MAX,
            (true, Some(m)) => i128::try_from(m)
                .ok()
                .and_then(|m| i64::try_from(-m).ok())
                .unwrap_or(i64::MIN),
            (true, None) => i64::MIN,
        }
    }

    /// Number of decimal digits in the (non-zero) mantissa.
    fn digit_count(&self) -> i64 {
        i64::from(self.mantissa.checked_ilog10().unwrap_or(0)) + 1
    }

    /// Whether `|v| < 1024`, for an integer-valued (exponent >= 0) value.
    fn below_1024(&self) -> bool {
        match pow10(self.exponent) {
            Some(p) => self.mantissa.checked_mul(p).is_some_and(|v| v < 1024),
            None => false,
        }
    }

    /// Writes the canonical form (upstream `CanonicalizeBytes`).
    fn write_canonical(&self, out: &mut String) {
        if self.mantissa == 0 {
            out.push('0');
            return;
        }
        if self.negative {
            out.push('-');
        }
        match self.format {
            QuantityFormat::BinarySI => {
                // Upstream: between -1024 and 1024, or not an integer, print
                // as decimal SI to avoid rounding.
                if self.exponent < 0 || self.below_1024() {
                    self.write_decimal(out, QuantityFormat::DecimalSI);
                } else if !self.write_binary(out) {
                    // No binary suffix past Ei: exact decimal exponent form.
                    self.write_decimal(out, QuantityFormat::DecimalExponent);
                }
            }
            format => self.write_decimal(out, format),
        }
    }

    /// Writes an integer value with the largest exact power-of-1024 suffix.
    /// Returns `false` (writing nothing) if that suffix would be past `Ei`.
    fn write_binary(&self, out: &mut String) -> bool {
        let twos = i64::from(self.mantissa.trailing_zeros()).saturating_add(self.exponent);
        let powers = twos / 10;
        let suffix = match powers {
            0 => "",
            1 => "Ki",
            2 => "Mi",
            3 => "Gi",
            4 => "Ti",
            5 => "Pi",
            6 => "Ei",
            _ => return false,
        };
        // Here twos < 70, so the exponent is small.
        let zeros = usize::try_from(self.exponent).unwrap_or(0);
        let mut digits = decimal_digits(self.mantissa);
        digits.resize(digits.len() + zeros, 0);
        for _ in 0..powers {
            div_small(&mut digits, 1024);
        }
        push_digits(out, &digits);
        out.push_str(suffix);
        true
    }

    /// Writes the mantissa and a decimal suffix whose exponent is a multiple
    /// of three (the largest one not above the value's exponent).
    fn write_decimal(&self, out: &mut String, format: QuantityFormat) {
        let mut printed = self.exponent - self.exponent.rem_euclid(3);
        let mut zeros = self.exponent - printed;
        if printed > MAX_PRINTED_EXPONENT {
            // Keep the suffix parseable: move the excess into the digits.
            zeros += printed - MAX_PRINTED_EXPONENT;
            printed = MAX_PRINTED_EXPONENT;
        }
        out.push_str(&self.mantissa.to_string());
        for _ in 0..zeros {
            out.push('0');
        }
        let si = match (format, printed) {
            (QuantityFormat::DecimalSI, -9) => Some("n"),
            (QuantityFormat::DecimalSI, -6) => Some("u"),
            (QuantityFormat::DecimalSI, -3) => Some("m"),
            (_, 0) => Some(""),
            (QuantityFormat::DecimalSI, 3) => Some("k"),
            (QuantityFormat::DecimalSI, 6) => Some("M"),
            (QuantityFormat::DecimalSI, 9) => Some("G"),
            (QuantityFormat::DecimalSI, 12) => Some("T"),
            (QuantityFormat::DecimalSI, 15) => Some("P"),
            (QuantityFormat::DecimalSI, 18) => Some("E"),
            _ => None,
        };
        match si {
            Some(suffix) => out.push_str(suffix),
            None => {
                out.push('e');
                out.push_str(&printed.to_string());
            }
        }
    }
}

impl Default for Quantity {
    /// Zero, in decimal SI format.
    fn default() -> Self {
        Quantity::zero()
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        // The representation is normalized, so equal values have equal parts.
        self.negative == other.negative
            && self.mantissa == other.mantissa
            && self.exponent == other.exponent
    }
}

impl Eq for Quantity {}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.negative.hash(state);
        self.mantissa.hash(state);
        self.exponent.hash(state);
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.sign(), other.sign());
        if a != b {
            return a.cmp(&b);
        }
        if a == Ordering::Equal {
            return Ordering::Equal;
        }
        let magnitude = cmp_magnitude(self, other);
        if self.negative {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

/// Compares `|a|` and `|b|` for non-zero `a` and `b`.
fn cmp_magnitude(a: &Quantity, b: &Quantity) -> Ordering {
    let order = (a.digit_count() + a.exponent).cmp(&(b.digit_count() + b.exponent));
    if order != Ordering::Equal {
        return order;
    }
    match a.exponent.cmp(&b.exponent) {
        Ordering::Equal => a.mantissa.cmp(&b.mantissa),
        Ordering::Greater => cmp_shifted(a.mantissa, a.exponent - b.exponent, b.mantissa),
        Ordering::Less => cmp_shifted(b.mantissa, b.exponent - a.exponent, a.mantissa).reverse(),
    }
}

/// Compares `x * 10^shift` with `y` without overflowing.
fn cmp_shifted(x: u128, shift: i64, y: u128) -> Ordering {
    let (quotient, remainder) = match pow10(shift) {
        Some(p) => (y / p, y % p),
        None => (0, y),
    };
    x.cmp(&quotient).then(if remainder > 0 {
        Ordering::Less
    } else {
        Ordering::Equal
    })
}

/// `10^k` if it fits a `u128` (`0 <= k <= 38`).
fn pow10(k: i64) -> Option<u128> {
    u32::try_from(k).ok().and_then(|k| 10u128.checked_pow(k))
}

/// The decimal digits (values 0-9, most significant first) of `v`.
fn decimal_digits(v: u128) -> Vec<u8> {
    v.to_string().bytes().map(|b| b - b'0').collect()
}

/// Appends digits (values 0-9) to `out` as text.
fn push_digits(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|&d| char::from(b'0' + d)));
}

/// Multiplies a digit string (most significant first) by a small factor.
fn mul_small(digits: &mut Vec<u8>, factor: u32) {
    let mut carry = 0u32;
    for d in digits.iter_mut().rev() {
        let v = u32::from(*d) * factor + carry;
        *d = (v % 10) as u8;
        carry = v / 10;
    }
    let mut prefix = Vec::new();
    while carry > 0 {
        prefix.push((carry % 10) as u8);
        carry /= 10;
    }
    prefix.reverse();
    digits.splice(0..0, prefix);
}

/// Divides a digit string (most significant first) by a small divisor,
/// dropping leading zeros; returns the remainder.
fn div_small(digits: &mut Vec<u8>, divisor: u32) -> u32 {
    let mut remainder = 0u32;
    for d in digits.iter_mut() {
        let v = remainder * 10 + u32::from(*d);
        *d = (v / divisor) as u8;
        remainder = v % divisor;
    }
    let leading = digits.iter().take_while(|&&d| d == 0).count();
    digits.drain(..leading);
    remainder
}

/// Adds one to a digit string (most significant first).
fn increment(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, 1);
}

/// The pieces of a quantity string, as upstream `parseQuantityString`
/// splits them.
struct Scanned<'a> {
    /// False if the text starts with `-`.
    positive: bool,
    /// Integer digits with leading zeros removed (may be empty).
    num: &'a [u8],
    /// Fraction digits as written (may be empty).
    denom: &'a [u8],
    /// Everything after the number.
    suffix: &'a [u8],
    /// Whether the number part holds any digit at all.
    has_digits: bool,
}

/// Upstream `parseQuantityString`, on bytes.
fn scan(s: &[u8]) -> Result<Scanned<'_>, QuantityError> {
    let end = s.len();
    let mut pos = 0;
    let mut positive = true;
    match s.first() {
        Some(b'-') => {
            positive = false;
            pos += 1;
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    // Strip leading zeros; running out of text reads as "0".
    let zeros_start = pos;
    while pos < end && s[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(Scanned {
            positive,
            num: b"",
            denom: b"",
            suffix: b"",
            has_digits: true,
        });
    }
    let had_zeros = pos > zeros_start;
    // The integer digits.
    let num_start = pos;
    while pos < end && s[pos].is_ascii_digit() {
        pos += 1;
    }
    let num = &s[num_start..pos];
    // The fraction.
    let mut denom: &[u8] = b"";
    if pos < end && s[pos] == b'.' {
        pos += 1;
        let denom_start = pos;
        while pos < end && s[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[denom_start..pos];
    }
    let has_digits = had_zeros || !num.is_empty() || !denom.is_empty();
    // The suffix: letters, an optional sign, then digits to the end.
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&s[pos]) {
        pos += 1;
    }
    if pos < end && (s[pos] == b'-' || s[pos] == b'+') {
        pos += 1;
    }
    while pos < end && s[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return Err(QuantityError::FormatWrong);
    }
    Ok(Scanned {
        positive,
        num,
        denom,
        suffix: &s[suffix_start..],
        has_digits,
    })
}

/// Upstream `suffixer.interpret`: the base (10 or 2), the exponent in that
/// base, and the format a suffix implies.
fn interpret(suffix: &[u8]) -> Result<(u32, i64, QuantityFormat), QuantityError> {
    use QuantityFormat::{BinarySI, DecimalExponent, DecimalSI};
    Ok(match suffix {
        b"" => (10, 0, DecimalSI),
        b"n" => (10, -9, DecimalSI),
        b"u" => (10, -6, DecimalSI),
        b"m" => (10, -3, DecimalSI),
        b"k" => (10, 3, DecimalSI),
        b"M" => (10, 6, DecimalSI),
        b"G" => (10, 9, DecimalSI),
        b"T" => (10, 12, DecimalSI),
        b"P" => (10, 15, DecimalSI),
        b"E" => (10, 18, DecimalSI),
        b"Ki" => (2, 10, BinarySI),
        b"Mi" => (2, 20, BinarySI),
        b"Gi" => (2, 30, BinarySI),
        b"Ti" => (2, 40, BinarySI),
        b"Pi" => (2, 50, BinarySI),
        b"Ei" => (2, 60, BinarySI),
        [b'e' | b'E', rest @ ..] if !rest.is_empty() => {
            let exponent = parse_go_int(rest).ok_or(QuantityError::Suffix)?;
            if !(-MAX_SUFFIX_EXPONENT..=MAX_SUFFIX_EXPONENT).contains(&exponent) {
                return Err(QuantityError::Suffix);
            }
            (10, exponent, DecimalExponent)
        }
        _ => return Err(QuantityError::Suffix),
    })
}

/// Go `strconv.ParseInt(s, 10, 64)`: optional sign, then at least one digit;
/// `None` on bad syntax or when out of the `i64` range.
fn parse_go_int(s: &[u8]) -> Option<i64> {
    let (negative, digits) = match s {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let mut magnitude: i128 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        magnitude = magnitude * 10 + i128::from(b - b'0');
        if magnitude > i128::from(i64::MAX) + 1 {
            return None;
        }
    }
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

/// Upstream `ParseQuantity`.
fn parse_quantity(s: &str) -> Result<Quantity, QuantityError> {
    if s.is_empty() {
        return Err(QuantityError::FormatWrong);
    }
    if s == "0" {
        return Ok(Quantity::zero());
    }
    let scanned = scan(s.as_bytes())?;
    let (base, exponent, mut format) = interpret(scanned.suffix)?;

    if !scanned.has_digits {
        // Upstream reads a missing number as "0". Its int64 fast path turns
        // that into zero; its inf.Dec slow path finds no digits and fails.
        let fast_path = if base == 10 {
            exponent >= NANO
        } else {
            // precision = 15 - len("0") - exponent*3/10 - 1 must be >= 0.
            exponent * 3 / 10 <= 13
        };
        return if fast_path {
            Ok(Quantity::zero_with(format))
        } else {
            Err(QuantityError::Numeric)
        };
    }

    // All significant digits of the number, most significant first.
    let mut digits: Vec<u8> = scanned
        .num
        .iter()
        .chain(scanned.denom)
        .map(|b| b - b'0')
        .skip_while(|&d| d == 0)
        .collect();
    if digits.is_empty() {
        return Ok(Quantity::zero_with(format));
    }
    let denom_len = i64::try_from(scanned.denom.len()).map_err(|_| QuantityError::Numeric)?;
    let mut exp = if base == 10 {
        exponent - denom_len
    } else {
        for _ in 0..exponent / 10 {
            mul_small(&mut digits, 1024);
        }
        -denom_len
    };

    // Round non-zero values up (away from zero) to the nano.
    if exp < NANO {
        let dropped = NANO - exp;
        let keep = i64::try_from(digits.len())
            .map_err(|_| QuantityError::Numeric)?
            .saturating_sub(dropped);
        if keep <= 0 {
            digits.clear();
            digits.push(1);
        } else {
            let keep = usize::try_from(keep).map_err(|_| QuantityError::Numeric)?;
            let round_up = digits[keep..].iter().any(|&d| d != 0);
            digits.truncate(keep);
            if round_up {
                increment(&mut digits);
            }
        }
        exp = NANO;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exp += 1;
    }

    // Binary SI: cap the magnitude at 2^63-1, then leave binary SI below one.
    let magnitude = i64::try_from(digits.len()).map_err(|_| QuantityError::Numeric)? + exp;
    if format == QuantityFormat::BinarySI {
        if exceeds_max_allowed(&digits, exp, magnitude) {
            return Ok(Quantity::from_parts(
                !scanned.positive,
                MAX_ALLOWED,
                0,
                format,
            ));
        }
        if magnitude <= 0 {
            format = QuantityFormat::DecimalSI;
        }
    }

    let mut mantissa: u128 = 0;
    for &d in &digits {
        mantissa = mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(u128::from(d)))
            .ok_or(QuantityError::Numeric)?;
    }
    Ok(Quantity::from_parts(
        !scanned.positive,
        mantissa,
        exp,
        format,
    ))
}

/// Whether `digits * 10^exp` (no trailing zeros; `magnitude` = number of
/// integer digits) is greater than 2^63-1.
fn exceeds_max_allowed(digits: &[u8], exp: i64, magnitude: i64) -> bool {
    let max_len = i64::try_from(MAX_ALLOWED_DIGITS.len()).unwrap_or(i64::MAX);
    match magnitude.cmp(&max_len) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => {
            // The integer part has exactly 19 digits.
            let integer: Vec<u8> = digits
                .iter()
                .copied()
                .chain(std::iter::repeat(0))
                .take(MAX_ALLOWED_DIGITS.len())
                .map(|d| d + b'0')
                .collect();
            let has_fraction = exp < 0;
            match integer.as_slice().cmp(MAX_ALLOWED_DIGITS) {
                Ordering::Greater => true,
                Ordering::Equal => has_fraction,
                Ordering::Less => false,
            }
        }
    }
}

impl FromStr for Quantity {
    type Err = QuantityError;

    /// Parses a quantity exactly as upstream `ParseQuantity` does: no
    /// surrounding whitespace is accepted.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_quantity(s)
    }
}

impl fmt::Display for Quantity {
    /// The canonical form (upstream `String` / `CanonicalizeBytes`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write_canonical(&mut out);
        f.write_str(&out)
    }
}

impl fmt::Debug for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Quantity")
            .field(&format_args!("{self}"))
            .field(&self.format)
            .finish()
    }
}

impl Serialize for Quantity {
    /// Serializes as the canonical string, like upstream `MarshalJSON`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    /// Accepts what upstream `UnmarshalJSON` accepts: a string (surrounding
    /// whitespace trimmed, as upstream does), a number, or null (zero). A number is
    /// parsed from its decimal text: integers exactly, floats via Rust's
    /// shortest round-trip formatting (`0.5` -> `"0.5"`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(QuantityVisitor)
    }
}

/// Serde visitor for [`Quantity`].
struct QuantityVisitor;

impl QuantityVisitor {
    /// Parses decimal text, mapping the error through serde.
    fn parse<E: de::Error>(text: &str) -> Result<Quantity, E> {
        text.parse().map_err(E::custom)
    }
}

impl Visitor<'_> for QuantityVisitor {
    type Value = Quantity;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Kubernetes quantity (a string such as \"100m\" or \"1Gi\", or a number)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
        // Upstream UnmarshalJSON applies strings.TrimSpace before parsing.
        Self::parse(v.trim())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
        Self::parse(&v.to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Quantity, E> {
        // Upstream UnmarshalJSON turns `null` into the zero quantity.
        Ok(Quantity::zero())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuantityFormat::{BinarySI, DecimalExponent, DecimalSI};

    /// Upstream test helper `decQuantity(i, exponent, format)`: `i * 10^exponent`.
    fn dq(i: i128, exponent: i64, format: QuantityFormat) -> Quantity {
        Quantity::from_parts(i < 0, i.unsigned_abs(), exponent, format)
    }

    /// A plain decimal literal (`-12.5`), built without the quantity parser,
    /// for upstream's `ptrDec(...)` expectations.
    fn decimal(text: &str) -> Quantity {
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = format!("{int}{frac}");
        let mantissa: u128 = digits.parse().expect("test literal");
        Quantity::from_parts(negative, mantissa, -(frac.len() as i64), DecimalSI)
    }

    fn parse(s: &str) -> Quantity {
        match s.parse::<Quantity>() {
            Ok(q) => q,
            Err(e) => panic!("{s:?}: unexpected error: {e}"),
        }
    }

    /// Upstream `maxAllowed` (2^63-1) in the given format.
    fn max_allowed(format: QuantityFormat) -> Quantity {
        Quantity::from_int(i64::MAX, format)
    }

    /// The valid-input table of upstream `TestQuantityParse`.
    fn parse_table() -> Vec<(&'static str, Quantity)> {
        vec![
            ("0", dq(0, 0, DecimalSI)),
            ("0n", dq(0, 0, DecimalSI)),
            ("0u", dq(0, 0, DecimalSI)),
            ("0m", dq(0, 0, DecimalSI)),
            ("0Ki", dq(0, 0, BinarySI)),
            ("0k", dq(0, 0, DecimalSI)),
            ("0Mi", dq(0, 0, BinarySI)),
            ("0M", dq(0, 0, DecimalSI)),
            ("0Gi", dq(0, 0, BinarySI)),
            ("0G", dq(0, 0, DecimalSI)),
            ("0Ti", dq(0, 0, BinarySI)),
            ("0T", dq(0, 0, DecimalSI)),
            // Quantity less numbers are allowed
            ("1", dq(1, 0, DecimalSI)),
            // Binary suffixes
            ("1Ki", dq(1024, 0, BinarySI)),
            ("8Ki", dq(8 * 1024, 0, BinarySI)),
            ("7Mi", dq(7 * 1024 * 1024, 0, BinarySI)),
            ("6Gi", dq(6 * 1024 * 1024 * 1024, 0, BinarySI)),
            ("5Ti", dq(5 * 1024 * 1024 * 1024 * 1024, 0, BinarySI)),
            ("4Pi", dq(4 * 1024 * 1024 * 1024 * 1024 * 1024, 0, BinarySI)),
            (
                "3Ei",
                dq(3 * 1024 * 1024 * 1024 * 1024 * 1024 * 1024, 0, BinarySI),
            ),
            ("10Ti", dq(10 * 1024 * 1024 * 1024 * 1024, 0, BinarySI)),
            ("100Ti", dq(100 * 1024 * 1024 * 1024 * 1024, 0, BinarySI)),
            // Decimal suffixes
            ("5n", dq(5, -9, DecimalSI)),
            ("4u", dq(4, -6, DecimalSI)),
            ("3m", dq(3, -3, DecimalSI)),
            ("9", dq(9, 0, DecimalSI)),
            ("8k", dq(8, 3, DecimalSI)),
            ("50k", dq(5, 4, DecimalSI)),
            ("7M", dq(7, 6, DecimalSI)),
            ("6G", dq(6, 9, DecimalSI)),
            ("5T", dq(5, 12, DecimalSI)),
            ("40T", dq(4, 13, DecimalSI)),
            ("300T", dq(3, 14, DecimalSI)),
            ("2P", dq(2, 15, DecimalSI)),
            ("1E", dq(1, 18, DecimalSI)),
            // Decimal exponents
            ("1E-3", dq(1, -3, DecimalExponent)),
            ("1e3", dq(1, 3, DecimalExponent)),
            ("1E6", dq(1, 6, DecimalExponent)),
            ("1e9", dq(1, 9, DecimalExponent)),
            ("1E12", dq(1, 12, DecimalExponent)),
            ("1e15", dq(1, 15, DecimalExponent)),
            ("1E18", dq(1, 18, DecimalExponent)),
            // Nonstandard but still parsable
            ("1e14", dq(1, 14, DecimalExponent)),
            ("1e13", dq(1, 13, DecimalExponent)),
            ("1e3", dq(1, 3, DecimalExponent)),
            ("100.035k", dq(100035, 0, DecimalSI)),
            // Things that look like floating point
            ("0.001", dq(1, -3, DecimalSI)),
            ("0.0005k", dq(5, -1, DecimalSI)),
            ("0.005", dq(5, -3, DecimalSI)),
            ("0.05", dq(5, -2, DecimalSI)),
            ("0.5", dq(5, -1, DecimalSI)),
            ("0.00050k", dq(5, -1, DecimalSI)),
            ("0.00500", dq(5, -3, DecimalSI)),
            ("0.05000", dq(5, -2, DecimalSI)),
            ("0.50000", dq(5, -1, DecimalSI)),
            ("0.5e0", dq(5, -1, DecimalExponent)),
            ("0.5e-1", dq(5, -2, DecimalExponent)),
            ("0.5e-2", dq(5, -3, DecimalExponent)),
            ("0.5e0", dq(5, -1, DecimalExponent)),
            ("10.035M", dq(10035, 3, DecimalSI)),
            ("1.2e3", dq(12, 2, DecimalExponent)),
            ("1.3E+6", dq(13, 5, DecimalExponent)),
            ("1.40e9", dq(14, 8, DecimalExponent)),
            ("1.53E12", dq(153, 10, DecimalExponent)),
            ("1.6e15", dq(16, 14, DecimalExponent)),
            ("1.7E18", dq(17, 17, DecimalExponent)),
            ("9.01", dq(901, -2, DecimalSI)),
            ("8.1k", dq(81, 2, DecimalSI)),
            ("7.123456M", dq(7123456, 0, DecimalSI)),
            ("6.987654321G", dq(6987654321, 0, DecimalSI)),
            ("5.444T", dq(5444, 9, DecimalSI)),
            ("40.1T", dq(401, 11, DecimalSI)),
            ("300.2T", dq(3002, 11, DecimalSI)),
            ("2.5P", dq(25, 14, DecimalSI)),
            ("1.01E", dq(101, 16, DecimalSI)),
            // Things that saturate/round
            ("3.001n", dq(4, -9, DecimalSI)),
            ("1.1E-9", dq(2, -9, DecimalExponent)),
            ("0.0000000001", dq(1, -9, DecimalSI)),
            ("0.0000000005", dq(1, -9, DecimalSI)),
            ("0.00000000050", dq(1, -9, DecimalSI)),
            ("0.5e-9", dq(1, -9, DecimalExponent)),
            ("0.9n", dq(1, -9, DecimalSI)),
            ("0.00000012345", dq(124, -9, DecimalSI)),
            ("0.00000012354", dq(124, -9, DecimalSI)),
            ("9Ei", max_allowed(BinarySI)),
            ("9223372036854775807Ki", max_allowed(BinarySI)),
            ("12E", dq(12, 18, DecimalSI)),
            // We'll accept fractional binary stuff, too.
            ("100.035Ki", dq(10243584, -2, BinarySI)),
            ("0.5Mi", dq(1024 * 1024 / 2, 0, BinarySI)),
            ("0.05Gi", dq(536870912, -1, BinarySI)),
            ("0.025Ti", dq(274877906944, -1, BinarySI)),
            // Things written by trolls
            ("0.000000000001Ki", dq(2, -9, DecimalSI)), // rounds up, changes format
            (".001", dq(1, -3, DecimalSI)),
            (".0001k", dq(100, -3, DecimalSI)),
            ("1.", dq(1, 0, DecimalSI)),
            ("1.G", dq(1, 9, DecimalSI)),
        ]
    }

    // Mirrors upstream TestQuantityParse (the valid table, plain, with "-"
    // and with "+" prepended).
    #[test]
    fn quantity_parse_table() {
        for (input, expect) in parse_table() {
            let got = parse(input);
            assert_eq!(got, expect, "{input}");
            assert_eq!(got.format(), expect.format(), "{input}: format");

            let negated = parse(&format!("-{input}"));
            let want = Quantity::zero().checked_sub(&expect).expect("negation");
            assert_eq!(negated, want, "-{input}");
            assert_eq!(negated.format(), expect.format(), "-{input}: format");

            let plus = parse(&format!("+{input}"));
            assert_eq!(plus, expect, "+{input}");
            assert_eq!(plus.format(), expect.format(), "+{input}: format");
        }
    }

    // Mirrors the invalid table of upstream TestQuantityParse (plus its
    // empty-string check). The error kinds follow upstream's code paths.
    #[test]
    fn quantity_parse_invalid() {
        let table = [
            ("", QuantityError::FormatWrong),
            ("1.1.M", QuantityError::FormatWrong),
            ("1+1.0M", QuantityError::FormatWrong),
            ("0.1mi", QuantityError::Suffix),
            ("0.1am", QuantityError::FormatWrong),
            ("aoeu", QuantityError::FormatWrong),
            (".5i", QuantityError::Suffix),
            ("1i", QuantityError::Suffix),
            ("-3.01i", QuantityError::Suffix),
            ("-3.01e-", QuantityError::Suffix),
            // an exponent outside the int32 scale is rejected rather than
            // truncated to an unrelated value
            ("1e4294967297", QuantityError::Suffix),
            // trailing whitespace is forbidden
            (" 1", QuantityError::FormatWrong),
            ("1 ", QuantityError::FormatWrong),
        ];
        for (input, err) in table {
            assert_eq!(input.parse::<Quantity>(), Err(err), "{input:?}");
        }
    }

    // Mirrors upstream TestInterpretExponentInt32Bounds.
    #[test]
    fn exponent_int32_bounds() {
        let table = [
            ("e14", Some(14)),
            ("E2147483647", Some(2147483647)),
            ("E-2147483647", Some(-2147483647)),
            ("E2147483648", None),
            ("E-2147483648", None),
            ("E4294967297", None),
            ("E8589934592", None),
            ("E9223372036854775807", None),
            ("E9223372036854775808", None),
            ("E6024865272343", None),
        ];
        for (suffix, want) in table {
            let got = interpret(suffix.as_bytes());
            match want {
                Some(exp) => assert_eq!(got, Ok((10, exp, DecimalExponent)), "{suffix}"),
                None => assert_eq!(got, Err(QuantityError::Suffix), "{suffix}"),
            }
        }
        // And through the parser: the extreme exponents give faithful values.
        let big = parse("1E2147483647");
        assert_eq!(big.value(), i64::MAX);
        assert_eq!(big, dq(1, 2147483647, DecimalExponent));
        assert_eq!(parse("1E-2147483647"), dq(1, -9, DecimalExponent));
        assert_eq!(
            "1e999999999999".parse::<Quantity>(),
            Err(QuantityError::Suffix)
        );
    }

    // Mirrors upstream TestParseQuantityString: the scanner's split of the
    // number (num has leading zeros removed; upstream synthesizes "0" for an
    // empty num, which is "" here).
    #[test]
    fn parse_quantity_string_scanner() {
        let table: [(&str, bool, &str, &str, &str); 6] = [
            ("0.025Ti", true, "", "025", "Ti"),
            ("1.025Ti", true, "1", "025", "Ti"),
            ("-1.025Ti", false, "1", "025", "Ti"),
            (".", true, "", "", ""),
            ("-.", false, "", "", ""),
            ("1E-3", true, "1", "", "E-3"),
        ];
        for (input, positive, num, denom, suffix) in table {
            let s = match scan(input.as_bytes()) {
                Ok(s) => s,
                Err(e) => panic!("{input}: {e}"),
            };
            assert_eq!(s.positive, positive, "{input}");
            assert_eq!(s.num, num.as_bytes(), "{input}");
            assert_eq!(s.denom, denom.as_bytes(), "{input}");
            assert_eq!(s.suffix, suffix.as_bytes(), "{input}");
        }
    }

    /// The table of upstream `TestQuantityString`: (value, canonical, alternate).
    fn string_table() -> Vec<(Quantity, &'static str, &'static str)> {
        vec![
            (dq(1024 * 1024 * 1024, 0, BinarySI), "1Gi", "1024Mi"),
            (dq(300 * 1024 * 1024, 0, BinarySI), "300Mi", "307200Ki"),
            (dq(6 * 1024, 0, BinarySI), "6Ki", ""),
            (
                dq(1001 * 1024 * 1024 * 1024, 0, BinarySI),
                "1001Gi",
                "1025024Mi",
            ),
            (dq(1024 * 1024 * 1024 * 1024, 0, BinarySI), "1Ti", "1024Gi"),
            (dq(5, 0, BinarySI), "5", "5000m"),
            (dq(500, -3, BinarySI), "500m", "0.5"),
            (dq(1, 9, DecimalSI), "1G", "1000M"),
            (dq(1000, 6, DecimalSI), "1G", "0.001T"),
            (dq(1000000, 3, DecimalSI), "1G", ""),
            (dq(1000000000, 0, DecimalSI), "1G", ""),
            (dq(1, -3, DecimalSI), "1m", "1000u"),
            (dq(80, -3, DecimalSI), "80m", ""),
            (dq(1080, -3, DecimalSI), "1080m", "1.08"),
            (dq(108, -2, DecimalSI), "1080m", "1080000000n"),
            (dq(10800, -4, DecimalSI), "1080m", ""),
            (dq(300, 6, DecimalSI), "300M", ""),
            (dq(1, 12, DecimalSI), "1T", ""),
            // DecimalSI has no suffix beyond "E": fall back to exponents.
            (dq(1, 18, DecimalSI), "1E", ""),
            (dq(1, 21, DecimalSI), "1e21", "1000E"),
            (dq(5, 21, DecimalSI), "5e21", "5000E"),
            (dq(1, 24, DecimalSI), "1e24", "1000000E"),
            // BinarySI has no suffix beyond "Ei": exact decimal fallback.
            (dq(1, 70, BinarySI), "10e69", ""),
            (dq(2, 70, BinarySI), "20e69", ""),
            (dq(1, 72, BinarySI), "1e72", ""),
            (dq(1234567, 6, DecimalSI), "1234567M", ""),
            (dq(1234567, -3, BinarySI), "1234567m", ""),
            (dq(3, 3, DecimalSI), "3k", ""),
            (dq(1025, 0, BinarySI), "1025", ""),
            (dq(0, 0, DecimalSI), "0", ""),
            (dq(0, 0, BinarySI), "0", ""),
            (dq(1, 9, DecimalExponent), "1e9", ".001e12"),
            (dq(1, -3, DecimalExponent), "1e-3", "0.001e0"),
            (dq(1, -9, DecimalExponent), "1e-9", "1000e-12"),
            (dq(80, -3, DecimalExponent), "80e-3", ""),
            (dq(300, 6, DecimalExponent), "300e6", ""),
            (dq(1, 12, DecimalExponent), "1e12", ""),
            (dq(1, 3, DecimalExponent), "1e3", ""),
            (dq(3, 3, DecimalExponent), "3e3", ""),
            (dq(3, 3, DecimalSI), "3k", ""),
            (dq(0, 0, DecimalExponent), "0", "00"),
            (dq(1, -9, DecimalSI), "1n", ""),
            (dq(80, -9, DecimalSI), "80n", ""),
            (dq(1080, -9, DecimalSI), "1080n", ""),
            (dq(108, -8, DecimalSI), "1080n", ""),
            (dq(10800, -10, DecimalSI), "1080n", ""),
            (dq(1, -6, DecimalSI), "1u", ""),
            (dq(80, -6, DecimalSI), "80u", ""),
            (dq(1080, -6, DecimalSI), "1080u", ""),
        ]
    }

    // Mirrors upstream TestQuantityString: canonical form, parse of the
    // canonical form, canonical form of the alternate, and negation.
    #[test]
    fn quantity_string() {
        for (q, expect, alternate) in string_table() {
            assert_eq!(q.to_string(), expect, "{q:?}");
            let reparsed = parse(expect);
            assert_eq!(reparsed, q, "{expect}");
            assert_eq!(reparsed.to_string(), expect, "{expect}");
            if !alternate.is_empty() {
                assert_eq!(parse(alternate).to_string(), expect, "{alternate}");
            }
            if !q.is_zero() {
                let negated = Quantity::zero().checked_sub(&q).expect("negation");
                assert_eq!(negated.to_string(), format!("-{expect}"), "{q:?}");
            }
        }
    }

    // Mirrors upstream TestBinarySIPastEiArithmeticRoundTrip (2^70 reached by
    // arithmetic; upstream uses Mul(1024), here repeated addition).
    #[test]
    fn binary_si_past_ei_round_trip() {
        let ei = parse("1Ei");
        let mut q = ei;
        for _ in 0..1023 {
            q = q.checked_add(&ei).expect("fits");
        }
        assert_eq!(q.format(), BinarySI);
        assert_eq!(q.to_string(), "1180591620717411303424");
        let json = serde_json::to_string(&q).expect("serialize");
        assert_eq!(json, "\"1180591620717411303424\"");
        let back: Quantity = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, q);
        assert_eq!(parse(&q.to_string()), q);
    }

    // Mirrors upstream TestBinarySIZeroExponentString.
    #[test]
    fn binary_si_zero_exponent_string() {
        let table = [
            (dq(2000, 0, BinarySI), "2000"),
            (dq(-2000, 0, BinarySI), "-2000"),
        ];
        for (q, want) in table {
            assert_eq!(q.to_string(), want);
        }
    }

    // Mirrors upstream TestQuantityStringBelowNano (not reachable by parsing).
    #[test]
    fn quantity_string_below_nano() {
        assert_eq!(dq(1, -12, DecimalSI).to_string(), "1e-12");
        assert_eq!(dq(1, -10, DecimalSI).to_string(), "100e-12");
    }

    // Mirrors upstream TestQuantityParseEmit.
    #[test]
    fn quantity_parse_emit() {
        let table = [
            ("1Ki", "1Ki"),
            ("1Mi", "1Mi"),
            ("1Gi", "1Gi"),
            ("1024Mi", "1Gi"),
            ("1000M", "1G"),
            (".001Ki", "1024m"),
            (".000001Ki", "1024u"),
            (".000000001Ki", "1024n"),
            (".000000000001Ki", "2n"),
        ];
        for (input, expect) in table {
            assert_eq!(parse(input).to_string(), expect, "{input}");
            assert_eq!(
                parse(&format!("-{input}")).to_string(),
                format!("-{expect}"),
                "-{input}"
            );
        }
    }

    // Mirrors upstream TestParseQuantity: (input, exact value, canonical form;
    // "" means the input is already canonical).
    #[test]
    fn parse_quantity_near_int64() {
        let table = [
            // min/max 18 digits
            ("-999999999999999999", "-999999999999999999", ""),
            ("999999999999999999", "999999999999999999", ""),
            (
                "-999999999999999999.0",
                "-999999999999999999",
                "-999999999999999999",
            ),
            (
                "999999999999999999.0",
                "999999999999999999",
                "999999999999999999",
            ),
            (
                "-999999999999999999.1",
                "-999999999999999999.1",
                "-999999999999999999100m",
            ),
            (
                "999999999999999999.1",
                "999999999999999999.1",
                "999999999999999999100m",
            ),
            // min/max 19 digits
            ("-9999999999999999999", "-9999999999999999999", ""),
            ("9999999999999999999", "9999999999999999999", ""),
            ("-1E", "-1000000000000000000", ""),
            ("1E", "1000000000000000000", ""),
            ("-1000000000000000000", "-1000000000000000000", "-1E"),
            ("1000000000000000000", "1000000000000000000", "1E"),
            (
                "-9999999999999999999.0",
                "-9999999999999999999",
                "-9999999999999999999",
            ),
            (
                "9999999999999999999.0",
                "9999999999999999999",
                "9999999999999999999",
            ),
            ("-1.0E", "-1000000000000000000", "-1E"),
            ("1.0E", "1000000000000000000", "1E"),
            ("-1000000000000000000.0", "-1000000000000000000", "-1E"),
            ("1000000000000000000.0", "1000000000000000000", "1E"),
            (
                "-9999999999999999999000m",
                "-9999999999999999999",
                "-9999999999999999999",
            ),
            (
                "9999999999999999999000m",
                "9999999999999999999",
                "9999999999999999999",
            ),
            (
                "-9999999999999999999.1",
                "-9999999999999999999.1",
                "-9999999999999999999100m",
            ),
            (
                "9999999999999999999.1",
                "9999999999999999999.1",
                "9999999999999999999100m",
            ),
            (
                "-1.0000000000000000001E",
                "-1000000000000000000.1",
                "-1000000000000000000100m",
            ),
            (
                "1.0000000000000000001E",
                "1000000000000000000.1",
                "1000000000000000000100m",
            ),
            (
                "-1000000000000000000.1",
                "-1000000000000000000.1",
                "-1000000000000000000100m",
            ),
            (
                "1000000000000000000.1",
                "1000000000000000000.1",
                "1000000000000000000100m",
            ),
            (
                "-1.000000000000000001E",
                "-1000000000000000001",
                "-1000000000000000001",
            ),
            (
                "1.000000000000000001E",
                "1000000000000000001",
                "1000000000000000001",
            ),
            ("-1000000000000000001", "-1000000000000000001", ""),
            ("1000000000000000001", "1000000000000000001", ""),
            // min/max 20 digits
            ("-10E", "-10000000000000000000", ""),
            ("10E", "10000000000000000000", ""),
            ("-10000000000000000000", "-10000000000000000000", "-10E"),
            ("10000000000000000000", "10000000000000000000", "10E"),
            ("-10.0E", "-10000000000000000000", "-10E"),
            ("10.0E", "10000000000000000000", "10E"),
            ("-10000000000000000000.0", "-10000000000000000000", "-10E"),
            ("10000000000000000000.0", "10000000000000000000", "10E"),
            ("-10000000000000000000000m", "-10000000000000000000", "-10E"),
            ("10000000000000000000000m", "10000000000000000000", "10E"),
            (
                "-10.0000000000000000001E",
                "-10000000000000000000.1",
                "-10000000000000000000100m",
            ),
            (
                "10.0000000000000000001E",
                "10000000000000000000.1",
                "10000000000000000000100m",
            ),
            (
                "-10000000000000000000.1",
                "-10000000000000000000.1",
                "-10000000000000000000100m",
            ),
            (
                "10000000000000000000.1",
                "10000000000000000000.1",
                "10000000000000000000100m",
            ),
            (
                "-10.000000000000000001E",
                "-10000000000000000001",
                "-10000000000000000001",
            ),
            (
                "10.000000000000000001E",
                "10000000000000000001",
                "10000000000000000001",
            ),
            ("-10000000000000000001", "-10000000000000000001", ""),
            ("10000000000000000001", "10000000000000000001", ""),
            // min/max int64 - 1
            ("-9223372036854775809", "-9223372036854775809", ""),
            ("9223372036854775806", "9223372036854775806", ""),
            (
                "-9223372036854775809.0",
                "-9223372036854775809",
                "-9223372036854775809",
            ),
            (
                "9223372036854775806.0",
                "9223372036854775806",
                "9223372036854775806",
            ),
            (
                "-9223372036854775809000m",
                "-9223372036854775809",
                "-9223372036854775809",
            ),
            (
                "9223372036854775806000m",
                "9223372036854775806",
                "9223372036854775806",
            ),
            (
                "-9223372036854775809.1",
                "-9223372036854775809.1",
                "-9223372036854775809100m",
            ),
            (
                "9223372036854775806.1",
                "9223372036854775806.1",
                "9223372036854775806100m",
            ),
            // min/max int64
            ("-9223372036854775808", "-9223372036854775808", ""),
            ("9223372036854775807", "9223372036854775807", ""),
            (
                "-9223372036854775808.0",
                "-9223372036854775808",
                "-9223372036854775808",
            ),
            (
                "9223372036854775807.0",
                "9223372036854775807",
                "9223372036854775807",
            ),
            (
                "-9223372036854775808000m",
                "-9223372036854775808",
                "-9223372036854775808",
            ),
            (
                "9223372036854775807000m",
                "9223372036854775807",
                "9223372036854775807",
            ),
            (
                "-9223372036854775808.1",
                "-9223372036854775808.1",
                "-9223372036854775808100m",
            ),
            (
                "9223372036854775807.1",
                "9223372036854775807.1",
                "9223372036854775807100m",
            ),
            // min/max int64 + 1
            ("-9223372036854775807", "-9223372036854775807", ""),
            ("9223372036854775808", "9223372036854775808", ""),
            (
                "-9223372036854775807.0",
                "-9223372036854775807",
                "-9223372036854775807",
            ),
            (
                "9223372036854775808.0",
                "9223372036854775808",
                "9223372036854775808",
            ),
            (
                "-9223372036854775807000m",
                "-9223372036854775807",
                "-9223372036854775807",
            ),
            (
                "9223372036854775808000m",
                "9223372036854775808",
                "9223372036854775808",
            ),
            (
                "-9223372036854775807.1",
                "-9223372036854775807.1",
                "-9223372036854775807100m",
            ),
            (
                "9223372036854775808.1",
                "9223372036854775808.1",
                "9223372036854775808100m",
            ),
        ];
        for (input, exact, canonical) in table {
            let q = parse(input);
            assert_eq!(q, decimal(exact), "{input}");
            let expect = if canonical.is_empty() {
                input
            } else {
                canonical
            };
            assert_eq!(q.to_string(), expect, "{input}");
        }
    }

    // Mirrors upstream TestQuantityCmp (first table) and
    // TestQuantityCmpInt64AndDec.
    #[test]
    fn quantity_cmp() {
        let strings = [
            ("0", "0", Ordering::Equal),
            ("100m", "50m", Ordering::Greater),
            ("50m", "100m", Ordering::Less),
            ("10000T", "100Gi", Ordering::Greater),
        ];
        for (x, y, want) in strings {
            assert_eq!(parse(x).cmp(&parse(y)), want, "{x} vs {y}");
        }

        let max = i128::from(i64::MAX);
        let min = i128::from(i64::MIN);
        let e18 = 1_000_000_000_000_000_000i128;
        let table = [
            (
                dq(901, -2, DecimalSI),
                dq(901, -2, DecimalSI),
                Ordering::Equal,
            ),
            (
                dq(90, -1, DecimalSI),
                dq(901, -2, DecimalSI),
                Ordering::Less,
            ),
            (
                dq(901, -2, DecimalSI),
                dq(900, -2, DecimalSI),
                Ordering::Greater,
            ),
            (dq(0, 0, DecimalSI), dq(0, 0, DecimalSI), Ordering::Equal),
            (dq(0, 1, DecimalSI), dq(0, -1, DecimalSI), Ordering::Equal),
            (dq(0, -1, DecimalSI), dq(0, 1, DecimalSI), Ordering::Equal),
            (dq(800, -3, DecimalSI), dq(1, 0, DecimalSI), Ordering::Less),
            (
                dq(800, -3, DecimalSI),
                dq(79, -2, DecimalSI),
                Ordering::Greater,
            ),
            (
                dq(max, 0, DecimalSI),
                dq(1, -1, DecimalSI),
                Ordering::Greater,
            ),
            (
                dq(max, 1, DecimalSI),
                dq(1, 0, DecimalSI),
                Ordering::Greater,
            ),
            (
                dq(max, 1, DecimalSI),
                dq(1, 1, DecimalSI),
                Ordering::Greater,
            ),
            (
                dq(max, 1, DecimalSI),
                dq(0, 1, DecimalSI),
                Ordering::Greater,
            ),
            (dq(max, -16, DecimalSI), dq(1, 3, DecimalSI), Ordering::Less),
            (dq(min, 0, DecimalSI), dq(0, 0, DecimalSI), Ordering::Less),
            (
                dq(min, -18, DecimalSI),
                dq(-1, 0, DecimalSI),
                Ordering::Less,
            ),
            (
                dq(min, -19, DecimalSI),
                dq(-1, 0, DecimalSI),
                Ordering::Greater,
            ),
            (
                dq(e18, -17, DecimalSI),
                dq(1, 1, DecimalSI),
                Ordering::Equal,
            ),
            (
                dq(e18, -17, DecimalSI),
                dq(-10, 0, DecimalSI),
                Ordering::Greater,
            ),
            (
                dq(-e18, -17, DecimalSI),
                dq(-10, 0, DecimalSI),
                Ordering::Equal,
            ),
            (
                dq(e18, -17, DecimalSI),
                dq(1, 0, DecimalSI),
                Ordering::Greater,
            ),
            (
                dq(e18 + 1, -17, DecimalSI),
                dq(1, 1, DecimalSI),
                Ordering::Greater,
            ),
            (
                dq(e18 - 1, -17, DecimalSI),
                dq(1, 1, DecimalSI),
                Ordering::Less,
            ),
        ];
        for (a, b, want) in table {
            assert_eq!(a.cmp(&b), want, "{a:?} vs {b:?}");
            assert_eq!(b.cmp(&a), want.reverse(), "{b:?} vs {a:?}");
            assert_eq!(a == b, want == Ordering::Equal, "{a:?} == {b:?}");
            assert_eq!(a.partial_cmp(&b), Some(want));
        }
    }

    // Mirrors upstream TestQuantityNeg (via 0 - q).
    #[test]
    fn quantity_neg() {
        let q = dq(901, -2, DecimalSI);
        let negated = Quantity::zero().checked_sub(&q).expect("fits");
        assert_ne!(negated, q);
        assert_eq!(negated.to_string(), "-9010m");
    }

    // Mirrors upstream TestAdd and TestSub.
    #[test]
    fn add_and_sub() {
        let zero = Quantity::zero();
        let add = [
            (
                dq(10, 0, DecimalSI),
                dq(1, 1, DecimalSI),
                dq(20, 0, DecimalSI),
            ),
            (
                dq(10, 0, DecimalSI),
                dq(1, 0, BinarySI),
                dq(11, 0, DecimalSI),
            ),
            (
                dq(10, 0, BinarySI),
                dq(1, 0, DecimalSI),
                dq(11, 0, BinarySI),
            ),
            (zero, dq(50, 0, DecimalSI), dq(50, 0, DecimalSI)),
            (dq(50, 0, DecimalSI), zero, dq(50, 0, DecimalSI)),
            (zero, zero, dq(0, 0, DecimalSI)),
        ];
        for (a, b, want) in add {
            assert_eq!(a.checked_add(&b), Some(want), "{a:?} + {b:?}");
        }
        let sub = [
            (
                dq(10, 0, DecimalSI),
                dq(1, 1, DecimalSI),
                dq(0, 0, DecimalSI),
            ),
            (
                dq(10, 0, DecimalSI),
                dq(1, 0, BinarySI),
                dq(9, 0, DecimalSI),
            ),
            (dq(10, 0, BinarySI), dq(1, 0, DecimalSI), dq(9, 0, BinarySI)),
            (zero, dq(50, 0, DecimalSI), dq(-50, 0, DecimalSI)),
            (dq(50, 0, DecimalSI), zero, dq(50, 0, DecimalSI)),
            (zero, zero, dq(0, 0, DecimalSI)),
        ];
        for (a, b, want) in sub {
            assert_eq!(a.checked_sub(&b), Some(want), "{a:?} - {b:?}");
        }
    }

    // Mirrors upstream TestNegAndSubAtMostNegative: no wrapping at i64::MIN.
    #[test]
    fn sub_at_most_negative() {
        let most_negative = Quantity::from_int(i64::MIN, DecimalSI);
        let zero = Quantity::zero();
        let got = zero.checked_sub(&most_negative).expect("fits");
        assert_eq!(got.to_string(), "9223372036854775808");
        assert_eq!(got.sign(), Ordering::Greater);
        let one = Quantity::from_int(1, DecimalSI);
        let got = one.checked_sub(&most_negative).expect("fits");
        assert_eq!(got.to_string(), "9223372036854775809");
        let ten = dq(1, 1, DecimalSI);
        let got = ten.checked_sub(&most_negative).expect("fits");
        assert_eq!(got.to_string(), "9223372036854775818");
        let scaled = dq(i128::from(i64::MIN), -3, DecimalSI);
        let got = zero.checked_sub(&scaled).expect("fits");
        assert_eq!(got.to_string(), "9223372036854775808m");
        let got = dq(1, -3, DecimalSI).checked_sub(&scaled).expect("fits");
        assert_eq!(got.to_string(), "9223372036854775809m");
        // Mirrors upstream TestZeroSubMostNegativeInheritsFormat.
        let got = zero
            .checked_sub(&Quantity::from_int(i64::MIN, BinarySI))
            .expect("fits");
        assert_eq!(got.format(), BinarySI);
        assert_eq!(got.to_string(), "8Ei");
        assert_eq!(got, parse("9223372036854775808"));
    }

    // Mirrors upstream TestQuantityAddZeroPreservesSuffix and
    // TestQuantitySubZeroPreservesSuffix.
    #[test]
    fn zero_preserves_suffix() {
        let zero = parse("0");
        for value in ["100m", "1Gi"] {
            let q = parse(value);
            assert_eq!(q.checked_add(&zero).expect("fits").to_string(), value);
            assert_eq!(zero.checked_add(&q).expect("fits").to_string(), value);
            assert_eq!(q.checked_sub(&zero).expect("fits").to_string(), value);
            assert_eq!(
                zero.checked_sub(&q).expect("fits").to_string(),
                format!("-{value}")
            );
        }
    }

    // Mirrors upstream TestAddSubRoundTrip and TestAddSubRoundTripAcrossScales
    // with a fixed pseudo-random sequence.
    #[test]
    fn add_sub_round_trip() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            i128::from(seed >> 1)
        };
        for k in -10i64..=10 {
            let mut q = Quantity::zero();
            let values: Vec<i128> = (0..100).map(|_| next()).collect();
            for &j in &values {
                q = q.checked_add(&dq(j, k, DecimalSI)).expect("fits");
            }
            for &j in &values {
                q = q.checked_sub(&dq(j, k, DecimalSI)).expect("fits");
            }
            assert!(q.is_zero(), "scale {k}: {q:?}");
        }
        let mut q = Quantity::zero();
        let values: Vec<i128> = (0..100).map(|_| next() % 1_000_000_000_000).collect();
        for &j in &values {
            let scale = (j % 20 - 10) as i64;
            q = q.checked_add(&dq(j, scale, DecimalSI)).expect("fits");
        }
        for &j in &values {
            let scale = (j % 20 - 10) as i64;
            q = q.checked_sub(&dq(j, scale, DecimalSI)).expect("fits");
        }
        assert!(q.is_zero(), "{q:?}");
    }

    // Mirrors upstream TestNegativeValueRoundsAwayFromZero.
    #[test]
    fn value_and_milli_value_round_away_from_zero() {
        let table = [
            ("-.484785E-7466", -1, -1),
            (".484785E-7466", 1, 1),
            ("-.484785E-1", -1, -49),
            (".484785E-1", 1, 49),
            ("-0.0005", -1, -1),
            ("0.0005", 1, 1),
            ("-1500m", -2, -1500),
            ("1500m", 2, 1500),
            ("-9.5000000001Gi", -10200547329, -10200547328108),
            ("9.5000000001Gi", 10200547329, 10200547328108),
            ("-1", -1, -1000),
            ("1", 1, 1000),
            ("0", 0, 0),
        ];
        for (input, value, milli) in table {
            let q = parse(input);
            assert_eq!(q.value(), value, "{input}: value");
            assert_eq!(q.milli_value(), milli, "{input}: milli");
        }
    }

    // Mirrors upstream TestNewSet and TestMilliNewSet (the valid formats).
    #[test]
    fn new_and_milli_new() {
        let new = [
            (1, DecimalSI, "1"),
            (1000, DecimalSI, "1k"),
            (1234000, DecimalSI, "1234k"),
            (1024, BinarySI, "1Ki"),
            (1000000, DecimalExponent, "1e6"),
            (1024 * 1024, BinarySI, "1Mi"),
        ];
        for (value, format, expect) in new {
            let q = Quantity::from_int(value, format);
            assert_eq!(q.to_string(), expect);
            assert_eq!(parse(expect).value(), value);
        }
        let milli = [(1, "1m"), (1000, "1"), (1234000, "1234")];
        for (value, expect) in milli {
            let q = Quantity::from_milli(value);
            assert_eq!(q.to_string(), expect);
            assert_eq!(parse(expect).milli_value(), value);
        }
    }

    // Mirrors upstream TestScaledValue for the milli and unit scales
    // (NewScaledQuantity(1, from) read at scale 0 and Milli).
    #[test]
    fn scaled_value() {
        let table = [("1n", 1, 1), ("1u", 1, 1), ("1m", 1, 1), ("1", 1, 1000)];
        for (input, value, milli) in table {
            assert_eq!(parse(input).value(), value, "{input}");
            assert_eq!(parse(input).milli_value(), milli, "{input}");
        }
    }

    // Mirrors upstream TestQuantityParseZero and TestMustParseNearMaxInt64.
    #[test]
    fn parse_zero_and_near_max_int64() {
        assert_eq!(parse("0").to_string(), "0");
        for input in ["9223372036854775807", "9223372036854775806"] {
            assert_eq!(parse(input).to_string(), input);
            assert_eq!(parse(input).value().to_string(), input);
        }
        assert_eq!(parse("9223372036854775808").value(), i64::MAX);
    }

    // Required cases from the brief (expected values per upstream semantics).
    #[test]
    fn required_cases() {
        assert_eq!(parse("1Ki").value(), 1024);
        assert_eq!(parse("1k").value(), 1000);
        assert_eq!("1K".parse::<Quantity>(), Err(QuantityError::Suffix));
        assert_eq!(parse("1E"), dq(1, 18, DecimalSI));
        assert_eq!(parse("1E3"), dq(1000, 0, DecimalExponent));
        assert_eq!(parse("1E3").format(), DecimalExponent);
        assert_eq!(parse("1E-3"), dq(1, -3, DecimalExponent));
        assert_eq!(parse(".5"), dq(5, -1, DecimalSI));
        assert_eq!(parse("5."), dq(5, 0, DecimalSI));
        assert_eq!(parse("."), Quantity::zero());
        assert_eq!(" 5".parse::<Quantity>(), Err(QuantityError::FormatWrong));
        assert_eq!("1.5.5".parse::<Quantity>(), Err(QuantityError::FormatWrong));
        assert_eq!(parse("0.1m").milli_value(), 1);
        assert_eq!(parse("1.0001").milli_value(), 1001);
        assert_eq!(parse("1n").value(), 1);
        assert!(parse("1Ki") > parse("1k"));
        assert_eq!(parse("1k"), parse("1000"));
        assert_eq!(parse("1000"), parse("1e3"));
        assert_eq!(parse("1000").to_string(), "1k");
        assert_eq!(parse("1536Mi").to_string(), "1536Mi");
        assert_eq!(parse("1.5Gi").to_string(), "1536Mi");
        assert_eq!(parse("0.1").to_string(), "100m");
        assert_eq!(parse("1e3").to_string(), "1e3");
        assert_eq!(parse("1.5").to_string(), "1500m");
    }

    // Upstream's scanner reads a missing number as "0". The int64 fast path
    // makes that zero; the inf.Dec slow path (decimal exponent < -9, Pi, Ei)
    // finds no digits and returns ErrNumeric.
    #[test]
    fn missing_number() {
        for input in [
            ".", "-.", "+", "-", "m", "n", "E", "e-9", "Ki", "Ti", "-Mi", ".Gi",
        ] {
            let q = parse(input);
            assert!(q.is_zero(), "{input}");
            assert_eq!(q.to_string(), "0", "{input}");
        }
        assert_eq!(parse("Ki").format(), BinarySI);
        for input in ["e-10", ".e-10", "Pi", "Ei", "-.Ei", "+Pi"] {
            assert_eq!(
                input.parse::<Quantity>(),
                Err(QuantityError::Numeric),
                "{input}"
            );
        }
        // With a digit, the slow path reads it fine.
        assert!(parse("0e-10").is_zero());
        assert!(parse("0Ei").is_zero());
        assert_eq!(parse("0Ei").format(), BinarySI);
        // Other malformed suffixes.
        for input in ["e", "1e", "1e+", "1ee3", "1Mi3", "1KB", "1b", "1-5", "1+"] {
            assert!(input.parse::<Quantity>().is_err(), "{input}");
        }
        assert_eq!("1KB".parse::<Quantity>(), Err(QuantityError::FormatWrong));
        assert_eq!("1mi".parse::<Quantity>(), Err(QuantityError::Suffix));
        assert_eq!("1µ".parse::<Quantity>(), Err(QuantityError::FormatWrong));
    }

    #[test]
    fn error_messages_are_upstream_text() {
        assert_eq!(
            QuantityError::FormatWrong.to_string(),
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        );
        assert_eq!(
            QuantityError::Numeric.to_string(),
            "unable to parse numeric part of quantity"
        );
        assert_eq!(
            QuantityError::Suffix.to_string(),
            "unable to parse quantity's suffix"
        );
    }

    // Huge inputs never panic: they give a faithful value or an error.
    #[test]
    fn huge_inputs() {
        let ones = format!("1{}", "0".repeat(10_000));
        let q = parse(&ones);
        assert_eq!(q, dq(1, 10_000, DecimalSI));
        assert_eq!(q.to_string(), "10e9999");
        assert_eq!(q.value(), i64::MAX);
        assert_eq!(q.milli_value(), i64::MAX);
        assert_eq!(
            Quantity::zero().checked_sub(&q).map(|q| q.value()),
            Some(i64::MIN)
        );

        let tiny = format!("0.{}1", "0".repeat(10_000));
        assert_eq!(parse(&tiny), dq(1, -9, DecimalSI));
        let tiny_binary = format!("-0.{}1Ei", "0".repeat(10_000));
        assert_eq!(parse(&tiny_binary), dq(-1, -9, DecimalSI));

        let many = "7".repeat(10_000);
        assert_eq!(many.parse::<Quantity>(), Err(QuantityError::Numeric));
        // Binary SI caps at 2^63-1 however long the number is (upstream).
        assert_eq!(parse(&format!("{many}Ki")), max_allowed(BinarySI));
        assert_eq!(
            parse(&format!("-{many}.5Ei")),
            dq(-i128::from(i64::MAX), 0, BinarySI)
        );
        let exponent = format!("1e{}", "0".repeat(10_000));
        assert_eq!(parse(&exponent), dq(1, 0, DecimalExponent));
        let long_exponent = format!("1e1{}", "0".repeat(10_000));
        assert_eq!(
            long_exponent.parse::<Quantity>(),
            Err(QuantityError::Suffix)
        );
        // Exponents at the limit still print parseably.
        let edge = parse("100e2147483647");
        assert_eq!(parse(&edge.to_string()), edge);
        assert_eq!(edge.to_string(), "1000e2147483646");
        // Arithmetic that does not fit is refused, not wrapped.
        assert_eq!(edge.checked_add(&parse("1")), None);
        let big = dq(i128::MAX, 0, DecimalSI);
        assert_eq!(big.checked_add(&big).map(|q| q.is_zero()), Some(false));
        let biggest = Quantity::from_parts(false, u128::MAX, 0, DecimalSI);
        assert_eq!(biggest.checked_add(&parse("1")), None);
        assert_eq!(
            biggest.checked_sub(&parse("1")).map(|q| q < biggest),
            Some(true)
        );
    }

    #[test]
    fn binary_boundaries() {
        // Just above the cap: capped; the cap itself prints as plain digits.
        assert_eq!(parse("8Ei"), max_allowed(BinarySI));
        assert_eq!(parse("8Ei").to_string(), "9223372036854775807");
        assert_eq!(parse("7Ei").to_string(), "7Ei");
        assert_eq!(parse("8191.99999999999999999Pi"), max_allowed(BinarySI));
        assert_eq!(parse("-9Ei"), dq(-i128::from(i64::MAX), 0, BinarySI));
        // 1023.5 is not an integer: printed as decimal SI.
        assert_eq!(parse("0.99951171875Ki").to_string(), "1023500m");
        assert_eq!(parse("1.5Ki").to_string(), "1536");
        assert_eq!(parse("1.5Ki").format(), BinarySI);
        assert_eq!(parse("0.5Ki").to_string(), "512");
    }

    // The round trip over every valid table input: parse, print, parse again
    // gives the same number, and printing again gives the same text.
    #[test]
    fn round_trip_all_valid_inputs() {
        let mut inputs: Vec<String> = parse_table()
            .into_iter()
            .map(|(s, _)| s.to_owned())
            .collect();
        inputs.extend(
            string_table()
                .into_iter()
                .flat_map(|(_, a, b)| [a, b])
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
        for s in [
            ".",
            "-.",
            "+",
            "-",
            "m",
            "1E3",
            "1e-9",
            "-1.5Gi",
            "1e2147483647",
            "123e2147483647",
            "-.484785E-7466",
        ] {
            inputs.push(s.to_owned());
        }
        let extra: Vec<String> = inputs
            .iter()
            .flat_map(|s| [format!("-{s}"), format!("+{s}")])
            .collect();
        inputs.extend(extra);
        for s in &inputs {
            let Ok(first) = s.parse::<Quantity>() else {
                continue;
            };
            let printed = first.to_string();
            let second = parse(&printed);
            assert_eq!(second, first, "{s} -> {printed}");
            assert_eq!(second.to_string(), printed, "{s} -> {printed}");
            let json = serde_json::to_string(&first).expect("serialize");
            let back: Quantity = serde_json::from_str(&json).expect("deserialize");
            assert_eq!(back, first, "{s} via JSON {json}");
        }
    }

    // Upstream prints a binary-SI integer that has no power-of-1024 factor as
    // plain digits (TestBinarySIZeroExponentString), while the same digits
    // parse as decimal SI (TestNewSet: 1000 DecimalSI is "1k"). So such a
    // value reprints differently after one round trip, with the same number.
    #[test]
    fn binary_si_plain_digits_reparse_as_decimal_si() {
        let q = parse("1.953125Ki");
        assert_eq!(q.format(), BinarySI);
        assert_eq!(q.to_string(), "2000");
        let again = parse("2000");
        assert_eq!(again, q);
        assert_eq!(again.to_string(), "2k");
        assert_eq!(parse("2k").to_string(), "2k");
    }

    // Mirrors upstream TestJSON with a fixed pseudo-random fill shaped like
    // upstream's fuzzer.
    #[test]
    fn json_round_trip() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..500 {
            let q = match next(4) {
                0 => dq(i128::from(next(1 << 63)), 0, BinarySI),
                1 => dq(i128::from(next(1024) << (10 * next(5))), 0, BinarySI),
                2 => dq(i128::from(next(1 << 63)), -(next(4) as i64), DecimalSI),
                _ => dq(
                    i128::from(next(1000)),
                    next(15) as i64 - 3,
                    if next(2) == 0 {
                        DecimalSI
                    } else {
                        DecimalExponent
                    },
                ),
            };
            let json = serde_json::to_string(&q).expect("serialize");
            let back: Quantity = serde_json::from_str(&json).expect("deserialize");
            assert_eq!(back, q, "{json}");
        }
    }

    // Mirrors upstream TestJSONWhitespace, plus numbers and null.
    #[test]
    fn json_inputs() {
        let table = [
            (r#"" 1""#, "1"),
            (r#""1 ""#, "1"),
            ("1", "1"),
            (" 1", "1"),
            ("1 ", "1"),
            ("10", "10"),
            ("-1", "-1"),
            (" -1", "-1"),
            ("0.5", "500m"),
            ("1.5", "1500m"),
            ("18446744073709551615", "18446744073709551615"),
            ("-9223372036854775808", "-9223372036854775808"),
            ("1e300", "1e300"),
            ("1e-300", "1n"),
            ("null", "0"),
            (r#""100m""#, "100m"),
            (r#""1Gi""#, "1Gi"),
        ];
        for (json, expect) in table {
            let q: Quantity = match serde_json::from_str(json) {
                Ok(q) => q,
                Err(e) => panic!("{json}: {e}"),
            };
            assert_eq!(q.to_string(), expect, "{json}");
        }
        let err = serde_json::from_str::<Quantity>(r#""1K""#).expect_err("bad suffix");
        assert!(
            err.to_string()
                .contains("unable to parse quantity's suffix"),
            "{err}"
        );
        let err = serde_json::from_str::<Quantity>(r#""""#).expect_err("empty");
        assert!(
            err.to_string().starts_with("quantities must match"),
            "{err}"
        );
        assert!(serde_json::from_str::<Quantity>("true").is_err());
        assert_eq!(
            serde_json::to_string(&parse("1.5Gi")).expect("serialize"),
            r#""1536Mi""#
        );
        // Float edge cases never panic.
        for v in [f64::MAX, f64::MIN_POSITIVE, -f64::MAX, 5e-324] {
            let q: Quantity = serde_json::from_value(serde_json::json!(v)).expect("finite float");
            assert_eq!(
                q.sign(),
                if v > 0.0 {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            );
        }
        let visitor = QuantityVisitor;
        let nan: Result<Quantity, serde_json::Error> = visitor.visit_f64(f64::NAN);
        assert!(nan.is_err());
        let inf: Result<Quantity, serde_json::Error> = QuantityVisitor.visit_f64(f64::INFINITY);
        assert!(inf.is_err());
        let small: Result<Quantity, serde_json::Error> = QuantityVisitor.visit_f32(0.1);
        assert_eq!(small.map(|q| q.to_string()).ok().as_deref(), Some("100m"));
    }

    #[test]
    fn eq_hash_ord_consistent() {
        use std::collections::hash_map::DefaultHasher;
        let hash = |q: &Quantity| {
            let mut h = DefaultHasher::new();
            q.hash(&mut h);
            h.finish()
        };
        let same = ["1k", "1000", "1e3", "1.0k", "1000000m", "0.001M", "+1k"];
        let first = parse(same[0]);
        for s in same {
            let q = parse(s);
            assert_eq!(q, first, "{s}");
            assert_eq!(q.cmp(&first), Ordering::Equal, "{s}");
            assert_eq!(hash(&q), hash(&first), "{s}");
        }
        assert_eq!(hash(&parse("-0")), hash(&parse("0Ki")));
        let mut sorted: Vec<Quantity> = ["1Ki", "-1", "1k", "0", "999m", "-1Gi", "1n", "1E"]
            .iter()
            .map(|s| parse(s))
            .collect();
        sorted.sort();
        let texts: Vec<String> = sorted.iter().map(|q| q.to_string()).collect();
        assert_eq!(texts, ["-1Gi", "-1", "0", "1n", "999m", "1k", "1Ki", "1E"]);
    }

    #[test]
    fn value_saturates() {
        assert_eq!(parse("1e30").value(), i64::MAX);
        assert_eq!(parse("-1e30").value(), i64::MIN);
        assert_eq!(parse("9223372036854775807").milli_value(), i64::MAX);
        assert_eq!(parse("-9223372036854775808").value(), i64::MIN);
        assert_eq!(parse("-9223372036854775809").value(), i64::MIN);
        assert_eq!(parse("-9223372036854775808m").milli_value(), i64::MIN);
        assert_eq!(parse("9223372036854775807m").milli_value(), i64::MAX);
        assert_eq!(parse("9223372036854775.807").milli_value(), i64::MAX);
        assert_eq!(parse("9223372036854775.808").milli_value(), i64::MAX);
    }

    /// Independent oracle for plain decimal inputs (`[-]digits[.digits]`, no
    /// suffix): the value in nanos, rounded away from zero.
    fn oracle_nanos(s: &str) -> Option<i128> {
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.len() > 20 || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let int: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let mut nanos = int * 1_000_000_000;
        let mut place = 100_000_000i128;
        let mut rest_nonzero = false;
        for (i, b) in frac.bytes().enumerate() {
            let d = i128::from(b - b'0');
            if i < 9 {
                nanos += d * place;
                place /= 10;
            } else if d != 0 {
                rest_nonzero = true;
            }
        }
        if rest_nonzero {
            nanos += 1;
        }
        Some(if negative { -nanos } else { nanos })
    }

    // Never panics on arbitrary text over the grammar's alphabet; every valid
    // input survives the round trip; plain decimals match an independent
    // oracle.
    #[test]
    fn fuzz_alphabet() {
        let alphabet = b"0123456789.+-eEinumkKMGTP ";
        let mut seed = 0xdead_beef_cafe_f00d_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..50_000 {
            let len = next(14) as usize;
            let text: String = (0..len)
                .map(|_| {
                    // Favour digits so that most strings are numbers.
                    let i = if next(3) == 0 {
                        next(alphabet.len() as u64)
                    } else {
                        next(11)
                    };
                    char::from(alphabet[i as usize])
                })
                .collect();
            let Ok(first) = text.parse::<Quantity>() else {
                continue;
            };
            let printed = first.to_string();
            let second = parse(&printed);
            assert_eq!(second, first, "{round}: {text:?} -> {printed}");
            let reprinted = second.to_string();
            let plain_binary = first.format() == BinarySI
                && printed.bytes().all(|b| b.is_ascii_digit() || b == b'-');
            if !plain_binary {
                assert_eq!(reprinted, printed, "{round}: {text:?}");
            }
            assert_eq!(
                parse(&reprinted).to_string(),
                reprinted,
                "{round}: {text:?}"
            );
            if let Some(nanos) = oracle_nanos(&text) {
                let expected = dq(nanos, -9, DecimalSI);
                assert_eq!(first, expected, "{round}: {text:?}");
                let milli = nanos.unsigned_abs().div_ceil(1_000_000) as i128 * nanos.signum();
                let value = nanos.unsigned_abs().div_ceil(1_000_000_000) as i128 * nanos.signum();
                assert_eq!(i128::from(first.milli_value()), milli, "{text:?}");
                assert_eq!(i128::from(first.value()), value, "{text:?}");
            }
        }
    }
}
