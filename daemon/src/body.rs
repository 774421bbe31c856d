//! Reading JSON request bodies with Django REST framework's validation messages, so a bad body answers
//! `{"field": ["message"]}` listing every problem at once, as Pulp does: [`decode`] turns a body into one of the
//! typed `*Write` structs of `pulp_shared::api` (wrong types), [`Problems`] collects what the domain then finds
//! wrong with the values; [`Body`] is the older field-by-field reader of the bodies not yet typed.

use crate::error::Error;
use pulp_shared::api::Labels;
use pulp_shared::error::FieldErrors;
use serde_json::{Map, Value};

/// Decodes `value` into `T`, a body struct whose fields are all optional (`#[serde(default)]`), naming every
/// field whose value has the wrong type with DRF's message for it (a missing required field of `T` is
/// [`REQUIRED`]). Unknown fields are ignored, as DRF ignores them.
///
/// Each field is decoded on its own first (a body of that one field), so one bad field does not hide another.
///
/// # Errors
/// [`Error::Invalid`] with a message per bad field; `non_field_errors` when the body is not an object.
pub fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, Error> {
    let Value::Object(map) = value else {
        return Err(Error::field(
            "non_field_errors",
            "Invalid data. Expected a dictionary.",
        ));
    };
    let mut problems = Problems::default();
    let mut valid = Map::new();
    for (field, v) in map {
        let alone = Value::Object(Map::from_iter([(field.clone(), v.clone())]));
        match serde_json::from_value::<T>(alone) {
            Err(e) if missing_field(&e).is_none() => problems.add(field, drf_message(&e)),
            _ => {
                valid.insert(field.clone(), v.clone());
            }
        }
    }
    problems.finish()?;
    serde_json::from_value(Value::Object(valid)).map_err(|e| match missing_field(&e) {
        Some(field) => Error::field(&field, REQUIRED),
        None => Error::field("non_field_errors", drf_message(&e)),
    })
}

/// The field serde reports missing (`missing field `name``), if that is the error.
fn missing_field(e: &serde_json::Error) -> Option<String> {
    let text = e.to_string();
    let rest = text.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_string())
}

/// DRF's message for a value serde could not decode, from what serde expected.
fn drf_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if text.starts_with("invalid type: null") {
        return NOT_NULL.into();
    }
    if let Some(rest) = text.strip_prefix("unknown variant `") {
        let got = rest.split('`').next().unwrap_or_default();
        return format!("\"{got}\" is not a valid choice.");
    }
    let expected = text.rsplit("expected ").next().unwrap_or_default();
    if text.starts_with("invalid value: integer `-") && expected.starts_with('u') {
        return "Ensure this value is greater than or equal to 0.".into();
    }
    match expected.split_whitespace().next().unwrap_or_default() {
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" => "A valid integer is required.".into(),
        "f32" | "f64" => "A valid number is required.".into(),
        "a" | "an" if expected.contains("boolean") => "Must be a valid boolean.".into(),
        "a" if expected.contains("string") => "Not a valid string.".into(),
        "a" if expected.contains("sequence") => "Expected a list of items.".into(),
        "a" if expected.contains("map") => "Expected a dictionary of items.".into(),
        _ => text,
    }
}

/// What is wrong with a decoded body's values, per field, until [`Problems::finish`].
#[derive(Debug, Default)]
pub struct Problems(FieldErrors);

