//! `/livez` and `/readyz`, for supervisors and load balancers: no auth, and answered even after the metadata
//! store failed (the guard lets them through) so a probe sees why. The checks live in `crate::health`.

use crate::app::App;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::sync::Arc;

/// The paths, for the guard.
pub const LIVEZ: &str = "/livez";
pub const READYZ: &str = "/readyz";

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route(LIVEZ, get(livez))
        .route(READYZ, get(readyz))
}

/// 200 while the process serves requests.
async fn livez() -> Response {
    (StatusCode::OK, Json(json!({"status": "alive"}))).into_response()
}

/// 200 when every readiness check passes, else 503 naming each failed one (`{"ready": false, "reason": "…",
/// "checks": {"free_space": "…", …}}`, a passed check being `null`).
async fn readyz(State(app): State<Arc<App>>) -> Response {
    let readiness = crate::health::readiness(&app).await;
    if readiness.is_ready() {
        return (
            StatusCode::OK,
            Json(json!({"ready": true, "checks": readiness})),
        )
            .into_response();
    }
    let reason = readiness.reasons();
    tracing::debug!(%reason, "not ready");
    let body = json!({"ready": false, "reason": reason, "checks": readiness});
    (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
}
