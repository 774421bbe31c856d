//! Followers on other replicas stream a blob from the replica downloading it (its lease holder, `leases.rs`)
//! instead of waiting until it is stored: their clients read at the wire's speed, not after the whole download.
//!
//! - **Where**: each replica has a peer URL (`--peer-url`, default `http://<bind address>` when that is a
//!   specific address and the listener is plain HTTP) and writes it into the leases it takes.
//! - **Who may ask**: a peer secret shared through the metadata store, 32 random bytes created by the first
//!   replica in the `settings` bytes table (like the token signing key; random rather than derived from that
//!   key, so rotating one does not change the other). Requests carry it as `Authorization: Bearer <hex>`; the
//!   endpoint compares in constant time and answers 401 without it.
//! - **The endpoint** (`GET /internal/v1/inflight/<digest>`, `Range: bytes=…` honoured, not part of the API
//!   document) serves only a download in flight in its process, as a local follower reads it (the leader's most
//!   recent chunk withheld until verified), and never starts one: 404 when there is none, and the follower falls
//!   back to waiting for the stored blob.
//! - **The follower** ([`Peers::relay`]) passes the bytes on as they come. For a whole blob it hashes them and
//!   withholds the last chunk until the digest and length match, so no wrong bytes reach a client as a complete
//!   blob; a broken or wrong stream ends the client's stream with an error (a truncated body, as local followers
//!   get when their leader fails). A client's `Range` is forwarded. The follower writes nothing: the leader
//!   stores the blob.

use super::{Error, Result};
use crate::blobs::{BlobRead, ByteRange, Digest, Hasher};
use crate::store::{self, Store};
use bytes::Bytes;
use futures::{Stream, StreamExt};
use reqwest::{header, StatusCode};
use std::sync::Arc;
use std::time::Duration;

/// The internal endpoint's path, `{digest}` being the blob's digest.
pub const INFLIGHT_PATH: &str = "/internal/v1/inflight/{digest}";

/// The key of the peer secret in the metadata store's `settings` table.
const SECRET_KEY: &str = "peer_secret";

/// How long a follower waits for the leader to accept the connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The secret replicas show each other, shared through the metadata store.
#[derive(Clone)]
pub struct PeerSecret(Arc<str>);

impl std::fmt::Debug for PeerSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PeerSecret(redacted)")
    }
}

impl PeerSecret {
    /// Reads the secret from `store`, the first replica creating it.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn open_shared(store: &Store) -> store::Result<PeerSecret> {
        let table = store.bytes_table("settings")?;
        let mut fresh = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut fresh);
        // Create-only: of replicas starting together, the first write wins and all read it back.
        if table
            .insert(SECRET_KEY, hex::encode(fresh).as_bytes())
            .await?
        {
            tracing::info!("generated the peer secret in the metadata store");
        }
        let stored = table.get(SECRET_KEY).await?.unwrap_or_default();
        Ok(PeerSecret(String::from_utf8_lossy(&stored).into()))
    }

    /// Whether an `Authorization` header value carries this secret (compared in constant time).
    pub fn accepts(&self, authorization: Option<&str>) -> bool {
        let Some(given) = authorization.and_then(|a| a.strip_prefix("Bearer ")) else {
            return false;
        };
        !self.0.is_empty() && constant_time_eq(given.trim().as_bytes(), self.0.as_bytes())
    }

    fn bearer(&self) -> &str {
        &self.0
    }
}

/// Compares the SHA-256 of both sides byte by byte without an early exit, so the time taken says nothing about
/// where they differ (nor, hashing first, about the secret's length).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use sha2::{Digest as _, Sha256};
    let (a, b) = (Sha256::digest(a), Sha256::digest(b));
    let diff = a
        .iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | std::hint::black_box(x ^ y));
    diff == 0
}

/// The follower's side: a client for the other replicas' internal endpoint.
#[derive(Clone)]
pub struct Peers {
    client: reqwest::Client,
    secret: PeerSecret,
}

impl Peers {
    /// A client showing `secret`.
    ///
    /// # Errors
    /// The HTTP client cannot be built.
    pub fn new(secret: PeerSecret) -> Result<Peers> {
        let client = reqwest::Client::builder()
            // Replicas reach each other directly, never through the environment's proxy.
            .no_proxy()
            .connect_timeout(CONNECT_TIMEOUT)
            .build()
            .map_err(Error::internal)?;
        Ok(Peers { client, secret })
    }

