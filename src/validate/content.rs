//! Kubernetes string content validators, with upstream's exact error messages.
//!
//! Mirrors `k8s.io/apimachinery/pkg/api/validate/content` (`kube.go`,
//! `dns.go`, `decimal_int.go`, `errors.go`) and `IsValidPercent` from
//! `k8s.io/apimachinery/pkg/util/validation/validation.go`. Each validator
//! returns the list of error detail strings that upstream's `[]string` would
//! hold: empty when the value is valid, otherwise the messages in upstream's
//! order, byte for byte (including the doubled spaces that upstream's
//! `RegexError` produces between examples).
//!
//! The regular expressions are implemented as small hand-written byte
//! matchers. Every character class in them is ASCII, so any non-ASCII byte
//! (part of a multi-byte UTF-8 character) is simply an invalid character.
//! Lengths are byte lengths, as with Go's `len(string)`. Nothing here
//! allocates when the value is valid, and nothing panics.
//!
//! The module also carries Go `strconv` integer parsing (`ParseInt(s, 10, 64)`
//! and `Atoi`) so that callers reproduce upstream's acceptance of values such
//! as `"+5"` or `"007"` exactly.

/// Maximum length in bytes of the name part of a label key (qualified name).
pub const LABEL_KEY_MAX_LENGTH: usize = 63;

/// Maximum length in bytes of a label value (upstream `LabelValueMaxLength`).
pub const LABEL_VALUE_MAX_LENGTH: usize = 63;

/// Maximum length in bytes of an RFC 1123 label (upstream `DNS1123LabelMaxLength`).
pub const DNS1123_LABEL_MAX_LENGTH: usize = 63;

/// Maximum length in bytes of an RFC 1123 subdomain (upstream
/// `DNS1123SubdomainMaxLength`).
pub const DNS1123_SUBDOMAIN_MAX_LENGTH: usize = 253;

/// Regex for the name part of a label key (upstream `labelKeyFmt`).
pub const LABEL_KEY_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

/// Message for the name part of a label key (upstream `labelKeyErrMsg`).
pub const LABEL_KEY_ERR_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// Regex for a label value (upstream `labelValueFmt`).
pub const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

/// Message for a label value (upstream `labelValueErrMsg`).
pub const LABEL_VALUE_ERR_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// Regex for an RFC 1123 label (upstream `dns1123LabelFmt`).
pub const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

/// Message for an RFC 1123 label (upstream `dns1123LabelErrMsg`).
pub const DNS1123_LABEL_ERR_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

/// Regex for an RFC 1123 subdomain (upstream `dns1123SubdomainFmt`).
pub const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

/// Message for an RFC 1123 subdomain (upstream `dns1123SubdomainErrorMsg`).
pub const DNS1123_SUBDOMAIN_ERR_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/// Regex for a percent string (upstream `percentFmt`).
pub const PERCENT_FMT: &str = "[0-9]+%";

/// Message for a percent string (upstream `percentErrMsg`).
pub const PERCENT_ERR_MSG: &str =
    "a valid percent string must be a numeric string followed by an ending '%'";

/// Message for a non-canonical decimal integer (upstream `decimalIntegerErrMsg`).
pub const DECIMAL_INTEGER_ERR_MSG: &str = "must be a valid decimal integer in canonical form";

/// Upstream `EmptyError()`.
pub const EMPTY_ERROR: &str = "must be non-empty";

/// What `IsDNS1123Label` reports for a valid subdomain that is not a label.
pub const DNS1123_LABEL_DOTS_ERROR: &str = "must not contain dots";

/// `"name part " + RegexError(labelKeyErrMsg, labelKeyFmt, "MyName", "my.name", "123-abc")`.
pub const NAME_PART_REGEX_ERROR: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/// `"name part " + EmptyError()`.
pub const NAME_PART_EMPTY_ERROR: &str = "name part must be non-empty";

/// `"name part " + MaxLenError(63)`.
pub const NAME_PART_MAX_LEN_ERROR: &str = "name part must be no more than 63 bytes";

/// `"prefix part " + EmptyError()`.
pub const PREFIX_PART_EMPTY_ERROR: &str = "prefix part must be non-empty";

/// The single message for a label key with two or more `/`.
pub const LABEL_KEY_SLASHES_ERROR: &str = "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";

/// `RegexError(labelValueErrMsg, labelValueFmt, "MyValue", "my_value", "12345")`.
pub const LABEL_VALUE_REGEX_ERROR: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/// `RegexError(dns1123LabelErrMsg, dns1123LabelFmt, "my-name", "123-abc")`.
pub const DNS1123_LABEL_REGEX_ERROR: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/// `RegexError(dns1123SubdomainErrorMsg, dns1123SubdomainFmt, "example.com")`.
pub const DNS1123_SUBDOMAIN_REGEX_ERROR: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/// `RegexError(percentErrMsg, percentFmt, "1%", "93%")`.
pub const PERCENT_REGEX_ERROR: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/// Upstream `MaxLenError(length)`: the "string too long" message.
///
/// ```
/// use daemonset_planner::validate::content::max_len_error;
/// assert_eq!(max_len_error(63), "must be no more than 63 bytes");
/// ```
pub fn max_len_error(length: usize) -> String {
    format!("must be no more than {length} bytes")
}

/// Upstream `RegexError(msg, re, examples...)`: the regex mismatch message,
/// including upstream's doubled space before each `or`.
///
/// ```
/// use daemonset_planner::validate::content::regex_error;
/// assert_eq!(
///     regex_error("bad", "[0-9]+%", &["1%", "93%"]),
///     "bad (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
/// );
/// assert_eq!(regex_error("bad", "x", &[]), "bad (regex used for validation is 'x')");
/// ```
pub fn regex_error(msg: &str, re: &str, examples: &[&str]) -> String {
    let mut out = String::from(msg);
    if examples.is_empty() {
        out.push_str(" (regex used for validation is '");
        out.push_str(re);
        out.push_str("')");
        return out;
    }
    out.push_str(" (e.g. ");
    for (i, example) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push('\'');
        out.push_str(example);
        out.push_str("', ");
    }
    out.push_str("regex used for validation is '");
    out.push_str(re);
    out.push_str("')");
    out
}

