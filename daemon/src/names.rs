//! The OCI grammar of what a registry path names: repository names, tags and digests.
//!
//! - A repository name is `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*` and at most
//!   [`MAX_NAME_LEN`] characters (distribution-spec, "Pulling manifests"; Distribution's `reference` package
//!   caps the name at 255). Base paths of distributions are repository names, since clients pull them as such.
//! - A tag is `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}` (distribution-spec).
//! - A digest is `algorithm ":" encoded` with `algorithm` = `[a-z0-9]+([+._-][a-z0-9]+)*` and `encoded` =
//!   `[a-zA-Z0-9=_-]+` (image-spec, descriptor.md). Which algorithms pulpd can serve is `blobs::Digest`'s
//!   business; this grammar only says whether a path segment is meant as a digest.
//!
//! Invariant: a [`RepositoryName`] value always matches the name grammar. Matching is by hand rather than with
//! a regex engine: the grammar is small, and the property tests check this matcher against the spec's regex.

use std::fmt;

/// Longest repository name (and so base path), in characters.
pub const MAX_NAME_LEN: usize = 255;
/// Longest tag, in characters.
pub const MAX_TAG_LEN: usize = 128;

/// Why a string is not a repository name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Longer than [`MAX_NAME_LEN`]; DRF's wording for a too-long field.
    #[error("Ensure this field has no more than {MAX_NAME_LEN} characters.")]
    TooLong,
    /// Outside the grammar.
    #[error("The provided registry path contains forbidden characters.")]
    Grammar,
}

/// A repository name that matches the OCI distribution spec's grammar.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RepositoryName(String);

impl RepositoryName {
    /// Checks `s` against the name grammar and length.
    ///
    /// # Errors
    /// [`NameError::TooLong`] or [`NameError::Grammar`].
    pub fn parse(s: &str) -> Result<RepositoryName, NameError> {
        if s.len() > MAX_NAME_LEN {
            return Err(NameError::TooLong);
        }
        if !s.split('/').all(|c| is_name_component(c.as_bytes())) {
            return Err(NameError::Grammar);
        }
        Ok(RepositoryName(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RepositoryName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`: runs of lowercase alphanumerics joined by one separator each.
fn is_name_component(c: &[u8]) -> bool {
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let mut i = 0;
    loop {
        let run = c[i..].iter().take_while(|b| alnum(b)).count();
        if run == 0 {
            return false;
        }
        i += run;
        match c.get(i) {
            None => return true,
            Some(b'.') => i += 1,
            Some(b'_') => i += if c.get(i + 1) == Some(&b'_') { 2 } else { 1 },
            Some(b'-') => i += c[i..].iter().take_while(|b| **b == b'-').count(),
            Some(_) => return false,
        }
    }
}

/// Whether `s` is a tag: `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`.
pub fn is_tag(s: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_TAG_LEN
        && word(b[0])
        && b[1..].iter().all(|&x| word(x) || x == b'.' || x == b'-')
}

/// Whether `s` has the image spec's digest grammar (any algorithm, any length): `sha256:<64 hex>` and
/// `sha512:<128 hex>` are, and so is `sha384:…`. This only routes a path; whether pulpd supports the algorithm
/// is `blobs::Digest::parse`'s decision, so an unsupported one reaches the handler and answers `DIGEST_INVALID`
/// rather than a routing 404.
pub fn is_digest(s: &str) -> bool {
    let Some((algorithm, encoded)) = s.split_once(':') else {
        return false;
    };
    let component = |c: &str| {
        !c.is_empty()
            && c.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    !encoded.is_empty()
        && encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'=' | b'_' | b'-'))
        && algorithm.split(['+', '.', '_', '-']).all(component)
}

/// What a manifest path points at: a tag or a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Tag(String),
    Digest(String),
}

impl Reference {
    /// A tag or a digest; `None` when `s` is neither.
    pub fn parse(s: &str) -> Option<Reference> {
        if is_digest(s) {
            Some(Reference::Digest(s.to_string()))
        } else if is_tag(s) {
            Some(Reference::Tag(s.to_string()))
        } else {
            None
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Reference::Tag(s) | Reference::Digest(s) => s,
        }
    }
}

#[cfg(test)]
mod tests;
