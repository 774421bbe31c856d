//! `/pulp/api/v3/remotes/container/pull-through/` (synchronous, like container remotes) and
//! `/pulp/api/v3/distributions/container/pull-through/` (create, update and delete validate at once, then answer
//! 202 with a task, like container distributions). Every action is checked against the caller's roles
//! (`auth::policy`); the creator owns what they create.

use super::distributions::{
    require, require_sources, submit_create, submit_delete, submit_replace,
};
use super::{page, remote_updated};
use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::body::Mode;
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, QueryMap, Typed};
use crate::listing::ListParams;
use crate::pull_through::remotes::PullThroughRemote;
use crate::pull_through::{distribution_to_api, PullThroughDistribution};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Json;
use pulp_shared::api::{self, PullThroughRemoteWrite};
use std::sync::Arc;

pub fn routes() -> super::Routes {
    let remotes = "/pulp/api/v3/remotes/container/pull-through";
    let distributions = "/pulp/api/v3/distributions/container/pull-through";
    super::Routes::new()
        .route(
            &format!("{remotes}/"),
            get(list_remotes).post(create_remote),
        )
        .route(
            &format!("{remotes}/{{id}}/"),
            get(show_remote)
                .put(replace_remote)
                .patch(update_remote)
                .delete(remove_remote),
        )
        .route(
            &format!("{distributions}/"),
            get(list_distributions).post(create_distribution),
        )
        .route(
            &format!("{distributions}/{{id}}/"),
            get(show_distribution)
                .put(replace_distribution)
                .patch(update_distribution)
                .delete(remove_distribution),
        )
}

const REMOTE: Model = Model::ContainerPullThroughRemote;

