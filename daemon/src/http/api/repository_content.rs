//! The content actions of sync repositories, as Pulp's container repositories have them: `add/` and
//! `remove/` (recursive: a tag brings its manifest, a manifest its blobs and an index its children; removing
//! takes what only the removed units referenced), `copy_tags/` and `copy_manifests/` from another repository
//! version, and `tag/` / `untag/`. Each checks its body at once (400 with Pulp's field errors, also for hrefs
//! that name nothing) and answers 202 `{"task": href}`; the task makes the new version and lists it in
//! `created_resources` (none when nothing changed).

use super::distributions::submit;
use super::push_repositories::{failure_text, submit_tag, submit_untag};
use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::auth::Identity;
use crate::content::edit::Removal;
use crate::content::units::Unit;
use crate::content::{RepositoryKind, RepositoryRecord, VersionContent, VersionRecord};
use crate::error::Error;
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, JsonBody, Typed};
use crate::tasks::{Resource, TaskBody, TaskFailure};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Json;
use pulp_shared::api;
use pulp_shared::href;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Pulp's task names.
const RECURSIVE_ADD: &str = "pulp_container.app.tasks.recursive_add.recursive_add_content";
const RECURSIVE_REMOVE: &str = "pulp_container.app.tasks.recursive_remove.recursive_remove_content";

pub fn routes() -> super::Routes {
    let base = href::REPOSITORIES;
    super::Routes::new()
        .route(&format!("{base}{{id}}/add/"), post(add))
        .route(&format!("{base}{{id}}/remove/"), post(remove))
        .route(&format!("{base}{{id}}/copy_tags/"), post(copy_tags))
        .route(
            &format!("{base}{{id}}/copy_manifests/"),
            post(copy_manifests),
        )
        .route(&format!("{base}{{id}}/tag/"), post(tag))
        .route(&format!("{base}{{id}}/untag/"), post(untag))
}

/// The sync repository `id`, after checking that `who` may change its content.
async fn authorized(app: &App, who: &Identity, id: &str) -> ApiResult<RepositoryRecord> {
    let record = app
        .repositories
        .get_kind(uuid_id(id)?, RepositoryKind::Container)
        .await?;
    app.policy
        .require(
            who,
            Model::ContainerRepository,
            Action::ModifyContent,
            Some(&record.href()),
        )
        .await?;
    Ok(record)
}

/// The units `hrefs` name; a field error on `content_units` listing those that name none, as Pulp.
async fn units_of(app: &App, hrefs: &[String]) -> Result<Vec<Unit>, Error> {
    let units = app.units();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for h in hrefs {
        match units.resolve_href(h).await? {
            Some(unit) => found.push(unit),
            None => missing.push(h.as_str()),
        }
    }
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(Error::field(
            "content_units",
            format!("Could not find the following content units: {missing:?}"),
        ))
    }
}

/// Submits the task that adds `addition` (worked out in the task: the closure of `units`) to `record`.
async fn submit_add(
    app: &App,
    caller: &Caller,
    record: RepositoryRecord,
    units: Vec<Unit>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let repositories = app.repositories.clone();
    let content = app.repositories.content.clone();
    let all_units = app.units();
    let locks = vec![Resource::exclusive(record.href())];
    let task: TaskBody = Box::new(move |_ctx| {
        Box::pin(async move {
            let fail = |e| TaskFailure(failure_text(&record.name, e));
            // Held from reading the records to naming them in the version: an orphan cleanup does not delete
            // a file in between (see crate::orphans).
            let _writing = content.writing().await;
            let addition = all_units.closure(units).await.map_err(fail)?;
            let made = repositories
                .add_content(&record.id, &addition)
                .await
                .map_err(fail)?;
            Ok(made.into_iter().map(|v| v.href()).collect())
        })
    });
    submit(app, caller, RECURSIVE_ADD, locks, task).await
}

async fn add(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::RecursiveManage>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id).await?;
    let units = units_of(&app, &body.content_units.unwrap_or_default()).await?;
    submit_add(&app, &caller, record, units).await
}

