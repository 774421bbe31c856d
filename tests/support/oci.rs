//! A raw OCI distribution client, for tests that check the `/v2/` protocol itself (status codes, headers,
//! upload sessions) rather than what a real client makes of it.
//!
//! [`Registry::login`] does what podman does before it pushes: `GET /v2/`, and on a Bearer challenge asks the
//! challenge's realm for a token covering the scopes the test names (with Basic credentials when given, else
//! anonymously); on a Basic challenge (token auth off) it sends the credentials on every request. Every answer
//! is read whole into an [`Answer`], so a test can assert on status, headers and body together and a failed
//! assertion can print all three.
//!
//! Test content is generated here too: [`pseudo_random`] bytes of any size (far larger than any buffer) and
//! [`TestImage`], a small OCI image (config + layers) whose digests are computed, never hard-coded.

use std::io::Read;

use reqwest::blocking::{Body, Client};
use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256, Sha512};

use crate::daemon::Daemon;
use crate::images::{MT_OCI_CONFIG, MT_OCI_LAYER_GZIP, MT_OCI_MANIFEST};

/// Every manifest media type, as separate `Accept` values (the way podman sends them).
pub const MANIFEST_ACCEPT: [&str; 4] = [
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
];

/// `sha256:<hex>` of `bytes`.
pub fn sha256_digest(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

/// `sha512:<hex>` of `bytes`.
pub fn sha512_digest(bytes: &[u8]) -> String {
    format!("sha512:{}", hex::encode(Sha512::digest(bytes)))
}

/// `len` bytes that do not compress and differ for each `seed` (xorshift64*), so no two test blobs collide.
pub fn pseudo_random(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        out.extend_from_slice(&state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// One answer, read whole.
#[derive(Debug)]
pub struct Answer {
    /// What was sent (`PATCH http://…`), for failure messages.
    pub request: String,
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    /// The header `name`, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The header `name`; panics (showing the whole answer) when it is missing.
    pub fn expect_header(&self, name: &str) -> &str {
        self.header(name)
            .unwrap_or_else(|| panic!("no {name} header in the answer:\n{self}"))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON (`Value::Null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// Panics, showing the whole answer, unless the status is `status`.
    pub fn expect(self, status: u16) -> Answer {
        assert_eq!(self.status, status, "unexpected status:\n{self}");
        self
    }

    /// The first OCI error code of the body (`errors[0].code`).
    pub fn error_code(&self) -> String {
        self.json()["errors"][0]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl std::fmt::Display for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} → {}", self.request, self.status)?;
        for (k, v) in &self.headers {
            writeln!(f, "  {k}: {}", v.to_str().unwrap_or("<binary>"))?;
        }
        let text = self.text();
        let shown: String = text.chars().take(2000).collect();
        write!(f, "  body: {shown}")
    }
}

/// A raw `/v2/` client of one pulpd, with the credentials and token scopes it was made with.
pub struct Registry {
    base: String,
    http: Client,
    /// The `Authorization` value sent on every request, if any.
    authorization: Option<String>,
}

impl Registry {
    /// Logs in like a registry client: `GET /v2/`, then a token for `scopes` (e.g.
    /// `repository:myorg/app:pull,push`) from the challenge's realm, with `credentials` as Basic auth when
    /// given. With token auth off, the credentials go as Basic auth on every request.
    pub fn login(d: &Daemon, credentials: Option<(&str, &str)>, scopes: &[&str]) -> Registry {
        let http = d.http_client();
        let base = d.base_url();
        let first = http.get(format!("{base}/v2/")).send().expect("GET /v2/");
        let challenge = first
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let basic = credentials.map(|(u, p)| crate::upstream::basic_auth(u, p));
        let authorization = if challenge.starts_with("Bearer ") {
            let param = |name: &str| {
                challenge
                    .split(&format!("{name}=\""))
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .map(str::to_string)
            };
            let realm = param("realm").expect("a Bearer challenge names its realm");
            let mut query = vec![("service".to_string(), param("service").unwrap_or_default())];
            query.extend(scopes.iter().map(|s| ("scope".to_string(), s.to_string())));
            let mut req = http.get(&realm).query(&query);
            if let Some(b) = &basic {
                req = req.header("authorization", b);
            }
            let answer = req.send().expect("token request");
            let status = answer.status();
            let body: Value = answer.json().unwrap_or(Value::Null);
            assert_eq!(status, 200, "token for {scopes:?}: {body}");
            let token = body["token"].as_str().expect("a token").to_string();
            Some(format!("Bearer {token}"))
        } else {
            basic
        };
        Registry {
            base,
            http,
            authorization,
        }
    }

    /// The same client (credentials, token) talking to `base` (`http://host:port`) instead, such as a load
    /// balancer in front of the daemon it logged in to.
    pub fn with_base(mut self, base: String) -> Registry {
        self.base = base;
        self
    }

    /// A client with no credentials and no token at all.
    pub fn unauthenticated(d: &Daemon) -> Registry {
        Registry {
            base: d.base_url(),
            http: d.http_client(),
            authorization: None,
        }
    }

    /// `path` (`/v2/…`) or a `Location` (relative or absolute) as a URL of this daemon. An absolute location
    /// keeps only its path and query, so a session URL from before a restart (another port) still works.
    pub fn url(&self, path_or_location: &str) -> String {
        let path = match path_or_location.find("://") {
            Some(i) => {
                let rest = &path_or_location[i + 3..];
                rest.find('/').map_or("/", |j| &rest[j..])
            }
            None => path_or_location,
        };
        format!("{}{path}", self.base)
    }

    /// Sends `method path` with `headers` and an optional whole body; reads the answer whole.
    pub fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Answer {
        self.send_body(method, path, headers, body.map(Body::from))
    }

    /// Like [`Registry::send`] with a body of unknown length, sent with `Transfer-Encoding: chunked`.
    pub fn send_stream(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: impl Read + Send + 'static,
    ) -> Answer {
        self.send_body(method, path, headers, Some(Body::new(body)))
    }

    fn send_body(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Body>,
    ) -> Answer {
        let url = self.url(path);
        let request = format!("{method} {url}");
        let mut req = self.http.request(method, &url);
        if let Some(a) = &self.authorization {
            req = req.header("authorization", a);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(body) = body {
            req = req.body(body);
        }
        let resp = req
            .send()
            .unwrap_or_else(|e| panic!("{request}: {}", crate::daemon::error_chain(&e)));
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp
            .bytes()
            .unwrap_or_else(|e| panic!("reading the answer to {request}: {e}"))
            .to_vec();
        Answer {
            request,
            status,
            headers,
            body,
        }
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        self.send(Method::GET, path, headers, None)
    }

    /// `POST /v2/<name>/blobs/uploads/`, which must open a session (202); returns its `Location`.
    pub fn start_upload(&self, name: &str) -> String {
        let answer = self
            .send(
                Method::POST,
                &format!("/v2/{name}/blobs/uploads/"),
                &[("content-length", "0")],
                None,
            )
            .expect(202);
        answer.expect_header("location").to_string()
    }

    /// Uploads `bytes` as blob `digest` into `name` (POST a session, then `PUT <location>?digest=` with the
    /// bytes), which must answer 201.
    pub fn push_blob(&self, name: &str, bytes: &[u8], digest: &str) {
        let location = self.start_upload(name);
        let answer = self
            .send(
                Method::PUT,
                &with_digest(&location, digest),
                &[("content-type", "application/octet-stream")],
                Some(bytes.to_vec()),
            )
            .expect(201);
        assert_eq!(
            answer.header("docker-content-digest"),
            Some(digest),
            "{answer}"
        );
    }

    /// `PUT /v2/<name>/manifests/<reference>` with `media_type`; the answer, whatever it is.
    pub fn put_manifest(
        &self,
        name: &str,
        reference: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> Answer {
        self.send(
            Method::PUT,
            &format!("/v2/{name}/manifests/{reference}"),
            &[("content-type", media_type)],
            Some(bytes.to_vec()),
        )
    }

    /// `GET /v2/<name>/manifests/<reference>` accepting every manifest type.
    pub fn get_manifest(&self, name: &str, reference: &str) -> Answer {
        let accept = MANIFEST_ACCEPT.join(", ");
        self.get(
            &format!("/v2/{name}/manifests/{reference}"),
            &[("accept", &accept)],
        )
    }

    /// Pushes `image` (its blobs, then its manifest as `reference`), which must answer 201 with the
    /// manifest's digest.
    pub fn push_image(&self, name: &str, reference: &str, image: &TestImage) {
        for (bytes, digest) in image.blobs() {
            self.push_blob(name, bytes, &digest);
        }
        let answer = self
            .put_manifest(name, reference, MT_OCI_MANIFEST, &image.manifest)
            .expect(201);
        assert_eq!(
            answer.header("docker-content-digest"),
            Some(image.digest.as_str()),
            "{answer}"
        );
    }

    /// `GET /v2/<name>/tags/list[?query]`, which must answer 200; returns the tags.
    pub fn tags(&self, name: &str, query: &str) -> Vec<String> {
        let path = if query.is_empty() {
            format!("/v2/{name}/tags/list")
        } else {
            format!("/v2/{name}/tags/list?{query}")
        };
        let answer = self.get(&path, &[]).expect(200);
        let body = answer.json();
        body["tags"]
            .as_array()
            .unwrap_or_else(|| panic!("no tags array:\n{answer}"))
            .iter()
            .map(|t| t.as_str().expect("a tag is a string").to_string())
            .collect()
    }
}

/// `location` with `digest=<digest>` added to its query.
pub fn with_digest(location: &str, digest: &str) -> String {
    let separator = if location.contains('?') { '&' } else { '?' };
    format!("{location}{separator}digest={digest}")
}

/// A small OCI image: a config blob, layer blobs of pseudo-random bytes, and its manifest.
#[derive(Debug, Clone)]
pub struct TestImage {
    pub config: Vec<u8>,
    pub config_digest: String,
    pub layers: Vec<(Vec<u8>, String)>,
    pub manifest: Vec<u8>,
    /// The manifest's sha256 digest.
    pub digest: String,
}

impl TestImage {
    /// An image whose layers are `layers` (bytes), with a config naming `label` (so images with the same
    /// layers still differ). Layers are declared gzip layers: registries do not look inside.
    pub fn new(label: &str, layers: Vec<Vec<u8>>) -> TestImage {
        let config = serde_json::to_vec(&json!({
            "architecture": "amd64",
            "os": "linux",
            "config": {"Labels": {"pulp-e2e": label}},
            "rootfs": {"type": "layers", "diff_ids": []},
        }))
        .expect("config JSON");
        let config_digest = sha256_digest(&config);
        let layers: Vec<(Vec<u8>, String)> = layers
            .into_iter()
            .map(|bytes| {
                let digest = sha256_digest(&bytes);
                (bytes, digest)
            })
            .collect();
        let manifest = serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": MT_OCI_MANIFEST,
            "config": {"mediaType": MT_OCI_CONFIG, "digest": config_digest, "size": config.len()},
            "layers": layers.iter().map(|(bytes, digest)| json!({
                "mediaType": MT_OCI_LAYER_GZIP, "digest": digest, "size": bytes.len(),
            })).collect::<Vec<_>>(),
        }))
        .expect("manifest JSON");
        let digest = sha256_digest(&manifest);
        TestImage {
            config,
            config_digest,
            layers,
            manifest,
            digest,
        }
    }

    /// An image of one small pseudo-random layer made from `seed`.
    pub fn small(label: &str, seed: u64) -> TestImage {
        TestImage::new(label, vec![pseudo_random(1024, seed)])
    }

    /// Config and layers as `(bytes, digest)`.
    pub fn blobs(&self) -> Vec<(&[u8], String)> {
        std::iter::once((self.config.as_slice(), self.config_digest.clone()))
            .chain(self.layers.iter().map(|(b, d)| (b.as_slice(), d.clone())))
            .collect()
    }

    /// The descriptor of this image's manifest (for a `subject` or an index).
    pub fn descriptor(&self) -> Value {
        json!({"mediaType": MT_OCI_MANIFEST, "digest": self.digest, "size": self.manifest.len()})
    }
}
