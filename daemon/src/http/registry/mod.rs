//! `/v2/`: the OCI distribution spec v1.1 / Docker registry v2. Names may hold slashes
//! (`org/team/app`), so one catch-all route parses the path by the spec's grammar ([`path::RegistryPath`]:
//! `<name>/manifests/<ref>`, `<name>/blobs/<digest>`, `<name>/tags/list`, `<name>/blobs/uploads/[<id>]`,
//! `<name>/referrers/<digest>`). Handlers resolve the name, check access, call the registry domain and stream the
//! answer; writes go to [`push`].

pub mod access;
pub mod error;
pub mod path;
pub mod push;
pub mod token;

use crate::app::App;
use crate::http::extract::{form_urlencoded_pairs, ClientAddr};
use crate::http::metrics;
use crate::registry::{accept_list, BlobGet, Resolved};
use crate::server::file_send::FileRange;
use access::RegistryCaller;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use error::{Code, RegistryError};
use path::{Endpoint, PathError, RegistryPath};
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::Arc;

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/v2/", get(base))
        .route("/v2", get(base))
        .route("/v2/_catalog", get(catalog))
        .route(
            "/v2/{*rest}",
            get(dispatch)
                .head(dispatch)
                .post(write)
                .put(write)
                .patch(write)
                .delete(write)
                .fallback(unsupported),
        )
        // `http::edge` marks every `/v2` answer with the API version header; the token endpoint is outside.
        .merge(token::routes())
}

async fn base(
    State(app): State<Arc<App>>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
) -> Result<Response, RegistryError> {
    let caller = access::caller(&app, &headers, client).await?;
    access::check_base(&app, &caller)?;
    Ok(Json(json!({})).into_response())
}

async fn unsupported() -> RegistryError {
    RegistryError::new(Code::Unsupported).message("this method is not supported here")
}

fn parse_path(rest: &str) -> Result<RegistryPath, RegistryError> {
    RegistryPath::parse(rest).map_err(|e| match e {
        PathError::NoEndpoint => RegistryError::new(Code::NameUnknown).message(format!(
            "no such endpoint: /v2/{}",
            rest.chars().take(300).collect::<String>()
        )),
        PathError::Name(why) => RegistryError::new(Code::NameInvalid).message(why.to_string()),
    })
}

