//! The command layer: turns a parsed [`Cli`] into API calls and output, and every failure into one `error: …`
//! line and an [`ExitStatus`].
//!
//! One file per resource group (`status`, `repository`, `remote`, `distribution`, `task`). Commands return
//! `anyhow::Result<ExitStatus>`; the context they add says what was being done to what ("cannot create
//! distribution \"x\""), and [`error_line`] renders the chain as one line. Only this module decides exit codes.

mod distribution;
mod remote;
mod repository;
mod status;
mod task;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{anyhow, bail, Context as _};
use clap::CommandFactory;
use pulp_shared::api::Task;
use pulp_shared::href;
use serde::de::DeserializeOwned;

use crate::cli::{Cli, ColorChoice, Command, ConfirmArgs, ListArgs, NameFilter, Select};
use crate::client::{self, Answer, Client, Fetched};
use crate::output::Output;
use crate::progress::Progress;

/// How pulpc ends; the one place exit codes are decided (uv's `ExitStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: done.
    Success,
    /// 1: the API refused, a task failed, or pulpd cannot be reached.
    Failure,
    /// 2: the command line is wrong (clap reports these itself).
    Usage,
    /// 3: a wait ran out of time.
    Timeout,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Timeout => 3,
        })
    }
}

/// Which standard streams are terminals, probed once in `main`.
#[derive(Debug, Clone, Copy)]
pub struct Terminals {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

impl Terminals {
    pub fn probe() -> Terminals {
        Terminals {
            stdin: io::stdin().is_terminal(),
            stdout: io::stdout().is_terminal(),
            stderr: io::stderr().is_terminal(),
        }
    }
}

/// What every command gets: the API client, the output, and whether it may draw or ask on the terminal.
pub struct Context {
    pub client: Client,
    pub out: Output,
    /// A spinner may be drawn on stderr (a terminal, not `--quiet`, not `-v`).
    progress: bool,
    /// Questions may be asked (stdin and stderr are terminals).
    interactive: bool,
}

/// Runs the command and renders any error; never panics on a closed stdout.
pub fn run(cli: Cli, no_color: bool, terminals: Terminals) -> ExitStatus {
    let verbose = cli.global.verbose > 0;
    let color = |terminal: bool| match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color,
    };
    let stderr_color = color(terminals.stderr);
    let stdout_color = color(terminals.stdout);
    match execute(cli, stdout_color, terminals) {
        Ok(status) => status,
        Err(err) if is_broken_pipe(&err) => ExitStatus::Success,
        Err(err) => {
            let prefix = if stderr_color {
                "\x1b[1;31merror:\x1b[0m"
            } else {
                "error:"
            };
            let mut stderr = io::stderr().lock();
            let (line, deeper) = split_chain(&err);
            let _ = writeln!(stderr, "{prefix} {line}");
            if verbose {
                for cause in deeper {
                    let _ = writeln!(stderr, "  caused by: {cause}");
                }
            }
            exit_status_of(&err)
        }
    }
}

fn execute(cli: Cli, stdout_color: bool, terminals: Terminals) -> anyhow::Result<ExitStatus> {
    let global = &cli.global;
    let out = Output::new(global.format, terminals.stdout, stdout_color, global.quiet);
    let needs_password = !matches!(
        cli.command,
        Command::Status | Command::Completions { .. } | Command::Man { .. }
    );
    match cli.command {
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "pulpc", &mut buf);
            io::stdout().lock().write_all(&buf)?;
            return Ok(ExitStatus::Success);
        }
        Command::Man { out: dir } => {
            match dir {
                Some(dir) => {
                    std::fs::create_dir_all(&dir)
                        .with_context(|| format!("cannot create {}", dir.display()))?;
                    clap_mangen::generate_to(Cli::command(), &dir).with_context(|| {
                        format!("cannot write man pages into {}", dir.display())
                    })?;
                }
                None => {
                    let mut buf = Vec::new();
                    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
                    io::stdout().lock().write_all(&buf)?;
                }
            }
            return Ok(ExitStatus::Success);
        }
        _ => {}
    }

    let interactive = terminals.stdin && terminals.stderr;
    let mut password = cli.connection.password;
    if password.is_none() && needs_password && interactive {
        password = Some(
            dialoguer::Password::new()
                .with_prompt(format!(
                    "password of {} at {}",
                    cli.connection.username, cli.connection.base_url
                ))
                .allow_empty_password(true)
                .interact()
                .context("cannot read the password")?,
        );
    }
    let client = Client::new(client::Settings {
        base_url: cli.connection.base_url,
        username: cli.connection.username,
        password,
        verbose: global.verbose > 0,
    })?;
    let ctx = Context {
        client,
        out,
        progress: terminals.stderr && !global.quiet && global.verbose == 0,
        interactive,
    };
    match cli.command {
        Command::Status => status::run(&ctx),
        Command::Repository(command) => repository::run(&ctx, command),
        Command::Remote(command) => remote::run(&ctx, command),
        Command::Distribution(command) => distribution::run(&ctx, command),
        Command::Task(command) => task::run(&ctx, command),
        Command::Completions { .. } | Command::Man { .. } => unreachable!("handled above"),
    }
}

