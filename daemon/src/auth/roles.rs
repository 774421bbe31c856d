//! Pulp's roles: the catalogue of built-in ("locked") roles pulpd knows, and the store of who holds which role,
//! globally or on one object.
//!
//! A role is a named set of permissions (`container.view_containerrepository`, …) for one model. An
//! [`Assignment`] gives a user a role either on one object (`content_object` = its href) or on every object of
//! the role's model (`content_object` = null: a "model-level" role such as `container.containerrepository_creator`,
//! which is how Pulp lets a user create things). The names, permissions and descriptions follow pulp_container
//! 2.30 and pulpcore, so scripts that assign roles to Pulp keep working.
//!
//! This module only stores and looks up; [`super::policy`] decides what a caller may do with them.
//!
//! Storage: one table keyed `<user id, 16 hex digits>/<uuid>` (so a user's assignments are one prefix scan) with a
//! unique index on `<object href>\0<user id>\0<role>` (so an assignment cannot be made twice, and an object's
//! assignments are one prefix scan of the index). Global assignments use an empty object part.

use crate::error::{Error, Result};
use crate::listing::{self, now};
use crate::store::{self, Order, Record, Store, Table};
use pulp_shared::href;
use serde::{Deserialize, Serialize};

/// The models roles apply to, each with the collection its hrefs live under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Model {
    ContainerRepository,
    ContainerRemote,
    ContainerDistribution,
    ContainerPullThroughRemote,
    ContainerPullThroughDistribution,
    ContainerNamespace,
    Task,
}

impl Model {
    /// Every model, in the order `my_permissions` lists them.
    pub const ALL: [Model; 7] = [
        Model::ContainerRepository,
        Model::ContainerRemote,
        Model::ContainerDistribution,
        Model::ContainerPullThroughRemote,
        Model::ContainerPullThroughDistribution,
        Model::ContainerNamespace,
        Model::Task,
    ];

    /// The collection whose hrefs name objects of this model.
    pub fn collection(self) -> &'static str {
        match self {
            Model::ContainerRepository => href::REPOSITORIES,
            Model::ContainerRemote => href::REMOTES,
            Model::ContainerDistribution => href::DISTRIBUTIONS,
            Model::ContainerPullThroughRemote => href::PULL_THROUGH_REMOTES,
            Model::ContainerPullThroughDistribution => href::PULL_THROUGH_DISTRIBUTIONS,
            Model::ContainerNamespace => href::NAMESPACES,
            Model::Task => href::TASKS,
        }
    }

    /// Pulp's model label in PRNs (`prn:container.containerrepository:<id>`).
    pub fn label(self) -> &'static str {
        match self {
            Model::ContainerRepository => "container.containerrepository",
            Model::ContainerRemote => "container.containerremote",
            Model::ContainerDistribution => "container.containerdistribution",
            Model::ContainerPullThroughRemote => "container.containerpullthroughremote",
            Model::ContainerPullThroughDistribution => "container.containerpullthroughdistribution",
            Model::ContainerNamespace => "container.containernamespace",
            Model::Task => "core.task",
        }
    }

    /// The model of the object `h` names (an href of one object: collection + id + `/`).
    pub fn of_href(h: &str) -> Option<Model> {
        let names_one = |collection: &str| {
            h.strip_prefix(collection)
                .and_then(|rest| rest.strip_suffix('/'))
                .is_some_and(|id| !id.is_empty() && !id.contains('/'))
        };
        // Push repositories are repositories too: their roles are the repository roles.
        if names_one(href::PUSH_REPOSITORIES) {
            return Some(Model::ContainerRepository);
        }
        Model::ALL.into_iter().find(|m| names_one(m.collection()))
    }

    /// The permission `action` on this model, as Pulp names it (`container.sync_containerrepository`).
    pub fn permission(self, action: Action) -> String {
        let (app, model) = self.label().split_once('.').expect("labels are app.model");
        match action {
            // The one Pulp permission whose name does not follow `<action>_<model>`.
            Action::DeleteVersions => format!("{app}.delete_{model}_versions"),
            _ => format!("{app}.{}_{model}", action.as_str()),
        }
    }
}