    /// Blob `digest` (or `range` of it) streamed from the replica at `leader_url` that downloads it. `None` when
    /// that replica has no download of it in flight (finished meanwhile, or not started yet).
    ///
    /// # Errors
    /// [`Error::RangeNotSatisfiable`] when the leader says so; [`Error::Upstream`] when it cannot be reached or
    /// answers anything else (the caller falls back to waiting for the stored blob).
    pub async fn relay(
        &self,
        leader_url: &str,
        digest: &Digest,
        range: Option<ByteRange>,
    ) -> Result<Option<BlobRead>> {
        let url = format!(
            "{}{}",
            leader_url.trim_end_matches('/'),
            INFLIGHT_PATH.replace("{digest}", digest.as_str())
        );
        let mut request = self.client.get(&url).bearer_auth(self.secret.bearer());
        if let Some(range) = range {
            request = request.header(header::RANGE, range_header(range));
        }
        let response = request
            .send()
            .await
            .map_err(|e| Error::upstream(format!("asking the leader replica {url}: {e}")))?;
        let status = response.status();
        let content_range = response
            .headers()
            .get(header::CONTENT_RANGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        match status {
            StatusCode::NOT_FOUND => Ok(None),
            StatusCode::RANGE_NOT_SATISFIABLE => {
                let size = content_range
                    .as_deref()
                    .and_then(|v| v.strip_prefix("bytes */"))
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| Error::upstream(format!("{url}: 416 without a size")))?;
                Err(Error::RangeNotSatisfiable { size })
            }
            StatusCode::OK | StatusCode::PARTIAL_CONTENT => {
                let len = response.content_length().ok_or_else(|| {
                    Error::upstream(format!("{url}: no Content-Length from the leader replica"))
                })?;
                let (offset, size) = if status == StatusCode::PARTIAL_CONTENT {
                    content_range
                        .as_deref()
                        .and_then(parse_content_range)
                        .ok_or_else(|| {
                            Error::upstream(format!("{url}: 206 without a valid Content-Range"))
                        })?
                } else {
                    (0, len)
                };
                // Only a whole blob can be checked against its digest; a range is passed on as the leader
                // sends it (its bytes are what a local follower would read).
                let whole = offset == 0 && len == size;
                let body = response.bytes_stream().boxed();
                let stream = verified(body, digest.clone(), len, whole);
                Ok(Some(BlobRead::new(stream, offset, len, size)))
            }
            other => Err(Error::upstream(format!(
                "{url}: the leader replica answered {other}"
            ))),
        }
    }
}

/// `range` as a `Range` header value.
fn range_header(range: ByteRange) -> String {
    match range {
        ByteRange::From(start) => format!("bytes={start}-"),
        ByteRange::Inclusive { start, end } => format!("bytes={start}-{end}"),
        ByteRange::Suffix(n) => format!("bytes=-{n}"),
    }
}

/// `(offset, size)` of `bytes <first>-<last>/<size>`.
fn parse_content_range(value: &str) -> Option<(u64, u64)> {
    let (span, size) = value.strip_prefix("bytes ")?.split_once('/')?;
    let (first, _) = span.split_once('-')?;
    Some((first.parse().ok()?, size.parse().ok()?))
}

/// What [`verified`] keeps between chunks.
struct Relay {
    body: futures::stream::BoxStream<'static, reqwest::Result<Bytes>>,
    /// Hashes a whole blob's bytes; `None` for a range.
    hasher: Option<Hasher>,
    digest: Digest,
    expected: u64,
    seen: u64,
    /// The most recent chunk, passed on only once the next one came or the whole body checked out.
    held: Option<Bytes>,
    done: bool,
}

