//! Stored blobs are sent from their file on HTTP/1 (issue 14: sendfile, or to a loopback reader that is behind
//! a copy through a cache-sized buffer); what a client checks is that the bytes are right: every kind of
//! `Range` on a multi-MiB layer, on one keep-alive connection, and clients hanging up mid-blob leaving pulpd
//! serving others with no descriptor left open. (The daemon's own tests of `server::file_send` force each way
//! and cover a sparse file over 4 GiB, readers taking turns in small pieces and the HTTP/2 fallback.)

use pulp_e2e::daemon::Daemon;
use pulp_e2e::upstream;
use pulp_e2e::wait::wait_until;
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A daemon holding the big image synced from the shared upstream; the digest and bytes of its layer.
fn daemon_with_big_layer() -> (Daemon, String, Vec<u8>) {
    let up = upstream::shared();
    let big = up.seed_big().unwrap();
    let d = Daemon::start_with_env(&[("PULPD_TOKEN_AUTH", "false")]);
    d.api()
        .sync_and_distribute("big", "big", &up.url(), "library/big", json!({}));
    let (digest, path) = big
        .blobs
        .iter()
        .map(|b| (b.clone(), big.blob_path(b)))
        .max_by_key(|(_, path)| std::fs::metadata(path).unwrap().len())
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    (d, digest, bytes)
}

/// Sends a GET of the blob with an optional `Range` on `stream`; returns the response head and body.
fn get_blob(stream: &mut TcpStream, digest: &str, range: Option<&str>) -> (String, Vec<u8>) {
    let range = range.map(|r| format!("range: {r}\r\n")).unwrap_or_default();
    write!(
        stream,
        "GET /v2/big/blobs/{digest} HTTP/1.1\r\nhost: pulpd\r\n{range}\r\n"
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(
            stream.read(&mut byte).unwrap(),
            1,
            "closed in the head: {head:?}"
        );
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .unwrap_or_else(|| panic!("no content-length in {head}"))
        .parse()
        .unwrap();
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).expect("reading a blob body");
    (head, body)
}

/// The daemon's open descriptors.
fn open_fds(d: &Daemon) -> usize {
    std::fs::read_dir(format!("/proc/{}/fd", d.pid()))
        .unwrap()
        .count()
}

#[test]
fn blob_ranges_and_hang_ups_get_exact_bytes_and_leave_no_descriptor() {
    let (d, digest, bytes) = daemon_with_big_layer();
    let size = bytes.len();
    let mut c = TcpStream::connect(d.addr()).unwrap();
    let frame = 8 << 20;
    let cases = [
        (None, 0, size),
        (Some("bytes=0-0".to_owned()), 0, 1),
        (
            Some(format!("bytes=1000-{}", 1000 + frame)),
            1000,
            frame + 1,
        ),
        (Some("bytes=-500".to_owned()), size - 500, 500),
        (Some(format!("bytes={frame}-")), frame, size - frame),
    ];
    for (range, offset, len) in cases {
        let (head, body) = get_blob(&mut c, &digest, range.as_deref());
        match &range {
            None => assert!(head.starts_with("HTTP/1.1 200"), "{head}"),
            Some(r) => {
                assert!(head.starts_with("HTTP/1.1 206"), "{r}: {head}");
                let want = format!(
                    "content-range: bytes {offset}-{}/{size}\r\n",
                    offset + len - 1
                );
                assert!(head.contains(&want), "{r}: {head}");
            }
        }
        assert!(
            body[..] == bytes[offset..offset + len],
            "bytes of {range:?} differ"
        );
    }
    drop(c);

    let before = open_fds(&d);
    for _ in 0..5 {
        let mut gone = TcpStream::connect(d.addr()).unwrap();
        write!(
            gone,
            "GET /v2/big/blobs/{digest} HTTP/1.1\r\nhost: pulpd\r\n\r\n"
        )
        .unwrap();
        let mut some = vec![0u8; 256 << 10];
        gone.read_exact(&mut some).unwrap();
    }
    let mut c = TcpStream::connect(d.addr()).unwrap();
    let (_, body) = get_blob(&mut c, &digest, None);
    assert!(body == bytes, "the whole layer after five clients hung up");
    drop(c);
    wait_until(
        Duration::from_secs(10),
        "pulpd to close the hung-up downloads' descriptors",
        || {
            let now = open_fds(&d);
            if now <= before {
                Ok(())
            } else {
                Err(format!("{now} open, {before} before"))
            }
        },
    );
}
