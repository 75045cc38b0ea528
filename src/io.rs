//! The only module that reads text: YAML (multi-document) and JSON streams
//! of Kubernetes objects and list objects, into an [`Inventory`].
//!
//! YAML goes through `serde-saphyr` (serde_yaml was archived upstream in
//! March 2024) with `strict_booleans` on and its resource budget raised on
//! purpose so a 100k-node inventory parses; JSON through `serde_json`.
//! Documents become `serde_json::Value`s first so each can be dispatched by
//! `kind` and then read with field paths (`serde_path_to_error`).

use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::error::{InputError, InputErrors, Location};
use crate::model::{ControllerRevision, DaemonSet, Node, Pod};
use crate::validate::{ValidationOptions, validate_daemon_set, validate_node};

/// Largest input accepted, in bytes (1 GiB).
pub const MAX_INPUT_BYTES: usize = 1 << 30;
/// Deepest nesting of YAML collections accepted. Kubernetes objects nest
/// about 15 levels; JSON input has serde_json's own limit of 128.
pub const MAX_YAML_DEPTH: usize = 64;

/// The objects read from all sources, in input order, with where each came from.
///
/// ```
/// use daemonset_planner::io::Inventory;
/// let mut inventory = Inventory::default();
/// inventory.add_text("nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n").unwrap();
/// assert_eq!(inventory.nodes[0].metadata.name, "n1");
/// assert_eq!(inventory.origins.nodes[0].source, "nodes.yaml");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// DaemonSets.
    pub daemon_sets: Vec<DaemonSet>,
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Pods.
    pub pods: Vec<Pod>,
    /// ControllerRevisions.
    pub revisions: Vec<ControllerRevision>,
    /// Where each object came from, index for index.
    pub origins: Origins,
    /// Objects skipped because their kind is not used (one line each).
    pub warnings: Vec<String>,
}

/// Where each object of an [`Inventory`] came from.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    /// One per DaemonSet.
    pub daemon_sets: Vec<Location>,
    /// One per Node.
    pub nodes: Vec<Location>,
    /// One per Pod.
    pub pods: Vec<Location>,
    /// One per ControllerRevision.
    pub revisions: Vec<Location>,
}

/// The documents of one text: raw JSON slices (read straight into the typed
/// model, no intermediate tree) or YAML documents as JSON values.
enum Documents<'t> {
    Json(Vec<&'t RawValue>),
    Yaml(Vec<Value>),
}

/// Reads the documents of one text: a JSON stream when the text starts with
/// `{` or `[`, YAML otherwise.
// Errors are built once per failed input, never in a loop; boxing buys nothing.
#[allow(clippy::result_large_err)]
fn documents<'t>(source: &str, text: &'t str) -> Result<Documents<'t>, InputError> {
    let at = || Location {
        source: source.to_string(),
        ..Location::default()
    };
    if text.len() > MAX_INPUT_BYTES {
        return Err(InputError {
            location: at(),
            field: None,
            message: format!("input is larger than {MAX_INPUT_BYTES} bytes"),
        });
    }
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let mut values: Vec<&'t RawValue> = Vec::new();
        // Parse from after the byte-order mark only, so that the line numbers
        // in serde_json's messages count the leading blank lines too.
        let json = text.trim_start_matches('\u{feff}');
        for value in serde_json::Deserializer::from_str(json).into_iter::<&'t RawValue>() {
            match value {
                Ok(value) => values.push(value),
                Err(error) => {
                    // The document that failed is the one after those read.
                    return Err(InputError {
                        location: Location {
                            document: Some(values.len() + 1),
                            ..at()
                        },
                        field: None,
                        message: format!("invalid JSON: {error}"),
                    });
                }
            }
        }
        return Ok(Documents::Json(values));
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_INPUT_BYTES),
            max_events: 500_000_000,
            max_nodes: 200_000_000,
            max_documents: 1_000_000,
            max_depth: MAX_YAML_DEPTH,
            max_total_scalar_bytes: MAX_INPUT_BYTES,
        },
        strict_booleans: true,
    };
    serde_saphyr::from_multiple_with_options::<Value>(text, options)
        .map(Documents::Yaml)
        .map_err(|error| InputError {
            location: Location {
                document: error
                    .location()
                    .map(|location| yaml_document_at(text, location.line())),
                ..at()
            },
            field: None,
            message: format!("invalid YAML: {error}"),
        })
}

