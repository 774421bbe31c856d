//! Pure edits of a repository version's content: tag, untag and remove an image (Pulp's `tag/`, `untag/` and
//! `remove_image/`), and the recursive add and remove of content units (`add/`, `remove/`, `copy_tags/`,
//! `copy_manifests/` of sync repositories). Each takes the latest content and returns the next one, or a field
//! error saying why the request does not fit that content; [`super::Repositories::modify`] makes the version.
//!
//! Invariant kept by [`remove_image`]: nothing a manifest left in the version references (a child manifest, a
//! config, a layer) is removed, and nothing is removed that a removed manifest did not reference, so a blob pushed
//! ahead of its manifest (in the version, referenced by no manifest yet) stays.

use super::model::{ManifestRecord, VersionContent};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// `content` with `tag` pointing at `digest` (a new tag, or one moved).
///
/// # Errors
/// A field error on `digest` when `content` has no such manifest.
pub fn tag(content: &VersionContent, tag: &str, digest: &str) -> Result<VersionContent> {
    if !content.manifests.contains(digest) {
        return Err(Error::field(
            "digest",
            format!(
                "A manifest with the digest '{digest}' does not exist in the latest repository version."
            ),
        ));
    }
    let mut next = content.clone();
    next.tags.insert(tag.to_string(), digest.to_string());
    Ok(next)
}

/// `content` without tag `tag` (the manifest stays).
///
/// # Errors
/// A field error on `tag` when `content` has no such tag.
pub fn untag(content: &VersionContent, tag: &str) -> Result<VersionContent> {
    let mut next = content.clone();
    if next.tags.remove(tag).is_none() {
        return Err(Error::field(
            "tag",
            format!("The tag '{tag}' does not exist in the latest repository version."),
        ));
    }
    Ok(next)
}

/// `content` without the manifest `digest` and the tags pointing at it; for an index, also without its
/// children that no remaining manifest lists and no remaining tag names; and without the blobs (configs,
/// layers) of the removed manifests that no remaining manifest uses. `records` holds the record of every
/// manifest in `content`.
///
/// # Errors
/// A field error on `digest` when `content` has no such manifest; an internal error when a record is missing.
pub fn remove_image(
    content: &VersionContent,
    digest: &str,
    records: &HashMap<String, ManifestRecord>,
) -> Result<VersionContent> {
    if !content.manifests.contains(digest) {
        return Err(Error::field(
            "digest",
            format!(
                "A manifest with the digest '{digest}' does not exist in the latest repository version."
            ),
        ));
    }
    let record = |d: &str| {
        records.get(d).ok_or_else(|| {
            Error::Internal(anyhow::anyhow!(
                "manifest {d} is in the version but has no record"
            ))
        })
    };
    let mut next = content.clone();
    next.tags.retain(|_, target| target != digest);
    next.manifests.remove(digest);
    let mut removed = vec![record(digest)?];
    // Children go only when nothing left points at them: another index, or a tag of their own.
    let children: BTreeSet<&str> = removed[0]
        .children
        .iter()
        .map(|c| c.digest.as_str())
        .filter(|c| next.manifests.contains(*c))
        .collect();
    let listed_elsewhere = |child: &str| -> Result<bool> {
        for other in next
            .manifests
            .iter()
            .filter(|m| !children.contains(m.as_str()))
        {
            if record(other)?.children.iter().any(|c| c.digest == child) {
                return Ok(true);
            }
        }
        Ok(next.tags.values().any(|t| t == child))
    };
    let mut going = Vec::new();
    for child in &children {
        if !listed_elsewhere(child)? {
            going.push(*child);
        }
    }
    for child in going {
        next.manifests.remove(child);
        removed.push(record(child)?);
    }
    let mut still_used = BTreeSet::new();
    for m in &next.manifests {
        still_used.extend(record(m)?.blobs().cloned());
    }
    for r in removed {
        for blob in r.blobs() {
            if !still_used.contains(blob) {
                next.blobs.remove(blob);
            }
        }
    }
    Ok(next)
}

/// `content` with `addition` (a closure: tags with their manifests, indexes with their children, manifests with
/// their blobs; see [`super::units::Units::closure`]). A tag of the addition replaces a tag of the same name, as
/// a repository holds one tag per name.
pub fn add(content: &VersionContent, addition: &VersionContent) -> VersionContent {
    let mut next = content.clone();
    next.tags
        .extend(addition.tags.iter().map(|(t, d)| (t.clone(), d.clone())));
    next.manifests.extend(addition.manifests.iter().cloned());
    next.blobs.extend(addition.blobs.iter().cloned());
    next
}

