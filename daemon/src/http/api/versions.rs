//! Deleting a repository version (`DELETE <repository>/versions/<n>/`), for both repository kinds: checked at
//! once (404 for a version that does not exist, 400 with Pulp's message when a distribution serves it or it
//! is the latest), then a task (`{"task": href}`, 202) that deletes it under the repository's lock.

use super::distributions::submit;
use crate::app::App;
use crate::content::RepositoryRecord;
use crate::http::error::{ApiError, ApiResult};
use crate::http::extract::Caller;
use crate::tasks::{Resource, TaskBody, TaskFailure};
use axum::http::StatusCode;
use axum::Json;
use pulp_shared::api;
use serde_json::json;

/// Pulp's task name.
const DELETE_VERSION: &str = "pulpcore.app.tasks.repository.delete_version";

/// Pulp's refusal when a distribution serves the version.
const DISTRIBUTED: &str = "The repository version cannot be deleted because it (or its publications) are currently \
                           being used to distribute content. Please update the necessary distributions first.";
/// Pulp's refusal for a repository's only version.
const ONLY_VERSION: &str =
    "Cannot delete repository version. Repositories must have at least one repository version.";
const LATEST: &str =
    "Cannot delete the latest repository version: new versions are made on top of it. \
                      Delete an older version.";

/// Validates and submits the deletion of version `number` (as given in the path) of `record`, which the
/// caller was authorized to change.
pub async fn submit_delete(
    app: &App,
    caller: &Caller,
    record: RepositoryRecord,
    number: &str,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let number: u64 = number
        .parse()
        .map_err(|_| crate::http::error::not_found())?;
    let version = app.repositories.version(&record.id, number).await?;
    let refuse = |msg: &str| ApiError::Body(StatusCode::BAD_REQUEST, json!([msg]));
    if app.distributions.serves_version(&version.href()).await? {
        return Err(refuse(DISTRIBUTED));
    }
    if number == record.latest_version {
        let only = app.repositories.versions_count(&record.id).await? <= 1;
        return Err(refuse(if only { ONLY_VERSION } else { LATEST }));
    }
    let repositories = app.repositories.clone();
    let locks = vec![Resource::exclusive(record.href())];
    let task: TaskBody = Box::new(move |_ctx| {
        Box::pin(async move {
            repositories
                .delete_version(&record.id, number)
                .await
                .map_err(|e| {
                    TaskFailure(format!(
                        "could not delete version {number} of repository {:?}: {e}",
                        record.name
                    ))
                })?;
            Ok(Vec::new())
        })
    });
    submit(app, caller, DELETE_VERSION, locks, task).await
}
