//! Tests of the cache through [`Registry`] (resolve → manifest / blob), against real sled and blob files in a
//! temp dir and a tiny fake upstream registry (axum) on `127.0.0.1:0`. TTLs of zero or an hour make freshness
//! deterministic without waiting; the end-to-end suite covers real clients and a real docker-registry.

use super::*;
use crate::blobs::{BlobStore, FsBlobStore};
use crate::content::Repositories;
use crate::distributions::Distributions;
use crate::registry::{self, Registry};
use crate::remotes::Remotes;
use crate::store::Store;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use bytes::Bytes;
use futures::StreamExt;
use serde_json::json;
use sha2::{Digest as _, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;
use tokio::io::AsyncReadExt;
use tokio::sync::Notify;

/// The fake upstream registry.
#[derive(Default)]
struct Fake {
    /// `<name>:<tag>` → manifest digest.
    tags: Mutex<HashMap<String, String>>,
    /// Digest → manifest bytes.
    manifests: Mutex<HashMap<String, Bytes>>,
    /// Digest → blob bytes (which may not match the digest).
    blobs: Mutex<HashMap<String, Bytes>>,
    /// Answer every request with this status instead.
    fail_with: Mutex<Option<StatusCode>>,
    /// Blob bodies stop after this many bytes until `release` is notified (once) or `released` is set.
    gate: Mutex<Option<usize>>,
    release: Notify,
    released: std::sync::atomic::AtomicBool,
    /// `(method, path)` of every request.
    hits: Mutex<Vec<(Method, String)>>,
}

impl Fake {
    fn hits(&self) -> Vec<(Method, String)> {
        self.hits.lock().unwrap().clone()
    }

    /// Stores an image manifest for `name:tag` with one blob of `layer` bytes (whose digest is taken from
    /// `layer_digest` when given, to serve wrong bytes); returns the manifest and layer digests.
    fn image(
        &self,
        name: &str,
        tag: &str,
        layer: &[u8],
        layer_digest: Option<String>,
    ) -> (String, String) {
        let layer_digest = layer_digest.unwrap_or_else(|| sha(layer));
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": crate::content::model::OCI_MANIFEST,
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": layer_digest, "size": layer.len()},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": layer.len()}],
            "annotations": {"tag": tag},
        });
        let bytes = Bytes::from(serde_json::to_vec(&manifest).unwrap());
        let digest = sha(&bytes);
        self.manifests.lock().unwrap().insert(digest.clone(), bytes);
        self.blobs
            .lock()
            .unwrap()
            .insert(layer_digest.clone(), Bytes::copy_from_slice(layer));
        self.tags
            .lock()
            .unwrap()
            .insert(format!("{name}:{tag}"), digest.clone());
        (digest, layer_digest)
    }

    /// Stores an image manifest whose config is `blobs[0]` and whose layers are the rest, tagged `tag` when
    /// given; returns the manifest digest and the blob digests. With `serve_blobs` false the blobs are not
    /// served (404) until added with [`Fake::add_blob`].
    fn image_of(
        &self,
        name: &str,
        tag: Option<&str>,
        blobs: &[&[u8]],
        serve_blobs: bool,
    ) -> (String, Vec<String>) {
        let descriptor = |b: &[u8]| json!({"mediaType": "application/octet-stream", "digest": sha(b), "size": b.len()});
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": crate::content::model::OCI_MANIFEST,
            "config": descriptor(blobs[0]),
            "layers": blobs[1..].iter().map(|b| descriptor(b)).collect::<Vec<_>>(),
        });
        let digest = self.add_manifest(name, tag, &manifest);
        if serve_blobs {
            for b in blobs {
                self.add_blob(b);
            }
        }
        (digest, blobs.iter().map(|b| sha(b)).collect())
    }

    /// Stores an index of the manifests `children` for `name:tag`; returns its digest.
    fn index(&self, name: &str, tag: &str, children: &[&str]) -> String {
        let manifests: Vec<_> = children
            .iter()
            .map(|d| {
                let size = self.manifests.lock().unwrap()[*d].len();
                json!({"mediaType": crate::content::model::OCI_MANIFEST, "digest": d, "size": size,
                       "platform": {"os": "linux", "architecture": "amd64"}})
            })
            .collect();
        let index = json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": manifests,
        });
        self.add_manifest(name, Some(tag), &index)
    }

    fn add_manifest(&self, name: &str, tag: Option<&str>, manifest: &serde_json::Value) -> String {
        let bytes = Bytes::from(serde_json::to_vec(manifest).unwrap());
        let digest = sha(&bytes);
        self.manifests.lock().unwrap().insert(digest.clone(), bytes);
        if let Some(tag) = tag {
            self.tags
                .lock()
                .unwrap()
                .insert(format!("{name}:{tag}"), digest.clone());
        }
        digest
    }

    fn add_blob(&self, bytes: &[u8]) {
        self.blobs
            .lock()
            .unwrap()
            .insert(sha(bytes), Bytes::copy_from_slice(bytes));
    }

    /// Lets every gated blob body, waiting or yet to come, run to its end.
    fn open_gate(&self) {
        self.released
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.release.notify_waiters();
    }
}

