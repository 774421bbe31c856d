//! Password checks under attack (issue 11, point 2): a flood of wrong passwords from many connections keeps
//! pulpd's memory bounded and never answers 5xx; logins afterwards answer promptly; unknown user names cost what
//! known ones cost; repeated failures get 429 with `Retry-After` on the management API, `/token/` and `/v2/`,
//! while a credential verified before the attack keeps working.

use pulp_e2e::daemon::Daemon;
use pulp_e2e::wait::wait_until;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const REPOS: &str = "/pulp/api/v3/repositories/container/container/";
const USERS: &str = "/pulp/api/v3/users/";
/// How much the flood may add to the idle daemon's resident set, at its peak. (The absolute 64 MiB was
/// for the whole daemon; the idle size of this debug build grows with every feature, so the test bounds what the
/// flood adds, and the bench's memory rows hold the release build's absolute figures.)
const FLOOD_GROWTH_KIB: u64 = 32 * 1024;

/// pulpd's resident set size (`VmRSS` of `/proc/<pid>/status`), KiB.
fn rss_kib(d: &Daemon) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", d.pid())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmRSS in {status}"))
}

/// The value of the sample `name` (no labels) on pulpd's `/metrics`.
fn metric(d: &Daemon, name: &str) -> f64 {
    let text = client(None)
        .get(format!("{}/metrics", d.base_url()))
        .send()
        .and_then(|r| r.error_for_status())
        .and_then(|r| r.text())
        .unwrap_or_else(|e| panic!("GET /metrics: {e}"));
    text.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|v| v.strip_prefix(' ')))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no sample {name} in /metrics:\n{text}"))
}

/// A client with its own connection pool, optionally bound to another loopback source address (Linux routes
/// all of 127.0.0.0/8 to lo, so 127.0.0.2 is another client as far as pulpd can tell).
fn client(source: Option<&str>) -> reqwest::blocking::Client {
    let mut builder = reqwest::blocking::Client::builder().timeout(Duration::from_secs(30));
    if let Some(ip) = source {
        builder = builder.local_address(ip.parse::<IpAddr>().unwrap());
    }
    builder.build().unwrap()
}

/// An answer: status, `Retry-After`, JSON body, and how long it took.
#[derive(Debug)]
struct Answer {
    status: u16,
    retry_after: Option<u64>,
    body: Value,
    took: Duration,
}

fn get(client: &reqwest::blocking::Client, url: &str, user: &str, password: &str) -> Answer {
    let started = Instant::now();
    let response = client
        .get(url)
        .basic_auth(user, Some(password))
        .send()
        .unwrap_or_else(|e| panic!("GET {url} as {user}: {e}"));
    let took = started.elapsed();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    let body = serde_json::from_str(&response.text().unwrap()).unwrap_or(Value::Null);
    Answer {
        status,
        retry_after,
        body,
        took,
    }
}