/// `POST`, `PUT`, `PATCH` and `DELETE`: the write side ([`push`]).
async fn write(
    State(app): State<Arc<App>>,
    ClientAddr(client): ClientAddr,
    Path(rest): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, RegistryError> {
    let path = parse_path(&rest)?;
    let caller = access::caller(&app, &headers, client).await?;
    let w = push::Write {
        app: &app,
        caller,
        name: path.name.as_str(),
        method: method.clone(),
        uri: &uri,
        headers: &headers,
    };
    let response = match (&method, &path.endpoint) {
        (&Method::POST, Endpoint::Upload(None)) => w.start_upload(body).await,
        (_, Endpoint::Upload(Some(id))) if method != Method::POST => w.session(id, body).await,
        (&Method::PUT, Endpoint::Manifest(reference)) => w.put_manifest(reference, body).await,
        (&Method::DELETE, Endpoint::Manifest(reference)) => w.delete_manifest(reference).await,
        (&Method::DELETE, Endpoint::Blob(digest)) => w.delete_blob(digest).await,
        _ => Err(unsupported().await),
    }?;
    // What the answer acknowledges (a session, a blob, a version) is durable before the client hears of it. A
    // PATCH only appends to the session's file, which the page cache keeps across a killed daemon.
    if method != Method::PATCH {
        app.store
            .flush()
            .await
            .map_err(|e| RegistryError::from(crate::registry::Error::from(e)))?;
    }
    Ok(response)
}

/// `GET` and `HEAD`: the read side. The answer carries its endpoint's metrics label, so the metrics need not
/// parse the path again.
async fn dispatch(
    State(app): State<Arc<App>>,
    ClientAddr(client): ClientAddr,
    Path(rest): Path<String>,
    request: Request,
) -> Response {
    let path = parse_path(&rest);
    let template = metrics::endpoint_template(path.as_ref().ok().map(|p| &p.endpoint));
    let mut response = match path {
        Ok(path) => read(&app, client, path, request).await.into_response(),
        Err(e) => e.into_response(),
    };
    response
        .extensions_mut()
        .insert(metrics::RouteTemplate(template));
    response
}

async fn read(
    app: &Arc<App>,
    client: Option<std::net::IpAddr>,
    path: RegistryPath,
    request: Request,
) -> Result<Response, RegistryError> {
    // The parts themselves, not copies of the method, URI and headers (a pull sends a dozen headers).
    let (parts, _) = request.into_parts();
    let axum::http::request::Parts {
        method,
        uri,
        headers,
        ..
    } = parts;
    let app = app.clone();
    let name = path.name.as_str();
    let head = method == Method::HEAD;
    // Every arm but the manifest one is boxed: an async fn's future is as large as its largest arm, and a
    // handler's future is moved into a box on each request, so a large arm (an upload session's, a pull-through
    // blob's) would be copied for every manifest GET too.
    match path.endpoint {
        Endpoint::Manifest(reference) => {
            let resolved = authorized(&app, &headers, client, name).await?;
            manifest(&app, &resolved, reference.as_str(), &headers, head).await
        }
        Endpoint::Blob(digest) => {
            Box::pin(async {
                let resolved = authorized(&app, &headers, client, name).await?;
                blob(&app, &resolved, &digest, &headers, head).await
            })
            .await
        }
        Endpoint::Tags => {
            Box::pin(async {
                let resolved = authorized(&app, &headers, client, name).await?;
                tags(&app, &resolved, name, &uri).await
            })
            .await
        }
        Endpoint::Upload(Some(id)) => {
            Box::pin(async {
                let caller = access::caller(&app, &headers, client).await?;
                push::Write {
                    app: &app,
                    caller,
                    name,
                    method,
                    uri: &uri,
                    headers: &headers,
                }
                .session(&id, Body::empty())
                .await
            })
            .await
        }
        Endpoint::Upload(None) => Err(unsupported().await),
        Endpoint::Referrers(digest) => {
            Box::pin(async {
                let resolved = authorized(&app, &headers, client, name).await?;
                push::referrers(&app, &resolved, &digest, &uri).await
            })
            .await
        }
    }
}

/// Identifies the caller and resolves `name` for it.
async fn authorized(
    app: &App,
    headers: &HeaderMap,
    client: Option<std::net::IpAddr>,
    name: &str,
) -> Result<Arc<Resolved>, RegistryError> {
    let caller = access::caller(app, headers, client).await?;
    resolve(app, &caller, name).await
}

/// Resolves `name` and checks that `caller` may pull it. A caller who may not pull a private name is refused
/// an unknown one the same way ([`access::unknown_name`]), so existence is not revealed before authorization.
async fn resolve(
    app: &App,
    caller: &RegistryCaller,
    name: &str,
) -> Result<Arc<Resolved>, RegistryError> {
    match app.registry.resolve(name).await {
        Ok(resolved) => {
            access::check_pull(app, caller, &resolved.distribution).await?;
            Ok(resolved)
        }
        Err(crate::registry::Error::NameUnknown) => Err(access::unknown_name(app, caller, name)),
        Err(e) => Err(e.into()),
    }
}

async fn manifest(
    app: &App,
    resolved: &Resolved,
    reference: &str,
    headers: &HeaderMap,
    head: bool,
) -> Result<Response, RegistryError> {
    let accept = accept_list(
        headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok()),
    );
    let answer = app.registry.manifest(resolved, reference, &accept).await?;
    let len = answer.bytes.len();
    let body = if head {
        Body::empty()
    } else {
        Body::from(answer.bytes)
    };
    let mut response = Response::new(body);
    let h = response.headers_mut();
    insert(h, header::CONTENT_TYPE, &answer.media_type);
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    insert(h, "docker-content-digest", &answer.digest);
    insert(h, header::ETAG, &format!("\"{}\"", answer.digest));
    Ok(response)
}

