//! The task runner: every long or state-changing operation that Pulp makes asynchronous runs here.
//!
//! A task is written to the store (state `waiting`) and flushed before [`Tasks::submit`] returns, so the 202 a
//! client gets always names a task that exists. It runs on the replica that accepted it once it holds the locks
//! on the resources it names (`locks.rs`, kept in the store so every replica on one database honours them):
//! exclusive locks for what it changes, shared locks for what it only reads, taken in sorted order (no
//! deadlock) and granted in arrival order; two tasks on one repository or one base path never overlap, whichever
//! replica runs them, and unrelated tasks run in parallel.
//!
//! Invariants:
//! - a task record only moves forward: waiting → running → completed | failed | canceled (running → canceling
//!   → canceled on a cancel request); a final record never changes again (every change is one atomic update);
//! - a task whose replica is gone is failed, never left "running" forever: at start, with a store only this
//!   process opens (sled), every unfinished task of an earlier life; on a shared store, the tasks of a replica
//!   that stopped heartbeating, by any other (`workers.rs`);
//! - a task's outcome is recorded before its locks are released, so the next task on a resource starts after
//!   the previous one is final;
//! - a cancel request recorded through any replica reaches the task (the runner watches its record);
//! - a task body that panics fails its task instead of leaving it running;
//! - a task that adds data does not start while less than the free-space reserve is left: it fails with the
//!   507 message of [`crate::space::InsufficientStorage`]. Delete tasks (Pulp names ending in `delete`) always
//!   run, since they free space.

pub mod locks;
pub mod workers;

use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::store::{self, Order, Record, Store, Table};
use futures::FutureExt;
use pulp_shared::api::{self, ProgressReport, TaskState};
use pulp_shared::href;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// What a task stores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TaskRecord {
    pub id: String,
    pub name: String,
    pub state: TaskState,
    pub logging_cid: String,
    pub created_by: Option<String>,
    pub created: String,
    pub updated: String,
    pub unblocked_at: Option<String>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub error: Option<String>,
    pub progress_reports: Vec<ProgressReport>,
    pub created_resources: Vec<String>,
    pub reserved_resources_record: Vec<String>,
    /// The replica that runs it (`workers.rs`); `None` in records older than workers.
    #[serde(default)]
    pub worker: Option<String>,
}

impl Record for TaskRecord {
    fn id(&self) -> &str {
        &self.id
    }
}

impl TaskRecord {
    pub fn href(&self) -> String {
        href::resource(href::TASKS, &self.id)
    }

    /// The API representation.
    pub fn to_api(&self) -> api::Task {
        api::Task {
            pulp_href: self.href(),
            prn: format!("prn:core.task:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            state: self.state,
            name: self.name.clone(),
            logging_cid: self.logging_cid.clone(),
            created_by: self.created_by.clone(),
            unblocked_at: self.unblocked_at.clone(),
            started_at: self.started_at.clone(),
            finished_at: self.finished_at.clone(),
            error: self
                .error
                .clone()
                .map(|description| api::TaskError { description }),
            worker: None,
            parent_task: None,
            child_tasks: Vec::new(),
            task_group: None,
            progress_reports: self.progress_reports.clone(),
            created_resources: self.created_resources.clone(),
            created_resource_prns: self
                .created_resources
                .iter()
                .filter_map(|h| pulp_shared::href::prn_of(h))
                .collect(),
            reserved_resources_record: self.reserved_resources_record.clone(),
            result: None,
            pulp_api_version: Some("v3".into()),
        }
    }
}

/// A resource a task locks: exclusively (it changes it) or shared (it only reads it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Resource {
    pub name: String,
    pub exclusive: bool,
}

impl Resource {
    pub fn exclusive(name: impl Into<String>) -> Resource {
        Resource {
            name: name.into(),
            exclusive: true,
        }
    }
    pub fn shared(name: impl Into<String>) -> Resource {
        Resource {
            name: name.into(),
            exclusive: false,
        }
    }
    /// How Pulp records it in `reserved_resources_record`.
    fn record(&self) -> String {
        if self.exclusive {
            self.name.clone()
        } else {
            format!("shared:{}", self.name)
        }
    }
}

/// Why a task body failed: the text shown as the task's `error.description`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFailure(pub String);

impl<E: std::fmt::Display> From<E> for TaskFailure {
    fn from(e: E) -> Self {
        TaskFailure(e.to_string())
    }
}

