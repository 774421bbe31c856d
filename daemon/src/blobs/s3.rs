//! [`S3BlobStore`]: blobs as objects in an S3-compatible bucket, through the `object_store` crate.
//!
//! Layout under the configured prefix (`s3://bucket/prefix`):
//! - `sha256/<first 2 hex>/<hex>` and `sha512/<first 2 hex>/<hex>`: verified blobs (the *blob key*), one prefix
//!   per [`Algorithm`](super::Algorithm), the same keys as the filesystem store's paths.
//! - `uploads/<owner>/<uuid>`: one small *marker* per multipart upload in progress, holding the upload's key
//!   and id, so a later start can abort uploads a killed process left behind (S3 has no way to list them that
//!   `object_store` exposes). `<owner>` is this data dir's id (see [`S3BlobStore::open`]).
//! - `uploads/<owner>/<uuid>.data`: the temporary object of a write whose digest was not known up front,
//!   between its multipart completion and the copy to its blob key.
//! - `sessions/<session id>/<part>`: the chunks of blob upload sessions, usable from every replica (see
//!   `s3/parts.rs` and `push/uploads/shared.rs`).
//!
//! # Visible only after verification
//! [`BlobWriter`] calls [`BlobSink::persist`] only after the size and digest matched, and nothing reaches a
//! blob key before that call:
//! - A blob smaller than [`PART_SIZE`] stays in memory and is sent as one PUT to its blob key in
//!   `persist`.
//! - A larger blob whose digest is known up front (every production caller: pull-through and sync pass the
//!   digest) goes as a multipart upload straight to its blob key. An S3 multipart upload is invisible
//!   (HEAD and GET answer 404) until it is completed, and only `persist` completes it, so no copy of the whole
//!   blob is needed. A write that fails verification is aborted, never completed.
//! - A larger blob whose digest is not known up front goes as a multipart upload to `uploads/<owner>/<uuid>.data`;
//!   `persist` completes it there, copies it server-side to its blob key and deletes the temporary object.
//!   (`CopyObject` takes objects up to 5 GiB; larger unknown-digest blobs fail at the copy and are removed.)
//!
//! Committing a digest that is already stored writes the same bytes again (content addressing), so it succeeds
//! like the filesystem store's, without a HEAD before every commit.
//!
//! # Nothing left behind
//! Dropping a sink without `persist` aborts its multipart upload and deletes its marker, in a task spawned on
//! the current runtime (a drop cannot wait), so the bucket is clean moments later, not at once.
//! [`BlobStore::startup_cleanup`] handles what a killed process left: it removes every `uploads/` entry of this
//! owner (this process has just started and has no write in progress, so any such entry is a dead
//! predecessor's), and other owners' entries only when older than [`STALE_AFTER`]: another replica's write in
//! progress is younger than that, so it is left alone. Buckets should also have an
//! `AbortIncompleteMultipartUpload` lifecycle rule for uploads whose marker was never written (a kill between
//! creating the upload and writing its marker).
//!
//! # Memory and requests
//! A writer holds at most one part being filled and [`PARTS_IN_FLIGHT`] being sent: 4 × [`PART_SIZE`]
//! (32 MiB), plus up to [`GATHER`] of small writes. Reads stream the GET body in chunks of at most [`READ_CHUNK`]; a ranged read
//! is a HEAD (the size, so ranges resolve exactly as in every backend) and a ranged GET.
//!
//! # Spool
//! Pull-through streams a blob to its clients while it is being written, from memory and from a spool file
//! (see `pull_through/inflight.rs`; without a spool its readers would wait for the whole download). The bucket
//! cannot be read before the commit, so [`BlobSink::open_spool`] gives a local anonymous temporary file in the
//! spool directory that receives every byte written after it was opened (the leader opens it before the first
//! byte). It has no name, so it vanishes with its last handle, also when the process is killed. Spool files
//! live on the data dir's disk but are not counted against `--min-free-space` (that reserve guards the
//! filesystem blob store).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::multipart::{MultipartStore, PartId};
use object_store::path::Path;
use object_store::{
    BackoffConfig, ClientOptions, GetOptions, GetRange, MultipartId, ObjectStore, ObjectStoreExt,
    PutPayload, RetryConfig,
};

