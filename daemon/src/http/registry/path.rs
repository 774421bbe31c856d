//! [`RegistryPath`]: what a `/v2/<rest>` path asks for, by the distribution spec's grammar.
//!
//! Names hold slashes and their components may be `manifests`, `blobs` or `tags`, so a path is read from its
//! end: the endpoint is the trailing `/manifests/<reference>`, `/blobs/<digest>`, `/blobs/uploads/[<id>]`,
//! `/tags/list` or `/referrers/<digest>` whose last segment parses, and the name is everything before it.
//! `a/manifests/b/blobs/sha256:…` is thus a blob of `a/manifests/b`, and `a/manifests/b/manifests/latest` the
//! manifest `latest` of `a/manifests/b`. References, digests and upload ids hold no `/`, so the endpoint is
//! always the last two (or three) segments and at most one of them fits.
//!
//! Invariant: a parsed path's name matches the name grammar ([`RepositoryName`]).

use crate::names::{is_digest, NameError, Reference, RepositoryName};

/// The endpoint a path asks for, below its repository name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// `/manifests/<tag or digest>`.
    Manifest(Reference),
    /// `/blobs/<digest>` (digest grammar; the algorithm is checked when the blob is read).
    Blob(String),
    /// `/tags/list`.
    Tags,
    /// `/blobs/uploads/` (`None`) or `/blobs/uploads/<id>`: recognised, not served (push is not supported).
    Upload(Option<String>),
    /// `/referrers/<digest>`: recognised, not served.
    Referrers(String),
}

/// A parsed `/v2/` path: repository name and endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryPath {
    pub name: RepositoryName,
    pub endpoint: Endpoint,
}

/// Why a path is not a registry endpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// No endpoint suffix parses.
    #[error("no such endpoint")]
    NoEndpoint,
    /// The endpoint parses but what precedes it is not a repository name.
    #[error("invalid repository name: {0}")]
    Name(NameError),
}

impl RegistryPath {
    /// Parses the part of the path after `/v2/`.
    ///
    /// # Errors
    /// [`PathError::NoEndpoint`] when no endpoint fits the path's end; [`PathError::Name`] when one does but
    /// the name before it breaks the grammar or is too long.
    pub fn parse(rest: &str) -> Result<RegistryPath, PathError> {
        let (name, endpoint) = split(rest).ok_or(PathError::NoEndpoint)?;
        let name = RepositoryName::parse(name).map_err(PathError::Name)?;
        Ok(RegistryPath { name, endpoint })
    }

    /// The path after `/v2/` that this value parses from.
    pub fn to_path(&self) -> String {
        let name = self.name.as_str();
        match &self.endpoint {
            Endpoint::Manifest(r) => format!("{name}/manifests/{}", r.as_str()),
            Endpoint::Blob(d) => format!("{name}/blobs/{d}"),
            Endpoint::Tags => format!("{name}/tags/list"),
            Endpoint::Upload(None) => format!("{name}/blobs/uploads/"),
            Endpoint::Upload(Some(id)) => format!("{name}/blobs/uploads/{id}"),
            Endpoint::Referrers(d) => format!("{name}/referrers/{d}"),
        }
    }
}

/// Splits `rest` into the name and the endpoint at its end, if one fits.
fn split(rest: &str) -> Option<(&str, Endpoint)> {
    let (head, last) = rest.rsplit_once('/')?;
    let (name, kind) = head.rsplit_once('/')?;
    match (kind, last) {
        ("tags", "list") => Some((name, Endpoint::Tags)),
        ("manifests", r) => Reference::parse(r).map(|r| (name, Endpoint::Manifest(r))),
        ("blobs", d) if is_digest(d) => Some((name, Endpoint::Blob(d.to_string()))),
        // `/blobs/uploads` without the trailing slash too: clients differ.
        ("blobs", "uploads") => Some((name, Endpoint::Upload(None))),
        ("referrers", d) if is_digest(d) => Some((name, Endpoint::Referrers(d.to_string()))),
        ("uploads", id) => {
            let (name, blobs) = name.rsplit_once('/')?;
            (blobs == "blobs" && (id.is_empty() || is_upload_id(id))).then(|| {
                (
                    name,
                    Endpoint::Upload((!id.is_empty()).then(|| id.to_string())),
                )
            })
        }
        _ => None,
    }
}

