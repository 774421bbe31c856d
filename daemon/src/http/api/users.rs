//! `/pulp/api/v3/users/`: user accounts, for administrators only (users with `is_staff`; the built-in `admin` is
//! one). Every other authenticated user may use the rest of the management API but gets 403 here. Passwords are
//! write-only; hashing one is slow, so creates and updates run off the async threads.

use super::page;
use crate::app::App;
use crate::auth::UserRecord;
use crate::body::Mode;
use crate::http::error::{not_found, ApiError, ApiResult, FORBIDDEN};
use crate::http::extract::{Caller, JsonBody, QueryMap};
use crate::listing::ListParams;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Json;
use pulp_shared::api;
use serde_json::Value;
use std::sync::Arc;

pub fn routes() -> super::Routes {
    super::Routes::new()
        .route("/pulp/api/v3/users/", get(list).post(create))
        .route(
            "/pulp/api/v3/users/{id}/",
            get(show).put(replace).patch(update).delete(remove),
        )
}

/// A caller with `is_staff`; anyone else authenticated gets 403, anyone else 401.
pub struct Admin(pub Caller);

impl FromRequestParts<Arc<App>> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, ApiError> {
        let caller = Caller::from_request_parts(parts, app).await?;
        if caller.identity.is_staff {
            Ok(Admin(caller))
        } else {
            Err(ApiError::Detail(StatusCode::FORBIDDEN, FORBIDDEN.into()))
        }
    }
}

/// A numeric user id from the path; anything else is Pulp's plain 404.
fn user_id(id: &str) -> ApiResult<u64> {
    id.parse().map_err(|_| not_found())
}

async fn list(
    State(app): State<Arc<App>>,
    _: Admin,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::User>>> {
    let params = ListParams::parse(&q)?;
    let window = app.auth.list(&params).await?;
    page(
        app.scheme(),
        &uri,
        &headers,
        &params,
        window,
        UserRecord::to_api,
    )
}

async fn create(
    State(app): State<Arc<App>>,
    _: Admin,
    JsonBody(body): JsonBody,
) -> ApiResult<impl IntoResponse> {
    let record = app.auth.create(&body).await?;
    app.store.flush().await?;
    Ok((StatusCode::CREATED, Json(record.to_api())))
}

async fn show(
    State(app): State<Arc<App>>,
    _: Admin,
    Path(id): Path<String>,
) -> ApiResult<Json<api::User>> {
    Ok(Json(app.auth.get(user_id(&id)?).await?.to_api()))
}

async fn replace(
    State(app): State<Arc<App>>,
    _: Admin,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<api::User>> {
    save(&app, user_id(&id)?, body, Mode::Full).await
}

async fn update(
    State(app): State<Arc<App>>,
    _: Admin,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<api::User>> {
    save(&app, user_id(&id)?, body, Mode::Partial).await
}

async fn save(app: &App, id: u64, body: Value, mode: Mode) -> ApiResult<Json<api::User>> {
    let record = app.auth.update(id, &body, mode).await?;
    app.store.flush().await?;
    Ok(Json(record.to_api()))
}

async fn remove(
    State(app): State<Arc<App>>,
    _: Admin,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = user_id(&id)?;
    if app.auth.get(id).await?.is_builtin_admin() {
        return Err(ApiError::Detail(
            StatusCode::FORBIDDEN,
            "The admin user cannot be deleted.".into(),
        ));
    }
    app.auth.delete(id).await?;
    app.policy.roles().forget_user(id).await?;
    app.store.flush().await?;
    Ok(StatusCode::NO_CONTENT)
}