fn sha(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

async fn serve(State(fake): State<Arc<Fake>>, request: Request) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    fake.hits
        .lock()
        .unwrap()
        .push((method.clone(), path.clone()));
    if let Some(status) = *fake.fail_with.lock().unwrap() {
        return status.into_response();
    }
    let rest = path.strip_prefix("/v2/").unwrap_or_default();
    if let Some((name, reference)) = rest.rsplit_once("/manifests/") {
        let digest = if reference.contains(':') {
            Some(reference.to_string())
        } else {
            fake.tags
                .lock()
                .unwrap()
                .get(&format!("{name}:{reference}"))
                .cloned()
        };
        let bytes = digest
            .as_ref()
            .and_then(|d| fake.manifests.lock().unwrap().get(d).cloned());
        let (Some(digest), Some(bytes)) = (digest, bytes) else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let len = bytes.len();
        let body = if method == Method::HEAD {
            Body::empty()
        } else {
            Body::from(bytes)
        };
        return Response::builder()
            .header(header::CONTENT_TYPE, crate::content::model::OCI_MANIFEST)
            .header(header::CONTENT_LENGTH, len)
            .header("docker-content-digest", digest)
            .body(body)
            .unwrap();
    }
    if let Some((_, digest)) = rest.rsplit_once("/blobs/") {
        let Some(bytes) = fake.blobs.lock().unwrap().get(digest).cloned() else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let gate = fake
            .gate
            .lock()
            .unwrap()
            .unwrap_or(bytes.len())
            .min(bytes.len());
        let len = bytes.len();
        let (head, tail) = (bytes.slice(..gate), bytes.slice(gate..));
        let fake = fake.clone();
        let body = futures::stream::iter([Ok::<_, std::io::Error>(head)]).chain(
            futures::stream::once(async move {
                if !tail.is_empty() {
                    let notified = fake.release.notified();
                    tokio::pin!(notified);
                    // Registered before the flag is read, so an `open_gate` in between is not missed.
                    notified.as_mut().enable();
                    if !fake.released.load(std::sync::atomic::Ordering::SeqCst) {
                        notified.await;
                    }
                }
                Ok(tail)
            }),
        );
        return Response::builder()
            .header(header::CONTENT_LENGTH, len)
            .body(Body::from_stream(body))
            .unwrap();
    }
    StatusCode::NOT_FOUND.into_response()
}

/// A registry with a pull-through distribution at `cache` in front of a fake upstream.
struct Setup {
    _dir: tempfile::TempDir,
    fake: Arc<Fake>,
    registry: Registry,
    repositories: Repositories,
    store: Arc<dyn BlobStore>,
    blob_dir: std::path::PathBuf,
    /// The registry's pull-through cache.
    cache: PullThrough,
}

async fn setup(config: Config, remote: serde_json::Value) -> Setup {
    setup_with(config, remote, |store, _| store).await
}

/// [`setup`] with the blob store `wrap` makes of the filesystem one (given a directory of its own).
async fn setup_with(
    config: Config,
    remote: serde_json::Value,
    wrap: impl FnOnce(Arc<dyn BlobStore>, &std::path::Path) -> Arc<dyn BlobStore>,
) -> Setup {
    let fake = Arc::new(Fake::default());
    let app = Router::new().fallback(serve).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let dir = tempfile::tempdir().unwrap();
    let db = Store::open(&dir.path().join("db")).unwrap();
    let remotes = Remotes::open(&db).unwrap();
    let repositories = Repositories::open(&db, remotes.clone()).unwrap();
    let distributions = Distributions::open(&db, repositories.clone()).unwrap();
    let blob_dir = dir.path().join("blobs");
    let store: Arc<dyn BlobStore> = Arc::new(FsBlobStore::open(&blob_dir).unwrap());
    let wrapper_dir = dir.path().join("wrapper");
    std::fs::create_dir(&wrapper_dir).unwrap();
    let store = wrap(store, &wrapper_dir);
    let pt_remotes = PullThroughRemotes::open(&db).unwrap();
    let mut body = json!({"name": "r", "url": url});
    body.as_object_mut()
        .unwrap()
        .extend(remote.as_object().cloned().unwrap_or_default());
    let remote = pt_remotes
        .create(&crate::body::decode(&body).unwrap())
        .await
        .unwrap();
    let resolve = |h: String| -> crate::store::BoxFuture<'_, std::result::Result<String, String>> {
        let pt_remotes = pt_remotes.clone();
        Box::pin(async move { pt_remotes.resolve_href(&h).await.map(|r| r.href()) })
    };
    let dist = distributions
        .validate_create_pull_through(
            &crate::body::decode(
                &json!({"name": "cache", "base_path": "cache", "remote": remote.href()}),
            )
            .unwrap(),
            &resolve,
        )
        .await
        .unwrap();
    distributions.insert(&dist).await.unwrap();
    let orphans = crate::orphans::Orphans::new(
        db.clone(),
        repositories.content.clone(),
        crate::push::PendingBlobs::open(&db).unwrap(),
        store.clone(),
    );
    let cache = PullThrough::new(
        pt_remotes,
        distributions.clone(),
        repositories.clone(),
        store.clone(),
        config,
    )
    .with_retention(&db, orphans)
    .unwrap();
    let registry = Registry::new(distributions, repositories.clone(), remotes, store.clone())
        .with_pull_through(cache.clone());
    Setup {
        _dir: dir,
        fake,
        registry,
        repositories,
        store,
        blob_dir,
        cache,
    }
}

impl Setup {
    async fn manifest(&self, name: &str, reference: &str) -> registry::Result<String> {
        let resolved = self.registry.resolve(name).await?;
        Ok(self
            .registry
            .manifest(&resolved, reference, &[])
            .await?
            .digest)
    }

    async fn blob(
        &self,
        name: &str,
        digest: &str,
        range: Option<&str>,
    ) -> registry::Result<crate::blobs::BlobRead> {
        let resolved = self.registry.resolve(name).await?;
        Ok(self.registry.blob(&resolved, digest, range).await?.read)
    }

    fn methods(&self) -> Vec<String> {
        self.fake
            .hits()
            .iter()
            .map(|(m, p)| format!("{m} {p}"))
            .collect()
    }

    fn uploads(&self) -> usize {
        std::fs::read_dir(self.blob_dir.join("uploads"))
            .unwrap()
            .count()
    }

    /// How many times blob `digest` of `name` was fetched upstream.
    fn blob_gets(&self, name: &str, digest: &str) -> usize {
        let get = format!("GET /v2/{name}/blobs/{digest}");
        self.methods().iter().filter(|m| **m == get).count()
    }

    async fn stored(&self, digest: &str) -> Option<u64> {
        let d = crate::blobs::Digest::parse(digest).unwrap();
        self.store.contains(&d).await.unwrap()
    }

    /// Waits (deadline) until the blob store holds every one of `digests`.
    async fn wait_stored(&self, digests: &[String]) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        for d in digests {
            while self.stored(d).await.is_none() {
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "{d} was never stored; upstream saw {:?}",
                    self.methods()
                );
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
    }

