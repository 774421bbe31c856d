//! The change from one version content to another, and how version contents are stored as chains of them.
//!
//! A repository version's content is stored either whole (a *snapshot*) or as a [`Delta`] on the version it was
//! made from (its *base*), so that a push that adds one tag to a repository of thousands writes a few hundred
//! bytes, not the whole tag list again (which made every push cost as much as the repository's size, and the
//! store grow with the square of the number of pushes).
//!
//! A chain is a snapshot followed by deltas, each on the one before. [`needs_snapshot`] bounds a chain: a new
//! version is written whole once the deltas since the last snapshot hold as many entries as the content itself
//! (so the bytes written stay proportional to what changed, amortised) or the chain is [`MAX_DEPTH`] long (so
//! reading an old version reads at most that many records). Versions are immutable and so are their records; a
//! record stays as long as a kept version's chain runs through it (see [`super::Content::prune`]).

use super::model::{KIND_BLOB, KIND_MANIFEST, KIND_TAG};
use super::VersionContent;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The longest chain of deltas after a snapshot.
pub const MAX_DEPTH: u32 = 128;

/// Chains shorter than this many entries are never cut short for their size (a snapshot of a small repository
/// is as cheap as a delta).
const MIN_SNAPSHOT_WEIGHT: u64 = 256;

/// What changed between a version's base and the version.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct Delta {
    /// The number of the version this applies to.
    pub base: u64,
    /// The number of the chain's snapshot (0 when the chain starts at the empty version 0).
    pub start: u64,
    /// How many deltas (this one included) lie between the chain's snapshot and this version.
    pub depth: u32,
    /// Entries of those deltas together (this one included).
    pub weight: u64,
    /// Tags added or moved: name → the manifest it now names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags_set: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags_unset: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub manifests_added: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub manifests_removed: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub blobs_added: BTreeSet<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub blobs_removed: BTreeSet<String>,
}

/// Where a stored version sits in its chain: what [`needs_snapshot`] decides from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChainPosition {
    /// The number of the chain's snapshot.
    pub start: u64,
    /// Deltas since the snapshot (0 for the snapshot itself).
    pub depth: u32,
    /// Entries in those deltas.
    pub weight: u64,
}

impl ChainPosition {
    /// The position of a snapshot: version `number` stored whole.
    pub fn snapshot(number: u64) -> ChainPosition {
        ChainPosition {
            start: number,
            depth: 0,
            weight: 0,
        }
    }
}

impl Delta {
    /// The change from `base` (version number `base_number`) to `next`; `depth` and `weight` continue the
    /// chain at `position` (the base's).
    pub fn between(
        base_number: u64,
        position: ChainPosition,
        base: &VersionContent,
        next: &VersionContent,
    ) -> Delta {
        let mut d = Delta {
            base: base_number,
            ..Delta::default()
        };
        merge_walk(base.tags.iter(), next.tags.iter(), |change| match change {
            Change::Removed((name, _)) => {
                d.tags_unset.insert(name.clone());
            }
            Change::Added((name, digest)) => {
                d.tags_set.insert(name.clone(), digest.clone());
            }
            Change::Both((name, old), (_, new)) if old != new => {
                d.tags_set.insert(name.clone(), new.clone());
            }
            Change::Both(..) => {}
        });
        set_changes(
            &base.manifests,
            &next.manifests,
            &mut d.manifests_added,
            &mut d.manifests_removed,
        );
        set_changes(
            &base.blobs,
            &next.blobs,
            &mut d.blobs_added,
            &mut d.blobs_removed,
        );
        d.start = position.start;
        d.depth = position.depth + 1;
        d.weight = position.weight + d.entries();
        d
    }

    /// How many entries it holds.
    pub fn entries(&self) -> u64 {
        (self.tags_set.len()
            + self.tags_unset.len()
            + self.manifests_added.len()
            + self.manifests_removed.len()
            + self.blobs_added.len()
            + self.blobs_removed.len()) as u64
    }

