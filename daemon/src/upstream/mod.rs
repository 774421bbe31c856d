//! The one client of remote OCI / Docker registries (Distribution v2 API) that sync and pull-through share.
//!
//! Owns: building the HTTP client from a remote's settings (TLS, proxy, timeouts), authentication (Basic, and
//! Bearer tokens fetched from the challenge's realm and cached per scope until they expire), retries of
//! transient failures, tag listing with `Link` pagination, manifest fetches, and blob streams whose digest is
//! verified while they stream. It does not decide *what* to fetch (sync and pull-through do), store metadata,
//! or know about axum.
//!
//! # Invariants
//! - **Nothing unverified passes as valid.** A manifest fetched by digest is returned only if its bytes hash to
//!   that digest; a manifest fetched by tag is checked against `Docker-Content-Digest` when the registry sends
//!   one. A [`BlobStream`] ends with an error item, never a clean end, when the bytes do not match the digest
//!   or the announced length, so a consumer writing it to a [`BlobWriter`](crate::blobs::BlobWriter) never
//!   commits wrong bytes (the writer, given the expected digest, checks again on commit).
//! - **Bounded memory.** Manifests, tag pages, token and error bodies are read with a size cap
//!   ([`MAX_MANIFEST_SIZE`] and friends); blobs are never buffered, only streamed.
//! - **Credentials stay with their registry.** Basic credentials go to the configured registry and its token
//!   realm only; reqwest drops `Authorization` on redirects to another host (blob downloads commonly redirect
//!   to a CDN); a `Link` to another origin is refused. Tokens and passwords are never logged.
//! - **Only idempotent requests are retried** (all requests here are GET or HEAD): up to
//!   [`UpstreamConfig::retries`] times on connection errors, timeouts, 5xx and 429, never on other 4xx; a blob
//!   body that breaks mid-stream is not retried here (the caller restarts the fetch).
//!
//! Proxies come only from [`UpstreamConfig::proxy_url`]: the `HTTP(S)_PROXY` environment is ignored so a remote
//! behaves the same whatever environment the daemon was started in.

mod auth;
mod clients;
#[cfg(test)]
mod tests;

pub use clients::Clients;

use std::pin::Pin;
use std::sync::{Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use base64::Engine as _;
use bytes::{Bytes, BytesMut};
use futures::{Stream, StreamExt};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, Response, StatusCode, Url};
use serde::Deserialize;
use tokio::time::Instant;

use crate::blobs::{self, Algorithm, BlobStore, Digest, Hasher};
use auth::{parse_challenges, Challenge, TokenCache, TokenResponse};

/// OCI image manifest.
pub const MEDIA_TYPE_OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// OCI image index (multi-platform).
pub const MEDIA_TYPE_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
/// Docker image manifest, schema 2.
pub const MEDIA_TYPE_DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// Docker manifest list (multi-platform).
pub const MEDIA_TYPE_DOCKER_MANIFEST_LIST: &str =
    "application/vnd.docker.distribution.manifest.list.v2+json";

/// The manifest types pulpd stores, in preference order: the `Accept` list for [`Upstream::get_manifest`].
/// Schema 1 is left out on purpose; a registry then converts or answers 404.
pub const MANIFEST_ACCEPT: &[&str] = &[
    MEDIA_TYPE_OCI_MANIFEST,
    MEDIA_TYPE_OCI_INDEX,
    MEDIA_TYPE_DOCKER_MANIFEST,
    MEDIA_TYPE_DOCKER_MANIFEST_LIST,
];

/// Largest manifest accepted: the OCI distribution spec lets registries refuse manifests over 4 MiB, and real
/// ones are a few KiB (a 1000-platform index is ~300 KiB).
pub const MAX_MANIFEST_SIZE: u64 = 4 * 1024 * 1024;

/// Largest `tags/list` page body (~200k tags of 64 characters; real pages are far smaller).
const MAX_TAGS_PAGE_SIZE: u64 = 16 * 1024 * 1024;

/// Largest token endpoint answer (tokens are JWTs of a few KiB).
const MAX_TOKEN_RESPONSE_SIZE: u64 = 1024 * 1024;

/// How much of an error body is read to extract the registry's error message.
const MAX_ERROR_BODY_SIZE: u64 = 16 * 1024;

/// Tags asked for per page. 100 is accepted everywhere: Quay caps pages at 100 and newer Distribution versions
/// reject `n` above their configured maximum instead of capping it.
const TAGS_PAGE_SIZE: u32 = 100;

/// Pages followed before giving up on a `Link` chain (10 million tags at 100 per page; guards against loops).
const MAX_TAG_PAGES: usize = 100_000;

/// Longest `Retry-After` we wait for; a registry asking for more (Docker Hub's rate limit says hours) gets its
/// 429 reported instead of a stalled task.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);

/// Settings of one remote registry (from a Pulp remote or a pull-through cache). Equal settings make equal
/// clients, so a [`Clients`] cache is keyed by them.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UpstreamConfig {
    /// Base URL of the registry, e.g. `https://registry-1.docker.io` (requests go to `<url>/v2/...`). Must not
    /// contain credentials.
    pub url: String,
    /// Username for Basic auth and for the token realm; anonymous when `None`.
    pub username: Option<String>,
    /// Password for `username`.
    pub password: Option<String>,
    /// Verify the server's TLS certificate (Pulp's `tls_validation`). `false` accepts any certificate.
    pub tls_validation: bool,
    /// HTTP(S) proxy for every request, e.g. `http://proxy:3128`.
    pub proxy_url: Option<String>,
    /// Username for the proxy.
    pub proxy_username: Option<String>,
    /// Password for the proxy.
    pub proxy_password: Option<String>,
    /// Time allowed to establish a connection.
    pub connect_timeout: Duration,
    /// Longest silence while reading any response (a stalled blob download fails after this).
    pub read_timeout: Duration,
    /// Total time for small requests (manifests, tag pages, tokens). Blob downloads have no total limit, only
    /// `read_timeout`, since a large layer on a slow link can take long.
    pub request_timeout: Duration,
    /// Retries after the first attempt for transient failures.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub retry_backoff: Duration,
    /// Total time for a blob download (Pulp's `total_timeout`); `None`: only `read_timeout` bounds it.
    pub blob_timeout: Option<Duration>,
    /// PEM CA certificates trusted besides the system's (Pulp's `ca_cert`).
    pub ca_cert: Option<String>,
    /// PEM client certificate and private key presented for mutual TLS (Pulp's `client_cert`/`client_key`).
    pub client_identity: Option<(String, String)>,
    /// Extra headers sent with every request (Pulp's `headers`), in order.
    pub headers: Vec<(String, String)>,
}

