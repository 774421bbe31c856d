//! `/pulp/api/v3/…`: one file per resource. Handlers parse, call one domain function, and serialize.

pub mod distributions;
pub mod pull_through;
pub mod remotes;
pub mod repositories;
pub mod roles;
pub mod status;
pub mod sync;
pub mod tasks;
pub mod users;

use super::error::ApiResult;
use crate::app::App;
use crate::listing::{ListParams, Window};
use axum::http::{header, HeaderMap, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use pulp_shared::api::Page;
use serde::Serialize;
use std::sync::Arc;

/// The management API's routes.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/pulp/api/v3/status/", get(status::show))
        .merge(repositories::routes())
        .merge(remotes::routes())
        .merge(distributions::routes())
        .merge(pull_through::routes())
        .merge(tasks::routes())
        .merge(users::routes())
        .merge(roles::routes())
        .merge(sync::routes())
}

/// Renders a window as Pulp's page, with absolute `next`/`previous` links built from the request.
pub fn page<R, T: Serialize>(
    uri: &Uri,
    headers: &HeaderMap,
    params: &ListParams,
    window: Window<R>,
    to_api: impl Fn(&R) -> T,
) -> ApiResult<Json<Page<T>>> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let link = |offset: usize| {
        let mut pairs: Vec<(String, String)> =
            super::extract::form_urlencoded_pairs(uri.query().unwrap_or(""))
                .filter(|(k, _)| k != "offset" && k != "limit")
                .collect();
        pairs.push(("limit".into(), params.limit.to_string()));
        if offset > 0 {
            pairs.push(("offset".into(), offset.to_string()));
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        format!("http://{host}{}?{}", uri.path(), query.join("&"))
    };
    let end = params.offset + params.limit;
    let next = ((end as u64) < window.count).then(|| link(end));
    let previous = (params.offset > 0).then(|| link(params.offset.saturating_sub(params.limit)));
    Ok(Json(Page {
        count: window.count,
        next,
        previous,
        results: window.items.iter().map(to_api).collect(),
    }))
}

/// The answer to a remote update: the remote, and when the update cleared its credentials (its URL moved to
/// another host without them), a `Warning` header saying so (`hidden_fields` shows them unset as well).
pub fn remote_updated<R, T: Serialize>(
    updated: crate::remotes::Updated<R>,
    to_api: impl Fn(&R) -> T,
) -> Response {
    let mut response = Json(to_api(&updated.record)).into_response();
    if updated.credentials_cleared {
        response.headers_mut().insert(
            header::WARNING,
            HeaderValue::from_static(CREDENTIALS_CLEARED),
        );
    }
    response
}

/// The `Warning` of [`remote_updated`] (RFC 7234 §5.5, code 299: a persistent warning).
pub const CREDENTIALS_CLEARED: &str = "299 pulpd \"username and password were cleared: the url moved to another host; send them again to keep them\"";

/// Percent-encodes a query component.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
