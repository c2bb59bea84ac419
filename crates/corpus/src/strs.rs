//! [`Str`]: an immutable, shared string for the fields a corpus repeats (actor names and roles,
//! forms, speakers, cues, evidence, outlets, authors), and the string table a bundle stores
//! them in.
//!
//! At 100k articles an opened corpus held about 60 such strings per article, most of them
//! copies of a few thousand distinct ones: as `String`s they were half of the explorer's
//! memory. A `Str` is a reference-counted pointer, so copies share one allocation, and a thin
//! one (an [`ArcStr`]: length and count live with the bytes), so a field holding it takes one
//! word: 4 bytes in wasm32, where an `Arc<str>` took 8 (at 100k articles, with about 20 such
//! fields per article and its actors and quotes, that was 19 MB); a bundle
//! stores each distinct string once, in a table, and every field as its number in the table
//! ([`Table`]), so that reading a bundle makes each distinct string once and shares it.
//!
//! Outside a table (JSON, or a bundle layout from before the table) a `Str` is serialised as
//! the plain string it holds, so the corpus JSON is what it was with `String`s.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;

use arcstr::ArcStr;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable string whose clones share their bytes (the empty one allocates nothing).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Str(ArcStr);

impl Str {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Str {
    fn default() -> Str {
        Str(ArcStr::new())
    }
}

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(ArcStr::from(s))
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(ArcStr::from(s))
    }
}

impl From<&String> for Str {
    fn from(s: &String) -> Str {
        Str(ArcStr::from(s.as_str()))
    }
}

impl From<&Str> for Str {
    fn from(s: &Str) -> Str {
        s.clone()
    }
}

impl From<Str> for String {
    fn from(s: Str) -> String {
        s.0.as_str().to_owned()
    }
}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Str> for String {
    fn eq(&self, other: &Str) -> bool {
        **self == *other.0
    }
}

/// The string table a bundle is written with or read with, on this thread.
enum Table {
    /// Writing: each string's number.
    Write(HashMap<Str, u32>),
    /// Counting how often each string occurs (so the commonest get the smallest numbers).
    Count(HashMap<Str, (u32, u32)>),
    /// Reading: the strings by number.
    Read(Vec<Str>),
}

thread_local! {
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Sets the thread's table for as long as it lives.
struct Scope;

impl Scope {
    fn new(table: Table) -> Scope {
        TABLE.with(|t| *t.borrow_mut() = Some(table));
        Scope
    }

    fn take(self) -> Option<Table> {
        TABLE.with(|t| t.borrow_mut().take())
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        TABLE.with(|t| *t.borrow_mut() = None);
    }
}

/// Serialise `value` with its [`Str`]s as numbers into a table of distinct strings, the
/// commonest first (so most numbers take one or two bytes): the table, and the serialised value.
pub fn write_with_table<T>(value: &T, write: impl Fn(&T) -> Vec<u8>) -> (Vec<Str>, Vec<u8>) {
    let scope = Scope::new(Table::Count(HashMap::new()));
    write(value);
    let Some(Table::Count(counts)) = scope.take() else { unreachable!("the table was set above") };
    let mut strings: Vec<(Str, (u32, u32))> = counts.into_iter().collect();
    // The commonest first; among equals, the first seen first (so the table is the same on
    // every run).
    strings.sort_by(|(_, (n, first)), (_, (m, other))| m.cmp(n).then(first.cmp(other)));
    let strings: Vec<Str> = strings.into_iter().map(|(s, _)| s).collect();
    let numbers = strings.iter().enumerate().map(|(i, s)| (s.clone(), i as u32)).collect();
    let _scope = Scope::new(Table::Write(numbers));
    let bytes = write(value);
    (strings, bytes)
}

/// Read a value written by [`write_with_table`], its [`Str`]s taken from `table` (shared, not copied).
pub fn read_with_table<T>(table: Vec<Str>, read: impl FnOnce() -> T) -> T {
    let _scope = Scope::new(Table::Read(table));
    read()
}

impl Serialize for Str {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            let number = TABLE.with(|t| match t.borrow_mut().as_mut() {
                Some(Table::Write(numbers)) => Some(numbers.get(self).copied().expect("every string was counted")),
                Some(Table::Count(counts)) => {
                    let seen = counts.len() as u32;
                    counts.entry(self.clone()).or_insert((0, seen)).0 += 1;
                    Some(0)
                }
                _ => None,
            });
            if let Some(n) = number {
                return serializer.serialize_u32(n);
            }
        }
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Str {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Str, D::Error> {
        let reading = !deserializer.is_human_readable() && TABLE.with(|t| matches!(*t.borrow(), Some(Table::Read(_))));
        if reading {
            let n = u32::deserialize(deserializer)?;
            return TABLE.with(|t| match t.borrow().as_ref() {
                Some(Table::Read(strings)) => {
                    strings.get(n as usize).cloned().ok_or_else(|| D::Error::custom(format!("string {n} is not in the table")))
                }
                _ => unreachable!("checked above"),
            });
        }
        // Borrowed where the format allows (postcard), so the string is allocated once.
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Str;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Str, E> {
                Ok(Str::from(v))
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_its_bytes_and_compares_as_a_string() {
        let a = Str::from("Sergei Lavrov");
        let b = a.clone();
        assert!(std::ptr::eq(a.as_ptr(), b.as_ptr()));
        assert_eq!(a, "Sergei Lavrov");
        assert_eq!("Sergei Lavrov".to_owned(), a);
        assert_eq!(format!("{a}|{a:?}"), "Sergei Lavrov|\"Sergei Lavrov\"");
        // One word a field, with or without an `Option` around it.
        assert_eq!(std::mem::size_of::<Str>(), std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<Option<Str>>(), std::mem::size_of::<usize>());
        assert_eq!(Str::default(), "");
    }

    #[cfg(feature = "process")]
    #[test]
    fn json_is_the_plain_string() {
        let v = vec![Str::from("a"), Str::from("b\"")];
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"["a","b\""]"#);
        assert_eq!(serde_json::from_str::<Vec<Str>>(&json).unwrap(), v);
    }

    #[test]
    fn a_table_stores_each_string_once_the_commonest_first_and_reading_shares_them() {
        let v: Vec<Str> = ["x", "long repeated string", "long repeated string", "y", "long repeated string"].map(Str::from).to_vec();
        let (table, bytes) = write_with_table(&v, |v| postcard::to_allocvec(v).unwrap());
        assert_eq!(table, vec![Str::from("long repeated string"), Str::from("x"), Str::from("y")]);
        assert_eq!(bytes, vec![5, 1, 0, 0, 2, 0]);
        let back: Vec<Str> = read_with_table(table, || postcard::from_bytes(&bytes).unwrap());
        assert_eq!(back, v);
        assert!(std::ptr::eq(back[1].as_ptr(), back[4].as_ptr()));
        // Without a table, the strings are written out.
        let plain = postcard::to_allocvec(&v).unwrap();
        assert_eq!(postcard::from_bytes::<Vec<Str>>(&plain).unwrap(), v);
        // A number past the table is an error, not a panic.
        let short = vec![Str::from("x")];
        assert!(read_with_table(short, || postcard::from_bytes::<Vec<Str>>(&bytes)).is_err());
    }
}
