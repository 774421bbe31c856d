//! `pulpc status`: pulpd's versions, workers, storage, stored blob bytes and the last orphan cleanup. Needs no
//! credentials.

use anyhow::Context as _;
use comfy_table::Cell;

use super::{Context, ExitStatus};
use crate::output::human_bytes;

pub fn run(ctx: &Context) -> anyhow::Result<ExitStatus> {
    let status = ctx.client.status().context("cannot get pulpd's status")?;
    if ctx.out.is_json() {
        ctx.out.json(&status.raw)?;
        return Ok(ExitStatus::Success);
    }
    let s = &status.item;
    let versions = s
        .versions
        .iter()
        .map(|v| format!("{} {}", v.component, v.version))
        .collect::<Vec<_>>()
        .join("\n");
    let workers = s
        .online_workers
        .iter()
        .map(|w| w.name.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let storage = &s.storage;
    let used_percent = if storage.total > 0 {
        storage.used as f64 * 100.0 / storage.total as f64
    } else {
        0.0
    };
    let mut pairs = vec![
        ("url", Cell::new(ctx.client.base_url())),
        ("versions", Cell::new(versions)),
        (
            "online workers",
            Cell::new(if workers.is_empty() {
                "none".to_string()
            } else {
                workers
            }),
        ),
        (
            "storage",
            Cell::new(format!(
                "{} used of {} ({used_percent:.0}%), {} free",
                human_bytes(storage.used),
                human_bytes(storage.total),
                human_bytes(storage.free)
            )),
        ),
    ];
    if let Some(b) = &s.blob_storage {
        pairs.push((
            "blobs stored",
            Cell::new(format!(
                "{} ({} in pull-through caches), as of {}",
                human_bytes(b.stored_bytes),
                human_bytes(b.pull_through_cache_bytes),
                b.computed_at
            )),
        ));
        pairs.push((
            "last cleanup",
            Cell::new(match &b.last_cleanup {
                None => "none".to_string(),
                Some(c) => format!(
                    "{} units, {} files, {} removed at {}",
                    c.units,
                    c.files,
                    human_bytes(c.bytes),
                    c.finished_at
                ),
            }),
        ));
    }
    ctx.out.pairs(pairs)?;
    Ok(ExitStatus::Success)
}
