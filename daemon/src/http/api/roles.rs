//! Role management, as Pulp has it:
//! - on each object: `{href}add_role/`, `{href}remove_role/` (`{"role", "users", "groups"}`, answered 201 with the
//!   same shape), `{href}list_roles/` and `{href}my_permissions/`, for repositories, remotes, distributions (both
//!   kinds), pull-through remotes, namespaces and tasks. Managing roles needs the object's `manage_roles` permission (its
//!   owner has it); `my_permissions` needs to see the object;
//! - per user: `/pulp/api/v3/users/{id}/roles/` (list, create `{"role", "content_object"}`) and
//!   `/pulp/api/v3/users/{id}/roles/{uuid}/` (read, delete). Only staff give and take roles this way; a user may
//!   read their own.
//!
//! pulpd has no groups: a non-empty `groups` names a group that does not exist (400), as Pulp answers for an
//! unknown group.

use super::page;
use crate::app::App;
use crate::auth::roles::{self, Assignment, Model, RoleDef};
use crate::auth::UserRecord;
use crate::body::{Body, Mode};
use crate::error::Error;
use crate::http::error::{not_found, ApiResult};
use crate::http::extract::{uuid_id, Caller, JsonBody, QueryMap};
use crate::listing::{self, ListParams};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::{get, post};
use axum::Json;
use pulp_shared::api::{self, MyPermissions, NestedRole, ObjectRoles};
use pulp_shared::href;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The models whose objects have role endpoints.
const OBJECT_MODELS: [Model; 7] = [
    Model::ContainerRepository,
    Model::ContainerRemote,
    Model::ContainerDistribution,
    Model::ContainerPullThroughRemote,
    Model::ContainerPullThroughDistribution,
    Model::ContainerNamespace,
    Model::Task,
];

pub fn routes() -> super::Routes {
    let mut router = super::Routes::new()
        .route(
            "/pulp/api/v3/users/{id}/roles/",
            get(list_user_roles).post(create_user_role),
        )
        .route(
            "/pulp/api/v3/users/{id}/roles/{uuid}/",
            get(show_user_role).delete(remove_user_role),
        );
    for model in OBJECT_MODELS {
        let base = model.collection();
        router =
            router
                .route(&format!("{base}{{id}}/add_role/"), change(model, true))
                .route(&format!("{base}{{id}}/remove_role/"), change(model, false))
                .route(
                    &format!("{base}{{id}}/list_roles/"),
                    get(
                        move |State(app): State<Arc<App>>,
                              caller: Caller,
                              Path(id): Path<String>| async move {
                            list_roles(&app, &caller, model, &id).await
                        },
                    ),
                )
                .route(
                    &format!("{base}{{id}}/my_permissions/"),
                    get(
                        move |State(app): State<Arc<App>>,
                              caller: Caller,
                              Path(id): Path<String>| async move {
                            my_permissions(&app, &caller, model, &id).await
                        },
                    ),
                );
    }
    router
}

/// The `add_role/` (`add`) or `remove_role/` route of objects of `model`.
fn change(model: Model, add: bool) -> axum::routing::MethodRouter<Arc<App>> {
    post(
        move |State(app): State<Arc<App>>,
              caller: Caller,
              Path(id): Path<String>,
              JsonBody(body): JsonBody| async move {
            change_roles(&app, &caller, model, &id, &body, add).await
        },
    )
}

/// The href of object `id` of `model`, or 404 when there is none.
async fn object_href(app: &App, model: Model, id: &str) -> ApiResult<String> {
    let id = uuid_id(id)?;
    Ok(match model {
        Model::ContainerRepository => app
            .repositories
            .get_kind(id, crate::content::RepositoryKind::Container)
            .await?
            .href(),
        Model::ContainerRemote => app.remotes.get(id).await?.href(),
        Model::ContainerDistribution => app.distributions.get(id).await?.href(),
        Model::ContainerPullThroughRemote => app.pull_through_remotes.get(id).await?.href(),
        Model::ContainerPullThroughDistribution => {
            app.distributions.get_pull_through(id).await?.href()
        }
        Model::Task => app.tasks.get(id).await?.href(),
        Model::ContainerNamespace => app.namespaces.get(id).await?.href(),
    })
}