    /// Waits (deadline) until `n` blob downloads are writing their spools.
    async fn wait_uploads(&self, n: usize) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while self.uploads() != n {
            assert!(
                tokio::time::Instant::now() < deadline,
                "{} downloads in flight, not {n}",
                self.uploads()
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

/// Without prefetch, so the upstream sees only what the test's clients ask for.
fn config(ttl_secs: u64) -> Config {
    Config {
        ttl: Duration::from_secs(ttl_secs),
        negative_ttl: Duration::from_secs(3600),
        prefetch: false,
    }
}

fn prefetching() -> Config {
    Config {
        prefetch: true,
        ..config(3600)
    }
}

/// Starts `n` readers of blob `digest` of `name` at once and checks that each one fails: its stream ends with an
/// error that mentions `says`, or, for a reader that joined after the failure was published, opening the blob
/// fails with an error `early` accepts.
async fn every_reader_fails(
    s: &Setup,
    name: &str,
    digest: &str,
    n: usize,
    says: &str,
    early: fn(&registry::Error) -> bool,
) {
    let readers = (0..n).map(|_| async {
        let read = s.blob(name, digest, None).await?;
        Ok::<_, registry::Error>(read_all(read).await)
    });
    for result in futures::future::join_all(readers).await {
        match result {
            Ok(Ok(bytes)) => panic!("a reader got {} bytes and no error", bytes.len()),
            Ok(Err(e)) => assert!(e.to_string().contains(says), "{e}"),
            Err(e) => assert!(early(&e), "{e:?}"),
        }
    }
}

async fn read_all(read: crate::blobs::BlobRead) -> std::io::Result<Vec<u8>> {
    let mut reader = read.into_reader();
    let mut out = Vec::new();
    reader.read_to_end(&mut out).await.map(|_| out)
}

#[tokio::test]
async fn first_pull_creates_repository_and_distribution_and_each_tag_a_version() {
    let s = setup(config(3600), json!({})).await;
    let (v1, _) = s.fake.image("library/hello", "v1", b"one", None);
    let (v2, _) = s.fake.image("library/hello", "v2", b"two", None);
    assert_eq!(s.manifest("cache/library/hello", "v1").await.unwrap(), v1);
    assert_eq!(s.manifest("cache/library/hello", "v2").await.unwrap(), v2);
    let repo = s
        .repositories
        .by_name("library/hello")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(repo.retain_repo_versions, Some(1));
    assert_eq!(repo.latest_version, 2);
    let content = s.repositories.latest_content(&repo.id).await.unwrap();
    assert_eq!(content.tags.len(), 2);
    let resolved = s.registry.resolve("cache/library/hello").await.unwrap();
    assert_eq!(resolved.distribution.base_path, "cache/library/hello");
    assert!(resolved.pull_through.is_some());
    // Within the TTL nothing more goes upstream; a digest is immutable.
    s.manifest("cache/library/hello", "v1").await.unwrap();
    s.manifest("cache/library/hello", &v2).await.unwrap();
    assert_eq!(s.methods().len(), 2, "{:?}", s.methods());
}

#[tokio::test]
async fn after_the_ttl_a_head_revalidates_and_a_moved_tag_is_fetched_by_digest() {
    let s = setup(config(0), json!({})).await;
    let (old, _) = s.fake.image("library/hello", "v1", b"one", None);
    assert_eq!(s.manifest("cache/library/hello", "v1").await.unwrap(), old);
    assert_eq!(s.manifest("cache/library/hello", "v1").await.unwrap(), old);
    let (new, _) = s.fake.image("library/hello", "v1", b"moved", None);
    assert_eq!(s.manifest("cache/library/hello", "v1").await.unwrap(), new);
    assert_eq!(
        s.methods(),
        [
            "GET /v2/library/hello/manifests/v1".to_string(),
            "HEAD /v2/library/hello/manifests/v1".into(),
            "HEAD /v2/library/hello/manifests/v1".into(),
            format!("GET /v2/library/hello/manifests/{new}"),
        ]
    );
    let repo = s
        .repositories
        .by_name("library/hello")
        .await
        .unwrap()
        .unwrap();
    let content = s.repositories.latest_content(&repo.id).await.unwrap();
    assert_eq!(content.tags["v1"], new);
}

#[tokio::test]
async fn a_failing_upstream_serves_the_cached_tag_and_a_404_is_remembered() {
    let s = setup(config(0), json!({})).await;
    let (v1, _) = s.fake.image("library/hello", "v1", b"one", None);
    s.manifest("cache/library/hello", "v1").await.unwrap();
    for status in [
        StatusCode::SERVICE_UNAVAILABLE,
        StatusCode::TOO_MANY_REQUESTS,
        StatusCode::UNAUTHORIZED,
    ] {
        *s.fake.fail_with.lock().unwrap() = Some(status);
        assert_eq!(
            s.manifest("cache/library/hello", "v1").await.unwrap(),
            v1,
            "{status}"
        );
    }
    // Not cached: the failure is the answer.
    let err = s.manifest("cache/library/hello", "v2").await.unwrap_err();
    assert!(matches!(err, registry::Error::Upstream(_)), "{err:?}");

    *s.fake.fail_with.lock().unwrap() = None;
    let before = s.methods().len();
    for _ in 0..3 {
        let err = s
            .manifest("cache/library/nosuch", "latest")
            .await
            .unwrap_err();
        assert!(
            matches!(err, registry::Error::ManifestUnknown(_)),
            "{err:?}"
        );
    }
    assert_eq!(s.methods().len(), before + 1, "{:?}", s.methods());
}

#[tokio::test]
async fn excluded_names_are_unknown_without_a_request() {
    let s = setup(
        config(3600),
        json!({"includes": ["library/*"], "excludes": ["library/secret*"]}),
    )
    .await;
    s.fake.image("library/secret", "v1", b"x", None);
    s.fake.image("other/app", "v1", b"x", None);
    for name in ["cache/library/secret", "cache/other/app"] {
        let err = s.manifest(name, "v1").await.unwrap_err();
        assert!(
            matches!(err, registry::Error::NameUnknown),
            "{name}: {err:?}"
        );
        let err = s.blob(name, &sha(b"x"), None).await.err().unwrap();
        assert!(
            matches!(err, registry::Error::NameUnknown),
            "{name}: {err:?}"
        );
    }
    assert!(s.fake.hits().is_empty(), "{:?}", s.methods());
    // The pull-through base path itself is no repository.
    assert!(matches!(
        s.registry.resolve("cache").await,
        Err(registry::Error::NameUnknown)
    ));
}

#[tokio::test]
async fn concurrent_manifest_pulls_share_one_request() {
    let s = setup(config(3600), json!({})).await;
    let (v1, _) = s.fake.image("library/hello", "v1", b"one", None);
    let pulls = (0..10).map(|_| s.manifest("cache/library/hello", "v1"));
    for digest in futures::future::join_all(pulls).await {
        assert_eq!(digest.unwrap(), v1);
    }
    assert_eq!(s.methods(), ["GET /v2/library/hello/manifests/v1"]);
}

#[tokio::test]
async fn readers_stream_a_blob_while_it_downloads_and_ranges_wait_for_their_start() {
    let s = setup(config(3600), json!({})).await;
    let layer: Vec<u8> = (0..5 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    let (_, digest) = s.fake.image("library/big", "v1", &layer, None);
    s.manifest("cache/library/big", "v1").await.unwrap();
    *s.fake.gate.lock().unwrap() = Some(3 * 1024 * 1024);

    let first = s.blob("cache/library/big", &digest, None).await.unwrap();
    assert_eq!(first.size, layer.len() as u64);
    let mut first = first.into_reader();
    // Bytes arrive before the download is complete (the upstream is holding the rest back).
    let mut head = vec![0; 1024 * 1024];
    first.read_exact(&mut head).await.unwrap();
    assert_eq!(head, layer[..head.len()]);
    // A second reader joins the same download; a range at the end waits for the rest.
    let second = s.blob("cache/library/big", &digest, None).await.unwrap();
    let tail = s
        .blob("cache/library/big", &digest, Some("bytes=-10"))
        .await
        .unwrap();
    assert_eq!((tail.offset, tail.len), (layer.len() as u64 - 10, 10));
    let tail = tokio::spawn(read_all(tail));
    tokio::task::yield_now().await;
    assert!(!tail.is_finished());
    s.fake.release.notify_one();

    let mut rest = Vec::new();
    first.read_to_end(&mut rest).await.unwrap();
    head.extend(rest);
    assert_eq!(head, layer);
    assert_eq!(read_all(second).await.unwrap(), layer);
    assert_eq!(tail.await.unwrap().unwrap(), layer[layer.len() - 10..]);
    let blob_gets = s.methods().iter().filter(|m| m.contains("/blobs/")).count();
    assert_eq!(blob_gets, 1, "{:?}", s.methods());
    // Readers get the verified tail before the fsync and rename finish, so the commit may still be running.
    let stored = crate::blobs::Digest::parse(&digest).unwrap();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while s.store.contains(&stored).await.unwrap() != Some(layer.len() as u64) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the verified blob was never committed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    // Now it is served from the store.
    assert_eq!(
        read_all(s.blob("cache/library/big", &digest, None).await.unwrap())
            .await
            .unwrap(),
        layer
    );
    assert_eq!(
        s.methods().iter().filter(|m| m.contains("/blobs/")).count(),
        1
    );
}

/// A blob store whose writers take no byte until `gate` has permits (each write takes one and gives it back),
/// so the writer's side of a download stays where it is, and fail a write that would take them past
/// `fail_after` bytes (a full disk). Spools are files in `dir`; a verified blob is adopted by `inner`.
struct GatedWriters {
    inner: Arc<dyn BlobStore>,
    dir: std::path::PathBuf,
    gate: Arc<tokio::sync::Semaphore>,
    fail_after: u64,
}

struct GatedSink {
    file: std::fs::File,
    path: std::path::PathBuf,
    written: u64,
    gate: Arc<tokio::sync::Semaphore>,
    fail_after: u64,
    inner: Arc<dyn BlobStore>,
}

impl BlobStore for GatedWriters {
    fn contains<'a>(
        &'a self,
        digest: &'a crate::blobs::Digest,
    ) -> crate::store::BoxFuture<'a, std::result::Result<Option<u64>, crate::blobs::Error>> {
        self.inner.contains(digest)
    }

    fn open<'a>(
        &'a self,
        digest: &'a crate::blobs::Digest,
        range: Option<crate::blobs::ByteRange>,
    ) -> crate::store::BoxFuture<'a, std::result::Result<crate::blobs::BlobRead, crate::blobs::Error>>
    {
        self.inner.open(digest, range)
    }

    fn writer<'a>(
        &'a self,
        expected: Option<&'a crate::blobs::Digest>,
        expected_size: Option<u64>,
    ) -> crate::store::BoxFuture<
        'a,
        std::result::Result<crate::blobs::BlobWriter, crate::blobs::Error>,
    > {
        Box::pin(async move {
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path = self.dir.join(format!("spool-{n}"));
            let sink = GatedSink {
                file: std::fs::File::create(&path).unwrap(),
                path,
                written: 0,
                gate: self.gate.clone(),
                fail_after: self.fail_after,
                inner: self.inner.clone(),
            };
            Ok(crate::blobs::BlobWriter::new(
                Box::new(sink),
                expected.cloned(),
                expected_size,
            ))
        })
    }

