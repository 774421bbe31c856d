//! The HTTP edge: one router on one port for the management API (`/pulp/api/v3/`) and, later, the registry
//! (`/v2/`). Handlers are thin: extract, call the domain, respond. Errors are mapped once, in [`error`].
//! [`metrics`] counts every request (a middleware) and serves `/metrics`. [`peers`] is the replicas' internal
//! endpoint (`/internal/v1/`), for the peer secret's holders only.

pub mod api;
pub mod error;
pub mod extract;
pub mod guard;
pub mod health;
pub mod metrics;
pub mod peers;
pub mod registry;

use crate::app::App;
use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::json;
use std::sync::Arc;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The request id header, echoed back on every response.
const REQUEST_ID: &str = "x-request-id";

/// Every route of the daemon.
pub fn router(app: Arc<App>) -> Router {
    let header = axum::http::HeaderName::from_static(REQUEST_ID);
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
        .layer(middleware::from_fn_with_state(app.clone(), guard::storage))
        .layer(middleware::from_fn(pulp_error_bodies))
        .layer(
            TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
                let id = req
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                tracing::debug_span!("request", method = %req.method(), uri = %req.uri().path(), id)
            }),
        )
        .layer(PropagateRequestIdLayer::new(header.clone()))
        .layer(SetRequestIdLayer::new(header, MakeRequestUuid))
        // Outermost, so answers of the layers above (the guard's 503 and 507) are counted too.
        .layer(middleware::from_fn(metrics::track))
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

/// Gives axum's bodiless 405 Pulp's JSON body: `{"detail": "Method \"PUT\" not allowed."}`.
async fn pulp_error_bodies(req: Request<Body>, next: Next) -> Response {
    let method: Method = req.method().clone();
    let response = next.run(req).await;
    if response.status() == StatusCode::METHOD_NOT_ALLOWED
        && response.headers().get(header::CONTENT_TYPE).is_none()
    {
        let (mut parts, _) = response.into_parts();
        let body = json!({ "detail": format!("Method \"{method}\" not allowed.") }).to_string();
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::from(body));
    }
    response
}
