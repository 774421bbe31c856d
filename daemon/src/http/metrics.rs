//! `GET /metrics` (the Prometheus exposition of [`crate::metrics`]) and the middleware that counts every HTTP
//! request by route template, method and status.
//!
//! Invariants:
//! - The `route` label is a template, never a raw path: the router's own pattern for `/pulp/api/v3/` routes
//!   (`/pulp/api/v3/repositories/container/container/{id}/`), the distribution spec's endpoint for `/v2/`
//!   (`/v2/{name}/manifests/{reference}`), and `unmatched` for anything no route took. A client cannot create
//!   label values by requesting paths, so the series stay bounded.
//! - `/metrics` answers only loopback clients unless `--metrics-public` ([`allowed`]); it needs no credentials,
//!   like Prometheus' other exporters, so the address is the access control.

use crate::app::App;
use crate::http::registry::path::{Endpoint, RegistryPath};
use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, State};
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The path of the exposition.
pub const PATH: &str = "/metrics";

/// The router's pattern of the `/v2/` catch-all route (see `http/registry/mod.rs`).
const REGISTRY_CATCH_ALL: &str = "/v2/{*rest}";

/// The label of a request no route matched.
const UNMATCHED: &str = "unmatched";

/// `GET /metrics`.
pub fn routes() -> Router<Arc<App>> {
    Router::new().route(PATH, get(show))
}

/// Whether a client at `peer` may read `/metrics`: any client with `--metrics-public`, else only loopback
/// (IPv4-mapped loopback included).
pub fn allowed(peer: IpAddr, public: bool) -> bool {
    public || peer.to_canonical().is_loopback()
}

async fn show(State(app): State<Arc<App>>, req: Request<Body>) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    if !peer.is_some_and(|ip| allowed(ip, app.metrics_public)) {
        return (
            StatusCode::FORBIDDEN,
            Json(json!({"detail": "Metrics are served to loopback clients only; start pulpd with --metrics-public to serve them to others."})),
        )
            .into_response();
    }
    if let Err(e) = app.accounting.refresh().await {
        tracing::warn!(error = %format!("{e:#}"), "could not sum the stored blob bytes for /metrics");
    }
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(crate::metrics::CONTENT_TYPE),
        )],
        crate::metrics::encode(),
    )
        .into_response()
}

/// Middleware: counts the request and its latency (to the response head) under its route template; adds the
/// Content-Length of blob bodies to the bytes served. (The main listener does the same in `edge.rs`.)
pub async fn track(req: Request<Body>, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = route_label(req.extensions().get::<MatchedPath>(), req.uri().path());
    let response = next.run(req).await;
    count(&response, route, &method, started.elapsed());
    response
}

/// Counts `response` to a `method` request under `route` ([`route_label`]), answered after `elapsed`.
pub fn count(response: &Response, route: Cow<'static, str>, method: &Method, elapsed: Duration) {
    let method = crate::metrics::method_label(method.as_str());
    let status = response.status();
    if method == "GET" && route == BLOB && status.is_success() {
        let length = response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if let Some(length) = length {
            crate::metrics::blob_served(length);
        }
    }
    crate::metrics::http_request(route, method, status.as_u16(), elapsed);
}

/// The `route` label of a request to `path` that the router matched as `matched` (see the module doc).
pub fn route_label(matched: Option<&MatchedPath>, path: &str) -> Cow<'static, str> {
    route_template(matched.map(MatchedPath::as_str), path)
}

/// The template of `/v2/{name}/blobs/{digest}`.
const BLOB: &str = "/v2/{name}/blobs/{digest}";

/// The `route` label of a request to `path` that the router matched with pattern `matched` (see the module
/// doc).
pub fn route_template(matched: Option<&str>, path: &str) -> Cow<'static, str> {
    match matched {
        Some(REGISTRY_CATCH_ALL) => Cow::Borrowed(registry_template(path)),
        Some(pattern) => Cow::Owned(pattern.to_string()),
        None => Cow::Borrowed(UNMATCHED),
    }
}

