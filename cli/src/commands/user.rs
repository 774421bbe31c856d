//! `pulpc user …`: pulpd's user accounts. The users API is for administrators; others get pulpd's 403.

use anyhow::{bail, Context as _};
use chrono::Utc;
use comfy_table::Cell;
use pulp_shared::api::{User, UserRole, UserRoleWrite};
use pulp_shared::href;
use serde::Serialize;

use super::{Context, ExitStatus, USER};
use crate::cli::{ListArgs, RoleAssignmentCommand, UserCommand};
use crate::client::Fetched;
use crate::output::{age, when};

/// Body of a user create.
#[derive(Debug, Serialize)]
struct UserCreate<'a> {
    username: &'a str,
    password: &'a str,
    is_staff: bool,
}

pub fn run(ctx: &Context, command: UserCommand) -> anyhow::Result<ExitStatus> {
    match command {
        UserCommand::Create {
            username,
            password,
            password_stdin,
            staff,
        } => {
            let password = match (password, password_stdin) {
                (Some(password), _) => password,
                (None, true) => super::read_password_line()?,
                (None, false) if ctx.interactive => dialoguer::Password::new()
                    .with_prompt(format!("password of the new user {username}"))
                    .with_confirmation("the same again", "the two passwords differ")
                    .interact()
                    .context("cannot read the password")?,
                (None, false) => bail!(
                    "no password for the new user \"{username}\" and stdin is not a terminal to ask; pass \
                     --password-stdin (or --password)"
                ),
            };
            let body = UserCreate {
                username: &username,
                password: &password,
                is_staff: staff,
            };
            let what = format!("creating user \"{username}\"");
            let user: Fetched<User> = ctx
                .client
                .create(href::USERS, &body)
                .map_err(anyhow::Error::from)
                .and_then(|answer| ctx.settle(answer, None, None, &what))
                .with_context(|| format!("cannot create user \"{username}\""))?;
            show(ctx, &user)
        }
        UserCommand::List {
            username_contains,
            page,
        } => {
            let mut query = Vec::new();
            if let Some(text) = username_contains {
                query.push(("username__icontains", text));
            }
            let listed = ctx
                .list::<User>(href::USERS, query, &page)
                .context("cannot list users")?;
            if ctx.out.is_json() {
                ctx.out
                    .json_list(listed.items.iter().map(|u| u.raw.as_ref()))?;
                return Ok(ExitStatus::Success);
            }
            let now = Utc::now();
            let yes_no = |b: bool| if b { "yes" } else { "no" };
            let rows = listed
                .items
                .iter()
                .map(|u| {
                    let u = &u.item;
                    vec![
                        Cell::new(&u.username),
                        Cell::new(yes_no(u.is_staff)),
                        Cell::new(yes_no(u.is_active)),
                        Cell::new(age(&u.date_joined, now)),
                    ]
                })
                .collect();
            ctx.out
                .table(&["username", "admin", "active", "joined"], rows)?;
            super::note_more(ctx, listed.count, listed.items.len(), &page, "users");
            Ok(ExitStatus::Success)
        }
        UserCommand::RoleAssignment(command) => role_assignment(ctx, command),
        UserCommand::Delete { username, confirm } => {
            let user: Fetched<User> = ctx.find(USER, &username)?;
            let what = format!("user \"{}\"", user.item.username);
            ctx.confirm_delete(&confirm, &what)?;
            ctx.delete(&user.item.pulp_href, None, &format!("deleting {what}"))
                .with_context(|| format!("cannot delete {what}"))?;
            ctx.out.note(&format!("deleted {what}"));
            Ok(ExitStatus::Success)
        }
    }
}

fn show(ctx: &Context, user: &Fetched<User>) -> anyhow::Result<ExitStatus> {
    if ctx.out.is_json() {
        ctx.out.json(&user.raw)?;
        return Ok(ExitStatus::Success);
    }
    let u = &user.item;
    ctx.out.pairs(vec![
        ("username", Cell::new(&u.username)),
        ("href", Cell::new(&u.pulp_href)),
        ("admin", Cell::new(if u.is_staff { "yes" } else { "no" })),
        ("active", Cell::new(if u.is_active { "yes" } else { "no" })),
        ("joined", Cell::new(when(&u.date_joined, Utc::now()))),
    ])?;
    Ok(ExitStatus::Success)
}

/// `pulpc user role-assignment …`.
fn role_assignment(ctx: &Context, command: RoleAssignmentCommand) -> anyhow::Result<ExitStatus> {
    match command {
        RoleAssignmentCommand::List {
            username,
            role,
            page,
        } => {
            let user: Fetched<User> = ctx.find(USER, &username)?;
            let collection = format!("{}roles/", user.item.pulp_href);
            let mut query = Vec::new();
            if let Some(role) = role {
                query.push(("role", role));
            }
            let listed = ctx
                .list::<UserRole>(&collection, query, &page)
                .with_context(|| format!("cannot list the roles of user \"{username}\""))?;
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
                        Cell::new(&r.role),
                        Cell::new(r.content_object.as_deref().unwrap_or("(every object)")),
                        Cell::new(age(&r.pulp_created, now)),
                    ]
                })
                .collect();
            ctx.out.table(&["role", "object", "given"], rows)?;
            super::note_more(ctx, listed.count, listed.items.len(), &page, "roles");
            Ok(ExitStatus::Success)
        }
        RoleAssignmentCommand::Add {
            username,
            role,
            object,
        } => {
            let user: Fetched<User> = ctx.find(USER, &username)?;
            let body = UserRoleWrite {
                role: role.clone(),
                content_object: (!object.is_empty()).then_some(object),
            };
            let what = format!("giving role \"{role}\" to user \"{username}\"");
            let given: Fetched<UserRole> = ctx
                .client
                .create(&format!("{}roles/", user.item.pulp_href), &body)
                .map_err(anyhow::Error::from)
                .and_then(|answer| ctx.settle(answer, None, None, &what))
                .with_context(|| format!("cannot give role \"{role}\" to user \"{username}\""))?;
            if ctx.out.is_json() {
                ctx.out.json(&given.raw)?;
            } else {
                ctx.out
                    .note(&format!("gave role \"{role}\" to user \"{username}\""));
            }
            Ok(ExitStatus::Success)
        }
        RoleAssignmentCommand::Remove {
            username,
            role,
            object,
        } => {
            let user: Fetched<User> = ctx.find(USER, &username)?;
            let collection = format!("{}roles/", user.item.pulp_href);
            let object_filter = if object.is_empty() {
                "null".to_string()
            } else {
                object.clone()
            };
            let page = ListArgs {
                limit: 1,
                offset: 0,
                all: false,
            };
            let found = ctx
                .list::<UserRole>(
                    &collection,
                    vec![("role", role.clone()), ("content_object", object_filter)],
                    &page,
                )
                .with_context(|| format!("cannot list the roles of user \"{username}\""))?;
            let Some(assignment) = found.items.first() else {
                bail!(
                    "user \"{username}\" does not hold role \"{role}\" on {}; see `pulpc user role-assignment list \
                     --username {username}`",
                    if object.is_empty() { "every object" } else { object.as_str() }
                );
            };
            let what = format!("role \"{role}\" of user \"{username}\"");
            ctx.delete(
                &assignment.item.pulp_href,
                None,
                &format!("removing {what}"),
            )
            .with_context(|| format!("cannot remove {what}"))?;
            ctx.out.note(&format!("removed {what}"));
            Ok(ExitStatus::Success)
        }
    }
}
