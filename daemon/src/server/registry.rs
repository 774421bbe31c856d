//! The registry of open connections: what each one is doing (serving a request, waiting for one, or reading a
//! request head), when it last moved bytes, and which ones to close when file descriptors run short.
//!
//! Each connection owns an [`Activity`], updated by its I/O (`connection.rs` wraps the socket) and by its requests
//! (a guard lives from the request head until the response body is done). The connection's watchdog asks the
//! activity for its [`Activity::deadline`]; the accept loop asks the [`Registry`] to shed the oldest idle
//! connections.
//!
//! Invariants:
//! - A connection is *idle* when no request is in flight and no response bytes wait for the peer to read them.
//!   Only idle connections expire or are shed, so a response is never cut, however slowly it is read.
//! - Shedding closes connections in order of last activity (oldest first) and never more than asked; a shed
//!   connection counts as closing, not open, until its task has dropped the socket.
//! - Times are milliseconds since the registry's epoch on tokio's clock, so tests can pause and advance time.

use super::Limits;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::Notify;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// "No time": the head of the next request has not begun.
const NONE: u64 = u64::MAX;

/// Why a connection's deadline passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// A request head (or, on a fresh connection, the first one) did not arrive complete in time.
    HeaderRead,
    /// No request in flight and no bytes moved for the idle timeout.
    Idle,
    /// Shutting down, and no request in flight nor bytes moving for [`DRAIN_QUIET`].
    Shutdown,
}

/// At shutdown, how long an idle connection may stay quiet before it is closed: long enough for hyper to flush
/// the tail of a response it just finished, short enough not to hold shutdown up (hyper closes most idle
/// connections itself on `graceful_shutdown`; this catches one stuck in the middle of its first request head).
pub const DRAIN_QUIET: std::time::Duration = std::time::Duration::from_millis(500);

impl Expiry {
    pub fn as_str(self) -> &'static str {
        match self {
            Expiry::HeaderRead => "header read timeout",
            Expiry::Idle => "idle timeout",
            Expiry::Shutdown => "shutdown",
        }
    }
}

/// What one connection is doing, shared by its socket wrapper, its requests, its watchdog and the registry.
#[derive(Debug)]
pub struct Activity {
    /// The registry's epoch: every time below is milliseconds since it.
    epoch: Instant,
    /// Requests whose head arrived and whose response body is not finished (HTTP/2 may serve several).
    in_flight: AtomicU32,
    /// When the last request finished (or the connection was accepted).
    idle_since: AtomicU64,
    /// When the head of the next request began: the accept for a fresh connection (a client opens one to send a
    /// request), the first byte after a response on a keep-alive one. `NONE` while idle without a byte, or while
    /// serving.
    head_started: AtomicU64,
    /// The last read or write that moved bytes.
    last_io: AtomicU64,
    /// The last write found the socket full: response bytes still wait for the peer, so the connection is busy
    /// even after its response body finished.
    write_blocked: AtomicBool,
    /// Wakes the accept loop when a connection became idle or closed (it may be waiting for one to shed).
    registry_changed: Arc<Notify>,
    /// Cancelled by the registry to close this connection now.
    close: CancellationToken,
}

impl Activity {
    fn new(epoch: Instant, registry_changed: Arc<Notify>) -> Activity {
        let now = Instant::now().saturating_duration_since(epoch).as_millis() as u64;
        Activity {
            epoch,
            in_flight: AtomicU32::new(0),
            idle_since: AtomicU64::new(now),
            head_started: AtomicU64::new(now),
            last_io: AtomicU64::new(now),
            write_blocked: AtomicBool::new(false),
            registry_changed,
            close: CancellationToken::new(),
        }
    }

    fn now(&self) -> u64 {
        Instant::now()
            .saturating_duration_since(self.epoch)
            .as_millis() as u64
    }

    fn at(&self, ms: u64) -> Instant {
        self.epoch + std::time::Duration::from_millis(ms)
    }

