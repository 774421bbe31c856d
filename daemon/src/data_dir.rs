//! Who may read the data dir: creating it private and tightening what an older pulpd (or an operator) left
//! readable by group or others.
//!
//! The data dir holds secrets (the admin password file, the token signing key, remote passwords inside the
//! metadata database) and the blobs of private distributions, so nothing in it is meant for anyone but the
//! user pulpd runs as. Two mechanisms keep it so:
//! - `main` sets the process umask to `0o077`, so every file and directory pulpd, sled and the blob store
//!   create comes out `0600` / `0700` without each call site remembering a mode; [`create`] makes the data
//!   dir `0700` explicitly, for library callers (tests) that keep their own umask.
//! - at start, [`tighten`] removes group and other bits from the data dir, every file directly in it (the key
//!   and password files), everything under `metadata/` (sled's few files), and the directories of the blob
//!   store (`blobs/`, `blobs/uploads/`, `blobs/sha256/`, `blobs/sha512/` and their fan-out dirs), reporting each path it
//!   changed so the caller can warn.
//!
//! Blob files themselves are not walked: a large store holds hundreds of thousands of them and a start must
//! not stat each one. They are content (not secrets), new ones are created under the umask, and an old
//! `0644` blob is unreachable for others once its directories are `0700` (no search permission on the path).
//!
//! Invariant after [`tighten`]: no path it visits grants any permission to group or others.

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Permission bits for group and others: none of them is kept.
const GROUP_OTHER: u32 = 0o077;

/// The process umask pulpd runs with: files 0600, directories 0700.
pub const UMASK: u32 = 0o077;

/// Sets the process umask to [`UMASK`]: everything created afterwards is private to pulpd's user. Process-wide,
/// so only `main` calls it, before any thread starts.
pub fn restrict_umask() {
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(UMASK as _));
}

/// A path whose mode [`tighten`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tightened {
    pub path: PathBuf,
    /// Permission bits before (`0o755`).
    pub was: u32,
    /// Permission bits after (`0o700`).
    pub now: u32,
}

/// Creates `dir` (and missing parents) with mode 0700 for the directories it creates.
///
/// # Errors
/// The `mkdir` error.
pub fn create(dir: &Path) -> io::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Removes group and other permissions from the data dir's known places (see the module doc); returns what
/// it changed.
///
/// # Errors
/// The first error listing or changing a path other than "not found" (a path may vanish while walking).
pub fn tighten(data_dir: &Path) -> io::Result<Vec<Tightened>> {
    let mut changed = Vec::new();
    fix(data_dir, &mut changed)?;
    for entry in read_dir(data_dir)? {
        let path = entry.path();
        let name = entry.file_name();
        if name == "metadata" {
            walk(&path, &mut changed)?;
        } else if name == "blobs" {
            fix(&path, &mut changed)?;
            fix(&path.join("uploads"), &mut changed)?;
            for algorithm in crate::blobs::Algorithm::ALL {
                let blobs = path.join(algorithm.as_str());
                fix(&blobs, &mut changed)?;
                for shard in read_dir(&blobs)? {
                    if shard.file_type()?.is_dir() {
                        fix(&shard.path(), &mut changed)?;
                    }
                }
            }
        } else {
            fix(&path, &mut changed)?;
        }
    }
    Ok(changed)
}

/// Fixes `dir` and everything below it.
fn walk(dir: &Path, changed: &mut Vec<Tightened>) -> io::Result<()> {
    fix(dir, changed)?;
    for entry in read_dir(dir)? {
        if entry.file_type()?.is_dir() {
            walk(&entry.path(), changed)?;
        } else {
            fix(&entry.path(), changed)?;
        }
    }
    Ok(())
}

/// The entries of `dir`; none when it does not exist.
fn read_dir(dir: &Path) -> io::Result<Vec<fs::DirEntry>> {
    match fs::read_dir(dir) {
        Ok(entries) => entries.collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// Removes group/other bits of `path` (not following a symlink: its own mode means nothing).
fn fix(path: &Path, changed: &mut Vec<Tightened>) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.file_type().is_symlink() {
        return Ok(());
    }
    let was = meta.permissions().mode() & 0o7777;
    if was & GROUP_OTHER == 0 {
        return Ok(());
    }
    let now = was & !GROUP_OTHER;
    fs::set_permissions(path, fs::Permissions::from_mode(now))?;
    changed.push(Tightened {
        path: path.to_owned(),
        was,
        now,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn set(path: &Path, mode: u32) {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn creates_the_data_dir_private() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/data");
        create(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
    }

    #[test]
    fn tightens_the_known_places_and_reports_each() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let shard = data.join("blobs/sha256/ab");
        let shard512 = data.join("blobs/sha512/cd");
        fs::create_dir_all(&shard).unwrap();
        fs::create_dir_all(&shard512).unwrap();
        fs::create_dir_all(data.join("blobs/uploads")).unwrap();
        fs::create_dir_all(data.join("metadata/blobs")).unwrap();
        let key = data.join("token-signing-key.pem");
        let db = data.join("metadata/db");
        let blob = shard.join("abcd");
        for file in [&key, &db, &blob] {
            fs::write(file, b"x").unwrap();
            set(file, 0o644);
        }
        for dir in [
            &data,
            &data.join("metadata"),
            &data.join("metadata/blobs"),
            &data.join("blobs"),
            &data.join("blobs/sha256"),
            &data.join("blobs/uploads"),
            &shard,
            &data.join("blobs/sha512"),
            &shard512,
        ] {
            set(dir, 0o755);
        }

        let changed = tighten(&data).unwrap();
        let paths: Vec<&Path> = changed.iter().map(|t| t.path.as_path()).collect();
        for p in [
            &data,
            &key,
            &db,
            &data.join("blobs/sha256"),
            &shard,
            &data.join("blobs/sha512"),
            &shard512,
        ] {
            assert!(paths.contains(&p.as_path()), "{p:?} not in {paths:?}");
        }
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&key), 0o600);
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&data.join("metadata/blobs")), 0o700);
        assert_eq!(mode(&shard), 0o700);
        assert_eq!(mode(&shard512), 0o700);
        let key_change = changed.iter().find(|t| t.path == key).unwrap();
        assert_eq!((key_change.was, key_change.now), (0o644, 0o600));
        // Blob files are not walked (see the module doc); their directories now keep others out.
        assert_eq!(mode(&blob), 0o644);

        assert!(
            tighten(&data).unwrap().is_empty(),
            "a second pass changes nothing"
        );
    }

    #[test]
    fn a_missing_data_dir_is_nothing_to_tighten() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(tighten(&tmp.path().join("absent")).unwrap().is_empty());
    }
}
