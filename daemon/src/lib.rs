//! pulpd: a container registry and content manager speaking Pulp's container API, in one process on one port.
//!
//! Layout (a request flows down this list: HTTP → domain → storage):
//! - [`http`]: the router, extractors (basic auth, JSON bodies, queries), error → response mapping, one file
//!   per resource under `http/api/` (Pulp bodies) and `http/registry/` (`/v2/`, `/token/`, OCI bodies).
//! - Domain (no axum types): [`content`] (repositories, their versions, manifests/tags/blobs), [`remotes`],
//!   [`distributions`] (base paths, `registry_path`), [`tasks`] (the task runner: persisted queue, resource
//!   locks, cancel, recovery), [`sync`] (the sync task), [`auth`] (users, password hashes, the token service
//!   and its signing key), [`upstream`] (the client of remote registries),
//!   [`registry`] (the read side of `/v2/`), [`pull_through`] (the pull-through cache: upstream fetches on
//!   first pull, tag freshness, single-flight streaming of blobs).
//!   [`body`] reads request bodies field by field with Pulp's messages; [`listing`] pages and filters lists.
//! - Storage: [`store`] (metadata tables on sled) and [`blobs`] (content-addressed blob files).
//! - [`server`]: the accept loop under the router: per-connection timeouts (header read, idle, body idle), the
//!   peer address for extractors, the file-descriptor limit and shedding of idle connections when it runs short.
//! - [`app`]: opens every service from the [`app::Config`]; [`serve`] runs the daemon until shutdown.

pub mod app;
pub mod auth;
pub mod blobs;
pub mod body;
pub mod content;
pub mod distributions;
pub mod error;
pub mod http;
pub mod listing;
pub mod pull_through;
pub mod registry;
pub mod remotes;
pub mod server;
pub mod store;
pub mod sync;
pub mod tasks;
pub mod upstream;

use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// Serves `app` on `listener` until `shutdown` is cancelled; then stops accepting, lets in-flight requests
/// finish, waits for running tasks within the grace period and flushes the database.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: CancellationToken,
) -> anyhow::Result<()> {
    match app.blobs.startup_cleanup().await {
        Ok(0) => {}
        Ok(n) => tracing::info!(count = n, "removed partial uploads left by the last stop"),
        Err(e) => tracing::warn!(error = %e, "could not clean partial uploads"),
    }
    let router = http::router(app.clone());
    let server = server::serve(listener, router, app.connections, shutdown.clone());
    let grace = app.shutdown_grace;
    let server = tokio::spawn(server);
    shutdown.cancelled().await;
    tracing::info!("shutting down: no new connections; finishing requests and tasks");
    if tokio::time::timeout(grace, server).await.is_err() {
        tracing::warn!("requests still running after the grace period; closing them");
    }
    app.tasks.shutdown(grace).await;
    app.store.flush().await?;
    tracing::info!("stopped");
    Ok(())
}

pub use app::App;
