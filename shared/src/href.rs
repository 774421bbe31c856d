//! Pulp's hrefs: every resource is addressed by a path under [`API_ROOT`] ending in its id and a slash.
//!
//! Ids are UUIDs (v7, so they sort by creation time); repository versions are addressed by the repository's
//! href plus `versions/<number>/`. Repositories live in two collections, [`REPOSITORIES`] (sync) and
//! [`PUSH_REPOSITORIES`] (push); their ids are unique across both, so an id alone names a repository.

/// Root of the management API.
pub const API_ROOT: &str = "/pulp/api/v3/";
/// Container repositories.
pub const REPOSITORIES: &str = "/pulp/api/v3/repositories/container/container/";
/// Container push repositories (made by pushes; their versions live below them too).
pub const PUSH_REPOSITORIES: &str = "/pulp/api/v3/repositories/container/container-push/";
/// The collections repositories live in.
pub const REPOSITORY_COLLECTIONS: [&str; 2] = [REPOSITORIES, PUSH_REPOSITORIES];
/// Container remotes (used by sync).
pub const REMOTES: &str = "/pulp/api/v3/remotes/container/container/";
/// Container distributions.
pub const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";
/// Pull-through remotes.
pub const PULL_THROUGH_REMOTES: &str = "/pulp/api/v3/remotes/container/pull-through/";
/// Pull-through distributions.
pub const PULL_THROUGH_DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/pull-through/";
/// Container namespaces (the first path segment of pushed repositories).
pub const NAMESPACES: &str = "/pulp/api/v3/pulp_container/namespaces/";
/// Asynchronous tasks.
pub const TASKS: &str = "/pulp/api/v3/tasks/";
/// Users.
pub const USERS: &str = "/pulp/api/v3/users/";
/// Daemon status (no authentication).
pub const STATUS: &str = "/pulp/api/v3/status/";
/// Content units: tags, manifests, blobs (ids derived from what they are, see the daemon's `content::units`).
pub const CONTENT_TAGS: &str = "/pulp/api/v3/content/container/tags/";
pub const CONTENT_MANIFESTS: &str = "/pulp/api/v3/content/container/manifests/";
pub const CONTENT_BLOBS: &str = "/pulp/api/v3/content/container/blobs/";

/// The PRN (`prn:<app>.<model>:<id>`) of the resource at `href`, for resources named by a UUID in one of the
/// collections above; `None` for others (a repository version's PRN names its own key, not its number).
pub fn prn_of(href: &str) -> Option<String> {
    const MODELS: [(&str, &str); 12] = [
        (REPOSITORIES, "container.containerrepository"),
        (PUSH_REPOSITORIES, "container.containerpushrepository"),
        (REMOTES, "container.containerremote"),
        (DISTRIBUTIONS, "container.containerdistribution"),
        (PULL_THROUGH_REMOTES, "container.containerpullthroughremote"),
        (
            PULL_THROUGH_DISTRIBUTIONS,
            "container.containerpullthroughdistribution",
        ),
        (NAMESPACES, "container.containernamespace"),
        (TASKS, "core.task"),
        (USERS, "core.user"),
        (CONTENT_TAGS, "container.tag"),
        (CONTENT_MANIFESTS, "container.manifest"),
        (CONTENT_BLOBS, "container.blob"),
    ];
    MODELS.iter().find_map(|(collection, model)| {
        let id = href.strip_prefix(collection)?.strip_suffix('/')?;
        (!id.is_empty() && !id.contains('/')).then(|| format!("prn:{model}:{id}"))
    })
}

/// The href of the resource with `id` under `collection` (one of the constants above).
pub fn resource(collection: &str, id: &str) -> String {
    format!("{collection}{id}/")
}

/// The href of a resource with a numeric id (users).
pub fn resource_numeric(collection: &str, id: u64) -> String {
    format!("{collection}{id}/")
}

