//! Who may do what: the access policy of the management API and the registry, over the roles in [`super::roles`].
//!
//! The rules are Pulp's defaults for the container plugin:
//! - staff users (`is_staff`; the built-in `admin`) may do everything, as Pulp's superusers do;
//! - anyone else may do what a role they hold allows, on the object (role assigned with that object) or on every
//!   object of the model (role assigned with `content_object: null`). Creating needs the model's `add_*`
//!   permission (the `*_creator` roles); the creator of an object is given the model's `*_owner` role on it, so
//!   they can see, change, delete it and share it with others;
//! - lists show only what the caller may view; container and pull-through distributions that are not `private`
//!   are visible to every user (their content is public anyway);
//! - tasks belong to the user who started them: they may see, cancel and delete them without an assignment
//!   (Pulp writes a `core.task_owner` assignment per task; pulpd keeps that implicit to spare a write per task);
//!   `core.task_viewer`/`core.task_owner` assigned model-wide reach every task;
//! - pulling a `private` distribution needs its `pull` permission; below a pull-through distribution, the
//!   `pull_new` permission of the pull-through distribution covers the names it caches.
//!
//! What is not granted is refused with [`Error::Forbidden`] (403, DRF's wording), never silently.

use super::roles::{self, Action, Model, Roles};
use super::Identity;
use crate::distributions::{DistributionKind, DistributionRecord};
use crate::error::{Error, Result};
pub use crate::listing::Visible;
use std::collections::HashSet;

/// The access policy.
#[derive(Clone)]
pub struct Policy {
    roles: Roles,
}

impl Policy {
    pub fn new(roles: Roles) -> Policy {
        Policy { roles }
    }

    /// The role assignments this policy reads.
    pub fn roles(&self) -> &Roles {
        &self.roles
    }

    /// Whether `who` may do `action` on `object` (an href of `model`), or model-wide when `object` is `None`.
    pub async fn allows(
        &self,
        who: &Identity,
        model: Model,
        action: Action,
        object: Option<&str>,
    ) -> Result<bool> {
        if who.is_staff {
            return Ok(true);
        }
        Ok(self
            .roles
            .held(who.id, object)
            .await?
            .iter()
            .any(|r| r.model == model && r.allows(action)))
    }

