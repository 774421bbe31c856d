//! `pulpc task …`: list, show, wait for and cancel asynchronous tasks.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use comfy_table::{Cell, Color};
use pulp_shared::api::{Task, TaskState};
use pulp_shared::href;

use super::{Context, ExitStatus};
use crate::cli::TaskCommand;
use crate::client::{self, short_task_name, Fetched};
use crate::output::{age, or_blank, short_id, when};

pub fn run(ctx: &Context, command: TaskCommand) -> anyhow::Result<ExitStatus> {
    match command {
        TaskCommand::List { state, name, page } => {
            let mut query = Vec::new();
            if let Some(state) = state {
                query.push(("state", state.as_str().to_string()));
            }
            if let Some(name) = name {
                query.push(("name", name));
            }
            let listed = ctx
                .list::<Task>(href::TASKS, query, &page)
                .context("cannot list tasks")?;
            if ctx.out.is_json() {
                ctx.out
                    .json_list(listed.items.iter().map(|t| t.raw.as_ref()))?;
                return Ok(ExitStatus::Success);
            }
            let now = Utc::now();
            let rows = listed
                .items
                .iter()
                .map(|t| {
                    let t = &t.item;
                    vec![
                        Cell::new(short_id(&t.pulp_href)),
                        Cell::new(short_task_name(&t.name)),
                        state_cell(t.state),
                        Cell::new(
                            t.started_at
                                .as_deref()
                                .map_or_else(|| "not yet".to_string(), |s| age(s, now)),
                        ),
                        Cell::new(or_blank(t.error.as_ref().map(|e| e.description.as_str()))),
                    ]
                })
                .collect();
            ctx.out
                .table(&["id", "name", "state", "started", "error"], rows)?;
            super::note_more(ctx, listed.count, listed.items.len(), &page, "tasks");
            Ok(ExitStatus::Success)
        }
        TaskCommand::Show { task } => {
            let task: Fetched<Task> = ctx
                .client
                .get(&task)
                .with_context(|| format!("cannot get task {task}"))?;
            show(ctx, &task)?;
            Ok(ExitStatus::Success)
        }
        TaskCommand::Wait { task, timeout } => {
            let progress = ctx.progress(format!("waiting for task {}", short_id(&task)));
            let done = ctx.client.wait_task(&task, timeout, &progress)?;
            drop(progress);
            // The task is the data, whatever its end; the error line (if any) goes to stderr after it.
            show(ctx, &done)?;
            client::ensure_completed(&done.item)?;
            Ok(ExitStatus::Success)
        }
        TaskCommand::Cancel { task } => {
            let canceled = ctx
                .client
                .cancel_task(&task)
                .with_context(|| format!("cannot cancel task {task}"))?;
            show(ctx, &canceled)?;
            Ok(ExitStatus::Success)
        }
    }
}

fn show(ctx: &Context, task: &Fetched<Task>) -> anyhow::Result<()> {
    if ctx.out.is_json() {
        ctx.out.json(&task.raw)?;
        return Ok(());
    }
    let t = &task.item;
    let now = Utc::now();
    let time = |ts: &Option<String>| ts.as_deref().map(|ts| when(ts, now)).unwrap_or_default();
    let progress = t
        .progress_reports
        .iter()
        .map(|r| match r.total {
            Some(total) => format!("{}: {}/{} ({})", r.message, r.done, total, r.state),
            None => format!("{}: {} ({})", r.message, r.done, r.state),
        })
        .collect::<Vec<_>>()
        .join("\n");
    ctx.out.pairs(vec![
        ("href", Cell::new(&t.pulp_href)),
        ("name", Cell::new(&t.name)),
        ("state", state_cell(t.state)),
        (
            "error",
            Cell::new(or_blank(t.error.as_ref().map(|e| e.description.as_str()))),
        ),
        ("created", Cell::new(when(&t.pulp_created, now))),
        ("started", Cell::new(time(&t.started_at))),
        ("finished", Cell::new(time(&t.finished_at))),
        (
            "duration",
            Cell::new(duration(t.started_at.as_deref(), t.finished_at.as_deref())),
        ),
        ("progress", Cell::new(progress)),
        (
            "created resources",
            Cell::new(t.created_resources.join("\n")),
        ),
        (
            "reserved resources",
            Cell::new(t.reserved_resources_record.join("\n")),
        ),
        ("worker", Cell::new(or_blank(t.worker.as_deref()))),
        ("logging cid", Cell::new(&t.logging_cid)),
    ])?;
    Ok(())
}

/// A state, colored when tables are styled: green done, red failed, yellow in flight.
fn state_cell(state: TaskState) -> Cell {
    let color = match state {
        TaskState::Completed => Color::Green,
        TaskState::Failed => Color::Red,
        TaskState::Canceled | TaskState::Canceling => Color::Magenta,
        TaskState::Waiting | TaskState::Running => Color::Yellow,
    };
    Cell::new(state.as_str()).fg(color)
}

/// `1.234 s` between two RFC 3339 timestamps; empty when either is missing.
fn duration(started: Option<&str>, finished: Option<&str>) -> String {
    let parse = |s: Option<&str>| s.and_then(|s| DateTime::parse_from_rfc3339(s).ok());
    match (parse(started), parse(finished)) {
        (Some(a), Some(b)) => format!(
            "{:.3} s",
            (b - a).num_microseconds().unwrap_or(0) as f64 / 1e6
        ),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_seconds_between_timestamps() {
        assert_eq!(
            duration(
                Some("2026-11-23T07:26:08.107280Z"),
                Some("2026-11-23T07:26:08.440345Z")
            ),
            "0.333 s"
        );
        assert_eq!(duration(Some("2026-11-23T07:26:08Z"), None), "");
    }
}