/// The one line printed after `error: ` and the deeper causes (library errors) that only `-v` shows. The line
/// is the context chain down to pulpc's own error, joined by `: `; an error that explains itself (pulpd
/// unreachable, bad credentials) stands alone.
fn split_chain(err: &anyhow::Error) -> (String, Vec<String>) {
    let causes: Vec<&(dyn std::error::Error + 'static)> = err.chain().collect();
    // Some(stands alone) for pulpc's own errors, None for context and library errors.
    fn ours(c: &(dyn std::error::Error + 'static)) -> Option<bool> {
        c.downcast_ref::<client::Error>()
            .map(client::Error::stands_alone)
    }
    let (shown, deeper) = if let Some(i) = causes.iter().position(|c| ours(*c) == Some(true)) {
        (&causes[i..=i], &causes[i + 1..])
    } else if let Some(i) = causes.iter().position(|c| ours(*c).is_some()) {
        (&causes[..=i], &causes[i + 1..])
    } else {
        (&causes[..], &causes[causes.len()..])
    };
    let flat = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = shown
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(": ");
    (
        flat(line),
        deeper.iter().map(|c| flat(c.to_string())).collect(),
    )
}

/// Timeout (3) when a wait ran out of time, else failure (1).
pub fn exit_status_of(err: &anyhow::Error) -> ExitStatus {
    let timed_out = err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<client::Error>(),
            Some(client::Error::TaskTimeout { .. })
        )
    });
    if timed_out {
        ExitStatus::Timeout
    } else {
        ExitStatus::Failure
    }
}

/// stdout was closed by its reader (`pulpc task list | head -1`): a normal end, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A kind of named resource: what it is called and where it lives.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub noun: &'static str,
    pub collection: &'static str,
}

pub const REPOSITORY: Kind = Kind {
    noun: "repository",
    collection: href::REPOSITORIES,
};
pub const REMOTE: Kind = Kind {
    noun: "remote",
    collection: href::REMOTES,
};
pub const DISTRIBUTION: Kind = Kind {
    noun: "distribution",
    collection: href::DISTRIBUTIONS,
};

impl Select {
    /// How messages name the selected object: `"name"` or the href.
    pub fn label(&self) -> String {
        match (&self.name, &self.href) {
            (Some(name), _) => format!("\"{name}\""),
            (None, Some(href)) => href.clone(),
            (None, None) => unreachable!("clap requires --name or --href"),
        }
    }
}

impl Context {
    /// The object `select` names.
    ///
    /// # Errors
    /// `no distribution named 'x'`; a malformed href; 404 and request errors.
    pub fn select<T: DeserializeOwned>(
        &self,
        kind: Kind,
        select: &Select,
    ) -> anyhow::Result<Fetched<T>> {
        match (&select.name, &select.href) {
            (Some(name), _) => self.find(kind, name),
            (None, Some(given)) => {
                let href = resource_href(kind, given)?;
                self.client
                    .get(&href)
                    .with_context(|| format!("cannot get {} {href}", kind.noun))
            }
            (None, None) => unreachable!("clap requires --name or --href"),
        }
    }

    /// The object of `kind` named exactly `name`.
    pub fn find<T: DeserializeOwned>(&self, kind: Kind, name: &str) -> anyhow::Result<Fetched<T>> {
        self.client
            .find_by_name(kind.collection, name)
            .with_context(|| format!("cannot look up {} '{name}'", kind.noun))?
            .ok_or_else(|| anyhow!("no {} named '{name}'", kind.noun))
    }

