//! `/pulp/api/v3/repositories/container/container-push/`: push repositories (a push creates them). List, show,
//! update (`description`, `retain_repo_versions`, `pulp_labels`; the name is the pushed name and stays),
//! `versions/`, and Pulp's content actions `tag/`, `untag/` and `remove_image/`: each validates at once (400
//! with the field's message, also when the tag or manifest is not in the latest version) and answers 202
//! `{"task": href}`; the task makes the new version and lists it in `created_resources`.
//!
//! Permissions come from the namespace (the first segment of the name), as in Pulp: viewing needs
//! `namespace_view`, changing `namespace_change`, the content actions `namespace_modify_content`; staff may
//! everything.

use super::distributions::submit;
use super::page;
use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::auth::Identity;
use crate::body::{Body, Mode};
use crate::content::{edit, RepositoryKind, RepositoryRecord};
use crate::error::Error;
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, JsonBody, QueryMap, Typed};
use crate::listing::{ListParams, Visible};
use crate::namespaces::namespace_of;
use crate::tasks::{Resource, TaskBody, TaskFailure};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::{get, post};
use axum::Json;
use pulp_shared::api;
use pulp_shared::href;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::Arc;

/// Pulp's task names of the content actions.
const TAG: &str = "pulp_container.app.tasks.tag.tag_image";
const UNTAG: &str = "pulp_container.app.tasks.untag.untag_image";
const REMOVE_IMAGE: &str = "pulp_container.app.tasks.recursive_remove.recursive_remove_content";

pub fn routes() -> super::Routes {
    let base = href::PUSH_REPOSITORIES;
    super::Routes::new()
        .route(base, get(list))
        .route(
            &format!("{base}{{id}}/"),
            get(show).put(replace).patch(update),
        )
        .route(&format!("{base}{{id}}/versions/"), get(versions))
        .route(
            &format!("{base}{{id}}/versions/{{number}}/"),
            get(version).delete(delete_version),
        )
        .route(&format!("{base}{{id}}/tag/"), post(tag))
        .route(&format!("{base}{{id}}/untag/"), post(untag))
        .route(&format!("{base}{{id}}/remove_image/"), post(remove_image))
}

/// The push repository `id`, after checking that `who` may do `action` (a namespace action) in its namespace.
async fn authorized(
    app: &App,
    who: &Identity,
    id: &str,
    action: Action,
) -> ApiResult<RepositoryRecord> {
    let record = app
        .repositories
        .get_kind(uuid_id(id)?, RepositoryKind::Push)
        .await?;
    let namespace = app.namespaces.by_name(namespace_of(&record.name)).await?;
    app.policy
        .require(
            who,
            Model::ContainerNamespace,
            action,
            namespace.map(|n| n.href()).as_deref(),
        )
        .await?;
    Ok(record)
}

