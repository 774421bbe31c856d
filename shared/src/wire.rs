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
}
