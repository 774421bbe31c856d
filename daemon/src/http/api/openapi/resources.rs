//! The table of pulpd's viewsets as Pulp names them: operation id prefixes, tags, href parameters, and the
//! types of their bodies and answers.

use super::builder::{Answer, Doc, Documented, Filters, Resource};
use crate::pull_through::remotes::PullThroughRemote;
use crate::pull_through::PullThroughDistribution;
use pulp_shared::api;
use pulp_shared::href;
use utoipa::openapi::path::HttpMethod;

/// The Pulp versions pulpd answers for (`info.x-pulp-app-versions`; pulp-glue checks plugin requirements
/// against these). The same as `/status/` reports.
const APP_VERSIONS: [(&str, &str); 2] = [
    ("core", super::super::status::CORE_COMPAT),
    ("container", super::super::status::CONTAINER_COMPAT),
];

const fn resource(
    tag: &'static str,
    prefix: &'static str,
    collection: &'static str,
    href: &'static str,
    item_route: &'static str,
    noun: &'static str,
) -> Resource {
    Resource {
        tag,
        prefix,
        collection,
        collection_route: collection,
        parent: None,
        href,
        item_route,
        noun,
        secured: true,
    }
}

const REPOSITORIES: Resource = resource(
    "Repositories: Container",
    "repositories_container_container",
    href::REPOSITORIES,
    "container_container_repository_href",
    "/pulp/api/v3/repositories/container/container/{id}/",
    "a container repository",
);
const REPOSITORY_VERSIONS: Resource = Resource {
    collection: "{container_container_repository_href}versions/",
    collection_route: "/pulp/api/v3/repositories/container/container/{id}/versions/",
    parent: Some("container_container_repository_href"),
    ..resource(
        "Repositories: Container Versions",
        "repositories_container_container_versions",
        "",
        "container_container_repository_version_href",
        "/pulp/api/v3/repositories/container/container/{id}/versions/{number}/",
        "a container repository version",
    )
};
const PUSH_REPOSITORIES: Resource = resource(
    "Repositories: Container-Push",
    "repositories_container_container_push",
    href::PUSH_REPOSITORIES,
    "container_container_push_repository_href",
    "/pulp/api/v3/repositories/container/container-push/{id}/",
    "a container push repository",
);
const PUSH_REPOSITORY_VERSIONS: Resource = Resource {
    collection: "{container_container_push_repository_href}versions/",
    collection_route: "/pulp/api/v3/repositories/container/container-push/{id}/versions/",
    parent: Some("container_container_push_repository_href"),
    ..resource(
        "Repositories: Container-Push Versions",
        "repositories_container_container_push_versions",
        "",
        "container_container_push_repository_version_href",
        "/pulp/api/v3/repositories/container/container-push/{id}/versions/{number}/",
        "a container push repository version",
    )
};
const REMOTES: Resource = resource(
    "Remotes: Container",
    "remotes_container_container",
    href::REMOTES,
    "container_container_remote_href",
    "/pulp/api/v3/remotes/container/container/{id}/",
    "a container remote",
);
const DISTRIBUTIONS: Resource = resource(
    "Distributions: Container",
    "distributions_container_container",
    href::DISTRIBUTIONS,
    "container_container_distribution_href",
    "/pulp/api/v3/distributions/container/container/{id}/",
    "a container distribution",
);
const PULL_THROUGH_REMOTES: Resource = resource(
    "Remotes: Pull-Through",
    "remotes_container_pull_through",
    href::PULL_THROUGH_REMOTES,
    "container_container_pull_through_remote_href",
    "/pulp/api/v3/remotes/container/pull-through/{id}/",
    "a pull-through remote",
);
const PULL_THROUGH_DISTRIBUTIONS: Resource = resource(
    "Distributions: Pull-Through",
    "distributions_container_pull_through",
    href::PULL_THROUGH_DISTRIBUTIONS,
    "container_container_pull_through_distribution_href",
    "/pulp/api/v3/distributions/container/pull-through/{id}/",
    "a pull-through distribution",
);
const NAMESPACES: Resource = resource(
    "Pulp_Container/Namespaces",
    "pulp_container_namespaces",
    href::NAMESPACES,
    "container_container_namespace_href",
    "/pulp/api/v3/pulp_container/namespaces/{id}/",
    "a container namespace",
);
const CONTENT_TAGS: Resource = resource(
    "Content: Tags",
    "content_container_tags",
    href::CONTENT_TAGS,
    "container_tag_href",
    "/pulp/api/v3/content/container/tags/{id}/",
    "a tag",
);
const CONTENT_MANIFESTS: Resource = resource(
    "Content: Manifests",
    "content_container_manifests",
    href::CONTENT_MANIFESTS,
    "container_manifest_href",
    "/pulp/api/v3/content/container/manifests/{id}/",
    "a manifest",
);
const CONTENT_BLOBS: Resource = resource(
    "Content: Blobs",
    "content_container_blobs",
    href::CONTENT_BLOBS,
    "container_blob_href",
    "/pulp/api/v3/content/container/blobs/{id}/",
    "a blob",
);
const CONTENT_SIGNATURES: Resource = resource(
    "Content: Signatures",
    "content_container_signatures",
    "/pulp/api/v3/content/container/signatures/",
    "container_manifest_signature_href",
    "",
    "a manifest signature",
);
const TASKS: Resource = resource(
    "Tasks",
    "tasks",
    href::TASKS,
    "task_href",
    "/pulp/api/v3/tasks/{id}/",
    "a task",
);
const USERS: Resource = resource(
    "Users",
    "users",
    href::USERS,
    "auth_user_href",
    "/pulp/api/v3/users/{id}/",
    "a user",
);
const USER_ROLES: Resource = Resource {
    collection: "{auth_user_href}roles/",
    collection_route: "/pulp/api/v3/users/{id}/roles/",
    parent: Some("auth_user_href"),
    ..resource(
        "Users: Roles",
        "users_roles",
        "",
        "auth_users_user_role_href",
        "/pulp/api/v3/users/{id}/roles/{uuid}/",
        "a user role",
    )
};
const STATUS: Resource = Resource {
    secured: false,
    ..resource(
        "Status",
        "status",
        href::STATUS,
        "",
        "",
        "the status of pulpd",
    )
};
const ORPHANS: Resource = resource(
    "Orphans: Cleanup",
    "orphans_cleanup",
    "/pulp/api/v3/orphans/cleanup/",
    "",
    "",
    "orphaned content",
);
const RECLAIM: Resource = resource(
    "Repositories: Reclaim Space",
    "repositories_reclaim_space",
    "/pulp/api/v3/repositories/reclaim_space/",
    "",
    "",
    "the space of repositories",
);
const DOCS_JSON: Resource = Resource {
    secured: false,
    ..resource(
        "Docs",
        "docs_api_json",
        super::JSON_PATH,
        "",
        "",
        "the OpenAPI document (JSON)",
    )
};
const DOCS_YAML: Resource = Resource {
    secured: false,
    ..resource(
        "Docs",
        "docs_api_yaml",
        super::YAML_PATH,
        "",
        "",
        "the OpenAPI document (YAML)",
    )
};

