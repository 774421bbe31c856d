//! Field-by-field reading of a JSON request body with Django REST framework's validation messages, so a bad
//! body answers `{"field": ["message"]}` listing every problem at once, as Pulp does.

use crate::error::Error;
use pulp_shared::api::Labels;
use pulp_shared::error::FieldErrors;
use serde_json::{Map, Value};

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
