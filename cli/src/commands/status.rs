//! `pulpc status`: pulpd's versions, workers and storage. Needs no credentials.

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
    ctx.out.pairs(vec![
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
    ])?;
    Ok(ExitStatus::Success)
}