/// `[-A-Za-z0-9_.]`
const fn is_label_ext_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'
}

/// `[a-z0-9]`
const fn is_dns_char(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`
fn matches_label_key_name(bytes: &[u8]) -> bool {
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes.iter().all(|&b| is_label_ext_char(b))
        }
        _ => false,
    }
}

/// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
fn matches_dns1123_label(bytes: &[u8]) -> bool {
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) => {
            is_dns_char(first)
                && is_dns_char(last)
                && bytes.iter().all(|&b| is_dns_char(b) || b == b'-')
        }
        _ => false,
    }
}

/// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`:
/// one or more RFC 1123 labels joined by single dots.
fn matches_dns1123_subdomain(bytes: &[u8]) -> bool {
    bytes.split(|&b| b == b'.').all(matches_dns1123_label)
}

/// `^[0-9]+%$`
fn matches_percent(bytes: &[u8]) -> bool {
    match bytes.split_last() {
        Some((b'%', digits)) => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// Upstream `IsQualifiedName` (now `content.IsLabelKey`): label keys, taint
/// keys, toleration keys. An optional DNS-1123 subdomain prefix and `/`, then
/// a name of at most 63 bytes matching [`LABEL_KEY_FMT`].
///
/// ```
/// use daemonset_planner::validate::content::is_qualified_name;
/// assert!(is_qualified_name("example.com/MyName").is_empty());
/// assert_eq!(is_qualified_name("/simple"), vec!["prefix part must be non-empty"]);
/// assert_eq!(is_qualified_name(&"a".repeat(64)), vec!["name part must be no more than 63 bytes"]);
/// ```
pub fn is_qualified_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let name = match value.split_once('/') {
        None => value,
        Some((_, rest)) if rest.contains('/') => {
            errs.push(LABEL_KEY_SLASHES_ERROR.to_string());
            return errs;
        }
        Some((prefix, name)) => {
            if prefix.is_empty() {
                errs.push(PREFIX_PART_EMPTY_ERROR.to_string());
            } else {
                errs.extend(
                    is_dns1123_subdomain(prefix)
                        .into_iter()
                        .map(|msg| format!("prefix part {msg}")),
                );
            }
            name
        }
    };
    if name.is_empty() {
        errs.push(NAME_PART_EMPTY_ERROR.to_string());
    } else if name.len() > LABEL_KEY_MAX_LENGTH {
        errs.push(NAME_PART_MAX_LEN_ERROR.to_string());
    }
    if !matches_label_key_name(name.as_bytes()) {
        errs.push(NAME_PART_REGEX_ERROR.to_string());
    }
    errs
}

/// Upstream `content.IsLabelKey`, the current name of [`is_qualified_name`]
/// (identical behaviour and messages).
///
/// ```
/// use daemonset_planner::validate::content::is_label_key;
/// assert!(is_label_key("kubernetes.io/hostname").is_empty());
/// assert_eq!(is_label_key("a/b/c").len(), 1);
/// ```
pub fn is_label_key(value: &str) -> Vec<String> {
    is_qualified_name(value)
}

/// Upstream `IsValidLabelValue` (now `content.IsLabelValue`): empty, or at
/// most 63 bytes matching [`LABEL_VALUE_FMT`].
///
/// ```
/// use daemonset_planner::validate::content::is_valid_label_value;
/// assert!(is_valid_label_value("").is_empty());
/// assert!(is_valid_label_value("my_value").is_empty());
/// assert_eq!(is_valid_label_value("-x").len(), 1);
/// ```
pub fn is_valid_label_value(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX_LENGTH {
        errs.push(max_len_error(LABEL_VALUE_MAX_LENGTH));
    }
    if !value.is_empty() && !matches_label_key_name(value.as_bytes()) {
        errs.push(LABEL_VALUE_REGEX_ERROR.to_string());
    }
    errs
}

/// Upstream `IsDNS1123Label`: at most 63 bytes matching
/// [`DNS1123_LABEL_FMT`]. A value that would be a valid subdomain gets
/// [`DNS1123_LABEL_DOTS_ERROR`] instead of the regex message.
///
/// ```
/// use daemonset_planner::validate::content::is_dns1123_label;
/// assert!(is_dns1123_label("my-name").is_empty());
/// assert_eq!(is_dns1123_label("a.b"), vec!["must not contain dots"]);
/// ```
pub fn is_dns1123_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_LABEL_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_LABEL_MAX_LENGTH));
    }
    let bytes = value.as_bytes();
    if !matches_dns1123_label(bytes) {
        if matches_dns1123_subdomain(bytes) {
            errs.push(DNS1123_LABEL_DOTS_ERROR.to_string());
        } else {
            errs.push(DNS1123_LABEL_REGEX_ERROR.to_string());
        }
    }
    errs
}

/// Upstream `IsDNS1123Subdomain`: at most 253 bytes matching
/// [`DNS1123_SUBDOMAIN_FMT`] (lowercase RFC 1123 labels joined by `.`).
///
/// ```
/// use daemonset_planner::validate::content::is_dns1123_subdomain;
/// assert!(is_dns1123_subdomain("example.com").is_empty());
/// assert_eq!(is_dns1123_subdomain("Example.com").len(), 1);
/// ```
pub fn is_dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if !matches_dns1123_subdomain(value.as_bytes()) {
        errs.push(DNS1123_SUBDOMAIN_REGEX_ERROR.to_string());
    }
    errs
}

