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