    fn delete<'a>(
        &'a self,
        digest: &'a crate::blobs::Digest,
    ) -> crate::store::BoxFuture<'a, std::result::Result<bool, crate::blobs::Error>> {
        self.inner.delete(digest)
    }

    fn list(
        &self,
    ) -> crate::store::BoxFuture<
        '_,
        std::result::Result<Vec<crate::blobs::StoredBlob>, crate::blobs::Error>,
    > {
        self.inner.list()
    }

    fn startup_cleanup(
        &self,
    ) -> crate::store::BoxFuture<'_, std::result::Result<usize, crate::blobs::Error>> {
        self.inner.startup_cleanup()
    }
}

impl crate::blobs::BlobSink for GatedSink {
    fn write<'a>(
        &'a mut self,
        chunk: &'a [u8],
    ) -> crate::store::BoxFuture<'a, std::result::Result<(), crate::blobs::Error>> {
        Box::pin(async move {
            drop(self.gate.acquire().await.unwrap());
            if self.written + chunk.len() as u64 > self.fail_after {
                return Err(crate::blobs::Error::Io {
                    action: "writing",
                    path: self.path.clone(),
                    source: std::io::Error::from(std::io::ErrorKind::StorageFull),
                });
            }
            std::io::Write::write_all(&mut self.file, chunk).unwrap();
            self.written += chunk.len() as u64;
            Ok(())
        })
    }

    fn persist(
        self: Box<Self>,
        digest: crate::blobs::Digest,
    ) -> crate::store::BoxFuture<'static, std::result::Result<(), crate::blobs::Error>> {
        Box::pin(async move {
            let adopted = self
                .inner
                .adopt_verified(&self.path, &digest, self.written)
                .await;
            drop(self);
            adopted
        })
    }

    fn open_spool(
        &mut self,
    ) -> crate::store::BoxFuture<'_, std::result::Result<Option<std::fs::File>, crate::blobs::Error>>
    {
        Box::pin(async move { Ok(Some(std::fs::File::open(&self.path).unwrap())) })
    }
}