/// Upstream `IsValidPercent`: one or more ASCII digits then `%` (no sign, no
/// fraction, leading zeros allowed).
///
/// ```
/// use daemonset_planner::validate::content::is_valid_percent;
/// assert!(is_valid_percent("25%").is_empty());
/// assert!(is_valid_percent("007%").is_empty());
/// assert_eq!(is_valid_percent("-1%").len(), 1);
/// ```
pub fn is_valid_percent(value: &str) -> Vec<String> {
    if matches_percent(value.as_bytes()) {
        Vec::new()
    } else {
        vec![PERCENT_REGEX_ERROR.to_string()]
    }
}

/// Whether `value` is a decimal integer in canonical form, as upstream
/// `content.IsDecimalInteger` judges it: `0`, or an optional `-` followed by
/// a digit `1`-`9` and any further digits. No `+`, no leading zeros, no `-0`,
/// no whitespace. There is no range limit (see [`parse_decimal_int64`]).
///
/// ```
/// use daemonset_planner::validate::content::is_decimal_integer;
/// assert!(is_decimal_integer("0"));
/// assert!(is_decimal_integer("-42"));
/// assert!(!is_decimal_integer("-0"));
/// assert!(!is_decimal_integer("+5"));
/// assert!(!is_decimal_integer("007"));
/// ```
pub fn is_decimal_integer(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value).as_bytes();
    match digits.split_first() {
        Some((b'1'..=b'9', rest)) => rest.iter().all(u8::is_ascii_digit),
        // "0" itself, but not "-0".
        Some((b'0', [])) => digits.len() == value.len(),
        _ => false,
    }
}

/// Upstream `content.IsDecimalInteger` with its messages: [`EMPTY_ERROR`] for
/// an empty value, [`DECIMAL_INTEGER_ERR_MSG`] for any other invalid value.
///
/// ```
/// use daemonset_planner::validate::content::validate_decimal_integer;
/// assert!(validate_decimal_integer("123").is_empty());
/// assert_eq!(validate_decimal_integer(""), vec!["must be non-empty"]);
/// assert_eq!(
///     validate_decimal_integer("0700"),
///     vec!["must be a valid decimal integer in canonical form"]
/// );
/// ```
pub fn validate_decimal_integer(value: &str) -> Vec<String> {
    if value.is_empty() {
        vec![EMPTY_ERROR.to_string()]
    } else if is_decimal_integer(value) {
        Vec::new()
    } else {
        vec![DECIMAL_INTEGER_ERR_MSG.to_string()]
    }
}

/// The value of a canonical decimal integer: `Some` only when
/// [`is_decimal_integer`] holds and the number fits in `i64`.
///
/// ```
/// use daemonset_planner::validate::content::parse_decimal_int64;
/// assert_eq!(parse_decimal_int64("-9223372036854775808"), Some(i64::MIN));
/// assert_eq!(parse_decimal_int64("9223372036854775808"), None);
/// assert_eq!(parse_decimal_int64("01"), None);
/// ```
pub fn parse_decimal_int64(value: &str) -> Option<i64> {
    if is_decimal_integer(value) {
        parse_go_int64(value)
    } else {
        None
    }
}

