//! OCI error bodies: `{"errors": [{"code", "message", "detail"}]}`. Codes are data, registered once with their
//! HTTP status (Distribution's `errcode` idea), so a code cannot drift from its status.

use crate::registry;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// The OCI distribution spec's error codes pulpd answers, plus Distribution's `RANGE_INVALID` and `UNKNOWN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    BlobUnknown,
    BlobUploadInvalid,
    BlobUploadUnknown,
    ManifestBlobUnknown,
    ManifestInvalid,
    SizeInvalid,
    DigestInvalid,
    ManifestUnknown,
    NameInvalid,
    NameUnknown,
    Unauthorized,
    Denied,
    Unsupported,
    RangeInvalid,
    /// Too many failed logins (or password checks waiting); answered with `Retry-After`.
    TooManyRequests,
    Unknown,
}

impl Code {
    /// The code's wire string, its HTTP status and its default message: the one table.
    fn describe(self) -> (&'static str, StatusCode, &'static str) {
        match self {
            Code::BlobUnknown => (
                "BLOB_UNKNOWN",
                StatusCode::NOT_FOUND,
                "blob unknown to registry",
            ),
            Code::BlobUploadInvalid => (
                "BLOB_UPLOAD_INVALID",
                StatusCode::BAD_REQUEST,
                "blob upload invalid",
            ),
            Code::BlobUploadUnknown => (
                "BLOB_UPLOAD_UNKNOWN",
                StatusCode::NOT_FOUND,
                "blob upload unknown to registry",
            ),
            Code::ManifestBlobUnknown => (
                "MANIFEST_BLOB_UNKNOWN",
                StatusCode::BAD_REQUEST,
                "manifest references a manifest or blob unknown to registry",
            ),
            Code::ManifestInvalid => (
                "MANIFEST_INVALID",
                StatusCode::BAD_REQUEST,
                "manifest invalid",
            ),
            Code::SizeInvalid => (
                "SIZE_INVALID",
                StatusCode::BAD_REQUEST,
                "provided length did not match content length",
            ),
            Code::DigestInvalid => (
                "DIGEST_INVALID",
                StatusCode::BAD_REQUEST,
                "provided digest did not match uploaded content",
            ),
            Code::ManifestUnknown => (
                "MANIFEST_UNKNOWN",
                StatusCode::NOT_FOUND,
                "manifest unknown",
            ),
            Code::NameInvalid => (
                "NAME_INVALID",
                StatusCode::BAD_REQUEST,
                "invalid repository name",
            ),
            Code::NameUnknown => (
                "NAME_UNKNOWN",
                StatusCode::NOT_FOUND,
                "repository name not known to registry",
            ),
            Code::Unauthorized => (
                "UNAUTHORIZED",
                StatusCode::UNAUTHORIZED,
                "authentication required",
            ),
            Code::Denied => (
                "DENIED",
                StatusCode::FORBIDDEN,
                "requested access to the resource is denied",
            ),
            Code::Unsupported => (
                "UNSUPPORTED",
                StatusCode::METHOD_NOT_ALLOWED,
                "the operation is unsupported",
            ),
            Code::RangeInvalid => (
                "RANGE_INVALID",
                StatusCode::RANGE_NOT_SATISFIABLE,
                "invalid content range",
            ),
            Code::TooManyRequests => (
                "TOOMANYREQUESTS",
                StatusCode::TOO_MANY_REQUESTS,
                "too many requests",
            ),
            Code::Unknown => (
                "UNKNOWN",
                StatusCode::INTERNAL_SERVER_ERROR,
                "unknown error",
            ),
        }
    }
}

/// An error answered by the registry API.
#[derive(Debug)]
pub struct RegistryError {
    pub code: Code,
    pub message: Option<String>,
    pub detail: Value,
    /// Overrides the code's status (502 for a failing remote).
    pub status: Option<StatusCode>,
    /// Extra headers (`WWW-Authenticate`, `Content-Range`).
    pub headers: Vec<(header::HeaderName, HeaderValue)>,
}

impl RegistryError {
    pub fn new(code: Code) -> RegistryError {
        RegistryError {
            code,
            message: None,
            detail: Value::Null,
            status: None,
            headers: Vec::new(),
        }
    }

    pub fn message(mut self, message: impl Into<String>) -> RegistryError {
        self.message = Some(message.into());
        self
    }

    pub fn detail(mut self, detail: Value) -> RegistryError {
        self.detail = detail;
        self
    }

    /// Answers with `status` instead of the code's own (a 404 `UNSUPPORTED` for the referrers API).
    pub fn status(mut self, status: StatusCode) -> RegistryError {
        self.status = Some(status);
        self
    }

    pub fn header(mut self, name: header::HeaderName, value: &str) -> RegistryError {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.push((name, v));
        }
        self
    }
}

impl From<registry::Error> for RegistryError {
    fn from(e: registry::Error) -> Self {
        use registry::Error as E;
        match e {
            E::NameUnknown => RegistryError::new(Code::NameUnknown),
            E::ManifestUnknown(why) => RegistryError::new(Code::ManifestUnknown).detail(json!(why)),
            E::BlobUnknown => RegistryError::new(Code::BlobUnknown),
            E::DigestInvalid(why) => RegistryError::new(Code::DigestInvalid).message(why),
            E::RangeNotSatisfiable { size } => RegistryError::new(Code::RangeInvalid)
                .header(header::CONTENT_RANGE, &format!("bytes */{size}")),
            E::InvalidRange(why) => RegistryError::new(Code::RangeInvalid).message(why),
            E::Upstream(why) => {
                tracing::warn!(error = %why, "remote failed while serving a blob");
                let mut err = RegistryError::new(Code::Unknown).message(why);
                err.status = Some(StatusCode::BAD_GATEWAY);
                err
            }
            E::InsufficientStorage(e) => {
                // The distribution spec has no code for a full disk; Distribution answers UNKNOWN, so do we,
                // with the status that says what happened.
                let mut err = RegistryError::new(Code::Unknown).message(e.to_string());
                err.status = Some(StatusCode::INSUFFICIENT_STORAGE);
                err
            }
            E::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error in the registry");
                RegistryError::new(Code::Unknown).message("internal error; see the pulpd log")
            }
        }
    }
}

impl IntoResponse for RegistryError {
    fn into_response(self) -> Response {
        let (code, status, default) = self.code.describe();
        let body = json!({"errors": [{
            "code": code,
            "message": self.message.unwrap_or_else(|| default.to_string()),
            "detail": self.detail,
        }]});
        let mut response = (self.status.unwrap_or(status), Json(body)).into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}
