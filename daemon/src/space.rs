//! Free space of the data dir's file system and the reserve kept free (`--min-free-space`).
//!
//! Owns: asking the file system how much is free (`statvfs`, the one place pulpd does so; `/status/` reports
//! it through [`Space::usage`]), the [`Reserve`] and its flag syntax, and the decision "may this write add
//! data" ([`Space::ensure`]). It does not know which writes add data: the API guard (`http/guard.rs`), the
//! task runner and the blob writers ask before they write.
//!
//! Why a reserve: the metadata store (sled 0.34) cannot survive running out of space. A write whose flush
//! fails with `ENOSPC` stays in sled's memory while sled records a global error and answers every later call
//! with it until the database is reopened (see `store/mod.rs`). Refusing data-adding writes while less than
//! the reserve is free keeps sled away from that edge, so a full disk answers 507 and recovers by itself
//! once space is freed.
//!
//! Cost: one `statvfs` per check, no cache. Measured on the development machine (ext4, debug build): 2 µs per
//! [`Space::ensure`] (`statvfs_is_cheap` below prints it), far below the cost of the write it guards, and never
//! stale: space freed by deleting a file counts at the next request.
//!
//! Invariant: [`Space::ensure`] refuses when `free < reserve + size`; a reserve of 0 never refuses.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One GiB: the fixed part of the default reserve.
pub const GIB: u64 = 1024 * 1024 * 1024;

/// The default of `--min-free-space`: 1 GiB or 5 % of the file system, whichever is smaller, so a small
/// volume is not refused at once and a large one keeps enough to delete and restart.
pub const DEFAULT_RESERVE: &str = "1GiB,5%";

/// Sizes of the file system holding the data dir, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Size of the file system.
    pub total: u64,
    /// Bytes in use (total minus all free blocks, including those reserved for root).
    pub used: u64,
    /// Bytes an unprivileged writer may still use.
    pub free: u64,
}

/// How much space to keep free: the smallest of several terms, each a byte count or a share of the file
/// system. Parsed from `--min-free-space` (see [`Reserve::parse`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Reserve {
    terms: Vec<Term>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Term {
    Bytes(u64),
    /// Percent of the file system's size, 0–100.
    Percent(f64),
}

impl Reserve {
    /// Parses `--min-free-space`: one or more terms separated by commas, the smallest of which applies. A term
    /// is a byte count with an optional unit (`B`, `KiB`, `MiB`, `GiB`, `TiB`, or decimal `kB`, `MB`, `GB`,
    /// `TB`; case-insensitive; `1.5GiB` allowed) or a share of the file system (`5%`). `0` disables the
    /// reserve. The default is [`DEFAULT_RESERVE`].
    ///
    /// # Errors
    /// A message naming the term that does not parse.
    pub fn parse(input: &str) -> Result<Reserve, String> {
        let terms = input
            .split(',')
            .map(|t| Term::parse(t.trim()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Reserve { terms })
    }

    /// A fixed reserve of `bytes`.
    pub fn bytes(bytes: u64) -> Reserve {
        Reserve {
            terms: vec![Term::Bytes(bytes)],
        }
    }

    /// The reserve in bytes on a file system of `total` bytes.
    pub fn resolve(&self, total: u64) -> u64 {
        self.terms
            .iter()
            .map(|t| match *t {
                Term::Bytes(b) => b,
                // f64 holds byte counts up to 2^53 exactly; a file system's size is far below that.
                Term::Percent(p) => (total as f64 * p / 100.0) as u64,
            })
            .min()
            .unwrap_or(0)
    }
}

impl std::str::FromStr for Reserve {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Reserve::parse(s)
    }
}

