//! `pulpc repository …`: container repositories and their versions.

use std::collections::BTreeMap;

use anyhow::Context as _;
use chrono::Utc;
use comfy_table::Cell;
use pulp_shared::api::{ContentCount, Repository, RepositoryVersion, RepositoryWrite};
use pulp_shared::href;

use super::{Context, ExitStatus, REPOSITORY};
use crate::cli::{ListArgs, NameFilter, RepositoryCommand, VersionCommand};
use crate::client::Fetched;
use crate::output::{age, labels, or_blank, when};

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
    }
}

fn list(ctx: &Context, filter: &NameFilter, page: &ListArgs) -> anyhow::Result<ExitStatus> {
    let mut query = super::page_query(page);
    super::name_query(&mut query, filter);
    let listed = ctx
        .client
        .list::<Repository>(href::REPOSITORIES, &query)
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
        ("remote", Cell::new(or_blank(r.remote.as_deref()))),
        ("labels", Cell::new(labels(&r.pulp_labels))),
        ("created", Cell::new(when(&r.pulp_created, now))),
        ("updated", Cell::new(when(&r.pulp_last_updated, now))),
    ])?;
    Ok(ExitStatus::Success)
}

fn versions(ctx: &Context, repository: &str, page: &ListArgs) -> anyhow::Result<ExitStatus> {
    let repo_href = ctx.href_of(REPOSITORY, repository)?;
    let listed = ctx
        .client
        .list::<RepositoryVersion>(&format!("{repo_href}versions/"), &super::page_query(page))
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
    fn version_numbers_come_from_hrefs() {
        let href = href::repository_version("01a20747-6b5d-79a0-b31f-ac30c7f8a7bb", 3);
        assert_eq!(version_number(&href), "3");
        assert_eq!(version_number("odd"), "odd");
    }
}
