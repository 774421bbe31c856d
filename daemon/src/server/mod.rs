//! pulpd's HTTP server: the accept loop, per-connection timeouts and the file-descriptor budget, serving the
//! axum router over hyper (HTTP/1.1, and HTTP/2 with prior knowledge, detected per connection), in plain TCP or
//! behind TLS.
//!
//! - [`registry`]: what every open connection is doing; the order in which idle ones are shed.
//! - `connection`: one connection: the socket wrapper that records activity, the service that adds
//!   [`axum::extract::ConnectInfo`] and the body idle timeout, and the watchdog that closes it on a timeout.
//! - [`fd_limit`]: raises the soft `RLIMIT_NOFILE` at start and reads the limit in force.
//! - [`tls`]: the certificate (loaded, reloaded on SIGHUP or when its files change, or self-signed) and the
//!   rustls configuration each connection's handshake uses.
//! - [`file_send`]: response bodies sent from a local file by sendfile(2) or a copy ([`file_send::FileRange`]), on
//!   HTTP/1 connections; the only code that writes to a socket around hyper's buffers.
//!
//! # Timeouts (Go's `net/http` model, enforced by the watchdog, not by hyper)
//! - **Header read**: a request head must arrive complete within [`Limits::header_read_timeout`] of its first
//!   byte; on a fresh connection the clock starts at accept (a client connects to send a request). This covers a
//!   client that sends nothing and one that sends half a header, on the first request and on the 2nd..nth of a
//!   keep-alive connection alike. hyper's own `header_read_timeout` is not used: it starts counting when the
//!   connection starts waiting, so on a keep-alive connection it would be the idle timeout too, and HTTP/2 has none.
//! - **Idle**: a connection with no request in flight and no bytes moved for [`Limits::idle_timeout`] is closed.
//! - **Body idle**: a request body that delivers no bytes for [`Limits::body_idle_timeout`] while the handler
//!   waits for it fails with an error (tower-http's `TimeoutBody`), so an upload or a JSON read ends cleanly.
//! - A connection serving a request is never closed by the first two, and neither is one whose last response
//!   bytes still wait for a slow reader: a blob download of many GiB is not cut however slowly it is read.
//!
//! # File descriptors
//! Every connection holds one descriptor; blob files, sled and upstream sockets need others. The policy:
//! - At start the soft `RLIMIT_NOFILE` is raised to the hard limit (`main` calls [`fd_limit::raise`]).
//! - At most [`capacity`] connections are open: the soft limit minus a reserve for files and upstream sockets.
//!   Before accepting beyond it, the connection idle the longest is closed; when every connection is serving a
//!   request, accepting waits (clients wait in the listen backlog) until one finishes or closes.
//! - If accept still fails with `EMFILE`/`ENFILE` (the reserve was used by files), a batch of the oldest idle
//!   connections is closed and accepting resumes once one of them is gone. The warning is logged at most once a
//!   minute with how many were closed meanwhile, never once per failed accept.
//!
//! # Shutdown
//! When the token is cancelled the listener closes and every connection gets hyper's graceful shutdown: an idle
//! HTTP/1.1 connection closes at once, a busy one after its response, HTTP/2 sends GOAWAY and finishes its
//! streams. An idle connection hyper keeps (one in the middle of its first request head) is closed once quiet
//! for [`registry::DRAIN_QUIET`]. [`serve`] returns when every connection is gone; the caller bounds that wait
//! by the grace period.

pub mod fd_limit;
pub mod file_send;
pub mod registry;
pub mod tls;

mod connection;

use registry::Registry;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// The timeouts every connection is held to (see the module doc for what each one counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A request head must arrive complete within this of its first byte (of accept, on a fresh connection).
    pub header_read_timeout: Duration,
    /// A connection with no request in flight is closed after this without bytes moving.
    pub idle_timeout: Duration,
    /// A request body that sends nothing for this long fails.
    pub body_idle_timeout: Duration,
    /// How file ranges ([`file_send::FileRange`]) go out on plain HTTP/1 connections.
    pub sending: file_send::Sending,
}

impl Default for Limits {
    /// nginx's order of magnitude (`client_header_timeout` 60 s, `keepalive_timeout` 75 s, `client_body_timeout`
    /// 60 s), a bit shorter so an idle connection is gone within a minute.
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            body_idle_timeout: Duration::from_secs(60),
            sending: file_send::Sending::Adaptive,
        }
    }
}

/// Descriptors kept for everything but client connections: at least this many…
const RESERVE_MIN: u64 = 64;
/// …or this fraction of the limit (1/8: 128 of 1,024; sled, a blob file per download and upstream sockets of
/// syncs and pull-through fetches fit in it on a small limit)…
const RESERVE_DIVISOR: u64 = 8;
/// …but no more than this many on a large limit.
const RESERVE_MAX: u64 = 4096;
/// How many idle connections to close when accept fails for lack of descriptors: enough that a burst of new
/// connections does not fail again at once, few enough not to empty a pool of keep-alive clients.
const EXHAUSTED_SHED: usize = 8;
/// How long to wait for a closing connection before trying accept again when descriptors ran out.
const EXHAUSTED_BACKOFF: Duration = Duration::from_millis(250);
/// Accept errors and connection shedding are logged at most this often.
const LOG_EVERY: Duration = Duration::from_secs(60);

/// The most connections kept open under a soft descriptor limit of `fd_limit`: the limit minus the reserve.
pub fn capacity(fd_limit: u64) -> usize {
    let reserve = (fd_limit / RESERVE_DIVISOR).clamp(RESERVE_MIN, RESERVE_MAX);
    // At least one connection, or the daemon could never answer; a limit that small fails on files first anyway.
    let capacity = fd_limit.saturating_sub(reserve).max(1);
    usize::try_from(capacity).unwrap_or(usize::MAX)
}