    /// The href of an object given by name or href; a name costs one lookup.
    pub fn href_of(&self, kind: Kind, name_or_href: &str) -> anyhow::Result<String> {
        if let Some(href) = client::resource_href(kind.collection, name_or_href) {
            return Ok(href);
        }
        if name_or_href.starts_with('/') || name_or_href.contains("://") {
            bail!(
                "'{name_or_href}' is not a {} href (expected {}<uuid>/)",
                kind.noun,
                kind.collection
            );
        }
        let found: Fetched<serde_json::Value> = self.find(kind, name_or_href)?;
        found
            .item
            .get("pulp_href")
            .and_then(|h| h.as_str())
            .map(str::to_string)
            .ok_or_else(|| anyhow!("pulpd sent a {} without pulp_href", kind.noun))
    }

    /// Waits for a task with a spinner saying `what`; `Ok` only when it completed.
    ///
    /// # Errors
    /// The task's failure or cancellation, a timeout (exit code 3), request errors.
    pub fn wait(
        &self,
        task_href: &str,
        timeout: Option<Duration>,
        what: &str,
    ) -> anyhow::Result<Fetched<Task>> {
        let progress = Progress::spinner(self.progress, what);
        let task = self.client.wait_task(task_href, timeout, &progress)?;
        drop(progress);
        client::ensure_completed(&task.item)?;
        Ok(task)
    }

    /// The object a write produced: the answer itself, or, when pulpd answered with a task, the object at `href`
    /// (default: the task's first created resource) once the task completed. Pulp answers 202 where pulpd
    /// answers at once (repository and remote updates), so both are handled.
    pub fn settle<T: DeserializeOwned>(
        &self,
        answer: Answer<T>,
        href: Option<&str>,
        timeout: Option<Duration>,
        what: &str,
    ) -> anyhow::Result<Fetched<T>> {
        match answer {
            Answer::Done(object) => Ok(object),
            Answer::Task(task) => {
                let done = self.wait(&task.item.task, timeout, what)?;
                let href = match href {
                    Some(href) => href.to_string(),
                    None => done
                        .item
                        .created_resources
                        .first()
                        .cloned()
                        .ok_or_else(|| {
                            anyhow!(
                                "task {} completed without creating anything",
                                done.item.pulp_href
                            )
                        })?,
                };
                Ok(self.client.get(&href)?)
            }
        }
    }

    /// Deletes the object at `href`, waiting for pulpd's task if it answers with one.
    pub fn delete(&self, href: &str, timeout: Option<Duration>, what: &str) -> anyhow::Result<()> {
        if let Some(task) = self.client.delete(href)? {
            self.wait(&task.item.task, timeout, what)?;
        }
        Ok(())
    }

    /// Asks before deleting, unless `--yes`. Off a terminal, refuses instead of asking.
    ///
    /// # Errors
    /// When the user says no, or cannot be asked and gave no `--yes`.
    pub fn confirm_delete(&self, confirm: &ConfirmArgs, what: &str) -> anyhow::Result<()> {
        if confirm.yes {
            return Ok(());
        }
        if !self.interactive {
            bail!("not deleting {what} without confirmation; pass --yes (stdin is not a terminal)");
        }
        let yes = dialoguer::Confirm::new()
            .with_prompt(format!("delete {what}?"))
            .default(false)
            .interact()
            .context("cannot read the answer")?;
        if !yes {
            bail!("{what} not deleted");
        }
        Ok(())
    }
}

/// `limit` and `offset` of a list request.
fn page_query(page: &ListArgs) -> Vec<(&'static str, String)> {
    vec![
        ("limit", page.limit.to_string()),
        ("offset", page.offset.to_string()),
    ]
}