/// What a task body returns: the hrefs of the resources it created.
pub type TaskOutput = std::result::Result<Vec<String>, TaskFailure>;
/// A task body: built from its context when the task starts.
pub type TaskBody =
    Box<dyn FnOnce(TaskContext) -> Pin<Box<dyn Future<Output = TaskOutput> + Send>> + Send>;

/// A new task's description.
pub struct NewTask {
    /// Pulp's task name (`pulpcore.app.tasks.base.general_create`, …).
    pub name: &'static str,
    pub resources: Vec<Resource>,
    /// The request id of the request that made it.
    pub logging_cid: String,
    /// The href of the user who made it.
    pub created_by: Option<String>,
    pub body: TaskBody,
}

/// Handed to a running task body: its id, progress reporting, and its cancellation.
#[derive(Clone)]
pub struct TaskContext {
    id: String,
    /// The task's progress reports as the body last set them; [`write_progress`] stores them.
    reports: Arc<watch::Sender<Vec<ProgressReport>>>,
    cancel: CancellationToken,
}

impl TaskContext {
    /// The task's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Sets the progress report with `report.code`, replacing an earlier one with that code. Returns at once:
    /// the task's progress writer stores the latest reports (coalescing bursts into one write), and the runner
    /// waits for it before recording the outcome, so the last report set is the one stored.
    pub fn progress(&self, report: ProgressReport) {
        self.reports.send_modify(|reports| {
            match reports.iter_mut().find(|r| r.code == report.code) {
                Some(r) => *r = report,
                None => reports.push(report),
            }
        });
    }

    /// Resolves when the task is asked to stop (cancel or shutdown).
    pub fn cancelled(&self) -> tokio_util::sync::WaitForCancellationFuture<'_> {
        self.cancel.cancelled()
    }
}

/// Shared state of the runner.
struct Inner {
    /// The tasks table.
    table: Table<TaskRecord>,
    /// The database, flushed when a task is accepted and when it ends.
    store: Store,
    /// The resource locks, in the store so that every replica honours them.
    locks: locks::Locks,
    /// This replica's worker id, written into the tasks it runs.
    worker: String,
    /// Cancellation of each task not yet final.
    cancels: Mutex<HashMap<String, CancellationToken>>,
    /// Tracks spawned tasks for graceful shutdown.
    tracker: TaskTracker,
    /// Set when shutdown gave up waiting: a cancelled task then fails instead of being "canceled" by a user.
    shutting_down: AtomicBool,
    /// Woken whenever a task changes, in this process or (shared store) another: see [`Store::changes`].
    changed: Arc<tokio::sync::Notify>,
    /// The free-space reserve tasks that add data respect; `None` = no check.
    space: Option<crate::space::Space>,
}

impl Inner {
    /// Applies `change` to the stored record of task `id` (if not final) and returns the new record.
    /// One atomic read-modify-write in the store, so the runner and cancel requests (from any replica) never
    /// overwrite each other's changes.
    async fn update(
        &self,
        id: &str,
        mut change: impl FnMut(&mut TaskRecord) + Send,
    ) -> Result<Option<TaskRecord>> {
        Ok(self
            .table
            .update(id, |old| {
                let mut new = old.filter(|t| !t.state.is_final())?;
                change(&mut new);
                new.updated = now();
                Some(store::Write::Put(new))
            })
            .await?)
    }
}

/// The task runner.
#[derive(Clone)]
pub struct Tasks {
    inner: Arc<Inner>,
}

impl Tasks {
    /// Opens the tasks table.
    pub fn open(store: &Store) -> store::Result<Tasks> {
        Tasks::open_with_space(store, None)
    }

    /// Opens the tasks table; tasks that add data check `space` before they start.
    pub fn open_with_space(
        store: &Store,
        space: Option<crate::space::Space>,
    ) -> store::Result<Tasks> {
        Ok(Tasks {
            inner: Arc::new(Inner {
                table: store.table("tasks", &[])?,
                store: store.clone(),
                locks: locks::Locks::open(store)?,
                worker: listing::new_id(),
                cancels: Mutex::default(),
                tracker: TaskTracker::new(),
                shutting_down: AtomicBool::new(false),
                changed: store.changes("tasks"),
                space,
            }),
        })
    }

    /// This replica's worker id (in the tasks it runs and the leases it holds).
    pub fn worker_id(&self) -> &str {
        &self.inner.worker
    }

