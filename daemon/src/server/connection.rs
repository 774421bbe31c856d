//! One accepted connection, from accept to close: hyper serves the router on it while a watchdog closes it when
//! its [`Activity`] deadline passes, when the registry sheds it, or (once idle) at shutdown. With TLS the
//! handshake comes first, bounded by the header read timeout (a client connects to send a request); the TLS
//! stream wraps the activity-recording socket, so timeouts and shedding count the bytes on the wire.
//!
//! What each request gets on its way to the router: the peer address as [`ConnectInfo<SocketAddr>`] (throttling
//! and logs key on it), a body that fails after the body idle timeout without bytes, and a guard held until the
//! response body is done so the connection counts as busy for exactly that long. A response carrying a
//! [`FileRange`] to an HTTP/1 request is sent from the file (see [`super::file_send`]).

use super::file_send::{self, FileBody, FileRange};
use super::registry::{Activity, InFlight, Registration};
use super::Limits;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::TlsAcceptor;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

/// Serves one connection until the peer closes it, a timeout or the registry closes it, or shutdown drains it.
pub(super) async fn serve(
    stream: TcpStream,
    peer: SocketAddr,
    router: axum::Router,
    limits: Limits,
    tls: Option<TlsAcceptor>,
    registration: Registration,
    shutdown: CancellationToken,
) {
    // Open from accept until this function returns (the socket is dropped with it), TLS handshake included.
    let _open = crate::metrics::connection_opened();
    // Nagle's algorithm would hold the sub-segment tail of each response (a small answer, or the last bytes a
    // sendfile call left) until the peer acknowledges what is in flight; Go's net/http and nginx
    // (`tcp_nodelay on`) switch it off too. hyper already writes a head and its body in one call.
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!(%peer, error = %e, "could not set TCP_NODELAY");
    }
    let activity = registration.activity().clone();
    let files = Arc::new(file_send::Queue::new(limits.sending.for_peer(peer.ip())));
    let tracked = Tracked {
        stream,
        activity: activity.clone(),
        files: files.clone(),
    };
    let Some(acceptor) = tls else {
        return run(
            tracked,
            peer,
            router,
            limits,
            activity,
            Some(files),
            shutdown,
        )
        .await;
    };
    let handshake = tokio::time::timeout(limits.header_read_timeout, acceptor.accept(tracked));
    let stream = tokio::select! {
        result = handshake => match result {
            Ok(Ok(stream)) => stream,
            Ok(Err(e)) => {
                tracing::debug!(%peer, error = %e, "TLS handshake failed");
                return;
            }
            Err(_) => {
                tracing::debug!(%peer, "closing a connection: no TLS handshake within the header read timeout");
                return;
            }
        },
        () = activity.closed() => return,
        () = shutdown.cancelled() => return,
    };
    // sendfile would put the file's plain bytes where TLS records belong: TLS streams every body.
    run(stream, peer, router, limits, activity, None, shutdown).await;
}

