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
    ContentCount, Distribution, ProgressReport, RemoveImage, Repository, RepositoryVersion,
    RepositoryWrite, TagImage, TaskResponse, UnTagImage,
};
use pulp_shared::href;
use serde::Serialize;

use super::{print_task, Context, ExitStatus, PUSH_REPOSITORY, REMOTE, REPOSITORY};
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
            let repository = select_any(ctx, &select)?;
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
        RepositoryCommand::Version(VersionCommand::Show {
            repository,
            version,
        }) => {
            let repository: Fetched<Repository> =
                ctx.client.get(&ctx.href_of(REPOSITORY, &repository)?)?;
            let href = format!("{}versions/{version}/", repository.item.pulp_href);
            let found: Fetched<RepositoryVersion> = ctx.client.get(&href).with_context(|| {
                format!(
                    "cannot get version {version} of repository \"{}\"",
                    repository.item.name
                )
            })?;
            show_version(ctx, &repository.item, &found)
        }
        RepositoryCommand::Version(VersionCommand::Delete {
            repository,
            version,
            confirm,
            wait,
        }) => {
            let href = format!(
                "{}versions/{version}/",
                ctx.href_of(REPOSITORY, &repository)?
            );
            let doing = format!("version {version} of repository \"{repository}\"");
            super::delete_with_task(ctx, &href, &doing, &confirm, &wait)
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
        RepositoryCommand::Tag {
            select,
            tag,
            digest,
            wait,
        } => {
            let body = TagImage {
                tag: tag.clone(),
                digest: digest.clone(),
            };
            let doing = format!("tagging {digest} as \"{tag}\" in");
            change(ctx, &select, "tag", &body, &doing, &wait)
        }
        RepositoryCommand::Untag { select, tag, wait } => {
            let body = UnTagImage { tag: tag.clone() };
            change(
                ctx,
                &select,
                "untag",
                &body,
                &format!("untagging \"{tag}\" in"),
                &wait,
            )
        }
        RepositoryCommand::RemoveImage {
            select,
            digest,
            wait,
        } => {
            let body = RemoveImage {
                digest: digest.clone(),
            };
            let doing = format!("removing {digest} from");
            change(ctx, &select, "remove_image", &body, &doing, &wait)
        }
    }
}

/// Posts `body` to `action/` of the push repository `select` names (`tag`, `untag`, `remove_image`), waits for
/// the task (unless `--no-wait`) and shows the version it made. `doing` reads before the repository's name
/// (`untagging "v1" in`).
fn change(
    ctx: &Context,
    select: &Select,
    action: &str,
    body: &impl Serialize,
    doing: &str,
    wait: &WaitArgs,
) -> anyhow::Result<ExitStatus> {
    let repository: Fetched<Repository> = ctx.select(PUSH_REPOSITORY, select)?;
    let doing = format!("{doing} push repository \"{}\"", repository.item.name);
    let answer = ctx
        .client
        .post::<TaskResponse, _>(&format!("{}{action}/", repository.item.pulp_href), body)
        .with_context(|| format!("{doing} failed"))?;
    let task = match answer {
        Answer::Task(task) => task,
        Answer::Done(_) => bail!("{doing} failed: pulpd answered without a task"),
    };
    if wait.no_wait {
        print_task(ctx, &task)?;
        return Ok(ExitStatus::Success);
    }
    let done = ctx
        .wait(&task.item.task, wait.timeout, &doing)
        .with_context(|| format!("{doing} failed"))?;
    let what = format!("push repository \"{}\"", repository.item.name);
    show_made_version(ctx, &repository, &done, &what)
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
    show_made_version(ctx, &repository, &done, &doing)
}

