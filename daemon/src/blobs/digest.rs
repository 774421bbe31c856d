//! [`Digest`]: the content address of a blob or manifest, `sha256:<64 lowercase hex>` or
//! `sha512:<128 lowercase hex>`; [`Hasher`]: computing one incrementally.
//!
//! Invariant: a `Digest` value always holds a well-formed digest of one of the [`Algorithm`]s, the two the OCI
//! image spec registers ([digests](https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests))
//! and the distribution spec's conformance suite pushes. Those are the only algorithms the blob store can
//! verify, so anything else (`sha384:`, `md5:`, upper-case hex, a wrong length for the algorithm) is rejected at
//! parse time with [`Error::InvalidDigest`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256, Sha512};

use super::Error;

/// The sha256 algorithm as written before the colon.
pub const SHA256: &str = "sha256";

/// The sha512 algorithm as written before the colon.
pub const SHA512: &str = "sha512";

/// How much of a rejected input is echoed back in the error message, so a huge header cannot bloat logs.
const ECHO_LIMIT: usize = 100;

/// A digest algorithm pulpd can compute and verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Algorithm {
    /// `sha256`: what every client uses by default.
    Sha256,
    /// `sha512`: required by the OCI distribution spec's conformance suite.
    Sha512,
}

impl Algorithm {
    /// Every supported algorithm (e.g. for walking a store's per-algorithm directories).
    pub const ALL: [Algorithm; 2] = [Algorithm::Sha256, Algorithm::Sha512];

    /// The name written before the colon, also the blob stores' directory / key prefix.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Sha256 => SHA256,
            Algorithm::Sha512 => SHA512,
        }
    }

    /// The number of hex characters of an encoded digest.
    pub fn hex_len(self) -> usize {
        match self {
            Algorithm::Sha256 => 64,
            Algorithm::Sha512 => 128,
        }
    }

    /// The algorithm named `name` (exactly, lower case); `None` when unsupported.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A content digest, `<algorithm>:<lowercase hex>` (see the module doc); parse with [`FromStr`] /
/// [`Digest::parse`].
///
/// Serializes as its string form. Orders and compares as that string.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(
    /// The full text, algorithm and colon included, so [`Digest::as_str`] is free.
    String,
);

impl Digest {
    /// Parses `sha256:<64 lowercase hex>` or `sha512:<128 lowercase hex>`.
    ///
    /// # Errors
    /// [`Error::InvalidDigest`] naming the input and what is wrong with it.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| Error::InvalidDigest {
            input: echo(input),
            reason: reason.to_owned(),
        };
        let (name, hex) = input
            .split_once(':')
            .ok_or_else(|| invalid("expected <algorithm>:<hex>"))?;
        let algorithm = Algorithm::from_name(name).ok_or_else(|| {
            invalid("unsupported algorithm: only sha256 and sha512 are supported")
        })?;
        if hex.len() != algorithm.hex_len() {
            return Err(invalid(&format!(
                "a {algorithm} digest has {} hex characters, not {}",
                algorithm.hex_len(),
                hex.len()
            )));
        }
        if !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(invalid("hex must be lowercase 0-9a-f"));
        }
        Ok(Self(input.to_owned()))
    }

    /// The digest of a finished sha256 hasher.
    pub fn from_sha256(hasher: Sha256) -> Self {
        Self::from_hash(Algorithm::Sha256, &hasher.finalize())
    }

    /// The digest whose raw hash is `hash`, as computed by `algorithm`.
    fn from_hash(algorithm: Algorithm, hash: &[u8]) -> Self {
        Self(format!("{algorithm}:{}", hex::encode(hash)))
    }

    /// The `algorithm` digest of `data` (for small, in-memory content such as manifests).
    pub fn of(algorithm: Algorithm, data: &[u8]) -> Self {
        let mut hasher = Hasher::new(algorithm);
        hasher.update(data);
        hasher.finish()
    }

    /// The sha256 digest of `data` (for small, in-memory content such as manifests).
    pub fn sha256_of(data: &[u8]) -> Self {
        Self::of(Algorithm::Sha256, data)
    }

    /// The algorithm before the colon.
    pub fn algorithm(&self) -> Algorithm {
        if self.0.starts_with(SHA512) {
            Algorithm::Sha512
        } else {
            Algorithm::Sha256
        }
    }

    /// The lowercase hex characters after the colon (64 for sha256, 128 for sha512).
    pub fn hex(&self) -> &str {
        &self.0[self.algorithm().as_str().len() + 1..]
    }

    /// The whole digest, `<algorithm>:<hex>`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Computes a [`Digest`] of bytes fed in pieces, with a chosen [`Algorithm`]: for blob writers, upload sessions
/// and anything else that sees content as a stream.
#[derive(Clone)]
pub enum Hasher {
    Sha256(Sha256),
    Sha512(Sha512),
}