    /// Like [`Policy::allows`], as a result.
    ///
    /// # Errors
    /// [`Error::Forbidden`] when not allowed.
    pub async fn require(
        &self,
        who: &Identity,
        model: Model,
        action: Action,
        object: Option<&str>,
    ) -> Result<()> {
        if self.allows(who, model, action, object).await? {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }

    /// Requires `action` on the object an href given in a request body names (`remote`, `repository`,
    /// `repository_version`: a version counts as its repository; an absolute URL counts by its path).
    ///
    /// # Errors
    /// [`Error::Forbidden`] when not allowed, or when the href names nothing roles apply to.
    pub async fn require_href(&self, who: &Identity, action: Action, h: &str) -> Result<()> {
        let object = object_of(h);
        let model = Model::of_href(&object).ok_or(Error::Forbidden)?;
        self.require(who, model, action, Some(&object)).await
    }

    /// What of `model`'s collection `who` may view.
    pub async fn visible(&self, who: &Identity, model: Model) -> Result<Visible> {
        self.objects_allowing(who, model, Action::View).await
    }

    /// The objects of `model` on which `who` may do `action` (all of them for staff or a model-wide role).
    /// Push repositories are visible through their namespace: `(ContainerNamespace, NamespaceView)`.
    pub async fn objects_allowing(
        &self,
        who: &Identity,
        model: Model,
        action: Action,
    ) -> Result<Visible> {
        if self.allows(who, model, action, None).await? {
            return Ok(Visible::All);
        }
        let mut objects = HashSet::new();
        for a in self.roles.of_user(who.id).await? {
            let (Some(object), Some(def)) = (a.object.as_ref(), a.definition()) else {
                continue;
            };
            if def.model == model && def.allows(action) {
                objects.insert(object.clone());
            }
        }
        Ok(Visible::Only(objects))
    }

    /// Gives the creator of `object` the owner role of its model (see the module doc). Staff get it too, so
    /// `list_roles` shows who created what, as in Pulp.
    pub async fn make_owner(&self, who: &Identity, object: &str) -> Result<()> {
        let model = Model::of_href(object).ok_or_else(|| {
            Error::Internal(anyhow::anyhow!("{object} is not the href of an object"))
        })?;
        self.roles
            .assign(who.id, roles::owner_role(model), Some(object))
            .await?;
        Ok(())
    }

    /// The permissions `who` has on `object`, as Pulp names them (`my_permissions/`).
    pub async fn permissions_on(&self, who: &Identity, object: &str) -> Result<Vec<String>> {
        let Some(model) = Model::of_href(object) else {
            return Ok(Vec::new());
        };
        let mut perms: Vec<String> = if who.is_staff {
            roles::ROLES
                .iter()
                .filter(|r| r.model == model)
                .flat_map(|r| r.permissions())
                .collect()
        } else {
            self.roles
                .held(who.id, Some(object))
                .await?
                .iter()
                .filter(|r| r.model == model)
                .flat_map(|r| r.permissions())
                .collect()
        };
        perms.sort();
        perms.dedup();
        Ok(perms)
    }

    /// Whether `who` (`None`: anonymous) may pull from `d`: a container distribution (one pulpd made below a
    /// pull-through distribution has `parent` set and, when that is private, is private too), or a pull-through
    /// distribution standing for a name below it that is not cached yet.
    pub async fn may_pull(&self, who: Option<&Identity>, d: &DistributionRecord) -> Result<bool> {
        if !d.private {
            return Ok(true);
        }
        let Some(who) = who else {
            return Ok(false);
        };
        match d.kind {
            DistributionKind::PullThrough => {
                self.allows(
                    who,
                    Model::ContainerPullThroughDistribution,
                    Action::PullNew,
                    Some(&d.href()),
                )
                .await
            }
            DistributionKind::Container => {
                if self
                    .allows(
                        who,
                        Model::ContainerDistribution,
                        Action::Pull,
                        Some(&d.href()),
                    )
                    .await?
                {
                    return Ok(true);
                }
                let Some(parent) = &d.parent else {
                    return Ok(false);
                };
                let parent = pulp_shared::href::resource(
                    pulp_shared::href::PULL_THROUGH_DISTRIBUTIONS,
                    parent,
                );
                self.allows(
                    who,
                    Model::ContainerPullThroughDistribution,
                    Action::PullNew,
                    Some(&parent),
                )
                .await
            }
        }
    }

    /// Whether `who` may see, cancel or delete (`action`) the task `task_href`, started by `created_by`.
    pub async fn allows_task(
        &self,
        who: &Identity,
        action: Action,
        task_href: &str,
        created_by: Option<&str>,
    ) -> Result<bool> {
        if created_by == Some(who.href.as_str()) {
            return Ok(true);
        }
        self.allows(who, Model::Task, action, Some(task_href)).await
    }
}

/// The object href an href of a request body stands for: its path from `/pulp/api/v3/`, and for a repository
/// version the repository.
fn object_of(h: &str) -> String {
    let path = h.find(pulp_shared::href::API_ROOT).map_or(h, |at| &h[at..]);
    match path.split_once("/versions/") {
        Some((repository, _)) => format!("{repository}/"),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use pulp_shared::href;

    fn user(id: u64, is_staff: bool) -> Identity {
        Identity {
            username: format!("user{id}"),
            id,
            href: href::resource_numeric(href::USERS, id),
            is_staff,
        }
    }

    #[test]
    fn body_hrefs_name_their_object() {
        let repo = format!(
            "{}0190b3d5-7c6e-7000-8000-000000000001/",
            href::REPOSITORIES
        );
        assert_eq!(object_of(&format!("{repo}versions/3/")), repo);
        assert_eq!(object_of(&format!("http://localhost:24817{repo}")), repo);
    }

    #[tokio::test]
    async fn owners_may_what_their_role_allows_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let policy = Policy::new(Roles::open(&store).unwrap());
        let (alice, bob, admin) = (user(2, false), user(3, false), user(1, true));
        let remote = format!("{}0190b3d5-7c6e-7000-8000-000000000001/", href::REMOTES);

        assert!(!policy
            .allows(&alice, Model::ContainerRemote, Action::Add, None)
            .await
            .unwrap());
        assert!(policy
            .allows(&admin, Model::ContainerRemote, Action::Add, None)
            .await
            .unwrap());
        policy.make_owner(&alice, &remote).await.unwrap();
        for action in [
            Action::View,
            Action::Change,
            Action::Delete,
            Action::ManageRoles,
        ] {
            assert!(policy
                .allows(&alice, Model::ContainerRemote, action, Some(&remote))
                .await
                .unwrap());
            assert!(!policy
                .allows(&bob, Model::ContainerRemote, action, Some(&remote))
                .await
                .unwrap());
        }
        assert!(matches!(
            policy.require_href(&bob, Action::View, &remote).await,
            Err(Error::Forbidden)
        ));
        assert_eq!(
            policy
                .visible(&alice, Model::ContainerRemote)
                .await
                .unwrap(),
            Visible::Only([remote.clone()].into())
        );
        assert_eq!(
            policy.visible(&bob, Model::ContainerRemote).await.unwrap(),
            Visible::Only(HashSet::new())
        );
        assert_eq!(
            policy
                .visible(&admin, Model::ContainerRemote)
                .await
                .unwrap(),
            Visible::All
        );
        assert!(policy
            .permissions_on(&alice, &remote)
            .await
            .unwrap()
            .contains(&"container.change_containerremote".to_string()));
        assert!(policy
            .permissions_on(&bob, &remote)
            .await
            .unwrap()
            .is_empty());

        // A model-wide viewer role shows every remote but changes none.
        let viewer = roles::role("container.containerremote_viewer").unwrap();
        policy.roles().assign(bob.id, viewer, None).await.unwrap();
        assert_eq!(
            policy.visible(&bob, Model::ContainerRemote).await.unwrap(),
            Visible::All
        );
        assert!(!policy
            .allows(&bob, Model::ContainerRemote, Action::Change, Some(&remote))
            .await
            .unwrap());
    }
}