/// Serves `router` on `listener` (behind `tls` when given) until `shutdown` is cancelled, then closes idle
/// connections and returns when the busy ones have finished (bound that wait with a timeout).
pub async fn serve(
    listener: TcpListener,
    router: axum::Router,
    limits: Limits,
    tls: Option<Arc<tls::Tls>>,
    shutdown: CancellationToken,
) {
    if let Some(tls) = &tls {
        tokio::spawn(tls.clone().watch(shutdown.clone()));
    }
    let acceptor = tls.as_deref().map(tls::Tls::acceptor);
    let registry = Arc::new(Registry::new());
    let fd_limit = fd_limit::soft();
    let capacity = capacity(fd_limit);
    tracing::debug!(capacity, fd_limit, "connection capacity");
    let mut connections = JoinSet::new();
    let mut log = Throttle::default();
    loop {
        if registry.open() >= capacity {
            if registry.shed_oldest_idle(1) == 0 {
                // Every connection is serving a request: accept again once one finishes or closes.
                tokio::select! {
                    () = shutdown.cancelled() => break,
                    () = registry.changed() => {}
                    Some(_) = connections.join_next() => {}
                }
                continue;
            }
            log.shed(capacity);
        }
        tokio::select! {
            () = shutdown.cancelled() => break,
            Some(_) = connections.join_next() => {}
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let registration = registry.register();
                    let task = connection::serve(stream, peer, router.clone(), limits, acceptor.clone(), registration, shutdown.clone());
                    connections.spawn(task);
                }
                Err(e) if is_fd_exhaustion(&e) => {
                    let shed = registry.shed_oldest_idle(EXHAUSTED_SHED);
                    log.exhausted(&e, shed);
                    // Give the shed connections' tasks time to drop their sockets (or, with none to shed, any
                    // connection time to close) instead of failing accept again at once.
                    tokio::select! {
                        () = shutdown.cancelled() => break,
                        () = registry.changed() => {}
                        () = tokio::time::sleep(EXHAUSTED_BACKOFF) => {}
                    }
                }
                Err(e) if is_connection_error(&e) => {
                    tracing::debug!(error = %e, "a connection failed before it was accepted");
                }
                Err(e) => {
                    log.error(&e);
                    tokio::select! {
                        () = shutdown.cancelled() => break,
                        () = tokio::time::sleep(EXHAUSTED_BACKOFF) => {}
                    }
                }
            }
        }
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
}

/// Accept failed because this process (`EMFILE`) or the system (`ENFILE`) has no descriptor left.
fn is_fd_exhaustion(e: &std::io::Error) -> bool {
    use nix::errno::Errno;
    matches!(
        e.raw_os_error().map(Errno::from_raw),
        Some(Errno::EMFILE | Errno::ENFILE)
    )
}

/// Accept failed for the one connection it took (the peer gave up), not for the listener.
fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// Logs trouble of the accept loop at most once per [`LOG_EVERY`] per kind, with counts of what happened since
/// the last line, so a loop that keeps failing cannot flood the log.
#[derive(Debug, Default)]
struct Throttle {
    shed_log: Option<tokio::time::Instant>,
    /// Idle connections closed to stay under the capacity since the last line about it.
    shed: usize,
    accept_log: Option<tokio::time::Instant>,
    /// Failed accepts since the last line about them.
    failed: usize,
    /// Idle connections closed because descriptors ran out, since the last line about it.
    shed_exhausted: usize,
}

/// Whether a line last logged at `last` may be logged again now; if so, records now.
fn due(last: &mut Option<tokio::time::Instant>) -> bool {
    let now = tokio::time::Instant::now();
    if last.is_some_and(|at| now < at + LOG_EVERY) {
        return false;
    }
    *last = Some(now);
    true
}

impl Throttle {
    fn shed(&mut self, capacity: usize) {
        self.shed += 1;
        if due(&mut self.shed_log) {
            tracing::info!(
                capacity,
                closed = self.shed,
                "connection limit reached; closed the connections idle the longest"
            );
            self.shed = 0;
        }
    }

    fn exhausted(&mut self, e: &std::io::Error, shed: usize) {
        self.failed += 1;
        self.shed_exhausted += shed;
        if due(&mut self.accept_log) {
            tracing::warn!(
                error = %e,
                failed_accepts = self.failed,
                closed_idle = self.shed_exhausted,
                "out of file descriptors; closing the connections idle the longest"
            );
            self.failed = 0;
            self.shed_exhausted = 0;
        }
    }

    fn error(&mut self, e: &std::io::Error) {
        self.failed += 1;
        if due(&mut self.accept_log) {
            tracing::warn!(error = %e, failed_accepts = self.failed, "accept failed");
            self.failed = 0;
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod policy_tests {
    use super::*;

    #[test]
    fn capacity_keeps_a_reserve_for_files_and_upstream_sockets() {
        assert_eq!(capacity(1024), 1024 - 128);
        assert_eq!(capacity(256), 256 - 64);
        assert_eq!(capacity(1 << 20), (1 << 20) - 4096);
        assert_eq!(capacity(10), 1);
    }

    #[test]
    fn emfile_and_enfile_are_exhaustion_other_errors_are_not() {
        let os = |e: nix::errno::Errno| std::io::Error::from_raw_os_error(e as i32);
        assert!(is_fd_exhaustion(&os(nix::errno::Errno::EMFILE)));
        assert!(is_fd_exhaustion(&os(nix::errno::Errno::ENFILE)));
        assert!(!is_fd_exhaustion(&os(nix::errno::Errno::ECONNABORTED)));
        assert!(is_connection_error(&os(nix::errno::Errno::ECONNABORTED)));
    }
}