    /// Registers this replica as a worker and fails the tasks that gone workers left unfinished (see
    /// `workers.rs`; with `exclusive`, a store only this process can open, every earlier worker is gone). Call
    /// once at start, before serving, then run the returned workers' heartbeat ([`workers::Workers::run`]).
    /// Returns them and how many tasks were failed.
    pub async fn recover(
        &self,
        timeout: Duration,
        exclusive: bool,
    ) -> Result<(workers::Workers, usize)> {
        Ok(workers::Workers::start(
            &self.inner.store,
            self.inner.worker.clone(),
            self.inner.table.clone(),
            self.inner.locks.clone(),
            timeout,
            exclusive,
        )
        .await?)
    }

    /// Accepts a task: stores it as waiting (durably) and starts it. Returns its record.
    pub async fn submit(&self, new: NewTask) -> Result<TaskRecord> {
        let mut resources = new.resources;
        resources.sort();
        resources.dedup();
        let time = now();
        let record = TaskRecord {
            id: listing::new_id(),
            name: new.name.to_string(),
            state: TaskState::Waiting,
            logging_cid: new.logging_cid,
            created_by: new.created_by,
            created: time.clone(),
            updated: time,
            unblocked_at: None,
            started_at: None,
            finished_at: None,
            error: None,
            progress_reports: Vec::new(),
            created_resources: Vec::new(),
            reserved_resources_record: resources.iter().map(Resource::record).collect(),
            worker: Some(self.inner.worker.clone()),
        };
        self.inner.table.put(&record).await?;
        self.inner.store.flush().await?;
        let cancel = CancellationToken::new();
        self.inner
            .cancels
            .lock()
            .expect("cancel map is never poisoned")
            .insert(record.id.clone(), cancel.clone());
        let inner = self.inner.clone();
        let id = record.id.clone();
        self.inner
            .tracker
            .spawn(run(inner, id, resources, new.body, cancel));
        Ok(record)
    }

    /// The task with `id`.
    pub async fn get(&self, id: &str) -> Result<TaskRecord> {
        self.inner
            .table
            .get(id)
            .await?
            .ok_or(Error::NotFound { kind: "Task" })
    }

    /// `task` as a client may act on it: a final state (and the resources its task wrote) made durable before it
    /// is shown. A record is readable as soon as it is written, and the runner flushes only after recording the
    /// outcome, so a client polling a task could otherwise see "completed", act on it, and lose it to a crash.
    pub async fn settled(&self, task: TaskRecord) -> Result<TaskRecord> {
        if task.state.is_final() {
            self.inner.store.flush().await?;
        }
        Ok(task)
    }

    /// A page of tasks, newest first, filtered by `state`, `name`, `name__contains`, `reserved_resources` and
    /// times ([`TimeFilters`]).
    ///
    /// Only tasks `visible` names or started by `owner` (a user href) are listed.
    pub async fn list(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
        owner: &str,
    ) -> Result<Window<TaskRecord>> {
        let parse_state = |field: &str, s: &str| {
            TaskState::parse(s).ok_or_else(|| {
                Error::field(
                    field,
                    format!("Select a valid choice. {s} is not one of the available choices."),
                )
            })
        };
        let state = match params.filter("state") {
            Some(s) => Some(parse_state("state", s)?),
            None => None,
        };
        let states = match params.filter("state__in") {
            Some(list) => Some(
                list.split(',')
                    .map(|s| parse_state("state__in", s))
                    .collect::<Result<Vec<_>>>()?,
            ),
            None => None,
        };
        // `reserved_resources__in` and its exclusive and shared kinds: the task reserves one of the hrefs.
        let reserved = |key: &str, t: &TaskRecord, kind: fn(&str) -> Option<&str>| {
            params.filter(key).is_none_or(|list| {
                list.split(',').any(|r| {
                    t.reserved_resources_record
                        .iter()
                        .any(|rr| kind(rr) == Some(r))
                })
            })
        };
        fn any(rr: &str) -> Option<&str> {
            Some(rr.strip_prefix("shared:").unwrap_or(rr))
        }
        fn exclusive(rr: &str) -> Option<&str> {
            (!rr.starts_with("shared:")).then_some(rr)
        }
        fn shared(rr: &str) -> Option<&str> {
            rr.strip_prefix("shared:")
        }
        let times = TimeFilters::parse(params)?;
        let (field, desc) = params.sort("-pulp_created");
        let order = if field == "pulp_created" && !desc {
            Order::Asc
        } else {
            Order::Desc
        };
        let scan = self.inner.table.scan("", order);
        if !params.has_filters() && visible.is_all() {
            // Every task: the store counts them and seeks to the page.
            let total = self.inner.table.count().await?;
            return listing::counted_window(scan, params, total, |_| true).await;
        }
        listing::window(scan, params, None, |t| {
            (visible.is_all()
                || t.created_by.as_deref() == Some(owner)
                || visible.contains(&t.href()))
                && state.is_none_or(|s| t.state == s)
                && times.pass(t)
                && states.as_ref().is_none_or(|ss| ss.contains(&t.state))
                && reserved("reserved_resources__in", t, any)
                && reserved("exclusive_resources__in", t, exclusive)
                && reserved("shared_resources__in", t, shared)
                && params
                    .filter("logging_cid__contains")
                    .is_none_or(|c| t.logging_cid.contains(c))
                && params
                    .filter("created_resources")
                    .is_none_or(|c| t.created_resources.iter().any(|r| r == c))
                && params.name_matches(&t.name)
                && params.filter("reserved_resources").is_none_or(|r| {
                    t.reserved_resources_record
                        .iter()
                        .any(|rr| rr == r || rr.strip_prefix("shared:") == Some(r))
                })
        })
        .await
    }

