//! The replicas (workers) sharing a metadata store, their heartbeats, and the reaper that fails the tasks of a
//! replica that stopped.
//!
//! Each pulpd registers itself at start under a fresh id and rewrites its record's heartbeat every third of
//! the timeout. Every replica also reaps: a worker whose heartbeat is older than the timeout is gone (killed,
//! partitioned, its host down), so its unfinished tasks fail with Pulp's "Worker has gone missing." message,
//! its locks are released and its record is deleted. A restarting replica has a new id, so it never touches
//! another replica's tasks; its own earlier life is reaped like any other gone worker.
//!
//! With the embedded sled store only one process can open the data dir, so every worker found at start is an
//! earlier life of this one: [`Workers::start`] reaps them all at once instead of waiting for their timeout.
//!
//! Heartbeats compare wall clocks of different hosts: keep them in sync (NTP) and the timeout well above the
//! skew.

use super::locks::Locks;
use super::TaskRecord;
use crate::listing::now;
use crate::store::{self, Order, Record, Store, Table, Write};
use pulp_shared::api::TaskState;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What a task of a gone worker is failed with (Pulp's words).
pub const GONE_MISSING: &str = "Worker has gone missing.";

/// What a task of an earlier life of this process (sled) is failed with.
pub const INTERRUPTED: &str =
    "pulpd stopped before this task finished (the task was interrupted; run it again)";

/// A registered replica.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WorkerRecord {
    pub id: String,
    /// `host:pid`, for people.
    pub name: String,
    pub started: String,
    /// Milliseconds since the Unix epoch of the last heartbeat.
    pub heartbeat_ms: u64,
}

impl Record for WorkerRecord {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Milliseconds since the Unix epoch (heartbeats and leases compare them across replicas).
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// This replica's registration and the reaper.
#[derive(Clone)]
pub struct Workers {
    table: Table<WorkerRecord>,
    tasks: Table<TaskRecord>,
    locks: Locks,
    me: String,
    timeout: Duration,
}

impl Workers {
    /// Registers this replica and reaps what earlier lives left: with `exclusive` (sled: nobody else can use
    /// the store) every other worker at once, else only those whose heartbeat timed out. Returns the workers
    /// and how many tasks were failed.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn start(
        store: &Store,
        me: String,
        tasks: Table<TaskRecord>,
        locks: Locks,
        timeout: Duration,
        exclusive: bool,
    ) -> store::Result<(Workers, usize)> {
        let workers = Workers {
            table: store.table("workers", &[])?,
            tasks,
            locks,
            me,
            timeout,
        };
        workers.beat().await?;
        // With `exclusive`, tasks of no registered worker (older data dirs, a worker record lost with a crash)
        // are from earlier lives too: `reap(true)` fails every task not of this worker.
        let failed = workers.reap(exclusive).await?;
        Ok((workers, failed))
    }

    /// This replica's id (stored in the tasks it runs).
    pub fn id(&self) -> &str {
        &self.me
    }

    /// Writes this replica's heartbeat.
    async fn beat(&self) -> store::Result<()> {
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
        let name = format!("{}:{}", host.trim(), std::process::id());
        let me = self.me.clone();
        self.table
            .update(&self.me, |current| {
                let mut w = current.unwrap_or_else(|| WorkerRecord {
                    id: me.clone(),
                    name: name.clone(),
                    started: now(),
                    heartbeat_ms: 0,
                });
                w.heartbeat_ms = now_ms();
                Some(Write::Put(w))
            })
            .await
            .map(drop)
    }

    /// Fails the unfinished tasks of every gone worker (with `everyone`, of every worker but this one, registered
    /// or not), releases their locks and removes them. Returns how many tasks were failed. One walk over the
    /// tasks and one over the locks, however many workers are gone.
    pub async fn reap(&self, everyone: bool) -> store::Result<usize> {
        let limit = u64::try_from(self.timeout.as_millis()).unwrap_or(u64::MAX);
        let gone: Vec<WorkerRecord> = self
            .table
            .all("", Order::Asc)
            .await?
            .into_iter()
            .filter(|w| w.id != self.me)
            .filter(|w| everyone || now_ms().saturating_sub(w.heartbeat_ms) > limit)
            .collect();
        if gone.is_empty() && !everyone {
            return Ok(0);
        }
        let ids: HashSet<&str> = gone.iter().map(|w| w.id.as_str()).collect();
        let is_gone = |worker: Option<&str>| {
            if everyone {
                worker != Some(self.me.as_str())
            } else {
                worker.is_some_and(|w| ids.contains(w))
            }
        };
        // An earlier life of this process (`everyone`) was stopped, not lost: say so, as before workers.
        let why = if everyone { INTERRUPTED } else { GONE_MISSING };
        let mut failed = 0;
        let mut scan = self.tasks.scan("", Order::Asc);
        while let Some(t) = scan.next().await? {
            if !t.state.is_final() && is_gone(t.worker.as_deref()) {
                failed += usize::from(fail(&self.tasks, &t.id, why).await?);
            }
        }
        self.locks.forget(|w| is_gone(Some(w))).await?;
        for worker in &gone {
            self.table.remove(&worker.id).await?;
            tracing::warn!(worker = %worker.name, id = %worker.id, "a worker stopped heartbeating; its tasks failed");
        }
        Ok(failed)
    }

    /// Beats and reaps until `stop`.
    pub async fn run(self, stop: tokio_util::sync::CancellationToken) {
        let period = self.timeout / 3;
        loop {
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = tokio::time::sleep(period) => {}
            }
            if let Err(e) = self.beat().await {
                tracing::warn!(error = %e, "could not write this worker's heartbeat");
            }
            if let Err(e) = self.reap(false).await {
                tracing::warn!(error = %e, "could not check the other workers");
            }
        }
        if let Err(e) = self.table.remove(&self.me).await {
            tracing::warn!(error = %e, "could not unregister this worker");
        }
    }
}

/// Marks task `id` failed with `error` unless it is final; returns whether it changed.
async fn fail(tasks: &Table<TaskRecord>, id: &str, error: &str) -> store::Result<bool> {
    let mut changed = false;
    tasks
        .update(id, |current| {
            let mut t = current.filter(|t| !t.state.is_final())?;
            changed = true;
            let time = now();
            t.state = TaskState::Failed;
            t.error = Some(error.to_owned());
            t.finished_at = Some(time.clone());
            t.updated = time;
            for r in &mut t.progress_reports {
                if r.state == "running" {
                    r.state = "failed".into();
                }
            }
            Some(Write::Put(t))
        })
        .await?;
    Ok(changed)
}
