//! [`StringMap`]: labels, annotations and node selectors, stored compactly.
//!
//! A node carries a dozen labels and a cluster a hundred thousand nodes. As
//! a `BTreeMap<String, String>` each label is two heap allocations scattered
//! through memory, and every lookup or interning pass pays a cache miss per
//! string. Here all keys and values of one map live in one buffer, in key
//! order, so a map is two allocations and a lookup reads adjacent bytes.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string-to-string map sorted by key (byte order, as Go's JSON encoder
/// and `BTreeMap` sort), with one buffer for all its text.
///
/// It behaves as a `BTreeMap<String, String>` does: iteration and
/// serialization follow key order, inserting an existing key replaces its
/// value, and a duplicate key in the input keeps the last value.
///
/// ```
/// use daemonset_planner::model::StringMap;
/// let mut labels: StringMap = [("zone", "a"), ("app", "web")].into_iter().collect();
/// assert_eq!(labels.get("app"), Some("web"));
/// assert_eq!(labels.insert("zone".into(), "b".into()), Some("a".to_string()));
/// assert_eq!(labels.iter().collect::<Vec<_>>(), [("app", "web"), ("zone", "b")]);
/// assert_eq!(serde_json::to_string(&labels).unwrap(), r#"{"app":"web","zone":"b"}"#);
/// ```
// Equal maps have equal buffers (entries sorted, keys unique), so the
// derived `Eq` and `Hash` compare content. No `Ord`: buffer order is not
// entry order.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct StringMap {
    /// `key0 value0 key1 value1 ...`, keys ascending.
    text: String,
    /// Per entry: where its key ends and where its value ends in `text`
    /// (each entry starts where the previous one's value ends).
    ends: Vec<(usize, usize)>,
}

impl StringMap {
    /// An empty map.
    ///
    /// ```
    /// assert!(daemonset_planner::model::StringMap::new().is_empty());
    /// ```
    pub fn new() -> StringMap {
        StringMap::default()
    }