    /// Cancels a task that is not final: a waiting one becomes canceled at once, a running one canceling
    /// until its body stops.
    ///
    /// # Errors
    /// [`Error::Conflict`] (409) when the task is already final.
    pub async fn cancel(&self, id: &str) -> Result<TaskRecord> {
        let current = self.get(id).await?;
        if current.state.is_final() {
            return Err(Error::Conflict(format!(
                "task is already {}",
                current.state.as_str()
            )));
        }
        let updated = self
            .inner
            .update(id, |t| match t.state {
                TaskState::Waiting => {
                    t.state = TaskState::Canceled;
                    t.finished_at = Some(now());
                }
                TaskState::Running => t.state = TaskState::Canceling,
                _ => {}
            })
            .await?
            .ok_or(Error::NotFound { kind: "Task" })?;
        if let Some(token) = self
            .inner
            .cancels
            .lock()
            .expect("cancel map is never poisoned")
            .get(id)
        {
            token.cancel();
        }
        self.inner.store.flush().await?;
        Ok(updated)
    }

    /// Deletes a final task.
    ///
    /// # Errors
    /// [`Error::Conflict`] when it is not final.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let task = self.get(id).await?;
        if !task.state.is_final() {
            return Err(Error::Conflict(format!(
                "cannot delete a task that is {}; cancel it first",
                task.state.as_str()
            )));
        }
        self.inner.table.remove(&task.id).await?;
        self.inner.store.flush().await?;
        Ok(())
    }

    /// Waits up to `timeout` for the task `id` to be final and returns it as it then is.
    pub async fn wait(&self, id: &str, timeout: Duration) -> Result<TaskRecord> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.inner.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let t = self.get(id).await?;
            if t.state.is_final() {
                return self.settled(t).await;
            }
            // A change of the tasks table wakes this; look again now and then in case a wakeup was missed.
            let wake = (tokio::time::Instant::now() + CANCEL_POLL).min(deadline);
            if tokio::time::timeout_at(wake, notified).await.is_err()
                && tokio::time::Instant::now() >= deadline
            {
                return self.get(id).await;
            }
        }
    }

    /// Stops accepting and waits up to `grace` for running tasks; tasks still running then are cancelled and
    /// marked failed.
    pub async fn shutdown(&self, grace: Duration) {
        self.inner.tracker.close();
        if tokio::time::timeout(grace, self.inner.tracker.wait())
            .await
            .is_err()
        {
            tracing::warn!("tasks still running after the grace period; stopping them");
            self.inner.shutting_down.store(true, Ordering::SeqCst);
            for token in self
                .inner
                .cancels
                .lock()
                .expect("cancel map is never poisoned")
                .values()
            {
                token.cancel();
            }
            let _ = tokio::time::timeout(Duration::from_secs(5), self.inner.tracker.wait()).await;
        }
    }
}

