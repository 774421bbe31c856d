//! Pull-through: copies of the big image through pulpd's pull-through cache, which fetches from the
//! Distribution upstream on first use (cold) and serves its own copy afterwards (warm), against the same copy
//! straight from the upstream. Two clients: `skopeo copy` to a directory, whose rows hold the targets (issue
//! 14: cold ≤ 1.05×, warm ≤ 0.95× the direct time), and the bench's registry client ([`crate::pull`]:
//! manifest and blobs, digests checked with the CPU's SHA extensions, bytes dropped), reported only. skopeo's
//! own CPU (about a second per 256 MiB) sets the pace of its copies from either registry; the registry client
//! needs a fifth of that, so its rows show what the registries cost a client that keeps up: pulpd's cold path
//! (its CPU per copy is in the note) and how fast the warm bytes reach a client that hashes as it reads.
//!
//! A third pair of rows, reported only, repeats the skopeo copies with skopeo pinned to one CPU and both servers
//! to another (`sched_setaffinity`): what the copies cost when the client and the servers do not share cores.
//! On 2 cores the shared rows move by ±5 % from run to run; pinned apart, a warm copy took 0.99–0.995× and a
//! cold one 1.02–1.07× the direct time (pulpd and Distribution then share one core), skopeo's own CPU
//! (0.85–1.0 s per copy) setting the pace of all three.
//!
//! The direct copies are always measured. pulpd's side starts by creating a pull-through remote and
//! distribution (Pulp's `remotes/container/pull-through/` and `distributions/container/pull-through/`); while
//! pulpd answers those with 404 or 405 the rows say "n/a (not implemented)". Once they exist, the same code
//! measures the cold and the warm copy, with no change here.

use super::{median, Ctx};
use crate::api::{href, Api, PULL_THROUGH_DISTRIBUTIONS, PULL_THROUGH_REMOTES};
use crate::procfs::Proc;
use crate::report::{Figure, Goal, Row, Unit};
use crate::servers::{Pulpd, ADMIN_PASSWORD};
use anyhow::{bail, Context, Result};
use pulp_e2e::clients::Skopeo;
use pulp_e2e::images::Image;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::path::Path;
use std::time::Duration;

/// Where the pull-through distribution is served in pulpd.
const BASE_PATH: &str = "bench-cache";

/// What came of setting up pull-through in pulpd.
enum Setup {
    /// Ready: the image reference prefix to copy from (`host/base_path`).
    Ready(String),
    /// pulpd does not have the endpoints: the status it answered.
    Missing(String),
}

async fn setup(api: &Api, pulpd_host: &str, upstream_url: &str) -> Result<Setup> {
    let body = json!({ "name": "bench-pull-through", "url": upstream_url });
    let (status, remote) = api
        .send(Method::POST, PULL_THROUGH_REMOTES, Some(&body))
        .await?;
    if matches!(
        status,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
    ) {
        return Ok(Setup::Missing(format!(
            "POST {PULL_THROUGH_REMOTES} answered {status}"
        )));
    }
    if status != StatusCode::CREATED {
        bail!("POST {PULL_THROUGH_REMOTES} answered {status} {remote}");
    }
    let body =
        json!({ "name": "bench-pull-through", "base_path": BASE_PATH, "remote": href(&remote)? });
    let (status, answer) = api
        .send(Method::POST, PULL_THROUGH_DISTRIBUTIONS, Some(&body))
        .await?;
    if matches!(
        status,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
    ) {
        return Ok(Setup::Missing(format!(
            "POST {PULL_THROUGH_DISTRIBUTIONS} answered {status}"
        )));
    }
    if status != StatusCode::ACCEPTED {
        bail!("POST {PULL_THROUGH_DISTRIBUTIONS} answered {status} {answer}");
    }
    let task = answer["task"].as_str().context("no task in the answer")?;
    api.wait_task(task).await?;
    Ok(Setup::Ready(format!("{pulpd_host}/{BASE_PATH}")))
}