    /// Bytes were read from the peer. While idle, the first byte starts the head of the next request.
    pub fn on_read(&self) {
        let now = self.now();
        self.last_io.store(now, Relaxed);
        if self.in_flight.load(Relaxed) == 0 {
            // Only the first byte after idle: a later one must not push the header read deadline back.
            let _ = self
                .head_started
                .compare_exchange(NONE, now, Relaxed, Relaxed);
        }
    }

    /// Bytes were written to the peer.
    pub fn on_write(&self) {
        self.last_io.store(self.now(), Relaxed);
        self.write_blocked.store(false, Relaxed);
    }

    /// A write found the socket full; bytes wait until the peer reads.
    pub fn on_write_blocked(&self) {
        self.write_blocked.store(true, Relaxed);
    }

    /// A request head arrived; the connection is busy until the returned guard is dropped (with the response body).
    pub fn begin_request(self: &Arc<Self>) -> InFlight {
        self.in_flight.fetch_add(1, Relaxed);
        self.head_started.store(NONE, Relaxed);
        InFlight(self.clone())
    }

    /// No request in flight and no response bytes waiting for the peer.
    pub fn is_idle(&self) -> bool {
        self.in_flight.load(Relaxed) == 0 && !self.write_blocked.load(Relaxed)
    }

    /// When the connection last did anything: the end of its last request or its last bytes moved.
    fn last_activity(&self) -> u64 {
        self.idle_since
            .load(Relaxed)
            .max(self.last_io.load(Relaxed))
    }

    /// When the connection is to be closed, and why; `None` while it serves a request. `draining`: the server
    /// is shutting down, so an idle connection goes once quiet for [`DRAIN_QUIET`].
    ///
    /// While response bytes wait for a slow reader this is a point to check again (one idle timeout on), since
    /// the socket wrapper does not wake the watchdog when the peer catches up.
    pub fn deadline(&self, limits: &Limits, draining: bool) -> Option<(Instant, Expiry)> {
        if self.in_flight.load(Relaxed) > 0 {
            return None;
        }
        if self.write_blocked.load(Relaxed) {
            return Some((Instant::now() + limits.idle_timeout, Expiry::Idle));
        }
        let quiet = self.at(self.last_activity());
        let deadline = match self.head_started.load(Relaxed) {
            NONE => (quiet + limits.idle_timeout, Expiry::Idle),
            started => (
                self.at(started) + limits.header_read_timeout,
                Expiry::HeaderRead,
            ),
        };
        let drained = (quiet + DRAIN_QUIET, Expiry::Shutdown);
        Some(if draining && drained.0 < deadline.0 {
            drained
        } else {
            deadline
        })
    }

    /// Why the connection must be closed now, if it must.
    pub fn expired(&self, limits: &Limits, draining: bool) -> Option<Expiry> {
        self.deadline(limits, draining)
            .filter(|(at, _)| *at <= Instant::now())
            .map(|(_, why)| why)
    }

    /// Resolves when the registry asks this connection to close.
    pub async fn closed(&self) {
        self.close.cancelled().await
    }
}

/// A request in flight on a connection; dropping it (with the response body) makes the connection idle again
/// when it was the last one.
#[derive(Debug)]
pub struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let a = &self.0;
        if a.in_flight.fetch_sub(1, Relaxed) == 1 {
            a.idle_since.store(a.now(), Relaxed);
            a.head_started.store(NONE, Relaxed);
            a.registry_changed.notify_one();
        }
    }
}

/// Every open connection of the server.
#[derive(Debug)]
pub struct Registry {
    /// Zero of every connection's clock.
    epoch: Instant,
    inner: Mutex<Inner>,
    /// Wakes the accept loop when a connection became idle or closed.
    changed: Arc<Notify>,
}

#[derive(Debug, Default)]
struct Inner {
    next_id: u64,
    connections: HashMap<u64, Arc<Activity>>,
    /// Connections asked to close whose task has not dropped them yet.
    closing: usize,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new()
    }
}