async fn blob(
    app: &App,
    resolved: &Resolved,
    digest: &str,
    headers: &HeaderMap,
    head: bool,
) -> Result<Response, RegistryError> {
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let answer = if head {
        app.registry.blob(resolved, digest, range).await?
    } else {
        match app.registry.blob_get(resolved, digest, range).await? {
            BlobGet::Stream(answer) => answer,
            BlobGet::Redirect { digest, location } => return Ok(redirect(&digest, &location)),
        }
    };
    let read = answer.read;
    let partial = range.is_some();
    let (offset, len, size) = (read.offset, read.len, read.size);
    let file = read.file().cloned();
    let body = if head {
        Body::empty()
    } else {
        Body::from_stream(read.into_stream())
    };
    let mut response = Response::new(body);
    if let Some(file) = file.filter(|_| !head) {
        // The server sends it from the file where it can (sendfile or a copy), and the streaming body otherwise.
        response
            .extensions_mut()
            .insert(FileRange::new(file, offset, len));
    }
    if partial {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        let last = (offset + len).saturating_sub(1);
        insert(
            response.headers_mut(),
            header::CONTENT_RANGE,
            &format!("bytes {offset}-{last}/{size}"),
        );
    }
    let h = response.headers_mut();
    insert(h, header::CONTENT_TYPE, "application/octet-stream");
    insert(h, header::CONTENT_LENGTH, &len.to_string());
    insert(h, header::ACCEPT_RANGES, "bytes");
    insert(h, "docker-content-digest", answer.digest.as_str());
    insert(h, header::ETAG, &format!("\"{}\"", answer.digest));
    Ok(response)
}

/// `307` to `location`, where the blob `digest` can be fetched (`--blob-redirect`).
fn redirect(digest: &crate::blobs::Digest, location: &str) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::TEMPORARY_REDIRECT;
    let h = response.headers_mut();
    insert(h, header::LOCATION, location);
    insert(h, header::CONTENT_LENGTH, "0");
    insert(h, "docker-content-digest", digest.as_str());
    response
}

/// `n` and `last` of a paged listing.
fn paging(uri: &Uri) -> (Option<usize>, Option<String>) {
    let q: BTreeMap<String, String> = form_urlencoded_pairs(uri.query().unwrap_or("")).collect();
    (
        q.get("n").and_then(|n| n.parse().ok()),
        q.get("last").cloned(),
    )
}

/// A `Link: <…>; rel="next"` header value for the page after `last`.
fn next_link(path: &str, n: usize, last: &str) -> String {
    format!(
        "<{path}?n={n}&last={}>; rel=\"next\"",
        last.replace('&', "%26")
    )
}

async fn tags(
    app: &App,
    resolved: &Resolved,
    name: &str,
    uri: &Uri,
) -> Result<Response, RegistryError> {
    let (n, last) = paging(uri);
    let (tags, more) = app.registry.tags(resolved, n, last.as_deref()).await?;
    let link = match (more, n, tags.last()) {
        (true, Some(n), Some(l)) => Some(next_link(uri.path(), n, l)),
        _ => None,
    };
    let mut response = Json(json!({"name": name, "tags": tags})).into_response();
    if let Some(link) = link {
        insert(response.headers_mut(), header::LINK, &link);
    }
    Ok(response)
}

/// Distributions read at least per step of a `_catalog` page (some may be hidden from the caller).
const CATALOG_BATCH: usize = 64;

async fn catalog(
    State(app): State<Arc<App>>,
    ClientAddr(client): ClientAddr,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, RegistryError> {
    let caller = access::caller(&app, &headers, client).await?;
    access::check_catalog(&app, &caller)?;
    let (n, last) = paging(&uri);
    // Enough visible names for the page and one more (whether another page follows), read in batches from
    // `last` on: a page costs what it holds, not the number of distributions.
    let want = n.map(|n| n.saturating_add(1));
    let mut visible = Vec::new();
    let mut cursor = last.clone();
    loop {
        let limit = want.map_or(usize::MAX, |w| {
            w.saturating_sub(visible.len()).max(CATALOG_BATCH)
        });
        let candidates = app
            .registry
            .catalog_candidates(cursor.as_deref(), limit)
            .await?;
        let end = candidates.len() < limit;
        if let Some(d) = candidates.last() {
            cursor = Some(d.base_path.clone());
        }
        visible.extend(access::catalog_visible(&app, &caller, candidates).await?);
        if end || want.is_some_and(|w| visible.len() >= w) {
            break;
        }
    }
    let (names, more) = crate::registry::catalog_page(visible.into_iter(), n, last.as_deref());
    let link = match (more, n, names.last()) {
        (true, Some(n), Some(l)) => Some(next_link(uri.path(), n, l)),
        _ => None,
    };
    let mut response = Json(json!({"repositories": names})).into_response();
    if let Some(link) = link {
        insert(response.headers_mut(), header::LINK, &link);
    }
    Ok(response)
}

pub(crate) fn insert(headers: &mut HeaderMap, name: impl header::IntoHeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        headers.insert(name, v);
    }
}