async fn list_remotes(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<PullThroughRemote>>> {
    let params = ListParams::parse(&q)?;
    let visible = app.policy.visible(&caller.identity, REMOTE).await?;
    let window = app.pull_through_remotes.list(&params, &visible).await?;
    page(app.scheme(), &uri, &headers, &params, window, |r| {
        r.to_api()
    })
}

async fn create_remote(
    State(app): State<Arc<App>>,
    caller: Caller,
    Typed(body): Typed<PullThroughRemoteWrite>,
) -> ApiResult<impl IntoResponse> {
    app.policy
        .require(&caller.identity, REMOTE, Action::Add, None)
        .await?;
    let record = app
        .pull_through_remotes
        .create_with(&body, async |r| {
            app.policy.make_owner(&caller.identity, &r.href()).await
        })
        .await?;
    app.store.flush().await?;
    Ok((StatusCode::CREATED, Json(record.to_api())))
}

/// The pull-through remote `id`, after checking that the caller may do `action` on it.
async fn authorized_remote(
    app: &App,
    caller: &Caller,
    id: &str,
    action: Action,
) -> ApiResult<crate::pull_through::remotes::PullThroughRemoteRecord> {
    let record = app.pull_through_remotes.get(uuid_id(id)?).await?;
    app.policy
        .require(&caller.identity, REMOTE, action, Some(&record.href()))
        .await?;
    Ok(record)
}

async fn show_remote(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<PullThroughRemote>> {
    Ok(Json(
        authorized_remote(&app, &caller, &id, Action::View)
            .await?
            .to_api(),
    ))
}

async fn write_remote(
    app: Arc<App>,
    caller: Caller,
    id: String,
    body: PullThroughRemoteWrite,
    mode: Mode,
) -> ApiResult<Response> {
    let record = authorized_remote(&app, &caller, &id, Action::Change).await?;
    let updated = app
        .pull_through_remotes
        .update(&record.id, &body, mode)
        .await?;
    app.store.flush().await?;
    app.pull_through.apply_retention(updated.record.clone());
    Ok(remote_updated(updated, |r| r.to_api()))
}

async fn replace_remote(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<PullThroughRemoteWrite>,
) -> ApiResult<Response> {
    write_remote(app, caller, id, body, Mode::Full).await
}

async fn update_remote(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<PullThroughRemoteWrite>,
) -> ApiResult<Response> {
    write_remote(app, caller, id, body, Mode::Partial).await
}

async fn remove_remote(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let record = authorized_remote(&app, &caller, &id, Action::Delete).await?;
    let href = record.href();
    let in_use = app
        .distributions
        .list_pull_through(
            &ListParams {
                limit: usize::MAX / 2,
                ..ListParams::default()
            },
            &crate::listing::Visible::All,
        )
        .await?
        .items
        .iter()
        .any(|d| d.remote.as_deref() == Some(href.as_str()));
    app.pull_through_remotes.delete(&record.id, in_use).await?;
    app.policy.roles().forget_object(&href).await?;
    app.store.flush().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Resolves the `remote` field of a pull-through distribution body.
fn remote_href<'a>(
    app: &'a App,
) -> impl Fn(String) -> crate::store::BoxFuture<'a, Result<String, String>> + Send + Sync + 'a {
    move |h| {
        Box::pin(async move {
            app.pull_through_remotes
                .resolve_href(&h)
                .await
                .map(|r| r.href())
        })
    }
}

async fn to_api(
    app: &App,
    d: &crate::distributions::DistributionRecord,
) -> ApiResult<PullThroughDistribution> {
    Ok(distribution_to_api(
        d,
        &app.distributions.children(&d.id).await?,
    ))
}

async fn list_distributions(
    State(app): State<Arc<App>>,
    caller: Caller,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<PullThroughDistribution>>> {
    let params = ListParams::parse(&q)?;
    let visible = app
        .policy
        .visible(&caller.identity, Model::ContainerPullThroughDistribution)
        .await?;
    let window = app
        .distributions
        .list_pull_through(&params, &visible)
        .await?;
    let mut children = std::collections::HashMap::new();
    for d in &window.items {
        children.insert(d.id.clone(), app.distributions.children(&d.id).await?);
    }
    page(app.scheme(), &uri, &headers, &params, window, |d| {
        distribution_to_api(d, children.get(&d.id).map_or(&[], Vec::as_slice))
    })
}

async fn show_distribution(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<PullThroughDistribution>> {
    let d = app.distributions.get_pull_through(uuid_id(&id)?).await?;
    require(&app, &caller.identity, &d, Action::View).await?;
    Ok(Json(to_api(&app, &d).await?))
}

async fn create_distribution(
    State(app): State<Arc<App>>,
    caller: Caller,
    Typed(body): Typed<api::PullThroughDistributionWrite>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    app.policy
        .require(
            &caller.identity,
            Model::ContainerPullThroughDistribution,
            Action::Add,
            None,
        )
        .await?;
    let record = app
        .distributions
        .validate_create_pull_through(&body, &remote_href(&app))
        .await?;
    require_sources(&app, &caller.identity, &record).await?;
    submit_create(&app, &caller, record, "pull-through distribution").await
}

async fn write_distribution(
    app: Arc<App>,
    caller: Caller,
    id: String,
    body: api::PullThroughDistributionWrite,
    mode: Mode,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let id = uuid_id(&id)?;
    require(
        &app,
        &caller.identity,
        &app.distributions.get_pull_through(id).await?,
        Action::Change,
    )
    .await?;
    let (old, record) = app
        .distributions
        .validate_update_pull_through(id, &body, mode, &remote_href(&app))
        .await?;
    require_sources(&app, &caller.identity, &record).await?;
    submit_replace(&app, &caller, old, record, "pull-through distribution").await
}

async fn replace_distribution(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::PullThroughDistributionWrite>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    write_distribution(app, caller, id, body, Mode::Full).await
}

async fn update_distribution(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    Typed(body): Typed<api::PullThroughDistributionWrite>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    write_distribution(app, caller, id, body, Mode::Partial).await
}

async fn remove_distribution(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<api::TaskResponse>)> {
    let record = app.distributions.get_pull_through(uuid_id(&id)?).await?;
    require(&app, &caller.identity, &record, Action::Delete).await?;
    submit_delete(&app, &caller, record, "pull-through distribution").await
}
