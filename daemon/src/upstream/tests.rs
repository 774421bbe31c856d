//! Tests of [`Upstream`] against a tiny fake registry (axum) started per test on `127.0.0.1:0`. Tests against
//! a real docker-registry live in the end-to-end suite.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header as h, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use base64::Engine as _;
use bytes::Bytes;
use futures::StreamExt;
use sha2::{Digest as _, Sha256};

use super::*;
use crate::blobs::FsBlobStore;

const USER: &str = "upstream";
const PASS: &str = "upstream-pass";

/// How the fake registry authenticates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Auth {
    #[default]
    Anonymous,
    /// `WWW-Authenticate: Basic`, only USER:PASS accepted.
    Basic,
    /// `WWW-Authenticate: Bearer` with a token endpoint at `/token`.
    Bearer,
}

/// One request the fake saw.
#[derive(Debug, Clone)]
struct Hit {
    method: Method,
    uri: String,
    authorization: Option<String>,
    accept: Vec<String>,
    /// `X-Team`, the header the connection-settings test adds.
    team: Option<String>,
}

struct FakeManifest {
    content_type: Option<&'static str>,
    body: Bytes,
    /// `Docker-Content-Digest` to announce instead of the real one.
    announced: Option<String>,
}

struct FakeBlob {
    body: Bytes,
    /// Stream it without `Content-Length`.
    chunked: bool,
}

#[derive(Default)]
struct Fake {
    auth: Auth,
    /// Bearer mode: the token endpoint serves requests without credentials.
    anonymous_tokens: bool,
    /// Bearer mode: a `scope` parameter for the challenge.
    challenge_scope: Option<&'static str>,
    /// Repository → tags, in the order served.
    tags: HashMap<String, Vec<String>>,
    /// Largest tag page served, whatever `n` says (Quay-style cap); 0 means no cap.
    page_cap: usize,
    /// `<name>/<reference>` → manifest.
    manifests: HashMap<String, FakeManifest>,
    /// Digest → blob bytes (which may not match the digest).
    blobs: HashMap<String, FakeBlob>,
    /// 503 answers to give before serving normally.
    fail_next: AtomicUsize,
    /// Tokens from an older generation are rejected (simulates revocation).
    token_generation: AtomicUsize,
    /// Tokens issued so far.
    issued: AtomicUsize,
    /// Registry requests seen.
    hits: Mutex<Vec<Hit>>,
    /// Token endpoint requests seen.
    token_hits: Mutex<Vec<Hit>>,
    /// Where the fake listens (for the realm URL).
    addr: OnceLock<SocketAddr>,
}

impl Fake {
    fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }
    fn token_hits(&self) -> Vec<Hit> {
        self.token_hits.lock().unwrap().clone()
    }
    fn with_manifest(mut self, key: &str, content_type: Option<&'static str>, body: &[u8]) -> Self {
        self.manifests.insert(
            key.into(),
            FakeManifest {
                content_type,
                body: Bytes::copy_from_slice(body),
                announced: None,
            },
        );
        self
    }
    fn with_blob(mut self, digest: &Digest, body: Vec<u8>, chunked: bool) -> Self {
        self.blobs.insert(
            digest.to_string(),
            FakeBlob {
                body: body.into(),
                chunked,
            },
        );
        self
    }
}

fn basic_value() -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASS}"))
    )
}

fn hit(req: &Request) -> Hit {
    let header = |name| {
        req.headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    Hit {
        method: req.method().clone(),
        uri: req.uri().to_string(),
        authorization: header(h::AUTHORIZATION),
        accept: req
            .headers()
            .get_all(h::ACCEPT)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect(),
        team: header(h::HeaderName::from_static("x-team")),
    }
}

fn unauthorized(challenge: String) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(h::WWW_AUTHENTICATE, challenge)],
        r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#,
    )
        .into_response()
}

