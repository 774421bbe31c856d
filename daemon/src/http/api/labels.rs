//! `set_label/` and `unset_label/` on container repositories and remotes (what pulp-cli's `label set|unset`
//! calls): one label changed through the resource's partial update, so the same label checks apply. The
//! caller needs the change permission on the object.

use crate::app::App;
use crate::auth::roles::{Action, Model};
use crate::body::Mode;
use crate::content::RepositoryKind;
use crate::error::Error;
use crate::http::error::ApiResult;
use crate::http::extract::{uuid_id, Caller, JsonBody};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Json;
use pulp_shared::api::{Labels, SetLabel, UnsetLabel};
use pulp_shared::href;
use serde_json::Value;
use std::sync::Arc;

/// The objects with labels these endpoints change.
#[derive(Clone, Copy)]
enum Labelled {
    Repository,
    Remote,
}

/// Which of the two actions.
#[derive(Clone, Copy)]
enum Change {
    Set,
    Unset,
}

pub fn routes() -> super::Routes {
    let mut routes = super::Routes::new();
    for (kind, collection) in [
        (Labelled::Repository, href::REPOSITORIES),
        (Labelled::Remote, href::REMOTES),
    ] {
        for (action, change) in [("set_label", Change::Set), ("unset_label", Change::Unset)] {
            routes = routes.route(
                &format!("{collection}{{id}}/{action}/"),
                post(
                    move |State(app): State<Arc<App>>,
                          caller: Caller,
                          Path(id): Path<String>,
                          JsonBody(body): JsonBody| async move {
                        match change {
                            Change::Set => set(&app, &caller, kind, &id, &body).await,
                            Change::Unset => unset(&app, &caller, kind, &id, &body).await,
                        }
                    },
                ),
            );
        }
    }
    routes
}

/// A non-empty string field of `body`, with Pulp's field errors.
fn string_field(body: &Value, field: &str) -> Result<String, Error> {
    match body.get(field) {
        None => Err(Error::field(field, "This field is required.")),
        Some(Value::Null) => Err(Error::field(field, "This field may not be null.")),
        Some(Value::String(s)) if s.is_empty() => {
            Err(Error::field(field, "This field may not be blank."))
        }
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(Error::field(field, "Not a valid string.")),
    }
}

/// The object's labels, after checking that the caller may change it.
async fn labels(app: &App, caller: &Caller, kind: Labelled, id: &str) -> ApiResult<Labels> {
    let id = uuid_id(id)?;
    let (model, href, labels) = match kind {
        Labelled::Repository => {
            let record = app
                .repositories
                .get_kind(id, RepositoryKind::Container)
                .await?;
            let labels = record.to_api().pulp_labels;
            (Model::ContainerRepository, record.href(), labels)
        }
        Labelled::Remote => {
            let record = app.remotes.get(id).await?;
            let labels = record.to_api().pulp_labels;
            (Model::ContainerRemote, record.href(), labels)
        }
    };
    app.policy
        .require(&caller.identity, model, Action::Change, Some(&href))
        .await?;
    Ok(labels)
}

/// Saves `labels` through the object's partial update.
async fn save(app: &App, kind: Labelled, id: &str, labels: Labels) -> ApiResult<()> {
    let id = uuid_id(id)?;
    match kind {
        Labelled::Repository => {
            let body = pulp_shared::api::RepositoryWrite {
                pulp_labels: Some(labels),
                ..Default::default()
            };
            app.repositories.update(id, &body, Mode::Partial).await?;
        }
        Labelled::Remote => {
            let body = pulp_shared::api::RemoteWrite {
                settings: pulp_shared::api::RemoteSettingsWrite {
                    pulp_labels: Some(labels),
                    ..Default::default()
                },
                ..Default::default()
            };
            app.remotes.update(id, &body, Mode::Partial).await?;
        }
    }
    app.store.flush().await?;
    Ok(())
}

async fn set(
    app: &App,
    caller: &Caller,
    kind: Labelled,
    id: &str,
    body: &Value,
) -> ApiResult<(StatusCode, Json<SetLabel>)> {
    let label = SetLabel {
        key: string_field(body, "key")?,
        value: string_field(body, "value")?,
    };
    let mut labels = labels(app, caller, kind, id).await?;
    labels.insert(label.key.clone(), label.value.clone());
    save(app, kind, id, labels).await?;
    Ok((StatusCode::CREATED, Json(label)))
}

async fn unset(
    app: &App,
    caller: &Caller,
    kind: Labelled,
    id: &str,
    body: &Value,
) -> ApiResult<(StatusCode, Json<SetLabel>)> {
    let request = UnsetLabel {
        key: string_field(body, "key")?,
    };
    let mut labels = labels(app, caller, kind, id).await?;
    let Some(value) = labels.remove(&request.key) else {
        return Err(Error::field("key", format!("Label '{}' does not exist.", request.key)).into());
    };
    save(app, kind, id, labels).await?;
    Ok((
        StatusCode::CREATED,
        Json(SetLabel {
            key: request.key,
            value,
        }),
    ))
}