fn create_user(d: &Daemon, username: &str, password: &str) {
    d.api().post_expect(
        USERS,
        &json!({"username": username, "password": password}),
        201,
    );
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The probe, with throttling off (`--failed-login-limit 0`) so that every request reaches the argon2
/// queue: what bounds memory here is the worker pool, not the throttle. 32 threads, each with its own
/// connection, send wrong passwords for 20 s, alternating the management API and `/token/`, a real user name
/// and unknown ones.
#[test]
fn a_flood_of_wrong_passwords_keeps_memory_bounded_and_later_logins_prompt() {
    const THREADS: usize = 32;
    const FLOOD: Duration = Duration::from_secs(20);
    let d = Daemon::start_with_env(&[("PULPD_FAILED_LOGIN_LIMIT", "0")]);
    create_user(&d, "alice", "alice-password");
    create_user(&d, "bob", "bob-password");
    create_user(&d, "carol", "carol-password");
    let api_url = format!("{}{REPOS}", d.base_url());
    let token_url = format!(
        "{}/token/?service={}&scope=repository:app:pull",
        d.base_url(),
        d.registry_host()
    );
    // alice logs in before the flood: her credential is in the verified cache from now on.
    let alice = client(None);
    assert_eq!(get(&alice, &api_url, "alice", "alice-password").status, 200);
    // carol's first login (argon2 on an idle daemon), to compare bob's first login after the flood with.
    let idle_login = get(&client(None), &api_url, "carol", "carol-password");
    assert_eq!(idle_login.status, 200);
    let rss_before = rss_kib(&d);

    let stop = Arc::new(AtomicBool::new(false));
    let statuses = Arc::new(Mutex::new(BTreeMap::<u16, u64>::new()));
    let started = Instant::now();
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (stop, statuses) = (stop.clone(), statuses.clone());
            let (api_url, token_url) = (api_url.clone(), token_url.clone());
            std::thread::spawn(move || {
                let http = client(None);
                let mut n = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let url = [&api_url, &token_url][n % 2];
                    let user = if n % 4 < 2 {
                        "alice".to_string()
                    } else {
                        format!("ghost-{t}-{n}")
                    };
                    let answer = get(&http, url, &user, &format!("wrong-{t}-{n}"));
                    assert!(
                        answer.status == 401
                            || (answer.status == 429 && answer.retry_after.is_some()),
                        "a wrong password got {answer:?} from {url}"
                    );
                    *statuses.lock().unwrap().entry(answer.status).or_default() += 1;
                    n += 1;
                }
            })
        })
        .collect();
    // Sample RSS through the flood (sampling, not synchronisation: the deadline is the flood's length).
    let mut rss_peak = rss_before;
    while started.elapsed() < FLOOD {
        rss_peak = rss_peak.max(rss_kib(&d));
        std::thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().expect("a flood thread failed");
    }
    let elapsed = started.elapsed();
    let rss_after = rss_kib(&d);
    let statuses = statuses.lock().unwrap().clone();
    let total: u64 = statuses.values().sum();
    eprintln!(
        "flood: {total} requests in {elapsed:.1?} ({:.0}/s), statuses {statuses:?}; RSS before {rss_before} KiB, \
         peak {rss_peak} KiB, after {rss_after} KiB",
        total as f64 / elapsed.as_secs_f64()
    );
    assert!(
        statuses.get(&401).is_some_and(|n| *n > 0),
        "some wrong passwords were checked: {statuses:?}"
    );
    assert!(
        rss_peak < rss_before + FLOOD_GROWTH_KIB && rss_after < rss_before + FLOOD_GROWTH_KIB,
        "RSS before {rss_before} KiB, peak {rss_peak} KiB, after {rss_after} KiB"
    );

    // How fast logins are after the flood is a benchmark's business (timings flake on a shared machine); what
    // makes them prompt is checked here through pulpd's own metrics. The credential verified before the flood
    // answers from the cache: no argon2 run at all.
    let checks_before = metric(&d, "pulpd_argon2_checks_total");
    let cached = get(&alice, &api_url, "alice", "alice-password");
    assert_eq!(cached.status, 200, "{cached:?}");
    assert_eq!(
        metric(&d, "pulpd_argon2_checks_total"),
        checks_before,
        "a cached login ran argon2"
    );
    // Nothing from the flood is left queued in front of the next password check...
    wait_until(
        Duration::from_secs(30),
        "the argon2 queue drains",
        || match metric(&d, "pulpd_argon2_queued") {
            0.0 => Ok(()),
            queued => Err(queued),
        },
    );
    // ...so bob's first login is one argon2 run, and it succeeds.
    let fresh = get(&client(None), &api_url, "bob", "bob-password");
    assert_eq!(fresh.status, 200, "{fresh:?}");
    assert_eq!(
        metric(&d, "pulpd_argon2_checks_total"),
        checks_before + 1.0,
        "bob's login is exactly one password check"
    );
    eprintln!(
        "after the flood: cached login {:?}, fresh login {:?} (fresh on the idle daemon: {:?})",
        cached.took, fresh.took, idle_login.took
    );

    // Idle again, the argon2 worker has given its 19 MiB back: RSS returns near where it was before the flood
    // (`rss_before` was read on the idle daemon, after a login, so it holds no scratch buffer either).
    let settled = wait_until(
        Duration::from_secs(10),
        "the argon2 scratch memory to be released",
        || {
            let rss = rss_kib(&d);
            if rss < rss_before + RELEASED_MARGIN_KIB {
                Ok(rss)
            } else {
                Err(rss)
            }
        },
    );
    eprintln!("idle after the flood: RSS {settled} KiB (before {rss_before} KiB)");
}

/// How far above its pre-flood figure an idle pulpd's RSS may settle: less than one argon2 buffer (19 MiB), so a
/// buffer kept after the queue emptied fails the check; the rest is room for connection and allocator state.
const RELEASED_MARGIN_KIB: u64 = 12 * 1024;

