//! Response bodies sent from a local file around hyper's buffers: by sendfile(2), from the page cache to the
//! socket with no copy, or, to a reader on this host that cannot keep up, copied through a small buffer that
//! its reads then find in the CPU cache. This module is the only place that writes to a connection's socket
//! other than through hyper's buffers.
//!
//! # Why
//! Streaming a blob reads each chunk into a buffer (`pread` on the blocking pool) and writes it to the socket:
//! two copies and a thread hop per 256 KiB. On a 2-core machine that held one blob GET at ~1,700 MiB/s where
//! Distribution and nginx (both sendfile) reached ~1,980 MiB/s (issue 14), the CPU doing copies instead of
//! serving.
//!
//! # How (hyper has no sendfile: hyperium/hyper#3026, tower-rs/tower-http#381)
//! hyper owns the socket and frames the response (status line, headers, `Content-Length`, keep-alive), and a
//! body can only hand it bytes. So the body hands it *stand-ins*: [`FileBody`] yields frames that are slices
//! of one static, never-read buffer of zeros ([`STAND_IN`]), and records, per frame and in order, which file
//! range the frame stands for in the connection's [`Queue`]. hyper queues body frames without copying them
//! (its `writev` write strategy, forced on for HTTP/1 connections) and passes them to the socket wrapper as
//! `IoSlice`s pointing into that buffer; [`poll_write_vectored`] recognises them by address and, instead of
//! writing the zeros, sends the file range the frame stands for. hyper sees an ordinary write of so many bytes
//! and keeps its own accounting (`Content-Length`, keep-alive, pipelining) exactly as for a streamed body;
//! `Range` is just a different offset and length.
//!
//! A stand-in's address also says how far into its frame hyper is (after a partial write it passes the rest of
//! the slice), so the file offset is derived from it and checked against the frame's length: a stand-in that
//! does not match the queue's next range fails the connection (`InvalidData`) instead of ever sending zeros.
//!
//! # sendfile or a copy ([`Sending`])
//! Over a network the NIC reads what sendfile queues straight from the page cache, and no CPU touches the
//! bytes. Over loopback the reader's kernel copies them out of the page cache itself, in the reader's own
//! time: from memory, as nothing brought those pages into a CPU cache. A reader that hashes, decompresses or
//! writes what it gets (skopeo, podman) is the slower side, and that copy slows it: measured here, a warm
//! `skopeo copy` of 256 MiB took 1.06× as long from sendfile as from Distribution, whose Go copy through user
//! space leaves the bytes in the cache for the reader (nginx with `sendfile off` did the same, at 0.93×).
//! So for a peer on loopback, while the socket is found full (the reader is behind), each piece is read into
//! a [`COPY_CHUNK`] buffer and written: it costs this side a copy it has the time for, and the reader copies
//! from the cache. Once [`COPY_RUN`] bytes went out with the socket never full (this side is the slower one),
//! sendfile again, until the socket fills. A fast reader so gets both, the two cores each doing part of the
//! copying: a 256 MiB GET that drops the bytes ran at 0.93–1.34× nginx's sendfile over five runs (sendfile
//! alone: 0.87–0.99×). On loopback sendfile is no cheaper for this side than the copy: the kernel runs the
//! reader's TCP receive in the sender's call either way. Other peers always get sendfile.
//!
//! # Where it applies
//! Only plain-TCP HTTP/1.x connections: the connection layer swaps in a [`FileBody`] when a response carries a
//! [`FileRange`] extension and the request came over HTTP/1. Everything else keeps the streaming body the
//! handler built next to the extension: HTTP/2 (frames are copied into h2's framing anyway), TLS
//! connections (the socket wrapper would be the TLS stream, which must encrypt every byte), HEAD, blobs on a
//! remote (S3) store and pull-through blobs still downloading (those carry no `FileRange`).
//!
//! # Costs
//! sendfile and the copy's `pread` read the file synchronously in the calling thread: a page-cache miss blocks
//! that runtime worker for the disk read, as it does nginx with `sendfile on` and `aio off` (its default).
//! Blobs being pulled were usually just written or read, so they are in the cache. Each call sends what the
//! socket buffer takes (the socket is non-blocking), so one slow reader never holds a worker. The copy buffer
//! is one per runtime worker thread, allocated at its first copy ([`COPY_CHUNK`] each).

use bytes::Bytes;
use hyper::body::{Frame, SizeHint};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::fs::File;
use std::io::{self, IoSlice};
use std::os::unix::fs::FileExt;
use std::pin::Pin;
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll};
use tokio::io::{AsyncWrite, Interest};
use tokio::net::TcpStream;