/// What a recursive remove names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removal {
    /// Every unit (`content_units: ["*"]`).
    pub all: bool,
    /// Tags: name → the manifest the unit names (a tag moved since is another unit and stays).
    pub tags: BTreeMap<String, String>,
    pub manifests: BTreeSet<String>,
    pub blobs: BTreeSet<String>,
}

/// `content` without what `removal` names and what only that referenced: the tags named; the manifests named
/// and those the removed tags pointed at that no remaining tag names (each removed as [`remove_image`] does:
/// with its tags, its children nothing else lists, its blobs no remaining manifest uses); the blobs named that
/// no remaining manifest uses. Units not in `content` are ignored. `records` holds the record of every manifest
/// in `content`.
///
/// # Errors
/// An internal error when a record is missing.
pub fn remove(
    content: &VersionContent,
    removal: &Removal,
    records: &HashMap<String, ManifestRecord>,
) -> Result<VersionContent> {
    if removal.all {
        return Ok(VersionContent::default());
    }
    let mut next = content.clone();
    let mut untagged = BTreeSet::new();
    for (name, digest) in &removal.tags {
        if next.tags.get(name) == Some(digest) {
            next.tags.remove(name);
            untagged.insert(digest.clone());
        }
    }
    let still_tagged: BTreeSet<&String> = next.tags.values().collect();
    let mut going: BTreeSet<String> = removal.manifests.clone();
    going.extend(untagged.into_iter().filter(|d| !still_tagged.contains(d)));
    for digest in going {
        if next.manifests.contains(&digest) {
            next = remove_image(&next, &digest, records)?;
        }
    }
    let mut used = BTreeSet::new();
    for m in &next.manifests {
        let record = records.get(m).ok_or_else(|| {
            Error::Internal(anyhow::anyhow!(
                "manifest {m} is in the version but has no record"
            ))
        })?;
        used.extend(record.blobs().cloned());
    }
    for blob in &removal.blobs {
        if !used.contains(blob) {
            next.blobs.remove(blob);
        }
    }
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{ChildManifest, OCI_INDEX, OCI_MANIFEST};

    fn image(digest: &str, config: &str, layers: &[&str]) -> ManifestRecord {
        ManifestRecord {
            digest: digest.into(),
            media_type: OCI_MANIFEST.into(),
            size: 1,
            config: Some(config.into()),
            layers: layers.iter().map(|l| l.to_string()).collect(),
            children: Vec::new(),
            annotations: Default::default(),
            subject: None,
            artifact_type: None,
            created_ms: None,
        }
    }

    fn index(digest: &str, children: &[&str]) -> ManifestRecord {
        ManifestRecord {
            digest: digest.into(),
            media_type: OCI_INDEX.into(),
            size: 1,
            config: None,
            layers: Vec::new(),
            children: children
                .iter()
                .map(|c| ChildManifest {
                    digest: c.to_string(),
                    media_type: OCI_MANIFEST.into(),
                    size: 1,
                    platform: None,
                })
                .collect(),
            annotations: Default::default(),
            subject: None,
            artifact_type: None,
            created_ms: None,
        }
    }

    /// A version holding `records`, every blob they use, `extra_blobs`, and `tags`.
    fn version(
        records: &[ManifestRecord],
        tags: &[(&str, &str)],
        extra_blobs: &[&str],
    ) -> (VersionContent, HashMap<String, ManifestRecord>) {
        let mut c = VersionContent::default();
        for r in records {
            c.manifests.insert(r.digest.clone());
            c.blobs.extend(r.blobs().cloned());
        }
        c.blobs.extend(extra_blobs.iter().map(|b| b.to_string()));
        c.tags = tags
            .iter()
            .map(|(t, d)| (t.to_string(), d.to_string()))
            .collect();
        let records = records
            .iter()
            .map(|r| (r.digest.clone(), r.clone()))
            .collect();
        (c, records)
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tag_needs_the_manifest_and_moves_an_existing_tag() {
        let (c, _) = version(
            &[image("m1", "c1", &["l1"]), image("m2", "c2", &["l2"])],
            &[("v1", "m1")],
            &[],
        );
        let next = tag(&c, "v1", "m2").unwrap();
        assert_eq!(next.tags["v1"], "m2");
        assert_eq!(next.manifests, c.manifests);
        let err = tag(&c, "v2", "nope").unwrap_err();
        assert!(matches!(err, Error::Invalid(ref f) if f.contains_key("digest")));
    }

    #[test]
    fn untag_needs_the_tag_and_keeps_the_manifest() {
        let (c, _) = version(&[image("m1", "c1", &["l1"])], &[("v1", "m1")], &[]);
        let next = untag(&c, "v1").unwrap();
        assert!(next.tags.is_empty());
        assert_eq!(next.manifests, set(&["m1"]));
        let err = untag(&next, "v1").unwrap_err();
        assert!(matches!(err, Error::Invalid(ref f) if f.contains_key("tag")));
    }

    #[test]
    fn removing_an_image_keeps_shared_and_unreferenced_blobs() {
        let (c, records) = version(
            &[
                image("m1", "c1", &["base", "l1"]),
                image("m2", "c2", &["base", "l2"]),
            ],
            &[("a", "m1"), ("b", "m1"), ("c", "m2")],
            &["pushed-ahead"],
        );
        let next = remove_image(&c, "m1", &records).unwrap();
        assert_eq!(next.manifests, set(&["m2"]));
        assert_eq!(next.tags.keys().collect::<Vec<_>>(), vec!["c"]);
        assert_eq!(next.blobs, set(&["base", "c2", "l2", "pushed-ahead"]));
        let err = remove_image(&next, "m1", &records).unwrap_err();
        assert!(matches!(err, Error::Invalid(ref f) if f.contains_key("digest")));
    }

    #[test]
    fn removing_an_index_takes_children_nothing_else_points_at() {
        let (c, records) = version(
            &[
                index("idx", &["amd64", "arm64", "s390x"]),
                index("other", &["arm64"]),
                image("amd64", "c-amd64", &["l-amd64", "shared"]),
                image("arm64", "c-arm64", &["l-arm64", "shared"]),
                image("s390x", "c-s390x", &["l-s390x"]),
            ],
            &[("latest", "idx"), ("s390x", "s390x")],
            &[],
        );
        let next = remove_image(&c, "idx", &records).unwrap();
        // arm64 is listed by `other`, s390x has its own tag: both stay; amd64 goes with its own blobs.
        assert_eq!(next.manifests, set(&["arm64", "other", "s390x"]));
        assert_eq!(
            next.blobs,
            set(&["c-arm64", "c-s390x", "l-arm64", "l-s390x", "shared"])
        );
        assert_eq!(next.tags.keys().collect::<Vec<_>>(), vec!["s390x"]);
    }

    #[test]
    fn a_missing_record_is_an_internal_error_not_a_silent_loss() {
        let (c, mut records) = version(
            &[image("m1", "c1", &["l1"]), image("m2", "c2", &["l1"])],
            &[],
            &[],
        );
        records.remove("m2");
        assert!(matches!(
            remove_image(&c, "m1", &records),
            Err(Error::Internal(_))
        ));
    }

    #[test]
    fn add_brings_the_closure_and_a_tag_replaces_its_namesake() {
        let a = image("m1", "c1", &["l1"]);
        let b = image("m2", "c2", &["l1", "l2"]);
        let (base, _) = version(&[a], &[("latest", "m1")], &[]);
        let (addition, _) = version(&[b], &[("latest", "m2"), ("v2", "m2")], &[]);
        let next = add(&base, &addition);
        assert_eq!(next.manifests, set(&["m1", "m2"]));
        assert_eq!(next.blobs, set(&["c1", "c2", "l1", "l2"]));
        assert_eq!(next.tags["latest"], "m2");
        assert_eq!(next.tags["v2"], "m2");
    }

    #[test]
    fn removing_a_tag_takes_its_manifest_only_when_no_other_tag_names_it() {
        let a = image("m1", "c1", &["l1"]);
        let b = image("m2", "c2", &["l1", "l2"]);
        let (base, records) = version(
            &[a, b],
            &[("v1", "m1"), ("v2", "m2"), ("stable", "m2")],
            &[],
        );
        let tags = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(t, d)| (t.to_string(), d.to_string()))
                .collect()
        };
        let removal = Removal {
            tags: tags(&[("v1", "m1"), ("v2", "m2")]),
            ..Removal::default()
        };
        let next = remove(&base, &removal, &records).unwrap();
        assert_eq!(next.manifests, set(&["m2"]), "m2 is still tagged stable");
        assert_eq!(next.blobs, set(&["c2", "l1", "l2"]));
        assert_eq!(next.tags, tags(&[("stable", "m2")]));
        // A tag unit that names another manifest than the repository's tag of that name is not there.
        let stale = Removal {
            tags: tags(&[("stable", "m1")]),
            ..Removal::default()
        };
        assert_eq!(remove(&base, &stale, &records).unwrap(), base);
        // A blob a remaining manifest uses stays; one nothing uses goes; everything goes with "*".
        let (with_extra, records) = version(&[image("m1", "c1", &["l1"])], &[], &["loose"]);
        let blobs = Removal {
            blobs: set(&["l1", "loose"]),
            ..Removal::default()
        };
        assert_eq!(
            remove(&with_extra, &blobs, &records).unwrap().blobs,
            set(&["c1", "l1"])
        );
        let all = Removal {
            all: true,
            ..Removal::default()
        };
        assert_eq!(
            remove(&with_extra, &all, &records).unwrap(),
            VersionContent::default()
        );
    }
}
