//! A fast, deterministic hasher for the crate's internal lookup tables
//! (node names, interned label strings, reason signatures).
//!
//! These maps are only ever looked up, never iterated into a result, so no
//! hash order can leak into output; what matters is speed on short keys.
//! The standard SipHash guards against collision attacks on maps that an
//! adversary fills and a server keeps; here each map lives for one plan.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A word-at-a-time multiplicative hasher (the `FxHash` construction used
/// inside rustc): eight bytes per step instead of one.
///
/// ```
/// use std::hash::{Hash, Hasher};
/// use daemonset_planner::hashing::WordHasher;
/// let hash = |s: &str| { let mut h = WordHasher::default(); s.hash(&mut h); h.finish() };
/// assert_eq!(hash("node-1"), hash("node-1"));
/// assert_ne!(hash("node-1"), hash("node-2"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // A final avalanche so that hashbrown's use of the top bits sees
        // the low bytes too.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    #[inline]
    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    #[inline]
    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    #[inline]
    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }
}

/// A `HashMap` using [`WordHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Distinct strings and their ids (0, 1, 2, ... in first-seen order), all
/// stored back to back in one buffer: interning a string already seen
/// allocates nothing and a new one only grows the buffer, and a lookup
/// compares against that compact buffer rather than against strings
/// scattered through the heap (at 100k nodes, the difference between a
/// cache hit and a miss per lookup).
#[derive(Debug, Clone, Default)]
pub(crate) struct StringIds {
    /// The 64-bit hash of a string → the id of the first string with it.
    by_hash: FastMap<u64, u32>,
    /// Strings whose hash equals an earlier, different string's (hardly
    /// ever non-empty; kept so that a collision never merges two strings).
    collided: FastMap<Box<str>, u32>,
    /// All strings, back to back.
    text: String,
    /// Id → where its string ends in `text` (it starts where the previous ends).
    ends: Vec<usize>,
}

impl StringIds {
    fn hash(text: &str) -> u64 {
        let mut hasher = WordHasher::default();
        hasher.write(text.as_bytes());
        hasher.finish()
    }

    /// The string of `id`.
    pub(crate) fn get(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text[start..self.ends[id]]
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id of `text`, if interned.
    pub(crate) fn lookup(&self, text: &str) -> Option<u32> {
        let id = *self.by_hash.get(&StringIds::hash(text))?;
        if self.get(id) == text {
            Some(id)
        } else {
            self.collided.get(text).copied()
        }
    }

    pub(crate) fn intern(&mut self, text: &str) -> u32 {
        let hash = StringIds::hash(text);
        let first = self.by_hash.get(&hash).copied();
        if let Some(id) = first {
            if self.get(id) == text {
                return id;
            }
            if let Some(&id) = self.collided.get(text) {
                return id;
            }
        }
        let id = u32::try_from(self.ends.len())
            .ok()
            .filter(|&id| id != u32::MAX)
            .expect("fewer than u32::MAX distinct strings");
        self.text.push_str(text);
        self.ends.push(self.text.len());
        match first {
            None => {
                self.by_hash.insert(hash, id);
            }
            Some(_) => {
                self.collided.insert(text.into(), id);
            }
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    #[test]
    fn the_interner_gives_one_id_per_distinct_string() {
        let mut strings = StringIds::default();
        let words = ["zone", "a", "", "zone", "b", "a", ""];
        let ids: Vec<u32> = words.iter().map(|w| strings.intern(w)).collect();
        assert_eq!(ids, [0, 1, 2, 0, 3, 1, 2]);
        for (word, id) in words.iter().zip(&ids) {
            assert_eq!(strings.get(*id), *word);
            assert_eq!(strings.lookup(word), Some(*id));
        }
        assert_eq!(strings.lookup("c"), None);
    }

    #[test]
    fn a_hash_collision_never_merges_two_strings() {
        let mut strings = StringIds::default();
        let a = strings.intern("a");
        // Pretend "b" hashes like "a": its hash slot already names "a".
        strings.by_hash.insert(StringIds::hash("b"), a);
        let b = strings.intern("b");
        assert_ne!(a, b);
        assert_eq!(strings.intern("b"), b);
        assert_eq!(strings.lookup("b"), Some(b));
        assert_eq!(strings.lookup("a"), Some(a));
        assert_eq!(strings.get(b), "b");
    }

    fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
        let mut hasher = WordHasher::default();
        value.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn strings_that_differ_only_past_a_word_boundary_hash_apart() {
        assert_ne!(
            hash("kubernetes.io/hostname-a"),
            hash("kubernetes.io/hostname-b")
        );
        assert_ne!(hash("abcdefgh"), hash("abcdefgh\0"));
        assert_ne!(hash(""), hash("\0"));
    }

    #[test]
    fn a_map_finds_what_it_holds() {
        let mut map: FastMap<String, usize> = FastMap::default();
        for i in 0..1000 {
            map.insert(format!("node-{i}"), i);
        }
        assert!((0..1000).all(|i| map[&format!("node-{i}")] == i));
        assert_eq!(map.get("node-1000"), None);
    }
}
