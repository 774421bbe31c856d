//! `pulpc distribution …`: where repositories are served. Writes are asynchronous in Pulp's API (202 and a
//! task), so create, update and delete wait for their task unless `--no-wait`.

use std::collections::HashMap;

use anyhow::{anyhow, Context as _};
use chrono::Utc;
use comfy_table::Cell;
use pulp_shared::api::{Distribution, DistributionWrite, Repository};
use pulp_shared::href;

use super::{print_task, Context, ExitStatus, DISTRIBUTION, REPOSITORY};
use crate::cli::{DistributionCommand, ListArgs, NameFilter, WaitArgs};
use crate::client::{Answer, Fetched};
use crate::output::{labels, or_blank, when};

/// Repositories looked up to put names instead of hrefs in the list table; one request, so a page of them.
const REPOSITORY_NAMES_LIMIT: u64 = 1000;

pub fn run(ctx: &Context, command: DistributionCommand) -> anyhow::Result<ExitStatus> {
    match command {
        DistributionCommand::Create {
            name,
            base_path,
            repository,
            version,
            repository_version,
            private,
            description,
            wait,
        } => {
            let doing = format!("distribution \"{name}\"");
            let content = content(
                ctx,
                repository.as_deref(),
                version,
                repository_version.as_deref(),
            )?;
            let body = DistributionWrite {
                name: Some(name),
                base_path: Some(base_path),
                repository: content.repository.map(Some),
                repository_version: content.repository_version.map(Some),
                private: private.then_some(true),
                description: description.map(Some),
                ..DistributionWrite::default()
            };
            let answer = ctx
                .client
                .create::<Distribution, _>(href::DISTRIBUTIONS, &body)
                .with_context(|| format!("cannot create {doing}"))?;
            finish(
                ctx,
                answer,
                None,
                &wait,
                &format!("creating {doing}"),
                &format!("cannot create {doing}"),
            )
        }
        DistributionCommand::List {
            filter,
            base_path,
            page,
        } => list(ctx, &filter, base_path, &page),
        DistributionCommand::Show { select } => {
            let distribution = ctx.select(DISTRIBUTION, &select)?;
            show(ctx, &distribution)
        }
        DistributionCommand::Update {
            select,
            base_path,
            repository,
            version,
            repository_version,
            private,
            description,
            wait,
        } => {
            let current: Fetched<Distribution> = ctx.select(DISTRIBUTION, &select)?;
            let doing = format!("distribution \"{}\"", current.item.name);
            let mut body = DistributionWrite {
                base_path,
                private,
                description: description.map(Some),
                ..DistributionWrite::default()
            };
            if repository.is_some() || repository_version.is_some() {
                // Serving one means no longer serving the other: Pulp refuses a distribution with both.
                let content = content(
                    ctx,
                    repository.as_deref(),
                    version,
                    repository_version.as_deref(),
                )?;
                body.repository = Some(content.repository);
                body.repository_version = Some(content.repository_version);
            }
            let href = current.item.pulp_href;
            let answer = ctx
                .client
                .patch::<Distribution, _>(&href, &body)
                .with_context(|| format!("cannot update {doing}"))?;
            finish(
                ctx,
                answer,
                Some(&href),
                &wait,
                &format!("updating {doing}"),
                &format!("cannot update {doing}"),
            )
        }
        DistributionCommand::Delete {
            select,
            confirm,
            wait,
        } => {
            let current: Fetched<Distribution> = ctx.select(DISTRIBUTION, &select)?;
            let doing = format!("distribution \"{}\"", current.item.name);
            super::delete_with_task(ctx, &current.item.pulp_href, &doing, &confirm, &wait)
        }
        DistributionCommand::PullThrough(command) => {
            super::pull_through::distribution(ctx, command)
        }
        DistributionCommand::RegistryPath { name } => {
            let distribution: Fetched<Distribution> = ctx.find(DISTRIBUTION, &name)?;
            if ctx.out.is_json() {
                ctx.out
                    .line(&serde_json::to_string(&distribution.item.registry_path)?)?;
            } else {
                ctx.out.line(&distribution.item.registry_path)?;
            }
            Ok(ExitStatus::Success)
        }
    }
}

/// What a distribution serves: a repository (its latest version) or one repository version; exactly one is set.
#[derive(Debug, PartialEq)]
struct Content {
    repository: Option<String>,
    repository_version: Option<String>,
}

