//! Refuses requests the storage cannot take, before any handler runs.
//!
//! - **Failed metadata store**: once the store failed (see `store/mod.rs`) every request except
//!   `/pulp/api/v3/status/` answers 503 until pulpd stops: a write the store lost may still be visible in
//!   sled's memory, and serving it would show a record that is gone after the restart.

use crate::app::App;
use crate::http::registry::error::{Code, RegistryError};
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::sync::Arc;

const STATUS: &str = "/pulp/api/v3/status/";

/// The middleware (see the module doc).
pub async fn storage(State(app): State<Arc<App>>, req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path();
    if let Some(why) = app.store.failure() {
        if path != STATUS {
            return unavailable(path, why);
        }
    }
    next.run(req).await
}

/// 503 in the body the client's API expects.
fn unavailable(path: &str, why: &str) -> Response {
    let detail = crate::error::store_failed_text(&why);
    if path.starts_with("/v2") {
        let mut err = RegistryError::new(Code::Unknown).message(detail);
        err.status = Some(StatusCode::SERVICE_UNAVAILABLE);
        return err.into_response();
    }
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({ "detail": detail })),
    )
        .into_response()
}