/// What a permission allows, independent of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    View,
    Add,
    Change,
    Delete,
    ManageRoles,
    Sync,
    ModifyContent,
    DeleteVersions,
    BuildImage,
    Pull,
    Push,
    /// Pull a name below a pull-through distribution that is not cached yet.
    PullNew,
    /// Namespace permissions that reach the distributions and push repositories inside the namespace.
    NamespacePull,
    NamespacePush,
    NamespaceAdd,
    NamespaceChange,
    NamespaceView,
    NamespaceDelete,
    NamespaceModifyContent,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::View => "view",
            Action::Add => "add",
            Action::Change => "change",
            Action::Delete => "delete",
            Action::ManageRoles => "manage_roles",
            Action::Sync => "sync",
            Action::ModifyContent => "modify_content",
            Action::DeleteVersions => "delete_versions",
            Action::BuildImage => "build_image",
            Action::Pull => "pull",
            Action::Push => "push",
            Action::PullNew => "pull_new",
            Action::NamespacePull => "namespace_pull",
            Action::NamespacePush => "namespace_push",
            Action::NamespaceAdd => "namespace_add",
            Action::NamespaceChange => "namespace_change",
            Action::NamespaceView => "namespace_view",
            Action::NamespaceDelete => "namespace_delete",
            Action::NamespaceModifyContent => "namespace_modify_content",
        }
    }
}

/// A built-in role: its name, the model it applies to, what it allows and Pulp's description.
#[derive(Debug)]
pub struct RoleDef {
    pub name: &'static str,
    pub model: Model,
    pub actions: &'static [Action],
    pub description: &'static str,
}

impl RoleDef {
    /// The permissions of the role, as Pulp names them.
    pub fn permissions(&self) -> Vec<String> {
        self.actions
            .iter()
            .map(|a| self.model.permission(*a))
            .collect()
    }

    /// Whether the role allows `action` (on its model).
    pub fn allows(&self, action: Action) -> bool {
        self.actions.contains(&action)
    }
}

use Action::*;