/// An upload session id as Distribution writes them (`[a-zA-Z0-9-_.=]+`).
fn is_upload_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'='))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(s: &str) -> Result<(String, Endpoint), PathError> {
        RegistryPath::parse(s).map(|p| (p.name.as_str().to_string(), p.endpoint))
    }

    fn digest() -> String {
        format!("sha256:{}", "ab".repeat(32))
    }

    #[test]
    fn the_name_is_everything_before_the_endpoint() {
        let d = digest();
        let tag = |t: &str| Endpoint::Manifest(Reference::Tag(t.into()));
        assert_eq!(parse("a/manifests/latest"), Ok(("a".into(), tag("latest"))));
        assert_eq!(
            parse(&format!("a/manifests/b/blobs/{d}")),
            Ok(("a/manifests/b".into(), Endpoint::Blob(d.clone())))
        );
        assert_eq!(
            parse("a/manifests/b/manifests/latest"),
            Ok(("a/manifests/b".into(), tag("latest")))
        );
        assert_eq!(
            parse(&format!("a/blobs/b/manifests/{d}")),
            Ok((
                "a/blobs/b".into(),
                Endpoint::Manifest(Reference::Digest(d.clone()))
            ))
        );
        assert_eq!(
            parse("a/tags/list/tags/list"),
            Ok(("a/tags/list".into(), Endpoint::Tags))
        );
        assert_eq!(
            parse("org/app/blobs/uploads/"),
            Ok(("org/app".into(), Endpoint::Upload(None)))
        );
        assert_eq!(
            parse("org/app/blobs/uploads/3f2a-b_c="),
            Ok(("org/app".into(), Endpoint::Upload(Some("3f2a-b_c=".into()))))
        );
        assert_eq!(
            parse(&format!("a/referrers/{d}")),
            Ok(("a".into(), Endpoint::Referrers(d.clone())))
        );
    }

    #[test]
    fn paths_without_an_endpoint_or_with_a_bad_name_are_refused() {
        for bad in [
            "",
            "a",
            "a/manifests/",
            "a/manifests/-bad",
            "a/blobs/notadigest",
            "a/tags",
            "a/tags/lists",
            "manifests/latest",
            "a/referrers/latest",
        ] {
            assert!(RegistryPath::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            RegistryPath::parse("Upper/manifests/latest"),
            Err(PathError::Name(NameError::Grammar))
        );
        assert_eq!(
            RegistryPath::parse(&format!("{}/tags/list", "a".repeat(256))),
            Err(PathError::Name(NameError::TooLong))
        );
    }

    /// A name of one to four components, each of the grammar's shapes, some of them endpoint words.
    fn name() -> impl Strategy<Value = String> {
        let component = prop_oneof![
            "[a-z0-9]{1,5}((\\.|_|__|-{1,3})[a-z0-9]{1,5}){0,2}",
            Just("manifests".to_string()),
            Just("blobs".to_string()),
            Just("uploads".to_string()),
            Just("tags".to_string()),
            Just("list".to_string()),
            Just("referrers".to_string()),
        ];
        prop::collection::vec(component, 1..5).prop_map(|c| c.join("/"))
    }

    fn endpoint() -> impl Strategy<Value = Endpoint> {
        let digest = "sha256:[a-f0-9]{64}|sha512:[a-zA-Z0-9=_-]{1,20}";
        prop_oneof![
            "[a-zA-Z0-9_][a-zA-Z0-9._-]{0,20}".prop_map(|t| Endpoint::Manifest(Reference::Tag(t))),
            digest.prop_map(|d| Endpoint::Manifest(Reference::Digest(d))),
            digest.prop_map(Endpoint::Blob),
            Just(Endpoint::Tags),
            Just(Endpoint::Upload(None)),
            "[a-zA-Z0-9=_.-]{1,36}".prop_map(|id| Endpoint::Upload(Some(id))),
            digest.prop_map(Endpoint::Referrers),
        ]
    }

    proptest! {
        /// name + endpoint → path → parse gives back the same name and endpoint.
        #[test]
        fn round_trips(name in name(), endpoint in endpoint()) {
            let path = RegistryPath { name: RepositoryName::parse(&name).unwrap(), endpoint };
            prop_assert_eq!(RegistryPath::parse(&path.to_path()), Ok(path));
        }

        /// Any input parses or is refused, never panics; what parses prints to a path that parses the same.
        #[test]
        fn any_path_parses_or_is_refused(s in "[a-z/:0-9A-Z._-]{0,40}|\\PC{0,40}") {
            if let Ok(p) = RegistryPath::parse(&s) {
                prop_assert_eq!(RegistryPath::parse(&p.to_path()), Ok(p));
            }
        }
    }
}
