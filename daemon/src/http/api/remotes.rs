//! `/pulp/api/v3/remotes/container/container/`.

use super::page;
use crate::app::App;
use crate::body::Mode;
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, JsonBody, QueryMap};
use crate::listing::ListParams;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use pulp_shared::api;
use std::sync::Arc;

pub fn routes() -> Router<Arc<App>> {
    let base = "/pulp/api/v3/remotes/container/container";
    Router::new()
        .route(&format!("{base}/"), get(list).post(create))
        .route(
            &format!("{base}/{{id}}/"),
            get(show).put(replace).patch(update).delete(remove),
        )
}

async fn list(
    State(app): State<Arc<App>>,
    _: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::Remote>>> {
    let params = ListParams::parse(&q)?;
    let window = app.remotes.list(&params)?;
    page(&uri, &headers, &params, window, |r| r.to_api())
}

async fn create(
    State(app): State<Arc<App>>,
    _: Caller,
    JsonBody(body): JsonBody,
) -> ApiResult<impl IntoResponse> {
    let record = app.remotes.create(&body)?;
    app.store.flush().await?;
    Ok((StatusCode::CREATED, Json(record.to_api())))
}

async fn show(
    State(app): State<Arc<App>>,
    _: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<api::Remote>> {
    Ok(Json(app.remotes.get(uuid_id(&id)?)?.to_api()))
}

async fn replace(
    State(app): State<Arc<App>>,
    _: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<api::Remote>> {
    let record = app.remotes.update(uuid_id(&id)?, &body, Mode::Full)?;
    app.store.flush().await?;
    Ok(Json(record.to_api()))
}

async fn update(
    State(app): State<Arc<App>>,
    _: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<api::Remote>> {
    let record = app.remotes.update(uuid_id(&id)?, &body, Mode::Partial)?;
    app.store.flush().await?;
    Ok(Json(record.to_api()))
}

async fn remove(
    State(app): State<Arc<App>>,
    _: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    app.remotes.delete(uuid_id(&id)?)?;
    app.store.flush().await?;
    Ok(StatusCode::NO_CONTENT)
}
