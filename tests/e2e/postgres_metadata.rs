//! The PostgreSQL metadata backend against a real PostgreSQL server (`pulp_e2e::postgres`): the metadata
//! conformance suite that sled passes in the daemon's unit tests, migrations applied once by replicas starting
//! together, two stores on one database (as two replicas hold them), and a pulpd on `--metadata postgres://`
//! serving real clients. The suite runs here rather than in the daemon's unit tests because this crate owns
//! the test servers (one private cluster per test binary).

use pulp_e2e::postgres;
use pulpd::store::{testsuite, Order, Record, Store, Table};
use serde::{Deserialize, Serialize};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap()
}

fn connect(rt: &tokio::runtime::Runtime, url: &str) -> Store {
    rt.block_on(Store::connect_postgres(url))
        .unwrap_or_else(|e| panic!("connecting to {url}: {e}\n{}", postgres::shared().log()))
}

#[test]
fn postgres_passes_the_metadata_conformance_suite() {
    let rt = runtime();
    let url = postgres::shared().fresh_database("conformance");
    let store = connect(&rt, &url);
    rt.block_on(testsuite::conformance(&store));
    rt.block_on(testsuite::write_for_reopen(&store));
    drop(store);
    let again = connect(&rt, &url);
    rt.block_on(testsuite::check_after_reopen(&again));
}

#[test]
fn postgres_with_cached_reads_passes_the_metadata_conformance_suite() {
    let rt = runtime();
    let url = postgres::shared().fresh_database("cached");
    let store = connect(&rt, &url);
    rt.block_on(testsuite::conformance_with_cached_reads(&store));
}

/// Two stores on one database with a table's reads cached on both: the change feed (LISTEN/NOTIFY) carries
/// every write to the other store's cache and waiters, and a cut feed connection costs the cache, not
/// correctness.
#[test]
fn cached_reads_follow_writes_from_another_replica_and_survive_a_cut_feed() {
    let rt = runtime();
    let server = postgres::shared();
    let url = server.fresh_database("feed");
    let db = url[url.rfind('/').unwrap() + 1..].to_owned();
    let writer = connect(&rt, &url);
    let reader = connect(&rt, &url);
    rt.block_on(testsuite::cached_reads_follow_other_writers(
        &writer, &reader,
    ));
    let cut = server
        .psql(
            &db,
            &format!(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                 WHERE datname = '{db}' AND query LIKE 'LISTEN%'"
            ),
        )
        .unwrap();
    assert_eq!(cut, "2", "each store listens on a connection of its own");
    rt.block_on(testsuite::after_feed_loss(&writer, &reader));
}

#[test]
fn replicas_starting_together_apply_the_migrations_once() {
    let rt = runtime();
    let server = postgres::shared();
    let url = server.fresh_database("migrations");
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            rt.spawn(async move { Store::connect_postgres(&url).await.map(drop) })
        })
        .collect();
    for s in starts {
        rt.block_on(s).unwrap().unwrap();
    }
    assert_eq!(
        server
            .psql(
                &url[url.rfind('/').unwrap() + 1..],
                "SELECT count(*) FROM pulpd_schema"
            )
            .unwrap(),
        "1",
        "one schema version row"
    );
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Named {
    id: String,
    name: String,
}

impl Record for Named {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        (index == "name").then(|| self.name.clone())
    }
}

/// Two stores on one database, as two replicas hold it: what one writes the other reads, and of 20 records
/// created at once with one name from both, exactly one exists afterwards.
#[test]
fn two_replicas_share_records_and_uniqueness() {
    let rt = runtime();
    let url = postgres::shared().fresh_database("replicas");
    let a: Table<Named> = connect(&rt, &url).table("named", &["name"]).unwrap();
    let b: Table<Named> = connect(&rt, &url).table("named", &["name"]).unwrap();
    let written = Named {
        id: "1".into(),
        name: "from-a".into(),
    };
    rt.block_on(a.put(&written)).unwrap();
    assert_eq!(
        rt.block_on(b.get_by("name", "from-a")).unwrap(),
        Some(written)
    );

    let claims: Vec<_> = (0..20)
        .map(|i| {
            let t = if i % 2 == 0 { a.clone() } else { b.clone() };
            rt.spawn(async move {
                t.put(&Named {
                    id: format!("claim-{i}"),
                    name: "same".into(),
                })
                .await
            })
        })
        .collect();
    let mut won = 0;
    for claim in claims {
        match rt.block_on(claim).unwrap() {
            Ok(()) => won += 1,
            Err(pulpd::store::Error::Conflict { .. }) => {}
            Err(e) => panic!("a create failed with something else than a conflict: {e}"),
        }
    }
    assert_eq!(won, 1, "exactly one replica's create wins the name");
    let holders: Vec<_> = rt
        .block_on(a.all("claim-", Order::Asc))
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(holders.len(), 1, "the losers wrote nothing: {holders:?}");
}

#[test]
fn pulpd_on_postgres_serves_podman_and_keeps_its_state_across_a_restart() {
    use pulp_e2e::clients::Podman;
    use pulp_e2e::{images, upstream};
    use serde_json::json;
    let url = postgres::shared().fresh_database("pulpd");
    let mut d = pulp_e2e::daemon::Daemon::start_with_env(&[
        ("PULPD_TOKEN_AUTH", "false"),
        ("PULPD_METADATA", &url),
    ]);
    assert!(
        d.log().contains("backend=\"postgres\"") || d.log().contains("backend=postgres"),
        "{}",
        d.log()
    );
    let api = d.api();
    let up = upstream::shared();
    let fixtures = images::get();
    api.sync_and_distribute("hello", "hello", &up.url(), "library/hello", json!({}));
    let podman = Podman::new(&[d.registry_host()]).unwrap();
    let image = format!("{}/hello:v1", d.registry_host());
    podman.pull(&image, &[]).ok().unwrap();
    assert_eq!(
        podman.image_digest(&image).unwrap(),
        fixtures.digest("hello", "v1")
    );
    assert!(
        !d.data_dir().join("metadata").exists(),
        "no sled database beside the blobs"
    );

    // A killed and restarted pulpd finds everything in the database.
    d.kill9();
    d.restart();
    let api = d.api();
    let repos = api.get_ok("/pulp/api/v3/repositories/container/container/?name=hello");
    assert_eq!(repos["count"], 1, "{repos}");
    assert_eq!(
        repos["results"][0]["latest_version_href"]
            .as_str()
            .map(|h| h.ends_with("/versions/1/")),
        Some(true),
        "{repos}"
    );
    // (a restarted pulpd listens on a new port)
    let image = format!("{}/hello:v1", d.registry_host());
    let podman = Podman::new(&[d.registry_host()]).unwrap();
    podman.pull(&image, &[]).ok().unwrap();
    assert_eq!(
        podman.image_digest(&image).unwrap(),
        fixtures.digest("hello", "v1")
    );
}

#[test]
fn pulpd_with_an_unreachable_database_stops_at_start_saying_why() {
    // A port nothing listens on: bound and released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(pulp_e2e::daemon::bin("pulpd"))
        .args(["--bind", "127.0.0.1:0", "--metadata"])
        .arg(format!(
            "postgres://pulpd:secret-word@127.0.0.1:{port}/nothing"
        ))
        .arg("--data-dir")
        .arg(data.path())
        .env("PULPD_ADMIN_PASSWORD", "irrelevant-password")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("connecting to postgres://pulpd:***@127.0.0.1"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("secret-word"),
        "the password is not printed: {stderr}"
    );
}