/// Unknown user names cost one argon2 check like known ones, so timing does not tell which names exist. Every
/// try uses a new wrong password, so nothing is cached; throttling is off so every try is checked.
#[test]
fn unknown_and_known_user_names_take_as_long() {
    const TRIES: usize = 30;
    let d = Daemon::start_with_env(&[("PULPD_FAILED_LOGIN_LIMIT", "0")]);
    create_user(&d, "alice", "alice-password");
    let url = format!("{}{REPOS}", d.base_url());
    let http = client(None);
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for n in 0..TRIES {
        // Interleaved, each first in turn, so that load on the machine affects both alike.
        let known_try = || get(&http, &url, "alice", &format!("wrong-known-{n}"));
        let unknown_try = || {
            get(
                &http,
                &url,
                &format!("nobody-{n}"),
                &format!("wrong-unknown-{n}"),
            )
        };
        let (k, u) = if n % 2 == 0 {
            let k = known_try();
            (k, unknown_try())
        } else {
            let u = unknown_try();
            (known_try(), u)
        };
        assert_eq!((k.status, u.status), (401, 401));
        assert_eq!(k.body, u.body, "the same answer");
        known.push(k.took);
        unknown.push(u.took);
    }
    let (known, unknown) = (median(known), median(unknown));
    eprintln!("median wrong-password answer: known user {known:?}, unknown user {unknown:?}");
    // Before the dummy hash an unknown name answered ten times faster; a factor of 2 leaves room for noise.
    let (fast, slow) = (known.min(unknown), known.max(unknown));
    assert!(
        slow < fast * 2,
        "known {known:?} vs unknown {unknown:?}: user names can be told apart"
    );
}

/// With the default limit (10 failures a minute per client and per user name): the 11th failure in a row is
/// answered 429 with `Retry-After` without a check, in Pulp's body on the API and `/token/` and in an OCI body
/// on `/v2/` (Basic auth there needs token auth off). A credential verified before keeps working; another
/// client logs in another user at once; the throttled client gets in again after `Retry-After`.
#[test]
fn repeated_failures_get_429_with_retry_after_but_verified_credentials_pass() {
    let d = Daemon::start_with_env(&[("PULPD_TOKEN_AUTH", "false")]);
    create_user(&d, "alice", "alice-password");
    create_user(&d, "bob", "bob-password");
    create_user(&d, "carol", "carol-password");
    let api_url = format!("{}{REPOS}", d.base_url());
    let token_url = format!("{}/token/?scope=repository:app:pull", d.base_url());
    let v2_url = format!("{}/v2/", d.base_url());
    let here = client(None);
    let elsewhere = client(Some("127.0.0.2"));
    assert_eq!(get(&here, &api_url, "alice", "alice-password").status, 200);

    for n in 0..10 {
        let answer = get(&here, &api_url, "alice", &format!("guess-{n}"));
        assert_eq!(answer.status, 401, "failure {n}: {answer:?}");
    }
    let throttled = get(&here, &api_url, "alice", "guess-10");
    let throttled_at = Instant::now();
    assert_eq!(throttled.status, 429, "{throttled:?}");
    let wait = throttled.retry_after.expect("429 carries Retry-After");
    assert!((1..=60).contains(&wait), "Retry-After: {wait}");
    let unit = if wait == 1 { "second" } else { "seconds" };
    assert_eq!(
        throttled.body,
        json!({"detail": format!("Request was throttled. Expected available in {wait} {unit}.")})
    );
    let token = get(&here, &token_url, "alice", "guess-11");
    assert_eq!(token.status, 429, "{token:?}");
    assert!(token.retry_after.is_some());
    assert!(token.body["detail"]
        .as_str()
        .is_some_and(|d| d.starts_with("Request was throttled.")));
    let v2 = get(&here, &v2_url, "alice", "guess-12");
    assert_eq!(v2.status, 429, "{v2:?}");
    assert!(v2.retry_after.is_some());
    assert_eq!(v2.body["errors"][0]["code"], "TOOMANYREQUESTS", "{v2:?}");

    // alice's verified credential passes the lockout of both her name and this client, on every API.
    assert_eq!(get(&here, &api_url, "alice", "alice-password").status, 200);
    assert_eq!(get(&here, &v2_url, "alice", "alice-password").status, 200);
    // Her name is throttled from anywhere; this client is throttled whoever it claims to be.
    assert_eq!(get(&elsewhere, &api_url, "alice", "guess-13").status, 429);
    assert_eq!(get(&here, &api_url, "bob", "bob-password").status, 429);
    // Another client logs bob in at once (his first login: an argon2 check).
    assert_eq!(get(&elsewhere, &api_url, "bob", "bob-password").status, 200);
    // The throttled client is let in again once a failure has drained (Retry-After), not locked out for good:
    // carol's first login (admin's credential would not do: creating the users put it in the cache).
    wait_until(
        Duration::from_secs(wait + 10),
        "the throttled client to log in again",
        || match get(&here, &token_url, "carol", "carol-password") {
            a if a.status == 200 => Ok(()),
            a => Err(a),
        },
    );
    // Retry-After is rounded up to whole seconds, so the way in opens up to a second before it says.
    assert!(
        throttled_at.elapsed() + Duration::from_secs(1) >= Duration::from_secs(wait),
        "let in after {:?}, before the {wait} s Retry-After",
        throttled_at.elapsed()
    );
}