async fn registry(State(fake): State<Arc<Fake>>, req: Request) -> Response {
    let hit = hit(&req);
    fake.hits.lock().unwrap().push(hit.clone());
    match fake.auth {
        Auth::Anonymous => {}
        Auth::Basic if hit.authorization.as_deref() == Some(&basic_value()) => {}
        Auth::Basic => return unauthorized(r#"Basic realm="fake-registry""#.into()),
        Auth::Bearer => {
            let generation = fake.token_generation.load(Ordering::SeqCst);
            let valid = hit
                .authorization
                .as_deref()
                .and_then(|a| a.strip_prefix(&format!("Bearer tok-{generation}-")))
                .is_some();
            if !valid {
                let mut challenge = format!(
                    r#"Bearer realm="http://{}/token",service="fake-registry""#,
                    fake.addr.get().unwrap()
                );
                if let Some(scope) = fake.challenge_scope {
                    challenge.push_str(&format!(r#",scope="{scope}""#));
                }
                return unauthorized(challenge);
            }
        }
    }
    if fake
        .fail_next
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
    {
        return (StatusCode::SERVICE_UNAVAILABLE, "try later").into_response();
    }
    let url = Url::parse(&format!("http://fake{}", hit.uri)).unwrap();
    let path = url
        .path()
        .strip_prefix("/v2/")
        .unwrap_or_default()
        .to_owned();
    let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
    if path.starts_with("forbidden/") {
        let body = r#"{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}"#;
        return (StatusCode::FORBIDDEN, body).into_response();
    }
    if let Some(name) = path.strip_suffix("/tags/list") {
        let Some(all) = fake.tags.get(name) else {
            return (
                StatusCode::NOT_FOUND,
                r#"{"errors":[{"code":"NAME_UNKNOWN","message":"x"}]}"#,
            )
                .into_response();
        };
        let n: usize = query.get("n").map_or(all.len(), |n| n.parse().unwrap());
        let n = if fake.page_cap > 0 {
            n.min(fake.page_cap)
        } else {
            n
        };
        let start = query
            .get("last")
            .map_or(0, |last| all.iter().position(|t| t == last).unwrap() + 1);
        let page: Vec<_> = all.iter().skip(start).take(n).cloned().collect();
        let mut headers = HeaderMap::new();
        if start + page.len() < all.len() {
            let link = format!(
                r#"</v2/{name}/tags/list?n={n}&last={}>; rel="next""#,
                page.last().unwrap()
            );
            headers.insert(h::LINK, link.parse().unwrap());
        }
        let body = serde_json::json!({"name": name, "tags": page}).to_string();
        return (headers, body).into_response();
    }
    if let Some((name, reference)) = path.rsplit_once("/manifests/") {
        let Some(m) = fake.manifests.get(&format!("{name}/{reference}")) else {
            return (
                StatusCode::NOT_FOUND,
                r#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"#,
            )
                .into_response();
        };
        let digest = m
            .announced
            .clone()
            .unwrap_or_else(|| Digest::sha256_of(&m.body).to_string());
        let mut resp = Response::builder()
            .header("docker-content-digest", digest)
            .header(h::CONTENT_LENGTH, m.body.len());
        if let Some(ct) = m.content_type {
            resp = resp.header(h::CONTENT_TYPE, ct);
        }
        let body = if hit.method == Method::HEAD {
            Body::empty()
        } else {
            Body::from(m.body.clone())
        };
        return resp.body(body).unwrap();
    }
    if let Some((_name, digest)) = path.rsplit_once("/blobs/") {
        let Some(blob) = fake.blobs.get(digest) else {
            return (
                StatusCode::NOT_FOUND,
                r#"{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown"}]}"#,
            )
                .into_response();
        };
        let resp = Response::builder().header(h::CONTENT_TYPE, "application/octet-stream");
        if blob.chunked {
            // Odd-sized chunks, with no Content-Length.
            let body = blob.body.clone();
            let chunks: Vec<Result<Bytes, std::io::Error>> = (0..body.len())
                .step_by(65_521)
                .map(|i| Ok(body.slice(i..(i + 65_521).min(body.len()))))
                .collect();
            return resp
                .body(Body::from_stream(futures::stream::iter(chunks)))
                .unwrap();
        }
        return resp.body(Body::from(blob.body.clone())).unwrap();
    }
    (StatusCode::OK, "{}").into_response()
}

async fn token(State(fake): State<Arc<Fake>>, req: Request) -> Response {
    let hit = hit(&req);
    fake.token_hits.lock().unwrap().push(hit.clone());
    let allowed = match hit.authorization.as_deref() {
        Some(a) => a == basic_value(),
        None => fake.anonymous_tokens,
    };
    if !allowed {
        return (StatusCode::UNAUTHORIZED, "bad credentials").into_response();
    }
    let generation = fake.token_generation.load(Ordering::SeqCst);
    let n = fake.issued.fetch_add(1, Ordering::SeqCst);
    axum::Json(serde_json::json!({"token": format!("tok-{generation}-{n}"), "expires_in": 300}))
        .into_response()
}

/// Starts `fake`; returns it and its base URL.
async fn start(fake: Fake) -> (Arc<Fake>, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    fake.addr.set(addr).unwrap();
    let fake = Arc::new(fake);
    let app = Router::new()
        .route("/token", any(token))
        .route("/v2/", any(registry))
        .route("/v2/{*rest}", any(registry))
        .with_state(Arc::clone(&fake));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (fake, format!("http://{addr}"))
}

fn client(url: &str, credentials: Option<(&str, &str)>) -> Upstream {
    Upstream::new(UpstreamConfig {
        url: url.into(),
        username: credentials.map(|c| c.0.to_owned()),
        password: credentials.map(|c| c.1.to_owned()),
        retries: 2,
        retry_backoff: Duration::from_millis(1),
        connect_timeout: Duration::from_secs(5),
        read_timeout: Duration::from_secs(10),
        request_timeout: Duration::from_secs(10),
        ..UpstreamConfig::default()
    })
    .unwrap()
}

fn oci_manifest(tag: &str) -> Vec<u8> {
    serde_json::json!({
        "schemaVersion": 2,
        "mediaType": MEDIA_TYPE_OCI_MANIFEST,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": Digest::sha256_of(tag.as_bytes()), "size": 1},
        "layers": [],
    })
    .to_string()
    .into_bytes()
}

/// Deterministic pseudo-random bytes.
fn noise(len: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

#[tokio::test]
async fn tags_list_follows_link_pagination() {
    let tags: Vec<String> = ["latest", "v1", "v5", "v4", "v2", "v3", "v10"]
        .map(String::from)
        .to_vec();
    let mut fake = Fake {
        page_cap: 3,
        ..Fake::default()
    };
    fake.tags.insert("library/hello".into(), tags.clone());
    fake.tags.insert("library/empty".into(), vec![]);
    let (fake, url) = start(fake).await;
    let up = client(&url, None);
    assert_eq!(up.list_tags("library/hello").await.unwrap(), tags);
    let uris: Vec<String> = fake.hits().into_iter().map(|h| h.uri).collect();
    assert_eq!(
        uris,
        [
            "/v2/library/hello/tags/list?n=100",
            "/v2/library/hello/tags/list?n=3&last=v5",
            "/v2/library/hello/tags/list?n=3&last=v3",
        ]
    );
    assert_eq!(
        up.list_tags("library/empty").await.unwrap(),
        Vec::<String>::new()
    );
    let err = up.list_tags("library/missing").await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("repository library/missing not found upstream at http://"),
        "{err}"
    );
}

#[test]
fn next_link_refuses_other_hosts_and_reads_rel_lists() {
    let current = Url::parse("http://reg:5000/v2/a/tags/list?n=100").unwrap();
    let headers = |v: &str| {
        let mut m = HeaderMap::new();
        m.insert(h::LINK, v.parse().unwrap());
        m
    };
    let next = next_link(
        &headers(
            r#"</v2/a/tags/list?last=x,y&n=100>; rel="prev", </v2/a/tags/list?last=z>; rel="next""#,
        ),
        &current,
    );
    assert_eq!(
        next.unwrap().unwrap().as_str(),
        "http://reg:5000/v2/a/tags/list?last=z"
    );
    let next = next_link(
        &headers(r#"<http://reg:5000/v2/a/tags/list?last=q>;rel="first next""#),
        &current,
    );
    assert_eq!(
        next.unwrap().unwrap().as_str(),
        "http://reg:5000/v2/a/tags/list?last=q"
    );
    assert!(next_link(
        &headers(r#"<http://evil/v2/a/tags/list>; rel="next""#),
        &current
    )
    .is_err());
    assert!(next_link(&headers(r#"</x>; rel="prev""#), &current)
        .unwrap()
        .is_none());
    assert!(next_link(&HeaderMap::new(), &current).unwrap().is_none());
}

#[tokio::test]
async fn basic_challenge_is_answered_with_credentials_then_sent_up_front() {
    let fake = Fake {
        auth: Auth::Basic,
        ..Fake::default()
    }
    .with_manifest(
        "library/hello/v3",
        Some(MEDIA_TYPE_OCI_MANIFEST),
        &oci_manifest("v3"),
    );
    let (fake, url) = start(fake).await;
    let up = client(&url, Some((USER, PASS)));
    up.get_manifest("library/hello", "v3", MANIFEST_ACCEPT)
        .await
        .unwrap();
    up.get_manifest("library/hello", "v3", MANIFEST_ACCEPT)
        .await
        .unwrap();
    let auths: Vec<Option<String>> = fake.hits().into_iter().map(|h| h.authorization).collect();
    // Challenge, retry with Basic, then Basic straight away.
    assert_eq!(auths, [None, Some(basic_value()), Some(basic_value())]);
}

#[tokio::test]
async fn basic_challenge_without_or_with_wrong_credentials_is_unauthorized() {
    let fake = Fake {
        auth: Auth::Basic,
        ..Fake::default()
    }
    .with_manifest("a/b/t", None, b"{}");
    let (fake, url) = start(fake).await;
    for creds in [None, Some((USER, "wrong"))] {
        let err = client(&url, creds)
            .get_manifest("a/b", "t", MANIFEST_ACCEPT)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("upstream {url}/v2/a/b/manifests/t refused access")),
            "{msg}"
        );
    }
    // Anonymous: one try. Wrong password: challenge + one retry, no loop.
    assert_eq!(fake.hits().len(), 3);
}

#[tokio::test]
async fn bearer_token_is_fetched_once_for_two_requests() {
    let manifest = oci_manifest("latest");
    let blob = b"config blob".to_vec();
    let blob_digest = Digest::sha256_of(&blob);
    let fake = Fake {
        auth: Auth::Bearer,
        ..Fake::default()
    }
    .with_manifest(
        "library/multiarch/latest",
        Some(MEDIA_TYPE_OCI_MANIFEST),
        &manifest,
    )
    .with_blob(&blob_digest, blob.clone(), false);
    let (fake, url) = start(fake).await;
    let up = client(&url, Some((USER, PASS)));

    let m = up
        .get_manifest("library/multiarch", "latest", MANIFEST_ACCEPT)
        .await
        .unwrap();
    assert_eq!(m.digest, Digest::sha256_of(&manifest));
    let mut stream = up
        .get_blob("library/multiarch", &blob_digest)
        .await
        .unwrap();
    let mut got = Vec::new();
    while let Some(chunk) = stream.next().await {
        got.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(got, blob);

    let token_hits = fake.token_hits();
    assert_eq!(token_hits.len(), 1, "{token_hits:?}");
    let token_url = Url::parse(&format!("http://fake{}", token_hits[0].uri)).unwrap();
    let query: Vec<(String, String)> = token_url.query_pairs().into_owned().collect();
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(
        query,
        [
            pair("service", "fake-registry"),
            pair("scope", "repository:library/multiarch:pull"),
            pair("account", USER)
        ]
    );
    assert_eq!(
        token_hits[0].authorization.as_deref(),
        Some(basic_value().as_str())
    );
    let auths: Vec<Option<String>> = fake.hits().into_iter().map(|h| h.authorization).collect();
    assert_eq!(
        auths,
        [
            None,
            Some("Bearer tok-0-0".into()),
            Some("Bearer tok-0-0".into())
        ]
    );
}

#[tokio::test]
async fn anonymous_bearer_flow_sends_no_credentials_to_the_realm() {
    let fake = Fake {
        auth: Auth::Bearer,
        anonymous_tokens: true,
        ..Fake::default()
    }
    .with_manifest(
        "library/hello/v1",
        Some(MEDIA_TYPE_OCI_MANIFEST),
        &oci_manifest("v1"),
    );
    let (fake, url) = start(fake).await;
    client(&url, None)
        .get_manifest("library/hello", "v1", MANIFEST_ACCEPT)
        .await
        .unwrap();
    let token_hits = fake.token_hits();
    assert_eq!(token_hits.len(), 1);
    assert_eq!(token_hits[0].authorization, None);
    assert!(
        !token_hits[0].uri.contains("account="),
        "{}",
        token_hits[0].uri
    );
}

#[tokio::test]
async fn challenge_scopes_are_sent_as_repeated_scope_params() {
    let fake = Fake {
        auth: Auth::Bearer,
        anonymous_tokens: true,
        challenge_scope: Some("repository:library/hello:pull repository:library/base:pull"),
        ..Fake::default()
    }
    .with_manifest(
        "library/hello/v1",
        Some(MEDIA_TYPE_OCI_MANIFEST),
        &oci_manifest("v1"),
    );
    let (fake, url) = start(fake).await;
    client(&url, None)
        .get_manifest("library/hello", "v1", MANIFEST_ACCEPT)
        .await
        .unwrap();
    let uri = &fake.token_hits()[0].uri;
    assert!(
        uri.ends_with("?service=fake-registry&scope=repository%3Alibrary%2Fhello%3Apull&scope=repository%3Alibrary%2Fbase%3Apull"),
        "{uri}"
    );
}

#[tokio::test]
async fn rejected_cached_token_is_replaced_once() {
    let fake = Fake {
        auth: Auth::Bearer,
        anonymous_tokens: true,
        ..Fake::default()
    }
    .with_manifest(
        "library/hello/v1",
        Some(MEDIA_TYPE_OCI_MANIFEST),
        &oci_manifest("v1"),
    );
    let (fake, url) = start(fake).await;
    let up = client(&url, None);
    up.get_manifest("library/hello", "v1", MANIFEST_ACCEPT)
        .await
        .unwrap();
    fake.token_generation.store(1, Ordering::SeqCst);
    up.get_manifest("library/hello", "v1", MANIFEST_ACCEPT)
        .await
        .unwrap();
    assert_eq!(fake.token_hits().len(), 2);
    let auths: Vec<Option<String>> = fake.hits().into_iter().map(|h| h.authorization).collect();
    assert_eq!(
        auths,
        [
            None,
            Some("Bearer tok-0-0".into()),
            Some("Bearer tok-0-0".into()),
            Some("Bearer tok-1-1".into())
        ]
    );
}

#[tokio::test]
async fn token_endpoint_refusal_is_unauthorized_naming_the_realm() {
    let fake = Fake {
        auth: Auth::Bearer,
        anonymous_tokens: false,
        ..Fake::default()
    };
    let (_fake, url) = start(fake).await;
    let err = client(&url, None)
        .get_manifest("library/hello", "v1", MANIFEST_ACCEPT)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains(&format!("{url}/token?service=fake-registry")),
        "{err}"
    );
}

#[tokio::test]
async fn manifest_accept_values_arrive_as_separate_header_lines() {
    let body = oci_manifest("v2");
    let fake =
        Fake::default().with_manifest("library/hello/v2", Some(MEDIA_TYPE_OCI_MANIFEST), &body);
    let (fake, url) = start(fake).await;
    let m = client(&url, None)
        .get_manifest("library/hello", "v2", MANIFEST_ACCEPT)
        .await
        .unwrap();
    assert_eq!(m.bytes.as_ref(), body.as_slice());
    assert_eq!(m.media_type, MEDIA_TYPE_OCI_MANIFEST);
    assert_eq!(m.digest, Digest::sha256_of(&body));
    assert_eq!(fake.hits()[0].accept, MANIFEST_ACCEPT);
}

#[tokio::test]
async fn manifest_by_digest_is_verified() {
    let body = oci_manifest("v1");
    let good = Digest::sha256_of(&body);
    let claimed = Digest::sha256_of(b"what was asked for");
    let fake = Fake::default()
        .with_manifest(
            &format!("library/hello/{good}"),
            Some(MEDIA_TYPE_OCI_MANIFEST),
            &body,
        )
        .with_manifest(
            &format!("library/hello/{claimed}"),
            Some(MEDIA_TYPE_OCI_MANIFEST),
            &body,
        );
    let (_fake, url) = start(fake).await;
    let up = client(&url, None);
    assert_eq!(
        up.get_manifest("library/hello", good.as_str(), MANIFEST_ACCEPT)
            .await
            .unwrap()
            .digest,
        good
    );
    let err = up
        .get_manifest("library/hello", claimed.as_str(), MANIFEST_ACCEPT)
        .await
        .unwrap_err();
    match &err {
        Error::DigestMismatch {
            expected, actual, ..
        } => assert_eq!((expected, actual), (&claimed, &good)),
        other => panic!("expected a digest mismatch, got {other:?}"),
    }
    assert!(
        err.to_string()
            .contains(&format!("{url}/v2/library/hello/manifests/{claimed}")),
        "{err}"
    );
}

#[tokio::test]
async fn manifest_by_tag_is_checked_against_docker_content_digest() {
    let mut fake = Fake::default().with_manifest(
        "library/hello/v1",
        Some(MEDIA_TYPE_OCI_MANIFEST),
        &oci_manifest("v1"),
    );
    fake.manifests
        .get_mut("library/hello/v1")
        .unwrap()
        .announced = Some(Digest::sha256_of(b"other").to_string());
    let (_fake, url) = start(fake).await;
    let err = client(&url, None)
        .get_manifest("library/hello", "v1", MANIFEST_ACCEPT)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::DigestMismatch { .. }), "{err:?}");
}

#[tokio::test]
async fn manifest_media_type_falls_back_to_the_body() {
    let body = serde_json::json!({"schemaVersion": 2, "mediaType": MEDIA_TYPE_DOCKER_MANIFEST_LIST, "manifests": []})
        .to_string();
    let fake = Fake::default()
        .with_manifest("a/list", None, body.as_bytes())
        .with_manifest(
            "a/json",
            Some("application/json; charset=utf-8"),
            body.as_bytes(),
        )
        .with_manifest("a/bare", None, b"{\"schemaVersion\":2}");
    let (_fake, url) = start(fake).await;
    let up = client(&url, None);
    for tag in ["list", "json"] {
        assert_eq!(
            up.get_manifest("a", tag, MANIFEST_ACCEPT)
                .await
                .unwrap()
                .media_type,
            MEDIA_TYPE_DOCKER_MANIFEST_LIST
        );
    }
    let err = up
        .get_manifest("a", "bare", MANIFEST_ACCEPT)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Protocol { .. }), "{err:?}");
}

#[tokio::test]
async fn oversized_manifest_is_too_large() {
    let huge = vec![b' '; MAX_MANIFEST_SIZE as usize + 1];
    let fake = Fake::default().with_manifest("a/huge", Some(MEDIA_TYPE_OCI_MANIFEST), &huge);
    let (_fake, url) = start(fake).await;
    let err = client(&url, None)
        .get_manifest("a", "huge", MANIFEST_ACCEPT)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::TooLarge {
                what: "manifest",
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn head_manifest_reports_digest_type_and_size() {
    let body = oci_manifest("v4");
    let fake = Fake::default()
        .with_manifest("library/hello/v4", Some(MEDIA_TYPE_OCI_MANIFEST), &body)
        .with_manifest("library/hello/untyped", None, &body);
    let (fake, url) = start(fake).await;
    let up = client(&url, None);
    let head = up
        .head_manifest("library/hello", "v4", MANIFEST_ACCEPT)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        head,
        ManifestHead {
            digest: Digest::sha256_of(&body),
            media_type: MEDIA_TYPE_OCI_MANIFEST.into(),
            size: body.len() as u64
        }
    );
    assert_eq!(fake.hits().last().unwrap().method, Method::HEAD);
    assert_eq!(
        up.head_manifest("library/hello", "nope", MANIFEST_ACCEPT)
            .await
            .unwrap(),
        None
    );
    // No Content-Type on HEAD: falls back to a GET and reads mediaType from the body.
    let head = up
        .head_manifest("library/hello", "untyped", MANIFEST_ACCEPT)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(head.media_type, MEDIA_TYPE_OCI_MANIFEST);
    assert_eq!(fake.hits().last().unwrap().method, Method::GET);
}

#[tokio::test]
async fn blob_digest_mismatch_is_reported_at_stream_end() {
    let claimed = Digest::sha256_of(b"the real layer");
    let served = noise(300_000);
    for chunked in [false, true] {
        let fake = Fake::default().with_blob(&claimed, served.clone(), chunked);
        let (_fake, url) = start(fake).await;
        let up = client(&url, None);

        let mut stream = up.get_blob("library/hello", &claimed).await.unwrap();
        assert_eq!(stream.len, (!chunked).then_some(served.len() as u64));
        let mut ok_bytes = 0;
        let mut last_error = None;
        while let Some(item) = stream.next().await {
            assert!(last_error.is_none(), "an item after the error");
            match item {
                Ok(chunk) => ok_bytes += chunk.len(),
                Err(err) => last_error = Some(err),
            }
        }
        assert_eq!(
            ok_bytes,
            served.len(),
            "every byte is passed on before the verdict"
        );
        match last_error {
            Some(Error::DigestMismatch {
                expected, actual, ..
            }) => {
                assert_eq!(
                    (expected, actual),
                    (claimed.clone(), Digest::sha256_of(&served))
                )
            }
            other => panic!("expected a digest mismatch at the end, got {other:?}"),
        }

        // Into a store: nothing is committed, nothing is left behind.
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::open(dir.path()).unwrap();
        let err = up
            .fetch_blob_into("library/hello", &claimed, &store)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::DigestMismatch { .. }), "{err:?}");
        assert_eq!(store.contains(&claimed).await.unwrap(), None);
        assert_eq!(
            store.contains(&Digest::sha256_of(&served)).await.unwrap(),
            None
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join("uploads"))
                .unwrap()
                .count(),
            0
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join("sha256"))
                .unwrap()
                .count(),
            0
        );
    }
}