impl Problems {
    /// Records a problem with `field`.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_string())
            .or_default()
            .push(message.into());
    }

    /// Whether `field` has a problem already.
    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// `Ok` when nothing was recorded.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every recorded problem.
    pub fn finish(self) -> Result<(), Error> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.0))
        }
    }

    /// `value` when it is present, or [`REQUIRED`] on `field` in a [`Mode::Full`] body.
    pub fn required<'v, T>(
        &mut self,
        mode: Mode,
        field: &str,
        value: &'v Option<T>,
    ) -> Option<&'v T> {
        if value.is_none() && mode == Mode::Full {
            self.add(field, REQUIRED);
        }
        value.as_ref()
    }

    /// `s` when it is a valid non-blank string value (no NUL), or the problem on `field`.
    pub fn non_blank<'s>(&mut self, field: &str, s: &'s str) -> Option<&'s str> {
        if s.trim().is_empty() {
            self.add(field, BLANK);
            None
        } else if s.contains('\0') {
            self.add(field, NULL_CHARACTERS);
            None
        } else {
            Some(s)
        }
    }

    /// `name` when it is a valid name (see [`Body::name`]), or the problem on `field`.
    pub fn name(&mut self, field: &str, name: &str) -> Option<String> {
        let name = self.non_blank(field, name)?;
        match name_problem(name) {
            Some(problem) => {
                self.add(field, problem);
                None
            }
            None => Some(name.to_string()),
        }
    }

    /// `labels` when every key and value follows the rules of names, or the problem on `field`.
    pub fn labels(&mut self, field: &str, labels: &Labels) -> Option<Labels> {
        for (k, v) in labels {
            if let Some(problem) = name_problem(k).or_else(|| name_problem(v)) {
                self.add(field, format!("Label {:?}: {problem}", cut(k)));
                return None;
            }
        }
        Some(labels.clone())
    }

    /// A nullable string value: `Some(None)` for null or blank (clears the field), `Some(Some(s))` otherwise;
    /// `None` when it holds a NUL (a problem on `field`; the old value stays).
    pub fn optional_string(&mut self, field: &str, s: &Option<String>) -> Option<Option<String>> {
        match s {
            Some(s) if s.contains('\0') => {
                self.add(field, NULL_CHARACTERS);
                None
            }
            Some(s) if s.is_empty() => Some(None),
            s => Some(s.clone()),
        }
    }
}

/// Whether the body is a create/replace (required fields must be present) or a partial update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// POST or PUT: required fields must be present.
    Full,
    /// PATCH: every field optional.
    Partial,
}

pub const REQUIRED: &str = "This field is required.";
pub const NOT_NULL: &str = "This field may not be null.";
pub const BLANK: &str = "This field may not be blank.";
pub const UNIQUE: &str = "This field must be unique.";
/// DRF's `ProhibitNullCharactersValidator`, which every `CharField` has.
pub const NULL_CHARACTERS: &str = "Null characters are not allowed.";
pub const CONTROL_CHARACTERS: &str = "Control characters are not allowed.";

/// Longest name (Pulp's `max_length` on names) and label key or value.
pub const MAX_NAME_LEN: usize = 255;

/// DRF's message for a string longer than `max`.
pub fn too_long(max: usize) -> String {
    format!("Ensure this field has no more than {max} characters.")
}

/// Why `s` is not a name: longer than [`MAX_NAME_LEN`] characters, or holding a control character.
fn name_problem(s: &str) -> Option<String> {
    if s.chars().count() > MAX_NAME_LEN {
        Some(too_long(MAX_NAME_LEN))
    } else if s.contains('\0') {
        Some(NULL_CHARACTERS.into())
    } else if s.chars().any(char::is_control) {
        Some(CONTROL_CHARACTERS.into())
    } else {
        None
    }
}

/// A body being read; collects errors until [`Body::finish`].
pub struct Body<'a> {
    map: &'a Map<String, Value>,
    mode: Mode,
    errors: FieldErrors,
}

impl<'a> Body<'a> {
    /// Starts reading `value`, which must be a JSON object.
    ///
    /// # Errors
    /// `non_field_errors` when the body is not an object.
    pub fn new(value: &'a Value, mode: Mode) -> Result<Body<'a>, Error> {
        match value {
            Value::Object(map) => Ok(Body {
                map,
                mode,
                errors: FieldErrors::new(),
            }),
            _ => Err(Error::field(
                "non_field_errors",
                "Invalid data. Expected a dictionary.",
            )),
        }
    }

    /// Records an error on `field`.
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors
            .entry(field.to_string())
            .or_default()
            .push(message.into());
    }

    /// Whether `field` already has an error.
    pub fn has_error(&self, field: &str) -> bool {
        self.errors.contains_key(field)
    }

    /// Whether the body mentions `field` at all (even as null).
    pub fn has(&self, field: &str) -> bool {
        self.map.contains_key(field)
    }

