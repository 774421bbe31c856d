//! The data dir is private (issue 11, point 5): pulpd's data dir and files are readable by its user only, and
//! loose modes left by an older pulpd or an operator are tightened at start with a warning.

use pulp_e2e::daemon::Daemon;
use pulp_e2e::images;
use pulp_e2e::upstream;
use serde_json::json;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

const REPOSITORIES: &str = "/pulp/api/v3/repositories/container/container/";

/// Every path under `dir` (not following symlinks) with its mode.
fn walk(dir: &Path, out: &mut Vec<(PathBuf, u32)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = std::fs::symlink_metadata(entry.path()).unwrap();
        out.push((entry.path(), meta.permissions().mode() & 0o777));
        if meta.is_dir() {
            walk(&entry.path(), out);
        }
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_data_dir_and_everything_in_it_are_private() {
    let up = upstream::shared();
    let image = images::get().hello("latest");
    let d = Daemon::start();
    let api = d.api();
    api.sync_and_distribute(
        "private",
        "private",
        &up.url(),
        &image.repository(),
        json!({"include_tags": ["latest"]}),
    );
    let data = d.data_dir();
    assert_eq!(mode(data), 0o700);
    let mut paths = Vec::new();
    walk(data, &mut paths);
    assert!(
        paths
            .iter()
            .any(|(p, _)| p.starts_with(data.join("blobs/sha256")) && p.is_file()),
        "the sync stored blobs: {paths:?}"
    );
    let open: Vec<_> = paths.iter().filter(|(_, m)| m & 0o077 != 0).collect();
    assert!(open.is_empty(), "readable by group or others: {open:?}");
}

#[test]
fn loose_modes_are_tightened_at_start_with_a_warning() {
    let mut d = Daemon::start();
    d.api().create_repository("before");
    d.terminate();
    let data = d.data_dir().to_path_buf();
    let key = data.join("token-signing-key.pem");
    let db = data.join("metadata/db");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();

    d.restart();
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&key), 0o600);
    assert_eq!(mode(&db), 0o600);
    let log = d.log();
    for path in [&data, &key, &db] {
        let line = log
            .lines()
            .find(|l| l.contains("tightened") && l.contains(&format!("path={} ", path.display())))
            .unwrap_or_else(|| panic!("no warning for {}:\n{log}", path.display()));
        assert!(line.contains("WARN"), "{line}");
    }
    d.api().get_ok(&format!("{REPOSITORIES}?name=before"));
}
