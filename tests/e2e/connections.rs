//! Connections that do nothing useful cannot hold pulpd (issue 11): silent, half-header and idle keep-alive
//! connections are closed after their timeouts, a stalled request body fails, 1,100 idle connections under a
//! 1,024-descriptor limit do not stop a normal request, and a download read slower than every timeout completes.
//!
//! Raw sockets, so each test sends exactly the bytes it means to; "closed by pulpd" is a read returning EOF (or a
//! reset) before a deadline.

use pulp_e2e::daemon::Daemon;
use pulp_e2e::upstream;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The short timeouts of these tests, set through the environment variables of pulpd's flags.
const HEADER_READ: Duration = Duration::from_secs(1);
const IDLE: Duration = Duration::from_secs(2);
const BODY_IDLE: Duration = Duration::from_secs(1);
const SHORT_TIMEOUTS: &[(&str, &str)] = &[
    ("PULPD_HEADER_READ_TIMEOUT", "1"),
    ("PULPD_IDLE_TIMEOUT", "2s"),
    ("PULPD_BODY_IDLE_TIMEOUT", "1000ms"),
];
/// How late after its timeout pulpd may close a connection on a busy test machine.
const SLACK: Duration = Duration::from_secs(3);
/// How early: the client starts its clock after connect returns, pulpd a moment later at accept.
const EARLY: Duration = Duration::from_millis(50);

fn connect(d: &Daemon) -> TcpStream {
    TcpStream::connect(d.addr()).unwrap_or_else(|e| panic!("connecting to {}: {e}", d.addr()))
}

/// Reads one response (head and `content-length` body); returns the head and the body.
fn read_response(stream: &mut TcpStream) -> (String, Vec<u8>) {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        let n = stream.read(&mut byte).expect("reading a response head");
        assert_eq!(n, 1, "connection closed in the response head: {buf:?}");
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or_else(|| panic!("no content-length in {head}"));
    let mut body = vec![0u8; length];
    stream
        .read_exact(&mut body)
        .expect("reading a response body");
    (head, body)
}

/// Waits until pulpd closes `stream` (EOF or reset); returns how long that took from `since`. Anything else
/// arriving, or the deadline passing, fails the test.
fn wait_closed(stream: &mut TcpStream, what: &str, since: Instant, deadline: Duration) -> Duration {
    stream
        .set_read_timeout(Some(
            deadline
                .saturating_sub(since.elapsed())
                .max(Duration::from_millis(1)),
        ))
        .unwrap();
    let mut buf = [0u8; 1024];
    match stream.read(&mut buf) {
        Ok(0) => since.elapsed(),
        Err(e) if e.kind() == ErrorKind::ConnectionReset => since.elapsed(),
        Ok(n) => panic!(
            "{what}: expected pulpd to close the connection, got {:?}",
            String::from_utf8_lossy(&buf[..n])
        ),
        Err(e) => panic!("{what}: still open after {:?} ({e})", since.elapsed()),
    }
}

/// Asserts a connection was closed after `timeout` (not before) and within [`SLACK`] of it.
fn assert_closed_after(what: &str, took: Duration, timeout: Duration) {
    assert!(
        took + EARLY >= timeout,
        "{what}: closed after {took:?}, before its {timeout:?} timeout"
    );
    assert!(
        took <= timeout + SLACK,
        "{what}: closed only after {took:?}"
    );
}

const STATUS: &[u8] = b"GET /pulp/api/v3/status/ HTTP/1.1\r\nhost: pulpd\r\n\r\n";

