//! Error types. Every input error says where: the source (file), the
//! document, the list item, the object (`Kind namespace/name`) and the field
//! path, then what was expected.

use std::fmt;

/// Where in the input an object or a failure is.
///
/// ```
/// use daemonset_planner::Location;
/// let at = Location { source: "ds.yaml".into(), document: Some(2), item: None, object: Some("DaemonSet default/agent".into()) };
/// assert_eq!(at.to_string(), "ds.yaml: document 2: DaemonSet default/agent");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file name (`-` or `<stdin>` for standard input, `<demo>` for the demo).
    pub source: String,
    /// 1-based index of the (non-empty) document in the source.
    pub document: Option<usize>,
    /// 0-based index in a list object's `items`.
    pub item: Option<usize>,
    /// `Kind namespace/name` (or `Kind name` for cluster-scoped kinds).
    pub object: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(document) = self.document {
            write!(f, ": document {document}")?;
        }
        if let Some(item) = self.item {
            write!(f, ", items[{item}]")?;
        }
        if let Some(object) = &self.object {
            write!(f, ": {object}")?;
        }
        Ok(())
    }
}

/// One problem with the input.
///
/// ```
/// use daemonset_planner::{InputError, Location};
/// let e = InputError { location: Location { source: "a.yaml".into(), ..Default::default() },
///                      field: Some("spec.minReadySeconds".into()), message: "must be greater than or equal to 0".into() };
/// assert_eq!(e.to_string(), "a.yaml: spec.minReadySeconds: must be greater than or equal to 0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub struct InputError {
    /// Where.
    pub location: Location,
    /// The field path inside the object, when known.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.location)?;
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// All the problems found in an input, in input order.
///
/// ```
/// use daemonset_planner::{InputError, InputErrors, Location};
/// let errors = InputErrors(vec![InputError { location: Location::default(), field: None, message: "bad".into() }]);
/// assert_eq!(errors.to_string(), ": bad");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct InputErrors(pub Vec<InputError>);

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl From<InputError> for InputErrors {
    fn from(error: InputError) -> Self {
        InputErrors(vec![error])
    }
}
