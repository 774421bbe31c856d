//! [`Digest`]: the content address of a blob or manifest, `sha256:<64 lowercase hex>`.
//!
//! Invariant: a `Digest` value always holds a well-formed sha256 digest. Only sha256 is accepted, because it is
//! the only algorithm OCI registries use in practice and the only one the blob store can verify; anything else
//! (`sha512:`, upper-case hex, wrong length) is rejected at parse time with [`Error::InvalidDigest`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};

use super::Error;

/// The only algorithm accepted, as written before the colon.
pub const SHA256: &str = "sha256";

/// Length of a sha256 digest in hex characters.
const SHA256_HEX_LEN: usize = 64;

/// How much of a rejected input is echoed back in the error message, so a huge header cannot bloat logs.
const ECHO_LIMIT: usize = 100;

/// A content digest, `sha256:<64 lowercase hex>`; parse with [`FromStr`] / [`Digest::parse`].
///
/// Serializes as its string form.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(
    /// The full text, `sha256:` included, so [`Digest::as_str`] is free.
    String,
);

impl Digest {
    /// Parses `sha256:<64 lowercase hex>`.
    ///
    /// # Errors
    /// [`Error::InvalidDigest`] naming the input and what is wrong with it.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| Error::InvalidDigest {
            input: echo(input),
            reason: reason.to_owned(),
        };
        let (algorithm, hex) = input
            .split_once(':')
            .ok_or_else(|| invalid("expected <algorithm>:<hex>"))?;
        if algorithm != SHA256 {
            return Err(invalid("only sha256 is supported"));
        }
        if hex.len() != SHA256_HEX_LEN {
            return Err(invalid("a sha256 digest has 64 hex characters"));
        }
        if !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(invalid("hex must be lowercase 0-9a-f"));
        }
        Ok(Self(input.to_owned()))
    }

    /// The digest of a finished hasher.
    pub fn from_sha256(hasher: Sha256) -> Self {
        Self(format!("{SHA256}:{}", hex::encode(hasher.finalize())))
    }

    /// The digest of `data` (for small, in-memory content such as manifests).
    pub fn sha256_of(data: &[u8]) -> Self {
        Self::from_sha256(Sha256::new_with_prefix(data))
    }

    /// The algorithm part, always `"sha256"`.
    pub fn algorithm(&self) -> &str {
        SHA256
    }

    /// The 64 lowercase hex characters after the colon.
    pub fn hex(&self) -> &str {
        &self.0[SHA256.len() + 1..]
    }

    /// The whole digest, `sha256:<hex>`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Cuts an untrusted input to [`ECHO_LIMIT`] characters for error messages.
fn echo(input: &str) -> String {
    match input.char_indices().nth(ECHO_LIMIT) {
        Some((cut, _)) => format!("{}…", &input[..cut]),
        None => input.to_owned(),
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({})", self.0)
    }
}

impl FromStr for Digest {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for Digest {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn parses_valid_sha256_and_exposes_parts() {
        let d: Digest = EMPTY.parse().unwrap();
        assert_eq!(d.algorithm(), "sha256");
        assert_eq!(d.hex(), &EMPTY[7..]);
        assert_eq!(d.to_string(), EMPTY);
        assert_eq!(d.as_str(), EMPTY);
    }

    #[test]
    fn computes_sha256_of_bytes() {
        assert_eq!(Digest::sha256_of(b"").as_str(), EMPTY);
    }

    #[test]
    fn rejects_malformed_digests_with_a_reason() {
        for (input, reason) in [
            ("", "expected <algorithm>:<hex>"),
            (
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "expected <algorithm>:<hex>",
            ),
            ("sha512:abcd", "only sha256"),
            (
                "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "only sha256",
            ),
            ("sha256:e3b0", "64 hex characters"),
            (
                "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                "lowercase",
            ),
            (
                "sha256:g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "lowercase",
            ),
            (
                "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 ",
                "lowercase",
            ),
        ] {
            let err = Digest::parse(input).unwrap_err();
            let msg = err.to_string();
            assert!(msg.contains(reason), "{input:?}: {msg}");
            assert!(msg.starts_with("invalid digest"), "{msg}");
        }
    }

    #[test]
    fn error_message_truncates_huge_input() {
        let huge = "x".repeat(10_000);
        let msg = Digest::parse(&huge).unwrap_err().to_string();
        assert!(msg.len() < 300, "{}", msg.len());
    }

    #[test]
    fn serde_round_trips_as_a_string_and_validates() {
        let d = Digest::parse(EMPTY).unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, format!("\"{EMPTY}\""));
        let back: Digest = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
        assert!(serde_json::from_str::<Digest>("\"sha256:nope\"").is_err());
    }
}
