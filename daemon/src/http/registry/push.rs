//! `/v2/` writes: blob uploads (`POST`/`PATCH`/`PUT`/`GET`/`DELETE` on `/blobs/uploads/`), manifest `PUT`, and
//! `DELETE` of manifests, tags and blobs; plus the referrers API (a read, but it lives with what makes referrers).
//! Handlers check who may push ([`super::access::push_identity`]), then call the push domain
//! ([`crate::push::Push`]) and write the headers the distribution spec asks for.

use super::access::{self, RegistryCaller};
use super::error::{Code, RegistryError};
use super::insert;
use crate::app::App;
use crate::blobs::Digest;
use crate::http::extract::form_urlencoded_pairs;
use crate::names::Reference;
use crate::push::{PushTarget, MAX_MANIFEST_BYTES};
use axum::body::Body;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use futures::TryStreamExt;
use serde_json::json;
use std::collections::BTreeMap;

/// What the write endpoints need of a request.
pub struct Write<'a> {
    pub app: &'a App,
    pub caller: RegistryCaller,
    pub name: &'a str,
    pub method: Method,
    pub uri: &'a Uri,
    pub headers: &'a HeaderMap,
}

fn query(uri: &Uri) -> BTreeMap<String, String> {
    form_urlencoded_pairs(uri.query().unwrap_or("")).collect()
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

fn body_stream(
    body: Body,
) -> impl futures::Stream<Item = Result<bytes::Bytes, axum::Error>> + Send {
    body.into_data_stream().map_err(|e| e)
}

fn parse_digest(d: &str) -> Result<Digest, RegistryError> {
    Digest::parse(d).map_err(|e| RegistryError::new(Code::DigestInvalid).message(e.to_string()))
}

fn upload_location(name: &str, id: &str) -> String {
    format!("/v2/{name}/blobs/uploads/{id}")
}

/// `Range: 0-<last>` of an upload holding `len` bytes (`0-0` when empty, as Distribution answers).
fn range(len: u64) -> String {
    format!("0-{}", len.saturating_sub(1))
}

fn session_response(status: StatusCode, name: &str, id: &str, len: u64) -> Response {
    let mut r = status.into_response();
    let h = r.headers_mut();
    insert(h, header::LOCATION, &upload_location(name, id));
    insert(h, header::RANGE, &range(len));
    insert(h, "docker-upload-uuid", id);
    insert(h, header::CONTENT_LENGTH, "0");
    r
}

fn blob_created(name: &str, digest: &Digest) -> Response {
    let mut r = StatusCode::CREATED.into_response();
    let h = r.headers_mut();
    insert(h, header::LOCATION, &format!("/v2/{name}/blobs/{digest}"));
    insert(h, "docker-content-digest", digest.as_str());
    insert(h, header::CONTENT_LENGTH, "0");
    r
}

impl Write<'_> {
    /// The push target after the access check; creates the namespace, repository and distribution on the
    /// first push when `create`.
    async fn target(&self, create: bool) -> Result<PushTarget, RegistryError> {
        let who = access::push_identity(self.app, &self.caller, self.name).await?;
        let target = if create {
            self.app.push.target(who.as_ref(), self.name).await?
        } else {
            self.app.push.existing_target(self.name).await?
        };
        Ok(target)
    }

    /// `POST /v2/<name>/blobs/uploads/`: a session, a monolithic upload (`?digest=`), or a mount.
    pub async fn start_upload(self, body: Body) -> Result<Response, RegistryError> {
        let target = self.target(true).await?;
        let q = query(self.uri);
        if let Some(mount) = q.get("mount") {
            let digest = parse_digest(mount)?;
            if self.mountable(&target, &digest, q.get("from")).await?
                && self.app.push.mount(&target, &digest).await?.is_some()
            {
                tracing::info!(name = self.name, digest = %digest, "mounted a blob");
                crate::metrics::blob_mounted();
                return Ok(blob_created(self.name, &digest));
            }
        }
        if let Some(d) = q.get("digest") {
            let digest = parse_digest(d)?;
            let len = content_length(self.headers);
            let mut writer = self
                .app
                .blobs
                .writer(Some(&digest), len)
                .await
                .map_err(blob_error)?;
            writer
                .write_stream(body_stream(body))
                .await
                .map_err(blob_error)?;
            let (digest, size) = writer.commit().await.map_err(blob_error)?;
            self.app.push.blob_uploaded(&target, &digest, size).await?;
            crate::metrics::blob_uploaded(size);
            return Ok(blob_created(self.name, &digest));
        }
        let id = self.app.push.uploads.start(self.name).await?;
        Ok(session_response(StatusCode::ACCEPTED, self.name, &id, 0))
    }

    /// Whether the pusher may mount `digest` into `target`: the blob is already readable there, or the
    /// pusher may pull `from` and `from` holds it.
    async fn mountable(
        &self,
        target: &PushTarget,
        digest: &Digest,
        from: Option<&String>,
    ) -> Result<bool, RegistryError> {
        if self.app.push.has_blob(target, digest.as_str()).await? {
            return Ok(true);
        }
        let Some(from) = from else {
            return Ok(false);
        };
        let Ok(resolved) = self.app.registry.resolve(from).await else {
            return Ok(false);
        };
        if resolved.pull_through.is_some() && resolved.version.is_none() {
            return Ok(false);
        }
        if !self.caller.may_pull(self.app, &resolved.distribution).await {
            return Ok(false);
        }
        let content = self.app.registry.content(&resolved).await?;
        if content.blobs.contains(digest.as_str()) {
            return Ok(true);
        }
        match &resolved.version {
            Some((repo_id, _)) => Ok(self
                .app
                .push
                .pending
                .contains(repo_id, digest.as_str())
                .await
                .map_err(crate::push::Error::from)?),
            None => Ok(false),
        }
    }

    /// `PATCH`, `PUT`, `GET` and `DELETE` on `/v2/<name>/blobs/uploads/<id>`.
    pub async fn session(self, id: &str, body: Body) -> Result<Response, RegistryError> {
        let target = self.target(false).await?;
        let uploads = &self.app.push.uploads;
        match self.method {
            Method::GET | Method::HEAD => {
                let len = uploads.status(self.name, id).await?;
                Ok(session_response(StatusCode::NO_CONTENT, self.name, id, len))
            }
            Method::PATCH => {
                let start = match self.headers.get(header::CONTENT_RANGE) {
                    Some(v) => Some(parse_content_range(v.to_str().unwrap_or(""))?),
                    None => None,
                };
                let mut expected = content_length(self.headers);
                if let (Some((start, end)), Some(n)) = (start, expected) {
                    if end + 1 - start != n {
                        return Err(RegistryError::new(Code::RangeInvalid)
                            .status(StatusCode::BAD_REQUEST)
                            .message("Content-Range and Content-Length disagree"));
                    }
                }
                if expected.is_none() {
                    expected = start.map(|(s, e)| e + 1 - s);
                }
                let len = uploads
                    .append(
                        self.name,
                        id,
                        start.map(|(s, _)| s),
                        expected,
                        body_stream(body),
                    )
                    .await?;
                Ok(session_response(StatusCode::ACCEPTED, self.name, id, len))
            }
            Method::PUT => {
                let q = query(self.uri);
                let digest = parse_digest(q.get("digest").ok_or_else(|| {
                    RegistryError::new(Code::DigestInvalid)
                        .message("completing an upload needs ?digest=")
                })?)?;
                let size = uploads
                    .complete(
                        self.name,
                        id,
                        &digest,
                        content_length(self.headers),
                        body_stream(body),
                    )
                    .await?;
                self.app.push.blob_uploaded(&target, &digest, size).await?;
                crate::metrics::blob_uploaded(size);
                Ok(blob_created(self.name, &digest))
            }
            Method::DELETE => {
                uploads.cancel(self.name, id).await?;
                Ok(StatusCode::NO_CONTENT.into_response())
            }
            _ => Err(RegistryError::new(Code::Unsupported)),
        }
    }

    /// `PUT /v2/<name>/manifests/<reference>`.
    pub async fn put_manifest(
        self,
        reference: &Reference,
        body: Body,
    ) -> Result<Response, RegistryError> {
        let target = self.target(true).await?;
        if content_length(self.headers).is_some_and(|n| n > MAX_MANIFEST_BYTES as u64) {
            return Err(too_large());
        }
        let bytes = axum::body::to_bytes(body, MAX_MANIFEST_BYTES)
            .await
            .map_err(|_| too_large())?;
        let content_type = self
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        let record = self
            .app
            .push
            .put_manifest(&target, reference.as_str(), content_type, &bytes)
            .await?;
        let mut r = StatusCode::CREATED.into_response();
        let h = r.headers_mut();
        insert(
            h,
            header::LOCATION,
            &format!("/v2/{}/manifests/{}", self.name, record.digest),
        );
        insert(h, "docker-content-digest", &record.digest);
        insert(h, header::CONTENT_LENGTH, "0");
        if let Some(subject) = &record.subject {
            insert(h, "oci-subject", subject);
        }
        Ok(r)
    }

    /// `DELETE /v2/<name>/manifests/<reference>`: by digest the manifest (and its tags), by tag the tag.
    pub async fn delete_manifest(self, reference: &Reference) -> Result<Response, RegistryError> {
        let target = self.target(false).await?;
        match reference {
            Reference::Digest(d) => {
                parse_digest(d)?;
                self.app.push.delete_manifest(&target, d).await?;
            }
            Reference::Tag(t) => self.app.push.delete_tag(&target, t).await?,
        }
        Ok(StatusCode::ACCEPTED.into_response())
    }

    /// `DELETE /v2/<name>/blobs/<digest>`: unlinks the blob from the repository.
    pub async fn delete_blob(self, digest: &str) -> Result<Response, RegistryError> {
        let target = self.target(false).await?;
        parse_digest(digest)?;
        self.app.push.delete_blob(&target, digest).await?;
        Ok(StatusCode::ACCEPTED.into_response())
    }
}

