//! Pulp's `pulp_label_select` filter: comma-separated terms over a record's `pulp_labels`:
//! `key=value` (equal), `key!=value` (present and different), `key~value` (present and containing `value`,
//! case-insensitive), `key` (present), `!key` (absent). Every term must hold.

use crate::error::{Error, Result};
use crate::listing::ListParams;
use pulp_shared::api::Labels;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Equal(String, String),
    NotEqual(String, String),
    Contains(String, String),
    Present(String),
    Absent(String),
}

/// A parsed `pulp_label_select`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelSelect(Vec<Term>);

/// Pulp's key pattern: word characters and spaces.
fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c.is_whitespace())
}

impl LabelSelect {
    /// Parses `value`.
    ///
    /// # Errors
    /// [`Error::Invalid`] with Pulp's message for a term it cannot read.
    pub fn parse(value: &str) -> Result<LabelSelect> {
        let invalid = |term: &str| {
            Error::field(
                "pulp_label_select",
                format!("Invalid search term: '{term}'."),
            )
        };
        let mut terms = Vec::new();
        for term in value.split(',') {
            let (negated, rest) = match term.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, term),
            };
            let split = rest
                .find(['=', '!', '~'])
                .map(|at| (&rest[..at], &rest[at..]));
            let parsed = match split {
                None if negated => Term::Absent(rest.to_string()),
                None => Term::Present(rest.to_string()),
                Some((key, op_value)) => {
                    if negated {
                        return Err(Error::field(
                            "pulp_label_select",
                            format!("Cannot use an operator with '!{key}'."),
                        ));
                    }
                    if let Some(v) = op_value.strip_prefix("!=") {
                        Term::NotEqual(key.to_string(), v.to_string())
                    } else if let Some(v) = op_value.strip_prefix('=') {
                        Term::Equal(key.to_string(), v.to_string())
                    } else if let Some(v) = op_value.strip_prefix('~') {
                        Term::Contains(key.to_string(), v.to_lowercase())
                    } else {
                        return Err(invalid(term));
                    }
                }
            };
            let key = match &parsed {
                Term::Equal(k, _)
                | Term::NotEqual(k, _)
                | Term::Contains(k, _)
                | Term::Present(k)
                | Term::Absent(k) => k,
            };
            if !valid_key(key) {
                return Err(invalid(term));
            }
            terms.push(parsed);
        }
        Ok(LabelSelect(terms))
    }

    /// Whether `labels` pass every term.
    pub fn matches(&self, labels: &Labels) -> bool {
        self.0.iter().all(|term| match term {
            Term::Equal(k, v) => labels.get(k) == Some(v),
            Term::NotEqual(k, v) => labels.get(k).is_some_and(|l| l != v),
            Term::Contains(k, v) => labels.get(k).is_some_and(|l| l.to_lowercase().contains(v)),
            Term::Present(k) => labels.contains_key(k),
            Term::Absent(k) => !labels.contains_key(k),
        })
    }
}

impl ListParams {
    /// Whether `labels` pass the `pulp_label_select` filter (validated by [`ListParams::parse`]; an unreadable
    /// one lets nothing through).
    pub fn labels_match(&self, labels: &Labels) -> bool {
        match self.filter("pulp_label_select") {
            None => true,
            Some(select) => LabelSelect::parse(select).is_ok_and(|s| s.matches(labels)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn each_operator_selects_as_pulp_does() {
        let prod = labels(&[("env", "Production"), ("team", "infra")]);
        let dev = labels(&[("env", "dev")]);
        let none = Labels::new();
        let select = |s: &str| {
            let s = LabelSelect::parse(s).unwrap();
            [&prod, &dev, &none].map(|l| s.matches(l))
        };
        assert_eq!(select("env=dev"), [false, true, false]);
        assert_eq!(select("env!=dev"), [true, false, false]);
        assert_eq!(select("env~PROD"), [true, false, false]);
        assert_eq!(select("env"), [true, true, false]);
        assert_eq!(select("!env"), [false, false, true]);
        assert_eq!(select("env,team=infra"), [true, false, false]);
        assert_eq!(select("!team,env"), [false, true, false]);
    }

    #[test]
    fn unreadable_terms_are_field_errors() {
        for bad in ["", "!env=dev", "a-b=c", "env>dev"] {
            let e = LabelSelect::parse(bad).unwrap_err();
            assert!(e.to_string().contains("pulp_label_select"), "{bad}: {e}");
        }
    }
}
