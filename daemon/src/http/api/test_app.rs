//! A real App for in-process API tests: sled metadata and blob files under a temp dir, one admin password.

use crate::app::{App, BlobsConfig, Config, MetadataConfig};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

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
        metadata: MetadataConfig::Sled,
        worker_timeout: Duration::from_secs(30),
        upload_ttl: Duration::from_secs(86400),
        tls: None,
        metrics: Default::default(),
    };
    Arc::new(App::open(&config, HOST.into()).await.unwrap())
}