/// The href of version `number` of the (sync) repository with id `repo_id`.
pub fn repository_version(repo_id: &str, number: u64) -> String {
    version_in(REPOSITORIES, repo_id, number)
}

/// The href of version `number` of the repository with id `repo_id` in `collection` ([`REPOSITORIES`] or
/// [`PUSH_REPOSITORIES`]).
pub fn version_in(collection: &str, repo_id: &str, number: u64) -> String {
    format!("{collection}{repo_id}/versions/{number}/")
}

/// Why an href could not be parsed; the texts are Pulp's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HrefError {
    /// The href is not under the expected collection at all.
    NoMatch,
    /// The id part is not a UUID.
    BadUuid(String),
}

impl std::fmt::Display for HrefError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HrefError::NoMatch => f.write_str("Invalid hyperlink - No URL match."),
            HrefError::BadUuid(id) => write!(f, "“{id}” is not a valid UUID."),
        }
    }
}

/// Extracts the id from `href` when it is `collection` + `<id>/`. Accepts an absolute URL whose path matches.
///
/// # Errors
/// [`HrefError::NoMatch`] when the href is not in `collection`; [`HrefError::BadUuid`] when the id is not a UUID.
pub fn parse_id<'a>(collection: &str, href: &'a str) -> Result<&'a str, HrefError> {
    let path = strip_origin(href);
    let rest = path.strip_prefix(collection).ok_or(HrefError::NoMatch)?;
    let id = rest.strip_suffix('/').unwrap_or(rest);
    if id.is_empty() || id.contains('/') {
        return Err(HrefError::NoMatch);
    }
    if !is_uuid(id) {
        return Err(HrefError::BadUuid(id.to_string()));
    }
    Ok(id)
}

/// Extracts `(repository id, version number)` from a repository version href of either collection (the id
/// names the repository whatever its collection; [`parse_version`] also says which collection it was).
///
/// # Errors
/// As [`parse_id`]; a non-numeric version number is `NoMatch`.
pub fn parse_repository_version(href: &str) -> Result<(&str, u64), HrefError> {
    parse_version(href).map(|v| (v.repository_id, v.number))
}

/// A parsed repository version href.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionHref<'a> {
    /// [`REPOSITORIES`] or [`PUSH_REPOSITORIES`].
    pub collection: &'static str,
    pub repository_id: &'a str,
    pub number: u64,
}

impl VersionHref<'_> {
    /// The href of the repository the version belongs to.
    pub fn repository(&self) -> String {
        resource(self.collection, self.repository_id)
    }

    /// The canonical (relative) href of the version.
    pub fn href(&self) -> String {
        version_in(self.collection, self.repository_id, self.number)
    }
}

/// Parses a repository version href of either collection.
///
/// # Errors
/// As [`parse_repository_version`].
pub fn parse_version(href: &str) -> Result<VersionHref<'_>, HrefError> {
    let path = strip_origin(href);
    let (collection, rest) = REPOSITORY_COLLECTIONS
        .iter()
        .find_map(|c| path.strip_prefix(c).map(|rest| (*c, rest)))
        .ok_or(HrefError::NoMatch)?;
    let mut parts = rest.trim_end_matches('/').split('/');
    let (Some(id), Some("versions"), Some(number), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HrefError::NoMatch);
    };
    if !is_uuid(id) {
        return Err(HrefError::BadUuid(id.to_string()));
    }
    let number = number.parse().map_err(|_| HrefError::NoMatch)?;
    Ok(VersionHref {
        collection,
        repository_id: id,
        number,
    })
}

/// Extracts `(collection, id)` from a repository href of either collection.
///
/// # Errors
/// As [`parse_id`].
pub fn parse_repository(href: &str) -> Result<(&'static str, &str), HrefError> {
    let path = strip_origin(href);
    let collection = REPOSITORY_COLLECTIONS
        .into_iter()
        .find(|c| path.starts_with(c))
        .ok_or(HrefError::NoMatch)?;
    parse_id(collection, path).map(|id| (collection, id))
}