/// Length of the stand-in buffer, and so the most one frame stands for: 8 MiB keeps a 256 MiB blob at 32
/// frames (hyper polls the body only when its queue runs low, and never holds more than one whole frame
/// beyond its ~400 KiB buffer limit). It lives in `.bss` and is never read, so it costs no resident memory.
const STAND_IN_LEN: usize = 8 << 20;

/// The most one sendfile call sends (nginx's `sendfile_max_chunk` default): a call returns after at most this,
/// so hyper and the peer's reads interleave with the sending instead of waiting out whole 8 MiB frames.
const SENDFILE_CHUNK: usize = 2 << 20;

/// The most one copy sends: small enough that the piece is still in the CPU's cache (a core's L2 is 1–2 MiB
/// on current x86) when the reader copies it, large enough that a 256 MiB blob takes 256 `pread`s.
const COPY_CHUNK: usize = 1 << 20;

/// Bytes sent with the socket never found full after which copies give way to sendfile: the reader keeps up,
/// so this side is the slower one and should spend less. Four pieces, so one full socket buffer's refill
/// (Linux's `tcp_wmem` allows 4 MiB) does not flip the choice.
const COPY_RUN: u64 = 4 << 20;

/// The zeros body frames point into instead of holding file bytes.
static STAND_IN: [u8; STAND_IN_LEN] = [0; STAND_IN_LEN];

/// A range of an open local file that a response's body may be sent from (by sendfile or a copy): put it in
/// the response's extensions next to a body that streams the same bytes, for connections where the file
/// cannot be used, and a `Content-Length` of `len`. The file must not change while it is served (blob files never do
/// once committed), and a layer that replaces such a response's body must drop the extension with it.
#[derive(Debug, Clone)]
pub struct FileRange {
    file: Arc<File>,
    offset: u64,
    len: u64,
}

impl FileRange {
    /// The `len` bytes of `file` starting at `offset`.
    pub fn new(file: Arc<File>, offset: u64, len: u64) -> Self {
        FileRange { file, offset, len }
    }
}

/// One frame hyper holds: the file range its stand-in slice represents.
#[derive(Debug)]
struct Segment {
    file: Arc<File>,
    offset: u64,
    /// Also the length of the frame's stand-in slice (at most [`STAND_IN_LEN`]).
    len: usize,
}

/// How a connection sends the file ranges of its responses (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sending {
    /// Copies while a peer on loopback is behind, sendfile otherwise; always sendfile to other peers.
    #[default]
    Adaptive,
    /// Always sendfile.
    Sendfile,
    /// Always a copy through the worker's buffer.
    Copy,
}

impl Sending {
    /// How a connection from `peer` sends: [`Sending::Adaptive`] only for a peer on loopback.
    pub(super) fn for_peer(self, peer: std::net::IpAddr) -> Sending {
        match self {
            Sending::Adaptive if !peer.to_canonical().is_loopback() => Sending::Sendfile,
            sending => sending,
        }
    }
}

/// The file ranges of one connection's stand-in frames that hyper has taken from [`FileBody`] and not yet
/// written, in write order (HTTP/1 writes one response at a time, in order), and how its reader keeps up.
#[derive(Debug)]
pub(super) struct Queue(Mutex<QueueState>);

#[derive(Debug)]
struct QueueState {
    segments: VecDeque<Segment>,
    sending: Sending,
    /// Bytes sent since a send last found the socket full.
    since_full: u64,
}

impl QueueState {
    /// Whether the next piece is copied rather than sent with sendfile.
    fn copies(&self) -> bool {
        match self.sending {
            Sending::Sendfile => false,
            Sending::Copy => true,
            Sending::Adaptive => self.since_full < COPY_RUN,
        }
    }
}

