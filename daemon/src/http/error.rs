//! The one place where domain errors become Pulp API responses (DRF-shaped bodies).

use crate::error::Error;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// An error answered by the management API.
#[derive(Debug)]
pub enum ApiError {
    /// A domain error.
    Domain(Error),
    /// 401, with `WWW-Authenticate: Basic`.
    Unauthenticated(&'static str),
    /// Any status with `{"detail": ...}`.
    Detail(StatusCode, String),
    /// Any status with a given JSON body (409 on cancel answers the task itself, as Pulp does).
    Body(StatusCode, Value),
    /// 429 with `Retry-After` (whole seconds) and DRF's throttling message.
    Throttled(std::time::Duration),
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError::Domain(e)
    }
}

impl From<crate::store::Error> for ApiError {
    fn from(e: crate::store::Error) -> Self {
        ApiError::Domain(e.into())
    }
}

/// Pulp's texts for 401.
pub const NO_CREDENTIALS: &str = "Authentication credentials were not provided.";
pub const BAD_CREDENTIALS: &str = "Invalid username/password.";
/// DRF's text for an authenticated caller who lacks the permission.
pub const FORBIDDEN: &str = "You do not have permission to perform this action.";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Domain(Error::Invalid(fields)) => {
                (StatusCode::BAD_REQUEST, Json(fields)).into_response()
            }
            ApiError::Domain(Error::NotFound { kind }) => (
                StatusCode::NOT_FOUND,
                Json(json!({ "detail": format!("No {kind} matches the given query.") })),
            )
                .into_response(),
            ApiError::Domain(Error::Forbidden) => {
                (StatusCode::FORBIDDEN, Json(json!({ "detail": FORBIDDEN }))).into_response()
            }
            ApiError::Domain(Error::Conflict(msg)) => {
                (StatusCode::CONFLICT, Json(json!({ "detail": msg }))).into_response()
            }
            ApiError::Domain(Error::InsufficientStorage(e)) => (
                StatusCode::INSUFFICIENT_STORAGE,
                Json(json!({ "detail": e.to_string() })),
            )
                .into_response(),
            ApiError::Domain(Error::Unavailable(detail)) => (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "detail": detail })),
            )
                .into_response(),
            ApiError::Domain(Error::Internal(e)) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({ "detail": "Internal server error; see the pulpd log." })),
                )
                    .into_response()
            }
            ApiError::Unauthenticated(detail) => {
                let mut r =
                    (StatusCode::UNAUTHORIZED, Json(json!({ "detail": detail }))).into_response();
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"api\""),
                );
                r
            }
            ApiError::Detail(status, detail) => {
                (status, Json(json!({ "detail": detail }))).into_response()
            }
            ApiError::Body(status, body) => (status, Json(body)).into_response(),
            ApiError::Throttled(wait) => {
                let seconds = retry_after_seconds(wait);
                // DRF's `Throttled` wording, singular and plural.
                let unit = if seconds == 1 { "second" } else { "seconds" };
                let detail =
                    format!("Request was throttled. Expected available in {seconds} {unit}.");
                let mut r = (
                    StatusCode::TOO_MANY_REQUESTS,
                    Json(json!({ "detail": detail })),
                )
                    .into_response();
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                r
            }
        }
    }
}

/// A wait as `Retry-After` has it: whole seconds, rounded up, at least one.
pub fn retry_after_seconds(wait: std::time::Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

/// 404 for an id that is not even a UUID (Pulp answers "Not found." there).
pub fn not_found() -> ApiError {
    ApiError::Detail(StatusCode::NOT_FOUND, "Not found.".into())
}

pub type ApiResult<T> = Result<T, ApiError>;