impl Term {
    fn parse(term: &str) -> Result<Term, String> {
        let invalid = |why: &str| format!("invalid size {term:?}: {why}");
        if let Some(p) = term.strip_suffix('%') {
            let p: f64 = p
                .trim()
                .parse()
                .map_err(|_| invalid("expected a percentage such as 5%"))?;
            if !(0.0..=100.0).contains(&p) {
                return Err(invalid("a percentage is between 0 and 100"));
            }
            return Ok(Term::Percent(p));
        }
        let split = term
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(term.len());
        let (number, unit) = term.split_at(split);
        let number: f64 = number
            .parse()
            .map_err(|_| invalid("expected a number with an optional unit, such as 500MiB"))?;
        let unit: u64 = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "kib" | "k" => 1 << 10,
            "mib" | "m" => 1 << 20,
            "gib" | "g" => 1 << 30,
            "tib" | "t" => 1 << 40,
            "kb" => 1_000,
            "mb" => 1_000_000,
            "gb" => 1_000_000_000,
            "tb" => 1_000_000_000_000,
            _ => return Err(invalid("units are B, KiB, MiB, GiB, TiB, kB, MB, GB, TB")),
        };
        Ok(Term::Bytes((number * unit as f64) as u64))
    }
}

/// A data-adding write was refused: less than the reserve would stay free. Answered as 507 Insufficient
/// Storage; the text is what clients and failed tasks show.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "Insufficient storage: {} free on the data volume, {} kept in reserve (--min-free-space){}",
    human(*free),
    human(*reserved),
    needed_text(*needed)
)]
pub struct InsufficientStorage {
    /// Bytes free when the write was refused.
    pub free: u64,
    /// Bytes kept free.
    pub reserved: u64,
    /// Bytes the write needed (0 when unknown).
    pub needed: u64,
}

fn needed_text(needed: u64) -> String {
    if needed == 0 {
        String::new()
    } else {
        format!("; this write needs {}", human(needed))
    }
}

/// Bytes for people: `1.5 GiB`, `300.0 KiB`, `12 B`.
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The data dir's free space and its reserve. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Space {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// A path on the file system to watch (the data dir).
    dir: PathBuf,
    /// What to keep free.
    reserve: Reserve,
}

impl Space {
    /// Watches the file system holding `dir`, keeping `reserve` free.
    pub fn new(dir: impl Into<PathBuf>, reserve: Reserve) -> Space {
        Space {
            inner: Arc::new(Inner {
                dir: dir.into(),
                reserve,
            }),
        }
    }

    /// The directory watched.
    pub fn dir(&self) -> &Path {
        &self.inner.dir
    }

    /// Sizes of the file system now.
    ///
    /// # Errors
    /// The `statvfs` error (the data dir is gone or unreadable).
    pub fn usage(&self) -> std::io::Result<Usage> {
        let s = nix::sys::statvfs::statvfs(self.inner.dir.as_path())?;
        let block = s.fragment_size();
        let total = s.blocks() * block;
        Ok(Usage {
            total,
            used: total.saturating_sub(s.blocks_free() * block),
            free: s.blocks_available() * block,
        })
    }

    /// The reserve in bytes for a file system of `total` bytes.
    pub fn reserved(&self, total: u64) -> u64 {
        self.inner.reserve.resolve(total)
    }

    /// Whether `size` more bytes (0 when unknown) may be written and still leave the reserve free.
    ///
    /// # Errors
    /// [`InsufficientStorage`] when they may not. When `statvfs` itself fails the write is allowed (and a
    /// warning logged): the write will then meet the real error, and a broken `statvfs` must not stop pulpd.
    pub fn ensure(&self, size: u64) -> Result<(), InsufficientStorage> {
        let usage = match self.usage() {
            Ok(u) => u,
            Err(e) => {
                tracing::warn!(dir = %self.inner.dir.display(), error = %e, "statvfs of the data dir failed");
                return Ok(());
            }
        };
        let reserved = self.reserved(usage.total);
        check(usage.free, reserved, size)
    }
}

/// The rule: refuse when `free < reserved + size`.
fn check(free: u64, reserved: u64, size: u64) -> Result<(), InsufficientStorage> {
    if free < reserved.saturating_add(size) {
        return Err(InsufficientStorage {
            free,
            reserved,
            needed: size,
        });
    }
    Ok(())
}

