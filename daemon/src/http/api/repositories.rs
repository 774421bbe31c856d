//! `/pulp/api/v3/repositories/container/container/` and its `versions/`.

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
    let base = "/pulp/api/v3/repositories/container/container";
    Router::new()
        .route(&format!("{base}/"), get(list).post(create))
        .route(
            &format!("{base}/{{id}}/"),
            get(show).put(replace).patch(update).delete(remove),
        )
        .route(&format!("{base}/{{id}}/versions/"), get(versions))
        .route(&format!("{base}/{{id}}/versions/{{number}}/"), get(version))
}

async fn list(
    State(app): State<Arc<App>>,
    _: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::Repository>>> {
    let params = ListParams::parse(&q)?;
    let window = app.repositories.list(&params)?;
    page(&uri, &headers, &params, window, |r| r.to_api())
}

async fn create(
    State(app): State<Arc<App>>,
    _: Caller,
    JsonBody(body): JsonBody,
) -> ApiResult<impl IntoResponse> {
    let record = app.repositories.create(&body)?;
    app.store.flush().await?;
    Ok((StatusCode::CREATED, Json(record.to_api())))
}

async fn show(
    State(app): State<Arc<App>>,
    _: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<api::Repository>> {
    Ok(Json(app.repositories.get(uuid_id(&id)?)?.to_api()))
}

async fn replace(
    State(app): State<Arc<App>>,
    _: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<api::Repository>> {
    let record = app.repositories.update(uuid_id(&id)?, &body, Mode::Full)?;
    app.store.flush().await?;
    Ok(Json(record.to_api()))
}

async fn update(
    State(app): State<Arc<App>>,
    _: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<api::Repository>> {
    let record = app
        .repositories
        .update(uuid_id(&id)?, &body, Mode::Partial)?;
    app.store.flush().await?;
    Ok(Json(record.to_api()))
}

async fn remove(
    State(app): State<Arc<App>>,
    _: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let record = app.repositories.delete(uuid_id(&id)?)?;
    app.distributions.detach_repository(&record.href())?;
    app.store.flush().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn versions(
    State(app): State<Arc<App>>,
    _: Caller,
    Path(id): Path<String>,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::RepositoryVersion>>> {
    let params = ListParams::parse(&q)?;
    let window = app.repositories.versions(uuid_id(&id)?, &params)?;
    page(&uri, &headers, &params, window, |v| v.to_api())
}

async fn version(
    State(app): State<Arc<App>>,
    _: Caller,
    Path((id, number)): Path<(String, String)>,
) -> ApiResult<Json<api::RepositoryVersion>> {
    let number = number
        .parse()
        .map_err(|_| crate::http::error::not_found())?;
    Ok(Json(
        app.repositories.version(uuid_id(&id)?, number)?.to_api(),
    ))
}