    /// `(added, removed)` counts by content type (`container.tag` …) for the content summary, `base` being
    /// the content it applies to. A moved tag counts once in each (Pulp's tag content is the pair).
    pub fn counts(&self, base: &VersionContent) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
        let moved = self
            .tags_set
            .keys()
            .filter(|name| base.tags.contains_key(*name))
            .count();
        let added = [
            (KIND_TAG, self.tags_set.len()),
            (KIND_MANIFEST, self.manifests_added.len()),
            (KIND_BLOB, self.blobs_added.len()),
        ];
        let removed = [
            (KIND_TAG, self.tags_unset.len() + moved),
            (KIND_MANIFEST, self.manifests_removed.len()),
            (KIND_BLOB, self.blobs_removed.len()),
        ];
        let to_map = |a: [(&str, usize); 3]| {
            a.into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| (k.to_string(), n as u64))
                .collect()
        };
        (to_map(added), to_map(removed))
    }

    /// Its place in the chain.
    pub fn position(&self) -> ChainPosition {
        ChainPosition {
            start: self.start,
            depth: self.depth,
            weight: self.weight,
        }
    }

    /// Applies it to `content` (the base's content), giving the version's.
    pub fn apply(&self, content: &mut VersionContent) {
        for name in &self.tags_unset {
            content.tags.remove(name);
        }
        for (name, digest) in &self.tags_set {
            content.tags.insert(name.clone(), digest.clone());
        }
        for m in &self.manifests_removed {
            content.manifests.remove(m);
        }
        content
            .manifests
            .extend(self.manifests_added.iter().cloned());
        for b in &self.blobs_removed {
            content.blobs.remove(b);
        }
        content.blobs.extend(self.blobs_added.iter().cloned());
    }
}

/// Whether a version with `delta` on a base at `base_position` should be stored whole instead: the chain would
/// grow past [`MAX_DEPTH`], or its deltas would hold more entries than the content (`content_entries`) itself.
pub fn needs_snapshot(base_position: ChainPosition, delta: &Delta, content_entries: u64) -> bool {
    base_position.depth + 1 > MAX_DEPTH
        || base_position.weight + delta.entries() > content_entries.max(MIN_SNAPSHOT_WEIGHT)
}

/// Entries of a content: what a snapshot of it holds.
pub fn entries(content: &VersionContent) -> u64 {
    (content.tags.len() + content.manifests.len() + content.blobs.len()) as u64
}

/// One step of a walk over two sorted sequences.
enum Change<T> {
    Removed(T),
    Added(T),
    Both(T, T),
}

/// Walks two sequences sorted by key (the first element of a map entry, or the element of a set) together,
/// without copying either.
fn merge_walk<T: Keyed>(
    mut old: impl Iterator<Item = T>,
    mut new: impl Iterator<Item = T>,
    mut each: impl FnMut(Change<T>),
) {
    let (mut a, mut b) = (old.next(), new.next());
    loop {
        match (a, b) {
            (None, None) => return,
            (Some(x), None) => {
                each(Change::Removed(x));
                (a, b) = (old.next(), None);
            }
            (None, Some(y)) => {
                each(Change::Added(y));
                (a, b) = (None, new.next());
            }
            (Some(x), Some(y)) => match x.key().cmp(y.key()) {
                Ordering::Less => {
                    each(Change::Removed(x));
                    (a, b) = (old.next(), Some(y));
                }
                Ordering::Greater => {
                    each(Change::Added(y));
                    (a, b) = (Some(x), new.next());
                }
                Ordering::Equal => {
                    each(Change::Both(x, y));
                    (a, b) = (old.next(), new.next());
                }
            },
        }
    }
}

/// What [`merge_walk`] orders by.
trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for &String {
    fn key(&self) -> &str {
        self
    }
}

