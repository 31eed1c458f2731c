//! JSON in which every object names each key once.
//!
//! The JSON standard leaves an object with a repeated key undefined, and
//! `serde_json` quietly keeps the last value: `"id": "tiny", "id": "other"`
//! would mean "other" while a person reading the file sees "tiny". Guides,
//! data files and imports refuse such a file, saying where the repeated key is.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses `text` into a [`Value`] in one pass, refusing an object that names
/// a key twice. The error's line and column are just after the repeated key.
pub fn value_from_str(text: &str) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = StrictValue.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Checks that no object in `text` names a key twice, building nothing.
/// Syntax errors are reported too; [`is_repeated_key`] tells them apart.
pub fn check_keys(text: &str) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    KeyCheck.deserialize(&mut deserializer)?;
    deserializer.end()
}

/// Whether `error` (from [`value_from_str`] or [`check_keys`]) is about a
/// repeated key, rather than JSON syntax.
pub fn is_repeated_key(error: &serde_json::Error) -> bool {
    error.is_data() && error.to_string().contains(REPEATED)
}

const REPEATED: &str = "is named twice in one object";

fn repeated<E: de::Error>(key: &str) -> E {
    E::custom(format_args!(
        "the key {key:?} {REPEATED}; keep only one of them"
    ))
}

/// The keys of one object seen so far: a short list for the usual small
/// object, a set once it grows.
#[derive(Default)]
struct Keys<'de> {
    few: Vec<Cow<'de, str>>,
    many: HashSet<Cow<'de, str>>,
}

impl<'de> Keys<'de> {
    const FEW: usize = 16;

    /// Adds `key`; false if it was already there.
    fn insert(&mut self, key: Cow<'de, str>) -> bool {
        if self.many.is_empty() {
            if self.few.contains(&key) {
                return false;
            }
            if self.few.len() < Self::FEW {
                self.few.push(key);
                return true;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(key)
    }
}

/// A key, borrowed from the text when it has no escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}

/// Any JSON value, checked and thrown away.
struct KeyCheck;

impl<'de> DeserializeSeed<'de> for KeyCheck {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeyCheck {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(KeyCheck)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = Keys::default();
        while let Some(key) = map.next_key_seed(Key)? {
            if !keys.insert(key.clone()) {
                return Err(repeated(&key));
            }
            map.next_value_seed(KeyCheck)?;
        }
        Ok(())
    }
}

/// Any JSON value, built as a [`Value`] while its keys are checked.
struct StrictValue;

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }
    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }
    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }
    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }
    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(StrictValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key_seed(Key)? {
            if object.contains_key(key.as_ref()) {
                return Err(repeated(&key));
            }
            let value = map.next_value_seed(StrictValue)?;
            object.insert(key.into_owned(), value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_refused_where_it_is() {
        let text = "{\n  \"a\": 1,\n  \"b\": {\"c\": [1, {\"d\": 2, \"d\": 3}]}\n}";
        for error in [
            value_from_str(text).unwrap_err(),
            check_keys(text).unwrap_err(),
        ] {
            assert!(is_repeated_key(&error), "{error}");
            assert_eq!(error.line(), 3, "{error}");
            assert!(error.to_string().contains("\"d\""), "{error}");
        }
        let escaped = r#"{"k\u0065y": 1, "key": 2}"#;
        assert!(check_keys(escaped).is_err());
        assert!(value_from_str(escaped).is_err());
    }

    #[test]
    fn everything_else_reads_as_serde_json_reads_it() {
        let many: String = (0..100).fold(String::new(), |mut many, i| {
            many.push_str(&format!("\"k{i}\": {i}, "));
            many
        });
        let text = format!(
            r#"{{"a": [1, -2, 3.5, true, null, "x\n"], "b": {{"a": {{}}}}, {many}"z": "é"}}"#
        );
        let expected: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value_from_str(&text).unwrap(), expected);
        assert!(check_keys(&text).is_ok());
        let broken = check_keys("{\"a\": ").unwrap_err();
        assert!(!is_repeated_key(&broken));
        assert!(check_keys("[1] 2").is_err(), "trailing data");
    }
}