async fn remove(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::RecursiveManage>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id).await?;
    let hrefs = body.content_units.unwrap_or_default();
    let mut removal = Removal::default();
    if hrefs == ["*"] {
        removal.all = true;
    } else {
        for unit in units_of(&app, &hrefs).await? {
            match unit {
                Unit::Tag { name, manifest } => {
                    removal.tags.insert(name, manifest);
                }
                Unit::Manifest(d) => {
                    removal.manifests.insert(d);
                }
                Unit::Blob(d) => {
                    removal.blobs.insert(d);
                }
            }
        }
    }
    let repositories = app.repositories.clone();
    let locks = vec![Resource::exclusive(record.href())];
    let task: TaskBody = Box::new(move |_ctx| {
        Box::pin(async move {
            let made = repositories
                .remove_content(&record.id, &removal)
                .await
                .map_err(|e| TaskFailure(failure_text(&record.name, e)))?;
            Ok(made.into_iter().map(|v| v.href()).collect())
        })
    });
    submit(&app, &caller, RECURSIVE_REMOVE, locks, task).await
}

/// The source version of a copy: `source_repository_version`, or the latest version of `source_repository`
/// (exactly one of them), which the caller must be allowed to view.
async fn source(
    app: &App,
    who: &Identity,
    repository: Option<&str>,
    version: Option<&str>,
) -> Result<VersionRecord, Error> {
    let version_href = match (repository, version) {
        (Some(_), Some(_)) | (None, None) => {
            return Err(Error::field(
                "non_field_errors",
                "Either the 'source_repository' or 'source_repository_version' need to be specified but \
                 not both.",
            ))
        }
        (None, Some(v)) => v.to_string(),
        (Some(r), None) => {
            let repository = app
                .repositories
                .resolve_href(r)
                .await
                .map_err(|msg| Error::field("source_repository", msg))?;
            repository.version_href(repository.latest_version)
        }
    };
    let field = if version.is_some() {
        "source_repository_version"
    } else {
        "source_repository"
    };
    let resolved = app
        .repositories
        .resolve_version_href(&version_href)
        .await
        .map_err(|msg| Error::field(field, msg))?;
    app.policy
        .require_href(who, Action::View, &version_href)
        .await?;
    Ok(resolved)
}

async fn copy_tags(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::TagCopy>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id).await?;
    let from = source(
        &app,
        &caller.identity,
        body.source_repository.as_deref(),
        body.source_repository_version.as_deref(),
    )
    .await?;
    let content = source_content(&app, &from).await?;
    let names: Option<BTreeSet<String>> = body.names.map(|n| n.into_iter().collect());
    let units = content
        .tags
        .iter()
        .filter(|(name, _)| names.as_ref().is_none_or(|n| n.contains(*name)))
        .map(|(name, manifest)| Unit::Tag {
            name: name.clone(),
            manifest: manifest.clone(),
        })
        .collect();
    submit_add(&app, &caller, record, units).await
}

async fn copy_manifests(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::ManifestCopy>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id).await?;
    if let Some(types) = &body.media_types {
        let unknown: Vec<&String> = types
            .iter()
            .filter(|t| !crate::content::model::SUPPORTED_MANIFESTS.contains(&t.as_str()))
            .collect();
        if let Some(t) = unknown.first() {
            return Err(
                Error::field("media_types", format!("\"{t}\" is not a valid choice.")).into(),
            );
        }
    }
    let from = source(
        &app,
        &caller.identity,
        body.source_repository.as_deref(),
        body.source_repository_version.as_deref(),
    )
    .await?;
    let content = source_content(&app, &from).await?;
    let digests: Option<BTreeSet<String>> = body.digests.map(|d| d.into_iter().collect());
    let mut units = Vec::new();
    for digest in &content.manifests {
        if digests.as_ref().is_some_and(|d| !d.contains(digest)) {
            continue;
        }
        if let Some(types) = &body.media_types {
            let media_type = app
                .repositories
                .content
                .manifest_record(digest)
                .await?
                .map(|r| r.media_type);
            if !media_type.is_some_and(|m| types.contains(&m)) {
                continue;
            }
        }
        units.push(Unit::Manifest(digest.clone()));
    }
    submit_add(&app, &caller, record, units).await
}

/// What the source version holds.
async fn source_content(app: &App, v: &VersionRecord) -> Result<Arc<VersionContent>, Error> {
    app.repositories
        .content
        .version(&v.repository_id, v.number)
        .await
}

async fn tag(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id).await?;
    submit_tag(&app, &caller, record, &body).await
}

async fn untag(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = authorized(&app, &caller.identity, &id).await?;
    submit_untag(&app, &caller, record, &body).await
}
