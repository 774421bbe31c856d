//! The HTTP edge: one router on one port for the management API (`/pulp/api/v3/`) and, later, the registry
//! (`/v2/`). Handlers are thin: extract, call the domain, respond. Errors are mapped once, in [`error`].
//! [`edge`] is the one middleware every route runs in (request id, logging, storage guard, metrics);
//! [`metrics`] labels requests and serves `/metrics`. [`peers`] is the replicas' internal
//! endpoint (`/internal/v1/`), for the peer secret's holders only.

pub mod api;
pub mod edge;
pub mod error;
pub mod extract;
pub mod guard;
pub mod health;
pub mod metrics;
pub mod peers;
pub mod registry;

use crate::app::App;
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::json;
use std::sync::Arc;

/// Every route of the daemon.
pub fn router(app: Arc<App>) -> Router {
    let mut routes = Router::new()
        .merge(api::routes())
        .merge(registry::routes())
        .merge(health::routes())
        .merge(peers::routes());
    if app.metrics_on_main {
        routes = routes.merge(metrics::routes());
    }
    routes
        .fallback(not_found)
        .layer(edge::EdgeLayer::new(app.clone()))
        .with_state(app)
}

/// `/metrics` alone, for the listener of its own that `--metrics-bind` gives it.
pub fn metrics_router(app: Arc<App>) -> Router {
    metrics::routes()
        .fallback(not_found)
        .layer(middleware::from_fn(metrics::track))
        .with_state(app)
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(json!({"detail": "Not found."})),
    )
        .into_response()
}