/// Resolves `--repository NAME_OR_HREF [--version N] | --repository-version HREF` into hrefs.
fn content(
    ctx: &Context,
    repository: Option<&str>,
    version: Option<u64>,
    repository_version: Option<&str>,
) -> anyhow::Result<Content> {
    match (repository, repository_version) {
        (Some(repository), _) => {
            let repo_href = ctx.href_of(REPOSITORY, repository)?;
            Ok(match version {
                Some(n) => Content {
                    repository: None,
                    repository_version: Some(format!("{repo_href}versions/{n}/")),
                },
                None => Content {
                    repository: Some(repo_href),
                    repository_version: None,
                },
            })
        }
        (None, Some(version_href)) => Ok(Content {
            repository: None,
            repository_version: Some(version_href_of(version_href)?),
        }),
        (None, None) => Ok(Content {
            repository: None,
            repository_version: None,
        }),
    }
}

/// The canonical href of a repository version given as href or URL.
fn version_href_of(given: &str) -> anyhow::Result<String> {
    let version = href::parse_version(given).map_err(|e| {
        anyhow!(
            "'{given}' is not a repository version href (expected {}<uuid>/versions/<n>/): {e}",
            href::REPOSITORIES
        )
    })?;
    Ok(version.href())
}

/// After a create or update: print the task (`--no-wait`), or wait for it and print the distribution.
fn finish(
    ctx: &Context,
    answer: Answer<Distribution>,
    href: Option<&str>,
    wait: &WaitArgs,
    doing: &str,
    failing: &str,
) -> anyhow::Result<ExitStatus> {
    if let (Answer::Task(task), true) = (&answer, wait.no_wait) {
        print_task(ctx, task)?;
        return Ok(ExitStatus::Success);
    }
    let distribution = ctx
        .settle(answer, href, wait.timeout, doing)
        .with_context(|| failing.to_string())?;
    show(ctx, &distribution)
}

fn list(
    ctx: &Context,
    filter: &NameFilter,
    base_path: Option<String>,
    page: &ListArgs,
) -> anyhow::Result<ExitStatus> {
    let mut query = Vec::new();
    super::name_query(&mut query, filter);
    if let Some(base_path) = base_path {
        query.push(("base_path", base_path));
    }
    let listed = ctx
        .list::<Distribution>(href::DISTRIBUTIONS, query, page)
        .context("cannot list distributions")?;
    if ctx.out.is_json() {
        ctx.out
            .json_list(listed.items.iter().map(|d| d.raw.as_ref()))?;
        return Ok(ExitStatus::Success);
    }
    let names = repository_names(ctx, listed.items.iter().map(|d| &d.item));
    let rows = listed
        .items
        .iter()
        .map(|d| {
            let d = &d.item;
            vec![
                Cell::new(&d.name),
                Cell::new(&d.base_path),
                Cell::new(&d.registry_path),
                Cell::new(served(d, &names)),
                Cell::new(if d.private { "yes" } else { "no" }),
            ]
        })
        .collect();
    ctx.out.table(
        &[
            "name",
            "base path",
            "registry path",
            "repository",
            "private",
        ],
        rows,
    )?;
    super::note_more(ctx, listed.count, listed.items.len(), page, "distributions");
    Ok(ExitStatus::Success)
}

fn show(ctx: &Context, distribution: &Fetched<Distribution>) -> anyhow::Result<ExitStatus> {
    if ctx.out.is_json() {
        ctx.out.json(&distribution.raw)?;
        return Ok(ExitStatus::Success);
    }
    let d = &distribution.item;
    let names = repository_names(ctx, std::iter::once(d));
    let now = Utc::now();
    ctx.out.pairs(vec![
        ("name", Cell::new(&d.name)),
        ("href", Cell::new(&d.pulp_href)),
        ("base path", Cell::new(&d.base_path)),
        ("registry path", Cell::new(&d.registry_path)),
        ("repository", Cell::new(served(d, &names))),
        ("private", Cell::new(if d.private { "yes" } else { "no" })),
        ("description", Cell::new(or_blank(d.description.as_deref()))),
        (
            "content guard",
            Cell::new(or_blank(d.content_guard.as_deref())),
        ),
        ("remote", Cell::new(or_blank(d.remote.as_deref()))),
        ("labels", Cell::new(labels(&d.pulp_labels))),
        ("created", Cell::new(when(&d.pulp_created, now))),
        ("updated", Cell::new(when(&d.pulp_last_updated, now))),
    ])?;
    Ok(ExitStatus::Success)
}