mod parts;

use super::{take_front, READ_CHUNK};
use super::{
    Algorithm, BlobRead, BlobSink, BlobStore, BlobWriter, BoxFuture, ByteRange, Digest, Error,
    SessionParts, StoredBlob,
};

/// Size of each multipart part but the last (S3's minimum is 5 MiB). Also the threshold below which a blob
/// is sent as a single PUT.
pub const PART_SIZE: usize = 8 * 1024 * 1024;

/// Parts sent at once by one writer, so the upload keeps closer pace with a fast source, at the cost of that
/// many parts in memory. Measured against SeaweedFS on loopback (2 busy cores), a cold 256 MiB pull-through:
/// 4.2–4.6 s with one part at a time, 3.1–3.6 s with three (1.3–1.5 s on the filesystem store).
const PARTS_IN_FLIGHT: usize = 3;

/// Copied writes are gathered until this many bytes, and received chunks at least this large are kept as they
/// are.
const GATHER: usize = 64 * 1024;

/// Another owner's `uploads/` entry older than this belongs to a dead process (no write takes this long).
pub const STALE_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Markers and temporary objects of writes in progress, under the prefix.
const UPLOADS: &str = "uploads";

/// Where and how to reach the bucket.
#[derive(Clone)]
pub struct S3Config {
    pub bucket: String,
    /// Key prefix inside the bucket, without leading or trailing `/` (may be empty).
    pub prefix: String,
    /// `AWS_ENDPOINT_URL`, e.g. `http://127.0.0.1:8333`; `None` = AWS itself.
    pub endpoint: Option<String>,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub region: String,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Config")
            .field("bucket", &self.bucket)
            .field("prefix", &self.prefix)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

/// Why an S3 blob store could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("blob store URL {0:?} is not s3://bucket[/prefix]")]
    BadUrl(String),
    #[error("{0} is not set (needed for an s3:// blob store)")]
    MissingEnv(&'static str),
    #[error("S3 endpoint {0:?}: plain http is allowed only to a loopback address; use https")]
    Insecure(String),
    #[error("setting up the S3 client: {0}")]
    Client(#[source] object_store::Error),
    #[error("reading or writing the blob owner id {}: {source}", path.display())]
    Owner {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl S3Config {
    /// The bucket and prefix from `s3://bucket/prefix`, the rest from `AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY` and `AWS_REGION` (default `us-east-1`) as read by `env`.
    ///
    /// # Errors
    /// [`ConfigError::BadUrl`], [`ConfigError::MissingEnv`].
    pub fn from_url(
        url: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<S3Config, ConfigError> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| ConfigError::BadUrl(url.to_owned()))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() || prefix.split('/').any(|p| p == "." || p == "..") {
            return Err(ConfigError::BadUrl(url.to_owned()));
        }
        let required = |name: &'static str| {
            env(name)
                .filter(|v| !v.is_empty())
                .ok_or(ConfigError::MissingEnv(name))
        };
        Ok(S3Config {
            bucket: bucket.to_owned(),
            prefix: prefix.trim_matches('/').to_owned(),
            endpoint: env("AWS_ENDPOINT_URL").filter(|v| !v.is_empty()),
            access_key_id: required("AWS_ACCESS_KEY_ID")?,
            secret_access_key: required("AWS_SECRET_ACCESS_KEY")?,
            region: env("AWS_REGION")
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "us-east-1".to_owned()),
        })
    }
}

/// Whether `endpoint` is `http://` to a loopback host, the only plain-http endpoint allowed (a test server or
/// a local gateway): credentials are signed, not sent, but blob bytes would cross a network in clear.
fn is_loopback_http(endpoint: &str) -> bool {
    let Some(rest) = endpoint.strip_prefix("http://") else {
        return false;
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Blob objects in an S3-compatible bucket. Hold it as `Arc<dyn BlobStore>`.
#[derive(Debug)]
pub struct S3BlobStore {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    s3: AmazonS3,
    /// The configured prefix (possibly empty).
    prefix: Path,
    /// This data dir's id: names its `uploads/` entries.
    owner: String,
    /// Where spool files are created (anonymous, so nothing is ever left there).
    spool_dir: PathBuf,
    /// For messages: where the bucket is.
    endpoint: String,
    bucket: String,
}

impl Inner {
    fn blob_key(&self, digest: &Digest) -> Path {
        let hex = digest.hex();
        let algorithm = digest.algorithm().as_str();
        self.prefix
            .clone()
            .join(algorithm)
            .join(&hex[..2])
            .join(hex)
    }

    fn uploads(&self) -> Path {
        self.prefix.clone().join(UPLOADS)
    }

    fn own_uploads(&self) -> Path {
        self.uploads().join(self.owner.as_str())
    }
}

/// An [`Error::Remote`] for `action` on `key`.
fn remote<'a>(
    action: &'static str,
    key: &'a Path,
) -> impl FnOnce(object_store::Error) -> Error + 'a {
    move |source| Error::Remote {
        action,
        key: key.to_string(),
        source: Box::new(source),
    }
}

impl S3BlobStore {
    /// Sets up the client (no request yet: [`BlobStore::check`] asks the bucket). `data_dir` holds the owner
    /// id (`blob-owner`, created on first use; it names this data dir's temporary uploads across restarts)
    /// and the spool files (`<data_dir>/spool`).
    ///
    /// # Errors
    /// [`ConfigError::Insecure`] for a plain http endpoint that is not loopback; [`ConfigError::Owner`] when the
    /// data dir cannot be written.
    pub fn open(config: &S3Config, data_dir: &std::path::Path) -> Result<S3BlobStore, ConfigError> {
        let endpoint = config.endpoint.clone().unwrap_or_default();
        let http = endpoint.starts_with("http://");
        if http && !is_loopback_http(&endpoint) {
            return Err(ConfigError::Insecure(endpoint));
        }
        // reqwest 0.13 is built with rustls but no crypto provider of its own (see Cargo.toml): use ring's.
        // An error only means a provider is installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::new();
        if !endpoint.is_empty() {
            builder = builder.with_endpoint(&endpoint);
        }
        let s3 = builder
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_access_key_id(&config.access_key_id)
            .with_secret_access_key(&config.secret_access_key)
            .with_virtual_hosted_style_request(false)
            .with_allow_http(http)
            .with_client_options(
                ClientOptions::new()
                    .with_allow_http(http)
                    .with_connect_timeout(Duration::from_secs(5))
                    // A blob GET streams to a client for as long as the client takes: no total timeout, but
                    // a stalled server is noticed.
                    .with_timeout_disabled()
                    .with_read_timeout(Duration::from_secs(60)),
            )
            .with_retry(RetryConfig {
                backoff: BackoffConfig::default(),
                max_retries: 3,
                retry_timeout: Duration::from_secs(15),
            })
            .build()
            .map_err(ConfigError::Client)?;
        let spool_dir = data_dir.join("spool");
        std::fs::create_dir_all(&spool_dir).map_err(|source| ConfigError::Owner {
            path: spool_dir.clone(),
            source,
        })?;
        Ok(S3BlobStore {
            inner: Arc::new(Inner {
                s3,
                prefix: Path::from(config.prefix.as_str()),
                owner: owner_id(data_dir)?,
                spool_dir,
                endpoint,
                bucket: config.bucket.clone(),
            }),
        })
    }

