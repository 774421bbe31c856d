//! `/pulp/api/v3/remotes/container/container/`: every action checked against the caller's roles
//! (`auth::policy`); the creator owns what they create.

use super::{page, remote_updated};
use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::body::Mode;
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, QueryMap, Typed};
use crate::listing::ListParams;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Json;
use pulp_shared::api::{self, RemoteWrite};
use std::sync::Arc;

const MODEL: Model = Model::ContainerRemote;

pub fn routes() -> super::Routes {
    let base = "/pulp/api/v3/remotes/container/container";
    super::Routes::new()
        .route(&format!("{base}/"), get(list).post(create))
        .route(
            &format!("{base}/{{id}}/"),
            get(show).put(replace).patch(update).delete(remove),
        )
}

async fn list(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::Remote>>> {
    let params = ListParams::parse(&q)?;
    let visible = app.policy.visible(&caller.identity, MODEL).await?;
    let window = app.remotes.list(&params, &visible).await?;
    page(app.scheme(), &uri, &headers, &params, window, |r| {
        r.to_api()
    })
}

async fn create(
    State(app): State<Arc<App>>,
    caller: Caller,
    Typed(body): Typed<RemoteWrite>,
) -> ApiResult<impl IntoResponse> {
    app.policy
        .require(&caller.identity, MODEL, Action::Add, None)
        .await?;
    let record = app
        .remotes
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
) -> ApiResult<Json<api::Remote>> {
    let record = app.remotes.get(uuid_id(&id)?).await?;
    app.policy
        .require(&caller.identity, MODEL, Action::View, Some(&record.href()))
        .await?;
    Ok(Json(record.to_api()))
}

async fn write(
    app: Arc<App>,
    caller: Caller,
    id: String,
    body: RemoteWrite,
    mode: Mode,
) -> ApiResult<Response> {
    let id = uuid_id(&id)?;
    let href = app.remotes.get(id).await?.href();
    app.policy
        .require(&caller.identity, MODEL, Action::Change, Some(&href))
        .await?;
    let updated = app.remotes.update(id, &body, mode).await?;
    app.store.flush().await?;
    Ok(remote_updated(updated, |r| r.to_api()))
}

async fn replace(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<RemoteWrite>,
) -> ApiResult<Response> {
    write(app, caller, id, body, Mode::Full).await
}

async fn update(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<RemoteWrite>,
) -> ApiResult<Response> {
    write(app, caller, id, body, Mode::Partial).await
}

async fn remove(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = uuid_id(&id)?;
    let href = app.remotes.get(id).await?.href();
    app.policy
        .require(&caller.identity, MODEL, Action::Delete, Some(&href))
        .await?;
    app.remotes.delete(id).await?;
    app.policy.roles().forget_object(&href).await?;
    app.store.flush().await?;
    Ok(StatusCode::NO_CONTENT)
}
