//! `POST /pulp/api/v3/repositories/container/container/{id}/sync/`: validates at once (404 unknown repository,
//! 400 with Pulp's messages for the body), then answers 202 `{"task": href}` for a sync task, as Pulp does.
//! The caller needs `sync` on the repository and `view` on the remote (Pulp's policy): a user who may not see a
//! remote cannot make pulpd send its credentials anywhere.

use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, Typed};
use crate::sync::{Syncer, TASK_NAME};
use crate::tasks::NewTask;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Json;
use pulp_shared::api;
use pulp_shared::href;
use std::sync::Arc;

pub fn routes() -> super::Routes {
    super::Routes::new().route(
        "/pulp/api/v3/repositories/container/container/{id}/sync/",
        post(sync),
    )
}

async fn sync(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<pulp_shared::api::RepositorySync>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let syncer = Syncer::new(
        app.repositories.clone(),
        app.remotes.clone(),
        app.blobs.clone(),
    );
    // A push repository is not found here: pushes fill it, sync never does.
    let repository = app
        .repositories
        .get_kind(uuid_id(&id)?, crate::content::RepositoryKind::Container)
        .await?;
    app.policy
        .require(
            &caller.identity,
            Model::ContainerRepository,
            Action::Sync,
            Some(&repository.href()),
        )
        .await?;
    let request = syncer.validate(&repository.id, &body).await?;
    app.policy
        .require_href(&caller.identity, Action::View, &request.remote.href())
        .await?;
    let task = app
        .tasks
        .submit(NewTask {
            name: TASK_NAME,
            resources: request.resources(),
            logging_cid: caller.request_id,
            created_by: Some(caller.identity.href),
            body: syncer.task(request),
        })
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(api::TaskResponse {
            task: href::resource(href::TASKS, &task.id),
        }),
    ))
}
