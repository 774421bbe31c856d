//! `/pulp/api/v3/tasks/`: list, read, cancel (`PATCH {"state": "canceled"}`), delete. A user sees and manages
//! the tasks they started, and others' only through a `core.task_*` role (`auth::policy`).

use super::page;
use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::error::Error;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::{uuid_id, Caller, JsonBody, QueryMap};
use crate::listing::ListParams;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::get;
use axum::Json;
use pulp_shared::api;
use std::sync::Arc;

pub fn routes() -> super::Routes {
    super::Routes::new()
        .route("/pulp/api/v3/tasks/", get(list))
        .route(
            "/pulp/api/v3/tasks/{id}/",
            get(show).patch(cancel).delete(remove),
        )
}

async fn list(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::Task>>> {
    let params = ListParams::parse(&q)?;
    let visible = app.policy.visible(&caller.identity, Model::Task).await?;
    let window = app
        .tasks
        .list(&params, &visible, &caller.identity.href)
        .await?;
    page(app.scheme(), &uri, &headers, &params, window, |t| {
        t.to_api()
    })
}

/// The task `id`, after checking that the caller may do `action` on it.
async fn authorized(
    app: &App,
    caller: &Caller,
    id: &str,
    action: Action,
) -> ApiResult<crate::tasks::TaskRecord> {
    let task = app.tasks.get(uuid_id(id)?).await?;
    if !app
        .policy
        .allows_task(
            &caller.identity,
            action,
            &task.href(),
            task.created_by.as_deref(),
        )
        .await?
    {
        return Err(Error::Forbidden.into());
    }
    Ok(task)
}

async fn show(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<api::Task>> {
    let task = authorized(&app, &caller, &id, Action::View).await?;
    Ok(Json(app.tasks.settled(task).await?.to_api()))
}

async fn cancel(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Json<api::Task>> {
    let task = authorized(&app, &caller, &id, Action::Change).await?;
    let id = task.id.as_str();
    // The body is the documented `TaskCancel`; anything else gets Pulp's one message for `state`.
    let request = serde_json::from_value::<api::TaskCancel>(body).ok();
    if request.is_none_or(|r| r.state != "canceled") {
        return Err(Error::field(
            "state",
            "The only acceptable value for 'state' is 'canceled'.",
        )
        .into());
    }
    match app.tasks.cancel(id).await {
        Ok(t) => Ok(Json(t.to_api())),
        // Pulp answers 409 with the task itself when it is already final.
        Err(Error::Conflict(_)) => {
            let task = app.tasks.get(id).await?.to_api();
            Err(ApiError::Body(
                StatusCode::CONFLICT,
                serde_json::to_value(task).map_err(|e| Error::Internal(e.into()))?,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let task = authorized(&app, &caller, &id, Action::Delete).await?;
    app.tasks.delete(&task.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