/// The client a row's copies are made with.
#[derive(Clone, Copy, PartialEq)]
enum Client {
    /// `skopeo copy docker://<source> dir:<fresh dir>`.
    Skopeo,
    /// The bench's registry client ([`crate::pull`]): manifest and blobs, digests checked, bytes dropped.
    Pull,
    /// `skopeo copy` on CPU [`CLIENT_CPU`], both servers on [`SERVER_CPU`].
    SkopeoPinned,
}

impl Client {
    fn what(self) -> &'static str {
        match self {
            Client::Skopeo => "skopeo copy",
            Client::Pull => "pull, digests checked",
            Client::SkopeoPinned => "skopeo copy, client and servers pinned apart",
        }
    }
}

/// The CPU pinned skopeo copies run on.
const CLIENT_CPU: usize = 0;

/// The CPU both servers run on during pinned copies.
const SERVER_CPU: usize = 1;

/// Pins the bench's thread (so the skopeo it starts) to [`CLIENT_CPU`] and `servers` to [`SERVER_CPU`] until
/// dropped, when all of them get every CPU back.
struct PinnedApart {
    servers: Vec<Proc>,
}

impl PinnedApart {
    fn new(servers: Vec<Proc>) -> Result<PinnedApart> {
        // Built first, so a failure below still unpins what was pinned.
        let pinned = PinnedApart { servers };
        crate::procfs::pin_current_thread(&[CLIENT_CPU])?;
        for server in &pinned.servers {
            server.pin(&[SERVER_CPU])?;
        }
        Ok(pinned)
    }
}

impl Drop for PinnedApart {
    fn drop(&mut self) {
        let all: Vec<usize> = (0..cpus()).collect();
        let mut failed = crate::procfs::pin_current_thread(&all).err();
        for server in &self.servers {
            failed = failed.or(server.pin(&all).err());
        }
        if let Some(e) = failed {
            eprintln!("[bench] could not unpin after the pinned copies: {e:#}");
        }
    }
}

fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// What makes a row's copies: a skopeo with its own configuration, or the registry client.
enum Copier<'a> {
    Skopeo(Skopeo),
    Pull {
        ctx: &'a Ctx<'a>,
        http: reqwest::Client,
    },
}

impl<'a> Copier<'a> {
    /// A copier for `client`, allowed plain HTTP to `registries` (`host:port`).
    fn new(client: Client, ctx: &'a Ctx<'a>, registries: &[&str]) -> Result<Copier<'a>> {
        Ok(match client {
            Client::Skopeo | Client::SkopeoPinned => Copier::Skopeo(Skopeo::new(registries)?),
            Client::Pull => Copier::Pull {
                ctx,
                http: reqwest::Client::new(),
            },
        })
    }

    /// One copy of `source` (`host/path:tag`): its wall time.
    fn copy(&self, source: &str) -> Result<Duration> {
        match self {
            Copier::Skopeo(skopeo) => {
                let dest = tempfile::Builder::new().prefix("bench-copy-").tempdir()?;
                let out = skopeo.copy(
                    &format!("docker://{source}"),
                    &format!("dir:{}", dest.path().display()),
                    &["--quiet"],
                );
                let duration = out.duration;
                out.ok()?;
                Ok(duration)
            }
            Copier::Pull { ctx, http } => {
                let (host, rest) = source.split_once('/').context("no host in the source")?;
                let (name, tag) = rest.rsplit_once(':').context("no tag in the source")?;
                ctx.rt.block_on(crate::pull::pull(
                    http,
                    &format!("http://{host}"),
                    name,
                    tag,
                ))
            }
        }
    }
}