impl Hasher {
    /// A hasher that has seen no bytes yet.
    pub fn new(algorithm: Algorithm) -> Self {
        match algorithm {
            Algorithm::Sha256 => Hasher::Sha256(Sha256::new()),
            Algorithm::Sha512 => Hasher::Sha512(Sha512::new()),
        }
    }

    /// The algorithm this hasher computes.
    pub fn algorithm(&self) -> Algorithm {
        match self {
            Hasher::Sha256(_) => Algorithm::Sha256,
            Hasher::Sha512(_) => Algorithm::Sha512,
        }
    }

    /// Feeds the next bytes.
    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    /// The digest of every byte fed so far.
    pub fn finish(self) -> Digest {
        match self {
            Hasher::Sha256(h) => Digest::from_hash(Algorithm::Sha256, &h.finalize()),
            Hasher::Sha512(h) => Digest::from_hash(Algorithm::Sha512, &h.finalize()),
        }
    }
}

impl fmt::Debug for Hasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hasher({})", self.algorithm())
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

    /// `sha512sum </dev/null`.
    const EMPTY_512: &str =
        "sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce\
        47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

    #[test]
    fn parses_valid_sha256_and_exposes_parts() {
        let d: Digest = EMPTY.parse().unwrap();
        assert_eq!(d.algorithm(), Algorithm::Sha256);
        assert_eq!(d.algorithm().as_str(), "sha256");
        assert_eq!(d.hex(), &EMPTY[7..]);
        assert_eq!(d.to_string(), EMPTY);
        assert_eq!(d.as_str(), EMPTY);
    }

    #[test]
    fn parses_valid_sha512_and_exposes_parts() {
        let d: Digest = EMPTY_512.parse().unwrap();
        assert_eq!(d.algorithm(), Algorithm::Sha512);
        assert_eq!(d.algorithm().to_string(), "sha512");
        assert_eq!(d.hex(), &EMPTY_512[7..]);
        assert_eq!(d.hex().len(), 128);
        assert_eq!(d.as_str(), EMPTY_512);
    }

    #[test]
    fn computes_digests_of_bytes() {
        assert_eq!(Digest::sha256_of(b"").as_str(), EMPTY);
        assert_eq!(Digest::of(Algorithm::Sha256, b"").as_str(), EMPTY);
        assert_eq!(Digest::of(Algorithm::Sha512, b"").as_str(), EMPTY_512);
    }

    #[test]
    fn hasher_fed_in_pieces_matches_the_one_shot_digest() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        for algorithm in Algorithm::ALL {
            let mut hasher = Hasher::new(algorithm);
            assert_eq!(hasher.algorithm(), algorithm);
            for piece in data.chunks(777) {
                hasher.update(piece);
            }
            let digest = hasher.finish();
            assert_eq!(digest.algorithm(), algorithm);
            assert_eq!(digest, Digest::of(algorithm, &data));
            assert_eq!(Digest::parse(digest.as_str()).unwrap(), digest);
        }
        let mut sha = Sha256::new();
        sha.update(&data);
        assert_eq!(Digest::from_sha256(sha), Digest::sha256_of(&data));
    }

    #[test]
    fn rejects_malformed_digests_with_a_reason() {
        let sha512_hex = &EMPTY_512[7..];
        for (input, reason) in [
            ("", "expected <algorithm>:<hex>"),
            (&EMPTY[7..], "expected <algorithm>:<hex>"),
            (
                "sha512:abcd",
                "a sha512 digest has 128 hex characters, not 4",
            ),
            (
                &format!("sha384:{}", &sha512_hex[..96]),
                "unsupported algorithm",
            ),
            (
                "md5:d41d8cd98f00b204e9800998ecf8427e",
                "unsupported algorithm",
            ),
            (&EMPTY.to_uppercase(), "unsupported algorithm"),
            (
                &EMPTY_512.replace("sha512", "SHA512"),
                "unsupported algorithm",
            ),
            (
                "sha256:e3b0",
                "a sha256 digest has 64 hex characters, not 4",
            ),
            // Right hex, wrong algorithm: the length gives it away.
            (
                &format!("sha256:{sha512_hex}"),
                "64 hex characters, not 128",
            ),
            (
                &format!("sha512:{}", &EMPTY[7..]),
                "128 hex characters, not 64",
            ),
            (
                &format!("sha256:{}", EMPTY[7..].to_uppercase()),
                "lowercase",
            ),
            (
                &format!("sha512:{}", sha512_hex.to_uppercase()),
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
            assert!(
                matches!(err, Error::InvalidDigest { .. }),
                "{input:?}: {err:?}"
            );
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
        for text in [EMPTY, EMPTY_512] {
            let d = Digest::parse(text).unwrap();
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            let back: Digest = serde_json::from_str(&json).unwrap();
            assert_eq!(back, d);
        }
        assert!(serde_json::from_str::<Digest>("\"sha256:nope\"").is_err());
        assert!(serde_json::from_str::<Digest>("\"sha512:nope\"").is_err());
    }
}