impl UpstreamConfig {
    /// Anonymous access to `url` with default timeouts and retries.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            ..Self::default()
        }
    }
}

impl Default for UpstreamConfig {
    fn default() -> Self {
        Self {
            url: String::new(),
            username: None,
            password: None,
            tls_validation: true,
            proxy_url: None,
            proxy_username: None,
            proxy_password: None,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(60),
            request_timeout: Duration::from_secs(60),
            retries: 2,
            retry_backoff: Duration::from_millis(250),
            blob_timeout: None,
            ca_cert: None,
            client_identity: None,
            headers: Vec::new(),
        }
    }
}

impl std::fmt::Debug for UpstreamConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redact = |p: &Option<String>| p.as_ref().map(|_| "<redacted>");
        f.debug_struct("UpstreamConfig")
            .field("url", &self.url)
            .field("username", &self.username)
            .field("password", &redact(&self.password))
            .field("tls_validation", &self.tls_validation)
            .field("proxy_url", &self.proxy_url)
            .field("proxy_username", &self.proxy_username)
            .field("proxy_password", &redact(&self.proxy_password))
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retries", &self.retries)
            .field("retry_backoff", &self.retry_backoff)
            .field("blob_timeout", &self.blob_timeout)
            .field("ca_cert", &self.ca_cert.as_ref().map(|_| "<pem>"))
            .field(
                "client_identity",
                &self.client_identity.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Errors talking to an upstream registry, by condition. Messages name the URL involved.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration cannot be used (bad URL, bad proxy).
    #[error("invalid upstream configuration: {reason}")]
    InvalidConfig { reason: String },
    /// A repository name, reference or header value that cannot be sent (checked before any request).
    #[error("invalid {what} {value:?}")]
    InvalidInput { what: &'static str, value: String },
    /// No connection could be made, or it timed out, after the retries.
    #[error("cannot reach upstream {url}: {cause}")]
    Unreachable { url: String, cause: String },
    /// The connection broke or stalled while a body was being read.
    #[error("download from upstream {url} was interrupted: {cause}")]
    Interrupted { url: String, cause: String },
    /// 401 even after answering the registry's auth challenge (missing or wrong credentials).
    #[error("upstream {url} refused access (401 unauthorized); check the remote's username and password")]
    Unauthorized { url: String },
    /// 404: the manifest, blob or repository does not exist upstream.
    #[error("{what} not found upstream at {url}")]
    NotFound { what: String, url: String },
    /// Any other unsuccessful status (after retries for 5xx/429). `detail` is the registry's error message.
    #[error("upstream {url} answered {status}{}", if detail.is_empty() { String::new() } else { format!(": {detail}") })]
    Status {
        url: String,
        status: StatusCode,
        detail: String,
    },
    /// The content does not hash to the digest it was requested by (or announced with).
    #[error("content from upstream {url} has digest {actual}, expected {expected}")]
    DigestMismatch {
        url: String,
        expected: Digest,
        actual: Digest,
    },
    /// A blob's length differs from its `Content-Length`.
    #[error("upstream {url} sent {actual} bytes, expected {expected}")]
    SizeMismatch {
        url: String,
        expected: u64,
        actual: u64,
    },
    /// A body larger than its cap (manifest, tag page, token).
    #[error("{what} from upstream {url} is larger than {limit} bytes")]
    TooLarge {
        url: String,
        what: &'static str,
        limit: u64,
    },
    /// An answer that breaks the protocol (unparseable JSON, bad challenge, foreign `Link`, no media type).
    #[error("unexpected answer from upstream {url}: {reason}")]
    Protocol { url: String, reason: String },
    /// Writing a fetched blob into the blob store failed.
    #[error("storing blob from upstream {url}: {source}")]
    Store {
        url: String,
        #[source]
        source: blobs::Error,
    },
}

/// A manifest as the registry served it.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The exact bytes (`digest` is their hash; re-serializing would change it).
    pub bytes: Bytes,
    /// From `Content-Type`, or the body's `mediaType` when the header is missing or generic.
    pub media_type: String,
    /// Digest of `bytes`, verified against the requested digest or `Docker-Content-Digest` (and computed with
    /// its algorithm; sha256 when there is none).
    pub digest: Digest,
}

/// What a `HEAD` of a manifest tells: enough to see whether a tag moved without downloading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestHead {
    /// The manifest's digest (`Docker-Content-Digest`).
    pub digest: Digest,
    /// Its media type (`Content-Type`).
    pub media_type: String,
    /// Its size in bytes (`Content-Length`).
    pub size: u64,
}

/// A blob download in progress: a stream of chunks that verifies length and digest as it goes.
///
/// The last item is `Err(Error::DigestMismatch)` / `Err(Error::SizeMismatch)` instead of the end of the stream
/// when the bytes are wrong, and `Err(Error::Interrupted)` when the connection breaks. Nothing follows an error.
pub struct BlobStream {
    /// `Content-Length` of the blob, when the registry sent one.
    pub len: Option<u64>,
    /// The verifying stream.
    stream: Verified,
}

