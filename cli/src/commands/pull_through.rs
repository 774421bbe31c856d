//! `pulpc remote pull-through …` and `pulpc distribution pull-through …`: pull-through caching. A pull-through
//! remote names an upstream registry; a pull-through distribution serves any of its repositories under a base
//! path, fetching on first pull. Remotes are written at once (201/200/204), distributions through a task (202),
//! as in Pulp.
//!
//! Request bodies are `pulp_shared`'s; the answers are read into local, lenient shapes (`#[serde(default)]`):
//! pulpc reads only the fields it shows, and `--format json` prints the server's objects as they are.

use std::collections::HashMap;

use anyhow::Context as _;
use chrono::Utc;
use comfy_table::Cell;
use pulp_shared::api::{HiddenField, Labels, PullThroughDistributionWrite, PullThroughRemoteWrite};
use serde::Deserialize;

use super::{print_task, Context, ExitStatus, PULL_THROUGH_DISTRIBUTION, PULL_THROUGH_REMOTE};
use crate::cli::{
    PullThroughDistributionCommand, PullThroughRemoteCommand, PullThroughRemoteOptions, WaitArgs,
};
use crate::client::{Answer, Fetched};
use crate::output::{human_bytes, labels, or_blank, when};

/// Remotes looked up to name them in distribution tables; one request.
const REMOTE_NAMES_LIMIT: u64 = 1000;

/// A pull-through remote as pulpd sends it (the fields pulpc reads).
#[derive(Debug, Clone, Deserialize)]
struct PullThroughRemote {
    pulp_href: String,
    name: String,
    url: String,
    #[serde(default)]
    pulp_created: String,
    #[serde(default)]
    pulp_last_updated: String,
    #[serde(default)]
    pulp_labels: Labels,
    #[serde(default)]
    hidden_fields: Vec<HiddenField>,
    #[serde(default = "yes")]
    tls_validation: bool,
    #[serde(default)]
    proxy_url: Option<String>,
    #[serde(default)]
    includes: Option<Vec<String>>,
    #[serde(default)]
    excludes: Option<Vec<String>>,
    #[serde(default)]
    cache_max_size: Option<u64>,
    #[serde(default)]
    cache_max_age: Option<u64>,
}

fn yes() -> bool {
    true
}

/// The part of a create/update body that `PullThroughRemoteOptions` describes.
fn remote_write(options: PullThroughRemoteOptions) -> anyhow::Result<PullThroughRemoteWrite> {
    Ok(PullThroughRemoteWrite {
        includes: options.includes.map(Some),
        excludes: options.excludes.map(Some),
        cache_max_size: options.cache_max_size.map(|l| l.value()),
        cache_max_age: options.cache_max_age.map(|l| l.value()),
        settings: super::remote::settings_write(options.connection)?,
        ..PullThroughRemoteWrite::default()
    })
}

/// A pull-through distribution as pulpd sends it (the fields pulpc reads).
#[derive(Debug, Clone, Deserialize)]
struct PullThroughDistribution {
    pulp_href: String,
    name: String,
    base_path: String,
    #[serde(default)]
    remote: Option<String>,
    /// The container distributions pulpd made below the base path, one per repository pulled so far.
    #[serde(default)]
    distributions: Vec<String>,
    #[serde(default)]
    private: bool,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    pulp_created: String,
    #[serde(default)]
    pulp_last_updated: String,
    #[serde(default)]
    pulp_labels: Labels,
}