/// The roles pulpd knows: pulp_container's container roles and pulpcore's task roles.
pub static ROLES: &[RoleDef] = &[
    RoleDef {
        name: "container.containerrepository_creator",
        model: Model::ContainerRepository,
        actions: &[Add],
        description: "Create new container repositories.",
    },
    RoleDef {
        name: "container.containerrepository_owner",
        model: Model::ContainerRepository,
        actions: &[View, Change, Delete, DeleteVersions, ManageRoles, ModifyContent, Sync, BuildImage],
        description: "Manage all aspects of container repositories including viewing, modifying, deleting, \
                      syncing, content management, image building, and user role management.",
    },
    RoleDef {
        name: "container.containerrepository_content_manager",
        model: Model::ContainerRepository,
        actions: &[View, DeleteVersions, ModifyContent, Sync, BuildImage],
        description: "Manage container repository content including viewing, syncing, modifying content, \
                      building images, and deleting repository versions.",
    },
    RoleDef {
        name: "container.containerrepository_viewer",
        model: Model::ContainerRepository,
        actions: &[View],
        description: "View container repository details and configurations.",
    },
    RoleDef {
        name: "container.containerremote_creator",
        model: Model::ContainerRemote,
        actions: &[Add],
        description: "Create new container remotes.",
    },
    RoleDef {
        name: "container.containerremote_owner",
        model: Model::ContainerRemote,
        actions: &[View, Change, Delete, ManageRoles],
        description: "Manage all aspects of container remotes including viewing, modifying, deleting, and \
                      managing user roles.",
    },
    RoleDef {
        name: "container.containerremote_viewer",
        model: Model::ContainerRemote,
        actions: &[View],
        description: "View container remote configurations and details.",
    },
    RoleDef {
        name: "container.containerdistribution_creator",
        model: Model::ContainerDistribution,
        actions: &[Add],
        description: "Create new container distributions.",
    },
    RoleDef {
        name: "container.containerdistribution_owner",
        model: Model::ContainerDistribution,
        actions: &[View, Pull, Push, Change, Delete, ManageRoles],
        description: "Manage all aspects of container distributions including viewing, pulling, pushing, \
                      deleting, modifying configurations, and managing user roles.",
    },
    RoleDef {
        name: "container.containerdistribution_collaborator",
        model: Model::ContainerDistribution,
        actions: &[View, Pull, Push],
        description: "Collaborate on container distributions with permissions to view, pull, and push content.",
    },
    RoleDef {
        name: "container.containerdistribution_consumer",
        model: Model::ContainerDistribution,
        actions: &[View, Pull],
        description: "Consume container distributions with read-only access to view and pull content.",
    },
    RoleDef {
        name: "container.containerpullthroughremote_creator",
        model: Model::ContainerPullThroughRemote,
        actions: &[Add],
        description: "Create new pull-through container remotes for caching external registries.",
    },
    RoleDef {
        name: "container.containerpullthroughremote_owner",
        model: Model::ContainerPullThroughRemote,
        actions: &[View, Change, Delete, ManageRoles],
        description: "Manage all aspects of pull-through container remotes including viewing, modifying, \
                      deleting, and managing user roles.",
    },
    RoleDef {
        name: "container.containerpullthroughremote_viewer",
        model: Model::ContainerPullThroughRemote,
        actions: &[View],
        description: "View pull-through container remote configurations and details.",
    },
    RoleDef {
        name: "container.containerpullthroughdistribution_creator",
        model: Model::ContainerPullThroughDistribution,
        actions: &[Add],
        description: "Create new pull-through container distributions for caching external content.",
    },
    RoleDef {
        name: "container.containerpullthroughdistribution_owner",
        model: Model::ContainerPullThroughDistribution,
        actions: &[View, Delete, Change, ManageRoles, PullNew],
        description: "Manage all aspects of pull-through container distributions including viewing, deleting, \
                      modifying configurations, managing user roles, and pulling new content.",
    },
    RoleDef {
        name: "container.containerpullthroughdistribution_collaborator",
        model: Model::ContainerPullThroughDistribution,
        actions: &[View, PullNew],
        description: "Collaborate on pull-through container distributions with permissions to view and pull \
                      new content.",
    },
    RoleDef {
        name: "container.containerpullthroughdistribution_consumer",
        model: Model::ContainerPullThroughDistribution,
        actions: &[View, PullNew],
        description: "Consume pull-through container distributions with read-only access to view and pull new \
                      content.",
    },
    RoleDef {
        name: "container.containernamespace_creator",
        model: Model::ContainerNamespace,
        actions: &[Add],
        description: "Create new container namespaces.",
    },
    RoleDef {
        name: "container.containernamespace_owner",
        model: Model::ContainerNamespace,
        actions: &[
            View,
            Delete,
            ManageRoles,
            NamespaceAdd,
            NamespaceDelete,
            NamespaceView,
            NamespacePull,
            NamespacePush,
            NamespaceChange,
            NamespaceModifyContent,
        ],
        description: "Manage all aspects of container namespaces including viewing, deleting, managing \
                      distributions and repositories within the namespace, modifying content, and managing user \
                      roles.",
    },
    RoleDef {
        name: "container.containernamespace_collaborator",
        model: Model::ContainerNamespace,
        actions: &[
            View,
            NamespaceAdd,
            NamespaceDelete,
            NamespaceView,
            NamespacePull,
            NamespacePush,
            NamespaceChange,
            NamespaceModifyContent,
        ],
        description: "Collaborate on container namespaces with permissions to view, manage distributions and \
                      repositories, modify content, and perform push/pull operations.",
    },
    RoleDef {
        name: "container.containernamespace_consumer",
        model: Model::ContainerNamespace,
        actions: &[View, NamespaceView, NamespacePull],
        description: "Consume container namespaces with read-only access to view and pull content.",
    },
    RoleDef {
        name: "core.task_owner",
        model: Model::Task,
        actions: &[View, Change, Delete],
        description: "Allow all actions on a task.",
    },
    RoleDef {
        name: "core.task_viewer",
        model: Model::Task,
        actions: &[View],
        description: "View task details and status.",
    },
];

/// The built-in role called `name`.
pub fn role(name: &str) -> Option<&'static RoleDef> {
    ROLES.iter().find(|r| r.name == name)
}

/// The owner role of `model`: what the creator of an object gets on it.
pub fn owner_role(model: Model) -> &'static RoleDef {
    ROLES
        .iter()
        .find(|r| r.model == model && r.name.ends_with("_owner"))
        .expect("every model has an owner role")
}