/// The rows of every client, against the Distribution at `upstream_host` (whose process is `upstream`, when
/// known: pinned copies need it).
pub fn rows(
    ctx: &Ctx,
    pulpd_bin: &Path,
    upstream_host: &str,
    upstream: Option<Proc>,
    image: &Image,
) -> Vec<Row> {
    let upstream = Upstream {
        host: upstream_host,
        proc: upstream,
    };
    let mut rows = Vec::new();
    for client in [Client::Skopeo, Client::Pull, Client::SkopeoPinned] {
        if client == Client::SkopeoPinned {
            if cpus() <= SERVER_CPU {
                eprintln!("[bench] one CPU only: no pinned pull-through copies");
                continue;
            }
            if upstream.proc.is_none() {
                eprintln!(
                    "[bench] docker-registry's pid is unknown: no pinned pull-through copies"
                );
                continue;
            }
        }
        rows.extend(client_rows(ctx, client, pulpd_bin, &upstream, image));
    }
    rows
}

/// The Distribution the copies come from (directly, or through pulpd).
struct Upstream<'a> {
    host: &'a str,
    proc: Option<Proc>,
}

fn client_rows(
    ctx: &Ctx,
    client: Client,
    pulpd_bin: &Path,
    upstream: &Upstream,
    image: &Image,
) -> Vec<Row> {
    let image_path = format!("{}:{}", image.repository(), image.tag);
    let size = image.name.trim_start_matches("big");
    let what = client.what();
    let cold_name = format!("pull-through cold {what} ({size} MiB)");
    let warm_name = format!("pull-through warm {what} ({size} MiB)");
    // The targets are for the copies real clients make; the registry client's rows are reported.
    let (cold_goal, warm_goal) = match client {
        Client::Skopeo => (Goal::RatioAtMost(1.05), Goal::RatioAtMost(0.95)),
        Client::Pull | Client::SkopeoPinned => (Goal::None, Goal::None),
    };
    let rows_of = |cold: Figure, warm: Figure, direct: Figure, note: String| {
        vec![
            Row::new(cold_name.clone(), Unit::Seconds, cold, cold_goal)
                .against("Distribution direct", direct.clone())
                .note(note),
            Row::new(warm_name.clone(), Unit::Seconds, warm, warm_goal)
                .against("Distribution direct", direct),
        ]
    };
    let samples = if ctx.settings.quick { 1 } else { COLD_SAMPLES };
    let mut copies = Copies::default();
    for _ in 0..samples {
        if let Err(e) = sample(ctx, client, pulpd_bin, upstream, &image_path, &mut copies) {
            copies.failed.get_or_insert(e);
            break;
        }
    }
    let note = format!(
        "{} cold copies, each into a new pulpd, and {} warm ones, each after a direct copy; medians; \
         cold: {}; warm: {}; direct: {}; pulpd CPU per cold/warm copy: {}",
        copies.colds.len(),
        copies.warms.len(),
        seconds(&copies.colds),
        seconds(&copies.warms),
        seconds(&copies.directs),
        copies
            .pulpd_cpu
            .iter()
            .map(|(c, w)| format!("{c:.2}/{w:.2} s"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let figure = |values: &mut Vec<f64>| match &copies.failed {
        Some(Failure::NotImplemented(why)) => Figure::NotImplemented(why.clone()),
        Some(Failure::Failed(why)) => Figure::Failed(why.clone()),
        None if values.is_empty() => Figure::Failed("no copy was measured".into()),
        None => Figure::Measured(median(values)),
    };
    let direct = match &copies.failed {
        Some(Failure::NotImplemented(_)) | None if !copies.directs.is_empty() => {
            Figure::Measured(median(&mut copies.directs.clone()))
        }
        _ => figure(&mut copies.directs.clone()),
    };
    let (cold, warm) = (
        figure(&mut copies.colds.clone()),
        figure(&mut copies.warms.clone()),
    );
    eprintln!(
        "[bench] pull-through ({what}): cold {:?} s, warm {:?} s, direct {:?} s ({})",
        cold.value(),
        warm.value(),
        direct.value(),
        note
    );
    rows_of(cold, warm, direct, note)
}

/// Cold copies are sampled this many times (a full run), each against a pulpd started for it with an empty
/// cache: five, as the direct copies of one run spread from 0.92 to 1.35 s, and the median of three cold
/// ones moved by more than the target's 5 % from one run to the next.
const COLD_SAMPLES: usize = 5;

/// Warm copies (each after a direct one) per new pulpd, for every client: three, so the warm row's median
/// is of fifteen pairs; one skopeo copy varies by ±10 % from the next on this shared machine, as much as the
/// target's margin.
const WARM_REPEATS: usize = 3;

/// The seconds each copy took.
#[derive(Default)]
struct Copies {
    directs: Vec<f64>,
    colds: Vec<f64>,
    warms: Vec<f64>,
    /// pulpd's CPU seconds (user + system) during each cold and (the first) warm copy.
    pulpd_cpu: Vec<(f64, f64)>,
    failed: Option<Failure>,
}

enum Failure {
    /// pulpd has no pull-through endpoints.
    NotImplemented(String),
    Failed(String),
}

/// One sample, against a new pulpd (so its cache is empty): after an untimed direct copy (the first sample
/// only) and a `sync(2)` (the disk quiet for both sides: the workloads before this one wrote gigabytes), a
/// direct copy, the cold copy, then pairs of a direct copy and a warm one. Copies are interleaved because
/// one copy varies by ±10 % from the next on a shared 2-core machine.
fn sample(
    ctx: &Ctx,
    client: Client,
    pulpd_bin: &Path,
    upstream: &Upstream,
    image_path: &str,
    copies: &mut Copies,
) -> std::result::Result<(), Failure> {
    let failed = |e: anyhow::Error| Failure::Failed(format!("{e:#}"));
    let upstream_host = upstream.host;
    let pulpd = Pulpd::start(pulpd_bin, false).map_err(failed)?;
    let pulpd_host = pulpd.addr().to_string();
    let copier = Copier::new(client, ctx, &[&pulpd_host, upstream_host]).map_err(failed)?;
    let direct_copy = || copier.copy(&format!("{upstream_host}/{image_path}"));
    let api = Api::new(&pulpd.base_url(), "admin", ADMIN_PASSWORD);
    let prefix = match ctx
        .rt
        .block_on(setup(&api, &pulpd_host, &format!("http://{upstream_host}")))
        .map_err(|e| failed(e.context("setting up pull-through")))?
    {
        Setup::Ready(prefix) => prefix,
        Setup::Missing(why) => return Err(Failure::NotImplemented(why)),
    };
    let source = format!("{prefix}/{image_path}");
    let _pinned = match client {
        Client::SkopeoPinned => {
            let servers = pulpd.proc().into_iter().chain(upstream.proc).collect();
            Some(PinnedApart::new(servers).map_err(failed)?)
        }
        Client::Skopeo | Client::Pull => None,
    };
    if copies.directs.is_empty() {
        // An untimed copy first, as the blob rows do: it brings the upstream's files into the page cache, which
        // the first direct and cold copies otherwise share out unevenly (run first, the cold one took 1.47 s
        // against ~1.1 s for the next two, and twice their pulpd CPU, the upstream sending at disk speed).
        direct_copy().map_err(failed)?;
    }
    nix::unistd::sync();
    copies
        .directs
        .push(direct_copy().map_err(failed)?.as_secs_f64());
    let cpu = || pulpd.proc().and_then(|p| p.cpu_time().ok());
    let before = cpu();
    copies
        .colds
        .push(copier.copy(&source).map_err(failed)?.as_secs_f64());
    let between = cpu();
    let mut first_warm = None;
    for _ in 0..WARM_REPEATS {
        copies
            .directs
            .push(direct_copy().map_err(failed)?.as_secs_f64());
        let after_direct = cpu();
        copies
            .warms
            .push(copier.copy(&source).map_err(failed)?.as_secs_f64());
        first_warm.get_or_insert((after_direct, cpu()));
    }
    if let (Some(a), Some(b), Some((Some(c), Some(d)))) = (before, between, first_warm) {
        copies
            .pulpd_cpu
            .push(((b - a).as_secs_f64(), (d - c).as_secs_f64()));
    }
    Ok(())
}

fn seconds(values: &[f64]) -> String {
    values
        .iter()
        .map(|s| format!("{s:.2} s"))
        .collect::<Vec<_>>()
        .join(", ")
}
