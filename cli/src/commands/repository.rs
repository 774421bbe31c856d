//! `pulpc repository …`: container repositories, their versions, syncs, and what a version holds.
//!
//! `repository content list` reads tags through the registry API, because the management API has no content
//! listing yet (Pulp's `/pulp/api/v3/content/container/tags/?repository_version=…` would be the better source):
//! it finds a distribution serving the version, lists `/v2/<base path>/tags/list`, and HEADs each tag's manifest
//! for its digest.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context as _};
use chrono::Utc;
use comfy_table::Cell;
use pulp_shared::api::{
    ContentCount, Distribution, ProgressReport, Repository, RepositoryVersion, RepositoryWrite,
    TaskResponse,
};
use pulp_shared::href;
use serde::Serialize;

use super::{print_task, Context, ExitStatus, REMOTE, REPOSITORY};
use crate::cli::{
    ContentCommand, ListArgs, NameFilter, RepositoryCommand, Select, VersionCommand, WaitArgs,
};
use crate::client::{Answer, Fetched, MANIFEST_TYPES};
use crate::output::{age, labels, or_blank, when};

/// Distributions scanned for one pinned to a version (`content list --version`); pulpd cannot filter by
/// `repository_version`.
const DISTRIBUTION_SCAN_LIMIT: u64 = 1000;

pub fn run(ctx: &Context, command: RepositoryCommand) -> anyhow::Result<ExitStatus> {
    match command {
        RepositoryCommand::Create {
            name,
            description,
            retain_repo_versions,
        } => {
            let body = RepositoryWrite {
                name: Some(name.clone()),
                description,
                retain_repo_versions,
                ..RepositoryWrite::default()
            };
            let what = format!("creating repository \"{name}\"");
            let repository: Fetched<Repository> = ctx
                .client
                .create(href::REPOSITORIES, &body)
                .map_err(anyhow::Error::from)
                .and_then(|answer| ctx.settle(answer, None, None, &what))
                .with_context(|| format!("cannot create repository \"{name}\""))?;
            show(ctx, &repository)
        }
        RepositoryCommand::List { filter, page } => list(ctx, &filter, &page),
        RepositoryCommand::Show { select } => {
            let repository = ctx.select(REPOSITORY, &select)?;
            show(ctx, &repository)
        }
        RepositoryCommand::Update {
            select,
            description,
            retain_repo_versions,
        } => {
            let current: Fetched<Repository> = ctx.select(REPOSITORY, &select)?;
            let body = RepositoryWrite {
                description,
                retain_repo_versions,
                ..RepositoryWrite::default()
            };
            let href = current.item.pulp_href;
            let what = format!("updating repository {}", select.label());
            let updated: Fetched<Repository> = ctx
                .client
                .patch(&href, &body)
                .map_err(anyhow::Error::from)
                .and_then(|answer| ctx.settle(answer, Some(&href), None, &what))
                .with_context(|| format!("cannot update repository {}", select.label()))?;
            show(ctx, &updated)
        }
        RepositoryCommand::Delete { select, confirm } => {
            let current: Fetched<Repository> = ctx.select(REPOSITORY, &select)?;
            let what = format!("repository \"{}\"", current.item.name);
            ctx.confirm_delete(&confirm, &what)?;
            ctx.delete(&current.item.pulp_href, None, &format!("deleting {what}"))
                .with_context(|| format!("cannot delete {what}"))?;
            ctx.out.note(&format!("deleted {what}"));
            Ok(ExitStatus::Success)
        }
        RepositoryCommand::Version(VersionCommand::List { repository, page }) => {
            versions(ctx, &repository, &page)
        }
        RepositoryCommand::Sync {
            select,
            remote,
            mirror,
            wait,
        } => sync(ctx, &select, remote.as_deref(), mirror, &wait),
        RepositoryCommand::Content(ContentCommand::List { select, version }) => {
            content(ctx, &select, version)
        }
    }
}

/// Body of `POST {repository}sync/`.
#[derive(Debug, Serialize)]
struct SyncBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    remote: Option<String>,
    mirror: bool,
}