/// The leader's `body` passed on chunk by chunk, one chunk behind: the last one is released only when exactly
/// `expected` bytes came and (for a `whole` blob) they hash to `digest`; otherwise the stream ends with an
/// error instead.
fn verified(
    body: futures::stream::BoxStream<'static, reqwest::Result<Bytes>>,
    digest: Digest,
    expected: u64,
    whole: bool,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    let relay = Relay {
        body,
        hasher: whole.then(|| Hasher::new(digest.algorithm())),
        digest,
        expected,
        seen: 0,
        held: None,
        done: false,
    };
    futures::stream::try_unfold(relay, |mut r| async move {
        loop {
            if r.done {
                return Ok(None);
            }
            match r.body.next().await {
                Some(Ok(chunk)) if chunk.is_empty() => {}
                Some(Ok(chunk)) => {
                    r.seen += chunk.len() as u64;
                    if r.seen > r.expected {
                        return Err(broken(format!(
                            "the leader replica sent more than {} bytes",
                            r.expected
                        )));
                    }
                    if let Some(h) = r.hasher.as_mut() {
                        h.update(&chunk);
                    }
                    if let Some(previous) = r.held.replace(chunk) {
                        return Ok(Some((previous, r)));
                    }
                }
                Some(Err(e)) => {
                    return Err(broken(format!("the leader replica's stream broke: {e}")))
                }
                None => {
                    if r.seen != r.expected {
                        return Err(broken(format!(
                            "the leader replica's stream ended after {} of {} bytes",
                            r.seen, r.expected
                        )));
                    }
                    if let Some(h) = r.hasher.take() {
                        let got = h.finish();
                        if got != r.digest {
                            return Err(broken(format!(
                                "the leader replica sent a wrong blob: {got}, expected {}",
                                r.digest
                            )));
                        }
                    }
                    r.done = true;
                    if let Some(last) = r.held.take() {
                        return Ok(Some((last, r)));
                    }
                }
            }
        }
    })
}

fn broken(message: String) -> std::io::Error {
    tracing::warn!(error = %message, "relaying a blob from its leader replica failed");
    std::io::Error::other(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(
        chunks: Vec<&'static [u8]>,
    ) -> futures::stream::BoxStream<'static, reqwest::Result<Bytes>> {
        futures::stream::iter(chunks.into_iter().map(|c| Ok(Bytes::from_static(c)))).boxed()
    }

    async fn collect(
        stream: impl Stream<Item = std::io::Result<Bytes>>,
    ) -> (Vec<u8>, Option<String>) {
        futures::pin_mut!(stream);
        let mut out = Vec::new();
        while let Some(item) = stream.next().await {
            match item {
                Ok(b) => out.extend_from_slice(&b),
                Err(e) => return (out, Some(e.to_string())),
            }
        }
        (out, None)
    }

    #[tokio::test]
    async fn a_right_blob_is_passed_on_whole() {
        let digest = Digest::sha256_of(b"hello world");
        let (bytes, error) = collect(verified(
            body(vec![b"hello", b" ", b"world"]),
            digest,
            11,
            true,
        ))
        .await;
        assert_eq!(bytes, b"hello world");
        assert_eq!(error, None);
    }

    #[tokio::test]
    async fn a_wrong_or_short_blob_never_reaches_the_client_whole() {
        let digest = Digest::sha256_of(b"hello world");
        let (bytes, error) = collect(verified(
            body(vec![b"hello", b" ", b"WORLD"]),
            digest.clone(),
            11,
            true,
        ))
        .await;
        assert_eq!(bytes, b"hello ", "the last chunk is withheld");
        assert!(error.unwrap().contains("wrong blob"));

        let (bytes, error) = collect(verified(
            body(vec![b"hello", b" "]),
            digest.clone(),
            11,
            true,
        ))
        .await;
        assert_eq!(bytes, b"hello");
        assert!(error.unwrap().contains("6 of 11"));

        let (_, error) = collect(verified(
            body(vec![b"hello", b" world", b"!"]),
            digest,
            11,
            true,
        ))
        .await;
        assert!(error.unwrap().contains("more than 11"));
    }

    #[tokio::test]
    async fn a_range_is_checked_for_its_length_only() {
        let digest = Digest::sha256_of(b"hello world");
        let (bytes, error) = collect(verified(body(vec![b"wor", b"ld"]), digest, 5, false)).await;
        assert_eq!(bytes, b"world");
        assert_eq!(error, None);
    }

    #[test]
    fn only_the_right_secret_is_accepted() {
        let secret = PeerSecret("0123abcd".into());
        assert!(secret.accepts(Some("Bearer 0123abcd")));
        assert!(!secret.accepts(Some("Bearer 0123abce")));
        assert!(!secret.accepts(Some("Bearer 0123abc")));
        assert!(!secret.accepts(Some("Basic 0123abcd")));
        assert!(!secret.accepts(None));
        assert!(!PeerSecret("".into()).accepts(Some("Bearer ")));
    }

    #[test]
    fn ranges_round_trip_through_headers() {
        for r in [
            ByteRange::From(5),
            ByteRange::Inclusive { start: 1, end: 9 },
            ByteRange::Suffix(3),
        ] {
            assert_eq!(ByteRange::parse_header(&range_header(r)).unwrap(), r);
        }
        assert_eq!(parse_content_range("bytes 10-19/100"), Some((10, 100)));
        assert_eq!(parse_content_range("bytes */100"), None);
    }
}