/// The 1-based index, counting non-empty documents only (as the documents
/// of a valid stream are numbered), of the YAML document holding `line`
/// (1-based). Documents are split at `---` and `...` markers at column 0;
/// a document whose lines before `line` are only blank, comments or
/// directives does not count.
fn yaml_document_at(text: &str, line: u64) -> usize {
    let mut finished = 0;
    let mut current_has_content = false;
    for (number, content) in (1u64..).zip(text.lines()) {
        if number >= line {
            break;
        }
        let start = content.starts_with("---");
        let end = content.starts_with("...");
        if (start || end) && content[3..].chars().next().is_none_or(char::is_whitespace) {
            if current_has_content {
                finished += 1;
            }
            let rest = content[3..].trim();
            current_has_content = start && !rest.is_empty() && !rest.starts_with('#');
            continue;
        }
        let trimmed = content.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') && !content.starts_with('%') {
            current_has_content = true;
        }
    }
    finished + 1
}

/// What is read of an object before its kind is known.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Head {
    #[serde(default, deserialize_with = "lenient_string")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    api_version: Option<String>,
    #[serde(default, deserialize_with = "lenient_meta")]
    metadata: HeadMeta,
}

#[derive(Debug, Default, Deserialize)]
struct HeadMeta {
    #[serde(default, deserialize_with = "lenient_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    namespace: Option<String>,
}

/// A string, or `None` for anything else (the typed read reports it).
/// Reads without building a tree: other values are skipped.
fn lenient_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Lenient;
    impl<'de> serde::de::Visitor<'de> for Lenient {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any value")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(Lenient)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }
    d.deserialize_any(Lenient)
}