    /// A required, non-blank string. `None` when absent in a partial update, or on error.
    pub fn required_string(&mut self, field: &str) -> Option<String> {
        match self.map.get(field) {
            None => {
                if self.mode == Mode::Full {
                    self.error(field, REQUIRED);
                }
                None
            }
            Some(Value::Null) => {
                self.error(field, NOT_NULL);
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.error(field, BLANK);
                None
            }
            Some(Value::String(s)) if s.contains('\0') => {
                self.error(field, NULL_CHARACTERS);
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.error(field, "Not a valid string.");
                None
            }
        }
    }

    /// A required name (of a repository, remote or distribution): non-blank, at most [`MAX_NAME_LEN`]
    /// characters, no control characters. `None` when absent in a partial update, or on error.
    pub fn name(&mut self, field: &str) -> Option<String> {
        let name = self.required_string(field)?;
        match name_problem(&name) {
            Some(problem) => {
                self.error(field, problem);
                None
            }
            None => Some(name),
        }
    }

    /// An optional, nullable string: `None` absent, `Some(None)` null (or blank), `Some(Some(s))` a value.
    pub fn nullable_string(&mut self, field: &str) -> Option<Option<String>> {
        match self.map.get(field)? {
            Value::Null => Some(None),
            Value::String(s) if s.contains('\0') => {
                self.error(field, NULL_CHARACTERS);
                None
            }
            Value::String(s) => Some(Some(s.clone())),
            _ => {
                self.error(field, "Not a valid string.");
                None
            }
        }
    }

    /// An optional boolean (absent → `None`).
    pub fn bool(&mut self, field: &str) -> Option<bool> {
        match self.map.get(field)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) if matches!(s.as_str(), "true" | "True" | "1") => Some(true),
            Value::String(s) if matches!(s.as_str(), "false" | "False" | "0") => Some(false),
            _ => {
                self.error(field, "Must be a valid boolean.");
                None
            }
        }
    }

    /// An optional, nullable non-negative integer at least `min`.
    pub fn nullable_u64(&mut self, field: &str, min: u64) -> Option<Option<u64>> {
        match self.map.get(field)? {
            Value::Null => Some(None),
            v => match v
                .as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            {
                Some(n) if n >= min => Some(Some(n)),
                Some(_) => {
                    self.error(
                        field,
                        format!("Ensure this value is greater than or equal to {min}."),
                    );
                    None
                }
                None => {
                    self.error(field, "A valid integer is required.");
                    None
                }
            },
        }
    }

    /// Optional labels: an object of string values; keys and values follow the rules of names.
    pub fn labels(&mut self, field: &str) -> Option<Labels> {
        match self.map.get(field)? {
            Value::Null => Some(Labels::new()),
            Value::Object(m) => {
                let mut labels = Labels::new();
                for (k, v) in m {
                    match v {
                        Value::String(s) => {
                            if let Some(problem) = name_problem(k).or_else(|| name_problem(s)) {
                                self.error(field, format!("Label {:?}: {problem}", cut(k)));
                                return None;
                            }
                            labels.insert(k.clone(), s.clone());
                        }
                        _ => {
                            self.error(field, "Label values must be strings.");
                            return None;
                        }
                    }
                }
                Some(labels)
            }
            _ => {
                self.error(field, "Expected a dictionary of items.");
                None
            }
        }
    }

    /// An optional, nullable list of strings.
    pub fn nullable_string_list(&mut self, field: &str) -> Option<Option<Vec<String>>> {
        match self.map.get(field)? {
            Value::Null => Some(None),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        _ => {
                            self.error(field, "Not a valid string.");
                            return None;
                        }
                    }
                }
                Some(Some(out))
            }
            _ => {
                self.error(field, "Expected a list of items.");
                None
            }
        }
    }

    /// Ends reading: the collected errors, if any.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every recorded field error.
    pub fn finish(self) -> Result<(), Error> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.errors))
        }
    }

    /// Like [`Body::finish`] but keeps reading possible: returns the errors so far, consuming nothing.
    pub fn errors(&self) -> &FieldErrors {
        &self.errors
    }
}

