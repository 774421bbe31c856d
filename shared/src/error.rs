//! Error bodies: Pulp's (Django REST framework) and the OCI distribution spec's.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `{"detail": "..."}`: Pulp's body for 401, 403, 404, 405, 409 and malformed JSON.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Detail {
    pub detail: String,
}

/// `{"field": ["message", ...]}`: Pulp's body for a 400 validation error. Errors that concern no single field
/// are under `non_field_errors`.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// Renders a Pulp error body as one human line: the `detail`, or `field: message` pairs joined by `; `.
/// Falls back to the raw text when the body is neither shape.
pub fn describe_api_error(body: &str) -> String {
    if let Ok(d) = serde_json::from_str::<Detail>(body) {
        return d.detail;
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body) {
        let parts: Vec<String> = map
            .iter()
            .map(|(field, v)| {
                let msg = flatten_messages(v).join(" ");
                if field == "non_field_errors" {
                    msg
                } else {
                    format!("{field}: {msg}")
                }
            })
            .collect();
        if !parts.is_empty() {
            return parts.join("; ");
        }
    }
    body.trim().to_string()
}

fn flatten_messages(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(flatten_messages).collect(),
        serde_json::Value::Object(map) => map.values().flat_map(flatten_messages).collect(),
        other => vec![other.to_string()],
    }
}

/// One entry of an OCI error body.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OciError {
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub detail: serde_json::Value,
}

/// `{"errors": [...]}` as the OCI distribution spec defines it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OciErrors {
    pub errors: Vec<OciError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_field_errors_and_details() {
        assert_eq!(
            describe_api_error(r#"{"base_path":["This field must be unique."]}"#),
            "base_path: This field must be unique."
        );
        assert_eq!(
            describe_api_error(r#"{"detail":"Invalid username/password."}"#),
            "Invalid username/password."
        );
        assert_eq!(
            describe_api_error(r#"{"non_field_errors":["Only one."]}"#),
            "Only one."
        );
        assert_eq!(describe_api_error("oops\n"), "oops");
    }
}