/// Whether an I/O error means the file system is full (`ENOSPC`, or `EDQUOT` for a user over quota).
pub fn is_out_of_space(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_reserve_is_the_smaller_of_one_gib_and_five_percent() {
        let r = Reserve::parse(DEFAULT_RESERVE).unwrap();
        // 10 GiB: 5 % is 512 MiB, below 1 GiB.
        assert_eq!(r.resolve(10 * GIB), 512 * 1024 * 1024);
        // 100 GiB: 5 % is 5 GiB, so 1 GiB applies.
        assert_eq!(r.resolve(100 * GIB), GIB);
        // 32 MiB tmpfs: 5 % is 1.6 MiB.
        assert_eq!(r.resolve(32 << 20), (32u64 << 20) / 20);
    }

    #[test]
    fn parses_bytes_units_and_percentages() {
        let one = |s: &str| Reserve::parse(s).unwrap().resolve(1000 * GIB);
        assert_eq!(one("0"), 0);
        assert_eq!(one("4096"), 4096);
        assert_eq!(one("12B"), 12);
        assert_eq!(one("500MiB"), 500 << 20);
        assert_eq!(one("500 mib"), 500 << 20);
        assert_eq!(one("1GiB"), GIB);
        assert_eq!(one("1.5GiB"), GIB + GIB / 2);
        assert_eq!(one("2G"), 2 * GIB);
        assert_eq!(one("1TiB"), 1024 * GIB);
        assert_eq!(one("3MB"), 3_000_000);
        assert_eq!(one("1kB"), 1000);
        assert_eq!(one("10%"), 100 * GIB);
        assert_eq!(one("0.5%"), 5 * GIB);
        assert_eq!(one("10%, 2GiB"), 2 * GIB);
    }

    #[test]
    fn rejects_what_is_not_a_size() {
        for bad in [
            "",
            "abc",
            "5 parsecs",
            "-1",
            "101%",
            "x%",
            "1GiB,",
            "1..2MiB",
        ] {
            let err = Reserve::parse(bad).unwrap_err();
            assert!(err.starts_with("invalid size"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn refuses_when_the_write_would_eat_into_the_reserve() {
        assert_eq!(check(100, 50, 0), Ok(()));
        assert_eq!(check(100, 50, 50), Ok(()));
        let refused = check(100, 50, 51).unwrap_err();
        assert_eq!(
            refused,
            InsufficientStorage {
                free: 100,
                reserved: 50,
                needed: 51
            }
        );
        assert!(check(49, 50, 0).is_err());
        // A reserve of 0 never refuses, even on a full file system.
        assert_eq!(check(0, 0, 0), Ok(()));
    }

    #[test]
    fn the_message_says_how_much_is_free_and_reserved() {
        let e = InsufficientStorage {
            free: 3 << 20,
            reserved: GIB,
            needed: 0,
        };
        assert_eq!(
            e.to_string(),
            "Insufficient storage: 3.0 MiB free on the data volume, 1.0 GiB kept in reserve (--min-free-space)"
        );
        assert_eq!(human(0), "0 B");
        assert_eq!(human(1536), "1.5 KiB");
    }

    #[test]
    fn reads_the_usage_of_a_real_directory() {
        let dir = tempfile::tempdir().unwrap();
        let space = Space::new(dir.path(), Reserve::bytes(0));
        let usage = space.usage().unwrap();
        assert!(usage.total > 0 && usage.free <= usage.total, "{usage:?}");
        assert_eq!(space.ensure(0), Ok(()));
        // No file system has this much free.
        assert!(space.ensure(u64::MAX / 2).is_err());
    }

    #[test]
    fn statvfs_is_cheap() {
        let dir = tempfile::tempdir().unwrap();
        let space = Space::new(dir.path(), Reserve::parse(DEFAULT_RESERVE).unwrap());
        let n = 10_000;
        let start = std::time::Instant::now();
        for _ in 0..n {
            let _ = space.ensure(0);
        }
        let per_call = start.elapsed() / n;
        println!("Space::ensure: {per_call:?} per call");
        // Generous bound: a debug build on a loaded 2-core machine; the point is "no need to cache".
        assert!(
            per_call < std::time::Duration::from_millis(1),
            "{per_call:?}"
        );
    }
}
