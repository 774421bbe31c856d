//! The consistency check (`pulpd --check`): compares what the repository versions reference with what the
//! metadata store and the blob store hold, and reports the two kinds of inconsistency the lifecycle can leave.
//!
//! - **Dangling references** (a problem: a pull would fail): a blob that some repository version references
//!   (directly, or as the config or a layer of a manifest a version holds) whose bytes should be stored — its
//!   record is not `on_demand`, or it has no record at all — but whose blob file is missing; and a manifest a
//!   version holds (or a tag points at) that has no record. `on_demand` blobs have no file by design and are
//!   not counted. Orphan cleanup removes records before files precisely so that a crash never leaves these.
//! - **Unreferenced blob files** (harmless): what the next orphan cleanup at protection time 0 removes — the
//!   files of orphan blob records, and files with no record at all (left by a crash between cleanup's two
//!   steps, or by an upload whose record never came).
//!
//! The check reads through the same snapshot as the cleanup ([`crate::orphans::Orphans::snapshot`]: the
//! blob store's listing, every record, every version's content via [`crate::content::Content::each_version`])
//! and the same plan ([`crate::orphans::plan`]), so it agrees with what a cleanup would do. It repairs
//! nothing: a dangling blob whose upstream still has it comes back with a sync of its repository; for
//! pushed content the bytes must be pushed again.

use crate::app::Config;
use crate::blobs::Digest;
use crate::content::Content;
use crate::orphans::{plan, Orphans, Snapshot};
use crate::push::PendingBlobs;
use anyhow::Context as _;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What the check found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Manifest records, blob records and blob files looked at.
    pub manifests: u64,
    pub blobs: u64,
    pub files: u64,
    /// Blobs referenced and expected stored, with no file.
    pub missing_files: BTreeSet<String>,
    /// Manifests a version holds, with no record.
    pub missing_manifests: BTreeSet<String>,
    /// Files the next cleanup removes, with their size.
    pub unreferenced_files: Vec<(Digest, u64)>,
}

impl Report {
    /// No dangling reference (unreferenced files are not a problem: the next cleanup removes them).
    pub fn consistent(&self) -> bool {
        self.missing_files.is_empty() && self.missing_manifests.is_empty()
    }

    /// Bytes of the unreferenced files.
    pub fn unreferenced_bytes(&self) -> u64 {
        self.unreferenced_files.iter().map(|(_, size)| size).sum()
    }

    /// The report for a terminal or a log: counts, then the digests of each kind.
    pub fn render(&self) -> String {
        let mut out = format!(
            "checked {} manifest records, {} blob records, {} blob files\n",
            self.manifests, self.blobs, self.files
        );
        let mut list = |title: String, digests: &mut dyn Iterator<Item = String>| {
            out.push_str(&title);
            for d in digests {
                out.push_str(&format!("  {d}\n"));
            }
        };
        list(
            format!(
                "dangling references: {} blobs without their file, {} manifests without their record\n",
                self.missing_files.len(),
                self.missing_manifests.len()
            ),
            &mut self
                .missing_files
                .iter()
                .map(|d| format!("missing file: {d}"))
                .chain(
                    self.missing_manifests
                        .iter()
                        .map(|d| format!("missing manifest: {d}")),
                ),
        );
        list(
            format!(
                "unreferenced blob files: {} ({}), removed by the next orphan cleanup\n",
                self.unreferenced_files.len(),
                crate::space::human(self.unreferenced_bytes())
            ),
            &mut self
                .unreferenced_files
                .iter()
                .map(|(d, size)| format!("{d} ({size} bytes)")),
        );
        out
    }
}

/// Opens the stores `config` names and checks them. With sled metadata (the default) pulpd must be stopped:
/// sled lets one process open the database.
pub async fn run(config: &Config) -> anyhow::Result<Report> {
    anyhow::ensure!(
        config.data_dir.is_dir(),
        "no data dir at {}: nothing to check",
        config.data_dir.display()
    );
    let store = crate::app::open_store(config).await.context(
        "opening the metadata store (with sled, the default, stop pulpd before --check)",
    )?;
    let space = crate::space::Space::new(&config.data_dir, config.min_free_space.clone());
    let blobs = crate::app::open_blobs(config, &space)?;
    let content = Content::open(&store)?;
    let pending = PendingBlobs::open(&store)?;
    let snapshot = Orphans::new(store, content, pending, blobs)
        .snapshot()
        .await
        .context("reading the records, versions and blob files")?;
    Ok(inspect(&snapshot))
}