fn sync(
    ctx: &Context,
    select: &Select,
    remote: Option<&str>,
    mirror: bool,
    wait: &WaitArgs,
) -> anyhow::Result<ExitStatus> {
    let repository: Fetched<Repository> = ctx.select(REPOSITORY, select)?;
    let doing = format!("repository \"{}\"", repository.item.name);
    let body = SyncBody {
        remote: remote.map(|r| ctx.href_of(REMOTE, r)).transpose()?,
        mirror,
    };
    let answer = ctx
        .client
        .post::<TaskResponse, _>(&format!("{}sync/", repository.item.pulp_href), &body)
        .with_context(|| format!("cannot sync {doing}"))?;
    // pulpd answers 202 and a task, like Pulp; an object here would be a server bug.
    let task = match answer {
        Answer::Task(task) => task,
        Answer::Done(_) => bail!("cannot sync {doing}: pulpd answered without a task"),
    };
    if wait.no_wait {
        print_task(ctx, &task)?;
        return Ok(ExitStatus::Success);
    }
    let done = ctx
        .wait(&task.item.task, wait.timeout, &format!("syncing {doing}"))
        .with_context(|| format!("cannot sync {doing}"))?;
    // A sync that changed nothing makes no version: show the latest one then.
    let created = done
        .item
        .created_resources
        .iter()
        .find(|h| href::parse_repository_version(h).is_ok())
        .cloned();
    let version_href = match &created {
        Some(href) => href.clone(),
        None => {
            ctx.client
                .get::<Repository>(&repository.item.pulp_href)?
                .item
                .latest_version_href
        }
    };
    let version: Fetched<RepositoryVersion> = ctx
        .client
        .get(&version_href)
        .with_context(|| format!("cannot get version {version_href}"))?;
    if created.is_none() {
        ctx.out.note(&format!(
            "nothing changed: {doing} stays at version {}",
            version.item.number
        ));
    }
    show_version(ctx, &repository.item, &version)
}

fn show_version(
    ctx: &Context,
    repository: &Repository,
    version: &Fetched<RepositoryVersion>,
) -> anyhow::Result<ExitStatus> {
    if ctx.out.is_json() {
        ctx.out.json(&version.raw)?;
        return Ok(ExitStatus::Success);
    }
    let v = &version.item;
    let summary = &v.content_summary;
    ctx.out.pairs(vec![
        ("repository", Cell::new(&repository.name)),
        ("version", Cell::new(v.number)),
        ("href", Cell::new(&v.pulp_href)),
        ("content", Cell::new(content_counts(&summary.present))),
        ("added", Cell::new(content_counts(&summary.added))),
        ("removed", Cell::new(content_counts(&summary.removed))),
        ("created", Cell::new(when(&v.pulp_created, Utc::now()))),
    ])?;
    Ok(ExitStatus::Success)
}

/// One tag of a repository version, as `content list --format json` prints it.
#[derive(Debug, Serialize)]
struct TagEntry {
    tag: String,
    digest: String,
    media_type: String,
}

fn content(ctx: &Context, select: &Select, version: Option<u64>) -> anyhow::Result<ExitStatus> {
    let repository: Fetched<Repository> = ctx.select(REPOSITORY, select)?;
    let repo = &repository.item;
    let latest = href::parse_repository_version(&repo.latest_version_href)
        .map(|(_, n)| n)
        .map_err(|e| anyhow!("pulpd sent a bad latest_version_href: {e}"))?;
    let number = version.unwrap_or(latest);
    let version_href = format!("{}versions/{number}/", repo.pulp_href);
    let doing = format!("version {number} of repository \"{}\"", repo.name);
    if number != latest {
        ctx.client
            .get::<RepositoryVersion>(&version_href)
            .with_context(|| format!("cannot get {doing}"))?;
    }
    let base_path = serving_base_path(ctx, repo, &version_href, number == latest)?.ok_or_else(|| {
        let how = if number == latest {
            format!("--repository {}", repo.name)
        } else {
            format!("--repository {} --version {number}", repo.name)
        };
        anyhow!(
            "no distribution serves {doing}, and pulpc reads tags through the registry; serve it with \
             `pulpc distribution create --name NAME --base-path PATH {how}`"
        )
    })?;
    let mut tags = ctx
        .client
        .registry_tags(&base_path)
        .with_context(|| format!("cannot list the tags of {doing} (served at {base_path})"))?;
    tags.sort();
    let progress = ctx.progress(format!("reading the tags of {doing}"));
    let mut entries = Vec::with_capacity(tags.len());
    for (done, tag) in tags.into_iter().enumerate() {
        progress.report(&ProgressReport {
            message: "Reading manifests".into(),
            code: "content.manifests".into(),
            state: "running".into(),
            total: Some(entries.capacity() as u64),
            done: done as u64,
            suffix: None,
        });
        let head = ctx
            .client
            .registry_manifest(&base_path, &tag)
            .with_context(|| format!("cannot read tag {tag} of {doing}"))?;
        entries.push(TagEntry {
            tag,
            digest: head.digest,
            media_type: head.media_type,
        });
    }
    drop(progress);
    if ctx.out.is_json() {
        let raw = serde_json::value::to_raw_value(&entries)?;
        ctx.out.json(&raw)?;
        return Ok(ExitStatus::Success);
    }
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                Cell::new(&e.tag),
                Cell::new(&e.digest),
                Cell::new(short_media_type(&e.media_type)),
            ]
        })
        .collect();
    ctx.out.table(&["tag", "digest", "type"], rows)?;
    Ok(ExitStatus::Success)
}