impl Keyed for (&String, &String) {
    fn key(&self) -> &str {
        self.0
    }
}

fn set_changes(
    old: &BTreeSet<String>,
    new: &BTreeSet<String>,
    added: &mut BTreeSet<String>,
    removed: &mut BTreeSet<String>,
) {
    merge_walk(old.iter(), new.iter(), |change| match change {
        Change::Removed(x) => {
            removed.insert(x.clone());
        }
        Change::Added(x) => {
            added.insert(x.clone());
        }
        Change::Both(..) => {}
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn content() -> impl Strategy<Value = VersionContent> {
        let name = "[a-e]{1,2}";
        let digest = "sha256:[0-3]";
        (
            prop::collection::btree_map(name, digest, 0..8),
            prop::collection::btree_set(digest, 0..4),
            prop::collection::btree_set(digest, 0..4),
        )
            .prop_map(|(tags, manifests, blobs)| VersionContent {
                tags,
                manifests,
                blobs,
            })
    }

    proptest! {
        /// Applying the delta between two contents to the first gives the second, and it counts what changed.
        #[test]
        fn a_delta_takes_its_base_to_the_version(a in content(), b in content()) {
            let d = Delta::between(3, ChainPosition { start: 1, depth: 2, weight: 5 }, &a, &b);
            let mut applied = a.clone();
            d.apply(&mut applied);
            prop_assert_eq!(&applied, &b);
            prop_assert_eq!(d.base, 3);
            prop_assert_eq!(d.start, 1);
            prop_assert_eq!(d.depth, 3);
            prop_assert_eq!(d.weight, 5 + d.entries());
            // The summary's counts, computed the plain way: set differences of (tag, digest) pairs and digests.
            let pairs = |c: &VersionContent| -> BTreeSet<(String, String)> {
                c.tags.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
            };
            let count = |n: usize, kind: &str| (n > 0).then(|| (kind.to_string(), n as u64));
            let want_added: BTreeMap<String, u64> = [
                count(pairs(&b).difference(&pairs(&a)).count(), KIND_TAG),
                count(b.manifests.difference(&a.manifests).count(), KIND_MANIFEST),
                count(b.blobs.difference(&a.blobs).count(), KIND_BLOB),
            ].into_iter().flatten().collect();
            let want_removed: BTreeMap<String, u64> = [
                count(pairs(&a).difference(&pairs(&b)).count(), KIND_TAG),
                count(a.manifests.difference(&b.manifests).count(), KIND_MANIFEST),
                count(a.blobs.difference(&b.blobs).count(), KIND_BLOB),
            ].into_iter().flatten().collect();
            prop_assert_eq!(d.counts(&a), (want_added, want_removed));
        }
    }

    #[test]
    fn no_change_is_an_empty_delta() {
        let mut c = VersionContent::default();
        c.tags.insert("latest".into(), "sha256:a".into());
        c.manifests.insert("sha256:a".into());
        let d = Delta::between(1, ChainPosition::default(), &c, &c);
        assert_eq!(d.entries(), 0);
    }

    #[test]
    fn chains_are_cut_by_depth_and_by_weight() {
        let small = Delta {
            weight: 1,
            blobs_added: ["sha256:a".to_string()].into(),
            ..Delta::default()
        };
        let at = |depth, weight| ChainPosition {
            start: 0,
            depth,
            weight,
        };
        assert!(!needs_snapshot(at(0, 0), &small, 10));
        assert!(!needs_snapshot(at(MAX_DEPTH - 1, 10), &small, 10_000));
        assert!(needs_snapshot(at(MAX_DEPTH, 10), &small, 10_000));
        // Deltas as large as the content: write it whole.
        assert!(!needs_snapshot(at(3, 999), &small, 1_000));
        assert!(needs_snapshot(at(3, 1_000), &small, 1_000));
        // Small repositories still chain up to the minimum weight.
        assert!(!needs_snapshot(at(3, 200), &small, 10));
    }
}