fn too_large() -> RegistryError {
    RegistryError::new(Code::SizeInvalid)
        .status(StatusCode::PAYLOAD_TOO_LARGE)
        .message(format!(
            "a manifest may have at most {MAX_MANIFEST_BYTES} bytes"
        ))
}

/// `Content-Range: <start>-<end>` (inclusive; Distribution's form, `bytes ` prefix tolerated).
fn parse_content_range(v: &str) -> Result<(u64, u64), RegistryError> {
    let v = v.trim();
    let v = v
        .strip_prefix("bytes ")
        .or_else(|| v.strip_prefix("bytes="))
        .unwrap_or(v);
    let v = v.split('/').next().unwrap_or(v);
    let parsed = v
        .split_once('-')
        .and_then(|(a, b)| Some((a.trim().parse::<u64>().ok()?, b.trim().parse::<u64>().ok()?)));
    match parsed {
        Some((start, end)) if end >= start => Ok((start, end)),
        _ => Err(RegistryError::new(Code::RangeInvalid)
            .status(StatusCode::BAD_REQUEST)
            .message(format!("invalid Content-Range {v:?}"))),
    }
}

fn blob_error(e: crate::blobs::Error) -> RegistryError {
    use crate::blobs::Error as E;
    match e {
        E::DigestMismatch { expected, actual } => RegistryError::new(Code::DigestInvalid)
            .message(format!("the upload's digest is {actual}, not {expected}")),
        E::SizeMismatch { expected, actual } => RegistryError::new(Code::SizeInvalid).message(
            format!("Content-Length says {expected} bytes, the body has {actual}"),
        ),
        E::InvalidDigest { .. } => RegistryError::new(Code::DigestInvalid).message(e.to_string()),
        E::InsufficientStorage(e) => crate::registry::Error::InsufficientStorage(e).into(),
        E::SourceFailed(e) => RegistryError::new(Code::BlobUploadInvalid)
            .status(StatusCode::BAD_REQUEST)
            .message(format!("the request body failed: {e}")),
        e => crate::registry::Error::Internal(e.into()).into(),
    }
}