/// The base path of a distribution serving the version: for the latest version one serving the repository
/// (which always serves its latest) or pinned to that version; for another, one pinned to it.
fn serving_base_path(
    ctx: &Context,
    repo: &Repository,
    version_href: &str,
    latest: bool,
) -> anyhow::Result<Option<String>> {
    if latest {
        let page = ctx
            .client
            .list::<Distribution>(
                href::DISTRIBUTIONS,
                &[
                    ("repository", repo.pulp_href.clone()),
                    ("limit", "1".to_string()),
                ],
            )
            .context("cannot list the distributions of the repository")?;
        if let Some(d) = page.items.into_iter().next() {
            return Ok(Some(d.item.base_path));
        }
    }
    let all = ctx
        .client
        .list::<Distribution>(
            href::DISTRIBUTIONS,
            &[("limit", DISTRIBUTION_SCAN_LIMIT.to_string())],
        )
        .context("cannot list distributions")?;
    Ok(all
        .items
        .into_iter()
        .find(|d| {
            d.item.repository_version.as_deref().is_some_and(|v| {
                href::parse_repository_version(v).ok()
                    == href::parse_repository_version(version_href).ok()
            })
        })
        .map(|d| d.item.base_path))
}

/// `application/vnd.oci.image.index.v1+json` → `oci index`.
fn short_media_type(media_type: &str) -> &str {
    match media_type {
        t if t == MANIFEST_TYPES[0] => "oci manifest",
        t if t == MANIFEST_TYPES[1] => "oci index",
        t if t == MANIFEST_TYPES[2] => "docker manifest",
        t if t == MANIFEST_TYPES[3] => "docker manifest list",
        other => other,
    }
}

fn list(ctx: &Context, filter: &NameFilter, page: &ListArgs) -> anyhow::Result<ExitStatus> {
    let mut query = Vec::new();
    super::name_query(&mut query, filter);
    let listed = ctx
        .list::<Repository>(href::REPOSITORIES, query, page)
        .context("cannot list repositories")?;
    if ctx.out.is_json() {
        ctx.out
            .json_list(listed.items.iter().map(|r| r.raw.as_ref()))?;
        return Ok(ExitStatus::Success);
    }
    let now = Utc::now();
    let rows = listed
        .items
        .iter()
        .map(|r| {
            let r = &r.item;
            vec![
                Cell::new(&r.name),
                Cell::new(version_number(&r.latest_version_href)),
                Cell::new(or_blank(r.description.as_deref())),
                Cell::new(
                    r.retain_repo_versions
                        .map_or_else(|| "all".to_string(), |n| n.to_string()),
                ),
                Cell::new(age(&r.pulp_created, now)),
            ]
        })
        .collect();
    ctx.out.table(
        &[
            "name",
            "latest version",
            "description",
            "keeps versions",
            "created",
        ],
        rows,
    )?;
    super::note_more(ctx, listed.count, listed.items.len(), page, "repositories");
    Ok(ExitStatus::Success)
}