    /// Every key under the prefix, sorted (for tests: what a write left behind).
    #[doc(hidden)]
    pub async fn list_keys(&self) -> Result<Vec<String>, Error> {
        let prefix = &self.inner.prefix;
        let mut keys: Vec<String> = self
            .inner
            .s3
            .list(Some(prefix))
            .map_ok(|meta| meta.location.to_string())
            .try_collect()
            .await
            .map_err(remote("listing", prefix))?;
        keys.sort();
        Ok(keys)
    }

    /// The key of the blob with `digest` (whether or not it exists).
    pub fn blob_key(&self, digest: &Digest) -> String {
        self.inner.blob_key(digest).to_string()
    }
}

/// The id in `<data_dir>/blob-owner`, created if missing.
fn owner_id(data_dir: &std::path::Path) -> Result<String, ConfigError> {
    let path = data_dir.join("blob-owner");
    let err = |source| ConfigError::Owner {
        path: path.clone(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(id) if !id.trim().is_empty() => return Ok(id.trim().to_owned()),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(err(e)),
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    std::fs::write(&path, &id).map_err(err)?;
    Ok(id)
}

impl BlobStore for S3BlobStore {
    fn check(&self) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            // A LIST tells a missing bucket (404) and bad credentials (403) apart from a missing key, which a
            // HEAD cannot.
            let inner = &self.inner;
            match inner.s3.list_with_delimiter(Some(&inner.prefix)).await {
                Ok(_) => Ok(()),
                Err(source) => Err(Error::Remote {
                    action: "listing",
                    key: format!(
                        "s3://{}/{} at {}",
                        inner.bucket, inner.prefix, inner.endpoint
                    ),
                    source: Box::new(source),
                }),
            }
        })
    }