/// Adds `--name` / `--name-contains` to a list request.
fn name_query(query: &mut Vec<(&'static str, String)>, filter: &NameFilter) {
    if let Some(name) = &filter.name {
        query.push(("name", name.clone()));
    }
    if let Some(text) = &filter.name_contains {
        query.push(("name__icontains", text.clone()));
    }
}

/// Tells people (on stderr) that a table shows only part of the list.
fn note_more(ctx: &Context, count: u64, shown: usize, page: &ListArgs, what: &str) {
    let shown = shown as u64;
    if page.offset + shown < count {
        ctx.out.note(&format!(
            "showing {what} {}–{} of {count}; see more with --offset {} (and --limit)",
            page.offset + 1,
            page.offset + shown,
            page.offset + shown
        ));
    }
}

/// The canonical href of a `kind` object given as href, URL or UUID.
fn resource_href(kind: Kind, given: &str) -> anyhow::Result<String> {
    client::resource_href(kind.collection, given).ok_or_else(|| {
        anyhow!(
            "'{given}' is not a {} href (expected {}<uuid>/)",
            kind.noun,
            kind.collection
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulp_shared::api::TaskState;
    use reqwest::{Method, StatusCode};

    fn api_error(reason: &str) -> client::Error {
        client::Error::Api {
            method: Method::POST,
            url: "http://localhost:24817/pulp/api/v3/distributions/container/container/".into(),
            status: StatusCode::BAD_REQUEST,
            reason: reason.into(),
        }
    }

    fn error_line(err: &anyhow::Error) -> String {
        split_chain(err).0
    }

    #[test]
    fn api_errors_render_as_context_and_reason() {
        let body = r#"{"base_path":["This field must be unique."]}"#;
        let err = anyhow::Error::new(api_error(&pulp_shared::error::describe_api_error(body)))
            .context("cannot create distribution \"x\"");
        assert_eq!(
            error_line(&err),
            "cannot create distribution \"x\": base_path: This field must be unique."
        );
        assert_eq!(exit_status_of(&err), ExitStatus::Failure);
    }

    #[test]
    fn self_explaining_errors_drop_the_context() {
        let err = anyhow::Error::new(client::Error::Unauthorized {
            username: "admin".into(),
            password_given: true,
            detail: "Invalid username/password.".into(),
        })
        .context("cannot look up repository 'r'");
        let line = error_line(&err);
        assert!(
            line.starts_with("pulpd rejected the credentials of user \"admin\""),
            "{line}"
        );
    }

    #[test]
    fn timeouts_exit_with_3_and_failed_tasks_with_1() {
        let timeout = anyhow::Error::new(client::Error::TaskTimeout {
            href: "/pulp/api/v3/tasks/x/".into(),
            state: TaskState::Running,
            waited: Duration::from_millis(1500),
        });
        assert_eq!(exit_status_of(&timeout), ExitStatus::Timeout);
        assert_eq!(
            error_line(&timeout),
            "task /pulp/api/v3/tasks/x/ is still running after 1.5s; keep waiting with \
             `pulpc task wait /pulp/api/v3/tasks/x/`"
        );
        let failed = anyhow::Error::new(client::Error::TaskFailed {
            href: "/pulp/api/v3/tasks/x/".into(),
            description: "boom\nwith a second line".into(),
        });
        assert_eq!(exit_status_of(&failed), ExitStatus::Failure);
        assert_eq!(
            error_line(&failed),
            "task /pulp/api/v3/tasks/x/ failed: boom with a second line"
        );
    }

    #[test]
    fn library_causes_are_kept_for_verbose() {
        let io = io::Error::other("operation timed out");
        let decode = client::Error::Decode {
            method: Method::GET,
            url: "http://h/x/".into(),
            source: serde_json::from_str::<u8>("x").unwrap_err(),
        };
        let err = anyhow::Error::new(decode).context("cannot list tasks");
        let (line, deeper) = split_chain(&err);
        assert!(
            line.starts_with(
                "cannot list tasks: unexpected answer from pulpd to GET http://h/x/: "
            ),
            "{line}"
        );
        assert_eq!(deeper.len(), 1);
        let plain = anyhow::Error::new(io).context("cannot write");
        assert_eq!(
            split_chain(&plain),
            ("cannot write: operation timed out".to_string(), vec![])
        );
    }

    #[test]
    fn broken_pipe_is_recognized_through_context() {
        let err =
            anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("printing");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow!("other")));
    }

    #[test]
    fn exit_statuses_map_to_codes() {
        for (status, code) in [
            (ExitStatus::Success, 0u8),
            (ExitStatus::Failure, 1),
            (ExitStatus::Usage, 2),
            (ExitStatus::Timeout, 3),
        ] {
            assert_eq!(ExitCode::from(status), ExitCode::from(code));
        }
    }
}