/// Names of the repositories the distributions serve, by repository href. Best effort: one request (a single
/// repository is fetched directly); on any error the table shows hrefs instead.
fn repository_names<'a>(
    ctx: &Context,
    distributions: impl Iterator<Item = &'a Distribution>,
) -> HashMap<String, String> {
    let wanted: Vec<String> = distributions.filter_map(served_repository).collect();
    let mut names = HashMap::new();
    match wanted.as_slice() {
        [] => {}
        [one] => {
            if let Ok(repo) = ctx.client.get::<Repository>(one) {
                names.insert(repo.item.pulp_href, repo.item.name);
            }
        }
        _ => {
            let query = [("limit", REPOSITORY_NAMES_LIMIT.to_string())];
            for collection in href::REPOSITORY_COLLECTIONS {
                if let Ok(page) = ctx.client.list::<Repository>(collection, &query) {
                    names.extend(
                        page.items
                            .into_iter()
                            .map(|r| (r.item.pulp_href, r.item.name)),
                    );
                }
            }
        }
    }
    names
}

/// The href of the repository a distribution serves (directly or through a version).
fn served_repository(d: &Distribution) -> Option<String> {
    if let Some(repository) = &d.repository {
        return Some(href::parse_repository(repository).map_or_else(
            |_| repository.clone(),
            |(collection, id)| href::resource(collection, id),
        ));
    }
    let version = href::parse_version(d.repository_version.as_deref()?).ok()?;
    Some(version.repository())
}

/// What a distribution serves, for people: `hello-repo`, `hello-repo version 2`, or hrefs when names are unknown.
fn served(d: &Distribution, names: &HashMap<String, String>) -> String {
    let name = served_repository(d).and_then(|href| names.get(&href).cloned());
    match (&d.repository, &d.repository_version, name) {
        (Some(_), _, Some(name)) => name,
        (Some(repository), _, None) => repository.clone(),
        (None, Some(version), name) => match (href::parse_repository_version(version), name) {
            (Ok((_, n)), Some(name)) => format!("{name} version {n}"),
            _ => version.clone(),
        },
        (None, None, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPO_ID: &str = "01a20747-6b5d-79a0-b31f-ac30c7f8a7bb";

    fn distribution(
        repository: Option<String>,
        repository_version: Option<String>,
    ) -> Distribution {
        Distribution {
            pulp_href: format!(
                "{}01a2074c-43da-7946-97e4-a21fb83fd28c/",
                href::DISTRIBUTIONS
            ),
            prn: String::new(),
            pulp_created: String::new(),
            pulp_last_updated: String::new(),
            name: "d".into(),
            base_path: "d".into(),
            repository,
            repository_version,
            registry_path: "localhost:24817/d".into(),
            content_guard: None,
            private: false,
            description: None,
            hidden: false,
            pulp_labels: Default::default(),
            remote: None,
            namespace: None,
        }
    }

    #[test]
    fn served_content_is_named_when_known() {
        let repo = href::resource(href::REPOSITORIES, REPO_ID);
        let names = HashMap::from([(repo.clone(), "hello-repo".to_string())]);
        assert_eq!(
            served(&distribution(Some(repo.clone()), None), &names),
            "hello-repo"
        );
        let version = href::repository_version(REPO_ID, 2);
        assert_eq!(
            served(&distribution(None, Some(version.clone())), &names),
            "hello-repo version 2"
        );
        assert_eq!(
            served(&distribution(None, Some(version.clone())), &HashMap::new()),
            version
        );
        assert_eq!(
            served(&distribution(Some(repo.clone()), None), &HashMap::new()),
            repo
        );
        assert_eq!(served(&distribution(None, None), &names), "");
    }

    #[test]
    fn version_hrefs_are_checked_and_made_canonical() {
        let version = href::repository_version(REPO_ID, 2);
        assert_eq!(
            version_href_of(&format!("http://localhost:24817{version}")).unwrap(),
            version
        );
        assert!(version_href_of("hello-repo").is_err());
    }
}
