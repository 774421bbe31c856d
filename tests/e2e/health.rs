//! `/livez` and `/readyz` (issue 17), asked without credentials as a load balancer would: ready while the
//! stores work, 503 naming the free-space reserve once it is crossed, ready again once space is freed, alive
//! throughout. The data dir sits on a small tmpfs filled by a filler file (see `disk_space.rs`; needs root).

use crate::disk_space::{Tmpfs, MIB};
use pulp_e2e::daemon::Daemon;
use serde_json::Value;

fn probe(d: &Daemon, path: &str) -> (u16, Value) {
    let response = d
        .http_client()
        .get(format!("{}{path}", d.base_url()))
        .send()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

#[test]
fn readyz_answers_503_below_the_reserve_and_200_again_once_space_is_freed() {
    let fs = Tmpfs::mount(32);
    let d =
        Daemon::start_with_data_dir(&fs.path().join("data"), &[("PULPD_MIN_FREE_SPACE", "4MiB")]);
    assert_eq!(probe(&d, "/livez").0, 200);
    let (status, body) = probe(&d, "/readyz");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ready"], true, "{body}");

    let filler = fs.fill_until_free(3 * MIB);
    let (status, body) = probe(&d, "/readyz");
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["ready"], false, "{body}");
    let reason = body["reason"].as_str().unwrap();
    assert!(
        reason.starts_with("free space: Insufficient storage:"),
        "{body}"
    );
    assert!(body["checks"]["metadata_store"].is_null(), "{body}");
    assert_eq!(probe(&d, "/livez").0, 200, "alive while not ready");

    std::fs::remove_file(filler).unwrap();
    let (status, body) = probe(&d, "/readyz");
    assert_eq!(status, 200, "{body}");
    // The write probe leaves nothing behind.
    let uploads = fs.path().join("data/blobs/uploads");
    assert_eq!(std::fs::read_dir(uploads).unwrap().count(), 0);
}
