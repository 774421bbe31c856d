//! `/pulp/api/v3/content/container/{tags,manifests,blobs,signatures}/`: list and show content units, as Pulp
//! does (the `content_summary` links of every repository version point here).
//!
//! Who sees what: any signed-in user may list. With a `repository_version` (or `_added`/`_removed`) filter the
//! caller must be allowed to view that version's repository; without one, staff and holders of a model-wide
//! repository view role see every unit, others the units of the latest versions of the sync repositories
//! they may view. Showing one unit by its href needs the model-wide view (units are global, as in Pulp).

use super::page;
use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::auth::Identity;
use crate::content::units::{Kind, Query, Scope, View};
use crate::error::Error;
use crate::http::error::{not_found, ApiResult};
use crate::http::extract::{Caller, QueryMap};
use crate::listing::{ListParams, Visible};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Json;
use pulp_shared::api;
use std::sync::Arc;

pub fn routes() -> super::Routes {
    let base = "/pulp/api/v3/content/container";
    super::Routes::new()
        .route(&format!("{base}/tags/"), get(list_tags))
        .route(&format!("{base}/tags/{{id}}/"), get(show_tag))
        .route(&format!("{base}/manifests/"), get(list_manifests))
        .route(&format!("{base}/manifests/{{id}}/"), get(show_manifest))
        .route(&format!("{base}/blobs/"), get(list_blobs))
        .route(&format!("{base}/blobs/{{id}}/"), get(show_blob))
        .route(&format!("{base}/signatures/"), get(list_signatures))
}

/// The versions the filters name, each checked: it exists (else Pulp's field error) and the caller may view its
/// repository.
async fn query(app: &App, who: &Identity, params: &ListParams) -> ApiResult<Query> {
    let mut query = Query::default();
    for (field, slot) in [
        ("repository_version", &mut query.in_version),
        ("repository_version_added", &mut query.added_in),
        ("repository_version_removed", &mut query.removed_in),
    ] {
        let Some(h) = params.filter(field) else {
            continue;
        };
        let version = app
            .repositories
            .resolve_version_href(h)
            .await
            .map_err(|msg| Error::field(field, msg))?;
        app.policy.require_href(who, Action::View, h).await?;
        *slot = Some(version);
    }
    Ok(query)
}

/// What the caller sees without a version filter (see the module doc).
async fn scope(app: &App, who: &Identity) -> ApiResult<Scope> {
    match app.policy.visible(who, Model::ContainerRepository).await? {
        Visible::All => Ok(Scope::All),
        Visible::Only(hrefs) => {
            let mut latest = Vec::new();
            for h in hrefs {
                if let Ok(r) = app.repositories.resolve_href(&h).await {
                    latest.push((r.id, r.latest_version));
                }
            }
            Ok(Scope::Latest(latest))
        }
    }
}

async fn list(
    app: &App,
    caller: &Caller,
    kind: Kind,
    q: &std::collections::BTreeMap<String, String>,
    uri: &Uri,
    headers: &HeaderMap,
) -> ApiResult<Response> {
    let params = ListParams::parse(q)?;
    let query = query(app, &caller.identity, &params).await?;
    let scope = scope(app, &caller.identity).await?;
    let window = app.units().list(kind, &query, &scope, &params).await?;
    Ok(page(app.scheme(), uri, headers, &params, window, |v| {
        match v {
            View::Tag(t) => serde_json::to_value(t),
            View::Manifest(m) => serde_json::to_value(m),
            View::Blob(b) => serde_json::to_value(b),
        }
        .expect("content views serialize")
    })?
    .into_response())
}

async fn show(app: &App, caller: &Caller, kind: Kind, id: &str) -> ApiResult<Response> {
    if !matches!(
        app.policy
            .visible(&caller.identity, Model::ContainerRepository)
            .await?,
        Visible::All
    ) {
        return Err(not_found());
    }
    Ok(
        match app.units().get(kind, id).await?.ok_or_else(not_found)? {
            View::Tag(t) => Json(t).into_response(),
            View::Manifest(m) => Json(m).into_response(),
            View::Blob(b) => Json(b).into_response(),
        },
    )
}

async fn list_tags(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Response> {
    list(&app, &caller, Kind::Tag, &q, &uri, &headers).await
}

async fn list_manifests(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Response> {
    list(&app, &caller, Kind::Manifest, &q, &uri, &headers).await
}

async fn list_blobs(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Response> {
    list(&app, &caller, Kind::Blob, &q, &uri, &headers).await
}

async fn show_tag(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    show(&app, &caller, Kind::Tag, &id).await
}

async fn show_manifest(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    show(&app, &caller, Kind::Manifest, &id).await
}

async fn show_blob(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    show(&app, &caller, Kind::Blob, &id).await
}

/// Atomic container signatures: pulpd stores none (cosign-style signatures are manifests), so every list is
/// empty; the endpoint exists so that clients that walk every content type get a page, not a 404.
async fn list_signatures(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::ContentSignature>>> {
    let params = ListParams::parse(&q)?;
    query(&app, &caller.identity, &params).await?;
    let window = crate::listing::Window::<api::ContentSignature> {
        count: 0,
        items: Vec::new(),
    };
    page(app.scheme(), &uri, &headers, &params, window, Clone::clone)
}