#[tokio::test]
async fn large_blob_streams_verified_into_the_store() {
    // 24 MiB, far beyond every buffer on the way, with and without Content-Length.
    let data = noise(24 * 1024 * 1024 + 3);
    let digest = Digest::sha256_of(&data);
    for chunked in [true, false] {
        let fake = Fake::default().with_blob(&digest, data.clone(), chunked);
        let (_fake, url) = start(fake).await;
        let up = client(&url, None);

        let mut stream = up.get_blob("library/big", &digest).await.unwrap();
        let mut hasher = Sha256::new();
        let mut total = 0;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.unwrap();
            hasher.update(&chunk);
            total += chunk.len();
        }
        assert_eq!(
            (total, Digest::from_sha256(hasher)),
            (data.len(), digest.clone())
        );

        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn BlobStore> = Arc::new(FsBlobStore::open(dir.path()).unwrap());
        let size = up
            .fetch_blob_into("library/big", &digest, store.as_ref())
            .await
            .unwrap();
        assert_eq!(size, data.len() as u64);
        assert_eq!(
            store.contains(&digest).await.unwrap(),
            Some(data.len() as u64)
        );
        let mut hasher = Sha256::new();
        let mut read = std::pin::pin!(store.open(&digest, None).await.unwrap().into_stream());
        while let Some(chunk) = read.next().await {
            hasher.update(chunk.unwrap());
        }
        assert_eq!(Digest::from_sha256(hasher), digest);
    }
}

