//! `/pulp/api/v3/distributions/container/container/`: reads are immediate; create, update and delete validate at
//! once (400) and then answer 202 `{"task": href}`, as Pulp does. Every action is checked against the caller's
//! roles (`auth::policy`) before a task exists; the creator owns what the task creates. Distributions that are
//! not private are visible to every user.

use super::page;
use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::auth::Identity;
use crate::body::Mode;
use crate::distributions::DistributionRecord;
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, QueryMap, Typed};
use crate::listing::ListParams;
use crate::tasks::{NewTask, Resource, TaskBody, TaskFailure};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::get;
use axum::Json;
use pulp_shared::api;
use pulp_shared::href;
use std::sync::Arc;

pub fn routes() -> super::Routes {
    let base = "/pulp/api/v3/distributions/container/container";
    super::Routes::new()
        .route(&format!("{base}/"), get(list).post(create))
        .route(
            &format!("{base}/{{id}}/"),
            get(show).put(replace).patch(update).delete(remove),
        )
}

/// Pulp's names of the generic create/update/delete tasks.
pub(super) const CREATE: &str = "pulpcore.app.tasks.base.general_create";
const UPDATE: &str = "pulpcore.app.tasks.base.general_update";
const DELETE: &str = "pulpcore.app.tasks.base.general_delete";

async fn list(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::Distribution>>> {
    let params = ListParams::parse(&q)?;
    let visible = app
        .policy
        .visible(&caller.identity, Model::ContainerDistribution)
        .await?;
    let window = app.distributions.list(&params, &visible).await?;
    page(app.scheme(), &uri, &headers, &params, window, |d| {
        d.to_api(&app.registry_host)
    })
}

async fn show(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<api::Distribution>> {
    let d = app.distributions.get(uuid_id(&id)?).await?;
    require(&app, &caller.identity, &d, Action::View).await?;
    Ok(Json(d.to_api(&app.registry_host)))
}

/// The model roles of a distribution of either kind apply to.
fn model(record: &DistributionRecord) -> Model {
    match record.kind {
        crate::distributions::DistributionKind::Container => Model::ContainerDistribution,
        crate::distributions::DistributionKind::PullThrough => {
            Model::ContainerPullThroughDistribution
        }
    }
}

/// Requires `action` on the distribution `record` (of either kind). Viewing a distribution that is not private
/// needs no role.
pub(super) async fn require(
    app: &App,
    who: &Identity,
    record: &DistributionRecord,
    action: Action,
) -> ApiResult<()> {
    if action == Action::View && !record.private {
        return Ok(());
    }
    app.policy
        .require(who, model(record), action, Some(&record.href()))
        .await?;
    Ok(())
}

/// Requires the caller to see what the distribution `record` would serve or use (its repository or version, its
/// pull-through remote), as Pulp's `has_repo_or_repo_ver_param_model_or_obj_perms` does.
pub(super) async fn require_sources(
    app: &App,
    who: &Identity,
    record: &DistributionRecord,
) -> ApiResult<()> {
    for source in [
        &record.repository,
        &record.repository_version,
        &record.remote,
    ]
    .into_iter()
    .flatten()
    {
        app.policy.require_href(who, Action::View, source).await?;
    }
    Ok(())
}

/// The locks of a task that writes `record`: its base path and itself exclusively, its repository shared.
pub(super) fn resources(record: &DistributionRecord) -> Vec<Resource> {
    let mut r = vec![
        Resource::exclusive(format!("base_path:{}", record.base_path)),
        Resource::exclusive(record.href()),
    ];
    if let Some(repo) = record
        .repository
        .as_ref()
        .or(record.repository_version.as_ref())
    {
        r.push(Resource::shared(repo.clone()));
    }
    r
}

pub(super) async fn submit(
    app: &App,
    caller: &Caller,
    name: &'static str,
    resources: Vec<Resource>,
    body: TaskBody,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let task = app
        .tasks
        .submit(NewTask {
            name,
            resources,
            logging_cid: caller.request_id.clone(),
            created_by: Some(caller.identity.href.clone()),
            body,
        })
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(api::TaskResponse {
            task: href::resource(href::TASKS, &task.id),
        }),
    ))
}

async fn create(
    State(app): State<Arc<App>>,
    caller: Caller,
    Typed(body): Typed<api::DistributionWrite>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    app.policy
        .require(
            &caller.identity,
            Model::ContainerDistribution,
            Action::Add,
            None,
        )
        .await?;
    let record = app.distributions.validate_create(&body).await?;
    require_sources(&app, &caller.identity, &record).await?;
    submit_create(&app, &caller, record, "distribution").await
}

