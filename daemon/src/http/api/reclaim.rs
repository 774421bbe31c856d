//! `POST /pulp/api/v3/repositories/reclaim_space/` (`{"repo_hrefs": [...], "repo_versions_keep": [...]}`, as
//! Pulp; `["*"]` names every repository): staff only, like orphan cleanup; validated at once (400 with Pulp's
//! field errors), then 202 `{"task": href}` for the task ([`crate::reclaim`]), which holds every named repository
//! exclusively.

use crate::app::App;
use crate::body::{Body, Mode};
use crate::http::api::users::Admin;
use crate::http::error::ApiResult;
use crate::http::extract::JsonBody;
use crate::reclaim::{Reclaim, Request, TASK_NAME};
use crate::tasks::{NewTask, Resource};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Json;
use pulp_shared::api;
use pulp_shared::href;
use serde_json::Value;
use std::sync::Arc;

pub fn routes() -> super::Routes {
    super::Routes::new().route(
        "/pulp/api/v3/repositories/reclaim_space/",
        post(reclaim_space),
    )
}

/// Reads and resolves the body: the repositories' ids and hrefs, and the versions to keep.
async fn parse(app: &App, body: &Value) -> crate::error::Result<(Request, Vec<String>)> {
    let mut b = Body::new(body, Mode::Full)?;
    let repos = b.nullable_string_list("repo_hrefs");
    let keep = b.nullable_string_list("repo_versions_keep");
    if !b.has_error("repo_hrefs") && repos.as_ref().is_none_or(|r| r.is_none()) {
        b.error("repo_hrefs", "This field is required.");
    }
    let mut request = Request::default();
    let mut hrefs = Vec::new();
    let repos = repos.flatten().unwrap_or_default();
    if repos.iter().any(|h| h == "*") {
        for r in app.repositories.all().await? {
            hrefs.push(r.href());
            request.repositories.insert(r.id);
        }
    } else {
        for h in &repos {
            match app.repositories.resolve_href(h).await {
                Ok(r) => {
                    hrefs.push(r.href());
                    request.repositories.insert(r.id);
                }
                Err(msg) => b.error("repo_hrefs", msg),
            }
        }
    }
    for h in keep.flatten().unwrap_or_default() {
        match app.repositories.resolve_version_href(&h).await {
            Ok(v) => request.keep.push((v.repository_id, v.number)),
            Err(msg) => b.error("repo_versions_keep", msg),
        }
    }
    b.finish()?;
    Ok((request, hrefs))
}

async fn reclaim_space(
    State(app): State<Arc<App>>,
    Admin(caller): Admin,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let (request, hrefs) = parse(&app, &body).await?;
    let reclaim = Reclaim::new(
        app.store.clone(),
        app.repositories.clone(),
        app.push.pending.clone(),
        app.blobs.clone(),
    );
    let task = app
        .tasks
        .submit(NewTask {
            name: TASK_NAME,
            resources: hrefs.into_iter().map(Resource::exclusive).collect(),
            logging_cid: caller.request_id,
            created_by: Some(caller.identity.href),
            body: reclaim.task(request),
        })
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(api::TaskResponse {
            task: href::resource(href::TASKS, &task.id),
        }),
    ))
}
