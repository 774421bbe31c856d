//! `pulpc repository …`: container repositories, their versions, syncs, and what a version holds (through
//! the content API, `/pulp/api/v3/content/container/{tags,manifests,blobs}/?repository_version=…`).

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context as _};
use chrono::Utc;
use comfy_table::Cell;
use pulp_shared::api::{
    ContentBlob, ContentCount, ContentManifest, ContentTag, ProgressReport, RemoveImage,
    Repository, RepositoryVersion, RepositoryWrite, TagImage, TaskResponse, UnTagImage,
};
use pulp_shared::href;
use serde::Serialize;

use super::{print_task, Context, ExitStatus, PUSH_REPOSITORY, REMOTE, REPOSITORY};
use crate::cli::{
    ContentCommand, ContentType, ListArgs, NameFilter, RepositoryCommand, Select, VersionCommand,
    WaitArgs,
};
use crate::client::{Answer, Fetched, MANIFEST_TYPES};
use crate::output::{age, labels, or_blank, when};

pub fn run(ctx: &Context, command: RepositoryCommand) -> anyhow::Result<ExitStatus> {
    match command {
        RepositoryCommand::Create {
            name,
            description,
            retain_repo_versions,
            remote,
        } => {
            let body = RepositoryWrite {
                name: Some(name.clone()),
                description: description.map(Some),
                retain_repo_versions: retain_repo_versions.map(Some),
                remote: remote
                    .map(|r| ctx.href_of(REMOTE, &r).map(Some))
                    .transpose()?,
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
            let repository = select_any(ctx, &select.select())?;
            show(ctx, &repository)
        }
        RepositoryCommand::Update {
            select,
            description,
            retain_repo_versions,
            remote,
        } => {
            let select = select.select();
            let current: Fetched<Repository> = ctx.select(REPOSITORY, &select)?;
            let body = RepositoryWrite {
                description: description.map(Some),
                retain_repo_versions: retain_repo_versions.map(Some),
                remote: remote
                    .map(|r| ctx.href_of(REMOTE, &r).map(Some))
                    .transpose()?,
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
            let select = select.select();
            let current: Fetched<Repository> = ctx.select(REPOSITORY, &select)?;
            let what = format!("repository \"{}\"", current.item.name);
            ctx.confirm_delete(&confirm, &what)?;
            ctx.delete(&current.item.pulp_href, None, &format!("deleting {what}"))
                .with_context(|| format!("cannot delete {what}"))?;
            ctx.out.note(&format!("deleted {what}"));
            Ok(ExitStatus::Success)
        }
        RepositoryCommand::Version(VersionCommand::List { repository, page }) => {
            versions(ctx, &repository.select(), &page)
        }
        RepositoryCommand::Version(VersionCommand::Show {
            repository,
            version,
        }) => {
            let repository = select_any(ctx, &repository.select())?;
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
            let repository = select_any(ctx, &repository.select())?.item;
            let href = format!("{}versions/{version}/", repository.pulp_href);
            let doing = format!("version {version} of repository \"{}\"", repository.name);
            super::delete_with_task(ctx, &href, &doing, &confirm, &wait)
        }
        RepositoryCommand::Sync {
            select,
            remote,
            mirror,
            wait,
        } => sync(ctx, &select.select(), remote.as_deref(), mirror, &wait),
        RepositoryCommand::Content(ContentCommand::List {
            select,
            version,
            content_type,
        }) => content(ctx, &select.select(), version, content_type),
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
            change(ctx, &select.select(), "tag", &body, &doing, &wait)
        }
        RepositoryCommand::Untag { select, tag, wait } => {
            let body = UnTagImage { tag: tag.clone() };
            change(
                ctx,
                &select.select(),
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
            change(ctx, &select.select(), "remove_image", &body, &doing, &wait)
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

/// Lists what version `version` (default: the latest) of the repository `select` names holds, through the
/// content API: tags with their manifests' digests and media types, manifests, or blobs.
fn content(
    ctx: &Context,
    select: &Select,
    version: Option<u64>,
    content_type: ContentType,
) -> anyhow::Result<ExitStatus> {
    let repository = select_any(ctx, select)?;
    let repo = &repository.item;
    let latest = href::parse_repository_version(&repo.latest_version_href)
        .map(|(_, n)| n)
        .map_err(|e| anyhow!("pulpd sent a bad latest_version_href: {e}"))?;
    let number = version.unwrap_or(latest);
    let version_href = format!("{}versions/{number}/", repo.pulp_href);
    let doing = format!("version {number} of repository \"{}\"", repo.name);
    ctx.client
        .get::<RepositoryVersion>(&version_href)
        .with_context(|| format!("cannot get {doing}"))?;
    let query = [("repository_version", version_href.clone())];
    let progress = ctx.progress(format!("reading the content of {doing}"));
    let fetched = |done: u64, total: u64| {
        progress.report(&ProgressReport {
            message: "Reading content".into(),
            code: "content.list".into(),
            state: "running".into(),
            total: Some(total),
            done,
            suffix: None,
        })
    };
    let manifests = |what: &str| {
        ctx.client
            .list_all::<ContentManifest>(href::CONTENT_MANIFESTS, &query, &fetched)
            .with_context(|| format!("cannot list the {what} of {doing}"))
    };
    match content_type {
        ContentType::Tag => {
            let tags = ctx
                .client
                .list_all::<ContentTag>(href::CONTENT_TAGS, &query, &fetched)
                .with_context(|| format!("cannot list the tags of {doing}"))?;
            let manifests: BTreeMap<String, ContentManifest> = manifests("manifests")?
                .items
                .into_iter()
                .map(|m| (m.item.pulp_href.clone(), m.item))
                .collect();
            drop(progress);
            let mut entries: Vec<TagEntry> = tags
                .items
                .into_iter()
                .map(|t| {
                    let m = manifests.get(&t.item.tagged_manifest);
                    TagEntry {
                        tag: t.item.name,
                        digest: m
                            .map_or_else(|| t.item.tagged_manifest.clone(), |m| m.digest.clone()),
                        media_type: m.map(|m| m.media_type.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            entries.sort_by(|a, b| a.tag.cmp(&b.tag));
            if ctx.out.is_json() {
                ctx.out.json(&serde_json::value::to_raw_value(&entries)?)?;
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
        }
        ContentType::Manifest => {
            let mut listed = manifests("manifests")?.items;
            drop(progress);
            listed.sort_by(|a, b| a.item.digest.cmp(&b.item.digest));
            if ctx.out.is_json() {
                ctx.out.json_list(listed.iter().map(|m| m.raw.as_ref()))?;
                return Ok(ExitStatus::Success);
            }
            let rows = listed
                .iter()
                .map(|m| {
                    let m = &m.item;
                    let size = m
                        .compressed_image_size
                        .map(|s| s.to_string())
                        .unwrap_or_default();
                    vec![
                        Cell::new(&m.digest),
                        Cell::new(short_media_type(&m.media_type)),
                        Cell::new(&m.manifest_type),
                        Cell::new(size),
                    ]
                })
                .collect();
            ctx.out
                .table(&["digest", "media type", "kind", "layer bytes"], rows)?;
        }
        ContentType::Blob => {
            let mut listed = ctx
                .client
                .list_all::<ContentBlob>(href::CONTENT_BLOBS, &query, &fetched)
                .with_context(|| format!("cannot list the blobs of {doing}"))?
                .items;
            drop(progress);
            listed.sort_by(|a, b| a.item.digest.cmp(&b.item.digest));
            if ctx.out.is_json() {
                ctx.out.json_list(listed.iter().map(|b| b.raw.as_ref()))?;
                return Ok(ExitStatus::Success);
            }
            let rows = listed
                .iter()
                .map(|b| vec![Cell::new(&b.item.digest)])
                .collect();
            ctx.out.table(&["digest"], rows)?;
        }
    }
    Ok(ExitStatus::Success)
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

fn versions(ctx: &Context, select: &Select, page: &ListArgs) -> anyhow::Result<ExitStatus> {
    let repository = select_any(ctx, select)?.item;
    let listed = ctx
        .list::<RepositoryVersion>(
            &format!("{}versions/", repository.pulp_href),
            Vec::new(),
            page,
        )
        .with_context(|| {
            format!(
                "cannot list the versions of repository '{}'",
                repository.name
            )
        })?;
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