/// Submits the task that creates `record` and makes the caller its owner; `what` names the kind in errors.
pub async fn submit_create(
    app: &App,
    caller: &Caller,
    record: DistributionRecord,
    what: &'static str,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let service = app.distributions.clone();
    let policy = app.policy.clone();
    let owner = caller.identity.clone();
    let locks = resources(&record);
    let task: TaskBody = Box::new(move |_ctx| {
        Box::pin(async move {
            let fail = |e: crate::error::Error| {
                TaskFailure(format!("could not create {what} {:?}: {e}", record.name))
            };
            // The owner first: a role on a distribution that never came to be is harmless (and forgotten
            // below), a distribution whose owner was lost is not.
            policy
                .make_owner(&owner, &record.href())
                .await
                .map_err(fail)?;
            if let Err(e) = service.insert(&record).await {
                let _ = policy.roles().forget_object(&record.href()).await;
                return Err(fail(e));
            }
            Ok(vec![record.href()])
        })
    });
    submit(app, caller, CREATE, locks, task).await
}

async fn write(
    app: Arc<App>,
    caller: Caller,
    id: String,
    body: api::DistributionWrite,
    mode: Mode,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let id = uuid_id(&id)?;
    require(
        &app,
        &caller.identity,
        &app.distributions.get(id).await?,
        Action::Change,
    )
    .await?;
    let (old, record) = app.distributions.validate_update(id, &body, mode).await?;
    require_sources(&app, &caller.identity, &record).await?;
    submit_replace(&app, &caller, old, record, "distribution").await
}

/// Submits the task that replaces `old` with the validated `record`; `what` names the kind in errors.
pub async fn submit_replace(
    app: &App,
    caller: &Caller,
    old: DistributionRecord,
    record: DistributionRecord,
    what: &'static str,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let mut locks = resources(&record);
    locks.extend(resources(&old));
    let service = app.distributions.clone();
    let task: TaskBody = Box::new(move |_ctx| {
        Box::pin(async move {
            service
                .replace(&old, &record)
                .await
                .map_err(|e| TaskFailure(format!("could not update {what} {:?}: {e}", old.name)))?;
            Ok(vec![])
        })
    });
    submit(app, caller, UPDATE, locks, task).await
}

async fn replace(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::DistributionWrite>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    write(app, caller, id, body, Mode::Full).await
}

async fn update(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::DistributionWrite>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    write(app, caller, id, body, Mode::Partial).await
}

async fn remove(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = app.distributions.get(uuid_id(&id)?).await?;
    require(&app, &caller.identity, &record, Action::Delete).await?;
    submit_delete(&app, &caller, record, "distribution").await
}

/// Submits the task that deletes `record`; `what` names the kind in errors.
pub async fn submit_delete(
    app: &App,
    caller: &Caller,
    record: DistributionRecord,
    what: &'static str,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    // A distribution a push made takes its push repository with it (Pulp's documented intent: the pair
    // is one pushed image name); every other repository stays.
    let push_repository = record
        .repository
        .clone()
        .filter(|r| r.starts_with(href::PUSH_REPOSITORIES));
    let mut locks = resources(&record);
    if let Some(repo) = &push_repository {
        locks.retain(|l| l.name != *repo);
        locks.push(Resource::exclusive(repo.clone()));
    }
    let service = app.distributions.clone();
    let repositories = app.repositories.clone();
    let roles = app.policy.roles().clone();
    let task: TaskBody = Box::new(move |_ctx| {
        Box::pin(async move {
            let fail = |e: crate::error::Error| {
                TaskFailure(format!("could not delete {what} {:?}: {e}", record.name))
            };
            service.remove(&record.id).await.map_err(fail)?;
            roles.forget_object(&record.href()).await.map_err(fail)?;
            if let Some(repo) = push_repository {
                // Not found: already gone with its namespace.
                if let Ok(r) = repositories.resolve_href(&repo).await {
                    repositories.delete(&r.id).await.map_err(fail)?;
                    service.detach_repository(&repo).await.map_err(fail)?;
                    roles.forget_object(&repo).await.map_err(fail)?;
                }
            }
            Ok(vec![])
        })
    });
    submit(app, caller, DELETE, locks, task).await
}