/// Runs one task: waits for its locks, runs the body, records the outcome.
async fn run(
    inner: Arc<Inner>,
    id: String,
    resources: Vec<Resource>,
    body: TaskBody,
    cancel: CancellationToken,
) {
    // On a shared store a cancel request may arrive through another replica: it only changes the record. With a
    // store of this process alone the request cancels the token directly, and nothing needs watching.
    let watcher = inner
        .store
        .backend()
        .shared()
        .then(|| tokio::spawn(watch_for_cancel(inner.clone(), id.clone(), cancel.clone())));
    let waiting = crate::metrics::task_waiting();
    let held = tokio::select! {
        held = inner.locks.acquire(&id, &inner.worker, &resources) => Some(held),
        _ = cancel.cancelled() => None,
    };
    drop(waiting);
    // How long the body ran, for the duration histogram (`None`: it never started).
    let mut ran = None;
    let outcome = match held {
        // Cancelled while waiting: the cancel request already recorded it (or shutdown will).
        None => Outcome::Cancelled,
        Some(Err(e)) => Outcome::Failed(format!("could not take the task's locks: {e}")),
        Some(Ok(())) => {
            let started = inner
                .update(&id, |t| {
                    if t.state == TaskState::Waiting {
                        let time = now();
                        t.state = TaskState::Running;
                        t.unblocked_at = Some(time.clone());
                        t.started_at = Some(time);
                    }
                })
                .await;
            let outcome = match started {
                Ok(Some(t)) if t.state == TaskState::Running => {
                    match short_of_space(&inner, &t.name) {
                        Some(e) => {
                            tracing::warn!(task = %id, name = %t.name, error = %e, "task refused");
                            Outcome::Failed(e.to_string())
                        }
                        None => {
                            let _running = crate::metrics::task_running();
                            let started = std::time::Instant::now();
                            let outcome = run_body(&inner, &id, &t.name, body, &cancel).await;
                            ran = Some(started.elapsed());
                            outcome
                        }
                    }
                }
                Ok(_) => Outcome::Cancelled,
                Err(e) => Outcome::Failed(format!("could not start: {e}")),
            };
            outcome
        }
    };
    if let Some(watcher) = watcher {
        watcher.abort();
    }
    // The outcome first: the next task on these resources starts after this one is final.
    finish(&inner, &id, outcome, ran).await;
    if let Err(e) = inner.locks.release(&id, &resources).await {
        tracing::error!(task = %id, error = %e, "could not release the task's locks");
    }
}

/// How often a task looks for a cancel request recorded by another replica.
const CANCEL_POLL: Duration = Duration::from_secs(1);

/// Cancels `cancel` once task `id`'s record says canceling or canceled (a request made on another replica of a
/// shared store; one made here cancels the token directly). Looks when the tasks table changes, and every
/// [`CANCEL_POLL`] in case a wakeup was missed.
async fn watch_for_cancel(inner: Arc<Inner>, id: String, cancel: CancellationToken) {
    loop {
        let changed = inner.changed.clone();
        tokio::select! {
            _ = cancel.cancelled() => return,
            _ = changed.notified() => {}
            _ = tokio::time::sleep(CANCEL_POLL) => {}
        }
        if let Ok(Some(t)) = inner.table.get(&id).await {
            if matches!(t.state, TaskState::Canceling | TaskState::Canceled) {
                cancel.cancel();
                return;
            }
        }
    }
}

/// Why task `name` may not start now: it adds data and less than the reserve is free. Delete tasks (Pulp's
/// `…delete` names) only free space, so they always start.
fn short_of_space(inner: &Inner, name: &str) -> Option<crate::space::InsufficientStorage> {
    if name.ends_with("delete") {
        return None;
    }
    inner.space.as_ref()?.ensure(0).err()
}

/// Runs a started task's body until it ends or is cancelled.
async fn run_body(
    inner: &Arc<Inner>,
    id: &str,
    name: &str,
    body: TaskBody,
    cancel: &CancellationToken,
) -> Outcome {
    tracing::info!(task = %id, name = %name, "task started");
    let (reports, written) = watch::channel(Vec::new());
    let done = CancellationToken::new();
    let writer = tokio::spawn(write_progress(
        inner.clone(),
        id.to_string(),
        written,
        done.clone(),
    ));
    let ctx = TaskContext {
        id: id.to_string(),
        reports: Arc::new(reports),
        cancel: cancel.clone(),
    };
    let fut = AssertUnwindSafe(body(ctx)).catch_unwind();
    // A cancel request wins over a body that ends at the same moment.
    let outcome = tokio::select! {
        biased;
        _ = cancel.cancelled() => Outcome::Cancelled,
        out = fut => match out {
            Ok(Ok(created)) => Outcome::Completed(created),
            Ok(Err(failure)) => Outcome::Failed(failure.0),
            Err(_) => Outcome::Failed("internal error: the task panicked".into()),
        },
    };
    done.cancel();
    if let Err(e) = writer.await {
        tracing::warn!(task = %id, error = %e, "the progress writer failed");
    }
    outcome
}