    fn can_sign(&self) -> bool {
        true
    }

    fn session_parts(&self) -> Option<Arc<dyn SessionParts>> {
        Some(Arc::new(parts::S3SessionParts {
            inner: Arc::clone(&self.inner),
        }))
    }

    fn signed_get_url<'a>(
        &'a self,
        digest: &'a Digest,
        expires_in: Duration,
    ) -> BoxFuture<'a, Result<Option<String>, Error>> {
        Box::pin(async move {
            use object_store::signer::Signer;
            let key = self.inner.blob_key(digest);
            let url = self
                .inner
                .s3
                .signed_url(object_store::signer::Method::GET, &key, expires_in)
                .await
                .map_err(remote("signing a URL for", &key))?;
            Ok(Some(url.to_string()))
        })
    }

    fn contains<'a>(&'a self, digest: &'a Digest) -> BoxFuture<'a, Result<Option<u64>, Error>> {
        Box::pin(async move {
            let key = self.inner.blob_key(digest);
            match self.inner.s3.head(&key).await {
                Ok(meta) => Ok(Some(meta.size)),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(remote("reading metadata of", &key)(e)),
            }
        })
    }

    fn open<'a>(
        &'a self,
        digest: &'a Digest,
        range: Option<ByteRange>,
    ) -> BoxFuture<'a, Result<BlobRead, Error>> {
        Box::pin(async move {
            let key = self.inner.blob_key(digest);
            let not_found = |e: object_store::Error| match e {
                object_store::Error::NotFound { .. } => Error::NotFound {
                    digest: digest.clone(),
                },
                e => remote("reading", &key)(e),
            };
            let get_range = match range {
                None => None,
                Some(range) => {
                    // The size first, so that ranges resolve exactly as in every backend (RFC 9110 rules,
                    // the empty blob), then a ranged GET of just those bytes.
                    let size = self.inner.s3.head(&key).await.map_err(not_found)?.size;
                    let (offset, len) = range.resolve(size)?;
                    Some((offset, len, size))
                }
            };
            let options = GetOptions {
                range: get_range.map(|(offset, len, _)| GetRange::Bounded(offset..offset + len)),
                ..GetOptions::default()
            };
            let result = self
                .inner
                .s3
                .get_opts(&key, options)
                .await
                .map_err(not_found)?;
            let (offset, len, size) = get_range.unwrap_or((0, result.meta.size, result.meta.size));
            let chunks = result
                .into_stream()
                .map_err(std::io::Error::other)
                .map_ok(|chunk| futures::stream::iter(split(chunk).map(Ok)))
                .try_flatten();
            Ok(BlobRead::new(chunks, offset, len, size))
        })
    }

    fn writer<'a>(
        &'a self,
        expected: Option<&'a Digest>,
        expected_size: Option<u64>,
    ) -> BoxFuture<'a, Result<BlobWriter, Error>> {
        Box::pin(async move {
            let sink = S3Sink::new(&self.inner, expected.map(|d| self.inner.blob_key(d)));
            Ok(BlobWriter::new(
                Box::new(sink),
                expected.cloned(),
                expected_size,
            ))
        })
    }

    fn delete<'a>(&'a self, digest: &'a Digest) -> BoxFuture<'a, Result<bool, Error>> {
        Box::pin(async move {
            // S3's DELETE answers the same whether or not the key existed: ask first.
            if self.contains(digest).await?.is_none() {
                return Ok(false);
            }
            let key = self.inner.blob_key(digest);
            match self.inner.s3.delete(&key).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(true),
                Err(e) => Err(remote("deleting", &key)(e)),
            }
        })
    }

    fn list(&self) -> BoxFuture<'_, Result<Vec<StoredBlob>, Error>> {
        Box::pin(async move {
            let inner = &self.inner;
            let mut out = Vec::new();
            for algorithm in Algorithm::ALL {
                let dir = inner.prefix.clone().join(algorithm.as_str());
                let entries: Vec<_> = inner
                    .s3
                    .list(Some(&dir))
                    .try_collect()
                    .await
                    .map_err(remote("listing", &dir))?;
                for entry in entries {
                    let Some(hex) = entry.location.filename() else {
                        continue;
                    };
                    let Ok(digest) = Digest::parse(&format!("{}:{hex}", algorithm.as_str())) else {
                        continue;
                    };
                    out.push(StoredBlob {
                        digest,
                        size: entry.size,
                        modified_ms: u64::try_from(entry.last_modified.timestamp_millis()).ok(),
                    });
                }
            }
            Ok(out)
        })
    }

    fn startup_cleanup(&self) -> BoxFuture<'_, Result<usize, Error>> {
        Box::pin(async move {
            let inner = &self.inner;
            let uploads = inner.uploads();
            let own = inner.own_uploads();
            let now = chrono::Utc::now();
            let stale = chrono::Duration::seconds(STALE_AFTER.as_secs() as i64);
            let entries: Vec<_> = inner
                .s3
                .list(Some(&uploads))
                .try_collect()
                .await
                .map_err(remote("listing", &uploads))?;
            let mut removed = 0;
            for entry in entries {
                if !entry.location.prefix_matches(&own) && now - entry.last_modified < stale {
                    continue; // another replica's write, possibly in progress
                }
                let key = entry.location;
                if !key.as_ref().ends_with(".data") {
                    // A marker: abort the upload it names. An upload already gone is fine.
                    if let Some((upload_key, id)) = read_marker(&inner.s3, &key).await {
                        if let Err(e) = inner.s3.abort_multipart(&upload_key, &id).await {
                            tracing::debug!(key = %upload_key, error = %e, "aborting a stale upload");
                        }
                    }
                }
                match inner.s3.delete(&key).await {
                    Ok(()) | Err(object_store::Error::NotFound { .. }) => removed += 1,
                    Err(e) => return Err(remote("deleting", &key)(e)),
                }
            }
            if removed > 0 {
                tracing::info!(removed, prefix = %uploads, "removed interrupted uploads");
            }
            Ok(removed)
        })
    }
}