impl Drop for GatedSink {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[tokio::test]
async fn readers_get_the_bytes_before_the_writer_has_hashed_or_stored_them() {
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    let writers = gate.clone();
    let s = setup_with(config(3600), json!({}), move |inner, dir| {
        Arc::new(GatedWriters {
            inner,
            dir: dir.to_path_buf(),
            gate: writers,
            fail_after: u64::MAX,
        })
    })
    .await;
    let layer: Vec<u8> = (0..4 * 1024 * 1024u32).map(|i| (i % 241) as u8).collect();
    let (_, digest) = s.fake.image("library/app", "v1", &layer, None);
    s.manifest("cache/library/app", "v1").await.unwrap();
    let mut reader = s
        .blob("cache/library/app", &digest, None)
        .await
        .unwrap()
        .into_reader();
    // The writer has not taken a byte (nothing hashed, nothing in the spool), and the reader gets all the
    // upstream sent but the last chunk, which waits for the digest.
    let mut head = vec![0; 3 * 1024 * 1024];
    tokio::time::timeout(Duration::from_secs(30), reader.read_exact(&mut head))
        .await
        .expect("the reader waited for the writer")
        .unwrap();
    assert_eq!(head, layer[..head.len()]);
    assert_eq!(s.stored(&digest).await, None);
    gate.add_permits(tokio::sync::Semaphore::MAX_PERMITS);
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).await.unwrap();
    head.extend(rest);
    assert_eq!(head, layer);
    s.wait_stored(&[digest]).await;
}

#[tokio::test]
async fn a_writer_failing_mid_blob_ends_every_reader_with_an_error_and_leaves_nothing() {
    let s = setup_with(config(3600), json!({}), move |inner, dir| {
        Arc::new(GatedWriters {
            inner,
            dir: dir.to_path_buf(),
            gate: Arc::new(tokio::sync::Semaphore::new(
                tokio::sync::Semaphore::MAX_PERMITS,
            )),
            fail_after: 3 * 1024 * 1024,
        })
    })
    .await;
    let layer: Vec<u8> = (0..12 * 1024 * 1024u32).map(|i| (i % 239) as u8).collect();
    let (_, digest) = s.fake.image("library/full", "v1", &layer, None);
    s.manifest("cache/library/full", "v1").await.unwrap();
    every_reader_fails(&s, "cache/library/full", &digest, 2, "storage", |e| {
        matches!(e, registry::Error::InsufficientStorage(_))
    })
    .await;
    assert_eq!(s.stored(&digest).await, None);
    // Where `setup_with` put the wrapper's spools.
    let spools = s.blob_dir.parent().unwrap().join("wrapper");
    assert_eq!(
        std::fs::read_dir(spools).unwrap().count(),
        0,
        "a spool was left"
    );
}

#[tokio::test]
async fn readers_far_behind_read_the_spool_and_one_hanging_up_does_not_stall_the_download() {
    let s = setup(config(3600), json!({})).await;
    // Several times the in-memory window, so a reader that waits falls out of it.
    let size = 3 * super::inflight::WINDOW as usize + 12345;
    let layer: Vec<u8> = (0..size as u32).map(|i| (i % 253) as u8).collect();
    let (_, digest) = s.fake.image("library/wide", "v1", &layer, None);
    s.manifest("cache/library/wide", "v1").await.unwrap();

    // The first reader takes 1 MiB and waits; the second reads everything, driving the download on.
    let mut slow = s
        .blob("cache/library/wide", &digest, None)
        .await
        .unwrap()
        .into_reader();
    let mut head = vec![0; 1024 * 1024];
    slow.read_exact(&mut head).await.unwrap();
    let fast = s.blob("cache/library/wide", &digest, None).await.unwrap();
    assert_eq!(read_all(fast).await.unwrap(), layer);
    // The first reader's next bytes left the window long ago: they come from the spool, and are right.
    let mut rest = Vec::new();
    slow.read_to_end(&mut rest).await.unwrap();
    head.extend(rest);
    assert_eq!(head, layer);

    // A reader that hangs up after 1 MiB leaves the download to finish on its own.
    let other: Vec<u8> = (0..size as u32).map(|i| (i % 241) as u8).collect();
    let (_, other_digest) = s.fake.image("library/wide", "v2", &other, None);
    s.manifest("cache/library/wide", "v2").await.unwrap();
    let mut quitter = s
        .blob("cache/library/wide", &other_digest, None)
        .await
        .unwrap()
        .into_reader();
    let mut first = vec![0; 1024 * 1024];
    quitter.read_exact(&mut first).await.unwrap();
    drop(quitter);
    let stored = crate::blobs::Digest::parse(&other_digest).unwrap();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while s.store.contains(&stored).await.unwrap() != Some(other.len() as u64) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the download stalled after its only reader hung up"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert_eq!(
        s.methods().iter().filter(|m| m.contains("/blobs/")).count(),
        2,
        "{:?}",
        s.methods()
    );
}