/// The distribution spec's endpoint of a `/v2/` path, with the name and reference as placeholders.
fn registry_template(path: &str) -> &'static str {
    let rest = path.strip_prefix("/v2/").unwrap_or_default();
    endpoint_template(RegistryPath::parse(rest).ok().map(|p| p.endpoint).as_ref())
}

/// The label of a `/v2/` request for `endpoint` (`None`: a path that is no endpoint).
pub fn endpoint_template(endpoint: Option<&Endpoint>) -> &'static str {
    match endpoint {
        Some(Endpoint::Manifest(_)) => "/v2/{name}/manifests/{reference}",
        Some(Endpoint::Blob(_)) => BLOB,
        Some(Endpoint::Tags) => "/v2/{name}/tags/list",
        Some(Endpoint::Upload(None)) => "/v2/{name}/blobs/uploads/",
        Some(Endpoint::Upload(Some(_))) => "/v2/{name}/blobs/uploads/{reference}",
        Some(Endpoint::Referrers(_)) => "/v2/{name}/referrers/{digest}",
        None => "/v2/{unknown}",
    }
}

/// A response extension: the label of the request it answers, from a handler that parsed the path already.
#[derive(Debug, Clone, Copy)]
pub struct RouteTemplate(pub &'static str);

/// The `route` label of a request to `path` matched as `matched` and answered with `response`.
pub fn label_of(
    response: &Response,
    matched: Option<&MatchedPath>,
    path: &str,
) -> Cow<'static, str> {
    match response.extensions().get::<RouteTemplate>() {
        Some(RouteTemplate(template)) => Cow::Borrowed(template),
        None => route_label(matched, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest() -> String {
        format!("sha256:{}", "ab".repeat(32))
    }

    #[test]
    fn registry_paths_become_the_spec_endpoints() {
        let v2 = Some(REGISTRY_CATCH_ALL);
        let d = digest();
        for (path, template) in [
            (
                "/v2/library/busybox/manifests/latest",
                "/v2/{name}/manifests/{reference}",
            ),
            (
                &format!("/v2/a/b/c/manifests/{d}"),
                "/v2/{name}/manifests/{reference}",
            ),
            (&format!("/v2/cache/library/busybox/blobs/{d}"), BLOB),
            ("/v2/org/app/tags/list", "/v2/{name}/tags/list"),
            ("/v2/org/app/blobs/uploads/", "/v2/{name}/blobs/uploads/"),
            (
                "/v2/org/app/blobs/uploads/3f2a-b_c",
                "/v2/{name}/blobs/uploads/{reference}",
            ),
            (
                &format!("/v2/org/app/referrers/{d}"),
                "/v2/{name}/referrers/{digest}",
            ),
            ("/v2/org/app/nothing/here", "/v2/{unknown}"),
            ("/v2/UPPER/manifests/latest", "/v2/{unknown}"),
        ] {
            assert_eq!(route_template(v2, path), template, "{path}");
        }
    }

    #[test]
    fn api_routes_keep_the_routers_pattern_and_unmatched_paths_collapse() {
        let pattern = "/pulp/api/v3/repositories/container/container/{id}/";
        assert_eq!(
            route_template(
                Some(pattern),
                "/pulp/api/v3/repositories/container/container/0190aa/"
            ),
            pattern
        );
        assert_eq!(route_template(Some("/v2/"), "/v2/"), "/v2/");
        assert_eq!(route_template(None, "/some/random/path/123"), UNMATCHED);
        assert_eq!(route_template(None, "/pulp/api/v3/nothing/"), UNMATCHED);
    }

    #[test]
    fn metrics_are_public_only_when_asked_and_always_to_loopback() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(allowed(ip("127.0.0.1"), false));
        assert!(allowed(ip("127.8.9.10"), false));
        assert!(allowed(ip("::1"), false));
        assert!(allowed(ip("::ffff:127.0.0.1"), false));
        assert!(!allowed(ip("192.168.1.20"), false));
        assert!(!allowed(ip("::ffff:10.0.0.1"), false));
        assert!(!allowed(ip("2001:db8::1"), false));
        assert!(allowed(ip("192.168.1.20"), true));
        assert!(allowed(ip("2001:db8::1"), true));
    }
}