/// The viewsets whose objects have roles (`add_role/`, `remove_role/`, `list_roles/`, `my_permissions/`).
const WITH_ROLES: [Resource; 7] = [
    REPOSITORIES,
    REMOTES,
    DISTRIBUTIONS,
    PULL_THROUGH_REMOTES,
    PULL_THROUGH_DISTRIBUTIONS,
    NAMESPACES,
    TASKS,
];

/// The whole document.
pub fn document() -> Documented {
    let mut doc = Doc::default();
    let d = &mut doc;
    let task = d.schema::<api::TaskResponse>();
    let accepted = || Answer(202, Some(task.clone()));

    let status = d.schema::<api::Status>();
    STATUS.collection_action(d, HttpMethod::Get, "read", None, Answer(200, Some(status)));
    let document = d.object("OpenAPIDocument", "An OpenAPI 3.1 document.");
    DOCS_JSON.collection_action(
        d,
        HttpMethod::Get,
        "read",
        None,
        Answer(200, Some(document)),
    );
    DOCS_YAML.collection_action(d, HttpMethod::Get, "read", None, Answer(200, None));

    // Container repositories and their versions.
    let repository = d.schema::<api::Repository>();
    let write = d.schema::<api::RepositoryWrite>();
    let patched = d.patched::<api::RepositoryWrite>("Patchedcontainer.ContainerRepository");
    let page = d.paginated::<api::Repository>();
    REPOSITORIES.list(d, page, Filters::Names);
    REPOSITORIES.create(d, write.clone(), Answer(201, Some(repository.clone())));
    REPOSITORIES.read(d, repository.clone());
    REPOSITORIES.update(d, write, patched, Answer(200, Some(repository)));
    REPOSITORIES.delete(d, Answer(204, None));
    let sync = d.schema::<api::RepositorySync>();
    REPOSITORIES.action(d, HttpMethod::Post, "sync", Some(sync), accepted());
    let manage = d.schema::<api::RecursiveManage>();
    for action in ["add", "remove"] {
        REPOSITORIES.action(
            d,
            HttpMethod::Post,
            action,
            Some(manage.clone()),
            accepted(),
        );
    }
    let tag_copy = d.schema::<api::TagCopy>();
    REPOSITORIES.action(d, HttpMethod::Post, "copy_tags", Some(tag_copy), accepted());
    let manifest_copy = d.schema::<api::ManifestCopy>();
    REPOSITORIES.action(
        d,
        HttpMethod::Post,
        "copy_manifests",
        Some(manifest_copy),
        accepted(),
    );
    let version = d.schema::<api::RepositoryVersion>();
    let versions = d.paginated::<api::RepositoryVersion>();
    for versioned in [REPOSITORY_VERSIONS, PUSH_REPOSITORY_VERSIONS] {
        versioned.list(d, versions.clone(), Filters::Versions);
        versioned.read(d, version.clone());
        versioned.delete(d, accepted());
    }

    // Push repositories: made by pushes, changed by tag/untag/remove_image.
    let push = d.schema::<api::PushRepository>();
    let push_write = d.patched::<api::RepositoryWrite>("container.ContainerPushRepository");
    let push_patched =
        d.patched::<api::RepositoryWrite>("Patchedcontainer.ContainerPushRepository");
    let page = d.paginated::<api::PushRepository>();
    PUSH_REPOSITORIES.list(d, page, Filters::Names);
    PUSH_REPOSITORIES.read(d, push.clone());
    PUSH_REPOSITORIES.update(d, push_write, push_patched, Answer(200, Some(push)));
    let tag = d.schema::<api::TagImage>();
    let untag = d.schema::<api::UnTagImage>();
    let remove = d.schema::<api::RemoveImage>();
    for tagged in [REPOSITORIES, PUSH_REPOSITORIES] {
        tagged.action(d, HttpMethod::Post, "tag", Some(tag.clone()), accepted());
        tagged.action(
            d,
            HttpMethod::Post,
            "untag",
            Some(untag.clone()),
            accepted(),
        );
    }
    PUSH_REPOSITORIES.action(
        d,
        HttpMethod::Post,
        "remove_image",
        Some(remove),
        accepted(),
    );

    // Remotes and distributions.
    let remote = d.schema::<api::Remote>();
    let write = d.schema::<api::RemoteWrite>();
    let patched = d.patched::<api::RemoteWrite>("Patchedcontainer.ContainerRemote");
    let page = d.paginated::<api::Remote>();
    REMOTES.list(d, page, Filters::Names);
    REMOTES.create(d, write.clone(), Answer(201, Some(remote.clone())));
    REMOTES.read(d, remote.clone());
    REMOTES.update(d, write, patched, Answer(200, Some(remote)));
    REMOTES.delete(d, Answer(204, None));

    let distribution = d.schema::<api::Distribution>();
    let write = d.schema::<api::DistributionWrite>();
    let patched = d.patched::<api::DistributionWrite>("Patchedcontainer.ContainerDistribution");
    let page = d.paginated::<api::Distribution>();
    DISTRIBUTIONS.list(d, page, Filters::Names);
    DISTRIBUTIONS.create(d, write.clone(), accepted());
    DISTRIBUTIONS.read(d, distribution);
    DISTRIBUTIONS.update(d, write, patched, accepted());
    DISTRIBUTIONS.delete(d, accepted());

    // Pull-through caching (distribution bodies still decoded field by field: free-form here).
    let remote = d.schema::<PullThroughRemote>();
    let write = d.schema::<api::PullThroughRemoteWrite>();
    let patched =
        d.patched::<api::PullThroughRemoteWrite>("Patchedcontainer.ContainerPullThroughRemote");
    let page = d.paginated::<PullThroughRemote>();
    PULL_THROUGH_REMOTES.list(d, page, Filters::Names);
    PULL_THROUGH_REMOTES.create(d, write.clone(), Answer(201, Some(remote.clone())));
    PULL_THROUGH_REMOTES.read(d, remote.clone());
    PULL_THROUGH_REMOTES.update(d, write, patched, Answer(200, Some(remote)));
    PULL_THROUGH_REMOTES.delete(d, Answer(204, None));

    let distribution = d.schema::<PullThroughDistribution>();
    let write = d.schema::<api::PullThroughDistributionWrite>();
    let patched = d.patched::<api::PullThroughDistributionWrite>(
        "Patchedcontainer.ContainerPullThroughDistribution",
    );
    let page = d.paginated::<PullThroughDistribution>();
    PULL_THROUGH_DISTRIBUTIONS.list(d, page, Filters::Names);
    PULL_THROUGH_DISTRIBUTIONS.create(d, write.clone(), accepted());
    PULL_THROUGH_DISTRIBUTIONS.read(d, distribution);
    PULL_THROUGH_DISTRIBUTIONS.update(d, write, patched, accepted());
    PULL_THROUGH_DISTRIBUTIONS.delete(d, accepted());

    // Namespaces.
    let namespace = d.schema::<api::Namespace>();
    let write = d.object("container.ContainerNamespace", "A namespace: its name.");
    let page = d.paginated::<api::Namespace>();
    NAMESPACES.list(d, page, Filters::Names);
    NAMESPACES.create(d, write, Answer(201, Some(namespace.clone())));
    NAMESPACES.read(d, namespace);
    NAMESPACES.delete(d, accepted());

    // Content units.
    let tag = d.schema::<api::ContentTag>();
    let page = d.paginated::<api::ContentTag>();
    CONTENT_TAGS.list(
        d,
        page,
        Filters::Content(&["name"], &["name__in", "digest", "media_type"]),
    );
    CONTENT_TAGS.read(d, tag);
    let manifest = d.schema::<api::ContentManifest>();
    let page = d.paginated::<api::ContentManifest>();
    CONTENT_MANIFESTS.list(
        d,
        page,
        Filters::Content(&["digest"], &["digest__in", "media_type"]),
    );
    CONTENT_MANIFESTS.read(d, manifest);
    let blob = d.schema::<api::ContentBlob>();
    let page = d.paginated::<api::ContentBlob>();
    CONTENT_BLOBS.list(d, page, Filters::Content(&["digest"], &["digest__in"]));
    CONTENT_BLOBS.read(d, blob);
    let page = d.paginated::<api::ContentSignature>();
    CONTENT_SIGNATURES.list(d, page, Filters::Content(&["digest"], &["digest__in"]));

    // Tasks.
    let task_response = d.schema::<api::Task>();
    let page = d.paginated::<api::Task>();
    TASKS.list(d, page, Filters::Tasks);
    TASKS.read(d, task_response.clone());
    let cancel = d.schema::<api::TaskCancel>();
    TASKS.item_operation(
        d,
        HttpMethod::Patch,
        "cancel",
        Some(cancel),
        &[
            Answer(200, Some(task_response.clone())),
            Answer(409, Some(task_response)),
        ],
    );
    TASKS.item_operation(d, HttpMethod::Delete, "delete", None, &[Answer(204, None)]);

    // Roles of objects.
    let nested = d.schema::<api::NestedRole>();
    let roles = d.schema::<api::ObjectRoles>();
    let permissions = d.schema::<api::MyPermissions>();
    for with_roles in WITH_ROLES {
        for action in ["add_role", "remove_role"] {
            let answer = Answer(201, Some(nested.clone()));
            with_roles.action(d, HttpMethod::Post, action, Some(nested.clone()), answer);
        }
        let answer = Answer(200, Some(roles.clone()));
        with_roles.action(d, HttpMethod::Get, "list_roles", None, answer);
        let answer = Answer(200, Some(permissions.clone()));
        with_roles.action(d, HttpMethod::Get, "my_permissions", None, answer);
    }

    // Labels, one at a time.
    let set_label = d.schema::<api::SetLabel>();
    let unset_label = d.schema::<api::UnsetLabel>();
    for labelled in [REPOSITORIES, REMOTES] {
        let answer = Answer(201, Some(set_label.clone()));
        labelled.action(
            d,
            HttpMethod::Post,
            "set_label",
            Some(set_label.clone()),
            answer,
        );
        let answer = Answer(201, Some(set_label.clone()));
        labelled.action(
            d,
            HttpMethod::Post,
            "unset_label",
            Some(unset_label.clone()),
            answer,
        );
    }

    // Users and their roles.
    let user = d.schema::<api::User>();
    let write = d.object(
        "User",
        "A user: username, password (write-only), names, email, is_staff, is_active.",
    );
    let page = d.paginated::<api::User>();
    USERS.list(d, page, Filters::Fields(&["username"]));
    USERS.create(d, write.clone(), Answer(201, Some(user.clone())));
    USERS.read(d, user.clone());
    USERS.update(d, write.clone(), write, Answer(200, Some(user)));
    USERS.delete(d, Answer(204, None));
    let user_role = d.schema::<api::UserRole>();
    let write = d.schema::<api::UserRoleWrite>();
    let page = d.paginated::<api::UserRole>();
    USER_ROLES.list(d, page, Filters::Page);
    USER_ROLES.create(d, write, Answer(201, Some(user_role.clone())));
    USER_ROLES.read(d, user_role);
    USER_ROLES.delete(d, Answer(204, None));

    // Orphan cleanup.
    let cleanup = d.object(
        "OrphansCleanup",
        "orphan_protection_time: minutes an unreferenced unit is kept (default: the daemon's setting).",
    );
    ORPHANS.collection_action(d, HttpMethod::Post, "cleanup", Some(cleanup), accepted());

    // Reclaim space.
    let reclaim = d.object(
        "ReclaimSpace",
        "repo_hrefs: the repositories (or [\"*\"]); repo_versions_keep: versions whose content stays.",
    );
    RECLAIM.collection_action(d, HttpMethod::Post, "reclaim", Some(reclaim), accepted());

    doc.build(&APP_VERSIONS)
}