#[tokio::test]
async fn unknown_blob_is_not_found() {
    let (_fake, url) = start(Fake::default()).await;
    let d = Digest::sha256_of(b"nothing");
    let err = client(&url, None)
        .get_blob("library/hello", &d)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with(&format!(
            "blob {d} of library/hello not found upstream at {url}/v2/"
        )),
        "{err}"
    );
}

#[tokio::test]
async fn server_errors_are_retried_and_client_errors_are_not() {
    let fake = Fake {
        fail_next: AtomicUsize::new(2),
        ..Fake::default()
    }
    .with_manifest("a/t", Some(MEDIA_TYPE_OCI_MANIFEST), &oci_manifest("t"));
    let (fake, url) = start(fake).await;
    let up = client(&url, None);
    up.get_manifest("a", "t", MANIFEST_ACCEPT).await.unwrap();
    assert_eq!(fake.hits().len(), 3, "two 503s, then success");

    let err = up
        .get_manifest("a", "missing", MANIFEST_ACCEPT)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert_eq!(fake.hits().len(), 4, "a 404 is not retried");

    fake.fail_next.store(10, Ordering::SeqCst);
    let err = up
        .get_manifest("a", "t", MANIFEST_ACCEPT)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Status {
                status: StatusCode::SERVICE_UNAVAILABLE,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(fake.hits().len(), 7, "first try and two retries");
    fake.fail_next.store(0, Ordering::SeqCst);

    let err = up
        .get_manifest("forbidden/x", "t", MANIFEST_ACCEPT)
        .await
        .unwrap_err();
    assert_eq!(fake.hits().len(), 8, "a 403 is not retried");
    assert_eq!(
        err.to_string(),
        format!("upstream {url}/v2/forbidden/x/manifests/t answered 403 Forbidden: denied: requested access to the resource is denied")
    );
}

#[tokio::test]
async fn remote_headers_are_sent_and_max_retries_bounds_the_retries() {
    let fake = Fake {
        fail_next: AtomicUsize::new(1),
        ..Fake::default()
    }
    .with_manifest("a/t", Some(MEDIA_TYPE_OCI_MANIFEST), &oci_manifest("t"));
    let (fake, url) = start(fake).await;
    let up = Upstream::new(UpstreamConfig {
        url: url.clone(),
        retries: 0,
        headers: vec![("X-Team".into(), "registry".into())],
        ..UpstreamConfig::default()
    })
    .unwrap();
    let err = up
        .get_manifest("a", "t", MANIFEST_ACCEPT)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Status { .. }), "{err:?}");
    assert_eq!(fake.hits().len(), 1, "no retry with retries 0");
    up.get_manifest("a", "t", MANIFEST_ACCEPT).await.unwrap();
    assert!(fake
        .hits()
        .iter()
        .all(|hit| hit.team.as_deref() == Some("registry")));
}