impl Stream for BlobStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.stream).poll_next(cx)
    }
}

impl std::fmt::Debug for BlobStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobStream")
            .field("len", &self.len)
            .field("digest", &self.stream.digest)
            .field("received", &self.stream.received)
            .finish_non_exhaustive()
    }
}

/// A response body as a boxed stream of chunks.
type BodyStream = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;

/// Hashes and counts a body while passing it on; turns the end into an error if the bytes are wrong.
struct Verified {
    /// The body.
    inner: BodyStream,
    /// Hash of the bytes passed on so far, with `digest`'s algorithm; `None` when the consumer verifies the
    /// digest itself (a [`blobs::BlobWriter`] given the expected digest), so the bytes are not hashed twice.
    hasher: Option<Hasher>,
    /// Bytes passed on so far.
    received: u64,
    /// `Content-Length`, if announced.
    expected_len: Option<u64>,
    /// The digest the bytes must hash to.
    digest: Digest,
    /// For error messages.
    url: String,
    /// Set after the final item (success or error), so nothing follows it.
    done: bool,
}

impl Stream for Verified {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.done {
            return Poll::Ready(None);
        }
        let item = match this.inner.as_mut().poll_next(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(item) => item,
        };
        match item {
            Some(Ok(chunk)) => {
                this.received += chunk.len() as u64;
                if let Some(expected) = this.expected_len.filter(|&len| this.received > len) {
                    this.done = true;
                    return Poll::Ready(Some(Err(Error::SizeMismatch {
                        url: this.url.clone(),
                        expected,
                        actual: this.received,
                    })));
                }
                if let Some(h) = this.hasher.as_mut() {
                    h.update(&chunk);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Some(Err(err)) => {
                this.done = true;
                Poll::Ready(Some(Err(Error::Interrupted {
                    url: this.url.clone(),
                    cause: describe(&err),
                })))
            }
            None => {
                this.done = true;
                if let Some(expected) = this.expected_len.filter(|&len| len != this.received) {
                    return Poll::Ready(Some(Err(Error::SizeMismatch {
                        url: this.url.clone(),
                        expected,
                        actual: this.received,
                    })));
                }
                let Some(hasher) = this.hasher.take() else {
                    return Poll::Ready(None);
                };
                let actual = hasher.finish();
                if actual != this.digest {
                    return Poll::Ready(Some(Err(Error::DigestMismatch {
                        url: this.url.clone(),
                        expected: this.digest.clone(),
                        actual,
                    })));
                }
                Poll::Ready(None)
            }
        }
    }
}

/// A client of one remote registry. Cheap to share behind an `Arc`; requests may run concurrently.
pub struct Upstream {
    /// The HTTP client (connection pool, TLS, proxy, timeouts).
    client: reqwest::Client,
    /// Base URL, ending in `/`, so `v2/...` joins below any path prefix.
    base: Url,
    /// Basic credentials for the registry and its token realm.
    credentials: Option<Credentials>,
    /// Total timeout for small requests.
    request_timeout: Duration,
    /// Total timeout for blob downloads, if any.
    blob_timeout: Option<Duration>,
    /// Extra headers of every request.
    extra_headers: HeaderMap,
    /// Retries for transient failures.
    retries: u32,
    /// First retry delay.
    retry_backoff: Duration,
    /// What we learnt about the registry's auth. A std mutex: it is never held across an `.await`.
    auth: Mutex<AuthState>,
}

/// A username and password.
struct Credentials {
    username: String,
    password: String,
}

impl Credentials {
    /// The `Authorization: Basic` value.
    fn basic(&self) -> Result<HeaderValue, Error> {
        let encoded = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", self.username, self.password));
        let mut value = header_value("credentials", &format!("Basic {encoded}"))?;
        value.set_sensitive(true);
        Ok(value)
    }
}

/// Auth knowledge shared by all requests to one registry.
#[derive(Default)]
struct AuthState {
    /// The registry answered with a Basic challenge once: send credentials up front from now on.
    basic: bool,
    /// Bearer tokens by scope.
    tokens: TokenCache,
}

/// What a request carried in `Authorization`, to decide how to answer a 401.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sent {
    /// Nothing.
    Anonymous,
    /// Basic credentials.
    Basic,
    /// A bearer token.
    Bearer,
}

/// A tag or a digest.
enum Reference<'a> {
    Tag(&'a str),
    Digest(Digest),
}

impl std::fmt::Display for Reference<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reference::Tag(tag) => f.write_str(tag),
            Reference::Digest(digest) => write!(f, "{digest}"),
        }
    }
}

impl Upstream {
    /// Builds a client for the registry at `config.url`. Makes no request.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] for an unparseable URL or proxy, a URL with credentials in it, or a scheme
    /// other than http/https.
    pub fn new(config: UpstreamConfig) -> Result<Self, Error> {
        let invalid = |reason: String| Error::InvalidConfig { reason };
        let mut base = Url::parse(config.url.trim())
            .map_err(|err| invalid(format!("url {:?}: {err}", config.url)))?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(invalid(format!(
                "url {:?} must be http or https",
                config.url
            )));
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(invalid(
                "url must not contain credentials; set username and password instead".into(),
            ));
        }
        base.set_query(None);
        base.set_fragment(None);
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("pulpd/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .danger_accept_invalid_certs(!config.tls_validation);
        builder = match &config.proxy_url {
            Some(proxy_url) => {
                let mut proxy = reqwest::Proxy::all(proxy_url)
                    .map_err(|err| invalid(format!("proxy url {proxy_url:?}: {err}")))?;
                if let Some(user) = &config.proxy_username {
                    proxy = proxy.basic_auth(user, config.proxy_password.as_deref().unwrap_or(""));
                }
                builder.proxy(proxy)
            }
            None => builder.no_proxy(),
        };
        if let Some(pem) = &config.ca_cert {
            for cert in ca_certificates(pem).map_err(|e| invalid(format!("ca_cert: {e}")))? {
                builder = builder.add_root_certificate(cert);
            }
        }
        if let Some((cert, key)) = &config.client_identity {
            builder = builder.identity(
                client_identity(cert, key)
                    .map_err(|e| invalid(format!("client_cert/client_key: {e}")))?,
            );
        }
        let extra_headers = extra_headers(&config.headers).map_err(invalid)?;
        let client = builder
            .build()
            .map_err(|err| invalid(format!("http client: {}", describe(&err))))?;
        Ok(Self {
            client,
            base,
            credentials: config.username.map(|username| Credentials {
                username,
                password: config.password.unwrap_or_default(),
            }),
            request_timeout: config.request_timeout,
            blob_timeout: config.blob_timeout,
            extra_headers,
            retries: config.retries,
            retry_backoff: config.retry_backoff,
            auth: Mutex::new(AuthState::default()),
        })
    }