impl From<crate::push::Error> for RegistryError {
    fn from(e: crate::push::Error) -> Self {
        use crate::push::Error as E;
        match e {
            E::UploadUnknown => RegistryError::new(Code::BlobUploadUnknown),
            E::RangeInvalid { len, why } => RegistryError::new(Code::RangeInvalid)
                .message(why)
                .header(header::RANGE, &range(len)),
            E::DigestInvalid(why) => RegistryError::new(Code::DigestInvalid).message(why),
            E::SizeInvalid(why) => RegistryError::new(Code::SizeInvalid).message(why),
            E::Incomplete(why) => RegistryError::new(Code::BlobUploadInvalid).message(why),
            E::BlobUnknown => RegistryError::new(Code::BlobUnknown),
            E::ManifestInvalid(why) => RegistryError::new(Code::ManifestInvalid).message(why),
            E::ManifestBlobUnknown(d) => RegistryError::new(Code::ManifestBlobUnknown)
                .message(format!("blob {d} is unknown to this repository"))
                .detail(json!({"digest": d})),
            E::ManifestUnknown(why) => RegistryError::new(Code::ManifestUnknown).message(why),
            E::NameUnknown => RegistryError::new(Code::NameUnknown),
            E::Denied(why) => RegistryError::new(Code::Denied).message(why),
            E::InsufficientStorage(e) => crate::registry::Error::InsufficientStorage(e).into(),
            E::Internal(e) => crate::registry::Error::Internal(e).into(),
        }
    }
}