#[test]
fn tls_settings_must_be_pem() {
    let generated = rcgen::generate_simple_self_signed(vec!["client".into()]).unwrap();
    let (cert, key) = (generated.cert.pem(), generated.key_pair.serialize_pem());
    let config = |ca: &str, key: &str| UpstreamConfig {
        url: "https://registry.example".into(),
        ca_cert: Some(ca.into()),
        client_identity: Some((cert.clone(), key.into())),
        ..UpstreamConfig::default()
    };
    Upstream::new(config(&cert, &key)).unwrap();
    for (ca, key) in [("not pem", key.as_str()), (cert.as_str(), "not a key")] {
        let err = Upstream::new(config(ca, key)).unwrap_err();
        assert!(matches!(err, Error::InvalidConfig { .. }), "{err:?}");
    }
    let err = Upstream::new(UpstreamConfig {
        headers: vec![("bad name".into(), "v".into())],
        ..UpstreamConfig::new("http://h")
    })
    .unwrap_err();
    assert!(err.to_string().contains("bad name"), "{err}");
}

#[tokio::test]
async fn unreachable_upstream_names_the_url() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let up = client(&format!("http://127.0.0.1:{port}/prefix"), None);
    let err = up.list_tags("library/hello").await.unwrap_err();
    assert!(matches!(err, Error::Unreachable { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!(
            "cannot reach upstream http://127.0.0.1:{port}/prefix/v2/library/hello/tags/list"
        )),
        "{msg}"
    );
    assert!(msg.to_lowercase().contains("refused"), "{msg}");
}