/// Whether the object `object` exists (an href of `model`).
async fn object_exists(app: &App, model: Model, object: &str) -> ApiResult<bool> {
    let Some(id) = object
        .strip_prefix(model.collection())
        .and_then(|rest| rest.strip_suffix('/'))
    else {
        return Ok(false);
    };
    match object_href(app, model, id).await {
        Ok(_) => Ok(true),
        Err(crate::http::error::ApiError::Domain(Error::NotFound { .. })) => Ok(false),
        Err(crate::http::error::ApiError::Detail(StatusCode::NOT_FOUND, _)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The role a body names, checked to apply to `model`; errors are recorded on `role`.
fn role_field(b: &mut Body<'_>, model: Option<Model>) -> Option<&'static RoleDef> {
    let name = b.required_string("role")?;
    match roles::role(&name) {
        None => {
            b.error("role", format!("Object with name={name} does not exist."));
            None
        }
        Some(def) if model.is_some_and(|m| m != def.model) => {
            b.error(
                "role",
                format!("The role '{name}' does not carry any permission for that object."),
            );
            None
        }
        Some(def) => Some(def),
    }
}

/// `add_role/` (`add`) and `remove_role/`.
async fn change_roles(
    app: &App,
    caller: &Caller,
    model: Model,
    id: &str,
    body: &Value,
    add: bool,
) -> ApiResult<(StatusCode, Json<NestedRole>)> {
    let object = object_href(app, model, id).await?;
    app.policy
        .require(
            &caller.identity,
            model,
            roles::Action::ManageRoles,
            Some(&object),
        )
        .await?;
    let mut b = Body::new(body, Mode::Full)?;
    let role = role_field(&mut b, Some(model));
    let users_given = b
        .nullable_string_list("users")
        .flatten()
        .unwrap_or_default();
    let groups = b
        .nullable_string_list("groups")
        .flatten()
        .unwrap_or_default();
    if let Some(group) = groups.first() {
        b.error(
            "groups",
            format!("Object with name={group} does not exist."),
        );
    }
    let mut users: Vec<UserRecord> = Vec::new();
    for name in &users_given {
        match app.auth.by_name(name).await? {
            Some(u) => users.push(u),
            None => b.error(
                "users",
                format!("Object with username={name} does not exist."),
            ),
        }
    }
    if users_given.is_empty() && groups.is_empty() && !b.has_error("role") {
        b.error(
            "non_field_errors",
            "Either 'users' or 'groups' need to be specified.",
        );
    }
    b.finish()?;
    let role = role.expect("a body without errors names a role");
    // Refuse the whole request when any user is already (add) or not (remove) holding the role, as Pulp does.
    let assigned = app.policy.roles().on_object(Some(&object)).await?;
    let wrong: Vec<&str> = users
        .iter()
        .filter(|u| {
            let holds = assigned
                .iter()
                .any(|a| a.user_id == u.id && a.role == role.name);
            holds == add
        })
        .map(|u| u.username.as_str())
        .collect();
    if !wrong.is_empty() {
        let verb = if add { "already" } else { "not" };
        return Err(Error::field(
            "non_field_errors",
            format!(
                "The role '{}' is {verb} assigned to the users '{}'.",
                role.name,
                wrong.join(", ")
            ),
        )
        .into());
    }
    for user in &users {
        if add {
            app.policy
                .roles()
                .assign(user.id, role, Some(&object))
                .await?;
        } else {
            app.policy
                .roles()
                .unassign(user.id, role.name, Some(&object))
                .await?;
        }
    }
    app.store.flush().await?;
    Ok((
        StatusCode::CREATED,
        Json(NestedRole {
            role: role.name.to_string(),
            users: users.into_iter().map(|u| u.username).collect(),
            groups: Vec::new(),
        }),
    ))
}

/// `list_roles/`: the object's roles and who holds them.
async fn list_roles(
    app: &App,
    caller: &Caller,
    model: Model,
    id: &str,
) -> ApiResult<Json<ObjectRoles>> {
    let object = object_href(app, model, id).await?;
    app.policy
        .require(
            &caller.identity,
            model,
            roles::Action::ManageRoles,
            Some(&object),
        )
        .await?;
    let names: BTreeMap<u64, String> = app
        .auth
        .list(&ListParams {
            limit: usize::MAX / 2,
            ..ListParams::default()
        })
        .await?
        .items
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    let mut by_role: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in app.policy.roles().on_object(Some(&object)).await? {
        if let Some(name) = names.get(&a.user_id) {
            by_role.entry(a.role).or_default().push(name.clone());
        }
    }
    Ok(Json(ObjectRoles {
        roles: by_role
            .into_iter()
            .map(|(role, mut users)| {
                users.sort();
                NestedRole {
                    role,
                    users,
                    groups: Vec::new(),
                }
            })
            .collect(),
    }))
}

/// `my_permissions/`: what the caller may do with the object.
async fn my_permissions(
    app: &App,
    caller: &Caller,
    model: Model,
    id: &str,
) -> ApiResult<Json<MyPermissions>> {
    let object = object_href(app, model, id).await?;
    let permissions = app.policy.permissions_on(&caller.identity, &object).await?;
    // A task's creator holds core.task_owner implicitly (see auth::policy).
    let permissions = if model == Model::Task && permissions.is_empty() {
        let task = app.tasks.get(uuid_id(id)?).await?;
        if task.created_by.as_deref() == Some(caller.identity.href.as_str()) {
            roles::owner_role(Model::Task).permissions()
        } else {
            permissions
        }
    } else {
        permissions
    };
    Ok(Json(MyPermissions { permissions }))
}

/// The user `id` of a `/users/{id}/roles/` path, when the caller may read its roles (staff, or the user).
async fn role_owner(app: &App, caller: &Caller, id: &str, write: bool) -> ApiResult<UserRecord> {
    let id: u64 = id.parse().map_err(|_| not_found())?;
    let allowed = caller.identity.is_staff || (!write && caller.identity.id == id);
    if !allowed {
        return Err(Error::Forbidden.into());
    }
    Ok(app.auth.get(id).await?)
}

/// The API form of an assignment.
fn user_role(a: &Assignment) -> api::UserRole {
    let def = a.definition();
    api::UserRole {
        pulp_href: a.href(),
        prn: format!("prn:core.userrole:{}", a.uuid()),
        pulp_created: a.created.clone(),
        role: a.role.clone(),
        content_object: a.object.clone(),
        content_object_prn: a.object.as_deref().and_then(|o| {
            let model = Model::of_href(o)?;
            let id = o.strip_prefix(model.collection())?.trim_end_matches('/');
            Some(format!("prn:{}:{id}", model.label()))
        }),
        description: def.map(|d| d.description.to_string()).unwrap_or_default(),
        permissions: def.map(RoleDef::permissions).unwrap_or_default(),
        domain: None,
    }
}

async fn list_user_roles(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    QueryMap(q): QueryMap,
    uri: Uri,
    headers: HeaderMap,
) -> ApiResult<Json<api::Page<api::UserRole>>> {
    let user = role_owner(&app, &caller, &id, false).await?;
    let params = ListParams::parse(&q)?;
    let assignments = app.policy.roles().of_user(user.id).await?;
    let window = listing::window(
        listing::FromIter(assignments.into_iter()),
        &params,
        None,
        |a| {
            params.filter("role").is_none_or(|r| a.role == r)
                && params
                    .filter("content_object")
                    .is_none_or(|o| a.object.as_deref().unwrap_or("null") == o)
        },
    )
    .await?;
    page(app.scheme(), &uri, &headers, &params, window, user_role)
}

async fn create_user_role(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<(StatusCode, Json<api::UserRole>)> {
    let user = role_owner(&app, &caller, &id, true).await?;
    let mut b = Body::new(&body, Mode::Full)?;
    let role = role_field(&mut b, None);
    let object = match b.nullable_string("content_object") {
        None if b.has("content_object") => None,
        None => {
            b.error("content_object", crate::body::REQUIRED);
            None
        }
        Some(None) => None,
        Some(Some(h)) => {
            let path = h
                .find(href::API_ROOT)
                .map_or(h.as_str(), |at| &h[at..])
                .to_string();
            match (Model::of_href(&path), role) {
                (Some(model), Some(role)) if model == role.model => {
                    if object_exists(&app, model, &path).await? {
                        Some(path)
                    } else {
                        b.error(
                            "content_object",
                            "Invalid hyperlink - Object does not exist.",
                        );
                        None
                    }
                }
                (Some(_), Some(role)) => {
                    b.error(
                        "content_object",
                        format!(
                            "The role '{}' does not carry any permission for that object.",
                            role.name
                        ),
                    );
                    None
                }
                (None, _) => {
                    b.error("content_object", "Invalid hyperlink - No URL match.");
                    None
                }
                (Some(_), None) => None,
            }
        }
    };
    b.finish()?;
    let role = role.expect("a body without errors names a role");
    let Some(assignment) = app
        .policy
        .roles()
        .assign(user.id, role, object.as_deref())
        .await?
    else {
        return Err(Error::field(
            "non_field_errors",
            format!(
                "The role '{}' is already assigned to the user '{}'.",
                role.name, user.username
            ),
        )
        .into());
    };
    app.store.flush().await?;
    Ok((StatusCode::CREATED, Json(user_role(&assignment))))
}

async fn show_user_role(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path((id, uuid)): Path<(String, String)>,
) -> ApiResult<Json<api::UserRole>> {
    let user = role_owner(&app, &caller, &id, false).await?;
    Ok(Json(user_role(
        &app.policy.roles().get(user.id, uuid_id(&uuid)?).await?,
    )))
}

async fn remove_user_role(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path((id, uuid)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let user = role_owner(&app, &caller, &id, true).await?;
    let assignment = app.policy.roles().get(user.id, uuid_id(&uuid)?).await?;
    app.policy.roles().remove(&assignment).await?;
    app.store.flush().await?;
    Ok(StatusCode::NO_CONTENT)
}
