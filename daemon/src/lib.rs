//! pulpd: a container registry and content manager speaking Pulp's container API, in one process on one port.
//!
//! Layout (a request flows down this list: HTTP → domain → storage):
//! - [`http`]: the router, extractors (basic auth, JSON bodies, queries), error → response mapping, one file
//!   per resource under `http/api/` (Pulp bodies) and `http/registry/` (`/v2/`, `/token/`, OCI bodies);
//!   `http/peers.rs` is the replicas' internal endpoint (a blob downloading here, for the peer secret's holders).
//! - Domain (no axum types): [`content`] (repositories, their versions, manifests/tags/blobs), [`remotes`]
//!   ([`remote_settings`]: the URL, credentials and connection settings every kind of remote shares),
//!   [`distributions`] (base paths, `registry_path`), [`namespaces`] (the first path segment of pushed
//!   names, which carries their roles), [`tasks`] (the task runner: persisted queue, resource
//!   locks, cancel, recovery), [`sync`] (the sync task), [`auth`] (users, password checks on bounded argon2
//!   workers with a verified-credential cache and a failure throttle, roles and the access policy, the token
//!   service and its signing key), [`upstream`] (the client of remote registries),
//!   [`registry`] (the read side of `/v2/`), [`push`] (its write side: uploads, manifest pushes, push
//!   repositories and their namespaces, referrers, deletes), [`pull_through`] (the pull-through cache: upstream fetches on
//!   first pull, tag freshness, single-flight streaming of blobs, shared between replicas by leases, followers on
//!   other replicas streaming from the one downloading).
//!   [`body`] decodes request bodies (typed, or field by field) with Pulp's messages; [`listing`] pages and filters lists;
//!   [`names`] is the OCI grammar of repository names, tags and digests.
//! - Storage: [`store`] (the async metadata interface; sled and PostgreSQL backends) and [`blobs`]
//!   (content-addressed blobs in files or an S3 bucket).
//! - [`check`]: the consistency check of `pulpd --check` (dangling references, unreferenced blob files).
//! - [`health`]: the readiness checks behind `/readyz` (store answers, blobs writable, reserve kept).
//! - [`space`]: free space of the data dir and the reserve writes keep free (507 below it); [`data_dir`]:
//!   the data dir's permissions (created 0700, loose modes tightened at start).
//! - [`server`]: the accept loop under the router: per-connection timeouts (header read, idle, body idle), the
//!   peer address for extractors, the file-descriptor limit and shedding of idle connections when it runs short,
//!   TLS (certificate reload on SIGHUP or file change, `--tls-self-signed`), and stored blobs sent from their
//!   file on plain-HTTP/1 connections, by sendfile(2) or, to a loopback reader that is behind, a copy through a
//!   cache-sized buffer ([`server::file_send`]; TLS and HTTP/2 stream them).
//! - [`accounting`]: stored bytes, pull-through cache bytes and the last cleanup, for `/status/` and `/metrics`.
//! - [`metrics`]: the Prometheus families (requests, pull-through, upstream, tasks, connections, argon2) and
//!   their exposition, served at `/metrics` by [`http::metrics`].
//! - [`app`]: opens every service from the [`app::Config`]; [`serve`] runs the daemon until shutdown.

pub mod accounting;
pub mod app;
pub mod auth;
pub mod blob_redirect;
pub mod blobs;
pub mod body;
pub mod check;
pub mod content;
pub mod data_dir;
pub mod distributions;
pub mod error;
pub mod health;
pub mod http;
pub mod label_select;
pub mod listing;
pub mod metrics;
pub mod names;
pub mod namespaces;
pub mod orphans;
pub mod pull_through;
pub mod push;
pub mod reclaim;
pub mod registry;
pub mod remote_settings;
pub mod remotes;
pub mod server;
pub mod space;
pub mod store;
pub mod sync;
pub mod tasks;
pub mod upstream;

use anyhow::Context as _;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// How long pulpd keeps answering (503, and `/status/` saying why) after the metadata store failed, before it
/// stops: long enough for a probe or an operator to see the reason, short enough that a supervisor restarts
/// it promptly.
pub const STORE_FAILURE_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

