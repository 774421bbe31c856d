//! `/pulp/api/v3/pulp_container/namespaces/`: list, show, create (201) and delete (202, a task), as Pulp has
//! them. Creating needs `container.add_containernamespace` (the namespace creator role; staff always) and makes
//! the creator the owner; deleting needs `delete` on the namespace and takes its push repositories and their
//! distributions with it (Pulp's cascade).

use super::distributions::submit;
use super::page;
use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::auth::Identity;
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, JsonBody, QueryMap};
use crate::listing::ListParams;
use crate::namespaces::NamespaceRecord;
use crate::tasks::{Resource, TaskBody, TaskFailure};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::get;
use axum::Json;
use pulp_shared::api;
use pulp_shared::href;
use std::sync::Arc;

const MODEL: Model = Model::ContainerNamespace;

/// Pulp's name of the generic delete task.
const DELETE: &str = "pulpcore.app.tasks.base.general_delete";

pub fn routes() -> super::Routes {
    super::Routes::new()
        .route(href::NAMESPACES, get(list).post(create))
        .route(
            &format!("{}{{id}}/", href::NAMESPACES),
            get(show).delete(remove),
        )
}

/// The namespace `id`, after checking that `who` may do `action` on it.
async fn authorized(
    app: &App,
    who: &Identity,
    id: &str,
    action: Action,
) -> ApiResult<NamespaceRecord> {
    let record = app.namespaces.get(uuid_id(id)?).await?;
    app.policy
        .require(who, MODEL, action, Some(&record.href()))
        .await?;
    Ok(record)
}

async fn list(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::Namespace>>> {
    let params = ListParams::parse(&q)?;
    let visible = app.policy.visible(&caller.identity, MODEL).await?;
    let window = app.namespaces.list(&params, &visible).await?;
    page(app.scheme(), &uri, &headers, &params, window, |n| {
        n.to_api()
    })
}

async fn show(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<api::Namespace>> {
    Ok(Json(
        authorized(&app, &caller.identity, &id, Action::View)
            .await?
            .to_api(),
    ))
}

async fn create(
    State(app): State<Arc<App>>,
    caller: Caller,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::Namespace>)> {
    app.policy
        .require(&caller.identity, MODEL, Action::Add, None)
        .await?;
    let record = app
        .namespaces
        .create_with(&body, async |n| {
            app.policy.make_owner(&caller.identity, &n.href()).await
        })
        .await?;
    app.store.flush().await?;
    Ok((StatusCode::CREATED, Json(record.to_api())))
}

async fn remove(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id, Action::Delete).await?;
    let locks = vec![Resource::exclusive(record.href())];
    let (namespaces, repositories, distributions, roles) = (
        app.namespaces.clone(),
        app.repositories.clone(),
        app.distributions.clone(),
        app.policy.roles().clone(),
    );
    let task: TaskBody = Box::new(move |_ctx| {
        Box::pin(async move {
            let fail = |e: crate::error::Error| {
                TaskFailure(format!("could not delete namespace {:?}: {e}", record.name))
            };
            let gone = namespaces
                .delete_with_contents(&record.id, &repositories, &distributions)
                .await
                .map_err(fail)?;
            for object in gone {
                roles.forget_object(&object).await.map_err(fail)?;
            }
            Ok(vec![])
        })
    });
    submit(&app, &caller, DELETE, locks, task).await
}