#[test]
fn silent_half_header_and_idle_keep_alive_connections_are_closed() {
    let d = Daemon::start_with_env(SHORT_TIMEOUTS);
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut c = connect(&d);
            let start = Instant::now();
            let took = wait_closed(&mut c, "silent", start, HEADER_READ + SLACK);
            assert_closed_after("a connection that sends nothing", took, HEADER_READ);
        });
        s.spawn(|| {
            let mut c = connect(&d);
            let start = Instant::now();
            c.write_all(b"GET /pulp/api/v3/status/ HTTP/1.1\r\nhost: pu")
                .unwrap();
            let took = wait_closed(&mut c, "half header", start, HEADER_READ + SLACK);
            assert_closed_after("a connection that sends half a header", took, HEADER_READ);
        });
        s.spawn(|| {
            let mut c = connect(&d);
            c.write_all(STATUS).unwrap();
            let (head, _) = read_response(&mut c);
            assert!(head.starts_with("HTTP/1.1 200"), "{head}");
            let idle = Instant::now();
            let took = wait_closed(&mut c, "idle keep-alive", idle, IDLE + SLACK);
            assert_closed_after("an idle keep-alive connection", took, IDLE);
        });
        s.spawn(|| {
            // The header timeout holds for the 2nd request of a keep-alive connection too, counted from its
            // first byte, not from the end of the first response.
            let mut c = connect(&d);
            c.write_all(STATUS).unwrap();
            let (head, _) = read_response(&mut c);
            assert!(head.starts_with("HTTP/1.1 200"), "{head}");
            c.write_all(STATUS).unwrap();
            let (head, _) = read_response(&mut c);
            assert!(head.starts_with("HTTP/1.1 200"), "second request: {head}");
            let start = Instant::now();
            c.write_all(b"GET /pulp/api/v3/status/ HT").unwrap();
            let took = wait_closed(&mut c, "third head half sent", start, HEADER_READ + SLACK);
            assert_closed_after("half of a third request head", took, HEADER_READ);
        });
        s.spawn(|| {
            // A body that stops: the JSON read fails, pulpd answers and closes.
            let mut c = connect(&d);
            let auth = format!(
                "admin:{}",
                pulp_e2e::daemon::ADMIN_PASSWORD
            );
            use base64::Engine;
            let auth = base64::engine::general_purpose::STANDARD.encode(auth);
            c.write_all(
                format!(
                    "POST /pulp/api/v3/repositories/container/container/ HTTP/1.1\r\nhost: pulpd\r\n\
                     authorization: Basic {auth}\r\ncontent-type: application/json\r\n\
                     content-length: 100\r\n\r\n{{\"name\": \"stal"
                )
                .as_bytes(),
            )
            .unwrap();
            let start = Instant::now();
            let (head, body) = read_response(&mut c);
            let took = start.elapsed();
            assert!(head.starts_with("HTTP/1.1 408"), "{head}");
            let body = String::from_utf8_lossy(&body);
            assert!(body.contains("timeout"), "the error names the timeout: {body}");
            assert_closed_after("a stalled request body", took, BODY_IDLE);
            wait_closed(&mut c, "after the stalled body", start, BODY_IDLE + SLACK);
        });
    });
    let (status, repos) = d
        .api()
        .get("/pulp/api/v3/repositories/container/container/?name=stal");
    assert_eq!((status, &repos["count"]), (200, &json!(0)), "{repos}");
}

/// Raises this test process's soft open-file limit to its hard one: it holds 1,100 sockets at once, and the
/// other tests of this binary run in parallel beside it.
fn raise_own_nofile_limit(needed: u64) {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).expect("reading RLIMIT_NOFILE");
    assert!(
        hard >= needed,
        "this test needs {needed} open files but the hard limit is {hard}; raise it (ulimit -Hn)"
    );
    if soft < hard {
        setrlimit(Resource::RLIMIT_NOFILE, hard, hard).expect("raising RLIMIT_NOFILE");
    }
}

const IDLE_CONNECTIONS: usize = 1100;

#[test]
fn idle_connections_beyond_the_descriptor_limit_do_not_stop_requests() {
    raise_own_nofile_limit(IDLE_CONNECTIONS as u64 + 1024);
    let d = Daemon::start_with_nofile(&[], Some(1024));
    let idle: Vec<TcpStream> = (0..IDLE_CONNECTIONS).map(|_| connect(&d)).collect();

    let start = Instant::now();
    let (status, body) = d.api().get("/pulp/api/v3/status/");
    let took = start.elapsed();
    assert_eq!(status, 200, "{body}");
    assert!(
        took < Duration::from_secs(2),
        "status took {took:?} behind {IDLE_CONNECTIONS} idle connections"
    );

    // pulpd made room by closing the connections idle the longest: the first one opened is gone, the last open.
    let mut first = idle[0].try_clone().unwrap();
    wait_closed(
        &mut first,
        "the oldest idle connection",
        Instant::now(),
        Duration::from_secs(5),
    );
    let mut last = idle[IDLE_CONNECTIONS - 1].try_clone().unwrap();
    last.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut byte = [0u8; 1];
    assert!(
        matches!(last.read(&mut byte), Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)),
        "the newest idle connection is still open"
    );

    keeps_answering(&d);
    let log = d.log();
    assert!(
        log.contains("connection limit reached"),
        "pulpd says it closed idle connections:\n{log}"
    );
    assert_eq!(accept_errors(&log), 0, "accept never failed:\n{log}");
    drop(idle);
}