#[tokio::test]
async fn invalid_input_is_rejected_before_any_request() {
    let (fake, url) = start(Fake::default()).await;
    let up = client(&url, None);
    for name in [
        "",
        "Library/hello",
        "a//b",
        "../etc",
        "a/../b",
        "a/",
        "-a",
        "a b",
        "a?b",
    ] {
        let err = up.list_tags(name).await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    what: "repository name",
                    ..
                }
            ),
            "{name:?}: {err:?}"
        );
    }
    for reference in [
        "",
        "bad tag",
        ".hidden",
        "sha256:short",
        "sha512:abc",
        "a/b",
        &"t".repeat(129),
    ] {
        let err = up
            .get_manifest("a", reference, MANIFEST_ACCEPT)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidInput {
                    what: "reference",
                    ..
                }
            ),
            "{reference:?}: {err:?}"
        );
    }
    let err = up
        .get_manifest("a", "t", &["bad\nheader"])
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                what: "accept header",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(fake.hits().is_empty());
}

#[test]
fn config_is_validated_and_password_never_printed() {
    for url in ["", "ftp://x", "http://user:pw@host", "not a url"] {
        assert!(
            matches!(
                Upstream::new(UpstreamConfig::new(url)),
                Err(Error::InvalidConfig { .. })
            ),
            "{url}"
        );
    }
    let cfg = UpstreamConfig {
        password: Some("s3cret".into()),
        proxy_password: Some("s3cret".into()),
        ..UpstreamConfig::new("https://registry-1.docker.io")
    };
    assert!(!format!("{cfg:?}").contains("s3cret"));
    let up = Upstream::new(cfg).unwrap();
    assert_eq!(up.base_url().as_str(), "https://registry-1.docker.io/");
    assert!(!format!("{up:?}").contains("s3cret"));
    let up = Upstream::new(UpstreamConfig::new("http://mirror.local/registry")).unwrap();
    assert_eq!(
        up.url("v2/a/tags/list").unwrap().as_str(),
        "http://mirror.local/registry/v2/a/tags/list"
    );
}

