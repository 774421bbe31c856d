//! A real App for in-process API tests: sled metadata and blob files under a temp dir, one admin password.

use crate::app::{App, BlobsConfig, Config, MetadataConfig};
use crate::blobs::Digest;
use crate::content::{ManifestRecord, RepositoryRecord, VersionContent};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::Engine as _;
use pulp_shared::href;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt as _;

/// The registry host the test App answers as.
pub const HOST: &str = "localhost:24817";

/// Opens an App whose data lives under `dir`, with `admin_password`.
pub async fn open(dir: &Path, admin_password: &str) -> Arc<App> {
    let config = Config {
        data_dir: dir.join("data"),
        registry_host: Some(HOST.into()),
        admin_password: Some(admin_password.into()),
        shutdown_grace: Duration::from_secs(5),
        token_auth: false,
        pull_through: Default::default(),
        failed_login_limit: 0,
        min_free_space: crate::space::Reserve::parse("0").unwrap(),
        connections: Default::default(),
        blobs: BlobsConfig::Files,
        blob_redirect: false,
        metadata: MetadataConfig::Sled,
        worker_timeout: Duration::from_secs(30),
        upload_ttl: Duration::from_secs(86400),
        tls: None,
        metrics: Default::default(),
        peer_url: None,
    };
    Arc::new(App::open(&config, HOST.into()).await.unwrap())
}

pub const ADMIN_PASSWORD: &str = "push-model-admin-password-8c1f";
pub const USER_PASSWORD: &str = "push-model-user-password-41d9";

/// The whole router over a real App, driven request by request as `admin` or users made by [`Harness::user`].
pub struct Harness {
    _dir: tempfile::TempDir,
    pub app: Arc<App>,
}

impl Harness {
    pub async fn start() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let app = open(dir.path(), ADMIN_PASSWORD).await;
        Harness { _dir: dir, app }
    }

    /// Sends a request as `user` (password by convention) and returns the status and the JSON body.
    pub async fn call(
        &self,
        user: &str,
        method: Method,
        uri: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let password = if user == "admin" {
            ADMIN_PASSWORD
        } else {
            USER_PASSWORD
        };
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "localhost:24817")
            .header(header::AUTHORIZATION, format!("Basic {auth}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
            .unwrap();
        let response = crate::http::router(self.app.clone())
            .oneshot(request)
            .await
            .unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| json!(String::from_utf8_lossy(&bytes)))
        };
        (status, value)
    }

    pub async fn get(&self, user: &str, uri: &str) -> (StatusCode, Value) {
        self.call(user, Method::GET, uri, None).await
    }

    pub async fn post(&self, user: &str, uri: &str, body: Value) -> (StatusCode, Value) {
        self.call(user, Method::POST, uri, Some(body)).await
    }

    /// Waits for the task of a 202 answer and returns it (final).
    pub async fn finished(&self, answer: (StatusCode, Value)) -> Value {
        assert_eq!(answer.0, StatusCode::ACCEPTED, "{}", answer.1);
        let task = answer.1["task"].as_str().unwrap().to_string();
        let id = href::parse_id(href::TASKS, &task).unwrap();
        let record = self
            .app
            .tasks
            .wait(id, Duration::from_secs(30))
            .await
            .unwrap();
        assert!(record.state.is_final(), "task {task} did not finish");
        self.get("admin", &task).await.1
    }

    /// Creates user `name`; returns its id.
    pub async fn user(&self, name: &str) -> u64 {
        self.app
            .auth
            .create(&json!({"username": name, "password": USER_PASSWORD}))
            .await
            .unwrap()
            .id
    }

    /// What a push of `name` makes: namespace, push repository, distribution; then one image tagged `v1`.
    pub async fn pushed(&self, name: &str) -> (RepositoryRecord, String) {
        let namespace = name.split('/').next().unwrap();
        let (ns, _) = self.app.namespaces.ensure(namespace).await.unwrap();
        let repo = self.app.repositories.create_push(name).await.unwrap();
        self.app
            .distributions
            .create_push(name, &repo, &ns)
            .await
            .unwrap();
        let config = format!("sha256:{}", "c".repeat(64));
        let layer = format!("sha256:{}", "1".repeat(64));
        let bytes = serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": crate::content::model::OCI_MANIFEST,
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config, "size": 2},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer, "size": 3}],
        }))
        .unwrap();
        let digest = Digest::sha256_of(&bytes);
        let record = ManifestRecord::parse(&digest, &bytes, "").unwrap();
        self.app
            .repositories
            .content
            .put_manifest(&record, &bytes)
            .await
            .unwrap();
        let mut content = VersionContent::default();
        content.manifests.insert(digest.to_string());
        content.blobs.extend([config, layer]);
        content.tags.insert("v1".into(), digest.to_string());
        self.app
            .repositories
            .add_version(&repo.id, content)
            .await
            .unwrap();
        (repo, digest.to_string())
    }
}