/// Drops `scheme://host[:port]` from an absolute URL, leaving its path.
fn strip_origin(href: &str) -> &str {
    match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => href,
    }
}

/// True for the canonical textual form of a UUID (8-4-4-4-12 hex digits).
pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "01a20747-6b5d-79a0-b31f-ac30c7f8a7bb";

    #[test]
    fn prn_of_names_the_model_and_id() {
        let id = "01a24d16-5d55-714e-8b5a-1b4501531d63";
        assert_eq!(
            prn_of(&resource(DISTRIBUTIONS, id)).as_deref(),
            Some("prn:container.containerdistribution:01a24d16-5d55-714e-8b5a-1b4501531d63")
        );
        assert_eq!(
            prn_of(&resource(TASKS, id)).as_deref(),
            Some("prn:core.task:01a24d16-5d55-714e-8b5a-1b4501531d63")
        );
        // A version is not a resource of a collection; neither is the collection itself.
        assert_eq!(prn_of(&format!("{REPOSITORIES}{id}/versions/1/")), None);
        assert_eq!(prn_of(REPOSITORIES), None);
    }

    #[test]
    fn parses_relative_and_absolute_hrefs() {
        let href = resource(REPOSITORIES, ID);
        assert_eq!(parse_id(REPOSITORIES, &href), Ok(ID));
        let abs = format!("http://localhost:24817{href}");
        assert_eq!(parse_id(REPOSITORIES, &abs), Ok(ID));
    }

    #[test]
    fn rejects_other_collections_and_bad_ids() {
        let href = resource(REMOTES, ID);
        assert_eq!(parse_id(REPOSITORIES, &href), Err(HrefError::NoMatch));
        assert_eq!(
            parse_id(REPOSITORIES, "http://nope/"),
            Err(HrefError::NoMatch)
        );
        let bad = format!("{REPOSITORIES}not-a-uuid/");
        assert_eq!(
            parse_id(REPOSITORIES, &bad),
            Err(HrefError::BadUuid("not-a-uuid".into()))
        );
    }

    #[test]
    fn parses_repository_versions() {
        let href = repository_version(ID, 3);
        assert_eq!(parse_repository_version(&href), Ok((ID, 3)));
        assert_eq!(
            parse_repository_version(&resource(REPOSITORIES, ID)),
            Err(HrefError::NoMatch)
        );
    }

    #[test]
    fn push_repository_versions_keep_their_collection() {
        let href = version_in(PUSH_REPOSITORIES, ID, 2);
        assert_eq!(href, format!("{PUSH_REPOSITORIES}{ID}/versions/2/"));
        assert_eq!(parse_repository_version(&href), Ok((ID, 2)));
        let absolute = format!("http://localhost:24817{href}");
        let v = parse_version(&absolute).unwrap();
        assert_eq!(v.collection, PUSH_REPOSITORIES);
        assert_eq!(v.href(), href);
        assert_eq!(v.repository(), resource(PUSH_REPOSITORIES, ID));
        assert_eq!(
            parse_version(&repository_version(ID, 1))
                .unwrap()
                .collection,
            REPOSITORIES
        );
        assert_eq!(
            parse_version(&version_in(REMOTES, ID, 1)),
            Err(HrefError::NoMatch)
        );
    }

    #[test]
    fn repository_hrefs_of_either_collection_parse() {
        let push = resource(PUSH_REPOSITORIES, ID);
        assert_eq!(parse_repository(&push), Ok((PUSH_REPOSITORIES, ID)));
        assert_eq!(
            parse_repository(&resource(REPOSITORIES, ID)),
            Ok((REPOSITORIES, ID))
        );
        assert_eq!(
            parse_repository(&resource(REMOTES, ID)),
            Err(HrefError::NoMatch)
        );
        assert_eq!(
            parse_repository(&format!("{push}versions/1/")),
            Err(HrefError::NoMatch)
        );
    }
}