#[test]
fn accept_out_of_descriptors_closes_idle_connections_and_warns_once() {
    raise_own_nofile_limit(IDLE_CONNECTIONS as u64 + 1024);
    let d = Daemon::start_with_nofile(&[], Some(1024));
    // Lower the limit under the running pulpd, below the connection capacity it computed at start, so accept
    // itself runs out of descriptors (as when files use up the reserve).
    let lowered = std::process::Command::new("prlimit")
        .args(["--pid", &d.pid().to_string(), "--nofile=300:1024"])
        .status()
        .expect("running prlimit --pid");
    assert!(lowered.success(), "prlimit --pid failed: {lowered}");
    let idle: Vec<TcpStream> = (0..IDLE_CONNECTIONS).map(|_| connect(&d)).collect();

    let start = Instant::now();
    let (status, body) = d.api().get("/pulp/api/v3/status/");
    let took = start.elapsed();
    assert_eq!(status, 200, "{body}");
    assert!(took < Duration::from_secs(2), "status took {took:?}");
    keeps_answering(&d);
    let log = d.log();
    assert!(
        log.contains("out of file descriptors; closing the connections idle the longest"),
        "pulpd says why it closed connections:\n{log}"
    );
    // One line a minute at most, however many accepts failed (the test takes well under two minutes).
    let warnings = accept_errors(&log);
    assert!(warnings <= 2, "{warnings} accept errors in the log:\n{log}");
    drop(idle);
}

/// Requests keep answering within 2 s each for a few seconds (long enough for a once-a-second error to show).
fn keeps_answering(d: &Daemon) {
    let api = d.api();
    let until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < until {
        let start = Instant::now();
        let (status, body) = api.get("/pulp/api/v3/status/");
        let took = start.elapsed();
        assert_eq!(status, 200, "{body}");
        assert!(took < Duration::from_secs(2), "status took {took:?}");
    }
}

/// Lines of the log where accept failed.
fn accept_errors(log: &str) -> usize {
    log.lines()
        .filter(|l| {
            l.contains("accept failed")
                || l.contains("accept error")
                || l.contains("out of file descriptors")
                || l.contains("Too many open files")
        })
        .count()
}

#[test]
fn a_download_read_slower_than_every_timeout_completes() {
    let up = upstream::shared();
    let big = up.seed_big().unwrap();
    let mut env = SHORT_TIMEOUTS.to_vec();
    env.push(("PULPD_TOKEN_AUTH", "false"));
    let d = Daemon::start_with_env(&env);
    d.api()
        .sync_and_distribute("big", "big", &up.url(), "library/big", json!({}));
    let (digest, size) = big
        .blobs
        .iter()
        .map(|b| (b, std::fs::metadata(big.blob_path(b)).unwrap().len()))
        .max_by_key(|(_, size)| *size)
        .unwrap();

    let mut c = connect(&d);
    c.write_all(format!("GET /v2/big/blobs/{digest} HTTP/1.1\r\nhost: pulpd\r\n\r\n").as_bytes())
        .unwrap();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(
            c.read(&mut byte).unwrap(),
            1,
            "closed in the head: {head:?}"
        );
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");

    // The slow reader: three pauses longer than every timeout, each after a little of the body, while the
    // socket buffers are full and pulpd cannot write (the pauses are the behaviour under test, not waiting).
    let pause = IDLE.max(HEADER_READ).max(BODY_IDLE) + Duration::from_millis(500);
    let mut hasher = Sha256::new();
    let mut received = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    for _ in 0..3 {
        std::thread::sleep(pause);
        let n = c.read(&mut buf).expect("reading after a pause");
        assert!(n > 0, "pulpd closed the download after {received} bytes");
        hasher.update(&buf[..n]);
        received += n as u64;
    }
    let mut paused_at_the_end = false;
    while received < size {
        // Once more near the end, when pulpd has handed hyper the last of the body: its tail still waits in
        // buffers for this reader, and the connection must not count as idle while it does.
        if !paused_at_the_end && size - received < 4 << 20 {
            std::thread::sleep(pause);
            paused_at_the_end = true;
        }
        let n = c.read(&mut buf).expect("reading the rest");
        assert!(
            n > 0,
            "pulpd closed the download after {received} of {size} bytes"
        );
        hasher.update(&buf[..n]);
        received += n as u64;
    }
    assert_eq!(received, size);
    assert_eq!(
        format!("sha256:{}", hex::encode(hasher.finalize())),
        *digest
    );
}