/// Checks `snapshot` (see the module doc): a pure function.
pub fn inspect(snapshot: &Snapshot) -> Report {
    let files: HashMap<&str, u64> = snapshot
        .files
        .iter()
        .map(|f| (f.digest.as_str(), f.size))
        .collect();
    let manifests: HashMap<&str, _> = snapshot
        .manifests
        .iter()
        .map(|m| (m.digest.as_str(), m))
        .collect();
    let on_demand: HashSet<&str> = snapshot
        .blobs
        .iter()
        .filter(|b| b.on_demand.is_some())
        .map(|b| b.digest.as_str())
        .collect();
    let mut referenced: HashSet<&str> = snapshot
        .referenced_blobs
        .iter()
        .map(String::as_str)
        .collect();
    let mut missing_manifests = BTreeSet::new();
    for digest in &snapshot.referenced_manifests {
        match manifests.get(digest.as_str()) {
            Some(m) => referenced.extend(m.blobs().map(String::as_str)),
            None => {
                missing_manifests.insert(digest.clone());
            }
        }
    }
    let missing_files = referenced
        .into_iter()
        .filter(|d| !on_demand.contains(d) && !files.contains_key(d))
        .map(str::to_string)
        .collect();
    let plan = plan(snapshot, crate::tasks::workers::now_ms(), 0);
    let unreferenced_files = plan
        .blobs
        .iter()
        .filter_map(|(d, _)| Digest::parse(d).ok())
        .chain(plan.stray_files.iter().cloned())
        .filter_map(|d| {
            let size = *files.get(d.as_str())?;
            Some((d, size))
        })
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_iter()
        .collect();
    Report {
        manifests: snapshot.manifests.len() as u64,
        blobs: snapshot.blobs.len() as u64,
        files: snapshot.files.len() as u64,
        missing_files,
        missing_manifests,
        unreferenced_files,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{BlobRecord, OnDemand, VersionContent};
    use crate::orphans::tests::{d, file, image};

    fn blob(digest: &str, on_demand: bool) -> BlobRecord {
        BlobRecord {
            digest: digest.into(),
            size: Some(10),
            media_type: None,
            on_demand: on_demand.then(|| OnDemand {
                remote_id: "r".into(),
                upstream_name: "u".into(),
            }),
            origin: None,
            created_ms: None,
        }
    }

    /// One image in a version (config d10, layers d11 and d12), every file stored, plus an orphan blob d20
    /// with its file.
    fn consistent() -> Snapshot {
        let mut s = Snapshot {
            manifests: vec![image(&d(1), &d(10), &[&d(11), &d(12)], None)],
            blobs: [10, 11, 12, 20].map(|n| blob(&d(n), false)).to_vec(),
            files: [10, 11, 12, 20].map(|n| file(&d(n), None)).to_vec(),
            ..Snapshot::default()
        };
        let mut v = VersionContent::default();
        v.tags.insert("latest".into(), d(1));
        v.manifests.insert(d(1));
        v.blobs.extend([d(10), d(11)]);
        s.reference(&v);
        s
    }

    #[test]
    fn a_consistent_store_reports_only_what_cleanup_would_remove() {
        let r = inspect(&consistent());
        assert!(r.consistent(), "{r:?}");
        assert_eq!(
            r.unreferenced_files,
            vec![(Digest::parse(&d(20)).unwrap(), 10)]
        );
        assert_eq!((r.manifests, r.blobs, r.files), (1, 4, 4));
        assert!(r.render().contains(&d(20)), "{}", r.render());
    }

    #[test]
    fn a_missing_file_of_a_referenced_blob_or_of_a_manifest_layer_is_dangling() {
        let mut s = consistent();
        // d11 is in the version; d12 only in the manifest the version holds.
        s.files
            .retain(|f| f.digest.as_str() != d(11) && f.digest.as_str() != d(12));
        let r = inspect(&s);
        assert!(!r.consistent());
        assert_eq!(r.missing_files, [d(11), d(12)].into_iter().collect());
        assert!(r.missing_manifests.is_empty());
        assert!(r.render().contains(&format!("missing file: {}", d(12))));
    }

    #[test]
    fn on_demand_blobs_have_no_file_by_design() {
        let mut s = consistent();
        s.files.retain(|f| f.digest.as_str() != d(11));
        s.blobs[1] = blob(&d(11), true);
        assert!(inspect(&s).consistent());
    }

    #[test]
    fn a_manifest_without_its_record_is_dangling_and_a_stray_file_is_unreferenced() {
        let mut s = consistent();
        s.manifests.clear();
        s.files.push(file(&d(30), None));
        let r = inspect(&s);
        assert_eq!(r.missing_manifests, [d(1)].into_iter().collect());
        // Without the manifest, d12 is no longer referenced: an orphan record whose file cleanup removes.
        let unreferenced: Vec<String> = r
            .unreferenced_files
            .iter()
            .map(|(d, _)| d.to_string())
            .collect();
        assert_eq!(unreferenced, vec![d(12), d(20), d(30)]);
        assert_eq!(r.unreferenced_bytes(), 30);
    }
}