/// After a task that may have made a version of `repository`: shows that version, or, when the task changed
/// nothing (no version made), says so and shows the latest one.
fn show_made_version(
    ctx: &Context,
    repository: &Fetched<Repository>,
    done: &Fetched<pulp_shared::api::Task>,
    doing: &str,
) -> anyhow::Result<ExitStatus> {
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
    let listed = list_both(ctx, query, page)?;
    if ctx.out.is_json() {
        let typed = listed
            .items
            .iter()
            .map(|(kind, r)| with_type(&r.raw, kind))
            .collect::<anyhow::Result<Vec<_>>>()?;
        ctx.out.json_list(typed.iter().map(AsRef::as_ref))?;
        return Ok(ExitStatus::Success);
    }
    let now = Utc::now();
    let rows = listed
        .items
        .iter()
        .map(|(kind, r)| {
            let r = &r.item;
            vec![
                Cell::new(&r.name),
                Cell::new(kind),
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
            "type",
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

/// The repository `select` names, sync or push (`repository list` shows both, so `show` finds both).
fn select_any(ctx: &Context, select: &Select) -> anyhow::Result<Fetched<Repository>> {
    let push_href = select.href.as_deref().is_some_and(|h| {
        href::parse_repository(h).is_ok_and(|(c, _)| c == href::PUSH_REPOSITORIES)
    });
    if push_href {
        return ctx.select(PUSH_REPOSITORY, select);
    }
    if let Some(name) = select.name() {
        let query = [("name", name.to_string()), ("limit", "1".to_string())];
        if let Ok(found) = ctx
            .client
            .list::<Repository>(href::PUSH_REPOSITORIES, &query)
        {
            if let Some(repository) = found.items.into_iter().next() {
                return Ok(repository);
            }
        }
    }
    ctx.select(REPOSITORY, select)
}

/// A page of repositories of both collections, newest first, each with its type (`container` or `push`).
struct BothListed {
    count: u64,
    items: Vec<(&'static str, Fetched<Repository>)>,
}

/// Lists sync and push repositories as one list: the first `offset + limit` of each collection (each newest
/// first), merged by creation time, then the asked window of that.
fn list_both(
    ctx: &Context,
    query: Vec<(&'static str, String)>,
    page: &ListArgs,
) -> anyhow::Result<BothListed> {
    let head = ListArgs {
        limit: page.offset + page.limit,
        offset: 0,
        all: page.all,
    };
    let sync = ctx
        .list::<Repository>(href::REPOSITORIES, query.clone(), &head)
        .context("cannot list repositories")?;
    let push = ctx
        .list::<Repository>(href::PUSH_REPOSITORIES, query, &head)
        .context("cannot list push repositories")?;
    Ok(BothListed {
        count: sync.count + push.count,
        items: merge_newest_first(sync.items, push.items, page),
    })
}

/// Sync and push repositories (each newest first) as one list, newest first, typed, cut to `page`'s window
/// (unless `--all`).
fn merge_newest_first(
    sync: Vec<Fetched<Repository>>,
    push: Vec<Fetched<Repository>>,
    page: &ListArgs,
) -> Vec<(&'static str, Fetched<Repository>)> {
    let mut items: Vec<(&'static str, Fetched<Repository>)> = sync
        .into_iter()
        .map(|r| ("container", r))
        .chain(push.into_iter().map(|r| ("push", r)))
        .collect();
    // Pulp's timestamps are RFC 3339 in UTC with a fixed width: they sort as text. The sort is stable.
    items.sort_by(|(_, a), (_, b)| b.item.pulp_created.cmp(&a.item.pulp_created));
    if page.all {
        return items;
    }
    items
        .into_iter()
        .skip(usize::try_from(page.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(page.limit).unwrap_or(usize::MAX))
        .collect()
}

/// `raw` (a repository as pulpd sent it) with `"type": kind` added, for `--format json`.
fn with_type(
    raw: &serde_json::value::RawValue,
    kind: &str,
) -> anyhow::Result<Box<serde_json::value::RawValue>> {
    let mut value: serde_json::Value =
        serde_json::from_str(raw.get()).context("pulpd sent a repository that is not JSON")?;
    if let Some(object) = value.as_object_mut() {
        object.insert("type".into(), kind.into());
    }
    Ok(serde_json::value::to_raw_value(&value)?)
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

    fn fetched(name: &str, created: &str, collection: &str) -> Fetched<Repository> {
        let href = format!("{collection}01a20747-6b5d-79a0-b31f-ac30c7f8a7bb/");
        let value = serde_json::json!({
            "pulp_href": href, "prn": "", "pulp_created": created, "pulp_last_updated": created,
            "versions_href": format!("{href}versions/"), "pulp_labels": {},
            "latest_version_href": format!("{href}versions/0/"), "name": name,
            "description": null, "retain_repo_versions": null,
        });
        Fetched {
            raw: serde_json::value::to_raw_value(&value).unwrap(),
            item: serde_json::from_value(value).unwrap(),
        }
    }

    #[test]
    fn push_and_sync_repositories_list_as_one_newest_first() {
        let sync = vec![
            fetched("s2", "2026-01-02T00:00:00.000000Z", href::REPOSITORIES),
            fetched("s1", "2026-01-01T00:00:00.000000Z", href::REPOSITORIES),
        ];
        let push = vec![fetched(
            "p1",
            "2026-01-01T12:00:00.000000Z",
            href::PUSH_REPOSITORIES,
        )];
        let page = ListArgs {
            limit: 2,
            offset: 1,
            all: false,
        };
        let merged = merge_newest_first(sync, push, &page);
        let names: Vec<(&str, &str)> = merged
            .iter()
            .map(|(kind, r)| (*kind, r.item.name.as_str()))
            .collect();
        assert_eq!(names, vec![("push", "p1"), ("container", "s1")]);
        // A push repository has no `remote`; reading it as a repository leaves it None.
        assert_eq!(merged[0].1.item.remote, None);
        let typed = with_type(&merged[0].1.raw, "push").unwrap();
        let v: serde_json::Value = serde_json::from_str(typed.get()).unwrap();
        assert_eq!(v["type"], "push");
        assert_eq!(v["name"], "p1");
    }

    #[test]
    fn version_numbers_come_from_hrefs() {
        let href = href::repository_version("01a20747-6b5d-79a0-b31f-ac30c7f8a7bb", 3);
        assert_eq!(version_number(&href), "3");
        assert_eq!(version_number("odd"), "odd");
    }
}
