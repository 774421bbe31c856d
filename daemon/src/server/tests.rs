//! The server in process: a tiny router behind [`serve`] on a loopback port, driven over raw sockets so each test
//! controls exactly which bytes are sent when.

use super::*;
use axum::extract::ConnectInfo;
use axum::routing::{get, post};
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SHORT: Limits = Limits {
    header_read_timeout: Duration::from_millis(300),
    idle_timeout: Duration::from_millis(600),
    body_idle_timeout: Duration::from_millis(300),
    sending: file_send::Sending::Adaptive,
};

/// A running server; `stop` cancels it, `done` resolves when `serve` returned.
struct Server {
    addr: SocketAddr,
    stop: CancellationToken,
    done: tokio::task::JoinHandle<()>,
}

async fn start(router: axum::Router, limits: Limits) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let stop = CancellationToken::new();
    let done = tokio::spawn(serve(listener, router, limits, None, stop.clone()));
    Server { addr, stop, done }
}

/// Reads until the peer closes; returns what arrived.
async fn read_to_close(stream: &mut TcpStream, within: Duration) -> String {
    let mut out = Vec::new();
    tokio::time::timeout(within, stream.read_to_end(&mut out))
        .await
        .expect("the server closes the connection in time")
        .expect("reading the connection");
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn handlers_see_the_peer_address() {
    let router = axum::Router::new().route(
        "/peer",
        get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.to_string() }),
    );
    let server = start(router, Limits::default()).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let local = stream.local_addr().unwrap();
    stream
        .write_all(b"GET /peer HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let answer = read_to_close(&mut stream, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with(&local.to_string()), "{answer}");
}

#[tokio::test]
async fn a_stalled_request_body_fails_the_handler_read() {
    let router = axum::Router::new().route(
        "/upload",
        post(|body: axum::body::Bytes| async move { format!("{} bytes", body.len()) }),
    );
    let server = start(router, SHORT).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    stream
        .write_all(b"POST /upload HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\nabc")
        .await
        .unwrap();
    let answer = read_to_close(&mut stream, Duration::from_secs(5)).await;
    assert!(
        answer.starts_with("HTTP/1.1 400") && answer.contains("timeout"),
        "{answer}"
    );
}