/// One role given to one user, on one object or (`object: None`) on every object of the role's model.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Assignment {
    /// `<user id, 16 hex digits>/<uuid>`: the table key.
    pub key: String,
    pub user_id: u64,
    pub role: String,
    /// The href of the object, or `None` for a model-level assignment.
    pub object: Option<String>,
    pub created: String,
}

impl Record for Assignment {
    fn id(&self) -> &str {
        &self.key
    }
    fn index_value(&self, index: &str) -> Option<String> {
        (index == OBJECT_INDEX)
            .then(|| object_key(self.object.as_deref(), Some(self.user_id), Some(&self.role)))
    }
}

impl Assignment {
    /// The uuid part of the key (the last segment of the assignment's href).
    pub fn uuid(&self) -> &str {
        self.key.rsplit('/').next().unwrap_or(&self.key)
    }

    /// Pulp's href: `/pulp/api/v3/users/<user id>/roles/<uuid>/`.
    pub fn href(&self) -> String {
        format!("{}{}/roles/{}/", href::USERS, self.user_id, self.uuid())
    }

    /// The role's definition (assignments are only made with known roles).
    pub fn definition(&self) -> Option<&'static RoleDef> {
        role(&self.role)
    }
}

const OBJECT_INDEX: &str = "object";

/// A key of the object index, or a prefix of one when the trailing parts are `None`.
fn object_key(object: Option<&str>, user: Option<u64>, role: Option<&str>) -> String {
    let mut key = format!("{}\0", object.unwrap_or(""));
    if let Some(user) = user {
        key.push_str(&format!("{user:016x}\0"));
        if let Some(role) = role {
            key.push_str(role);
        }
    }
    key
}

fn user_prefix(user: u64) -> String {
    format!("{user:016x}/")
}

/// The role assignments.
#[derive(Clone)]
pub struct Roles {
    table: Table<Assignment>,
}

impl Roles {
    pub fn open(store: &Store) -> store::Result<Roles> {
        Ok(Roles {
            table: store.table("role_assignments", &[OBJECT_INDEX])?,
        })
    }

