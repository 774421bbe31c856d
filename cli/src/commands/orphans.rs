//! `pulpc orphans cleanup`: runs pulpd's orphan cleanup task and reports what it removed.

use anyhow::{bail, Context as _};
use comfy_table::Cell;
use serde::Serialize;

use super::{print_task, Context, ExitStatus};
use crate::cli::OrphansCommand;
use crate::client::Answer;
use crate::output::human_bytes;
use pulp_shared::api::TaskResponse;

/// pulpd's cleanup endpoint.
const CLEANUP: &str = "/pulp/api/v3/orphans/cleanup/";

/// Progress report codes of the cleanup task (pulpd's `orphans` module).
const CODE_UNITS: &str = "clean-up.content";
const CODE_BYTES: &str = "clean-up.bytes";

#[derive(Debug, Serialize)]
struct CleanupBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    orphan_protection_time: Option<u64>,
}

pub fn run(ctx: &Context, command: OrphansCommand) -> anyhow::Result<ExitStatus> {
    match command {
        OrphansCommand::Cleanup {
            protection_time,
            wait,
        } => {
            let body = CleanupBody {
                orphan_protection_time: protection_time,
            };
            let answer = ctx
                .client
                .post::<TaskResponse, _>(CLEANUP, &body)
                .context("cannot clean up orphans")?;
            let task = match answer {
                Answer::Task(task) => task,
                Answer::Done(_) => bail!("cannot clean up orphans: pulpd answered without a task"),
            };
            if wait.no_wait {
                print_task(ctx, &task)?;
                return Ok(ExitStatus::Success);
            }
            let done = ctx
                .wait(&task.item.task, wait.timeout, "cleaning up orphans")
                .context("cannot clean up orphans")?;
            if ctx.out.is_json() {
                ctx.out.json(&done.raw)?;
                return Ok(ExitStatus::Success);
            }
            let done_of = |code: &str| {
                done.item
                    .progress_reports
                    .iter()
                    .find(|r| r.code == code)
                    .map_or(0, |r| r.done)
            };
            ctx.out.pairs(vec![
                ("content units removed", Cell::new(done_of(CODE_UNITS))),
                ("bytes removed", Cell::new(human_bytes(done_of(CODE_BYTES)))),
            ])?;
            Ok(ExitStatus::Success)
        }
    }
}