/// `chunk` in pieces of at most [`READ_CHUNK`] (a `BlobRead` promise), without copying.
fn split(mut chunk: Bytes) -> impl Iterator<Item = Bytes> {
    std::iter::from_fn(move || {
        (!chunk.is_empty()).then(|| chunk.split_to(chunk.len().min(READ_CHUNK)))
    })
}

/// The upload key and id a marker names; `None` when it cannot be read (it is deleted anyway).
async fn read_marker(s3: &AmazonS3, marker: &Path) -> Option<(Path, MultipartId)> {
    let bytes = s3.get(marker).await.ok()?.bytes().await.ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let (key, id) = text.split_once('\n')?;
    Some((Path::from(key), id.to_owned()))
}

/// A multipart upload in progress.
struct Upload {
    /// Where it completes: the blob's key, or a temporary `.data` key when the digest was not known.
    key: Path,
    id: MultipartId,
    /// The marker naming it under `uploads/<owner>/`.
    marker: Path,
    /// Ids of the parts sent, in order.
    parts: Vec<PartId>,
    /// The parts being sent, oldest first (at most [`PARTS_IN_FLIGHT`]).
    in_flight: VecDeque<tokio::task::JoinHandle<object_store::Result<PartId>>>,
    /// Index of the next part to send.
    next: usize,
}

