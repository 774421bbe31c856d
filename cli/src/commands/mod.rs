//! The command layer: turns a parsed [`Cli`] into API calls and output, and every failure into one `error: …`
//! line and an [`ExitStatus`].
//!
//! One file per resource group (`status`, `repository`, `remote`, `distribution`, `pull_through`, `task`,
//! `user`, and `config` for `login`, `logout` and `config`). Commands return
//! `anyhow::Result<ExitStatus>`; the context they add says what was being done to what ("cannot create
//! distribution \"x\""), and [`error_line`] renders the chain as one line. Only this module decides exit codes.

mod config;
mod distribution;
mod namespace;
mod orphans;
mod pull_through;
mod remote;
mod repository;
mod status;
mod task;
mod user;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{anyhow, bail, Context as _};
use clap::CommandFactory;
use pulp_shared::api::{ProgressReport, Task};
use pulp_shared::href;
use serde::de::DeserializeOwned;

use crate::cli::{Cli, ColorChoice, Command, ConfirmArgs, ListArgs, NameFilter, Select};
use crate::client::{self, Answer, Client, Fetched, Listed};
use crate::config::{self as settings, Overrides, Paths, Resolved, Secret};
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
    /// Spinners and bars may be colored (as messages on stderr may).
    progress_color: bool,
    /// Questions may be asked (stdin and stderr are terminals).
    interactive: bool,
}

/// What a command may do on the terminal, decided once from the flags and the terminals.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Progress may be drawn on stderr.
    pub progress: bool,
    /// Progress may be colored.
    pub color: bool,
    /// Questions may be asked.
    pub interactive: bool,
}