impl Registry {
    pub fn new() -> Registry {
        Registry {
            epoch: Instant::now(),
            inner: Mutex::new(Inner::default()),
            changed: Arc::new(Notify::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The map stays consistent whatever panicked while it was held: every update is one insert or remove.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds a connection just accepted; it leaves the registry when the returned handle is dropped.
    pub fn register(self: &Arc<Self>) -> Registration {
        let activity = Arc::new(Activity::new(self.epoch, self.changed.clone()));
        let mut inner = self.lock();
        let id = inner.next_id;
        inner.next_id += 1;
        inner.connections.insert(id, activity.clone());
        Registration {
            id,
            activity,
            registry: self.clone(),
        }
    }

    /// Connections open and not asked to close.
    pub fn open(&self) -> usize {
        let inner = self.lock();
        inner.connections.len() - inner.closing
    }

    /// Asks up to `n` idle connections to close, those idle the longest first; returns how many were asked.
    pub fn shed_oldest_idle(&self, n: usize) -> usize {
        let mut inner = self.lock();
        let mut idle: Vec<&Arc<Activity>> = inner
            .connections
            .values()
            .filter(|a| a.is_idle() && !a.close.is_cancelled())
            .collect();
        idle.sort_unstable_by_key(|a| a.last_activity());
        let mut shed = 0;
        for activity in idle.into_iter().take(n) {
            activity.close.cancel();
            shed += 1;
        }
        inner.closing += shed;
        shed
    }

    /// Resolves when a connection became idle or closed since the last call (or now, if that happened before).
    pub async fn changed(&self) {
        self.changed.notified().await
    }
}

/// A connection's place in the registry; dropping it removes the connection.
#[derive(Debug)]
pub struct Registration {
    id: u64,
    activity: Arc<Activity>,
    registry: Arc<Registry>,
}

impl Registration {
    pub fn activity(&self) -> &Arc<Activity> {
        &self.activity
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut inner = self.registry.lock();
        if inner.connections.remove(&self.id).is_some() && self.activity.close.is_cancelled() {
            inner.closing -= 1;
        }
        drop(inner);
        self.registry.changed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::advance;

    const LIMITS: Limits = Limits {
        header_read_timeout: Duration::from_secs(10),
        idle_timeout: Duration::from_secs(60),
        body_idle_timeout: Duration::from_secs(60),
        sending: crate::server::file_send::Sending::Adaptive,
    };

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[tokio::test(start_paused = true)]
    async fn a_fresh_connection_must_send_its_head_within_the_header_timeout() {
        let registry = Arc::new(Registry::new());
        let conn = registry.register();
        let a = conn.activity();
        advance(secs(9)).await;
        assert_eq!(a.expired(&LIMITS, false), None);
        a.on_read(); // half a header: bytes alone do not extend the deadline
        advance(secs(1)).await;
        assert_eq!(a.expired(&LIMITS, false), Some(Expiry::HeaderRead));
    }

    #[tokio::test(start_paused = true)]
    async fn keep_alive_waits_the_idle_timeout_then_the_next_head_the_header_timeout() {
        let registry = Arc::new(Registry::new());
        let conn = registry.register();
        let a = conn.activity();
        let request = a.begin_request();
        advance(secs(600)).await;
        assert_eq!(
            a.deadline(&LIMITS, false),
            None,
            "a request in flight has no deadline"
        );
        drop(request);
        advance(secs(59)).await;
        assert_eq!(a.expired(&LIMITS, false), None);
        advance(secs(1)).await;
        assert_eq!(a.expired(&LIMITS, false), Some(Expiry::Idle));

        // A second request, then half of a third head: the header timeout counts from its first byte.
        let request = a.begin_request();
        drop(request);
        advance(secs(30)).await;
        a.on_read();
        advance(secs(9)).await;
        assert_eq!(a.expired(&LIMITS, false), None);
        advance(secs(1)).await;
        assert_eq!(a.expired(&LIMITS, false), Some(Expiry::HeaderRead));
    }

    #[tokio::test(start_paused = true)]
    async fn response_bytes_waiting_for_a_slow_reader_keep_the_connection_open() {
        let registry = Arc::new(Registry::new());
        let conn = registry.register();
        let a = conn.activity();
        drop(a.begin_request()); // the body is done, its tail still in the socket's way
        a.on_write_blocked();
        advance(secs(3600)).await;
        assert_eq!(a.expired(&LIMITS, false), None);
        assert!(!a.is_idle());
        assert_eq!(registry.shed_oldest_idle(1), 0);
        a.on_write(); // the reader caught up: idle from now
        advance(secs(59)).await;
        assert_eq!(a.expired(&LIMITS, false), None);
        advance(secs(1)).await;
        assert_eq!(a.expired(&LIMITS, false), Some(Expiry::Idle));
    }

    #[tokio::test(start_paused = true)]
    async fn at_shutdown_an_idle_connection_goes_once_quiet_a_busy_one_never() {
        let registry = Arc::new(Registry::new());
        let conn = registry.register();
        let a = conn.activity();
        let request = a.begin_request();
        advance(secs(600)).await;
        assert_eq!(a.expired(&LIMITS, true), None);
        drop(request);
        a.on_write();
        advance(DRAIN_QUIET / 2).await;
        assert_eq!(
            a.expired(&LIMITS, true),
            None,
            "the tail may still be flushing"
        );
        advance(DRAIN_QUIET / 2).await;
        assert_eq!(a.expired(&LIMITS, true), Some(Expiry::Shutdown));
        assert_eq!(a.expired(&LIMITS, false), None);
    }

    #[tokio::test(start_paused = true)]
    async fn shedding_closes_the_longest_idle_first_and_never_a_busy_one() {
        let registry = Arc::new(Registry::new());
        let oldest = registry.register();
        advance(secs(1)).await;
        let busy = registry.register();
        let _request = busy.activity().begin_request();
        advance(secs(1)).await;
        let middle = registry.register();
        advance(secs(1)).await;
        let newest = registry.register();
        advance(secs(1)).await;
        oldest.activity().on_write(); // the first one moved bytes last: now it is the newest idle
        assert_eq!(registry.open(), 4);

        assert_eq!(registry.shed_oldest_idle(1), 1);
        assert!(middle.activity().close.is_cancelled());
        assert_eq!(registry.open(), 3);
        // Closing does not count twice and is not asked twice.
        assert_eq!(registry.shed_oldest_idle(1), 1);
        assert!(newest.activity().close.is_cancelled());
        assert_eq!(registry.shed_oldest_idle(10), 1);
        assert!(oldest.activity().close.is_cancelled());
        assert_eq!(
            registry.shed_oldest_idle(10),
            0,
            "only the busy one is left"
        );
        assert!(!busy.activity().close.is_cancelled());
        assert_eq!(registry.open(), 1);

        // The connection task notices, drops its registration; the counts stay right.
        tokio::time::timeout(secs(1), middle.activity().closed())
            .await
            .expect("a shed connection is told to close");
        drop(middle);
        drop(newest);
        assert_eq!(registry.open(), 1);
        let fresh = registry.register();
        assert_eq!(registry.open(), 2);
        drop(oldest);
        assert_eq!(registry.open(), 2);
        drop(fresh);
        assert_eq!(registry.open(), 1);
        assert_eq!(registry.lock().closing, 0);
    }

    #[tokio::test(start_paused = true)]
    async fn the_accept_loop_hears_when_a_request_ends_or_a_connection_closes() {
        let registry = Arc::new(Registry::new());
        let conn = registry.register();
        let request = conn.activity().begin_request();
        let waiting = registry.changed();
        tokio::pin!(waiting);
        assert!(futures::poll!(waiting.as_mut()).is_pending());
        drop(request);
        tokio::time::timeout(secs(1), waiting)
            .await
            .expect("request end wakes the accept loop");
        drop(conn);
        tokio::time::timeout(secs(1), registry.changed())
            .await
            .expect("a close wakes the accept loop");
    }
}
