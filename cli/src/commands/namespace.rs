//! `pulpc namespace …`: container namespaces, the first path segment of pushed images (`myorg` of
//! `myorg/app`). A push creates them; deleting one deletes its push repositories and their distributions.

use anyhow::Context as _;
use chrono::Utc;
use comfy_table::Cell;
use pulp_shared::api::Namespace;

use super::{Context, ExitStatus, NAMESPACE};
use crate::cli::{ListArgs, NameFilter, NamespaceCommand};
use crate::client::Fetched;
use crate::output::{age, labels, when};

pub fn run(ctx: &Context, command: NamespaceCommand) -> anyhow::Result<ExitStatus> {
    match command {
        NamespaceCommand::List { filter, page } => list(ctx, &filter, &page),
        NamespaceCommand::Show { select } => {
            let namespace: Fetched<Namespace> = ctx.select(NAMESPACE, &select)?;
            show(ctx, &namespace)
        }
        NamespaceCommand::Delete {
            select,
            confirm,
            wait,
        } => {
            let current: Fetched<Namespace> = ctx.select(NAMESPACE, &select)?;
            let doing = format!(
                "namespace \"{}\" with its push repositories and their distributions",
                current.item.name
            );
            super::delete_with_task(ctx, &current.item.pulp_href, &doing, &confirm, &wait)
        }
    }
}

fn list(ctx: &Context, filter: &NameFilter, page: &ListArgs) -> anyhow::Result<ExitStatus> {
    let mut query = Vec::new();
    super::name_query(&mut query, filter);
    let listed = ctx
        .list::<Namespace>(NAMESPACE.collection, query, page)
        .context("cannot list namespaces")?;
    if ctx.out.is_json() {
        ctx.out
            .json_list(listed.items.iter().map(|n| n.raw.as_ref()))?;
        return Ok(ExitStatus::Success);
    }
    let now = Utc::now();
    let rows = listed
        .items
        .iter()
        .map(|n| {
            vec![
                Cell::new(&n.item.name),
                Cell::new(labels(&n.item.pulp_labels)),
                Cell::new(age(&n.item.pulp_created, now)),
            ]
        })
        .collect();
    ctx.out.table(&["name", "labels", "created"], rows)?;
    super::note_more(ctx, listed.count, listed.items.len(), page, "namespaces");
    Ok(ExitStatus::Success)
}

fn show(ctx: &Context, namespace: &Fetched<Namespace>) -> anyhow::Result<ExitStatus> {
    if ctx.out.is_json() {
        ctx.out.json(&namespace.raw)?;
        return Ok(ExitStatus::Success);
    }
    let n = &namespace.item;
    ctx.out.pairs(vec![
        ("name", Cell::new(&n.name)),
        ("href", Cell::new(&n.pulp_href)),
        ("labels", Cell::new(labels(&n.pulp_labels))),
        ("created", Cell::new(when(&n.pulp_created, Utc::now()))),
    ])?;
    Ok(ExitStatus::Success)
}