impl Queue {
    /// The queue of a connection that sends as `sending` says (already resolved for its peer).
    pub(super) fn new(sending: Sending) -> Self {
        Queue(Mutex::new(QueueState {
            segments: VecDeque::new(),
            sending,
            since_full: 0,
        }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, QueueState> {
        self.0.lock().expect("queue lock is never poisoned")
    }

    fn push(&self, segment: Segment) {
        self.lock().segments.push_back(segment);
    }
}

/// A response body of stand-in frames for a [`FileRange`]; only for a connection whose socket writes go
/// through [`poll_write_vectored`] with the same [`Queue`].
pub(super) struct FileBody {
    file: Arc<File>,
    /// File offset of the next frame.
    next: u64,
    /// File offset one past the range.
    end: u64,
    queue: Arc<Queue>,
}

impl FileBody {
    pub(super) fn new(range: FileRange, queue: Arc<Queue>) -> Self {
        FileBody {
            next: range.offset,
            end: range.offset.saturating_add(range.len),
            file: range.file,
            queue,
        }
    }
}

impl hyper::body::Body for FileBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        let left = this.end - this.next;
        if left == 0 {
            return Poll::Ready(None);
        }
        let len = usize::try_from(left).map_or(STAND_IN_LEN, |left| left.min(STAND_IN_LEN));
        this.queue.push(Segment {
            file: this.file.clone(),
            offset: this.next,
            len,
        });
        this.next += len as u64;
        Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(&STAND_IN[..len])))))
    }

    fn is_end_stream(&self) -> bool {
        self.next >= self.end
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.end - self.next)
    }
}

/// Where `slice` lies in [`STAND_IN`] (its start's index), or `None` for any other memory.
fn stand_in_position(slice: &[u8]) -> Option<usize> {
    let base = STAND_IN.as_ptr() as usize;
    let start = slice.as_ptr() as usize;
    (!slice.is_empty() && start >= base && start < base + STAND_IN_LEN).then(|| start - base)
}

/// Writes `bufs` to `stream`: plain buffers with `writev`, a stand-in frame from the file range `queue` holds
/// for it. Returns how many bytes of `bufs`, from the front, were written (as `writev` does).
pub(super) fn poll_write_vectored(
    stream: Pin<&mut TcpStream>,
    queue: &Queue,
    cx: &mut Context<'_>,
    bufs: &[IoSlice<'_>],
) -> Poll<io::Result<usize>> {
    match bufs.iter().position(|b| stand_in_position(b).is_some()) {
        None => stream.poll_write_vectored(cx, bufs),
        // The plain bytes before the first stand-in (a response head); hyper comes back for the rest.
        Some(first) if first > 0 => stream.poll_write_vectored(cx, &bufs[..first]),
        Some(_) => poll_send_file(stream.get_mut(), queue, cx, &bufs[0]),
    }
}

/// Sends as much of the stand-in `slice` (the rest of the queue's front frame) as the socket takes now.
fn poll_send_file(
    stream: &TcpStream,
    queue: &Queue,
    cx: &mut Context<'_>,
    slice: &[u8],
) -> Poll<io::Result<usize>> {
    let mismatch = || io::Error::new(io::ErrorKind::InvalidData, "stand-in frame out of order");
    let done = stand_in_position(slice).ok_or_else(mismatch)?;
    let (file, offset, copy) = {
        let state = queue.lock();
        let front = state.segments.front().ok_or_else(mismatch)?;
        if done + slice.len() != front.len {
            return Poll::Ready(Err(mismatch()));
        }
        (
            front.file.clone(),
            front.offset + done as u64,
            state.copies(),
        )
    };
    let full = || queue.lock().since_full = 0;
    let sent = loop {
        if stream.poll_write_ready(cx)?.is_pending() {
            full();
            return Poll::Pending;
        }
        let sent = if copy {
            COPY.with(|buffer| {
                buffer
                    .borrow_mut()
                    .send(stream, &file, offset, slice.len().min(COPY_CHUNK))
            })
        } else {
            let mut at = i64::try_from(offset).map_err(|_| mismatch())?;
            stream.try_io(Interest::WRITABLE, || {
                nix::sys::sendfile::sendfile64(
                    stream,
                    &*file,
                    Some(&mut at),
                    slice.len().min(SENDFILE_CHUNK),
                )
                .map_err(io::Error::from)
            })
        };
        match sent {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => full(),
            sent => break sent?,
        }
    };
    if sent == 0 {
        // The file ended before the range did: it was truncated, which committed blobs never are.
        return Poll::Ready(Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "file shorter than the range being sent",
        )));
    }
    let mut state = queue.lock();
    if sent == slice.len() {
        state.segments.pop_front();
    }
    state.since_full += sent as u64;
    Poll::Ready(Ok(sent))
}

thread_local! {
    /// This worker thread's copy buffer: connections served on the thread take turns with it.
    static COPY: RefCell<CopyBuffer> = RefCell::new(CopyBuffer::default());
}

/// A buffer of file bytes on their way to a socket, and what it holds: after a partial write the rest is sent
/// from it on the next call for the same file and offset, not read again.
#[derive(Default)]
struct CopyBuffer {
    /// [`COPY_CHUNK`] bytes once first used.
    buf: Vec<u8>,
    /// The file `buf[start..end]` was read from (a weak handle: the buffer never keeps a file open, and the
    /// address it compares cannot be reused by another file while the handle lives).
    file: Weak<File>,
    /// The file offset of `buf[start]`.
    offset: u64,
    start: usize,
    end: usize,
}