    /// The registry's base URL (ending in `/`).
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// Every tag of repository `name`, following `Link: <…>; rel="next"` pagination, in the registry's order.
    ///
    /// # Errors
    /// [`Error::NotFound`] when the repository does not exist; see [`Error`] for the others.
    #[tracing::instrument(skip(self), fields(upstream = %self.base))]
    pub async fn list_tags(&self, name: &str) -> Result<Vec<String>, Error> {
        #[derive(Deserialize)]
        struct TagsPage {
            #[serde(default)]
            tags: Option<Vec<String>>,
        }
        check_name(name)?;
        let scope = pull_scope(name);
        let mut url = self.url(&format!("v2/{name}/tags/list"))?;
        url.query_pairs_mut()
            .append_pair("n", &TAGS_PAGE_SIZE.to_string());
        let mut tags = Vec::new();
        for _ in 0..MAX_TAG_PAGES {
            let resp = self
                .send(Method::GET, &url, Some(&scope), &["application/json"], true)
                .await?;
            let resp = check_status(resp, &url, || format!("repository {name}")).await?;
            let next = next_link(resp.headers(), &url)?;
            let body = read_limited(resp, MAX_TAGS_PAGE_SIZE, "tag list", &url).await?;
            let page: TagsPage = serde_json::from_slice(&body).map_err(|err| Error::Protocol {
                url: url.to_string(),
                reason: format!("tag list is not valid json: {err}"),
            })?;
            tags.extend(page.tags.unwrap_or_default());
            match next {
                Some(next) if next == url => {
                    return Err(Error::Protocol {
                        url: url.to_string(),
                        reason: "tag list links to itself".into(),
                    })
                }
                Some(next) => url = next,
                None => return Ok(tags),
            }
        }
        Err(Error::Protocol {
            url: url.to_string(),
            reason: format!("tag list has more than {MAX_TAG_PAGES} pages"),
        })
    }

    /// Fetches a manifest by tag or digest, sending each `accept` media type as its own `Accept` header line
    /// (some registries keep only one line of a comma-joined list). Use [`MANIFEST_ACCEPT`] normally.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown manifest; [`Error::DigestMismatch`] when the bytes do not hash to the
    /// requested digest (or, for a tag, to `Docker-Content-Digest`); [`Error::TooLarge`] over
    /// [`MAX_MANIFEST_SIZE`].
    #[tracing::instrument(skip(self, accept), fields(upstream = %self.base))]
    pub async fn get_manifest(
        &self,
        name: &str,
        reference: &str,
        accept: &[&str],
    ) -> Result<Manifest, Error> {
        check_name(name)?;
        let reference = parse_reference(reference)?;
        let url = self.url(&format!("v2/{name}/manifests/{reference}"))?;
        let resp = self
            .send(Method::GET, &url, Some(&pull_scope(name)), accept, true)
            .await?;
        let resp = check_status(resp, &url, || format!("manifest {name}:{reference}")).await?;
        let announced = header_digest(resp.headers());
        let content_type = content_type(resp.headers());
        let bytes = read_limited(resp, MAX_MANIFEST_SIZE, "manifest", &url).await?;
        let expected = match reference {
            Reference::Digest(expected) => Some(expected),
            // Schema 1 digests cover the payload without its signatures, so they never match the body's hash.
            Reference::Tag(_)
                if content_type.starts_with("application/vnd.docker.distribution.manifest.v1") =>
            {
                None
            }
            Reference::Tag(_) => announced,
        };
        // Hashed with the algorithm of the digest it must match: a manifest may be named by its sha512.
        let algorithm = expected
            .as_ref()
            .map_or(Algorithm::Sha256, Digest::algorithm);
        let digest = Digest::of(algorithm, &bytes);
        if let Some(expected) = expected.filter(|expected| *expected != digest) {
            return Err(Error::DigestMismatch {
                url: url.to_string(),
                expected,
                actual: digest,
            });
        }
        let media_type = media_type(&content_type, &bytes).ok_or_else(|| Error::Protocol {
            url: url.to_string(),
            reason: "manifest has neither a Content-Type nor a mediaType".into(),
        })?;
        Ok(Manifest {
            bytes,
            media_type,
            digest,
        })
    }