pub fn remote(ctx: &Context, command: PullThroughRemoteCommand) -> anyhow::Result<ExitStatus> {
    let kind = PULL_THROUGH_REMOTE;
    match command {
        PullThroughRemoteCommand::Create { name, url, options } => {
            let body = PullThroughRemoteWrite {
                name: Some(name.clone()),
                url: Some(url),
                ..remote_write(options)?
            };
            let what = format!("creating pull-through remote \"{name}\"");
            let remote: Fetched<PullThroughRemote> = ctx
                .client
                .create(kind.collection, &body)
                .map_err(anyhow::Error::from)
                .and_then(|answer| ctx.settle(answer, None, None, &what))
                .with_context(|| format!("cannot create pull-through remote \"{name}\""))?;
            show_remote(ctx, &remote)
        }
        PullThroughRemoteCommand::List { filter, page } => {
            let mut query = Vec::new();
            super::name_query(&mut query, &filter);
            let listed = ctx
                .list::<PullThroughRemote>(kind.collection, query, &page)
                .context("cannot list pull-through remotes")?;
            if ctx.out.is_json() {
                ctx.out
                    .json_list(listed.items.iter().map(|r| r.raw.as_ref()))?;
                return Ok(ExitStatus::Success);
            }
            let rows = listed
                .items
                .iter()
                .map(|r| {
                    let r = &r.item;
                    vec![
                        Cell::new(&r.name),
                        Cell::new(&r.url),
                        Cell::new(patterns(&r.includes, "all")),
                        Cell::new(patterns(&r.excludes, "")),
                    ]
                })
                .collect();
            ctx.out
                .table(&["name", "url", "includes", "excludes"], rows)?;
            super::note_more(
                ctx,
                listed.count,
                listed.items.len(),
                &page,
                "pull-through remotes",
            );
            Ok(ExitStatus::Success)
        }
        PullThroughRemoteCommand::Show { select } => {
            let remote = ctx.select(kind, &select)?;
            show_remote(ctx, &remote)
        }
        PullThroughRemoteCommand::Update {
            select,
            url,
            options,
        } => {
            let current: Fetched<PullThroughRemote> = ctx.select(kind, &select)?;
            let body = PullThroughRemoteWrite {
                url,
                ..remote_write(options)?
            };
            let href = current.item.pulp_href;
            let doing = format!("pull-through remote \"{}\"", current.item.name);
            let updated: Fetched<PullThroughRemote> = ctx
                .client
                .patch(&href, &body)
                .map_err(anyhow::Error::from)
                .and_then(|answer| {
                    ctx.settle(answer, Some(&href), None, &format!("updating {doing}"))
                })
                .with_context(|| format!("cannot update {doing}"))?;
            show_remote(ctx, &updated)
        }
        PullThroughRemoteCommand::Delete { select, confirm } => {
            let current: Fetched<PullThroughRemote> = ctx.select(kind, &select)?;
            let what = format!("pull-through remote \"{}\"", current.item.name);
            ctx.confirm_delete(&confirm, &what)?;
            ctx.delete(&current.item.pulp_href, None, &format!("deleting {what}"))
                .with_context(|| format!("cannot delete {what}"))?;
            ctx.out.note(&format!("deleted {what}"));
            Ok(ExitStatus::Success)
        }
    }
}

