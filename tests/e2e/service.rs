//! The systemd unit in `dist/` (issue 17) passes `systemd-analyze verify`, warnings included. The unit names
//! the installed binary (`/usr/local/bin/pulpd`), which verify requires to exist; the test points it at the
//! built one and changes nothing else.

use pulp_e2e::daemon::bin;
use std::path::Path;
use std::process::Command;

#[test]
fn the_systemd_unit_passes_systemd_analyze_verify() {
    let analyze = pulp_e2e::clients::find_tool("systemd-analyze").unwrap_or_else(|e| {
        panic!("{e:#}; systemd-analyze comes with systemd: apt-get install systemd")
    });
    let unit = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist/pulpd.service");
    let text = std::fs::read_to_string(&unit).unwrap();
    assert!(text.contains("ExecStart=/usr/local/bin/pulpd\n"), "{text}");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("pulpd.service");
    let built = bin("pulpd");
    std::fs::write(
        &copy,
        text.replace("/usr/local/bin/pulpd", built.to_str().unwrap()),
    )
    .unwrap();
    let out = Command::new(analyze)
        .args(["verify", "--man=no"])
        .arg(&copy)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "systemd-analyze verify failed:\n{stderr}"
    );
    assert_eq!(stderr.trim(), "", "systemd-analyze verify warns");
}

#[test]
fn pulpd_tells_systemd_it_is_ready_once_it_listens() {
    use std::os::unix::net::UnixDatagram;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notify.sock");
    let socket = UnixDatagram::bind(&path).unwrap();
    socket
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let d = pulp_e2e::daemon::Daemon::start_with_env(&[("NOTIFY_SOCKET", path.to_str().unwrap())]);
    let mut buf = [0u8; 256];
    let n = socket
        .recv(&mut buf)
        .expect("pulpd sends READY=1 to NOTIFY_SOCKET");
    let message = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(message.lines().any(|l| l == "READY=1"), "{message:?}");
    assert_eq!(
        d.api().get("/livez").0,
        200,
        "serving when it said it was ready"
    );
}