    /// `HEAD`s a manifest: its digest, media type and size, or `None` if it does not exist. Cheaper than a
    /// `GET` (Docker Hub does not count HEADs against its pull rate limit). Falls back to a `GET` when the
    /// registry omits `Docker-Content-Digest`, `Content-Type` or `Content-Length` on HEAD.
    ///
    /// # Errors
    /// [`Error::DigestMismatch`] when fetched by digest and the registry announces another one.
    #[tracing::instrument(skip(self, accept), fields(upstream = %self.base))]
    pub async fn head_manifest(
        &self,
        name: &str,
        reference: &str,
        accept: &[&str],
    ) -> Result<Option<ManifestHead>, Error> {
        check_name(name)?;
        let parsed = parse_reference(reference)?;
        let url = self.url(&format!("v2/{name}/manifests/{parsed}"))?;
        let resp = self
            .send(Method::HEAD, &url, Some(&pull_scope(name)), accept, true)
            .await?;
        if resp.status() == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let resp = check_status(resp, &url, || format!("manifest {name}:{parsed}")).await?;
        let headers = resp.headers();
        // reqwest reports a HEAD's body length (0), not the header, so read `Content-Length` directly.
        let announced = (
            header_digest(headers),
            Some(content_type(headers)).filter(|t| !t.is_empty()),
            header_u64(headers, header::CONTENT_LENGTH),
        );
        let (digest, media_type, size) = match announced {
            (Some(digest), Some(media_type), Some(size)) => (digest, media_type, size),
            _ => {
                tracing::debug!(%url, "manifest HEAD lacks digest, type or length; fetching it");
                return match self.get_manifest(name, reference, accept).await {
                    Ok(m) => Ok(Some(ManifestHead {
                        size: m.bytes.len() as u64,
                        digest: m.digest,
                        media_type: m.media_type,
                    })),
                    Err(Error::NotFound { .. }) => Ok(None),
                    Err(err) => Err(err),
                };
            }
        };
        if let Reference::Digest(expected) = parsed {
            if expected != digest {
                return Err(Error::DigestMismatch {
                    url: url.to_string(),
                    expected,
                    actual: digest,
                });
            }
        }
        Ok(Some(ManifestHead {
            digest,
            media_type,
            size,
        }))
    }

    /// Starts downloading a blob. The returned stream verifies length and digest while streaming and ends
    /// with an error item if they do not match (see [`BlobStream`]).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown blob; errors of the transfer itself come as stream items.
    #[tracing::instrument(skip(self), fields(upstream = %self.base))]
    pub async fn get_blob(&self, name: &str, digest: &Digest) -> Result<BlobStream, Error> {
        self.blob_stream(name, digest, true).await
    }

    /// Like [`Upstream::get_blob`] but the stream checks only the length: for a consumer that writes the bytes
    /// into a [`blobs::BlobWriter`] given `digest`, which verifies it (hashing 256 MiB twice cost measurable time
    /// on cold pull-through). The consumer must not pass the bytes on as complete before its own check.
    pub async fn get_blob_for_writer(
        &self,
        name: &str,
        digest: &Digest,
    ) -> Result<BlobStream, Error> {
        self.blob_stream(name, digest, false).await
    }

    async fn blob_stream(
        &self,
        name: &str,
        digest: &Digest,
        hash: bool,
    ) -> Result<BlobStream, Error> {
        let (url, resp) = self.blob_response(name, digest).await?;
        let len = header_u64(resp.headers(), header::CONTENT_LENGTH);
        Ok(BlobStream {
            len,
            stream: Verified {
                inner: Box::pin(resp.bytes_stream()),
                hasher: hash.then(|| Hasher::new(digest.algorithm())),
                received: 0,
                expected_len: len,
                digest: digest.clone(),
                url: url.to_string(),
                done: false,
            },
        })
    }