/// Serves HTTP on `io` (plain or TLS) under the watchdog; with `files` (plain TCP), file responses to HTTP/1
/// requests go out from the file (sendfile or a copy).
async fn run<I>(
    io: I,
    peer: SocketAddr,
    router: axum::Router,
    limits: Limits,
    activity: Arc<Activity>,
    files: Option<Arc<file_send::Queue>>,
    shutdown: CancellationToken,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let io = TokioIo::new(io);
    let service = {
        let activity = activity.clone();
        hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let in_flight = activity.begin_request();
            // HTTP/2 copies data into its own frames; HEAD has no body to send.
            let files = files
                .clone()
                .filter(|_| request.version() <= hyper::Version::HTTP_11)
                .filter(|_| request.method() != hyper::Method::HEAD);
            let mut request =
                request.map(|body| Body::new(TimeoutBody::new(limits.body_idle_timeout, body)));
            request.extensions_mut().insert(ConnectInfo(peer));
            let router = router.clone();
            async move {
                let mut response = router.oneshot(request).await?;
                let file = response.extensions_mut().remove::<FileRange>();
                Ok::<_, Infallible>(response.map(|body| {
                    let body = match (file, files) {
                        (Some(range), Some(files)) => Body::new(FileBody::new(range, files)),
                        _ => body,
                    };
                    Body::new(Tracking {
                        body,
                        _in_flight: in_flight,
                    })
                }))
            }
        })
    };
    let mut builder = auto::Builder::new(TokioExecutor::new());
    // Body frames are queued, not copied into one buffer: the file bodies' stand-in frames must reach `Tracked`.
    builder.http1().writev(true);
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    // Made once and polled until they fire: each would otherwise register with its token (a lock shared by every
    // connection, for `shutdown`) or the timer wheel again on every turn of the loop.
    let closed = activity.closed();
    tokio::pin!(closed);
    let stop = shutdown.cancelled();
    tokio::pin!(stop);
    let watch = tokio::time::sleep_until(next_check(&activity, &limits, false));
    tokio::pin!(watch);
    let mut draining = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(%peer, error = %e, "connection ended with an error");
                }
                return;
            }
            () = &mut closed => {
                tracing::debug!(%peer, "closing an idle connection to stay within the descriptor limit");
                return;
            }
            () = &mut stop, if !draining => {
                // hyper closes an idle HTTP/1.1 connection at once, and a busy one after its response; HTTP/2
                // sends GOAWAY. The watchdog closes what is left once quiet.
                draining = true;
                connection.as_mut().graceful_shutdown();
            }
            () = watch.as_mut() => {
                if let Some(why) = activity.expired(&limits, draining) {
                    tracing::debug!(%peer, reason = why.as_str(), "closing a connection");
                    return;
                }
            }
        }
        watch
            .as_mut()
            .reset(next_check(&activity, &limits, draining));
    }
}

/// When the watchdog looks at the connection next: at its deadline, but never later than one header read
/// timeout (at shutdown, one [`DRAIN_QUIET`](super::registry::DRAIN_QUIET)) from now.
///
/// Requests starting and ending move the deadline without waking the watchdog (they would, twice per request).
/// That is safe because of the cap: a deadline can only come nearer by a request head beginning, and a head
/// that begins after this call has a deadline at least one header read timeout away. A look that finds the
/// deadline moved on just schedules the next one.
fn next_check(activity: &Activity, limits: &Limits, draining: bool) -> tokio::time::Instant {
    let horizon = if draining {
        super::registry::DRAIN_QUIET
    } else {
        limits.header_read_timeout
    };
    let cap = tokio::time::Instant::now() + horizon;
    match activity.deadline(limits, draining) {
        Some((at, _)) => at.min(cap),
        None => cap,
    }
}

/// The socket, recording in the connection's [`Activity`] when bytes move and when writes wait for the peer;
/// writes go through [`file_send::poll_write_vectored`], which sends the file ranges of stand-in frames.
struct Tracked {
    stream: TcpStream,
    activity: Arc<Activity>,
    /// The file ranges of the [`FileBody`] frames hyper holds, in write order.
    files: Arc<file_send::Queue>,
}

impl AsyncRead for Tracked {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let poll = Pin::new(&mut this.stream).poll_read(cx, buf);
        if matches!(poll, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            this.activity.on_read();
        }
        poll
    }
}

impl Tracked {
    fn record(&self, poll: &Poll<io::Result<usize>>) {
        match poll {
            Poll::Ready(Ok(n)) if *n > 0 => self.activity.on_write(),
            Poll::Pending => self.activity.on_write_blocked(),
            Poll::Ready(_) => {}
        }
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let bufs = [io::IoSlice::new(buf)];
        let poll =
            file_send::poll_write_vectored(Pin::new(&mut this.stream), &this.files, cx, &bufs);
        this.record(&poll);
        poll
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll =
            file_send::poll_write_vectored(Pin::new(&mut this.stream), &this.files, cx, bufs);
        this.record(&poll);
        poll
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

/// A response body holding its request's [`InFlight`] guard: the connection is busy until hyper has taken the
/// last frame (and drops the body), not merely until the handler returned.
struct Tracking {
    body: Body,
    _in_flight: InFlight,
}

impl hyper::body::Body for Tracking {
    type Data = bytes::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