async fn list(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::PushRepository>>> {
    let params = ListParams::parse(&q)?;
    let visible = app
        .policy
        .objects_allowing(
            &caller.identity,
            Model::ContainerNamespace,
            Action::NamespaceView,
        )
        .await?;
    let names: Option<HashSet<String>> = match visible {
        Visible::All => None,
        Visible::Only(hrefs) => {
            let mut names = HashSet::new();
            for h in hrefs {
                if let Ok(n) = app.namespaces.resolve_href(&h).await {
                    names.insert(n.name);
                }
            }
            Some(names)
        }
    };
    let window = app
        .repositories
        .list_kind_where(
            &params,
            RepositoryKind::Push,
            names.map(|names| move |r: &RepositoryRecord| names.contains(namespace_of(&r.name))),
        )
        .await?;
    page(app.scheme(), &uri, &headers, &params, window, |r| {
        r.to_push_api()
    })
}

async fn show(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<api::PushRepository>> {
    Ok(Json(
        authorized(&app, &caller.identity, &id, Action::NamespaceView)
            .await?
            .to_push_api(),
    ))
}

async fn replace(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::RepositoryWrite>,
) -> ApiResult<Json<api::PushRepository>> {
    write(&app, &caller.identity, &id, &body, Mode::Full).await
}

async fn update(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::RepositoryWrite>,
) -> ApiResult<Json<api::PushRepository>> {
    write(&app, &caller.identity, &id, &body, Mode::Partial).await
}

async fn write(
    app: &App,
    who: &Identity,
    id: &str,
    body: &api::RepositoryWrite,
    mode: Mode,
) -> ApiResult<Json<api::PushRepository>> {
    let record = authorized(app, who, id, Action::NamespaceChange).await?;
    let record = app.repositories.update(&record.id, body, mode).await?;
    app.store.flush().await?;
    Ok(Json(record.to_push_api()))
}

async fn versions(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::RepositoryVersion>>> {
    let params = ListParams::parse(&q)?;
    let record = authorized(&app, &caller.identity, &id, Action::NamespaceView).await?;
    let window = app.repositories.versions(&record.id, &params).await?;
    page(app.scheme(), &uri, &headers, &params, window, |v| {
        v.to_api()
    })
}

async fn version(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path((id, number)): Path<(String, String)>,
) -> ApiResult<Json<api::RepositoryVersion>> {
    let number = number
        .parse()
        .map_err(|_| crate::http::error::not_found())?;
    let record = authorized(&app, &caller.identity, &id, Action::NamespaceView).await?;
    Ok(Json(
        app.repositories.version(&record.id, number).await?.to_api(),
    ))
}

/// Deleting a version changes the repository's content history: the namespace's `namespace_modify_content`.
async fn delete_version(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path((id, number)): Path<(String, String)>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id, Action::NamespaceModifyContent).await?;
    super::versions::submit_delete(&app, &caller, record, &number).await
}

/// What a content action asks for, validated (also `tag/` and `untag/` of sync repositories).
enum Change {
    Tag { tag: String, digest: String },
    Untag { tag: String },
    RemoveImage { digest: String },
}

impl Change {
    /// Reads the body of `tag/` (`untag/` without `digest`, `remove_image/` without `tag`).
    fn parse(
        body: &Value,
        tag: bool,
        digest: bool,
    ) -> crate::error::Result<(Option<String>, Option<String>)> {
        let mut b = Body::new(body, Mode::Full)?;
        let tag = tag.then(|| b.required_string("tag")).flatten();
        if let Some(t) = &tag {
            if !crate::names::is_tag(t) {
                b.error(
                    "tag",
                    "Enter a valid tag: letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'.",
                );
            }
        }
        let digest = digest.then(|| b.required_string("digest")).flatten();
        if let Some(d) = &digest {
            if crate::blobs::Digest::parse(d).is_err() {
                b.error(
                    "digest",
                    format!("{d:?} is not a digest (sha256:<64 hex digits>)."),
                );
            }
        }
        b.finish()?;
        Ok((tag, digest))
    }

    /// Checks the change against `content` (the latest version), so an impossible one is a 400, not a failed
    /// task. The task checks again against the version it builds on.
    fn check(&self, content: &crate::content::VersionContent) -> crate::error::Result<()> {
        match self {
            Change::Tag { tag, digest } => edit::tag(content, tag, digest).map(drop),
            Change::Untag { tag } => edit::untag(content, tag).map(drop),
            Change::RemoveImage { digest } => {
                if content.manifests.contains(digest) {
                    Ok(())
                } else {
                    Err(Error::field(
                        "digest",
                        format!(
                            "A manifest with the digest '{digest}' does not exist in the latest repository version."
                        ),
                    ))
                }
            }
        }
    }

    fn task_name(&self) -> &'static str {
        match self {
            Change::Tag { .. } => TAG,
            Change::Untag { .. } => UNTAG,
            Change::RemoveImage { .. } => REMOVE_IMAGE,
        }
    }
}

async fn tag(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id, Action::NamespaceModifyContent).await?;
    submit_tag(&app, &caller, record, &body).await
}

/// `tag/` of `record` (either repository kind), the caller authorized: the body checked, then the task.
pub(super) async fn submit_tag(
    app: &App,
    caller: &Caller,
    record: RepositoryRecord,
    body: &Value,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let (tag, digest) = Change::parse(body, true, true)?;
    let change = Change::Tag {
        tag: tag.unwrap_or_default(),
        digest: digest.unwrap_or_default(),
    };
    submit_change(app, caller, record, change).await
}

async fn untag(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id, Action::NamespaceModifyContent).await?;
    submit_untag(&app, &caller, record, &body).await
}

/// `untag/` of `record` (either repository kind), the caller authorized.
pub(super) async fn submit_untag(
    app: &App,
    caller: &Caller,
    record: RepositoryRecord,
    body: &Value,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let (tag, _) = Change::parse(body, true, false)?;
    let change = Change::Untag {
        tag: tag.unwrap_or_default(),
    };
    submit_change(app, caller, record, change).await
}

async fn remove_image(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id, Action::NamespaceModifyContent).await?;
    let (_, digest) = Change::parse(&body, false, true)?;
    let change = Change::RemoveImage {
        digest: digest.unwrap_or_default(),
    };
    submit_change(&app, &caller, record, change).await
}

/// Checks `change` against the latest version of `record`, then submits the task that makes the new version.
async fn submit_change(
    app: &App,
    caller: &Caller,
    record: RepositoryRecord,
    change: Change,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    change.check(&*app.repositories.latest_content(&record.id).await?)?;
    let name = change.task_name();
    let repositories = app.repositories.clone();
    let locks = vec![Resource::exclusive(record.href())];
    let task: TaskBody = Box::new(move |_ctx| {
        Box::pin(async move {
            let id = record.id.as_str();
            let made = match &change {
                Change::Tag { tag, digest } => repositories.tag(id, tag, digest).await,
                Change::Untag { tag } => repositories.untag(id, tag).await,
                Change::RemoveImage { digest } => repositories.remove_image(id, digest).await,
            }
            .map_err(|e| TaskFailure(failure_text(&record.name, e)))?;
            Ok(made.into_iter().map(|v| v.href()).collect())
        })
    });
    submit(app, caller, name, locks, task).await
}

/// The task error of a content action on repository `name`: a field error reads as its message.
pub(super) fn failure_text(name: &str, e: Error) -> String {
    match e {
        Error::Invalid(fields) => {
            let messages: Vec<String> = fields.into_values().flatten().collect();
            format!("repository {name:?}: {}", messages.join(" "))
        }
        e => format!("repository {name:?}: {e}"),
    }
}