pub fn distribution(
    ctx: &Context,
    command: PullThroughDistributionCommand,
) -> anyhow::Result<ExitStatus> {
    let kind = PULL_THROUGH_DISTRIBUTION;
    match command {
        PullThroughDistributionCommand::Create {
            name,
            base_path,
            remote,
            private,
            description,
            wait,
        } => {
            let doing = format!("pull-through distribution \"{name}\"");
            let body = PullThroughDistributionWrite {
                name: Some(name),
                base_path: Some(base_path),
                remote: Some(ctx.href_of(PULL_THROUGH_REMOTE, &remote)?),
                private: private.then_some(true),
                description: description.map(Some),
                ..PullThroughDistributionWrite::default()
            };
            let answer = ctx
                .client
                .create::<PullThroughDistribution, _>(kind.collection, &body)
                .with_context(|| format!("cannot create {doing}"))?;
            finish(ctx, answer, None, &wait, "creating", &doing, "create")
        }
        PullThroughDistributionCommand::List { filter, page } => {
            let mut query = Vec::new();
            super::name_query(&mut query, &filter);
            let listed = ctx
                .list::<PullThroughDistribution>(kind.collection, query, &page)
                .context("cannot list pull-through distributions")?;
            if ctx.out.is_json() {
                ctx.out
                    .json_list(listed.items.iter().map(|d| d.raw.as_ref()))?;
                return Ok(ExitStatus::Success);
            }
            let names = remote_names(ctx, listed.items.iter().map(|d| &d.item));
            let rows = listed
                .items
                .iter()
                .map(|d| {
                    let d = &d.item;
                    vec![
                        Cell::new(&d.name),
                        Cell::new(&d.base_path),
                        Cell::new(remote_label(d, &names)),
                        Cell::new(if d.private { "yes" } else { "no" }),
                        Cell::new(d.distributions.len()),
                    ]
                })
                .collect();
            ctx.out.table(
                &["name", "base path", "remote", "private", "repositories"],
                rows,
            )?;
            super::note_more(
                ctx,
                listed.count,
                listed.items.len(),
                &page,
                "pull-through distributions",
            );
            Ok(ExitStatus::Success)
        }
        PullThroughDistributionCommand::Show { select } => {
            let distribution = ctx.select(kind, &select)?;
            show_distribution(ctx, &distribution)
        }
        PullThroughDistributionCommand::Update {
            select,
            base_path,
            remote,
            private,
            description,
            wait,
        } => {
            let current: Fetched<PullThroughDistribution> = ctx.select(kind, &select)?;
            let doing = format!("pull-through distribution \"{}\"", current.item.name);
            let body = PullThroughDistributionWrite {
                base_path,
                remote: remote
                    .map(|r| ctx.href_of(PULL_THROUGH_REMOTE, &r))
                    .transpose()?,
                private,
                description: description.map(Some),
                ..PullThroughDistributionWrite::default()
            };
            let href = current.item.pulp_href;
            let answer = ctx
                .client
                .patch::<PullThroughDistribution, _>(&href, &body)
                .with_context(|| format!("cannot update {doing}"))?;
            finish(
                ctx,
                answer,
                Some(&href),
                &wait,
                "updating",
                &doing,
                "update",
            )
        }
        PullThroughDistributionCommand::Delete {
            select,
            confirm,
            wait,
        } => {
            let current: Fetched<PullThroughDistribution> = ctx.select(kind, &select)?;
            let doing = format!("pull-through distribution \"{}\"", current.item.name);
            super::delete_with_task(ctx, &current.item.pulp_href, &doing, &confirm, &wait)
        }
    }
}

/// After a create or update: print the task (`--no-wait`), or wait for it and print the distribution.
fn finish(
    ctx: &Context,
    answer: Answer<PullThroughDistribution>,
    href: Option<&str>,
    wait: &WaitArgs,
    doing: &str,
    what: &str,
    verb: &str,
) -> anyhow::Result<ExitStatus> {
    if let (Answer::Task(task), true) = (&answer, wait.no_wait) {
        print_task(ctx, task)?;
        return Ok(ExitStatus::Success);
    }
    let distribution = ctx
        .settle(answer, href, wait.timeout, &format!("{doing} {what}"))
        .with_context(|| format!("cannot {verb} {what}"))?;
    show_distribution(ctx, &distribution)
}