    /// Gives user `user_id` role `role` on `object` (or model-wide). Returns `None` when it was already given.
    ///
    /// # Errors
    /// Storage failures only: the caller checked that the role exists and fits the object.
    pub async fn assign(
        &self,
        user_id: u64,
        role: &RoleDef,
        object: Option<&str>,
    ) -> Result<Option<Assignment>> {
        let assignment = Assignment {
            key: format!("{}{}", user_prefix(user_id), listing::new_id()),
            user_id,
            role: role.name.to_string(),
            object: object.map(str::to_string),
            created: now(),
        };
        match self.table.put(&assignment).await {
            Ok(()) => Ok(Some(assignment)),
            Err(store::Error::Conflict { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Takes role `role` on `object` (or model-wide) from user `user_id`. Returns whether it was held.
    pub async fn unassign(&self, user_id: u64, role: &str, object: Option<&str>) -> Result<bool> {
        let key = object_key(object, Some(user_id), Some(role));
        match self.table.get_by(OBJECT_INDEX, &key).await? {
            Some(a) => Ok(self.table.remove(&a.key).await?),
            None => Ok(false),
        }
    }

    /// Every assignment of user `user_id`, oldest first.
    pub async fn of_user(&self, user_id: u64) -> Result<Vec<Assignment>> {
        Ok(self.table.all(&user_prefix(user_id), Order::Asc).await?)
    }

    /// The assignment with `uuid` of user `user_id`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is none.
    pub async fn get(&self, user_id: u64, uuid: &str) -> Result<Assignment> {
        self.table
            .get(&format!("{}{uuid}", user_prefix(user_id)))
            .await?
            .ok_or(Error::NotFound { kind: "UserRole" })
    }

    /// Removes one assignment.
    pub async fn remove(&self, assignment: &Assignment) -> Result<()> {
        self.table.remove(&assignment.key).await?;
        Ok(())
    }

    /// The assignments on `object` (`None`: the model-level ones of every model).
    pub async fn on_object(&self, object: Option<&str>) -> Result<Vec<Assignment>> {
        self.by_index_prefix(&object_key(object, None, None)).await
    }

    /// The roles user `user_id` holds on `object` and model-wide.
    pub async fn held(&self, user_id: u64, object: Option<&str>) -> Result<Vec<&'static RoleDef>> {
        let mut held = self
            .by_index_prefix(&object_key(None, Some(user_id), None))
            .await?;
        if object.is_some() {
            held.extend(
                self.by_index_prefix(&object_key(object, Some(user_id), None))
                    .await?,
            );
        }
        Ok(held.iter().filter_map(Assignment::definition).collect())
    }

    /// Forgets every assignment on `object` (it was deleted).
    pub async fn forget_object(&self, object: &str) -> Result<()> {
        for a in self.on_object(Some(object)).await? {
            self.table.remove(&a.key).await?;
        }
        Ok(())
    }

    /// Forgets every assignment of user `user_id` (the user was deleted).
    pub async fn forget_user(&self, user_id: u64) -> Result<()> {
        for a in self.of_user(user_id).await? {
            self.table.remove(&a.key).await?;
        }
        Ok(())
    }

    async fn by_index_prefix(&self, prefix: &str) -> Result<Vec<Assignment>> {
        let mut out = Vec::new();
        for key in self
            .table
            .index_values_with_prefix(OBJECT_INDEX, prefix)
            .await?
        {
            if let Some(a) = self.table.get_by(OBJECT_INDEX, &key).await? {
                out.push(a);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_are_named_as_pulp_names_them() {
        let owner = role("container.containerrepository_owner").unwrap();
        let perms = owner.permissions();
        assert!(perms.contains(&"container.view_containerrepository".to_string()));
        assert!(perms.contains(&"container.sync_containerrepository".to_string()));
        assert!(perms.contains(&"container.delete_containerrepository_versions".to_string()));
        assert_eq!(
            Model::Task.permission(Action::View),
            "core.view_task".to_string()
        );
        for model in Model::ALL {
            assert_eq!(owner_role(model).model, model);
        }
    }

    #[test]
    fn hrefs_name_their_model() {
        let id = "0190b3d5-7c6e-7000-8000-000000000001";
        assert_eq!(
            Model::of_href(&format!("{}{id}/", href::REMOTES)),
            Some(Model::ContainerRemote)
        );
        assert_eq!(
            Model::of_href(&format!("{}{id}/", href::PULL_THROUGH_REMOTES)),
            Some(Model::ContainerPullThroughRemote)
        );
        assert_eq!(
            Model::of_href(&format!("{}{id}/versions/1/", href::REPOSITORIES)),
            None
        );
        assert_eq!(Model::of_href(href::REMOTES), None);
    }

    #[tokio::test]
    async fn assignments_are_unique_and_found_by_user_and_object() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let roles = Roles::open(&store).unwrap();
        let owner = role("container.containerremote_owner").unwrap();
        let creator = role("container.containerremote_creator").unwrap();
        let remote = format!("{}0190b3d5-7c6e-7000-8000-000000000001/", href::REMOTES);
        let other = format!("{}0190b3d5-7c6e-7000-8000-000000000002/", href::REMOTES);

        let a = roles
            .assign(2, owner, Some(&remote))
            .await
            .unwrap()
            .unwrap();
        assert!(roles
            .assign(2, owner, Some(&remote))
            .await
            .unwrap()
            .is_none());
        roles.assign(3, owner, Some(&other)).await.unwrap().unwrap();
        roles.assign(2, creator, None).await.unwrap().unwrap();

        let held: Vec<&str> = roles
            .held(2, Some(&remote))
            .await
            .unwrap()
            .iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(held.len(), 2, "{held:?}");
        assert_eq!(
            roles.held(2, Some(&other)).await.unwrap().len(),
            1,
            "only the model-level one"
        );
        assert_eq!(roles.held(3, Some(&remote)).await.unwrap().len(), 0);
        assert_eq!(
            roles.on_object(Some(&remote)).await.unwrap(),
            vec![a.clone()]
        );
        assert_eq!(roles.get(2, a.uuid()).await.unwrap(), a);
        assert!(a.href().starts_with("/pulp/api/v3/users/2/roles/"));

        roles.forget_object(&remote).await.unwrap();
        assert!(roles.on_object(Some(&remote)).await.unwrap().is_empty());
        assert!(roles.unassign(2, creator.name, None).await.unwrap());
        assert!(!roles.unassign(2, creator.name, None).await.unwrap());
        roles.forget_user(3).await.unwrap();
        assert!(roles.of_user(3).await.unwrap().is_empty());
    }
}
