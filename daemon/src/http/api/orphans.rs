//! `POST /pulp/api/v3/orphans/cleanup/`: staff only (403 otherwise); validates the body at once (400 with
//! Pulp's field errors), then answers 202 `{"task": href}` for the cleanup task ([`crate::orphans`]).

use crate::app::App;
use crate::http::api::users::Admin;
use crate::http::error::ApiResult;
use crate::http::extract::JsonBody;
use crate::orphans::{Orphans, Request, TASK_NAME};
use crate::tasks::NewTask;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Json;
use pulp_shared::api;
use pulp_shared::href;
use std::sync::Arc;

pub fn routes() -> super::Routes {
    super::Routes::new().route("/pulp/api/v3/orphans/cleanup/", post(cleanup))
}

async fn cleanup(
    State(app): State<Arc<App>>,
    Admin(caller): Admin,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let request = Request::parse(&body)?;
    let orphans = Orphans::new(
        app.store.clone(),
        app.repositories.content.clone(),
        app.push.pending.clone(),
        app.blobs.clone(),
    )
    .with_accounting(app.accounting.clone());
    let task = app
        .tasks
        .submit(NewTask {
            name: TASK_NAME,
            resources: request.resources(),
            logging_cid: caller.request_id,
            created_by: Some(caller.identity.href),
            body: orphans.task(request),
        })
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(api::TaskResponse {
            task: href::resource(href::TASKS, &task.id),
        }),
    ))
}