    /// Downloads a blob straight into `store` and commits it; returns its size. The blob becomes visible only
    /// if its bytes hash to `digest` (and match `Content-Length`); otherwise nothing is stored.
    ///
    /// The bytes are hashed once, by the [`BlobWriter`](crate::blobs::BlobWriter) given the expected digest,
    /// rather than also by a [`BlobStream`].
    ///
    /// # Errors
    /// [`Error::DigestMismatch`] / [`Error::SizeMismatch`] for wrong bytes, [`Error::Interrupted`] for a broken
    /// transfer, [`Error::Store`] when the store fails.
    ///
    /// # Cancel safety
    /// Dropping the future discards the partial blob.
    #[tracing::instrument(skip(self, store), fields(upstream = %self.base))]
    pub async fn fetch_blob_into(
        &self,
        name: &str,
        digest: &Digest,
        store: &dyn BlobStore,
    ) -> Result<u64, Error> {
        let (url, resp) = self.blob_response(name, digest).await?;
        let len = header_u64(resp.headers(), header::CONTENT_LENGTH);
        let url = url.to_string();
        let store_error = |source: blobs::Error| match source {
            blobs::Error::DigestMismatch { expected, actual } => Error::DigestMismatch {
                url: url.clone(),
                expected,
                actual,
            },
            blobs::Error::SizeMismatch { expected, actual } => Error::SizeMismatch {
                url: url.clone(),
                expected,
                actual,
            },
            source => Error::Store {
                url: url.clone(),
                source,
            },
        };
        let mut writer = store.writer(Some(digest), len).await.map_err(store_error)?;
        let mut body = resp.bytes_stream();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|err| Error::Interrupted {
                url: url.clone(),
                cause: describe(&err),
            })?;
            writer.write_bytes(chunk).await.map_err(store_error)?;
        }
        let (_, size) = writer.commit().await.map_err(store_error)?;
        tracing::debug!(%digest, size, "blob fetched");
        Ok(size)
    }

    /// Sends the GET of a blob and checks its status.
    async fn blob_response(&self, name: &str, digest: &Digest) -> Result<(Url, Response), Error> {
        check_name(name)?;
        let url = self.url(&format!("v2/{name}/blobs/{digest}"))?;
        let resp = self
            .send(Method::GET, &url, Some(&pull_scope(name)), &[], false)
            .await?;
        let resp = check_status(resp, &url, || format!("blob {digest} of {name}")).await?;
        Ok((url, resp))
    }

    /// `<base>/<path>`.
    fn url(&self, path: &str) -> Result<Url, Error> {
        self.base.join(path).map_err(|err| Error::InvalidInput {
            what: "path",
            value: format!("{path} ({err})"),
        })
    }

    /// Sends a request, answering one auth challenge: a 401 is retried once with Basic credentials or a bearer
    /// token for `scope`, and a second 401 is [`Error::Unauthorized`]. Other statuses are the caller's.
    async fn send(
        &self,
        method: Method,
        url: &Url,
        scope: Option<&str>,
        accept: &[&str],
        small: bool,
    ) -> Result<Response, Error> {
        let mut headers = HeaderMap::new();
        for value in accept {
            headers.append(header::ACCEPT, header_value("accept header", value)?);
        }
        let (sent, authorization) = self.cached_authorization(scope)?;
        let resp = self
            .send_retrying(&method, url, &headers, authorization.as_ref(), small)
            .await?;
        if resp.status() != StatusCode::UNAUTHORIZED {
            return Ok(resp);
        }
        let challenges: Vec<Challenge> = resp
            .headers()
            .get_all(header::WWW_AUTHENTICATE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(parse_challenges)
            .collect();
        drop(resp);
        let (sent, authorization) = self.answer(&challenges, sent, scope, url).await?;
        let resp = self
            .send_retrying(&method, url, &headers, Some(&authorization), small)
            .await?;
        if resp.status() == StatusCode::UNAUTHORIZED {
            if sent == Sent::Bearer {
                self.auth_state().tokens.remove(scope.unwrap_or_default());
            }
            return Err(Error::Unauthorized {
                url: url.to_string(),
            });
        }
        Ok(resp)
    }

    /// The `Authorization` to send before any challenge: a cached token for `scope`, else Basic credentials
    /// if the registry is known to want them.
    fn cached_authorization(
        &self,
        scope: Option<&str>,
    ) -> Result<(Sent, Option<HeaderValue>), Error> {
        let (token, basic) = {
            let state = self.auth_state();
            let token = scope
                .and_then(|scope| state.tokens.get(scope, Instant::now()))
                .map(str::to_owned);
            (token, state.basic)
        };
        match (token, &self.credentials) {
            (Some(token), _) => Ok((Sent::Bearer, Some(bearer(&token)?))),
            (None, Some(credentials)) if basic => Ok((Sent::Basic, Some(credentials.basic()?))),
            _ => Ok((Sent::Anonymous, None)),
        }
    }

    /// Chooses how to retry after a 401 carrying `challenges`, given what the first attempt sent.
    async fn answer(
        &self,
        challenges: &[Challenge],
        sent: Sent,
        scope: Option<&str>,
        url: &Url,
    ) -> Result<(Sent, HeaderValue), Error> {
        let unauthorized = || Error::Unauthorized {
            url: url.to_string(),
        };
        if let Some(challenge) = challenges.iter().find(|c| c.scheme == "bearer") {
            let key = scope.unwrap_or_default();
            if sent != Sent::Bearer {
                // Another request may have fetched a token for this scope meanwhile.
                if let Some(token) = self.auth_state().tokens.get(key, Instant::now()) {
                    return Ok((Sent::Bearer, bearer(token)?));
                }
            }
            let token = self.fetch_token(challenge, scope, url).await?;
            return Ok((Sent::Bearer, bearer(&token)?));
        }
        if challenges.iter().any(|c| c.scheme == "basic") {
            let credentials = self.credentials.as_ref().ok_or_else(unauthorized)?;
            if sent == Sent::Basic {
                return Err(unauthorized());
            }
            self.auth_state().basic = true;
            return Ok((Sent::Basic, credentials.basic()?));
        }
        Err(unauthorized())
    }

    /// Gets a token from the challenge's realm for the challenge's scopes (or `scope` when it names none),
    /// with Basic credentials if configured, and caches it under `scope`.
    async fn fetch_token(
        &self,
        challenge: &Challenge,
        scope: Option<&str>,
        url: &Url,
    ) -> Result<String, Error> {
        let realm = challenge.param("realm").ok_or_else(|| Error::Protocol {
            url: url.to_string(),
            reason: "bearer challenge without a realm".into(),
        })?;
        let mut token_url = Url::parse(realm)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| Error::Protocol {
                url: url.to_string(),
                reason: format!("bearer realm {realm:?} is not an http(s) url"),
            })?;
        let mut scopes = challenge.scopes();
        if scopes.is_empty() {
            scopes.extend(scope.map(str::to_owned));
        }
        {
            let mut query = token_url.query_pairs_mut();
            if let Some(service) = challenge.param("service") {
                query.append_pair("service", service);
            }
            for scope in &scopes {
                query.append_pair("scope", scope);
            }
            if let Some(credentials) = &self.credentials {
                query.append_pair("account", &credentials.username);
            }
        }
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let authorization = self
            .credentials
            .as_ref()
            .map(Credentials::basic)
            .transpose()?;
        let resp = self
            .send_retrying(
                &Method::GET,
                &token_url,
                &headers,
                authorization.as_ref(),
                true,
            )
            .await?;
        if matches!(
            resp.status(),
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
        ) {
            return Err(Error::Unauthorized {
                url: token_url.to_string(),
            });
        }
        let resp = check_status(resp, &token_url, || "token endpoint".to_owned()).await?;
        let body = read_limited(resp, MAX_TOKEN_RESPONSE_SIZE, "token", &token_url).await?;
        let (token, lifetime) = serde_json::from_slice::<TokenResponse>(&body)
            .ok()
            .and_then(TokenResponse::into_token)
            .ok_or_else(|| Error::Protocol {
                url: token_url.to_string(),
                reason: "token endpoint answered without a token".into(),
            })?;
        tracing::debug!(realm = %realm, ?scopes, lifetime_secs = lifetime.as_secs(), "got upstream token");
        self.auth_state().tokens.insert(
            scope.unwrap_or_default().to_owned(),
            token.clone(),
            lifetime,
            Instant::now(),
        );
        Ok(token)
    }

    /// Sends one request, retrying connection failures, timeouts, 5xx and 429 with exponential backoff. After
    /// the last retry a 5xx/429 response is returned as is (the caller reports its status).
    async fn send_retrying(
        &self,
        method: &Method,
        url: &Url,
        headers: &HeaderMap,
        authorization: Option<&HeaderValue>,
        small: bool,
    ) -> Result<Response, Error> {
        let mut attempt = 0;
        loop {
            let mut request = self
                .client
                .request(method.clone(), url.clone())
                .headers(self.extra_headers.clone())
                .headers(headers.clone());
            if let Some(value) = authorization {
                request = request.header(header::AUTHORIZATION, value.clone());
            }
            if small {
                request = request.timeout(self.request_timeout);
            } else if let Some(total) = self.blob_timeout {
                request = request.timeout(total);
            }
            let backoff = self.retry_backoff.saturating_mul(1u32 << attempt.min(16));
            let sent = Instant::now();
            let result = request.send().await;
            crate::metrics::upstream_request(
                method,
                sent.elapsed(),
                result.as_ref().map_or(true, |resp| {
                    resp.status().is_server_error()
                        || resp.status() == StatusCode::TOO_MANY_REQUESTS
                }),
            );
            match result {
                Ok(resp) => {
                    let status = resp.status();
                    tracing::debug!(%method, %url, status = status.as_u16(), "upstream request");
                    let transient =
                        status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS;
                    let wait = match header_u64(resp.headers(), header::RETRY_AFTER) {
                        Some(secs) => Duration::from_secs(secs),
                        None => backoff,
                    };
                    if !transient || attempt >= self.retries || wait > MAX_RETRY_AFTER {
                        return Ok(resp);
                    }
                    tracing::warn!(%method, %url, status = status.as_u16(), attempt, "upstream busy, retrying");
                    tokio::time::sleep(wait).await;
                }
                Err(err) => {
                    let cause = describe(&err);
                    if attempt >= self.retries
                        || !(err.is_connect() || err.is_timeout() || err.is_request())
                    {
                        return Err(Error::Unreachable {
                            url: url.to_string(),
                            cause,
                        });
                    }
                    tracing::warn!(%method, %url, %cause, attempt, "upstream unreachable, retrying");
                    tokio::time::sleep(backoff).await;
                }
            }
            attempt += 1;
        }
    }

    fn auth_state(&self) -> std::sync::MutexGuard<'_, AuthState> {
        // The state is a flag and a map updated in single statements, so it is consistent even if a holder
        // panicked.
        self.auth.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upstream")
            .field("base", &self.base.as_str())
            .field(
                "username",
                &self.credentials.as_ref().map(|c| c.username.as_str()),
            )
            .finish_non_exhaustive()
    }
}