#[tokio::test]
async fn a_digest_mismatch_ends_every_reader_with_an_error_and_stores_nothing() {
    let s = setup(config(3600), json!({})).await;
    let good: Vec<u8> = (0..3 * 1024 * 1024u32).map(|i| (i % 13) as u8).collect();
    let mut bad = good.clone();
    bad[good.len() / 2] ^= 0xff;
    let (_, digest) = s.fake.image("library/bad", "v1", &bad, Some(sha(&good)));
    s.manifest("cache/library/bad", "v1").await.unwrap();
    every_reader_fails(&s, "cache/library/bad", &digest, 3, "digest", |e| {
        matches!(e, registry::Error::Upstream(_))
    })
    .await;
    let d = crate::blobs::Digest::parse(&digest).unwrap();
    assert_eq!(s.store.contains(&d).await.unwrap(), None);
    assert_eq!(s.uploads(), 0);
    // Repaired upstream: the next pull succeeds.
    s.fake
        .blobs
        .lock()
        .unwrap()
        .insert(digest.clone(), Bytes::from(good.clone()));
    let read = s.blob("cache/library/bad", &digest, None).await.unwrap();
    assert_eq!(read_all(read).await.unwrap(), good);
}

#[tokio::test]
async fn a_sha512_blob_is_pulled_through_stored_under_sha512_and_served_again() {
    use crate::blobs::{Algorithm, Digest};
    let s = setup(config(3600), json!({})).await;
    let layer = b"a layer named by its sha512 ".repeat(100);
    let sha512 = Digest::of(Algorithm::Sha512, &layer);
    let name = "cache/library/five12";
    let (_, digest) = s
        .fake
        .image("library/five12", "v1", &layer, Some(sha512.to_string()));
    s.manifest(name, "v1").await.unwrap();
    let read = s.blob(name, &digest, None).await.unwrap();
    assert_eq!(read_all(read).await.unwrap(), layer);
    // Readers get the verified tail before the commit finishes: wait for it.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while s.store.contains(&sha512).await.unwrap() != Some(layer.len() as u64) {
        assert!(tokio::time::Instant::now() < deadline, "never committed");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let hex = sha512.hex();
    let file = s.blob_dir.join("sha512").join(&hex[..2]).join(hex);
    assert_eq!(std::fs::read(file).unwrap(), layer);
    // Served from the store now, ranged too, without asking the upstream again.
    let read = s.blob(name, &digest, Some("bytes=10-19")).await.unwrap();
    assert_eq!(read_all(read).await.unwrap(), layer[10..20]);
    let blob_gets = s.methods().iter().filter(|m| m.contains("/blobs/")).count();
    assert_eq!(blob_gets, 1, "{:?}", s.methods());

    // Bytes that do not hash to their sha512 name are refused and not stored.
    let claimed = Digest::of(Algorithm::Sha512, b"the bytes the manifest names");
    let bad = "cache/library/five12bad";
    s.fake.image(
        "library/five12bad",
        "v1",
        b"other bytes",
        Some(claimed.to_string()),
    );
    s.manifest(bad, "v1").await.unwrap();
    let result = match s.blob(bad, claimed.as_str(), None).await {
        Ok(read) => read_all(read).await.map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    let err = result.expect_err("wrong bytes were served");
    assert!(err.contains("digest"), "{err}");
    assert_eq!(s.store.contains(&claimed).await.unwrap(), None);
    assert_eq!(s.uploads(), 0);

    // Unsupported algorithms and malformed digests are invalid, and nothing is asked upstream.
    let before = s.methods().len();
    for invalid in [
        format!("sha384:{}", "a".repeat(96)),
        "sha512:abc".to_string(),
        format!("sha512:{}", hex.to_uppercase()),
    ] {
        let err = s.blob(name, &invalid, None).await.unwrap_err();
        assert!(
            matches!(err, registry::Error::DigestInvalid(_)),
            "{invalid}: {err:?}"
        );
    }
    assert_eq!(s.methods().len(), before, "{:?}", s.methods());
}

#[tokio::test]
async fn flights_run_the_work_once_and_survive_a_cancelled_caller() {
    let flights: inflight::Flights<&str, usize> = inflight::Flights::default();
    let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let gate = Arc::new(Notify::new());
    let start = |runs: Arc<std::sync::atomic::AtomicUsize>, gate: Arc<Notify>| {
        move || async move {
            gate.notified().await;
            runs.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1
        }
    };
    // The first caller gives up; the work goes on for the others.
    let cancelled = tokio::time::timeout(
        Duration::from_millis(1),
        flights.run("k", start(runs.clone(), gate.clone()), 0),
    )
    .await;
    assert!(cancelled.is_err());
    let waiters: Vec<_> = (0..5)
        .map(|_| {
            tokio::spawn({
                let (flights, runs, gate) = (flights.clone(), runs.clone(), gate.clone());
                async move { flights.run("k", start(runs, gate), 0).await }
            })
        })
        .collect();
    tokio::task::yield_now().await;
    gate.notify_one();
    for w in waiters {
        assert_eq!(w.await.unwrap(), 1);
    }
    assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_deleted_cache_repository_is_recreated_on_the_next_pull() {
    let s = setup(config(3600), json!({})).await;
    let (v1, _) = s.fake.image("library/hello", "v1", b"one", None);
    s.manifest("cache/library/hello", "v1").await.unwrap();
    let first = s
        .repositories
        .by_name("library/hello")
        .await
        .unwrap()
        .unwrap();
    s.repositories.delete(&first.id).await.unwrap();
    assert_eq!(s.manifest("cache/library/hello", "v1").await.unwrap(), v1);
    let second = s
        .repositories
        .by_name("library/hello")
        .await
        .unwrap()
        .unwrap();
    assert_ne!(first.id, second.id);
    let resolved = s.registry.resolve("cache/library/hello").await.unwrap();
    assert_eq!(resolved.distribution.repository, Some(second.href()));
}

/// Regression (seen in e2e `concurrent_pulls_share_one_upstream_fetch_per_blob`): a pull that looked at the cache
/// before another pull's flight recorded the tag, and started its own flight after that one ended, fetched the
/// manifest upstream a second time.
#[tokio::test]
async fn a_pull_that_saw_the_cache_before_a_flight_ended_does_not_fetch_again() {
    let s = setup(config(3600), json!({})).await;
    let (v1, _) = s.fake.image("library/hello", "v1", b"one", None);
    // The late pull's view of the cache: resolved before the first pull recorded anything.
    let stale = s.registry.resolve("cache/library/hello").await.unwrap();
    assert_eq!(s.manifest("cache/library/hello", "v1").await.unwrap(), v1);
    let late = s.registry.manifest(&stale, "v1", &[]).await.unwrap();
    assert_eq!(late.digest, v1);
    assert_eq!(s.methods(), ["GET /v2/library/hello/manifests/v1"]);
}

#[tokio::test]
async fn recording_a_manifest_prefetches_every_blob_it_references() {
    let s = setup(prefetching(), json!({})).await;
    let (_, blobs) = s.fake.image_of(
        "library/app",
        Some("v1"),
        &[b"config", b"base layer", b"app layer"],
        true,
    );
    // The client asks for the manifest only (it holds the layers already).
    s.manifest("cache/library/app", "v1").await.unwrap();
    s.wait_stored(&blobs).await;
    for b in &blobs {
        assert_eq!(s.blob_gets("library/app", b), 1, "{:?}", s.methods());
    }
    // A prefetched blob is served from the store: the upstream sees no more requests.
    s.cache.prefetch_idle().await;
    let before = s.methods().len();
    let read = s.blob("cache/library/app", &blobs[1], None).await.unwrap();
    assert_eq!(read_all(read).await.unwrap(), b"base layer");
    assert_eq!(s.methods().len(), before, "{:?}", s.methods());
    assert_eq!(s.uploads(), 0);
    // The accounting counts every stored blob of the cache.
    wait_cached_bytes(
        &s,
        (b"config".len() + b"base layer".len() + b"app layer".len()) as u64,
    )
    .await;
}

#[tokio::test]
async fn with_prefetch_off_only_what_clients_fetch_is_stored() {
    let s = setup(config(3600), json!({})).await;
    let (_, blobs) = s
        .fake
        .image_of("library/app", Some("v1"), &[b"config", b"layer"], true);
    s.manifest("cache/library/app", "v1").await.unwrap();
    let read = s.blob("cache/library/app", &blobs[0], None).await.unwrap();
    assert_eq!(read_all(read).await.unwrap(), b"config");
    s.wait_stored(&blobs[..1]).await;
    s.cache.prefetch_idle().await;
    assert_eq!(s.stored(&blobs[1]).await, None);
    assert_eq!(
        s.blob_gets("library/app", &blobs[1]),
        0,
        "{:?}",
        s.methods()
    );
    // The accounting counts the stored config, not the layer the cache only knows of (on demand).
    wait_cached_bytes(&s, b"config".len() as u64).await;
}

/// Waits until the accounting counts `expected` bytes in the cache (a download records its blob as stored
/// right after writing its file).
async fn wait_cached_bytes(s: &Setup, expected: u64) {
    let retention = s.cache.retention().expect("setup sets retention");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let counted = retention.cached_bytes().await.unwrap();
        if counted == expected {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "counted {counted} bytes, expected {expected}"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Both directions of the race: a prefetch that finds a client's download in flight follows it, and a client
/// asking for a blob being prefetched follows the prefetch's download.
#[tokio::test]
async fn a_client_pull_racing_the_prefetch_causes_one_upstream_get_per_blob() {
    let s = setup(prefetching(), json!({})).await;
    let big = |seed: u32| -> Vec<u8> {
        (0..3 * 1024 * 1024u32)
            .map(|i| (i.wrapping_mul(seed) % 251) as u8)
            .collect()
    };
    let (config_blob, layer) = (big(7), big(13));
    let (_, blobs) = s
        .fake
        .image_of("library/app", Some("v1"), &[&config_blob, &layer], true);
    // Every download stops after 1 MiB until the gate opens, so the downloads below overlap for sure.
    *s.fake.gate.lock().unwrap() = Some(1024 * 1024);
    // The client's download of the config starts before the manifest is recorded.
    let config_read = s.blob("cache/library/app", &blobs[0], None).await.unwrap();
    s.wait_uploads(1).await;
    s.manifest("cache/library/app", "v1").await.unwrap();
    // The prefetch joins the config's download and starts the layer's.
    s.wait_uploads(2).await;
    let layer_read = s.blob("cache/library/app", &blobs[1], None).await.unwrap();
    s.fake.open_gate();
    assert_eq!(read_all(config_read).await.unwrap(), config_blob);
    assert_eq!(read_all(layer_read).await.unwrap(), layer);
    s.wait_stored(&blobs).await;
    s.cache.prefetch_idle().await;
    for b in &blobs {
        assert_eq!(s.blob_gets("library/app", b), 1, "{:?}", s.methods());
    }
}

#[tokio::test]
async fn an_index_prefetches_the_blobs_of_the_children_already_pulled_only() {
    let s = setup(prefetching(), json!({})).await;
    // The amd64 child's blobs are missing upstream when it is pulled, so its own prefetch fails (logged, the
    // pull succeeds); the index's prefetch is what brings them later.
    let amd64: [&[u8]; 2] = [b"amd64 config", b"amd64 layer"];
    let (pulled, pulled_blobs) = s.fake.image_of("library/multi", None, &amd64, false);
    let (never, never_blobs) = s.fake.image_of(
        "library/multi",
        None,
        &[b"arm64 config", b"arm64 layer"],
        true,
    );
    let index = s.fake.index("library/multi", "v1", &[&pulled, &never]);
    assert_eq!(
        s.manifest("cache/library/multi", &pulled).await.unwrap(),
        pulled
    );
    s.cache.prefetch_idle().await;
    assert_eq!(s.blob_gets("library/multi", &pulled_blobs[0]), 1);
    assert_eq!(s.stored(&pulled_blobs[0]).await, None);

    for b in amd64 {
        s.fake.add_blob(b);
    }
    assert_eq!(
        s.manifest("cache/library/multi", "v1").await.unwrap(),
        index
    );
    s.wait_stored(&pulled_blobs).await;
    s.cache.prefetch_idle().await;
    for b in &never_blobs {
        assert_eq!(s.stored(b).await, None);
        assert_eq!(s.blob_gets("library/multi", b), 0, "{:?}", s.methods());
    }
}

#[tokio::test]
async fn shutdown_drops_the_prefetches_in_flight_and_leaves_no_partial_blob() {
    let s = setup(prefetching(), json!({})).await;
    let layer: Vec<u8> = (0..3 * 1024 * 1024u32).map(|i| (i % 249) as u8).collect();
    let (_, blobs) = s
        .fake
        .image_of("library/app", Some("v1"), &[b"cfg", &layer], true);
    *s.fake.gate.lock().unwrap() = Some(1024 * 1024);
    s.manifest("cache/library/app", "v1").await.unwrap();
    // The small config completes; the layer's download waits at the gate.
    s.wait_stored(&blobs[..1]).await;
    s.wait_uploads(1).await;
    s.cache.shutdown().await;
    assert_eq!(s.uploads(), 0, "a partial blob was left behind");
    assert_eq!(s.stored(&blobs[1]).await, None);
    // Nothing starts after the shutdown.
    s.fake.open_gate();
    let (_, later) = s
        .fake
        .image_of("library/app", Some("v2"), &[b"cfg2", b"layer2"], true);
    s.manifest("cache/library/app", "v2").await.unwrap();
    s.cache.prefetch_idle().await;
    for b in &later {
        assert_eq!(s.blob_gets("library/app", b), 0, "{:?}", s.methods());
    }
}

/// Waits until the clock's millisecond moves on, so the next pull has a later last-pulled time.
async fn next_ms() {
    let now = crate::tasks::workers::now_ms();
    while crate::tasks::workers::now_ms() == now {
        tokio::task::yield_now().await;
    }
}

#[tokio::test]
async fn a_capped_cache_evicts_the_least_recently_pulled_and_never_a_blob_a_repository_holds() {
    // 250 bytes: two images of 105 counted bytes fit, three do not. The 1000-byte shared layer does not count.
    let s = setup(prefetching(), json!({"cache_max_size": 250})).await;
    let shared = vec![b's'; 1000];
    let layer = |c: u8| vec![c; 100];
    let (a, blobs_a) = s.fake.image_of(
        "library/app",
        Some("a"),
        &[b"cfg-a", &layer(b'a'), &shared],
        true,
    );
    let (b, blobs_b) = s.fake.image_of(
        "library/app",
        Some("b"),
        &[b"cfg-b", &layer(b'b'), &shared],
        true,
    );
    let (c, blobs_c) = s.fake.image_of(
        "library/app",
        Some("c"),
        &[b"cfg-c", &layer(b'c'), &shared],
        true,
    );
    // A regular repository holds the shared layer (stored, as a sync with policy immediate leaves it).
    let shared_digest = blobs_a[2].clone();
    let stored = crate::blobs::testsuite::put(s.store.as_ref(), &shared).await;
    assert_eq!(stored.as_str(), shared_digest);
    let regular = s
        .repositories
        .create(&crate::body::decode(&json!({"name": "regular"})).unwrap())
        .await
        .unwrap();
    let mut content = crate::content::VersionContent::default();
    content.blobs.insert(shared_digest.clone());
    s.repositories
        .add_version(&regular.id, content)
        .await
        .unwrap();

    let name = "cache/library/app";
    for (tag, digest, blobs) in [("a", &a, &blobs_a), ("b", &b, &blobs_b)] {
        assert_eq!(s.manifest(name, tag).await.unwrap(), *digest);
        s.wait_stored(blobs).await;
        // The prefetch records each blob as stored right after its file: let it finish, or an eviction racing
        // with that write keeps the blob (the record changed since it looked).
        s.cache.prefetch_idle().await;
        next_ms().await;
    }
    let repo = s
        .repositories
        .by_name("library/app")
        .await
        .unwrap()
        .unwrap();
    let tags = |c: &crate::content::VersionContent| c.tags.keys().cloned().collect::<Vec<_>>();
    let content = s.repositories.latest_content(&repo.id).await.unwrap();
    assert_eq!(
        tags(&content),
        ["a", "b"],
        "210 counted bytes fit under 250"
    );

    // a pulled again by digest counts as used: b is now the least recently pulled, and goes when c comes.
    assert_eq!(s.manifest(name, &a).await.unwrap(), a);
    next_ms().await;
    assert_eq!(s.manifest(name, "c").await.unwrap(), c);
    s.wait_stored(&blobs_c).await;
    let content = s.repositories.latest_content(&repo.id).await.unwrap();
    assert_eq!(tags(&content), ["a", "c"]);
    assert!(!content.manifests.contains(&b));
    for gone in &blobs_b[..2] {
        assert_eq!(s.stored(gone).await, None, "{gone} of the evicted image");
        let record = s.repositories.content.blob(gone).await.unwrap();
        assert!(record.is_none(), "{record:?}");
    }
    assert!(s.repositories.content.manifest(&b).await.unwrap().is_none());
    assert!(
        s.stored(&shared_digest).await.is_some(),
        "the regular repository's blob stays"
    );

    // The evicted image pulls again, fetching its blobs once more; a goes to make room.
    let fetched = s.blob_gets("library/app", &blobs_b[1]);
    next_ms().await;
    assert_eq!(s.manifest(name, "b").await.unwrap(), b);
    let read = s.blob(name, &blobs_b[1], None).await.unwrap();
    assert_eq!(read_all(read).await.unwrap(), layer(b'b'));
    assert_eq!(s.blob_gets("library/app", &blobs_b[1]), fetched + 1);
    let content = s.repositories.latest_content(&repo.id).await.unwrap();
    assert_eq!(tags(&content), ["b", "c"]);
}