/// The destination of one write (see the module doc).
struct S3Sink {
    inner: Arc<Inner>,
    /// Where a multipart upload goes from the start: the blob's key when its digest was given to
    /// [`BlobStore::writer`], or an upload session's part key; `None`: a temporary key, copied at the end.
    target: Option<Path>,
    /// The part being filled.
    part: VecDeque<Bytes>,
    part_len: usize,
    /// Small copied writes, gathered into one buffer before they join `part` (a stream of tiny writes would
    /// otherwise be a part of millions of tiny buffers).
    small: BytesMut,
    /// Started once a full part is there; `None` for a blob that fits in one PUT.
    upload: Option<Upload>,
    /// The local spool, once asked for: the file and the bytes not written to it yet.
    spool: Option<Spool>,
}

struct Spool {
    file: Arc<std::fs::File>,
    pending: Vec<Bytes>,
}

impl S3Sink {
    /// A sink with nothing written yet, to `target` (see the field).
    fn new(inner: &Arc<Inner>, target: Option<Path>) -> S3Sink {
        S3Sink {
            inner: Arc::clone(inner),
            target,
            small: BytesMut::new(),
            part: VecDeque::new(),
            part_len: 0,
            upload: None,
            spool: None,
        }
    }

    /// Makes the bytes written durable as the object `target` (a single PUT, or the completion of the
    /// multipart upload, which goes to `target` when that was the sink's target from the start).
    fn persist_to(mut self: Box<Self>, target: Path) -> BoxFuture<'static, Result<(), Error>> {
        Box::pin(async move {
            self.move_small().await?;
            self.flush_spool().await?;
            let inner = Arc::clone(&self.inner);
            let Some(mut upload) = self.upload.take() else {
                // Small: one PUT of the bytes, straight to their key.
                let payload = PutPayload::from_iter(std::mem::take(&mut self.part));
                inner
                    .s3
                    .put(&target, payload)
                    .await
                    .map_err(remote("writing", &target))?;
                return Ok(());
            };
            // From here on `upload` is ours: if anything fails, abort it (as the drop would have).
            let result = finish(&inner, &mut self, &mut upload, &target).await;
            if result.is_err() {
                let _ = inner.s3.abort_multipart(&upload.key, &upload.id).await;
                if upload.key != target {
                    let _ = inner.s3.delete(&upload.key).await;
                }
            }
            if let Err(e) = inner.s3.delete(&upload.marker).await {
                tracing::warn!(key = %upload.marker, error = %e, "cannot remove an upload marker");
            }
            result
        })
    }

    /// Moves the gathered small writes into the part.
    async fn move_small(&mut self) -> Result<(), Error> {
        if self.small.is_empty() {
            return Ok(());
        }
        let bytes = self.small.split().freeze();
        self.add(bytes).await
    }

    async fn add(&mut self, chunk: Bytes) -> Result<(), Error> {
        if chunk.is_empty() {
            return Ok(());
        }
        if let Some(spool) = &mut self.spool {
            spool.pending.push(chunk.clone());
        }
        self.part_len += chunk.len();
        self.part.push_back(chunk);
        if self.part_len >= PART_SIZE {
            self.send_part(PART_SIZE).await?;
        }
        Ok(())
    }

    /// Sends the first `len` bytes of the part being filled (all of it when shorter) as the next part,
    /// starting the multipart upload first if needed. Waits for the previous part, so at most one is in flight.
    async fn send_part(&mut self, len: usize) -> Result<(), Error> {
        let payload = take_front(&mut self.part, len);
        self.part_len -= payload.iter().map(Bytes::len).sum::<usize>();
        let upload = match &mut self.upload {
            Some(upload) => upload,
            None => {
                let upload = self.start_upload().await?;
                self.upload.insert(upload)
            }
        };
        spawn_part(&self.inner.s3, upload, payload).await
    }

    async fn start_upload(&self) -> Result<Upload, Error> {
        let name = uuid::Uuid::new_v4().simple().to_string();
        let marker = self.inner.own_uploads().join(name.as_str());
        let key = match &self.target {
            Some(target) => target.clone(),
            None => self
                .inner
                .own_uploads()
                .join(format!("{name}.data").as_str()),
        };
        let id = self
            .inner
            .s3
            .create_multipart(&key)
            .await
            .map_err(remote("starting an upload to", &key))?;
        let record = format!("{key}\n{id}");
        if let Err(e) = self.inner.s3.put(&marker, record.into()).await {
            let _ = self.inner.s3.abort_multipart(&key, &id).await;
            return Err(remote("writing", &marker)(e));
        }
        Ok(Upload {
            key,
            id,
            marker,
            parts: Vec::new(),
            in_flight: VecDeque::new(),
            next: 0,
        })
    }

    /// Writes the spool's pending bytes to its file.
    async fn flush_spool(&mut self) -> Result<(), Error> {
        let Some(spool) = &mut self.spool else {
            return Ok(());
        };
        if spool.pending.is_empty() {
            return Ok(());
        }
        let (file, chunks) = (Arc::clone(&spool.file), std::mem::take(&mut spool.pending));
        tokio::task::spawn_blocking(move || super::fs::write_all_vectored(&file, &chunks))
            .await
            .map_err(std::io::Error::other)
            .and_then(|r| r)
            .map_err(|source| Error::Io {
                action: "writing the spool in",
                path: self.inner.spool_dir.clone(),
                source,
            })
    }
}