    /// The number of entries.
    ///
    /// ```
    /// use daemonset_planner::model::StringMap;
    /// assert_eq!(StringMap::from_iter([("a", "1"), ("b", "2")]).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the map has no entry.
    ///
    /// ```
    /// assert!(daemonset_planner::model::StringMap::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn start(&self, index: usize) -> usize {
        match index {
            0 => 0,
            _ => self.ends[index - 1].1,
        }
    }

    fn key_at(&self, index: usize) -> &str {
        &self.text[self.start(index)..self.ends[index].0]
    }

    fn value_at(&self, index: usize) -> &str {
        let (key_end, value_end) = self.ends[index];
        &self.text[key_end..value_end]
    }

    /// Binary search over entry indexes (`ends` holds offsets, not keys).
    fn position(&self, key: &str) -> Result<usize, usize> {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.key_at(middle).cmp(key) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Ok(middle),
            }
        }
        Err(low)
    }

    /// The value of `key`.
    ///
    /// ```
    /// use daemonset_planner::model::StringMap;
    /// let labels = StringMap::from_iter([("app", "web")]);
    /// assert_eq!(labels.get("app"), Some("web"));
    /// assert_eq!(labels.get("tier"), None);
    /// ```
    pub fn get(&self, key: &str) -> Option<&str> {
        self.position(key).ok().map(|index| self.value_at(index))
    }

    /// Whether `key` is present.
    ///
    /// ```
    /// use daemonset_planner::model::StringMap;
    /// assert!(StringMap::from_iter([("app", "")]).contains_key("app"));
    /// ```
    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaced.
    ///
    /// ```
    /// use daemonset_planner::model::StringMap;
    /// let mut labels = StringMap::new();
    /// assert_eq!(labels.insert("app".into(), "web".into()), None);
    /// assert_eq!(labels.insert("app".into(), "db".into()), Some("web".to_string()));
    /// assert_eq!(labels.get("app"), Some("db"));
    /// ```
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        self.set(&key, &value)
    }

    /// [`StringMap::insert`] from borrowed text.
    fn set(&mut self, key: &str, value: &str) -> Option<String> {
        match self.position(key) {
            Ok(index) => {
                let (key_end, value_end) = self.ends[index];
                let old = self.text[key_end..value_end].to_string();
                self.text.replace_range(key_end..value_end, value);
                self.shift(index, value.len() as isize - old.len() as isize);
                self.ends[index].1 = key_end + value.len();
                Some(old)
            }
            Err(index) => {
                let start = self.start(index);
                self.text.insert_str(start, value);
                self.text.insert_str(start, key);
                let key_end = start + key.len();
                self.ends.insert(index, (key_end, key_end + value.len()));
                self.shift(index, (key.len() + value.len()) as isize);
                None
            }
        }
    }

    /// Moves the offsets of entries after `index` by `delta` bytes.
    fn shift(&mut self, index: usize, delta: isize) {
        for end in &mut self.ends[index + 1..] {
            end.0 = end.0.wrapping_add_signed(delta);
            end.1 = end.1.wrapping_add_signed(delta);
        }
    }

    /// Removes `key`; returns its value.
    ///
    /// ```
    /// use daemonset_planner::model::StringMap;
    /// let mut labels = StringMap::from_iter([("a", "1"), ("b", "2")]);
    /// assert_eq!(labels.remove("a"), Some("1".to_string()));
    /// assert_eq!(labels.remove("a"), None);
    /// assert_eq!(labels.get("b"), Some("2"));
    /// ```
    pub fn remove(&mut self, key: &str) -> Option<String> {
        let index = self.position(key).ok()?;
        let start = self.start(index);
        let (key_end, value_end) = self.ends[index];
        let value = self.text[key_end..value_end].to_string();
        self.text.replace_range(start..value_end, "");
        self.shift(index, -((value_end - start) as isize));
        self.ends.remove(index);
        Some(value)
    }

    /// Removes every entry.
    ///
    /// ```
    /// use daemonset_planner::model::StringMap;
    /// let mut labels = StringMap::from_iter([("a", "1")]);
    /// labels.clear();
    /// assert!(labels.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// The entries in key order.
    ///
    /// ```
    /// use daemonset_planner::model::StringMap;
    /// let labels = StringMap::from_iter([("b", "2"), ("a", "1")]);
    /// assert_eq!(labels.iter().next(), Some(("a", "1")));
    /// ```
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            map: self,
            front: 0,
            back: self.ends.len(),
        }
    }

    /// The keys in order.
    ///
    /// ```
    /// use daemonset_planner::model::StringMap;
    /// let labels = StringMap::from_iter([("b", "2"), ("a", "1")]);
    /// assert_eq!(labels.keys().collect::<Vec<_>>(), ["a", "b"]);
    /// ```
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.iter().map(|(key, _)| key)
    }

    /// The values in key order.
    ///
    /// ```
    /// use daemonset_planner::model::StringMap;
    /// let labels = StringMap::from_iter([("b", "2"), ("a", "1")]);
    /// assert_eq!(labels.values().collect::<Vec<_>>(), ["1", "2"]);
    /// ```
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.iter().map(|(_, value)| value)
    }

    /// Builds a map from `(key, value)` pairs sorted by key with no
    /// duplicate, in one pass.
    fn from_sorted_unique<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> StringMap {
        let size = pairs
            .iter()
            .map(|(k, v)| k.as_ref().len() + v.as_ref().len())
            .sum();
        let mut map = StringMap {
            text: String::with_capacity(size),
            ends: Vec::with_capacity(pairs.len()),
        };
        for (key, value) in pairs {
            map.text.push_str(key.as_ref());
            let key_end = map.text.len();
            map.text.push_str(value.as_ref());
            map.ends.push((key_end, map.text.len()));
        }
        map
    }

    /// Builds a map from pairs in any order; a later duplicate key wins.
    fn from_pairs<K: AsRef<str>, V: AsRef<str>>(mut pairs: Vec<(K, V)>) -> StringMap {
        let sorted = pairs.windows(2).all(|w| w[0].0.as_ref() < w[1].0.as_ref());
        if !sorted {
            // Stable: equal keys keep input order, so the last is the one kept.
            pairs.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
            let mut unique: Vec<(K, V)> = Vec::with_capacity(pairs.len());
            for pair in pairs {
                match unique.last_mut() {
                    Some(last) if last.0.as_ref() == pair.0.as_ref() => *last = pair,
                    _ => unique.push(pair),
                }
            }
            pairs = unique;
        }
        StringMap::from_sorted_unique(&pairs)
    }
}