fn show_remote(ctx: &Context, remote: &Fetched<PullThroughRemote>) -> anyhow::Result<ExitStatus> {
    if ctx.out.is_json() {
        ctx.out.json(&remote.raw)?;
        return Ok(ExitStatus::Success);
    }
    let r = &remote.item;
    let now = Utc::now();
    let is_set = |field: &str| r.hidden_fields.iter().any(|h| h.name == field && h.is_set);
    let credentials = match (is_set("username"), is_set("password")) {
        (false, false) => "none",
        (true, false) => "username set",
        (false, true) => "password set",
        (true, true) => "username and password set",
    };
    ctx.out.pairs(vec![
        ("name", Cell::new(&r.name)),
        ("href", Cell::new(&r.pulp_href)),
        ("url", Cell::new(&r.url)),
        ("includes", Cell::new(patterns(&r.includes, "all"))),
        ("excludes", Cell::new(patterns(&r.excludes, ""))),
        ("credentials", Cell::new(credentials)),
        ("tls validation", Cell::new(r.tls_validation)),
        ("proxy url", Cell::new(or_blank(r.proxy_url.as_deref()))),
        (
            "cache max size",
            Cell::new(r.cache_max_size.map_or("no cap".to_string(), human_bytes)),
        ),
        (
            "cache max age",
            Cell::new(
                r.cache_max_age
                    .map_or("kept however old".to_string(), |s| format!("{s} s unused")),
            ),
        ),
        ("labels", Cell::new(labels(&r.pulp_labels))),
        ("created", Cell::new(when(&r.pulp_created, now))),
        ("updated", Cell::new(when(&r.pulp_last_updated, now))),
    ])?;
    Ok(ExitStatus::Success)
}

fn show_distribution(
    ctx: &Context,
    distribution: &Fetched<PullThroughDistribution>,
) -> anyhow::Result<ExitStatus> {
    if ctx.out.is_json() {
        ctx.out.json(&distribution.raw)?;
        return Ok(ExitStatus::Success);
    }
    let d = &distribution.item;
    let names = remote_names(ctx, std::iter::once(d));
    let now = Utc::now();
    ctx.out.pairs(vec![
        ("name", Cell::new(&d.name)),
        ("href", Cell::new(&d.pulp_href)),
        ("base path", Cell::new(&d.base_path)),
        ("remote", Cell::new(remote_label(d, &names))),
        ("private", Cell::new(if d.private { "yes" } else { "no" })),
        ("repositories", Cell::new(d.distributions.len())),
        ("description", Cell::new(or_blank(d.description.as_deref()))),
        ("labels", Cell::new(labels(&d.pulp_labels))),
        ("created", Cell::new(when(&d.pulp_created, now))),
        ("updated", Cell::new(when(&d.pulp_last_updated, now))),
    ])?;
    Ok(ExitStatus::Success)
}

/// Patterns as `a, b`, or `empty` when there are none.
fn patterns(list: &Option<Vec<String>>, empty: &str) -> String {
    match list {
        Some(list) if !list.is_empty() => list.join(", "),
        _ => empty.to_string(),
    }
}

/// Names of the pull-through remotes of `distributions`, by href. Best effort: one request (a single remote is
/// fetched directly); on any error the table shows hrefs.
fn remote_names<'a>(
    ctx: &Context,
    distributions: impl Iterator<Item = &'a PullThroughDistribution>,
) -> HashMap<String, String> {
    let wanted: Vec<&str> = distributions.filter_map(|d| d.remote.as_deref()).collect();
    let mut names = HashMap::new();
    match wanted.as_slice() {
        [] => {}
        [one] => {
            if let Ok(remote) = ctx.client.get::<PullThroughRemote>(one) {
                names.insert(remote.item.pulp_href, remote.item.name);
            }
        }
        _ => {
            let query = [("limit", REMOTE_NAMES_LIMIT.to_string())];
            if let Ok(page) = ctx
                .client
                .list::<PullThroughRemote>(PULL_THROUGH_REMOTE.collection, &query)
            {
                names.extend(
                    page.items
                        .into_iter()
                        .map(|r| (r.item.pulp_href, r.item.name)),
                );
            }
        }
    }
    names
}

fn remote_label(d: &PullThroughDistribution, names: &HashMap<String, String>) -> String {
    match &d.remote {
        Some(href) => names.get(href).cloned().unwrap_or_else(|| href.clone()),
        None => String::new(),
    }
}