/// The first characters of an untrusted string, for a message.
fn cut(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decode_names_every_field_of_the_wrong_type_with_drf_messages() {
        let body = json!({
            "name": 5,
            "url": null,
            "upstream_name": "ok",
            "policy": "sometimes",
            "tls_validation": "yes",
            "max_retries": -1,
            "download_concurrency": 1.5,
            "total_timeout": "soon",
            "include_tags": "latest",
            "headers": [{"X-A": 1}],
            "pulp_labels": [],
            "unknown": "ignored",
        });
        let Err(Error::Invalid(errors)) = decode::<pulp_shared::api::RemoteWrite>(&body) else {
            panic!("expected invalid")
        };
        let want = |field: &str, message: &str| {
            assert_eq!(
                errors.get(field).map(Vec::as_slice),
                Some(&[message.to_string()][..]),
                "{field}: {errors:?}"
            )
        };
        want("name", "Not a valid string.");
        want("url", NOT_NULL);
        want("policy", "\"sometimes\" is not a valid choice.");
        want("tls_validation", "Must be a valid boolean.");
        want(
            "max_retries",
            "Ensure this value is greater than or equal to 0.",
        );
        want("download_concurrency", "A valid integer is required.");
        want("total_timeout", "A valid number is required.");
        want("include_tags", "Expected a list of items.");
        want("headers", "Not a valid string.");
        want("pulp_labels", "Expected a dictionary of items.");
        assert_eq!(errors.len(), 10, "{errors:?}");
    }

    #[test]
    fn decode_keeps_absent_null_and_values_apart() {
        let w: pulp_shared::api::RemoteWrite = decode(&json!({
            "name": "r", "proxy_url": null, "total_timeout": 2, "headers": [{"X-A": "b"}]
        }))
        .unwrap();
        assert_eq!(w.name.as_deref(), Some("r"));
        assert_eq!(w.url, None);
        assert_eq!(w.settings.proxy_url, Some(None));
        assert_eq!(w.settings.total_timeout, Some(Some(2.0)));
        assert_eq!(w.settings.headers.unwrap()[0]["X-A"], "b");
        assert!(matches!(
            decode::<pulp_shared::api::RemoteWrite>(&json!([])),
            Err(Error::Invalid(e)) if e.contains_key("non_field_errors")
        ));
    }

    #[test]
    fn collects_every_missing_field() {
        let v = json!({});
        let mut b = Body::new(&v, Mode::Full).unwrap();
        b.required_string("name");
        b.required_string("base_path");
        let Err(Error::Invalid(errors)) = b.finish() else {
            panic!("expected invalid")
        };
        assert_eq!(errors["name"], vec![REQUIRED]);
        assert_eq!(errors["base_path"], vec![REQUIRED]);
    }

    #[test]
    fn partial_mode_does_not_require() {
        let v = json!({"description": null});
        let mut b = Body::new(&v, Mode::Partial).unwrap();
        assert_eq!(b.required_string("name"), None);
        assert_eq!(b.nullable_string("description"), Some(None));
        assert!(b.finish().is_ok());
    }

    #[test]
    fn names_are_short_and_free_of_control_characters() {
        let long = "n".repeat(MAX_NAME_LEN);
        let v = json!({
            "ok": long,
            "long": format!("{long}n"),
            "nul": "a\u{0}b",
            "tab": "a\tb",
            "labels": {"k": "v\u{7}"},
            "other": "x\u{0}",
        });
        let mut b = Body::new(&v, Mode::Full).unwrap();
        assert_eq!(b.name("ok").map(|n| n.chars().count()), Some(MAX_NAME_LEN));
        assert_eq!(b.name("long"), None);
        assert_eq!(b.name("nul"), None);
        assert_eq!(b.name("tab"), None);
        assert_eq!(b.labels("labels"), None);
        assert_eq!(b.nullable_string("other"), None);
        let Err(Error::Invalid(errors)) = b.finish() else {
            panic!("expected invalid")
        };
        assert_eq!(
            errors["long"],
            ["Ensure this field has no more than 255 characters."]
        );
        assert_eq!(errors["nul"], [NULL_CHARACTERS]);
        assert_eq!(errors["tab"], [CONTROL_CHARACTERS]);
        assert_eq!(
            errors["labels"],
            [format!("Label \"k\": {CONTROL_CHARACTERS}")]
        );
        assert_eq!(errors["other"], [NULL_CHARACTERS]);
    }
}