/// Iterator over a [`StringMap`]'s entries in key order.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    map: &'a StringMap,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.front == self.back {
            return None;
        }
        let index = self.front;
        self.front += 1;
        Some((self.map.key_at(index), self.map.value_at(index)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.back - self.front;
        (left, Some(left))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        Some((self.map.key_at(self.back), self.map.value_at(self.back)))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a StringMap {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<K: AsRef<str>, V: AsRef<str>> FromIterator<(K, V)> for StringMap {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> StringMap {
        StringMap::from_pairs(pairs.into_iter().collect())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Extend<(K, V)> for StringMap {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, pairs: I) {
        for (key, value) in pairs {
            self.set(key.as_ref(), value.as_ref());
        }
    }
}

impl fmt::Debug for StringMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for StringMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for StringMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StringMap, D::Error> {
        struct MapVisitor;

        impl<'de> Visitor<'de> for MapVisitor {
            type Value = StringMap;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of strings to strings")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<StringMap, A::Error> {
                // Borrow the text when the input allows it (JSON without
                // escapes); only the map's own buffer is allocated then.
                let mut pairs: Vec<(MaybeBorrowed<'de>, MaybeBorrowed<'de>)> =
                    Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some(pair) = access.next_entry()? {
                    pairs.push(pair);
                }
                Ok(StringMap::from_pairs(pairs))
            }
        }

        deserializer.deserialize_map(MapVisitor)
    }
}

/// A string read from the input: borrowed when the format allows it.
struct MaybeBorrowed<'de>(std::borrow::Cow<'de, str>);

impl AsRef<str> for MaybeBorrowed<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for MaybeBorrowed<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;

        impl<'de> Visitor<'de> for StrVisitor {
            type Value = MaybeBorrowed<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(MaybeBorrowed(std::borrow::Cow::Borrowed(text)))
            }

            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(MaybeBorrowed(std::borrow::Cow::Owned(text.to_string())))
            }

            fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
                Ok(MaybeBorrowed(std::borrow::Cow::Owned(text)))
            }
        }

        deserializer.deserialize_string(StrVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_as_a_btree_map_under_inserts_and_removes() {
        let mut map = StringMap::new();
        let mut model: BTreeMap<String, String> = BTreeMap::new();
        let keys = ["m", "a", "z", "", "mm", "a", "b", "z", "c"];
        for (step, key) in keys.iter().enumerate() {
            let value = "v".repeat(step);
            assert_eq!(
                map.insert(key.to_string(), value.clone()),
                model.insert(key.to_string(), value)
            );
            if step % 3 == 2 {
                let gone = keys[step / 2];
                assert_eq!(map.remove(gone), model.remove(gone));
            }
            let expected: Vec<(&str, &str)> = model
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            assert_eq!(map.iter().collect::<Vec<_>>(), expected);
            assert_eq!(map.len(), model.len());
        }
        for key in keys {
            assert_eq!(map.get(key), model.get(key).map(String::as_str));
        }
        assert_eq!(map.iter().rev().count(), model.len());
    }

    #[test]
    fn a_duplicate_key_in_the_input_keeps_the_last_value() {
        let map: StringMap = serde_json::from_str(r#"{"b": "1", "a": "2", "b": "3"}"#).unwrap();
        assert_eq!(map.iter().collect::<Vec<_>>(), [("a", "2"), ("b", "3")]);
    }

    #[test]
    fn escaped_text_round_trips() {
        let map: StringMap = serde_json::from_str(r#"{"k\"ey": "va\nlue", "é": ""}"#).unwrap();
        assert_eq!(map.get("k\"ey"), Some("va\nlue"));
        assert_eq!(map.get("é"), Some(""));
        let again: StringMap = serde_json::from_str(&serde_json::to_string(&map).unwrap()).unwrap();
        assert_eq!(again, map);
    }

    #[test]
    fn a_non_string_value_is_an_error() {
        let error = serde_json::from_str::<StringMap>(r#"{"a": 1}"#).unwrap_err();
        assert!(error.to_string().contains("expected a string"), "{error}");
    }

    #[test]
    fn equal_content_is_equal_whatever_the_order_it_was_built_in() {
        let a = StringMap::from_iter([("x", "1"), ("y", "2")]);
        let mut b = StringMap::new();
        b.insert("y".into(), "2".into());
        b.insert("x".into(), "1".into());
        assert_eq!(a, b);
    }
}
