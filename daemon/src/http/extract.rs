//! Extractors that answer in Pulp's bodies: the authenticated caller, the client's address, JSON bodies, query
//! strings, ids.

use super::error::{not_found, ApiError, BAD_CREDENTIALS, NO_CREDENTIALS};
use crate::app::App;
use crate::auth::{Check, Identity};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use base64::Engine;
use serde_json::Value;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The caller, authenticated with HTTP basic credentials, and the request id (the task `logging_cid`).
pub struct Caller {
    pub identity: Identity,
    pub request_id: String,
}

impl FromRequestParts<Arc<App>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, ApiError> {
        let request_id = parts
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .replace('-', "");
        let (user, password) =
            basic_credentials(parts).ok_or(ApiError::Unauthenticated(NO_CREDENTIALS))?;
        let identity = verify_basic(app, &user, &password, client_ip(parts)).await?;
        Ok(Caller {
            identity,
            request_id,
        })
    }
}

/// Checks basic credentials for the management API and `/token/`: the identity, or Pulp's 401, or 429 with
/// `Retry-After` when the client or user name is throttled.
pub async fn verify_basic(
    app: &App,
    user: &str,
    password: &str,
    client: Option<IpAddr>,
) -> Result<Identity, ApiError> {
    match app.auth.verify(user, password, client).await? {
        Check::Accepted(identity) => Ok(identity),
        Check::Rejected => Err(ApiError::Unauthenticated(BAD_CREDENTIALS)),
        Check::Throttled { retry_after } => Err(ApiError::Throttled(retry_after)),
    }
}

/// The peer address of the connection a request came on; `None` when the server was not started with
/// connect info (tests driving the router directly), which the throttle counts as one unknown client.
pub struct ClientAddr(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(ClientAddr(client_ip(parts)))
    }
}

fn client_ip(parts: &Parts) -> Option<IpAddr> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}

/// The `user:password` of an `Authorization: Basic` header.
pub fn basic_credentials(parts: &Parts) -> Option<(String, String)> {
    basic_credentials_from(&parts.headers)
}

/// The `user:password` of an `Authorization: Basic` header in `headers`.
pub fn basic_credentials_from(headers: &axum::http::HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (u, p) = text.split_once(':')?;
    Some((u.to_string(), p.to_string()))
}

/// A JSON request body; malformed JSON answers Pulp's 400 `{"detail": "JSON parse error - ..."}`, a body over
/// axum's default limit (2 MiB, far above any resource's body) 413 `{"detail": "Request body is too large."}`.
pub struct JsonBody(pub Value);

/// A JSON request body decoded into a typed `*Write` struct of `pulp_shared::api` ([`crate::body::decode`]): a
/// field of the wrong type answers 400 `{"field": ["message"]}` as Pulp does, every such field at once.
pub struct Typed<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for Typed<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let JsonBody(value) = JsonBody::from_request(req, state).await?;
        Ok(Typed(crate::body::decode(&value)?))
    }
}

/// The 413 detail for a body over the limit.
pub const BODY_TOO_LARGE: &str = "Request body is too large.";

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| match e.status() {
                StatusCode::PAYLOAD_TOO_LARGE => {
                    ApiError::Detail(StatusCode::PAYLOAD_TOO_LARGE, BODY_TOO_LARGE.into())
                }
                _ if body_timed_out(&e) => {
                    ApiError::Detail(StatusCode::REQUEST_TIMEOUT, BODY_TIMED_OUT.into())
                }
                _ => ApiError::Detail(StatusCode::BAD_REQUEST, e.body_text()),
            })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(JsonBody(Value::Object(Default::default())));
        }
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|e| {
            ApiError::Detail(StatusCode::BAD_REQUEST, format!("JSON parse error - {e}"))
        })
    }
}

/// The 408 detail for a request body that stopped arriving (`--body-idle-timeout`).
const BODY_TIMED_OUT: &str =
    "The request body stopped arriving (no bytes within --body-idle-timeout).";

/// Whether reading the body failed because it went quiet for the body idle timeout (tower-http's
/// `TimeoutBody`, put on every request by `server::connection`).
fn body_timed_out(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if c.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = c.source();
    }
    false
}

/// The query string as a map (last value wins).
pub struct QueryMap(pub BTreeMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for QueryMap {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        let map = form_urlencoded_pairs(query).collect();
        Ok(QueryMap(map))
    }
}

/// Decodes `a=b&c=d` with percent-decoding and `+` as space.
pub fn form_urlencoded_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query.split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k), percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A resource id from the path: a UUID, else Pulp's plain 404.
pub fn uuid_id(id: &str) -> Result<&str, ApiError> {
    if pulp_shared::href::is_uuid(id) {
        Ok(id)
    } else {
        Err(not_found())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_query_strings() {
        let m: BTreeMap<_, _> = form_urlencoded_pairs("name=a%2Fb&x=1+2&flag").collect();
        assert_eq!(m["name"], "a/b");
        assert_eq!(m["x"], "1 2");
        assert_eq!(m["flag"], "");
        let m: BTreeMap<_, _> = form_urlencoded_pairs("a=%zz&b=%4").collect();
        assert_eq!(m["a"], "%zz");
        assert_eq!(m["b"], "%4");
    }
}