/// Stores task `id`'s progress reports whenever the body changes them, one write at a time (so a write never
/// overtakes a newer one) and always the latest; after `done`, stores what changed last and returns.
async fn write_progress(
    inner: Arc<Inner>,
    id: String,
    mut reports: watch::Receiver<Vec<ProgressReport>>,
    done: CancellationToken,
) {
    loop {
        let last = tokio::select! {
            changed = reports.changed() => changed.is_err(),
            _ = done.cancelled() => true,
        };
        if last && !reports.borrow().has_changed() {
            return;
        }
        let latest = reports.borrow_and_update().clone();
        let result = inner
            .update(&id, |t| t.progress_reports = latest.clone())
            .await;
        if let Err(e) = result {
            tracing::warn!(task = %id, error = %e, "could not record task progress");
        }
        if last {
            return;
        }
    }
}

/// Records the outcome of task `id` (which ran for `ran`, if it started), flushes, and forgets its cancel token
/// and unused locks.
async fn finish(inner: &Arc<Inner>, id: &str, outcome: Outcome, ran: Option<Duration>) {
    let shutting_down = inner.shutting_down.load(Ordering::SeqCst);
    let result = inner
        .update(id, |t| {
            let time = now();
            t.finished_at = Some(time);
            match &outcome {
                Outcome::Completed(created) => {
                    t.state = TaskState::Completed;
                    t.created_resources = created.clone();
                }
                Outcome::Failed(description) => {
                    t.state = TaskState::Failed;
                    t.error = Some(description.clone());
                }
                Outcome::Cancelled if shutting_down => {
                    t.state = TaskState::Failed;
                    t.error = Some("pulpd shut down before this task finished".into());
                }
                Outcome::Cancelled => t.state = TaskState::Canceled,
            }
            for r in &mut t.progress_reports {
                if r.state == "running" {
                    r.state = match &outcome {
                        Outcome::Completed(_) => "completed",
                        Outcome::Failed(_) => "failed",
                        Outcome::Cancelled => "canceled",
                    }
                    .into();
                }
            }
        })
        .await;
    match result {
        Ok(Some(t)) => {
            crate::metrics::task_finished(&t.name, t.state.as_str(), ran);
            tracing::info!(task = %id, name = %t.name, state = t.state.as_str(), "task finished")
        }
        Ok(None) => {}
        Err(e) => tracing::error!(task = %id, error = %e, "could not record the end of a task"),
    }
    if let Err(e) = inner.store.flush().await {
        tracing::error!(task = %id, error = %e, "could not flush the store");
    }
    inner
        .cancels
        .lock()
        .expect("cancel map is never poisoned")
        .remove(id);
}

enum Outcome {
    Completed(Vec<String>),
    Failed(String),
    Cancelled,
}

/// Pulp's time filters of the task list: `started_at`, `finished_at` and `pulp_created` with `__gte`, `__lte`,
/// `__gt` or `__lt` (pulp-cli's `--started-after` is `started_at__gte`). Values are ISO 8601 date-times; one
/// without a time zone is UTC. A task without the time (not started yet) fails every filter on it.
pub struct TimeFilters(
    Vec<(
        TimeField,
        std::cmp::Ordering,
        bool,
        chrono::DateTime<chrono::Utc>,
    )>,
);

#[derive(Clone, Copy)]
enum TimeField {
    Started,
    Finished,
    Created,
}

