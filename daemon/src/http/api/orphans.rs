//! `POST /pulp/api/v3/orphans/cleanup/`: staff only (403 otherwise); validates the body at once (400 with
//! Pulp's field errors), then answers 202 `{"task": href}` for the cleanup task ([`crate::orphans`]).

use crate::app::App;
use crate::error::Error;
use crate::http::api::users::Admin;
use crate::http::error::ApiResult;
use crate::http::extract::JsonBody;
use crate::orphans::{Orphans, Request, Selection, TASK_NAME};
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

/// The units `hrefs` name; 400 naming those that name none (as Pulp).
async fn selection(app: &App, hrefs: &[String]) -> ApiResult<Selection> {
    let units = app.units();
    let mut selection = Selection::default();
    let mut missing = Vec::new();
    for h in hrefs {
        match units.resolve_href(h).await? {
            Some(unit) => selection.add(unit),
            None => missing.push(h.as_str()),
        }
    }
    if !missing.is_empty() {
        return Err(Error::field(
            "content_hrefs",
            format!("Could not find the following content units: {missing:?}"),
        )
        .into());
    }
    Ok(selection)
}

async fn cleanup(
    State(app): State<Arc<App>>,
    Admin(caller): Admin,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let (mut request, hrefs) = Request::parse(&body)?;
    if let Some(hrefs) = hrefs {
        request.only = Some(selection(&app, &hrefs).await?);
    }
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