/// The scope a pull of `name` needs, as podman derives it.
fn pull_scope(name: &str) -> String {
    format!("repository:{name}:pull")
}

/// An `Authorization: Bearer` value, marked sensitive so it never shows in debug output.
fn bearer(token: &str) -> Result<HeaderValue, Error> {
    let mut value = header_value("token", &format!("Bearer {token}"))?;
    value.set_sensitive(true);
    Ok(value)
}

fn header_value(what: &'static str, value: &str) -> Result<HeaderValue, Error> {
    HeaderValue::from_str(value).map_err(|_| Error::InvalidInput {
        what,
        // Never echo credentials or tokens.
        value: if matches!(what, "credentials" | "token") {
            "<redacted>".into()
        } else {
            value.into()
        },
    })
}

/// Checks a repository name against the Distribution grammar: `/`-separated components of `[a-z0-9._-]`, each
/// starting and ending with a letter or digit. This also rules out `..` and empty segments, which would change
/// the URL's meaning once joined.
fn check_name(name: &str) -> Result<(), Error> {
    let component_ok = |c: &str| {
        let bytes = c.as_bytes();
        let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        bytes.first().is_some_and(alnum)
            && bytes.last().is_some_and(alnum)
            && bytes
                .iter()
                .all(|b| alnum(b) || matches!(b, b'.' | b'_' | b'-'))
    };
    if name.len() <= 255 && name.split('/').all(component_ok) {
        Ok(())
    } else {
        Err(Error::InvalidInput {
            what: "repository name",
            value: name.chars().take(300).collect(),
        })
    }
}

/// A digest (anything with a `:`) or a tag (`[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`).
fn parse_reference(reference: &str) -> Result<Reference<'_>, Error> {
    let invalid = || Error::InvalidInput {
        what: "reference",
        value: reference.chars().take(200).collect(),
    };
    if reference.contains(':') {
        return Digest::parse(reference)
            .map(Reference::Digest)
            .map_err(|_| invalid());
    }
    let bytes = reference.as_bytes();
    let ok = !bytes.is_empty()
        && bytes.len() <= 128
        && bytes[0] != b'.'
        && bytes[0] != b'-'
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if ok {
        Ok(Reference::Tag(reference))
    } else {
        Err(invalid())
    }
}

/// Passes a successful response; turns 404 into [`Error::NotFound`] naming `what`, and other failures into
/// [`Error::Status`] with the registry's error message.
async fn check_status(
    resp: Response,
    url: &Url,
    what: impl FnOnce() -> String,
) -> Result<Response, Error> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    if status == StatusCode::NOT_FOUND {
        return Err(Error::NotFound {
            what: what(),
            url: url.to_string(),
        });
    }
    let detail = match read_limited(resp, MAX_ERROR_BODY_SIZE, "error body", url).await {
        Ok(body) => error_detail(&body),
        Err(_) => String::new(),
    };
    Err(Error::Status {
        url: url.to_string(),
        status,
        detail,
    })
}

