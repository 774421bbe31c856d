//! Refuses requests the storage cannot take, before any handler runs.
//!
//! - **Free-space reserve**: `POST`, `PUT` and `PATCH` under `/pulp/api/v3/` add data, so while less than the
//!   reserve is free (`crate::space`) they answer 507 Insufficient Storage with Pulp's `{"detail": ...}` body
//!   and change nothing. `DELETE` and every read pass (they free space or need none), and so does cancelling a
//!   task (`PATCH /pulp/api/v3/tasks/{id}/`), which stops work that would add data. The same methods under
//!   `/v2/` (uploads, once the registry takes pushes) answer 507 in OCI's body. What a `GET` caches (pull-through
//!   manifests and blobs, on-demand blobs) is refused where it is written: the pull-through cache and the blob
//!   store check the reserve themselves.
//! - **Failed metadata store**: once the store failed (see `store/mod.rs`) every request except
//!   `/pulp/api/v3/status/`, `/livez`, `/readyz` and `/metrics` answers 503 until pulpd stops: a write the store lost may still be visible in
//!   sled's memory, and serving it would show a record that is gone after the restart.

use crate::app::App;
use crate::http::health;
use crate::http::registry::error::{Code, RegistryError};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

const API: &str = "/pulp/api/v3/";
const STATUS: &str = "/pulp/api/v3/status/";
const TASKS: &str = "/pulp/api/v3/tasks/";
const REGISTRY: &str = "/v2/";

/// The answer refusing a `method` request to `path`, when the storage cannot take it now (see the module doc).
pub fn refusal(app: &App, method: &Method, path: &str) -> Option<Response> {
    if let Some(why) = app.store.failure() {
        if path != STATUS
            && path != health::LIVEZ
            && path != health::READYZ
            && path != crate::http::metrics::PATH
        {
            return Some(unavailable(path, &why));
        }
    }
    if adds_data(method, path) {
        if let Err(e) = app.space.ensure(0) {
            tracing::warn!(%method, path, error = %e, "write refused");
            return Some(insufficient_storage(path, &e));
        }
    }
    None
}

/// Whether a request may add data (see the module doc).
fn adds_data(method: &Method, path: &str) -> bool {
    let writes = matches!(*method, Method::POST | Method::PUT | Method::PATCH);
    let cancel = *method == Method::PATCH && path.starts_with(TASKS);
    writes && !cancel && (path.starts_with(API) || path.starts_with(REGISTRY))
}

/// 507 in the body the client's API expects.
fn insufficient_storage(path: &str, e: &crate::space::InsufficientStorage) -> Response {
    error(path, StatusCode::INSUFFICIENT_STORAGE, e.to_string())
}

/// 503 in the body the client's API expects.
fn unavailable(path: &str, why: &str) -> Response {
    let detail = crate::error::store_failed_text(&why);
    error(path, StatusCode::SERVICE_UNAVAILABLE, detail)
}

/// `status` with `message` as Pulp's `{"detail"}` or, under `/v2/`, as an OCI error (`UNKNOWN`: the spec has
/// no code for either condition).
fn error(path: &str, status: StatusCode, message: String) -> Response {
    if path.starts_with(REGISTRY) {
        let mut err = RegistryError::new(Code::Unknown).message(message);
        err.status = Some(status);
        return err.into_response();
    }
    (status, Json(json!({ "detail": message }))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_to_the_api_add_data_except_cancel_and_delete() {
        let repos = "/pulp/api/v3/repositories/container/container/";
        assert!(adds_data(&Method::POST, repos));
        assert!(adds_data(&Method::PUT, repos));
        assert!(adds_data(&Method::PATCH, repos));
        assert!(!adds_data(&Method::DELETE, repos));
        assert!(!adds_data(&Method::GET, repos));
        assert!(!adds_data(&Method::PATCH, "/pulp/api/v3/tasks/0191/"));
        assert!(adds_data(&Method::POST, "/v2/library/a/blobs/uploads/"));
        assert!(!adds_data(&Method::POST, "/token/"));
        assert!(!adds_data(&Method::GET, "/v2/library/a/blobs/sha256:00"));
        assert!(!adds_data(&Method::GET, STATUS));
    }
}