/// Starts sending `payload` as the next part, once fewer than [`PARTS_IN_FLIGHT`] are being sent.
async fn spawn_part(s3: &AmazonS3, upload: &mut Upload, payload: Vec<Bytes>) -> Result<(), Error> {
    wait_parts(upload, PARTS_IN_FLIGHT - 1).await?;
    let (s3, key, id, idx) = (
        s3.clone(),
        upload.key.clone(),
        upload.id.clone(),
        upload.next,
    );
    upload.next += 1;
    upload.in_flight.push_back(tokio::spawn(async move {
        s3.put_part(&key, &id, idx, PutPayload::from_iter(payload))
            .await
    }));
    Ok(())
}

/// Waits for the oldest parts in flight until at most `keep` are left, recording their ids in order.
async fn wait_parts(upload: &mut Upload, keep: usize) -> Result<(), Error> {
    while upload.in_flight.len() > keep {
        let Some(part) = upload.in_flight.pop_front() else {
            break;
        };
        let id = part
            .await
            .map_err(|e| object_store::Error::JoinError { source: e })
            .and_then(|r| r)
            .map_err(remote("uploading a part of", &upload.key))?;
        upload.parts.push(id);
    }
    Ok(())
}

impl BlobSink for S3Sink {
    fn write<'a>(&'a mut self, chunk: &'a [u8]) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            self.small.extend_from_slice(chunk);
            if self.small.len() >= GATHER {
                self.move_small().await?;
            }
            Ok(())
        })
    }

    fn write_bytes(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            if chunk.len() < GATHER {
                return self.write(&chunk).await;
            }
            self.move_small().await?;
            self.add(chunk).await
        })
    }

    fn flush(&mut self) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            self.move_small().await?;
            self.flush_spool().await
        })
    }

    fn open_spool(&mut self) -> BoxFuture<'_, Result<Option<std::fs::File>, Error>> {
        Box::pin(async move {
            if let Some(spool) = &self.spool {
                let file = spool.file.try_clone().map_err(|source| Error::Io {
                    action: "reopening the spool in",
                    path: self.inner.spool_dir.clone(),
                    source,
                })?;
                return Ok(Some(file));
            }
            if self.part_len > 0 || !self.small.is_empty() || self.upload.is_some() {
                // Bytes already went by without being spooled: no spool can show them.
                return Ok(None);
            }
            let dir = self.inner.spool_dir.clone();
            let file = tokio::task::spawn_blocking({
                let dir = dir.clone();
                move || tempfile::tempfile_in(dir)
            })
            .await
            .map_err(std::io::Error::other)
            .and_then(|r| r)
            .map_err(|source| Error::Io {
                action: "creating a spool file in",
                path: dir.clone(),
                source,
            })?;
            let reader = file.try_clone().map_err(|source| Error::Io {
                action: "reopening the spool in",
                path: dir,
                source,
            })?;
            self.spool = Some(Spool {
                file: Arc::new(file),
                pending: Vec::new(),
            });
            Ok(Some(reader))
        })
    }

    fn persist(self: Box<Self>, digest: Digest) -> BoxFuture<'static, Result<(), Error>> {
        let target = self.inner.blob_key(&digest);
        self.persist_to(target)
    }
}

