//! `/pulp/api/v3/…`: one file per resource. Handlers parse, call one domain function, and serialize.

pub mod content;
#[cfg(test)]
mod content_tests;
pub mod distributions;
mod fields;
pub mod labels;
pub mod namespaces;
pub mod openapi;
pub mod orphans;
pub mod pull_through;
pub mod push_repositories;
#[cfg(test)]
mod push_tests;
pub mod reclaim;
#[cfg(test)]
mod remote_tests;
pub mod remotes;
pub mod repositories;
pub mod repository_content;
#[cfg(test)]
mod repository_tests;
pub mod roles;
pub mod status;
pub mod sync;
pub mod tasks;
#[cfg(test)]
mod test_app;
pub mod users;
pub mod versions;

use super::error::ApiResult;
use crate::app::App;
use crate::listing::{ListParams, Window};
use axum::http::{header, HeaderMap, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::{Json, Router};
use pulp_shared::api::Page;
use serde::Serialize;
use std::sync::Arc;

/// The management API's routes.
pub fn routes() -> Router<Arc<App>> {
    all()
        .router
        .layer(axum::middleware::from_fn(fields::select))
}

/// Every path [`routes`] serves, as axum templates (`/pulp/api/v3/tasks/{id}/`): the OpenAPI test checks
/// each against the document.
pub fn paths() -> Vec<String> {
    all().paths
}

fn all() -> Routes {
    Routes::new()
        .route("/pulp/api/v3/status/", get(status::show))
        .merge(repositories::routes())
        .merge(remotes::routes())
        .merge(distributions::routes())
        .merge(pull_through::routes())
        .merge(tasks::routes())
        .merge(users::routes())
        .merge(roles::routes())
        .merge(sync::routes())
        .merge(namespaces::routes())
        .merge(push_repositories::routes())
        .merge(orphans::routes())
        .merge(reclaim::routes())
        .merge(openapi::routes())
        .merge(labels::routes())
        .merge(content::routes())
        .merge(repository_content::routes())
}

/// A router that remembers the paths it was given, so that the document's coverage is checked against what is
/// served rather than against a second list.
#[derive(Default)]
pub struct Routes {
    router: Router<Arc<App>>,
    paths: Vec<String>,
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    pub fn route(mut self, path: &str, method_router: MethodRouter<Arc<App>>) -> Routes {
        self.router = self.router.route(path, method_router);
        self.paths.push(path.to_string());
        self
    }

    pub fn merge(mut self, other: Routes) -> Routes {
        self.router = self.router.merge(other.router);
        self.paths.extend(other.paths);
        self
    }
}

/// Renders a window as Pulp's page, with absolute `next`/`previous` links built from the request (`scheme` is
/// `https` when pulpd serves TLS).
pub fn page<R, T: Serialize>(
    scheme: &str,
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
        format!("{scheme}://{host}{}?{}", uri.path(), query.join("&"))
    };
    // Saturating: an offset near `usize::MAX` is an empty last page, without a next one.
    let end = params.offset.saturating_add(params.limit);
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `next` and `previous` of a page at `offset`/`limit` of `count` records.
    fn links(offset: usize, limit: usize, count: u64) -> (Option<String>, Option<String>) {
        let uri: Uri = format!("/things/?limit={limit}&offset={offset}&name=a")
            .parse()
            .unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "h:1".parse().unwrap());
        let params = ListParams {
            limit,
            offset,
            ..ListParams::default()
        };
        let window = Window::<u8> {
            count,
            items: Vec::new(),
        };
        let Json(page) = page("http", &uri, &headers, &params, window, |x| *x).unwrap();
        (page.next, page.previous)
    }

    #[test]
    fn a_huge_offset_is_a_last_page() {
        let (next, previous) = links(usize::MAX, 1, 3);
        assert_eq!(next, None);
        assert_eq!(
            previous.as_deref(),
            Some("http://h:1/things/?name=a&limit=1&offset=18446744073709551614")
        );
        let (next, previous) = links(0, 2, 3);
        assert_eq!(
            next.as_deref(),
            Some("http://h:1/things/?name=a&limit=2&offset=2")
        );
        assert_eq!(previous, None);
    }

    proptest! {
        #[test]
        fn links_follow_the_arithmetic(offset in prop_oneof![0usize..100, (usize::MAX - 100)..=usize::MAX], limit in 1usize..=1000, count in 0u64..200) {
            let (next, previous) = links(offset, limit, count);
            let end = offset as u128 + limit as u128;
            prop_assert_eq!(next.is_some(), end < u128::from(count));
            if let Some(next) = next {
                prop_assert!(next.ends_with(&format!("offset={end}")), "{}", next);
            }
            prop_assert_eq!(previous.is_some(), offset > 0);
        }
    }
}