#[tokio::test]
async fn futures_are_send_so_tasks_can_spawn_them() {
    fn send<T: Send>(_: T) {}
    let up = client("http://127.0.0.1:9", None);
    let dir = tempfile::tempdir().unwrap();
    let store = FsBlobStore::open(dir.path()).unwrap();
    let d = Digest::sha256_of(b"");
    send(up.list_tags("a"));
    send(up.get_manifest("a", "t", MANIFEST_ACCEPT));
    send(up.head_manifest("a", "t", MANIFEST_ACCEPT));
    send(up.get_blob("a", &d));
    send(up.fetch_blob_into("a", &d, &store));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn link_headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(v) = HeaderValue::from_str(value) {
            headers.insert(h::LINK, v);
        }
        headers
    }

    proptest! {
        /// Any Link value gives a next page, none, or a protocol error; never a panic.
        #[test]
        fn any_link_header_parses_or_is_refused(s in "[<>;=\",a-z/?&. ]{0,40}|\\PC{0,60}") {
            let current = Url::parse("http://registry.test/v2/a/tags/list").unwrap();
            let _ = next_link(&link_headers(&s), &current);
        }

        /// A same-origin `rel="next"` link resolves to its target.
        #[test]
        fn next_links_round_trip(last in "[a-zA-Z0-9._-]{1,20}", n in 1u32..1000) {
            let current = Url::parse("http://registry.test/v2/a/tags/list").unwrap();
            let target = format!("/v2/a/tags/list?n={n}&last={last}");
            let headers = link_headers(&format!("<{target}>; rel=\"next\""));
            let next = next_link(&headers, &current).unwrap().unwrap();
            prop_assert_eq!(next.as_str(), format!("http://registry.test{target}"));
        }
    }
}
