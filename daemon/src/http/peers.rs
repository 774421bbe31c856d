//! The replicas' internal endpoint: `GET /internal/v1/inflight/{digest}` streams a pull-through blob this
//! replica is downloading to another replica whose client asked for it (see `pull_through/peers.rs`). Only with
//! the peer secret (`Authorization: Bearer …`, else 401); 404 when no such download is in flight here (it never
//! starts one). Not part of the management API or its OpenAPI document.

use crate::app::App;
use crate::blobs::{ByteRange, Digest};
use crate::http::registry::error::{Code, RegistryError};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

pub fn routes() -> Router<Arc<App>> {
    Router::new().route(crate::pull_through::peers::INFLIGHT_PATH, get(inflight))
}

async fn inflight(
    State(app): State<Arc<App>>,
    Path(digest): Path<String>,
    headers: HeaderMap,
) -> Result<Response, RegistryError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if !app
        .peer_secret
        .as_ref()
        .is_some_and(|s| s.accepts(authorization))
    {
        return Err(RegistryError::new(Code::Unauthorized)
            .message("the peer secret is required")
            .header(header::WWW_AUTHENTICATE, "Bearer"));
    }
    let digest = Digest::parse(&digest)
        .map_err(|e| RegistryError::new(Code::DigestInvalid).message(e.to_string()))?;
    let range = match headers.get(header::RANGE).map(|v| v.to_str()) {
        None => None,
        Some(Ok(v)) => Some(
            ByteRange::parse_header(v)
                .map_err(|e| RegistryError::new(Code::RangeInvalid).message(e.to_string()))?,
        ),
        Some(Err(_)) => return Err(RegistryError::new(Code::RangeInvalid)),
    };
    let read = app
        .pull_through
        .in_flight(&digest, range)
        .await
        .map_err(crate::registry::Error::from)?
        .ok_or_else(|| {
            RegistryError::new(Code::BlobUnknown).message("no download of this blob in flight here")
        })?;
    let (offset, len, size) = (read.offset, read.len, read.size);
    let mut response = Body::from_stream(read.into_stream()).into_response();
    let h = response.headers_mut();
    if range.is_some() {
        let last = (offset + len).saturating_sub(1);
        if let Ok(v) = HeaderValue::from_str(&format!("bytes {offset}-{last}/{size}")) {
            h.insert(header::CONTENT_RANGE, v);
        }
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
    }
    let h = response.headers_mut();
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    Ok(response)
}