#[tokio::test]
async fn shutdown_finishes_requests_in_flight_and_closes_idle_connections() {
    let started = Arc::new(tokio::sync::Notify::new());
    let release = Arc::new(tokio::sync::Notify::new());
    let router = axum::Router::new()
        .route(
            "/slow",
            get({
                let (started, release) = (started.clone(), release.clone());
                move || async move {
                    started.notify_one();
                    release.notified().await;
                    "done"
                }
            }),
        )
        .route("/fast", get(|| async { "fast" }));
    let server = start(router, Limits::default()).await;

    let mut idle = TcpStream::connect(server.addr).await.unwrap();
    idle.write_all(b"GET /fast HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    let mut first = [0u8; 12];
    idle.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    let mut busy = TcpStream::connect(server.addr).await.unwrap();
    busy.write_all(b"GET /slow HTTP/1.1\r\nhost: x\r\n\r\n")
        .await
        .unwrap();
    started.notified().await;

    server.stop.cancel();
    let rest = read_to_close(&mut idle, Duration::from_secs(5)).await;
    assert!(
        rest.ends_with("fast"),
        "the idle keep-alive connection is closed: {rest}"
    );
    tokio::time::timeout(Duration::from_secs(5), async {
        while TcpStream::connect(server.addr).await.is_ok() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the listener closes");
    assert!(!server.done.is_finished());
    release.notify_one();
    let answer = read_to_close(&mut busy, Duration::from_secs(5)).await;
    assert!(
        answer.starts_with("HTTP/1.1 200") && answer.ends_with("done"),
        "{answer}"
    );
    tokio::time::timeout(Duration::from_secs(5), server.done)
        .await
        .expect("serve returns once every connection is gone")
        .unwrap();
}

/// A router serving ranges of `file` the way the blob GET handler does: a streaming body, and the file range
/// in the response's extensions for the connection to send from the file. `GET /file?offset=N&len=N`.
fn file_router(file: Arc<std::fs::File>) -> axum::Router {
    files_router(vec![file])
}

/// [`file_router`] for several files: `GET /file?offset=N&len=N&file=I` serves `files[I]` (`files[0]`
/// without `file`).
fn files_router(files: Vec<Arc<std::fs::File>>) -> axum::Router {
    use axum::extract::Query;
    use std::collections::HashMap;
    axum::Router::new().route(
        "/file",
        get(move |Query(q): Query<HashMap<String, u64>>| async move {
            let (offset, len) = (q["offset"], q["len"]);
            let file = files[q.get("file").copied().unwrap_or(0) as usize].clone();
            let chunks = crate::blobs::file_chunks(file.clone(), offset, offset + len);
            let mut response = axum::response::Response::new(axum::body::Body::from_stream(chunks));
            response.headers_mut().insert(
                axum::http::header::CONTENT_LENGTH,
                axum::http::HeaderValue::from(len),
            );
            response
                .extensions_mut()
                .insert(file_send::FileRange::new(file, offset, len));
            response
        }),
    )
}

/// A temporary file of `len` random bytes (so a wrong offset cannot pass unnoticed).
fn random_file(len: usize) -> (Arc<std::fs::File>, Vec<u8>) {
    use rand::RngCore;
    use std::io::Write;
    let mut bytes = vec![0u8; len];
    rand::thread_rng().fill_bytes(&mut bytes);
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(&bytes).unwrap();
    (Arc::new(file), bytes)
}

/// Every way of sending a file range, for tests that must hold for each.
const SENDINGS: [file_send::Sending; 3] = [
    file_send::Sending::Sendfile,
    file_send::Sending::Copy,
    file_send::Sending::Adaptive,
];

/// Default limits, sending file ranges as `sending` says.
fn sending(sending: file_send::Sending) -> Limits {
    Limits {
        sending,
        ..Limits::default()
    }
}

/// Sends `GET /file?offset&len` on a keep-alive connection and reads the answer; returns the head and body.
async fn get_range(stream: &mut TcpStream, offset: u64, len: u64) -> (String, Vec<u8>) {
    let request = format!("GET /file?offset={offset}&len={len} HTTP/1.1\r\nhost: x\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        head.push(stream.read_u8().await.expect("reading a response head"));
    }
    let head = String::from_utf8(head).unwrap();
    let length: u64 = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .unwrap_or_else(|| panic!("no content-length in {head}"))
        .parse()
        .unwrap();
    assert_eq!(length, len, "{head}");
    let mut body = vec![0u8; usize::try_from(len).unwrap()];
    stream.read_exact(&mut body).await.expect("reading a body");
    (head, body)
}

#[tokio::test]
async fn file_ranges_are_sent_exactly_one_after_another_on_a_keep_alive_connection() {
    // Larger than one stand-in frame (8 MiB), so a whole read spans several frames.
    let (file, bytes) = random_file((8 << 20) * 2 + 12_345);
    for way in SENDINGS {
        let server = start(file_router(file.clone()), sending(way)).await;
        let mut stream = TcpStream::connect(server.addr).await.unwrap();
        let size = bytes.len() as u64;
        let ranges = [
            (0, size),                   // the whole file
            (0, 1),                      // the first byte
            (5_000_000, 9_000_000),      // a middle piece across a frame boundary
            (size - 500, 500),           // a suffix
            (8 << 20, size - (8 << 20)), // from a frame boundary to the end
        ];
        for (offset, len) in ranges {
            let (head, body) = get_range(&mut stream, offset, len).await;
            assert!(head.starts_with("HTTP/1.1 200"), "{way:?}: {head}");
            let want = &bytes[offset as usize..(offset + len) as usize];
            assert!(body == want, "{way:?}: bytes {offset}+{len} differ");
        }
    }
}

#[tokio::test]
async fn readers_taking_turns_in_small_pieces_each_get_their_own_file() {
    // The test and the server share one thread, so both connections' copies go through the same buffer, and
    // reading 4 KiB at a time keeps their sockets full: sends stop part-way and resume, turn by turn.
    let (a, a_bytes) = random_file(6 << 20);
    let (b, b_bytes) = random_file(5 << 20);
    for way in SENDINGS {
        let server = start(files_router(vec![a.clone(), b.clone()]), sending(way)).await;
        let mut readers = Vec::new();
        for (i, bytes) in [&a_bytes, &b_bytes].into_iter().enumerate() {
            let mut stream = TcpStream::connect(server.addr).await.unwrap();
            let request = format!(
                "GET /file?offset=0&len={}&file={i} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
                bytes.len()
            );
            stream.write_all(request.as_bytes()).await.unwrap();
            readers.push((stream, Vec::new()));
        }
        let mut piece = [0u8; 4096];
        let mut open = readers.len();
        while open > 0 {
            open = 0;
            for (stream, got) in &mut readers {
                let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut piece))
                    .await
                    .expect("the server keeps sending")
                    .unwrap();
                got.extend_from_slice(&piece[..n]);
                open += usize::from(n > 0);
            }
        }
        for ((_, got), bytes) in readers.iter().zip([&a_bytes, &b_bytes]) {
            let body = got
                .split_at(got.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4)
                .1;
            assert!(body == &bytes[..], "{way:?}: a body differs from its file");
        }
    }
}

#[tokio::test]
async fn a_sparse_file_over_4_gib_is_sent_with_its_length_and_tail() {
    use std::os::unix::fs::FileExt;
    let size: u64 = 5 << 30;
    let file = tempfile::tempfile().unwrap();
    file.set_len(size).unwrap();
    let tail: &[u8] = b"the last bytes of a sparse file";
    file.write_all_at(tail, size - tail.len() as u64).unwrap();
    let across: &[u8] = b"across 4 GiB";
    file.write_all_at(across, (4 << 30) - 6).unwrap();
    let file = Arc::new(file);
    // Each way on its own (the adaptive one switches between the two).
    for way in [file_send::Sending::Sendfile, file_send::Sending::Copy] {
        whole_sparse_file(&file, size, tail, across, way).await;
    }
}

async fn whole_sparse_file(
    file: &Arc<std::fs::File>,
    size: u64,
    tail: &[u8],
    across: &[u8],
    way: file_send::Sending,
) {
    let server = start(file_router(file.clone()), sending(way)).await;
    let mut stream = TcpStream::connect(server.addr).await.unwrap();

    let (_, body) = get_range(&mut stream, size - 100, 100).await;
    assert_eq!(&body[100 - tail.len()..], tail);
    let (_, body) = get_range(&mut stream, (4 << 30) - 6, across.len() as u64).await;
    assert_eq!(&body, across);

    // The whole file: the length above 4 GiB in the head, every byte counted, the tail last.
    let request = format!("GET /file?offset=0&len={size} HTTP/1.1\r\nhost: x\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        head.push(stream.read_u8().await.unwrap());
    }
    let head = String::from_utf8(head).unwrap();
    assert!(
        head.contains(&format!("content-length: {size}\r\n")),
        "{head}"
    );
    let mut buf = vec![0u8; 1 << 20];
    let mut received = 0u64;
    let mut last = Vec::new();
    while received < size {
        let want = usize::try_from(size - received)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = stream.read(&mut buf[..want]).await.unwrap();
        assert!(n > 0, "closed after {received} of {size} bytes");
        received += n as u64;
        last.extend_from_slice(&buf[..n]);
        let keep = last.len().saturating_sub(tail.len());
        last.drain(..keep);
    }
    assert_eq!(last, tail);
    // The connection is still usable: the response ended exactly at its length.
    let (_, body) = get_range(&mut stream, size - 1, 1).await;
    assert_eq!(body, [tail[tail.len() - 1]]);
}

#[tokio::test]
async fn a_client_hanging_up_mid_file_leaves_others_served_and_the_file_closed() {
    let (file, bytes) = random_file(32 << 20);
    for way in SENDINGS {
        hang_ups_then_a_whole_read(&file, &bytes, way).await;
    }
}

async fn hang_ups_then_a_whole_read(
    file: &Arc<std::fs::File>,
    bytes: &[u8],
    way: file_send::Sending,
) {
    let server = start(file_router(file.clone()), sending(way)).await;
    // The test's handle and the router's (and the routers' of earlier ways, whose servers still run).
    let idle = Arc::strong_count(file);
    for _ in 0..5 {
        let mut gone = TcpStream::connect(server.addr).await.unwrap();
        let request = format!(
            "GET /file?offset=0&len={} HTTP/1.1\r\nhost: x\r\n\r\n",
            bytes.len()
        );
        gone.write_all(request.as_bytes()).await.unwrap();
        let mut some = [0u8; 64 << 10];
        gone.read_exact(&mut some).await.unwrap();
        // Hang up with most of the body unsent (and unread data in the socket: the peer gets a reset).
    }
    let mut stream = TcpStream::connect(server.addr).await.unwrap();
    let (_, body) = get_range(&mut stream, 0, bytes.len() as u64).await;
    assert!(
        body == bytes,
        "{way:?}: the whole file after others hung up"
    );
    drop(stream);
    // Every response's handle on the file is released once its connection is gone: no descriptor leaks.
    tokio::time::timeout(Duration::from_secs(10), async {
        while Arc::strong_count(file) > idle {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .unwrap_or_else(|_| {
        panic!(
            "{way:?}: {} handles still open",
            Arc::strong_count(file) - idle
        )
    });
}

#[tokio::test]
async fn http2_gets_the_streamed_body_not_the_file_range() {
    let (file, bytes) = random_file((8 << 20) + 777);
    let server = start(file_router(file), Limits::default()).await;
    let stream = TcpStream::connect(server.addr).await.unwrap();
    let (mut client, connection) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(stream),
    )
    .await
    .unwrap();
    tokio::spawn(connection);
    let (offset, len) = (1_000, bytes.len() as u64 - 1_000);
    let request = hyper::Request::get(format!("http://x/file?offset={offset}&len={len}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = client.send_request(request).await.unwrap();
    assert_eq!(response.version(), hyper::Version::HTTP_2);
    let body = axum::body::to_bytes(axum::body::Body::new(response.into_body()), usize::MAX)
        .await
        .unwrap();
    assert!(body[..] == bytes[1_000..], "the bytes over HTTP/2");
}