/// Sends the last part and completes `upload`, then moves the object to `target` when it is not there yet.
async fn finish(
    inner: &Inner,
    sink: &mut S3Sink,
    upload: &mut Upload,
    target: &Path,
) -> Result<(), Error> {
    if sink.part_len > 0 {
        let payload = std::mem::take(&mut sink.part).into();
        sink.part_len = 0;
        spawn_part(&inner.s3, upload, payload).await?;
    }
    wait_parts(upload, 0).await?;
    inner
        .s3
        .complete_multipart(&upload.key, &upload.id, std::mem::take(&mut upload.parts))
        .await
        .map_err(remote("completing the upload of", &upload.key))?;
    if upload.key != *target {
        inner
            .s3
            .copy(&upload.key, target)
            .await
            .map_err(remote("copying an upload to", target))?;
        inner
            .s3
            .delete(&upload.key)
            .await
            .map_err(remote("deleting", &upload.key))?;
    }
    Ok(())
}

impl Drop for S3Sink {
    fn drop(&mut self) {
        let Some(upload) = self.upload.take() else {
            return; // nothing left the process
        };
        for part in &upload.in_flight {
            part.abort();
        }
        let s3 = self.inner.s3.clone();
        let abort = async move {
            if let Err(e) = s3.abort_multipart(&upload.key, &upload.id).await {
                tracing::warn!(key = %upload.key, error = %e, "cannot abort an abandoned upload");
            }
            if let Err(e) = s3.delete(&upload.marker).await {
                tracing::warn!(key = %upload.marker, error = %e, "cannot remove an upload marker");
            }
        };
        // A drop cannot wait; outside a runtime (never in pulpd) startup cleanup removes it later.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(abort);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_env_resolve_into_a_config() {
        let env = |name: &str| match name {
            "AWS_ACCESS_KEY_ID" => Some("K".to_owned()),
            "AWS_SECRET_ACCESS_KEY" => Some("S".to_owned()),
            "AWS_ENDPOINT_URL" => Some("http://127.0.0.1:8333".to_owned()),
            _ => None,
        };
        let c = S3Config::from_url("s3://bucket/some/prefix/", env).unwrap();
        assert_eq!(
            (c.bucket.as_str(), c.prefix.as_str(), c.region.as_str()),
            ("bucket", "some/prefix", "us-east-1")
        );
        assert_eq!(S3Config::from_url("s3://b", env).unwrap().prefix, "");
        for bad in ["s3://", "s3:///x", "http://b/x", "s3://b/../x"] {
            assert!(
                matches!(S3Config::from_url(bad, env), Err(ConfigError::BadUrl(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            S3Config::from_url("s3://b", |_| None),
            Err(ConfigError::MissingEnv("AWS_ACCESS_KEY_ID"))
        ));
        // The secret never shows in debug output.
        let secret = |name: &str| match name {
            "AWS_SECRET_ACCESS_KEY" => Some("very-secret".to_owned()),
            _ => env(name),
        };
        let c = S3Config::from_url("s3://b", secret).unwrap();
        assert!(!format!("{c:?}").contains("very-secret"));
    }

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in [
            "http://127.0.0.1:8333",
            "http://localhost:9000/",
            "http://[::1]:8333",
        ] {
            assert!(is_loopback_http(ok), "{ok}");
        }
        for refused in [
            "http://10.0.0.1:8333",
            "https://s3.amazonaws.com",
            "http://example.com",
            "",
        ] {
            assert!(!is_loopback_http(refused), "{refused}");
        }
    }

    #[test]
    fn split_keeps_chunks_within_the_read_size() {
        let sizes: Vec<_> = split(Bytes::from(vec![0u8; 2 * READ_CHUNK + 1]))
            .map(|c| c.len())
            .collect();
        assert_eq!(sizes, [READ_CHUNK, READ_CHUNK, 1]);
        assert_eq!(split(Bytes::new()).count(), 0);
    }
}