impl TimeFilters {
    /// # Errors
    /// A field error naming the filter whose value is not a date-time.
    pub fn parse(params: &ListParams) -> Result<TimeFilters> {
        use std::cmp::Ordering::{Greater, Less};
        let mut filters = Vec::new();
        for (prefix, field) in [
            ("started_at", TimeField::Started),
            ("finished_at", TimeField::Finished),
            ("pulp_created", TimeField::Created),
        ] {
            for (suffix, side, inclusive) in [
                ("gte", Greater, true),
                ("gt", Greater, false),
                ("lte", Less, true),
                ("lt", Less, false),
            ] {
                let key = format!("{prefix}__{suffix}");
                if let Some(value) = params.filter(&key) {
                    let at = parse_time(value)
                        .ok_or_else(|| Error::field(&key, "Enter a valid date/time."))?;
                    filters.push((field, side, inclusive, at));
                }
            }
        }
        Ok(TimeFilters(filters))
    }

    fn pass(&self, t: &TaskRecord) -> bool {
        self.0.iter().all(|(field, side, inclusive, at)| {
            let value = match field {
                TimeField::Started => t.started_at.as_deref(),
                TimeField::Finished => t.finished_at.as_deref(),
                TimeField::Created => Some(t.created.as_str()),
            };
            value.and_then(parse_time).is_some_and(|v| {
                let ord = v.cmp(at);
                ord == *side || (*inclusive && ord == std::cmp::Ordering::Equal)
            })
        })
    }
}

