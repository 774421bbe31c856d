//! `pulpc remote …`: container remotes, the upstream registries sync and pull-through fetch from.

use anyhow::Context as _;
use chrono::Utc;
use comfy_table::Cell;
use pulp_shared::api::{Header, Remote, RemoteSettingsWrite, RemoteWrite};
use pulp_shared::href;

use super::{Context, ExitStatus, REMOTE};
use crate::cli::{ConnectionOptions, ListArgs, NameFilter, RemoteCommand, RemoteOptions};
use crate::client::Fetched;
use crate::output::{labels, or_blank, when};

pub fn run(ctx: &Context, command: RemoteCommand) -> anyhow::Result<ExitStatus> {
    match command {
        RemoteCommand::Create {
            name,
            url,
            upstream_name,
            options,
        } => {
            let body = RemoteWrite {
                name: Some(name.clone()),
                url: Some(url),
                upstream_name: Some(upstream_name),
                ..write_body(options)?
            };
            let what = format!("creating remote \"{name}\"");
            let remote: Fetched<Remote> = ctx
                .client
                .create(href::REMOTES, &body)
                .map_err(anyhow::Error::from)
                .and_then(|answer| ctx.settle(answer, None, None, &what))
                .with_context(|| format!("cannot create remote \"{name}\""))?;
            show(ctx, &remote)
        }
        RemoteCommand::List { filter, page } => list(ctx, &filter, &page),
        RemoteCommand::Show { select } => {
            let remote = ctx.select(REMOTE, &select)?;
            show(ctx, &remote)
        }
        RemoteCommand::Update {
            select,
            url,
            upstream_name,
            options,
        } => {
            let current: Fetched<Remote> = ctx.select(REMOTE, &select)?;
            let body = RemoteWrite {
                url,
                upstream_name,
                ..write_body(options)?
            };
            let href = current.item.pulp_href;
            let what = format!("updating remote {}", select.label());
            let updated: Fetched<Remote> = ctx
                .client
                .patch(&href, &body)
                .map_err(anyhow::Error::from)
                .and_then(|answer| ctx.settle(answer, Some(&href), None, &what))
                .with_context(|| format!("cannot update remote {}", select.label()))?;
            show(ctx, &updated)
        }
        RemoteCommand::PullThrough(command) => super::pull_through::remote(ctx, command),
        RemoteCommand::Delete { select, confirm } => {
            let current: Fetched<Remote> = ctx.select(REMOTE, &select)?;
            let what = format!("remote \"{}\"", current.item.name);
            ctx.confirm_delete(&confirm, &what)?;
            ctx.delete(&current.item.pulp_href, None, &format!("deleting {what}"))
                .with_context(|| format!("cannot delete {what}"))?;
            ctx.out.note(&format!("deleted {what}"));
            Ok(ExitStatus::Success)
        }
    }
}

/// The part of a create/update body that `RemoteOptions` describes.
fn write_body(options: RemoteOptions) -> anyhow::Result<RemoteWrite> {
    let mut settings = settings_write(options.connection)?;
    settings.download_concurrency = options.download_concurrency.map(Some);
    Ok(RemoteWrite {
        policy: options.policy,
        include_tags: options.include_tags.map(Some),
        exclude_tags: options.exclude_tags.map(Some),
        settings,
        ..RemoteWrite::default()
    })
}

/// The connection settings of a create/update body (container and pull-through remotes), reading the PEM
/// files given.
pub(super) fn settings_write(options: ConnectionOptions) -> anyhow::Result<RemoteSettingsWrite> {
    let pem = |path: Option<std::path::PathBuf>| -> anyhow::Result<Option<Option<String>>> {
        path.map(|path| {
            std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))
                .map(Some)
        })
        .transpose()
    };
    Ok(RemoteSettingsWrite {
        username: options.username.map(Some),
        password: options.password.map(Some),
        tls_validation: options.tls_validation,
        proxy_url: options.proxy_url.map(Some),
        ca_cert: pem(options.upstream_ca_cert)?,
        client_cert: pem(options.client_cert)?,
        client_key: pem(options.client_key)?,
        max_retries: options.max_retries.map(Some),
        connect_timeout: options.connect_timeout.map(Some),
        total_timeout: options.total_timeout.map(Some),
        headers: options.headers.map(|headers| {
            headers
                .into_iter()
                .map(|(name, value)| Header::from([(name, value)]))
                .collect()
        }),
        ..RemoteSettingsWrite::default()
    })
}

fn list(ctx: &Context, filter: &NameFilter, page: &ListArgs) -> anyhow::Result<ExitStatus> {
    let mut query = Vec::new();
    super::name_query(&mut query, filter);
    let listed = ctx
        .list::<Remote>(href::REMOTES, query, page)
        .context("cannot list remotes")?;
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
                Cell::new(&r.upstream_name),
                Cell::new(r.policy.as_str()),
            ]
        })
        .collect();
    ctx.out
        .table(&["name", "url", "upstream name", "policy"], rows)?;
    super::note_more(ctx, listed.count, listed.items.len(), page, "remotes");
    Ok(ExitStatus::Success)
}

fn show(ctx: &Context, remote: &Fetched<Remote>) -> anyhow::Result<ExitStatus> {
    if ctx.out.is_json() {
        ctx.out.json(&remote.raw)?;
        return Ok(ExitStatus::Success);
    }
    let r = &remote.item;
    let now = Utc::now();
    let tags = |t: &Option<Vec<String>>| t.as_ref().map(|t| t.join(", ")).unwrap_or_default();
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
        ("upstream name", Cell::new(&r.upstream_name)),
        ("policy", Cell::new(r.policy.as_str())),
        ("include tags", Cell::new(tags(&r.include_tags))),
        ("exclude tags", Cell::new(tags(&r.exclude_tags))),
        ("credentials", Cell::new(credentials)),
        ("tls validation", Cell::new(r.settings.tls_validation)),
        (
            "proxy url",
            Cell::new(or_blank(r.settings.proxy_url.as_deref())),
        ),
        (
            "download concurrency",
            Cell::new(or_blank(r.settings.download_concurrency)),
        ),
        (
            "ca cert",
            Cell::new(if r.settings.ca_cert.is_some() {
                "set"
            } else {
                ""
            }),
        ),
        (
            "client cert",
            Cell::new(
                match (r.settings.client_cert.is_some(), is_set("client_key")) {
                    (false, false) => "",
                    (true, true) => "certificate and key set",
                    (true, false) => "certificate set (no key)",
                    (false, true) => "key set (no certificate)",
                },
            ),
        ),
        ("max retries", Cell::new(or_blank(r.settings.max_retries))),
        (
            "connect timeout",
            Cell::new(or_blank(r.settings.connect_timeout)),
        ),
        (
            "total timeout",
            Cell::new(or_blank(r.settings.total_timeout)),
        ),
        ("headers", Cell::new(header_list(&r.settings.headers))),
        ("labels", Cell::new(labels(&r.pulp_labels))),
        ("created", Cell::new(when(&r.pulp_created, now))),
        ("updated", Cell::new(when(&r.pulp_last_updated, now))),
    ])?;
    Ok(ExitStatus::Success)
}

/// Headers as `Name: value` lines.
pub(super) fn header_list(headers: &[Header]) -> String {
    headers
        .iter()
        .flat_map(|h| h.iter().map(|(k, v)| format!("{k}: {v}")))
        .collect::<Vec<_>>()
        .join("\n")
}