/// Metadata's name and namespace, or nothing when it is not a mapping.
fn lenient_meta<'de, D: serde::Deserializer<'de>>(d: D) -> Result<HeadMeta, D::Error> {
    struct Lenient;
    impl<'de> serde::de::Visitor<'de> for Lenient {
        type Value = HeadMeta;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any value")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<HeadMeta, A::Error> {
            let mut meta = HeadMeta::default();
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                match key.as_ref() {
                    "name" => meta.name = map.next_value_seed(LenientSeed)?,
                    "namespace" => meta.namespace = map.next_value_seed(LenientSeed)?,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(meta)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<HeadMeta, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(HeadMeta::default())
        }
        fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<HeadMeta, E> {
            Ok(HeadMeta::default())
        }
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<HeadMeta, E> {
            Ok(HeadMeta::default())
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<HeadMeta, E> {
            Ok(HeadMeta::default())
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<HeadMeta, E> {
            Ok(HeadMeta::default())
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<HeadMeta, E> {
            Ok(HeadMeta::default())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<HeadMeta, E> {
            Ok(HeadMeta::default())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<HeadMeta, E> {
            Ok(HeadMeta::default())
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<HeadMeta, D2::Error> {
            d.deserialize_any(Lenient)
        }
    }
    d.deserialize_any(Lenient)
}

struct LenientSeed;

impl<'de> serde::de::DeserializeSeed<'de> for LenientSeed {
    type Value = Option<String>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        lenient_string(d)
    }
}

impl Head {
    fn describe(&self, kind: &str) -> String {
        let name = self
            .metadata
            .name
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or("<unnamed>");
        match self.metadata.namespace.as_deref() {
            Some(namespace) if !namespace.is_empty() && kind != "Node" => {
                format!("{kind} {namespace}/{name}")
            }
            _ if matches!(kind, "DaemonSet" | "Pod" | "ControllerRevision") => {
                format!("{kind} default/{name}")
            }
            _ => format!("{kind} {name}"),
        }
    }
}

/// One document or list item, however it was read.
trait Document: Sized {
    fn is_null(&self) -> bool;
    fn is_object(&self) -> bool;
    fn head(&self) -> Head;
    /// The keys of `spec`, when it is a mapping.
    fn spec_keys(&self) -> Vec<String>;
    /// `items` of a list: `Ok(None)` when absent or null, `Err` when not a list.
    fn items(self) -> Result<Vec<Self>, ()>;
    #[allow(clippy::result_large_err)]
    fn parse<T: DeserializeOwned>(self, location: &Location) -> Result<T, InputError>;
}

fn path_error<E: std::fmt::Display>(
    error: serde_path_to_error::Error<E>,
    location: &Location,
) -> InputError {
    let path = error.path().to_string();
    InputError {
        location: location.clone(),
        field: (path != ".").then_some(path),
        message: error.into_inner().to_string(),
    }
}

impl Document for Value {
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }

    fn is_object(&self) -> bool {
        Value::is_object(self)
    }

    fn head(&self) -> Head {
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        let metadata = self.get("metadata");
        Head {
            kind: text(self.get("kind")),
            api_version: text(self.get("apiVersion")),
            metadata: HeadMeta {
                name: text(metadata.and_then(|m| m.get("name"))),
                namespace: text(metadata.and_then(|m| m.get("namespace"))),
            },
        }
    }

    fn spec_keys(&self) -> Vec<String> {
        self.get("spec")
            .and_then(Value::as_object)
            .map(|spec| spec.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn items(mut self) -> Result<Vec<Value>, ()> {
        match self.get_mut("items").map(Value::take) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(()),
        }
    }

    fn parse<T: DeserializeOwned>(self, location: &Location) -> Result<T, InputError> {
        serde_path_to_error::deserialize::<_, T>(self).map_err(|e| path_error(e, location))
    }
}

fn first_byte(raw: &RawValue) -> u8 {
    raw.get()
        .bytes()
        .find(|b| !b.is_ascii_whitespace())
        .unwrap_or(b'n')
}

impl<'t> Document for &'t RawValue {
    fn is_null(&self) -> bool {
        self.get().trim() == "null"
    }

    fn is_object(&self) -> bool {
        first_byte(self) == b'{'
    }

    fn head(&self) -> Head {
        serde_json::from_str(self.get()).unwrap_or_default()
    }

    fn spec_keys(&self) -> Vec<String> {
        #[derive(Deserialize)]
        struct Spec {
            #[serde(default)]
            spec: Option<Value>,
        }
        serde_json::from_str::<Spec>(self.get())
            .ok()
            .and_then(|s| s.spec)
            .and_then(|spec| match spec {
                Value::Object(map) => Some(map.keys().cloned().collect()),
                _ => None,
            })
            .unwrap_or_default()
    }

    fn items(self) -> Result<Vec<&'t RawValue>, ()> {
        #[derive(Deserialize)]
        struct List<'a> {
            #[serde(borrow, default)]
            items: Option<Vec<&'a RawValue>>,
        }
        // One pass in the common case; `items` that is not a list fails it.
        serde_json::from_str::<List<'t>>(self.get())
            .map(|list| list.items.unwrap_or_default())
            .map_err(|_| ())
    }

    fn parse<T: DeserializeOwned>(self, location: &Location) -> Result<T, InputError> {
        // Fast path first; on failure read again, tracking the field path for
        // the error message (failures are rare, path tracking is not free).
        if let Ok(value) = serde_json::from_str::<T>(self.get()) {
            return Ok(value);
        }
        let mut deserializer = serde_json::Deserializer::from_str(self.get());
        serde_path_to_error::deserialize::<_, T>(&mut deserializer)
            .map_err(|e| path_error(e, location))
    }
}

/// The apiVersion each used kind is served under.
fn served_api_version(kind: &str) -> Option<&'static str> {
    match kind {
        "DaemonSet" | "ControllerRevision" => Some("apps/v1"),
        "Node" | "Pod" => Some("v1"),
        _ => None,
    }
}

/// The fields of an `apps/v1` `DaemonSetSpec` (`k8s.io/api/apps/v1/types.go`).
const DAEMON_SET_SPEC_FIELDS: [&str; 5] = [
    "selector",
    "template",
    "updateStrategy",
    "minReadySeconds",
    "revisionHistoryLimit",
];

/// Rejects an unknown field directly under a DaemonSet's `spec`, as strict
/// field validation (`kubectl apply --validate=strict`) does. The model has
/// no catch-all there, so without this a misspelt `updateStrategy` would be
/// dropped silently and the default strategy planned instead.
#[allow(clippy::result_large_err)]
fn check_daemon_set_spec_fields(keys: &[String], location: &Location) -> Result<(), InputError> {
    match keys
        .iter()
        .find(|key| !DAEMON_SET_SPEC_FIELDS.contains(&key.as_str()))
    {
        None => Ok(()),
        Some(key) => {
            let expected: Vec<String> = DAEMON_SET_SPEC_FIELDS
                .iter()
                .map(|field| format!("`{field}`"))
                .collect();
            Err(InputError {
                location: location.clone(),
                field: Some(format!("spec.{key}")),
                message: format!(
                    "unknown field `{key}`, expected one of {}",
                    expected.join(", ")
                ),
            })
        }
    }
}

impl Inventory {
    /// Reads every object of `text` (YAML or JSON) from `source` into the
    /// inventory. Other kinds are skipped with a warning; a known kind under
    /// an apiVersion the API does not serve for it is an error.
    pub fn add_text(&mut self, source: &str, text: &str) -> Result<(), InputErrors> {
        let mut errors = Vec::new();
        let at = |index: usize| Location {
            source: source.to_string(),
            document: Some(index + 1),
            item: None,
            object: None,
        };
        match documents(source, text)? {
            Documents::Json(raw) => {
                for (index, document) in raw.into_iter().enumerate() {
                    self.add_document(document, at(index), None, &mut errors);
                }
            }
            Documents::Yaml(values) => {
                for (index, document) in values.into_iter().enumerate() {
                    self.add_document(document, at(index), None, &mut errors);
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(InputErrors(errors))
        }
    }

    fn add_document<D: Document>(
        &mut self,
        document: D,
        mut location: Location,
        // For a list item: the kind and apiVersion its list implies ("" for `List`).
        list_kind: Option<(&str, &str)>,
        errors: &mut Vec<InputError>,
    ) {
        if document.is_null() {
            return;
        }
        if !document.is_object() {
            errors.push(InputError {
                location,
                field: None,
                message: "expected a Kubernetes object (a mapping with apiVersion and kind)"
                    .to_string(),
            });
            return;
        }
        // Items of a typed list (NodeList, ...) may omit kind and apiVersion.
        let head = document.head();
        let kind = head.kind.clone().or_else(|| {
            list_kind
                .map(|(kind, _)| kind.to_string())
                .filter(|k| !k.is_empty())
        });
        let api_version = head
            .api_version
            .clone()
            .or_else(|| list_kind.map(|(_, version)| version.to_string()));
        let Some(kind) = kind.filter(|k| !k.is_empty()) else {
            errors.push(InputError {
                location,
                field: Some("kind".to_string()),
                message: "required: every object needs a kind".to_string(),
            });
            return;
        };
        location.object = Some(head.describe(&kind));
        if kind.ends_with("List") && list_kind.is_some() {
            errors.push(InputError {
                location,
                field: Some("kind".to_string()),
                message: "lists may not contain lists".to_string(),
            });
            return;
        }
        if kind.ends_with("List") {
            self.add_list(document, &kind, api_version.as_deref(), location, errors);
            return;
        }
        let Some(served) = served_api_version(&kind) else {
            self.warnings.push(format!(
                "{location}: skipped, kind {kind} is not used by the planner"
            ));
            return;
        };
        let api_version = api_version.unwrap_or_default();
        if api_version != served {
            errors.push(InputError {
                location,
                field: Some("apiVersion".to_string()),
                message: format!(
                    "no kind {kind:?} is registered for version {api_version:?}: {kind} is served as {served}"
                ),
            });
            return;
        }
        match kind.as_str() {
            "DaemonSet" => {
                if let Err(error) = check_daemon_set_spec_fields(&document.spec_keys(), &location) {
                    errors.push(error);
                    return;
                }
                match document.parse(&location) {
                    Ok(ds) => {
                        self.daemon_sets.push(ds);
                        self.origins.daemon_sets.push(location);
                    }
                    Err(error) => errors.push(error),
                }
            }
            "Node" => match document.parse(&location) {
                Ok(node) => {
                    self.nodes.push(node);
                    self.origins.nodes.push(location);
                }
                Err(error) => errors.push(error),
            },
            "Pod" => match document.parse(&location) {
                Ok(pod) => {
                    self.pods.push(pod);
                    self.origins.pods.push(location);
                }
                Err(error) => errors.push(error),
            },
            _ => match document.parse(&location) {
                Ok(revision) => {
                    self.revisions.push(revision);
                    self.origins.revisions.push(location);
                }
                Err(error) => errors.push(error),
            },
        }
    }

    fn add_list<D: Document>(
        &mut self,
        document: D,
        kind: &str,
        api_version: Option<&str>,
        location: Location,
        errors: &mut Vec<InputError>,
    ) {
        let items = match document.items() {
            Ok(items) => items,
            Err(()) => {
                errors.push(InputError {
                    location,
                    field: Some("items".to_string()),
                    message: "expected a list of objects".to_string(),
                });
                return;
            }
        };
        let item_kind = kind.strip_suffix("List").filter(|k| !k.is_empty());
        let inherited = item_kind.map(|k| (k, api_version.unwrap_or_default()));
        let inherited = inherited.unwrap_or(("", ""));
        for (index, item) in items.into_iter().enumerate() {
            let item_location = Location {
                item: Some(index),
                object: None,
                ..location.clone()
            };
            self.add_document(item, item_location, Some(inherited), errors);
        }
    }

    /// Validates every object as the API server would and checks that node
    /// names are unique. Returns every problem found.
    ///
    /// ```
    /// use daemonset_planner::io::Inventory;
    /// use daemonset_planner::validate::ValidationOptions;
    /// let mut inventory = Inventory::default();
    /// inventory.add_text("n.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: n1}\n").unwrap();
    /// let errors = inventory.validate(&ValidationOptions::default()).unwrap_err();
    /// assert!(errors.to_string().contains("duplicate node name"));
    /// ```
    pub fn validate(&self, options: &ValidationOptions) -> Result<(), InputErrors> {
        let mut errors = Vec::new();
        let keyed = |errors: &mut Vec<InputError>,
                     location: &Location,
                     field_errors: Vec<crate::validate::FieldError>| {
            for error in field_errors {
                let field = error.field.clone();
                let mut message = error.to_string();
                if let Some(rest) = message.strip_prefix(&format!("{field}: ")) {
                    message = rest.to_string();
                }
                errors.push(InputError {
                    location: location.clone(),
                    field: Some(field),
                    message,
                });
            }
        };
        for (ds, location) in self.daemon_sets.iter().zip(&self.origins.daemon_sets) {
            keyed(&mut errors, location, validate_daemon_set(ds, options));
        }
        let mut seen: std::collections::BTreeMap<&str, &Location> = Default::default();
        for (node, location) in self.nodes.iter().zip(&self.origins.nodes) {
            keyed(&mut errors, location, validate_node(node));
            if let Some(first) = seen.insert(&node.metadata.name, location) {
                errors.push(InputError {
                    location: location.clone(),
                    field: Some("metadata.name".to_string()),
                    message: format!(
                        "duplicate node name {:?}, first defined at {first}",
                        node.metadata.name
                    ),
                });
            }
        }
        let mut seen_ds: std::collections::BTreeMap<String, &Location> = Default::default();
        for (ds, location) in self.daemon_sets.iter().zip(&self.origins.daemon_sets) {
            if let Some(first) = seen_ds.insert(ds.key(), location) {
                errors.push(InputError {
                    location: location.clone(),
                    field: Some("metadata.name".to_string()),
                    message: format!("duplicate DaemonSet {}, first defined at {first}", ds.key()),
                });
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(InputErrors(errors))
        }
    }
}

/// `{"plans": [...]}`, serialized straight from the plans so fields keep
/// the contract's order (a `serde_json::Value` would sort them).
#[derive(serde::Serialize)]
struct PlansDocument<'a, 'p> {
    plans: &'a [crate::Plan<'p>],
}

/// The `-o json` document of `CONTRACT.md`: `{"plans": [...]}`, pretty-printed.
///
/// ```
/// use daemonset_planner::io::plans_to_json;
/// assert_eq!(plans_to_json(&[]), "{\n  \"plans\": []\n}\n");
/// ```
pub fn plans_to_json(plans: &[crate::Plan<'_>]) -> String {
    let document = PlansDocument { plans };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the `-o json` document of [`plans_to_json`], byte for byte, while
/// drawing plans from an iterator: each plan is written before the next is
/// made, so a large inventory never holds all plans (or the whole text) in memory.
///
/// ```
/// let mut out = Vec::new();
/// daemonset_planner::io::write_plans_json(&mut out, std::iter::empty()).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), daemonset_planner::io::plans_to_json(&[]));
/// ```
pub fn write_plans_json<'p, W: std::io::Write>(
    writer: W,
    plans: impl Iterator<Item = crate::Plan<'p>>,
) -> std::io::Result<()> {
    use serde::ser::{SerializeMap, Serializer};
    use std::io::Write as _;
    /// Serializes an iterator as a sequence, once.
    struct Stream<I>(std::cell::RefCell<Option<I>>);
    impl<'p, I: Iterator<Item = crate::Plan<'p>>> serde::Serialize for Stream<I> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let plans = self.0.borrow_mut().take();
            serializer.collect_seq(plans.into_iter().flatten())
        }
    }
    let mut writer = std::io::BufWriter::new(writer);
    let mut serializer = serde_json::Serializer::pretty(&mut writer);
    let mut map = serializer
        .serialize_map(Some(1))
        .map_err(std::io::Error::other)?;
    map.serialize_entry("plans", &Stream(std::cell::RefCell::new(Some(plans))))
        .map_err(std::io::Error::other)?;
    map.end().map_err(std::io::Error::other)?;
    writer.write_all(b"\n")?;
    writer.flush()
}

/// The `-o yaml` document: the same content as [`plans_to_json`], in YAML.
///
/// ```
/// use daemonset_planner::io::plans_to_yaml;
/// assert!(plans_to_yaml(&[]).starts_with("plans:"));
/// ```
pub fn plans_to_yaml(plans: &[crate::Plan<'_>]) -> String {
    let document = PlansDocument { plans };
    serde_saphyr::to_string(&document).unwrap_or_default()
}
