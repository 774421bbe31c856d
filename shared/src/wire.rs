//! serde helpers for request bodies that tell "absent" from "null", as Pulp's serializers do: a field left out
//! of a partial update keeps its value, `null` clears a nullable one and is refused for the others.
//!
//! Use them with `#[serde(default, deserialize_with = "…")]` on `Option` fields.

use serde::{Deserialize, Deserializer};

/// For a nullable field as `Option<Option<T>>`: absent → `None` (by `default`), `null` → `Some(None)`, a value
/// → `Some(Some(v))`.
///
/// # Errors
/// When the value is not a `T`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// For a field that may be left out but not be `null`, as `Option<T>`: absent → `None` (by `default`), `null`
/// → an "invalid type: null" error, a value → `Some(v)`.
///
/// # Errors
/// When the value is `null` or not a `T`.
pub fn not_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// For a field whose `null` means its empty value (labels), as `Option<T>`: absent → `None`, `null` →
/// `Some(T::default())`.
///
/// # Errors
/// When the value is not a `T`.
pub fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(|v| Some(v.unwrap_or_default()))
}

/// The numbers a body field may hold: DRF's `IntegerField` and `FloatField` take a JSON number or a string
/// holding one (`"3"`), and so does pulpd.
pub trait Number: Sized + std::str::FromStr {
    /// serde's name of the type (`u64`, `f64`): what an error says was expected, which the daemon turns
    /// into DRF's message.
    const NAME: &'static str;
    fn from_u64(v: u64) -> Option<Self>;
    fn from_i64(v: i64) -> Option<Self>;
    fn from_f64(v: f64) -> Option<Self>;
}

impl Number for u64 {
    const NAME: &'static str = "u64";
    fn from_u64(v: u64) -> Option<u64> {
        Some(v)
    }
    fn from_i64(v: i64) -> Option<u64> {
        u64::try_from(v).ok()
    }
    fn from_f64(v: f64) -> Option<u64> {
        // DRF's IntegerField takes 3.0 but not 3.5.
        (v.fract() == 0.0 && v >= 0.0 && v <= u64::MAX as f64).then_some(v as u64)
    }
}

impl Number for f64 {
    const NAME: &'static str = "f64";
    fn from_u64(v: u64) -> Option<f64> {
        Some(v as f64)
    }
    fn from_i64(v: i64) -> Option<f64> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<f64> {
        v.is_finite().then_some(v)
    }
}

/// A [`Number`] read from a number or a numeric string.
struct Lenient<T>(T);

impl<'de, T: Number> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected, Visitor};
        struct V<T>(std::marker::PhantomData<T>);
        impl<T: Number> Visitor<'_> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(T::NAME)
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
                T::from_u64(v).ok_or_else(|| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<T, E> {
                T::from_i64(v).ok_or_else(|| E::invalid_value(Unexpected::Signed(v), &self))
            }
            fn visit_f64<E: Error>(self, v: f64) -> Result<T, E> {
                T::from_f64(v).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<T, E> {
                let t = v.trim();
                if let Ok(n) = t.parse::<u64>() {
                    return self.visit_u64(n);
                }
                if let Ok(n) = t.parse::<i64>() {
                    return self.visit_i64(n);
                }
                match t.parse::<f64>() {
                    Ok(n) => self.visit_f64(n),
                    Err(_) => Err(E::invalid_type(Unexpected::Str(v), &self)),
                }
            }
        }
        deserializer
            .deserialize_any(V(std::marker::PhantomData))
            .map(Lenient)
    }
}

/// [`nullable`] for a [`Number`]: also takes a numeric string.
///
/// # Errors
/// When the value is neither null, a number of the type, nor a string holding one.
pub fn nullable_number<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Number,
{
    Option::<Lenient<T>>::deserialize(deserializer).map(|v| Some(v.map(|l| l.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Body {
        #[serde(default, deserialize_with = "nullable")]
        proxy_url: Option<Option<String>>,
        #[serde(default, deserialize_with = "not_null")]
        name: Option<String>,
        #[serde(default, deserialize_with = "null_as_empty")]
        labels: Option<Vec<String>>,
    }

    #[test]
    fn absent_null_and_values_stay_apart() {
        let absent: Body = serde_json::from_value(json!({})).unwrap();
        assert_eq!(
            absent,
            Body {
                proxy_url: None,
                name: None,
                labels: None
            }
        );
        let null: Body =
            serde_json::from_value(json!({"proxy_url": null, "labels": null})).unwrap();
        assert_eq!(null.proxy_url, Some(None));
        assert_eq!(null.labels, Some(vec![]));
        let set: Body =
            serde_json::from_value(json!({"proxy_url": "http://p", "name": "n"})).unwrap();
        assert_eq!(set.proxy_url, Some(Some("http://p".into())));
        assert_eq!(set.name.as_deref(), Some("n"));
        let err = serde_json::from_value::<Body>(json!({"name": null})).unwrap_err();
        assert!(err.to_string().starts_with("invalid type: null"), "{err}");
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Numbers {
        #[serde(default, deserialize_with = "nullable_number")]
        retries: Option<Option<u64>>,
        #[serde(default, deserialize_with = "nullable_number")]
        timeout: Option<Option<f64>>,
    }

    #[test]
    fn numbers_come_as_numbers_or_numeric_strings_as_drf_takes_them() {
        let n: Numbers = serde_json::from_value(json!({"retries": "3", "timeout": "1.5"})).unwrap();
        assert_eq!(
            n,
            Numbers {
                retries: Some(Some(3)),
                timeout: Some(Some(1.5))
            }
        );
        let n: Numbers = serde_json::from_value(json!({"retries": 3.0, "timeout": 2})).unwrap();
        assert_eq!(
            n,
            Numbers {
                retries: Some(Some(3)),
                timeout: Some(Some(2.0))
            }
        );
        let n: Numbers = serde_json::from_value(json!({"retries": null})).unwrap();
        assert_eq!(
            n,
            Numbers {
                retries: Some(None),
                timeout: None
            }
        );
        for (bad, says) in [
            (json!({"retries": "x"}), "expected u64"),
            (json!({"retries": true}), "expected u64"),
            (
                json!({"retries": -1}),
                "invalid value: integer `-1`, expected u64",
            ),
            (json!({"retries": 1.5}), "expected u64"),
            (json!({"timeout": "soon"}), "expected f64"),
        ] {
            let e = serde_json::from_value::<Numbers>(bad.clone())
                .unwrap_err()
                .to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }
}
