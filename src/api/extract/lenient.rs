//! Deserializers for values that arrive as strings from forms and query strings but as typed values from
//! JSON: booleans as `1/0/true/false/on/off`, numbers as digits, lists as one value or many.

use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_json::Value;

fn parse_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "on" | "yes" => Some(true),
            "0" | "false" | "off" | "no" | "" => Some(false),
            _ => None,
        },
        Value::Null => Some(false),
        _ => None,
    }
}

pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None => Ok(None),
        Some(v) => parse_bool(&v)
            .map(Some)
            .ok_or_else(|| de::Error::custom(format!("`{v}` is not a boolean"))),
    }
}

pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(Some)
            .ok_or_else(|| de::Error::custom(format!("`{n}` is not a whole number"))),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| de::Error::custom(format!("`{s}` is not a whole number"))),
        Some(v) => Err(de::Error::custom(format!("`{v}` is not a whole number"))),
    }
}

/// A string field that may arrive as a number in JSON.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => Ok(Some(v.to_string())),
        Some(v) => Err(de::Error::custom(format!("`{v}` is not a string"))),
    }
}

/// A list given as `key[]=a&key[]=b`, as a JSON array, or as a single `key=a`.
pub fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let scalar = |v: Value| match v {
        Value::String(s) => Ok(s),
        v @ Value::Number(_) => Ok(v.to_string()),
        v => Err(de::Error::custom(format!("`{v}` is not a string"))),
    };
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(vec![]),
        Some(Value::Array(items)) => items.into_iter().map(scalar).collect(),
        Some(v) => Ok(vec![scalar(v)?]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize, Debug, PartialEq)]
    struct P {
        #[serde(default, deserialize_with = "opt_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "opt_u64")]
        n: Option<u64>,
        #[serde(default, deserialize_with = "string_list")]
        l: Vec<String>,
    }

    fn p(v: Value) -> Result<P, serde_json::Error> {
        serde_json::from_value(v)
    }

    #[test]
    fn accepts_form_and_json_shapes() {
        assert_eq!(
            p(json!({"b": "1", "n": "40", "l": "x"})).unwrap(),
            P {
                b: Some(true),
                n: Some(40),
                l: vec!["x".into()]
            }
        );
        assert_eq!(
            p(json!({"b": false, "n": 3, "l": ["a", "b"]}))
                .unwrap()
                .l
                .len(),
            2
        );
        assert_eq!(p(json!({"b": "off"})).unwrap().b, Some(false));
        assert_eq!(
            p(json!({})).unwrap(),
            P {
                b: None,
                n: None,
                l: vec![]
            }
        );
        assert!(p(json!({"b": "maybe"})).is_err());
        assert!(p(json!({"n": "-1"})).is_err());
    }
}