/// How often expired upload sessions are looked for (`--upload-ttl` says when one expires).
const UPLOAD_SWEEP: std::time::Duration = std::time::Duration::from_secs(600);

/// Serves `app` on `listener` until `shutdown` is cancelled; then stops accepting, lets in-flight requests
/// finish, waits for running tasks within the grace period and flushes the database.
///
/// # Errors
/// When the metadata store fails (see `store/mod.rs`), it stops after [`STORE_FAILURE_GRACE`] and returns an
/// error, so the process exits non-zero and its supervisor restarts it.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    app.blobs.check().await.context(
        "the blob store does not answer: check the bucket, AWS_ENDPOINT_URL and the credentials",
    )?;
    match app.blobs.startup_cleanup().await {
        Ok(0) => {}
        Ok(n) => tracing::info!(count = n, "removed partial uploads left by the last stop"),
        Err(e) => tracing::warn!(error = %e, "could not clean partial uploads"),
    }
    let heartbeat_stop = CancellationToken::new();
    let heartbeat = tokio::spawn(app.workers.clone().run(heartbeat_stop.clone()));
    tokio::spawn(
        app.push
            .uploads
            .clone()
            .sweep_every(UPLOAD_SWEEP, heartbeat_stop.clone()),
    );
    let retention = tokio::spawn(
        app.pull_through
            .clone()
            .retention_every(pull_through::retention::EVERY, heartbeat_stop.clone()),
    );
    let router = http::router(app.clone());
    let server = server::serve(
        listener,
        router,
        app.connections,
        app.tls.clone(),
        shutdown.clone(),
    );
    notify_systemd(sd_notify::NotifyState::Ready);
    let grace = app.shutdown_grace;
    let server = tokio::spawn(server);
    tokio::select! {
        _ = shutdown.cancelled() => {}
        _ = app.store.failed() => {
            tracing::error!(
                grace = ?STORE_FAILURE_GRACE,
                "stopping because the metadata store failed; restart pulpd (a supervisor does so on the non-zero exit)"
            );
            // A deliberate delay, not a wait for some state: /status/ reports the failure meanwhile.
            tokio::time::sleep(STORE_FAILURE_GRACE).await;
            shutdown.cancel();
        }
    }
    notify_systemd(sd_notify::NotifyState::Stopping);
    tracing::info!("shutting down: no new connections; finishing requests and tasks");
    if tokio::time::timeout(grace, server).await.is_err() {
        tracing::warn!("requests still running after the grace period; closing them");
    }
    app.tasks.shutdown(grace).await;
    // Prefetches and downloads no client waits for any more: dropped, their partial blobs discarded.
    app.pull_through.shutdown().await;
    heartbeat_stop.cancel();
    if let Err(e) = heartbeat.await {
        tracing::warn!(error = %e, "the heartbeat task failed");
    }
    if let Err(e) = retention.await {
        tracing::warn!(error = %e, "the pull-through retention task failed");
    }
    if let Some(why) = app.store.failure() {
        anyhow::bail!("the metadata store failed: {why}");
    }
    app.store.close().await?;
    tracing::info!("stopped");
    Ok(())
}

/// Serves `/metrics` alone on `listener` (`--metrics-bind`), in plain HTTP, until `shutdown` is cancelled.
pub async fn serve_metrics(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: CancellationToken,
) {
    let router = http::metrics_router(app.clone());
    server::serve(listener, router, app.connections, None, shutdown).await;
}

/// Tells systemd (a `Type=notify` unit) about a state change: `READY=1` once the listener is bound and the
/// stores are open, `STOPPING=1` at shutdown. Without `NOTIFY_SOCKET` (not under systemd) it does nothing.
fn notify_systemd(state: sd_notify::NotifyState<'_>) {
    if let Err(e) = sd_notify::notify(false, &[state]) {
        tracing::warn!(error = %e, "could not notify systemd");
    }
}

pub use app::App;