/// The messages of an OCI error body (`{"errors":[{"code","message"}]}`), joined; empty if it is not one.
fn error_detail(body: &[u8]) -> String {
    #[derive(Deserialize)]
    struct Body {
        errors: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Entry {
        #[serde(default)]
        code: String,
        #[serde(default)]
        message: String,
    }
    serde_json::from_slice::<Body>(body)
        .map(|b| {
            b.errors
                .iter()
                .map(|e| format!("{}: {}", e.code.to_lowercase(), e.message))
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

/// Reads a whole body, failing with [`Error::TooLarge`] beyond `limit` bytes (checked against
/// `Content-Length` first, then while reading).
async fn read_limited(
    mut resp: Response,
    limit: u64,
    what: &'static str,
    url: &Url,
) -> Result<Bytes, Error> {
    let too_large = || Error::TooLarge {
        url: url.to_string(),
        what,
        limit,
    };
    let announced = header_u64(resp.headers(), header::CONTENT_LENGTH);
    if announced.is_some_and(|len| len > limit) {
        return Err(too_large());
    }
    let mut body = BytesMut::with_capacity(announced.unwrap_or(0) as usize);
    while let Some(chunk) = resp.chunk().await.map_err(|err| Error::Interrupted {
        url: url.to_string(),
        cause: describe(&err),
    })? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// The `rel="next"` target of a `Link` header, resolved against `current`. Refuses another origin, since
/// the request would carry our credentials there.
fn next_link(headers: &HeaderMap, current: &Url) -> Result<Option<Url>, Error> {
    for value in headers.get_all(header::LINK) {
        let Ok(value) = value.to_str() else { continue };
        let mut rest = value;
        while let Some(open) = rest.find('<') {
            let Some(close) = rest[open..].find('>').map(|i| open + i) else {
                break;
            };
            let target = &rest[open + 1..close];
            let params_end = rest[close..].find('<').map_or(rest.len(), |i| close + i);
            let params = &rest[close + 1..params_end];
            rest = &rest[params_end..];
            let is_next = params.split(';').any(|param| {
                param.split_once('=').is_some_and(|(name, value)| {
                    name.trim().eq_ignore_ascii_case("rel")
                        && value
                            .trim()
                            .trim_matches(|c| c == '"' || c == ',')
                            .split_whitespace()
                            .any(|rel| rel.eq_ignore_ascii_case("next"))
                })
            });
            if !is_next {
                continue;
            }
            let next = current.join(target).map_err(|err| Error::Protocol {
                url: current.to_string(),
                reason: format!("bad next link {target:?}: {err}"),
            })?;
            if next.origin() != current.origin() {
                return Err(Error::Protocol {
                    url: current.to_string(),
                    reason: format!("next link {next} leads to another host"),
                });
            }
            return Ok(Some(next));
        }
    }
    Ok(None)
}

/// `Docker-Content-Digest`, if present and a digest pulpd can verify (sha256 or sha512).
fn header_digest(headers: &HeaderMap) -> Option<Digest> {
    let value = headers.get("docker-content-digest")?.to_str().ok()?;
    Digest::parse(value.trim()).ok()
}

/// `Content-Type` without parameters (`; charset=…`), lowercased; empty when absent.
fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A manifest's media type: the `Content-Type` unless it is missing or generic, then the body's `mediaType`,
/// then whatever `Content-Type` said.
fn media_type(content_type: &str, body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(rename = "mediaType")]
        media_type: Option<String>,
    }
    let generic = matches!(
        content_type,
        "" | "application/json" | "application/octet-stream" | "text/plain"
    );
    if !generic {
        return Some(content_type.to_owned());
    }
    serde_json::from_slice::<Probe>(body)
        .ok()
        .and_then(|p| p.media_type)
        .filter(|t| !t.is_empty())
        .or_else(|| (!content_type.is_empty()).then(|| content_type.to_owned()))
}

/// A header parsed as an unsigned integer.
fn header_u64(headers: &HeaderMap, name: header::HeaderName) -> Option<u64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// A reqwest error with its causes ("error sending request: …: connection refused"), without the URL (our
/// messages name it already).
/// The certificates of a PEM bundle (at least one).
///
/// # Errors
/// Why the text holds no usable certificate.
pub fn ca_certificates(pem: &str) -> Result<Vec<reqwest::Certificate>, String> {
    match reqwest::Certificate::from_pem_bundle(pem.as_bytes()) {
        Ok(certs) if certs.is_empty() => Err("no PEM certificate found".into()),
        Ok(certs) => Ok(certs),
        Err(e) => Err(describe(&e)),
    }
}

/// The TLS client identity of a PEM certificate (chain) and its PEM private key.
///
/// # Errors
/// Why the two do not make an identity (no certificate, no key, unreadable PEM).
pub fn client_identity(cert: &str, key: &str) -> Result<reqwest::Identity, String> {
    reqwest::Identity::from_pem(format!("{cert}\n{key}").as_bytes()).map_err(|e| describe(&e))
}

/// Extra request headers as a map.
///
/// # Errors
/// Names the header that is not a valid HTTP header name or value.
pub fn extra_headers(headers: &[(String, String)]) -> Result<HeaderMap, String> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let name = header::HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| format!("{name:?} is not a valid HTTP header name"))?;
        let value = HeaderValue::from_str(value.trim())
            .map_err(|_| format!("the value of header {name} is not a valid HTTP header value"))?;
        map.append(name, value);
    }
    Ok(map)
}

fn describe(err: &reqwest::Error) -> String {
    let mut text = if err.is_timeout() {
        "timed out".to_owned()
    } else {
        String::new()
    };
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(err);
    if source.is_none() && text.is_empty() {
        text = err.to_string();
    }
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
