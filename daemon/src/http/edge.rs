//! The middleware every route of the main listener runs in, as one layer: per request it
//! - refuses what the store cannot take now (see [`guard`]);
//! - gives the request an `x-request-id` (the client's, else a new UUID) and echoes it on the response;
//! - runs the route in a `request` span (method, path, id) and logs each answer at debug (`finished processing
//!   request` with its status and latency), server errors at error;
//! - gives axum's bodiless 405 Pulp's JSON body (`{"detail": "Method \"PUT\" not allowed."}`);
//! - marks every `/v2` answer with `Docker-Distribution-Api-Version: registry/2.0`;
//! - counts the request in the metrics ([`metrics::track`](crate::http::metrics)'s labels).
//!
//! These were six layers (tower-http's request id and trace layers, three `from_fn` and a `map_response`).
//! Each wrapped every route again, so a request cloned six boxed services and moved its future through six
//! boxes; the manifest GET spent about a fifth of pulpd's CPU in them.

use crate::app::App;
use crate::http::{guard, metrics};
use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{header, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::response::Response;
use serde_json::json;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;
use tracing::Instrument;

/// The request id header, echoed back on every response.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The header every registry answer carries.
const API_VERSION: (HeaderName, HeaderValue) = (
    HeaderName::from_static("docker-distribution-api-version"),
    HeaderValue::from_static("registry/2.0"),
);

/// The layer (see the module doc).
#[derive(Clone)]
pub struct EdgeLayer {
    app: Arc<App>,
}

impl EdgeLayer {
    pub fn new(app: Arc<App>) -> EdgeLayer {
        EdgeLayer { app }
    }
}

impl<S> tower::Layer<S> for EdgeLayer {
    type Service = Edge<S>;

    fn layer(&self, inner: S) -> Edge<S> {
        Edge {
            inner,
            app: self.app.clone(),
        }
    }
}

/// A route behind the edge.
#[derive(Clone)]
pub struct Edge<S> {
    inner: S,
    app: Arc<App>,
}

impl<S> tower::Service<Request<Body>> for Edge<S>
where
    S: tower::Service<Request<Body>, Response = Response, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        // The instance that was polled ready serves this request; the clone stays for the next one.
        let clone = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, clone);
        Box::pin(handle(self.app.clone(), inner, req))
    }
}

async fn handle<S>(
    app: Arc<App>,
    mut inner: S,
    mut req: Request<Body>,
) -> Result<Response, Infallible>
where
    S: tower::Service<Request<Body>, Response = Response, Error = Infallible>,
{
    let started = Instant::now();
    let method = req.method().clone();
    // Cheap copies (shared pointers): the label is taken after the route answered (see `metrics::label_of`).
    let matched = req.extensions().get::<MatchedPath>().cloned();
    let uri = req.uri().clone();
    let path = uri.path();
    let registry = path == "/v2" || path.starts_with("/v2/");
    let id = match req.headers().get(REQUEST_ID) {
        Some(id) => id.clone(),
        None => {
            let id = new_request_id();
            req.headers_mut().insert(REQUEST_ID, id.clone());
            id
        }
    };
    let span = tracing::debug_span!(
        "request",
        method = %method,
        uri = %path,
        id = id.to_str().unwrap_or("")
    );
    let refused = guard::refusal(&app, &method, path);
    let mut response = match refused {
        Some(response) => response,
        None => inner.call(req).instrument(span.clone()).await?,
    };
    if response.status() == StatusCode::METHOD_NOT_ALLOWED
        && response.headers().get(header::CONTENT_TYPE).is_none()
    {
        response = method_not_allowed(response, &method);
    }
    let headers = response.headers_mut();
    if !headers.contains_key(REQUEST_ID) {
        headers.insert(REQUEST_ID, id);
    }
    if registry {
        headers.insert(API_VERSION.0, API_VERSION.1);
    }
    let latency = started.elapsed();
    let status = response.status();
    span.in_scope(|| {
        let ms = latency.as_secs_f64() * 1000.0;
        if status.is_server_error() {
            tracing::error!(status = status.as_u16(), latency_ms = ms, "response failed");
        }
        tracing::debug!(
            status = status.as_u16(),
            latency_ms = ms,
            "finished processing request"
        );
    });
    let route = metrics::label_of(&response, matched.as_ref(), path);
    metrics::count(&response, route, &method, latency);
    Ok(response)
}

/// A new request id: a random UUID.
fn new_request_id() -> HeaderValue {
    let mut buf = uuid::Uuid::encode_buffer();
    let id = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buf);
    HeaderValue::from_str(id).expect("a UUID is a valid header value")
}

/// Pulp's body for a 405: `{"detail": "Method \"PUT\" not allowed."}`.
fn method_not_allowed(response: Response, method: &Method) -> Response {
    let (mut parts, _) = response.into_parts();
    let body = json!({ "detail": format!("Method \"{method}\" not allowed.") }).to_string();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