fn show(ctx: &Context, repository: &Fetched<Repository>) -> anyhow::Result<ExitStatus> {
    if ctx.out.is_json() {
        ctx.out.json(&repository.raw)?;
        return Ok(ExitStatus::Success);
    }
    let r = &repository.item;
    let now = Utc::now();
    ctx.out.pairs(vec![
        ("name", Cell::new(&r.name)),
        ("href", Cell::new(&r.pulp_href)),
        ("description", Cell::new(or_blank(r.description.as_deref()))),
        (
            "latest version",
            Cell::new(version_number(&r.latest_version_href)),
        ),
        (
            "keeps versions",
            Cell::new(
                r.retain_repo_versions
                    .map_or_else(|| "all".to_string(), |n| n.to_string()),
            ),
        ),
        ("remote", Cell::new(remote_name(ctx, r.remote.as_deref()))),
        ("labels", Cell::new(labels(&r.pulp_labels))),
        ("created", Cell::new(when(&r.pulp_created, now))),
        ("updated", Cell::new(when(&r.pulp_last_updated, now))),
    ])?;
    Ok(ExitStatus::Success)
}

/// The name of the remote at `href` (best effort: the href when it cannot be fetched); empty for none.
fn remote_name(ctx: &Context, href: Option<&str>) -> String {
    let Some(href) = href else {
        return String::new();
    };
    ctx.client
        .get::<pulp_shared::api::Remote>(href)
        .map_or_else(|_| href.to_string(), |r| r.item.name)
}

fn versions(ctx: &Context, repository: &str, page: &ListArgs) -> anyhow::Result<ExitStatus> {
    let repo_href = ctx.href_of(REPOSITORY, repository)?;
    let listed = ctx
        .list::<RepositoryVersion>(&format!("{repo_href}versions/"), Vec::new(), page)
        .with_context(|| format!("cannot list the versions of repository '{repository}'"))?;
    if ctx.out.is_json() {
        ctx.out
            .json_list(listed.items.iter().map(|v| v.raw.as_ref()))?;
        return Ok(ExitStatus::Success);
    }
    let now = Utc::now();
    let rows = listed
        .items
        .iter()
        .map(|v| {
            let v = &v.item;
            vec![
                Cell::new(v.number),
                Cell::new(age(&v.pulp_created, now)),
                Cell::new(content_counts(&v.content_summary.present)),
                Cell::new(content_counts(&v.content_summary.added)),
                Cell::new(content_counts(&v.content_summary.removed)),
            ]
        })
        .collect();
    ctx.out
        .table(&["version", "created", "content", "added", "removed"], rows)?;
    super::note_more(ctx, listed.count, listed.items.len(), page, "versions");
    Ok(ExitStatus::Success)
}

/// `…/versions/3/` → `3`; anything else is shown as it is.
fn version_number(version_href: &str) -> String {
    href::parse_repository_version(version_href)
        .map_or_else(|_| version_href.to_string(), |(_, n)| n.to_string())
}

/// `{"container.tag": 2, "container.blob": 1}` → `1 blob, 2 tags`.
fn content_counts(counts: &BTreeMap<String, ContentCount>) -> String {
    counts
        .iter()
        .map(|(kind, c)| {
            let noun = kind.rsplit('.').next().unwrap_or(kind);
            let plural = if c.count == 1 { "" } else { "s" };
            format!("{} {noun}{plural}", c.count)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_counts_read_as_words() {
        let mut counts = BTreeMap::new();
        counts.insert(
            "container.tag".to_string(),
            ContentCount {
                count: 2,
                href: String::new(),
            },
        );
        counts.insert(
            "container.blob".to_string(),
            ContentCount {
                count: 1,
                href: String::new(),
            },
        );
        assert_eq!(content_counts(&counts), "1 blob, 2 tags");
        assert_eq!(content_counts(&BTreeMap::new()), "");
    }

    #[test]
    fn media_types_are_named_briefly() {
        assert_eq!(short_media_type(MANIFEST_TYPES[1]), "oci index");
        assert_eq!(short_media_type("text/plain"), "text/plain");
    }

    #[test]
    fn version_numbers_come_from_hrefs() {
        let href = href::repository_version("01a20747-6b5d-79a0-b31f-ac30c7f8a7bb", 3);
        assert_eq!(version_number(&href), "3");
        assert_eq!(version_number("odd"), "odd");
    }
}
