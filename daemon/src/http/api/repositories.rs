//! `/pulp/api/v3/repositories/container/container/` and its `versions/`: every action checked against the
//! caller's roles (`auth::policy`); the creator owns what they create.

use super::page;
use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::auth::Identity;
use crate::body::Mode;
use crate::content::RepositoryKind;
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, QueryMap, Typed};
use crate::listing::ListParams;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Json;
use pulp_shared::api;
use std::sync::Arc;

const MODEL: Model = Model::ContainerRepository;

/// A body naming a `remote` needs the caller to see that remote (Pulp's
/// `has_remote_param_model_or_obj_perms:container.view_containerremote`).
async fn require_remote_param(
    app: &App,
    who: &Identity,
    body: &api::RepositoryWrite,
) -> ApiResult<()> {
    if let Some(Some(remote)) = &body.remote {
        if app.remotes.resolve_href(remote).await.is_ok() {
            app.policy.require_href(who, Action::View, remote).await?;
        }
    }
    Ok(())
}

/// The repository `id`, after checking that `who` may do `action` on it.
async fn authorized(
    app: &App,
    who: &Identity,
    id: &str,
    action: Action,
) -> ApiResult<crate::content::RepositoryRecord> {
    let record = app
        .repositories
        .get_kind(uuid_id(id)?, RepositoryKind::Container)
        .await?;
    app.policy
        .require(who, MODEL, action, Some(&record.href()))
        .await?;
    Ok(record)
}

pub fn routes() -> super::Routes {
    let base = "/pulp/api/v3/repositories/container/container";
    super::Routes::new()
        .route(&format!("{base}/"), get(list).post(create))
        .route(
            &format!("{base}/{{id}}/"),
            get(show).put(replace).patch(update).delete(remove),
        )
        .route(&format!("{base}/{{id}}/versions/"), get(versions))
        .route(
            &format!("{base}/{{id}}/versions/{{number}}/"),
            get(version).delete(delete_version),
        )
}

async fn list(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::Repository>>> {
    let params = ListParams::parse(&q)?;
    let visible = app.policy.visible(&caller.identity, MODEL).await?;
    let window = app.repositories.list(&params, &visible).await?;
    page(app.scheme(), &uri, &headers, &params, window, |r| {
        r.to_api()
    })
}

async fn create(
    State(app): State<Arc<App>>,
    caller: Caller,
    Typed(body): Typed<api::RepositoryWrite>,
) -> ApiResult<impl IntoResponse> {
    app.policy
        .require(&caller.identity, MODEL, Action::Add, None)
        .await?;
    require_remote_param(&app, &caller.identity, &body).await?;
    let record = app
        .repositories
        .create_with(&body, async |r| {
            app.policy.make_owner(&caller.identity, &r.href()).await
        })
        .await?;
    app.store.flush().await?;
    Ok((StatusCode::CREATED, Json(record.to_api())))
}

async fn show(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<api::Repository>> {
    Ok(Json(
        authorized(&app, &caller.identity, &id, Action::View)
            .await?
            .to_api(),
    ))
}

async fn replace(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::RepositoryWrite>,
) -> ApiResult<Json<api::Repository>> {
    write(&app, &caller.identity, &id, &body, Mode::Full).await
}

async fn update(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::RepositoryWrite>,
) -> ApiResult<Json<api::Repository>> {
    write(&app, &caller.identity, &id, &body, Mode::Partial).await
}

async fn write(
    app: &App,
    who: &Identity,
    id: &str,
    body: &api::RepositoryWrite,
    mode: Mode,
) -> ApiResult<Json<api::Repository>> {
    let record = authorized(app, who, id, Action::Change).await?;
    require_remote_param(app, who, body).await?;
    let record = app.repositories.update(&record.id, body, mode).await?;
    app.store.flush().await?;
    Ok(Json(record.to_api()))
}

async fn remove(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let record = authorized(&app, &caller.identity, &id, Action::Delete).await?;
    let record = app.repositories.delete(&record.id).await?;
    app.distributions.detach_repository(&record.href()).await?;
    app.policy.roles().forget_object(&record.href()).await?;
    app.store.flush().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn versions(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::RepositoryVersion>>> {
    let params = ListParams::parse(&q)?;
    let record = authorized(&app, &caller.identity, &id, Action::View).await?;
    let window = app.repositories.versions(&record.id, &params).await?;
    page(app.scheme(), &uri, &headers, &params, window, |v| {
        v.to_api()
    })
}

async fn version(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path((id, number)): Path<(String, String)>,
) -> ApiResult<Json<api::RepositoryVersion>> {
    let number = number
        .parse()
        .map_err(|_| crate::http::error::not_found())?;
    let record = authorized(&app, &caller.identity, &id, Action::View).await?;
    Ok(Json(
        app.repositories.version(&record.id, number).await?.to_api(),
    ))
}

async fn delete_version(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path((id, number)): Path<(String, String)>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id, Action::DeleteVersions).await?;
    super::versions::submit_delete(&app, &caller, record, &number).await
}