/// An RFC 3339 date-time, or one without a zone (UTC), with or without fractions, `T` or a space.
fn parse_time(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&chrono::Utc));
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(s, f).ok())
    .or_else(|| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
    .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn runner() -> (tempfile::TempDir, Store, Tasks) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let tasks = Tasks::open(&store).unwrap();
        (dir, store, tasks)
    }

    fn task(resources: Vec<Resource>, body: TaskBody) -> NewTask {
        NewTask {
            name: "test",
            resources,
            logging_cid: "cid".into(),
            created_by: None,
            body,
        }
    }

    #[tokio::test]
    async fn exclusive_tasks_on_one_resource_never_overlap() {
        let (_d, _s, tasks) = runner();
        let running = Arc::new(AtomicUsize::new(0));
        let max = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for _ in 0..10 {
            let (running, max) = (running.clone(), max.clone());
            let t = tasks
                .submit(task(
                    vec![Resource::exclusive("repo")],
                    Box::new(move |_| {
                        Box::pin(async move {
                            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                            max.fetch_max(now, Ordering::SeqCst);
                            tokio::task::yield_now().await;
                            tokio::time::sleep(Duration::from_millis(2)).await;
                            running.fetch_sub(1, Ordering::SeqCst);
                            Ok(vec![])
                        })
                    }),
                ))
                .await
                .unwrap();
            ids.push(t.id);
        }
        for id in ids {
            let t = tasks.wait(&id, Duration::from_secs(10)).await.unwrap();
            assert_eq!(t.state, TaskState::Completed);
        }
        assert_eq!(max.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn time_filters_compare_the_tasks_times() {
        let (_d, _s, tasks) = runner();
        let t = tasks
            .submit(task(vec![], Box::new(|_| Box::pin(async { Ok(vec![]) }))))
            .await
            .unwrap();
        let done = tasks.wait(&t.id, Duration::from_secs(10)).await.unwrap();
        let started = done.started_at.clone().unwrap();
        let count = |pairs: &[(&str, &str)]| {
            let q = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let params = ListParams::parse(&q).unwrap();
            let tasks = tasks.clone();
            async move {
                tasks
                    .list(&params, &listing::Visible::All, "")
                    .await
                    .map(|w| w.count)
            }
        };
        assert_eq!(count(&[("started_at__gte", &started)]).await.unwrap(), 1);
        assert_eq!(count(&[("started_at__gt", &started)]).await.unwrap(), 0);
        assert_eq!(count(&[("started_at__lte", &started)]).await.unwrap(), 1);
        // No zone: UTC, as pulp-cli sends `--finished-before 2000-01-01T00:00:00`.
        assert_eq!(
            count(&[("finished_at__lte", "2000-01-01T00:00:00")])
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            count(&[("pulp_created__gte", "2000-01-01")]).await.unwrap(),
            1
        );
        let e = count(&[("finished_at__gte", "yesterday")])
            .await
            .unwrap_err();
        assert!(e.to_string().contains("finished_at__gte"), "{e}");
    }

    #[tokio::test]
    async fn cancel_waiting_and_running_tasks() {
        let (_d, _s, tasks) = runner();
        let blocker = tasks
            .submit(task(
                vec![Resource::exclusive("r")],
                Box::new(|ctx| {
                    Box::pin(async move {
                        ctx.cancelled().await;
                        Ok(vec![])
                    })
                }),
            ))
            .await
            .unwrap();
        let waiting = tasks
            .submit(task(
                vec![Resource::exclusive("r")],
                Box::new(|_| Box::pin(async { Ok(vec![]) })),
            ))
            .await
            .unwrap();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while tasks.get(&blocker.id).await.unwrap().state != TaskState::Running {
            assert!(tokio::time::Instant::now() < deadline, "blocker never ran");
            tokio::task::yield_now().await;
        }
        let w = tasks.cancel(&waiting.id).await.unwrap();
        assert_eq!(w.state, TaskState::Canceled);
        tasks.cancel(&blocker.id).await.unwrap();
        let b = tasks
            .wait(&blocker.id, Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(b.state, TaskState::Canceled);
        assert!(matches!(
            tasks.cancel(&blocker.id).await,
            Err(Error::Conflict(_))
        ));
    }

    #[tokio::test]
    async fn below_the_reserve_tasks_that_add_data_fail_and_deletes_run() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // More than any file system has free.
        let space =
            crate::space::Space::new(dir.path(), crate::space::Reserve::bytes(u64::MAX / 2));
        let tasks = Tasks::open_with_space(&store, Some(space)).unwrap();
        let ran = Arc::new(AtomicUsize::new(0));
        let body = |ran: Arc<AtomicUsize>| -> TaskBody {
            Box::new(move |_| {
                Box::pin(async move {
                    ran.fetch_add(1, Ordering::SeqCst);
                    Ok(vec![])
                })
            })
        };
        let adds = tasks.submit(task(vec![], body(ran.clone()))).await.unwrap();
        let mut delete = task(vec![], body(ran.clone()));
        delete.name = "pulpcore.app.tasks.base.general_delete";
        let delete = tasks.submit(delete).await.unwrap();
        let adds = tasks.wait(&adds.id, Duration::from_secs(5)).await.unwrap();
        assert_eq!(adds.state, TaskState::Failed);
        assert!(
            adds.error
                .as_deref()
                .unwrap_or("")
                .starts_with("Insufficient storage:"),
            "{:?}",
            adds.error
        );
        let delete = tasks
            .wait(&delete.id, Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(delete.state, TaskState::Completed);
        assert_eq!(ran.load(Ordering::SeqCst), 1, "only the delete ran");
    }

    #[tokio::test]
    async fn failures_and_panics_fail_the_task() {
        let (_d, _s, tasks) = runner();
        let failing = tasks
            .submit(task(
                vec![],
                Box::new(|_| Box::pin(async { Err(TaskFailure("nope".into())) })),
            ))
            .await
            .unwrap();
        let panicking = tasks
            .submit(task(
                vec![],
                Box::new(|_| Box::pin(async { panic!("boom") })),
            ))
            .await
            .unwrap();
        let f = tasks
            .wait(&failing.id, Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(
            (f.state, f.error.as_deref()),
            (TaskState::Failed, Some("nope"))
        );
        let p = tasks
            .wait(&panicking.id, Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(p.state, TaskState::Failed);
    }

    #[tokio::test]
    async fn recover_fails_interrupted_tasks() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            let table: Table<TaskRecord> = store.table("tasks", &[]).unwrap();
            let mut t = TaskRecord {
                id: listing::new_id(),
                name: "x".into(),
                state: TaskState::Running,
                logging_cid: String::new(),
                created_by: None,
                created: now(),
                updated: now(),
                unblocked_at: None,
                started_at: None,
                finished_at: None,
                error: None,
                progress_reports: vec![],
                created_resources: vec![],
                reserved_resources_record: vec![],
                worker: Some("an-earlier-life".into()),
            };
            table.put(&t).await.unwrap();
            t.id = listing::new_id();
            t.state = TaskState::Completed;
            table.put(&t).await.unwrap();
            store.flush().await.unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        let tasks = Tasks::open(&store).unwrap();
        assert_eq!(
            tasks
                .recover(Duration::from_secs(30), true)
                .await
                .unwrap()
                .1,
            1
        );
        let all = tasks
            .list(
                &ListParams::parse(&Default::default()).unwrap(),
                &listing::Visible::All,
                "",
            )
            .await
            .unwrap();
        let states: Vec<_> = all.items.iter().map(|t| t.state).collect();
        assert_eq!(states, [TaskState::Completed, TaskState::Failed]);
    }
}