/// Go `strconv.ParseInt(value, 10, 64)`: an optional `+` or `-`, then one or
/// more ASCII digits (leading zeros allowed); no whitespace, no underscores,
/// no base prefixes. `None` on any syntax error or when out of `i64` range.
///
/// ```
/// use daemonset_planner::validate::content::parse_go_int64;
/// assert_eq!(parse_go_int64("+5"), Some(5));
/// assert_eq!(parse_go_int64("007"), Some(7));
/// assert_eq!(parse_go_int64("9223372036854775808"), None);
/// assert_eq!(parse_go_int64(" 1"), None);
/// ```
pub fn parse_go_int64(value: &str) -> Option<i64> {
    let bytes = value.as_bytes();
    let (negative, digits) = match bytes.split_first()? {
        (b'-', rest) => (true, rest),
        (b'+', rest) => (false, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() {
        return None;
    }
    let mut magnitude: u64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        magnitude = magnitude
            .checked_mul(10)?
            .checked_add(u64::from(b - b'0'))?;
    }
    if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Go `strconv.Atoi(value)` on a 64-bit platform, which accepts exactly what
/// `strconv.ParseInt(value, 10, 64)` accepts (see [`parse_go_int64`]).
///
/// ```
/// use daemonset_planner::validate::content::parse_go_atoi;
/// assert_eq!(parse_go_atoi("-1"), Some(-1));
/// assert_eq!(parse_go_atoi("1_000"), None);
/// ```
pub fn parse_go_atoi(value: &str) -> Option<i64> {
    parse_go_int64(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeat(s: &str, n: usize) -> String {
        s.repeat(n)
    }

    // ---------------------------------------------------------------------
    // Upstream TestIsQualifiedName (util/validation/validation_test.go), the
    // same table as TestIsLabelKey (api/validate/content/kube_test.go).
    // ---------------------------------------------------------------------

    fn qualified_name_success_cases() -> Vec<String> {
        let mut cases: Vec<String> = [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "1234",
            "simple/simple",
            "now-with-dashes/simple",
            "now-with-dashes/now-with-dashes",
            "now.with.dots/simple",
            "now-with.dashes-and.dots/simple",
            "1-num.2-num/3-num",
            "1234/5678",
            "1.2.3.4/5678",
            "Uppercase_Is_OK_123",
            "example.com/Uppercase_Is_OK_123",
            "requests.storage-foo",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cases.push(repeat("a", 63));
        cases.push(repeat("a", 253) + "/" + &repeat("b", 63));
        cases
    }

    fn qualified_name_error_cases() -> Vec<String> {
        let mut cases: Vec<String> = [
            "nospecialchars%^=@",
            "cantendwithadash-",
            "-cantstartwithadash-",
            "only/one/slash",
            "Example.com/abc",
            "example_com/abc",
            "example.com/",
            "/simple",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cases.push(repeat("a", 64));
        cases.push(repeat("a", 254) + "/abc");
        cases
    }

    #[test]
    fn upstream_test_is_qualified_name() {
        for (i, case) in qualified_name_success_cases().iter().enumerate() {
            assert!(
                is_qualified_name(case).is_empty(),
                "case[{i}]: {case:?}: expected success: {:?}",
                is_qualified_name(case)
            );
            assert!(is_label_key(case).is_empty());
        }
        for (i, case) in qualified_name_error_cases().iter().enumerate() {
            assert!(
                !is_qualified_name(case).is_empty(),
                "case[{i}]: {case:?}: expected failure"
            );
            assert!(!is_label_key(case).is_empty());
        }
    }

    #[test]
    fn qualified_name_exact_messages() {
        let a253 = repeat("a", 253);
        let subdomain_prefix = format!("prefix part {DNS1123_SUBDOMAIN_REGEX_ERROR}");
        let cases: Vec<(String, Vec<String>)> = vec![
            (
                "nospecialchars%^=@".into(),
                vec![NAME_PART_REGEX_ERROR.into()],
            ),
            (
                "only/one/slash".into(),
                vec![LABEL_KEY_SLASHES_ERROR.into()],
            ),
            // Upstream returns only the slash message, even with other faults.
            ("//".into(), vec![LABEL_KEY_SLASHES_ERROR.into()]),
            ("Example.com/abc".into(), vec![subdomain_prefix.clone()]),
            ("example_com/abc".into(), vec![subdomain_prefix.clone()]),
            (
                "example.com/".into(),
                vec![NAME_PART_EMPTY_ERROR.into(), NAME_PART_REGEX_ERROR.into()],
            ),
            ("/simple".into(), vec![PREFIX_PART_EMPTY_ERROR.into()]),
            (
                "/".into(),
                vec![
                    PREFIX_PART_EMPTY_ERROR.into(),
                    NAME_PART_EMPTY_ERROR.into(),
                    NAME_PART_REGEX_ERROR.into(),
                ],
            ),
            (
                String::new(),
                vec![NAME_PART_EMPTY_ERROR.into(), NAME_PART_REGEX_ERROR.into()],
            ),
            (repeat("a", 64), vec![NAME_PART_MAX_LEN_ERROR.into()]),
            (
                repeat("a", 63) + "-",
                vec![NAME_PART_MAX_LEN_ERROR.into(), NAME_PART_REGEX_ERROR.into()],
            ),
            (
                repeat("a", 254) + "/abc",
                vec!["prefix part must be no more than 253 bytes".into()],
            ),
            (
                repeat("A", 254) + "/-",
                vec![
                    "prefix part must be no more than 253 bytes".into(),
                    subdomain_prefix.clone(),
                    NAME_PART_REGEX_ERROR.into(),
                ],
            ),
            (a253.clone() + "/" + &repeat("b", 63), vec![]),
            ("Tama-nui-te-rā".into(), vec![NAME_PART_REGEX_ERROR.into()]),
            ("rā.io/x".into(), vec![subdomain_prefix]),
        ];
        for (value, want) in cases {
            assert_eq!(is_qualified_name(&value), want, "value {value:?}");
        }
        assert_eq!(
            NAME_PART_REGEX_ERROR,
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        );
    }

    // ---------------------------------------------------------------------
    // Upstream TestIsValidLabelValue (validation_test.go) / TestIsLabelValue
    // (kube_test.go).
    // ---------------------------------------------------------------------

    #[test]
    fn upstream_test_is_valid_label_value() {
        let a63 = repeat("a", 63);
        let success_cases = [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "end-with-num-1",
            "1234",       // only num
            a63.as_str(), // to the limit
            "",           // empty value
        ];
        for case in success_cases {
            assert!(
                is_valid_label_value(case).is_empty(),
                "case {case} expected success: {:?}",
                is_valid_label_value(case)
            );
        }
        let a64 = repeat("a", 64);
        let error_cases = [
            "nospecialchars%^=@",
            "Tama-nui-te-rā.is.Māori.sun",
            "\\backslashes\\are\\bad",
            "-starts-with-dash",
            "ends-with-dash-",
            ".starts.with.dot",
            "ends.with.dot.",
            a64.as_str(), // over the limit
        ];
        for (i, case) in error_cases.iter().enumerate() {
            assert!(
                !is_valid_label_value(case).is_empty(),
                "case[{i}] expected failure"
            );
        }
    }

    #[test]
    fn label_value_exact_messages() {
        assert_eq!(
            is_valid_label_value("-starts-with-dash"),
            vec![LABEL_VALUE_REGEX_ERROR]
        );
        assert_eq!(
            is_valid_label_value(&repeat("a", 64)),
            vec!["must be no more than 63 bytes"]
        );
        assert_eq!(
            is_valid_label_value(&(repeat("a", 63) + ".")),
            vec!["must be no more than 63 bytes", LABEL_VALUE_REGEX_ERROR]
        );
        assert_eq!(
            LABEL_VALUE_REGEX_ERROR,
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        );
        // Multi-byte characters count by bytes: 32 × "ā" is 64 bytes.
        assert_eq!(
            is_valid_label_value(&repeat("ā", 32)),
            vec!["must be no more than 63 bytes", LABEL_VALUE_REGEX_ERROR]
        );
    }

    // ---------------------------------------------------------------------
    // Upstream TestIsDNS1123Label (validation_test.go / dns_test.go).
    // ---------------------------------------------------------------------

    #[test]
    fn upstream_test_is_dns1123_label() {
        let a63 = repeat("a", 63);
        let good_values = [
            "a",
            "ab",
            "abc",
            "a1",
            "a-1",
            "a--1--2--b",
            "0",
            "01",
            "012",
            "1a",
            "1-a",
            "1--a--b--2",
            a63.as_str(),
        ];
        for val in good_values {
            assert!(
                is_dns1123_label(val).is_empty(),
                "expected true for '{val}': {:?}",
                is_dns1123_label(val)
            );
        }
        let a64 = repeat("a", 64);
        let bad_values = [
            "",
            "A",
            "ABC",
            "aBc",
            "A1",
            "A-1",
            "1-A",
            "-",
            "a-",
            "-a",
            "1-",
            "-1",
            "_",
            "a_",
            "_a",
            "a_b",
            "1_",
            "_1",
            "1_2",
            ".",
            "a.",
            ".a",
            "a.b",
            "1.",
            ".1",
            "1.2",
            " ",
            "a ",
            " a",
            "a b",
            "1 ",
            " 1",
            "1 2",
            a64.as_str(),
        ];
        for val in bad_values {
            assert!(
                !is_dns1123_label(val).is_empty(),
                "expected false for '{val}'"
            );
        }
    }

    #[test]
    fn dns1123_label_exact_messages() {
        assert_eq!(is_dns1123_label("A"), vec![DNS1123_LABEL_REGEX_ERROR]);
        assert_eq!(is_dns1123_label(""), vec![DNS1123_LABEL_REGEX_ERROR]);
        assert_eq!(is_dns1123_label("a."), vec![DNS1123_LABEL_REGEX_ERROR]);
        assert_eq!(is_dns1123_label("a.b"), vec!["must not contain dots"]);
        assert_eq!(is_dns1123_label("1.2"), vec!["must not contain dots"]);
        assert_eq!(
            is_dns1123_label(&repeat("a", 64)),
            vec!["must be no more than 63 bytes"]
        );
        assert_eq!(
            is_dns1123_label(&(repeat("a", 62) + ".b")),
            vec!["must be no more than 63 bytes", "must not contain dots"]
        );
        assert_eq!(
            is_dns1123_label(&(repeat("a", 63) + "-")),
            vec!["must be no more than 63 bytes", DNS1123_LABEL_REGEX_ERROR]
        );
        assert_eq!(
            DNS1123_LABEL_REGEX_ERROR,
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        );
    }

    // ---------------------------------------------------------------------
    // Upstream TestIsDNS1123Subdomain (validation_test.go / dns_test.go).
    // ---------------------------------------------------------------------

    #[test]
    fn upstream_test_is_dns1123_subdomain() {
        let a253 = repeat("a", 253);
        let good_values = [
            "a",
            "ab",
            "abc",
            "a1",
            "a-1",
            "a--1--2--b",
            "0",
            "01",
            "012",
            "1a",
            "1-a",
            "1--a--b--2",
            "a.a",
            "ab.a",
            "abc.a",
            "a1.a",
            "a-1.a",
            "a--1--2--b.a",
            "a.1",
            "ab.1",
            "abc.1",
            "a1.1",
            "a-1.1",
            "a--1--2--b.1",
            "0.a",
            "01.a",
            "012.a",
            "1a.a",
            "1-a.a",
            "1--a--b--2",
            "0.1",
            "01.1",
            "012.1",
            "1a.1",
            "1-a.1",
            "1--a--b--2.1",
            "a.b.c.d.e",
            "aa.bb.cc.dd.ee",
            "1.2.3.4.5",
            "11.22.33.44.55",
            a253.as_str(),
        ];
        for val in good_values {
            assert!(
                is_dns1123_subdomain(val).is_empty(),
                "expected true for '{val}': {:?}",
                is_dns1123_subdomain(val)
            );
        }
        let a254 = repeat("a", 254);
        let bad_values = [
            "",
            "A",
            "ABC",
            "aBc",
            "A1",
            "A-1",
            "1-A",
            "-",
            "a-",
            "-a",
            "1-",
            "-1",
            "_",
            "a_",
            "_a",
            "a_b",
            "1_",
            "_1",
            "1_2",
            ".",
            "a.",
            ".a",
            "a..b",
            "1.",
            ".1",
            "1..2",
            " ",
            "a ",
            " a",
            "a b",
            "1 ",
            " 1",
            "1 2",
            "A.a",
            "aB.a",
            "ab.A",
            "A1.a",
            "a1.A",
            "A.1",
            "aB.1",
            "A1.1",
            "1A.1",
            "0.A",
            "01.A",
            "012.A",
            "1A.a",
            "1a.A",
            "A.B.C.D.E",
            "AA.BB.CC.DD.EE",
            "a.B.c.d.e",
            "aa.bB.cc.dd.ee",
            "a@b",
            "a,b",
            "a_b",
            "a;b",
            "a:b",
            "a%b",
            "a?b",
            "a$b",
            a254.as_str(),
        ];
        for val in bad_values {
            assert!(
                !is_dns1123_subdomain(val).is_empty(),
                "expected false for '{val}'"
            );
        }
    }

    #[test]
    fn dns1123_subdomain_exact_messages() {
        assert_eq!(
            is_dns1123_subdomain("a..b"),
            vec![DNS1123_SUBDOMAIN_REGEX_ERROR]
        );
        assert_eq!(
            is_dns1123_subdomain(&repeat("a", 254)),
            vec!["must be no more than 253 bytes"]
        );
        assert_eq!(
            is_dns1123_subdomain(&repeat("A", 254)),
            vec![
                "must be no more than 253 bytes",
                DNS1123_SUBDOMAIN_REGEX_ERROR
            ]
        );
        // A subdomain label longer than 63 bytes is still accepted: upstream
        // only checks the overall length and the regex.
        assert!(is_dns1123_subdomain(&repeat("a", 100)).is_empty());
        assert_eq!(
            DNS1123_SUBDOMAIN_REGEX_ERROR,
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        );
        assert!(DNS1123_SUBDOMAIN_REGEX_ERROR.contains(r"?(\.[a-z0-9]"));
    }

    // ---------------------------------------------------------------------
    // Upstream TestIsValidPercent (validation_test.go).
    // ---------------------------------------------------------------------

    #[test]
    fn upstream_test_is_valid_percent() {
        let good_values = ["0%", "00000%", "1%", "01%", "99%", "100%", "101%"];
        for val in good_values {
            assert!(
                is_valid_percent(val).is_empty(),
                "expected true for {val:?}: {:?}",
                is_valid_percent(val)
            );
        }
        let bad_values = [
            "", "0", "100", "0.0%", "99.9%", "hundred", " 1%", "1% ", "-0%", "-1%", "+1%",
        ];
        for val in bad_values {
            assert!(
                !is_valid_percent(val).is_empty(),
                "expected false for {val:?}"
            );
        }
    }

    #[test]
    fn percent_exact_messages() {
        for val in ["%", "1%%", "1%\n", "٣%", "1"] {
            assert_eq!(is_valid_percent(val), vec![PERCENT_REGEX_ERROR], "{val:?}");
        }
        assert_eq!(
            PERCENT_REGEX_ERROR,
            "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
        );
    }

    // ---------------------------------------------------------------------
    // Upstream TestIsDecimalInteger (api/validate/content/decimal_int_test.go).
    // ---------------------------------------------------------------------

    #[test]
    fn upstream_test_is_decimal_integer() {
        // (name, input, shouldPass)
        let cases: &[(&str, &str, bool)] = &[
            // valid
            ("zero", "0", true),
            ("positive single digit 1", "1", true),
            ("positive single digit 2", "2", true),
            ("positive single digit 5", "5", true),
            ("positive single digit 9", "9", true),
            ("negative single digit", "-5", true),
            ("negative single digit 1", "-1", true),
            ("negative single digit 9", "-9", true),
            ("number starting with 1", "100", true),
            ("number starting with 2", "234", true),
            ("number starting with 3", "345", true),
            ("number starting with 4", "456", true),
            ("number starting with 5", "567", true),
            ("number starting with 6", "678", true),
            ("number starting with 7", "789", true),
            ("number starting with 8", "890", true),
            ("number starting with 9", "999", true),
            ("positive multi-digit", "123", true),
            ("negative multi-digit", "-456", true),
            ("negative starting with 1", "-100", true),
            ("negative starting with 9", "-987", true),
            ("large positive number", "9223372036854775807", true),
            ("large negative number", "-9223372036854775808", true),
            ("very long valid number", "12345678901234567890", true),
            ("all nines", "999999999999", true),
            // invalid
            ("negative zero", "-0", false),
            ("double zero", "00", false),
            ("triple zero", "000", false),
            ("many zeros", "0000000", false),
            ("leading zero single digit", "01", false),
            ("leading zero digit 2", "02", false),
            ("leading zero digit 9", "09", false),
            ("leading zero multi-digit", "0123", false),
            ("octal-like format", "0700", false),
            ("octal-like format 2", "0950", false),
            ("multiple leading zeros", "00123", false),
            ("negative with leading zero", "-01", false),
            ("negative with leading zeros", "-0123", false),
            ("negative double zero", "-00", false),
            ("plus sign", "+123", false),
            ("positive plus sign", "+5", false),
            ("plus zero", "+0", false),
            // Invalid cases - empty and whitespace
            ("empty string", "", false),
            ("just minus sign", "-", false),
            ("just plus sign", "+", false),
            ("single space", " ", false),
            ("multiple spaces", "   ", false),
            ("leading space", " 123", false),
            ("trailing space", "123 ", false),
            ("space in middle", "12 3", false),
            ("spaces around", " 123 ", false),
            ("decimal number", "12.3", false),
            ("decimal zero", "0.0", false),
            ("negative decimal", "-12.5", false),
            ("trailing dot", "123.", false),
            ("leading dot", ".123", false),
            ("alphabetic", "abc", false),
            ("alphanumeric", "12a3", false),
            ("letter at start", "a123", false),
            ("letter at end", "123a", false),
            ("uppercase letters", "ABC", false),
            ("mixed case", "12A3", false),
            ("hexadecimal", "0x123", false),
            ("hex uppercase", "0X123", false),
            ("octal prefix", "0o777", false),
            ("binary prefix", "0b101", false),
            ("scientific notation", "1e5", false),
            ("scientific negative exp", "1e-5", false),
            ("scientific uppercase", "1E5", false),
            ("underscore separator", "1_000", false),
            ("comma separator", "1,000", false),
            ("period separator", "1.000", false),
            ("apostrophe separator", "1'000", false),
            ("double minus", "--123", false),
            ("double plus", "++123", false),
            ("plus minus", "+-123", false),
            ("minus plus", "-+123", false),
            ("minus at end", "123-", false),
            ("minus in middle", "12-3", false),
            ("plus at end", "123+", false),
            ("plus in middle", "12+3", false),
            ("tab character at start", "\t123", false),
            ("tab character at end", "123\t", false),
            ("newline character", "123\n", false),
            ("carriage return", "123\r", false),
            ("null character", "123\x00", false),
            ("vertical tab", "123\x0b", false),
            ("form feed", "123\x0c", false),
            ("parentheses", "(123)", false),
            ("brackets", "[123]", false),
            ("braces", "{123}", false),
            ("dollar sign", "$123", false),
            ("percent sign", "123%", false),
            ("hash", "#123", false),
            ("at sign", "@123", false),
            ("ampersand", "&123", false),
            ("asterisk", "*123", false),
            ("slash", "12/3", false),
            ("backslash", "12\\3", false),
            ("pipe", "12|3", false),
            ("semicolon", "12;3", false),
            ("colon", "12:3", false),
            ("question mark", "12?3", false),
            ("exclamation", "12!3", false),
            ("tilde", "~123", false),
            ("backtick", "`123", false),
            ("single quote", "'123'", false),
            ("double quote", "\"123\"", false),
            ("unicode minus", "\u{2212}123", false), // U+2212 minus sign
            ("unicode digit", "１２３", false),      // fullwidth digits
            ("arabic digits", "١٢٣", false),         // Arabic-Indic digits
            ("chinese characters", "一二三", false),
            ("superscript", "123⁴", false),
            ("subscript", "123₄", false),
        ];
        for &(name, input, should_pass) in cases {
            assert_eq!(
                is_decimal_integer(input),
                should_pass,
                "{name}: is_decimal_integer({input:?})"
            );
            let errs = validate_decimal_integer(input);
            assert_eq!(errs.is_empty(), should_pass, "{name}: {errs:?}");
            if input.is_empty() {
                // errContains: "non-empty"
                assert!(errs[0].contains("non-empty"));
            }
        }

        // Additional verification: valid strings should parse with ParseInt.
        let valid_cases = [
            "0",
            "1",
            "2",
            "5",
            "9",
            "-1",
            "-5",
            "-9",
            "123",
            "-456",
            "100",
            "999",
            "9223372036854775807",
            "-9223372036854775808",
            "12345678901234567890",
        ];
        for case in valid_cases {
            assert!(is_decimal_integer(case), "{case:?}");
            if case.len() <= 19 {
                assert!(parse_go_int64(case).is_some(), "{case:?}");
            }
        }

        let rejected_cases = [
            "0700", "0950", "01", "02", "09", "+123", "+5", "+0", "-0", "00", "000", "-01", "-00",
        ];
        for case in rejected_cases {
            assert!(!is_decimal_integer(case), "{case:?}");
        }

        // strconv.ParseInt accepts these, the canonical check rejects them.
        for case in ["+123", "0700", "01"] {
            assert!(parse_go_int64(case).is_some(), "{case:?}");
            assert!(!is_decimal_integer(case), "{case:?}");
            assert_eq!(parse_decimal_int64(case), None);
        }
    }

    #[test]
    fn decimal_integer_exact_messages() {
        assert_eq!(validate_decimal_integer(""), vec!["must be non-empty"]);
        assert_eq!(
            validate_decimal_integer("-0"),
            vec!["must be a valid decimal integer in canonical form"]
        );
        assert!(validate_decimal_integer("-7").is_empty());
    }

    #[test]
    fn parse_decimal_int64_cases() {
        let cases: &[(&str, Option<i64>)] = &[
            ("0", Some(0)),
            ("7", Some(7)),
            ("-7", Some(-7)),
            ("9223372036854775807", Some(i64::MAX)),
            ("-9223372036854775808", Some(i64::MIN)),
            ("9223372036854775808", None),
            ("-9223372036854775809", None),
            ("12345678901234567890", None),
            ("-0", None),
            ("+1", None),
            ("01", None),
            ("", None),
            ("-", None),
            ("1 ", None),
        ];
        for &(input, want) in cases {
            assert_eq!(parse_decimal_int64(input), want, "{input:?}");
        }
    }

    // ---------------------------------------------------------------------
    // Go strconv.ParseInt(s, 10, 64) / strconv.Atoi edge cases.
    // ---------------------------------------------------------------------

    #[test]
    fn parse_go_int64_edge_cases() {
        let cases: &[(&str, Option<i64>)] = &[
            ("+5", Some(5)),
            ("-1", Some(-1)),
            ("007", Some(7)),
            ("0", Some(0)),
            ("-0", Some(0)),
            ("+0", Some(0)),
            ("9223372036854775807", Some(i64::MAX)),
            ("9223372036854775808", None),
            ("-9223372036854775808", Some(i64::MIN)),
            ("-9223372036854775809", None),
            ("18446744073709551615", None),
            ("18446744073709551616", None),
            ("99999999999999999999999999", None),
            ("0000000000000000000000000000001", Some(1)),
            (
                "-0000000000000000000000009223372036854775808",
                Some(i64::MIN),
            ),
            ("", None),
            ("+", None),
            ("-", None),
            ("+-1", None),
            ("--1", None),
            ("++1", None),
            (" 1", None),
            ("1 ", None),
            ("1\n", None),
            ("1_000", None),
            ("0x10", None),
            ("0b1", None),
            ("0o7", None),
            ("1e3", None),
            ("1.0", None),
            ("١", None),
            ("１", None),
            ("\u{2212}1", None),
        ];
        for &(input, want) in cases {
            assert_eq!(parse_go_int64(input), want, "parse_go_int64({input:?})");
            assert_eq!(parse_go_atoi(input), want, "parse_go_atoi({input:?})");
        }
    }

    // ---------------------------------------------------------------------
    // Message builders reproduce the pre-rendered constants.
    // ---------------------------------------------------------------------

    #[test]
    fn rendered_constants_match_upstream_builders() {
        let label_key = regex_error(
            LABEL_KEY_ERR_MSG,
            LABEL_KEY_FMT,
            &["MyName", "my.name", "123-abc"],
        );
        assert_eq!(NAME_PART_REGEX_ERROR, format!("name part {label_key}"));
        assert_eq!(
            LABEL_KEY_SLASHES_ERROR,
            format!(
                "a valid label key {label_key} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            )
        );
        assert_eq!(NAME_PART_EMPTY_ERROR, format!("name part {EMPTY_ERROR}"));
        assert_eq!(
            PREFIX_PART_EMPTY_ERROR,
            format!("prefix part {EMPTY_ERROR}")
        );
        assert_eq!(
            NAME_PART_MAX_LEN_ERROR,
            format!("name part {}", max_len_error(LABEL_KEY_MAX_LENGTH))
        );
        assert_eq!(
            LABEL_VALUE_REGEX_ERROR,
            regex_error(
                LABEL_VALUE_ERR_MSG,
                LABEL_VALUE_FMT,
                &["MyValue", "my_value", "12345"]
            )
        );
        assert_eq!(
            DNS1123_LABEL_REGEX_ERROR,
            regex_error(
                DNS1123_LABEL_ERR_MSG,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"]
            )
        );
        assert_eq!(
            DNS1123_SUBDOMAIN_FMT,
            format!("{DNS1123_LABEL_FMT}(\\.{DNS1123_LABEL_FMT})*")
        );
        assert_eq!(LABEL_VALUE_FMT, format!("({LABEL_KEY_FMT})?"));
        assert_eq!(
            DNS1123_SUBDOMAIN_REGEX_ERROR,
            regex_error(
                DNS1123_SUBDOMAIN_ERR_MSG,
                DNS1123_SUBDOMAIN_FMT,
                &["example.com"]
            )
        );
        assert_eq!(
            PERCENT_REGEX_ERROR,
            regex_error(PERCENT_ERR_MSG, PERCENT_FMT, &["1%", "93%"])
        );
        assert_eq!(max_len_error(253), "must be no more than 253 bytes");
        assert_eq!(
            regex_error("m", "r", &["x"]),
            "m (e.g. 'x', regex used for validation is 'r')"
        );
        assert_eq!(
            regex_error("m", "r", &[]),
            "m (regex used for validation is 'r')"
        );
    }

    // ---------------------------------------------------------------------
    // Cross-check of the byte matchers against an independent, literal
    // transcription of upstream's regexes, exhaustively over short strings.
    // ---------------------------------------------------------------------

    enum Re {
        Class(fn(u8) -> bool),
        Lit(u8),
        Seq(Vec<Re>),
        Opt(Box<Re>),
        Star(Box<Re>),
    }

    /// All end positions reachable by matching `re` at `pos`.
    fn ends(re: &Re, s: &[u8], pos: usize) -> Vec<usize> {
        let mut out = match re {
            Re::Class(f) => match s.get(pos) {
                Some(&b) if f(b) => vec![pos + 1],
                _ => vec![],
            },
            Re::Lit(c) => match s.get(pos) {
                Some(b) if b == c => vec![pos + 1],
                _ => vec![],
            },
            Re::Seq(parts) => {
                let mut cur = vec![pos];
                for part in parts {
                    let mut next: Vec<usize> = cur.iter().flat_map(|&p| ends(part, s, p)).collect();
                    next.sort_unstable();
                    next.dedup();
                    cur = next;
                }
                cur
            }
            Re::Opt(inner) => {
                let mut v = ends(inner, s, pos);
                v.push(pos);
                v
            }
            Re::Star(inner) => {
                let mut seen = vec![pos];
                let mut frontier = vec![pos];
                while let Some(p) = frontier.pop() {
                    for q in ends(inner, s, p) {
                        if !seen.contains(&q) {
                            seen.push(q);
                            frontier.push(q);
                        }
                    }
                }
                seen
            }
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    fn full_match(re: &Re, s: &[u8]) -> bool {
        ends(re, s, 0).contains(&s.len())
    }

    fn alnum(b: u8) -> bool {
        b.is_ascii_alphanumeric()
    }
    fn ext(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'
    }
    fn lower_alnum(b: u8) -> bool {
        b.is_ascii_lowercase() || b.is_ascii_digit()
    }
    fn lower_alnum_dash(b: u8) -> bool {
        lower_alnum(b) || b == b'-'
    }
    fn digit(b: u8) -> bool {
        b.is_ascii_digit()
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    fn label_key_re() -> Re {
        Re::Seq(vec![
            Re::Opt(Box::new(Re::Seq(vec![
                Re::Class(alnum),
                Re::Star(Box::new(Re::Class(ext))),
            ]))),
            Re::Class(alnum),
        ])
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
    fn dns_label_re() -> Re {
        Re::Seq(vec![
            Re::Class(lower_alnum),
            Re::Opt(Box::new(Re::Seq(vec![
                Re::Star(Box::new(Re::Class(lower_alnum_dash))),
                Re::Class(lower_alnum),
            ]))),
        ])
    }

    #[test]
    fn matchers_agree_with_regex_transcription() {
        let label_key = label_key_re();
        let label_value = Re::Opt(Box::new(label_key_re()));
        let dns_label = dns_label_re();
        let subdomain = Re::Seq(vec![
            dns_label_re(),
            Re::Star(Box::new(Re::Seq(vec![Re::Lit(b'.'), dns_label_re()]))),
        ]);
        let percent = Re::Seq(vec![
            Re::Class(digit),
            Re::Star(Box::new(Re::Class(digit))),
            Re::Lit(b'%'),
        ]);
        let alphabet = b"aZ0-._%/ \xc3";
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new()];
        let mut layer: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for prefix in &layer {
                for &c in alphabet {
                    let mut s = prefix.clone();
                    s.push(c);
                    next.push(s);
                }
            }
            inputs.extend(next.iter().cloned());
            layer = next;
        }
        for s in &inputs {
            assert_eq!(
                matches_label_key_name(s),
                full_match(&label_key, s),
                "{s:?}"
            );
            assert_eq!(
                s.is_empty() || matches_label_key_name(s),
                full_match(&label_value, s),
                "{s:?}"
            );
            assert_eq!(matches_dns1123_label(s), full_match(&dns_label, s), "{s:?}");
            assert_eq!(
                matches_dns1123_subdomain(s),
                full_match(&subdomain, s),
                "{s:?}"
            );
            assert_eq!(matches_percent(s), full_match(&percent, s), "{s:?}");
        }
    }

    #[test]
    fn public_validators_are_consistent_with_matchers_on_str_inputs() {
        let samples = [
            "", "a", "A", "-", "a.b", "a/b", "a/b/c", "ā", "a\u{0}", "9%", "%", "é.com/x",
        ];
        for s in samples {
            let b = s.as_bytes();
            assert_eq!(is_dns1123_label(s).is_empty(), matches_dns1123_label(b));
            assert_eq!(
                is_dns1123_subdomain(s).is_empty(),
                matches_dns1123_subdomain(b)
            );
            assert_eq!(is_valid_percent(s).is_empty(), matches_percent(b));
            assert_eq!(
                is_valid_label_value(s).is_empty(),
                s.is_empty() || matches_label_key_name(b)
            );
        }
    }
}