/// `GET /v2/<name>/referrers/<digest>[?artifactType=]`: an OCI index of the manifests whose subject is
/// `digest` (empty when none).
pub async fn referrers(
    app: &App,
    resolved: &crate::registry::Resolved,
    digest: &str,
    uri: &Uri,
) -> Result<Response, RegistryError> {
    parse_digest(digest)?;
    let q = query(uri);
    let artifact_type = q.get("artifactType").map(String::as_str);
    let content = app.registry.content(resolved).await?;
    let found = app.push.referrers(&content, digest, artifact_type).await?;
    let manifests: Vec<_> = found
        .iter()
        .map(|m| {
            let mut d = json!({
                "mediaType": m.media_type,
                "digest": m.digest,
                "size": m.size,
            });
            if let Some(t) = m.artifact_type() {
                d["artifactType"] = json!(t);
            }
            if !m.annotations.is_empty() {
                d["annotations"] = json!(m.annotations);
            }
            d
        })
        .collect();
    let body = json!({
        "schemaVersion": 2,
        "mediaType": crate::content::model::OCI_INDEX,
        "manifests": manifests,
    });
    let mut r = axum::Json(body).into_response();
    let h = r.headers_mut();
    insert(h, header::CONTENT_TYPE, crate::content::model::OCI_INDEX);
    if artifact_type.is_some() {
        insert(h, "oci-filters-applied", "artifactType");
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ranges_parse_in_the_forms_clients_send() {
        assert_eq!(parse_content_range("0-99").unwrap(), (0, 99));
        assert_eq!(parse_content_range("bytes 100-199").unwrap(), (100, 199));
        assert_eq!(parse_content_range("bytes=5-5/6").unwrap(), (5, 5));
        assert!(parse_content_range("9-3").is_err());
        assert!(parse_content_range("x-3").is_err());
        assert!(parse_content_range("").is_err());
    }

    #[test]
    fn ranges_are_inclusive_and_empty_uploads_say_0_0() {
        assert_eq!(range(0), "0-0");
        assert_eq!(range(1), "0-0");
        assert_eq!(range(100), "0-99");
    }
}