/// Runs the command and renders any error; never panics on a closed stdout.
pub fn run(
    cli: Cli,
    overrides: Overrides,
    paths: Paths,
    no_color: bool,
    terminals: Terminals,
) -> ExitStatus {
    let verbose = cli.global.verbose > 0;
    let color = |terminal: bool| match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color,
    };
    let stderr_color = color(terminals.stderr);
    let stdout_color = color(terminals.stdout);
    match execute(cli, overrides, paths, stdout_color, stderr_color, terminals) {
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

fn execute(
    cli: Cli,
    overrides: Overrides,
    paths: Paths,
    stdout_color: bool,
    stderr_color: bool,
    terminals: Terminals,
) -> anyhow::Result<ExitStatus> {
    let global = &cli.global;
    let out = Output::new(global.format, terminals.stdout, stdout_color, global.quiet);
    let ui = Ui {
        progress: terminals.stderr && !global.quiet && global.verbose == 0,
        color: stderr_color,
        interactive: terminals.stdin && terminals.stderr,
    };
    let verbose = global.verbose > 0;
    let needs_password = !matches!(cli.command, Command::Status);
    let command = match cli.command {
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
        Command::Login {
            username,
            password_stdin,
        } => {
            return config::login(
                &paths,
                &overrides,
                username,
                password_stdin,
                &out,
                ui,
                verbose,
            )
        }
        Command::Logout => return config::logout(&paths, &overrides, &out),
        Command::Config(command) => return config::run(&paths, &overrides, command, &out),
        command => command,
    };

    let resolved = settings::resolve(&paths, &overrides, true)?;
    let password = match &resolved.password {
        Some(setting) => Some(match &setting.value {
            Secret::Password(password) => password.clone(),
            Secret::Command(command) => settings::run_password_command(command, &setting.origin)?,
        }),
        // pulpd answers /status/ without credentials; elsewhere, ask on a terminal.
        None if needs_password && ui.interactive => Some(
            dialoguer::Password::new()
                .with_prompt(format!(
                    "password of {} at {}",
                    resolved.username.value, resolved.base_url.value
                ))
                .allow_empty_password(true)
                .interact()
                .context("cannot read the password")?,
        ),
        None => None,
    };
    let client = Client::new(client_settings(&resolved, password, verbose))?;
    let ctx = Context {
        client,
        out,
        progress: ui.progress,
        progress_color: ui.color,
        interactive: ui.interactive,
    };
    match command {
        Command::Status => status::run(&ctx),
        Command::Repository(command) => repository::run(&ctx, command),
        Command::Remote(command) => remote::run(&ctx, command),
        Command::Distribution(command) => distribution::run(&ctx, command),
        Command::Namespace(command) => namespace::run(&ctx, command),
        Command::Task(command) => task::run(&ctx, command),
        Command::User(command) => user::run(&ctx, command),
        Command::Orphans(command) => orphans::run(&ctx, command),
        Command::Completions { .. }
        | Command::Man { .. }
        | Command::Login { .. }
        | Command::Logout
        | Command::Config(_) => unreachable!("handled above"),
    }
}

/// The client's settings for `resolved` and a password.
fn client_settings(
    resolved: &Resolved,
    password: Option<String>,
    verbose: bool,
) -> client::Settings {
    client::Settings {
        base_url: resolved.base_url.value.clone(),
        username: resolved.username.value.clone(),
        password_from: Some(
            resolved
                .password
                .as_ref()
                .map_or_else(|| "the prompt".to_string(), |p| p.origin.to_string()),
        ),
        password,
        login_command: resolved.login_command(),
        verbose,
        ca_cert: resolved.ca_cert.as_ref().map(|c| c.value.clone().into()),
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
    /// The field holding its name, also the list filter for it (`name`; `username` for users).
    pub name_field: &'static str,
}

pub const REPOSITORY: Kind = Kind {
    noun: "repository",
    collection: href::REPOSITORIES,
    name_field: "name",
};
pub const PUSH_REPOSITORY: Kind = Kind {
    noun: "push repository",
    collection: href::PUSH_REPOSITORIES,
    name_field: "name",
};
pub const NAMESPACE: Kind = Kind {
    noun: "namespace",
    collection: href::NAMESPACES,
    name_field: "name",
};
pub const REMOTE: Kind = Kind {
    noun: "remote",
    collection: href::REMOTES,
    name_field: "name",
};
pub const DISTRIBUTION: Kind = Kind {
    noun: "distribution",
    collection: href::DISTRIBUTIONS,
    name_field: "name",
};
pub const PULL_THROUGH_REMOTE: Kind = Kind {
    noun: "pull-through remote",
    collection: "/pulp/api/v3/remotes/container/pull-through/",
    name_field: "name",
};
pub const PULL_THROUGH_DISTRIBUTION: Kind = Kind {
    noun: "pull-through distribution",
    collection: "/pulp/api/v3/distributions/container/pull-through/",
    name_field: "name",
};
pub const USER: Kind = Kind {
    noun: "user",
    collection: href::USERS,
    name_field: "username",
};

/// Names compared for "did you mean": at most this many are fetched (one list request).
const SUGGESTION_NAMES: u64 = 1000;

/// The name among `candidates` closest to `wanted` by edit distance (a swap of neighbours counts once), when it
/// is close enough to be a typo: within 1 edit for names of up to 3 characters, 2 up to 8, and a quarter of the
/// length beyond.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let len = wanted.chars().count();
    let limit = match len {
        0..=3 => 1,
        4..=8 => 2,
        n => n / 4 + 1,
    };
    candidates
        .filter(|c| *c != wanted)
        .map(|c| (edit_distance(&wanted.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of adjacent characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

impl Select {
    /// The name given, positionally or with --name.
    pub fn name(&self) -> Option<&str> {
        self.positional.as_deref().or(self.name.as_deref())
    }

    /// How messages name the selected object: `"name"` or the href.
    pub fn label(&self) -> String {
        match (self.name(), &self.href) {
            (Some(name), _) => format!("\"{name}\""),
            (None, Some(href)) => href.clone(),
            (None, None) => unreachable!("clap requires a name or --href"),
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
        match (select.name(), &select.href) {
            (Some(name), _) => self.find(kind, name),
            (None, Some(given)) => {
                let href = resource_href(kind, given)?;
                self.client
                    .get(&href)
                    .with_context(|| format!("cannot get {} {href}", kind.noun))
            }
            (None, None) => unreachable!("clap requires a name or --href"),
        }
    }

    /// The object of `kind` named exactly `name`.
    ///
    /// # Errors
    /// `no distribution named 'tset'; did you mean 'test'?` (the suggestion when a name is close), request
    /// errors.
    pub fn find<T: DeserializeOwned>(&self, kind: Kind, name: &str) -> anyhow::Result<Fetched<T>> {
        let page = self
            .client
            .list(
                kind.collection,
                &[
                    (kind.name_field, name.to_string()),
                    ("limit", "1".to_string()),
                ],
            )
            .with_context(|| format!("cannot look up {} '{name}'", kind.noun))?;
        if let Some(found) = page.items.into_iter().next() {
            return Ok(found);
        }
        let hint = self
            .suggest(kind, name)
            .map(|s| format!("; did you mean '{s}'?"))
            .unwrap_or_default();
        bail!("no {} named '{name}'{hint}", kind.noun)
    }

    /// A name of `kind` close to `name`, from one list request; best effort (errors suggest nothing).
    fn suggest(&self, kind: Kind, name: &str) -> Option<String> {
        let page: Listed<serde_json::Value> = self
            .client
            .list(kind.collection, &[("limit", SUGGESTION_NAMES.to_string())])
            .ok()?;
        let names: Vec<String> = page
            .items
            .iter()
            .filter_map(|o| o.item.get(kind.name_field)?.as_str().map(str::to_string))
            .collect();
        did_you_mean(name, names.iter().map(String::as_str))
    }

    /// A page of `collection` as `page` asks (`--limit`, `--offset`), or every page from `--offset` on with
    /// `--all`; `query` holds the filters.
    pub fn list<T: DeserializeOwned>(
        &self,
        collection: &str,
        mut query: Vec<(&'static str, String)>,
        page: &ListArgs,
    ) -> Result<Listed<T>, client::Error> {
        query.extend(page_query(page));
        if page.all {
            let progress = self.progress("fetching every page");
            self.client.list_all(collection, &query, |done, count| {
                progress.report(&ProgressReport {
                    message: "Fetching".into(),
                    code: "list.pages".into(),
                    state: "running".into(),
                    total: Some(count.max(done)),
                    done,
                    suffix: None,
                })
            })
        } else {
            self.client.list(collection, &query)
        }
    }

    /// A spinner (and progress bars) on stderr saying `what` pulpc waits for; hidden off a terminal.
    pub fn progress(&self, what: impl Into<String>) -> Progress {
        Progress::spinner(self.progress, self.progress_color, what)
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
        let progress = self.progress(what);
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

/// Deletes the resource at `href` after confirmation; when pulpd answers with a task, waits for it unless
/// `--no-wait` (then prints it). `doing` names the resource in messages (`distribution "test"`).
///
/// # Errors
/// When the user declines, the delete is refused, or the task fails or times out.
pub fn delete_with_task(
    ctx: &Context,
    href: &str,
    doing: &str,
    confirm: &ConfirmArgs,
    wait: &crate::cli::WaitArgs,
) -> anyhow::Result<ExitStatus> {
    ctx.confirm_delete(confirm, doing)?;
    let task = ctx
        .client
        .delete(href)
        .with_context(|| format!("cannot delete {doing}"))?;
    if let Some(task) = task {
        if wait.no_wait {
            print_task(ctx, &task)?;
            return Ok(ExitStatus::Success);
        }
        ctx.wait(&task.item.task, wait.timeout, &format!("deleting {doing}"))
            .with_context(|| format!("cannot delete {doing}"))?;
    }
    ctx.out.note(&format!("deleted {doing}"));
    Ok(ExitStatus::Success)
}

/// `--no-wait`: the task's href (or, with `--format json`, pulpd's `{"task": href}`).
pub fn print_task(
    ctx: &Context,
    task: &Fetched<pulp_shared::api::TaskResponse>,
) -> anyhow::Result<()> {
    if ctx.out.is_json() {
        ctx.out.json(&task.raw)?;
    } else {
        ctx.out.line(&task.item.task)?;
    }
    Ok(())
}

/// A password from the first line of stdin (`--password-stdin`), without its line end.
///
/// # Errors
/// When stdin cannot be read or its first line is empty.
pub fn read_password_line() -> anyhow::Result<String> {
    let mut line = String::new();
    io::stdin()
        .read_line(&mut line)
        .context("cannot read the password from stdin")?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        bail!("--password-stdin: stdin gave no password (an empty first line)");
    }
    Ok(password)
}

/// `limit` and `offset` of a list request.
pub fn page_query(page: &ListArgs) -> Vec<(&'static str, String)> {
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
    if page.offset + shown < count && !page.all {
        ctx.out.note(&format!(
            "showing {what} {}–{} of {count}; see more with --offset {} (and --limit), or all with --all",
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
            password_from: Some("PULPC_PASSWORD".into()),
            login_command: "pulpc login".into(),
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
            state: Some(TaskState::Running),
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
    fn close_names_are_suggested() {
        let names = ["test", "hello-repo", "production", "a"];
        let suggest = |w: &str| did_you_mean(w, names.iter().copied());
        assert_eq!(suggest("tset").as_deref(), Some("test"));
        assert_eq!(suggest("hello-rpeo").as_deref(), Some("hello-repo"));
        assert_eq!(suggest("prodcution").as_deref(), Some("production"));
        assert_eq!(suggest("TEST").as_deref(), Some("test"));
        assert_eq!(suggest("b").as_deref(), Some("a"));
        assert_eq!(suggest("zzzz"), None);
        assert_eq!(suggest("test"), None, "an exact name is not a suggestion");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
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