impl CopyBuffer {
    /// Writes up to `len` bytes of `file` at `offset` to `stream` (at most [`COPY_CHUNK`]), reading them
    /// first unless the buffer holds them: how many were written, 0 at the end of the file.
    fn send(
        &mut self,
        stream: &TcpStream,
        file: &Arc<File>,
        offset: u64,
        len: usize,
    ) -> io::Result<usize> {
        // The rest of a partial write is asked for next, at the offset where it stopped.
        let holds = Weak::as_ptr(&self.file) == Arc::as_ptr(file)
            && offset == self.offset
            && self.start < self.end;
        if !holds {
            if self.buf.is_empty() {
                self.buf = vec![0; COPY_CHUNK];
            }
            let len = len.min(COPY_CHUNK);
            // Held bytes are overwritten now, whether or not the read succeeds.
            self.end = 0;
            let read = file.read_at(&mut self.buf[..len], offset)?;
            self.file = Arc::downgrade(file);
            (self.start, self.end, self.offset) = (0, read, offset);
        }
        let end = self.end.min(self.start + len);
        let written = stream.try_write(&self.buf[self.start..end])?;
        self.start += written;
        self.offset += written as u64;
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_slices_of_the_stand_in_buffer_are_stand_ins() {
        assert_eq!(stand_in_position(&STAND_IN[..10]), Some(0));
        assert_eq!(stand_in_position(&STAND_IN[100..200]), Some(100));
        assert_eq!(stand_in_position(&STAND_IN[..0]), None);
        let zeros = vec![0u8; 64];
        assert_eq!(stand_in_position(&zeros), None);
    }

    #[test]
    fn only_peers_on_loopback_get_copies() {
        use std::net::IpAddr;
        let adaptive = |ip: &str| Sending::Adaptive.for_peer(ip.parse::<IpAddr>().unwrap());
        for local in ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"] {
            assert_eq!(adaptive(local), Sending::Adaptive, "{local}");
        }
        for remote in ["10.0.0.1", "192.168.1.5", "2001:db8::1", "::ffff:10.0.0.1"] {
            assert_eq!(adaptive(remote), Sending::Sendfile, "{remote}");
        }
        let remote = "10.0.0.1".parse().unwrap();
        assert_eq!(Sending::Copy.for_peer(remote), Sending::Copy);
        assert_eq!(Sending::Sendfile.for_peer(remote), Sending::Sendfile);
    }

    #[test]
    fn copies_last_while_the_socket_fills_within_the_run() {
        let state = |sending, since_full| QueueState {
            segments: VecDeque::new(),
            sending,
            since_full,
        };
        assert!(state(Sending::Adaptive, 0).copies());
        assert!(state(Sending::Adaptive, COPY_RUN - 1).copies());
        assert!(!state(Sending::Adaptive, COPY_RUN).copies());
        assert!(state(Sending::Copy, COPY_RUN * 10).copies());
        assert!(!state(Sending::Sendfile, 0).copies());
    }

    #[test]
    fn a_body_stands_for_its_range_in_frames_of_at_most_the_buffer() {
        use hyper::body::Body as _;
        let file = Arc::new(tempfile::tempfile().unwrap());
        let queue = Arc::new(Queue::new(Sending::Adaptive));
        let len = STAND_IN_LEN as u64 * 2 + 5;
        let mut body = FileBody::new(FileRange::new(file, 7, len), queue.clone());
        assert_eq!(body.size_hint().exact(), Some(len));
        let waker = futures::task::noop_waker();
        let mut cx = Context::from_waker(&waker);
        let mut lens = Vec::new();
        while let Poll::Ready(Some(frame)) = Pin::new(&mut body).poll_frame(&mut cx) {
            let data = frame.unwrap().into_data().unwrap();
            assert_eq!(stand_in_position(&data), Some(0));
            lens.push(data.len());
        }
        assert!(body.is_end_stream());
        assert_eq!(lens, [STAND_IN_LEN, STAND_IN_LEN, 5]);
        let segments = &queue.lock().segments;
        let offsets: Vec<_> = segments.iter().map(|s| (s.offset, s.len)).collect();
        let second = 7 + STAND_IN_LEN as u64;
        assert_eq!(
            offsets,
            [
                (7, STAND_IN_LEN),
                (second, STAND_IN_LEN),
                (second + STAND_IN_LEN as u64, 5)
            ]
        );
    }
}
