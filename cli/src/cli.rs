//! Every clap definition of pulpc, and nothing else (ripgrep's and uv's rule: the CLI is described in one place).
//!
//! `--help`, the man pages (`pulpc man`) and the shell completions (`pulpc completions`) are all generated from
//! these types, so every argument carries its help here. Parsing only validates (hrefs, URLs, numbers); doing
//! things happens later in `commands/`.
//!
//! Connection options (`--base-url`, `--username`, `--password`) come *before* the subcommand, as with pulp-cli:
//! `pulpc remote create` has its own `--username`/`--password` for the upstream registry. `--base-url` and the
//! output options are global and may appear anywhere.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{BoolishValueParser, PossibleValuesParser, TypedValueParser};
use clap::{ArgAction, ArgGroup, Args, Parser, Subcommand, ValueEnum};
use pulp_shared::api::{Policy, TaskState};

use crate::client;
use crate::env;

/// Where pulpd listens unless told otherwise.
pub const DEFAULT_BASE_URL: &str = "http://localhost:24817";
/// The user pulpd creates on first start.
pub const DEFAULT_USERNAME: &str = "admin";
/// Page size of `list` commands unless `--limit` says otherwise (pulp-cli's default too).
pub const DEFAULT_LIMIT: u64 = 100;

/// pulpc: manage container repositories, remotes and distributions on pulpd.
#[derive(Debug, Parser)]
#[command(
    name = "pulpc",
    version,
    about = "Manage container repositories, remotes and distributions on pulpd",
    long_about = "Manage container repositories, remotes and distributions on pulpd, the container registry that \
                  speaks Pulp 3's container API.\n\n\
                  Data goes to stdout (tables for people, `--format json` for scripts); progress and errors go to \
                  stderr. Exit codes: 0 success, 1 API or task error, 2 usage error, 3 timeout.",
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub connection: ConnectionArgs,

    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// How to reach and authenticate to pulpd. Each of these beats the config file's profile (see `pulpc config`);
/// `None` means "not given on the command line nor in the environment".
#[derive(Debug, Args)]
#[command(next_help_heading = "Connection")]
pub struct ConnectionArgs {
    /// Base URL of pulpd [default: the profile's, else http://localhost:24817]
    #[arg(
        long,
        global = true,
        env = env::PULPC_BASE_URL,
        hide_env_values = true,
        value_name = "URL",
        value_parser = parse_base_url
    )]
    pub base_url: Option<String>,

    /// User name for pulpd, before the subcommand [default: profile's, else admin]
    ///
    /// Give it before the subcommand (`pulpc --username bob repository list`): `pulpc remote create --username`
    /// is the upstream registry's user.
    #[arg(long, env = env::PULPC_USERNAME, hide_env_values = true, value_name = "USER")]
    pub username: Option<String>,

    /// Password for pulpd (give it before the subcommand)
    ///
    /// Prefer `pulpc login` (which saves it in the config file, mode 0600) or the environment variable: a flag
    /// is visible to other users in the process list. When none is set and stdin is a terminal, pulpc asks.
    #[arg(long, env = env::PULPC_PASSWORD, hide_env_values = true, value_name = "PASSWORD")]
    pub password: Option<String>,

    /// Profile of the config file to use [default: default]
    ///
    /// Profiles live in $XDG_CONFIG_HOME/pulpc/config.toml (~/.config/pulpc/config.toml) as
    /// `[profiles.NAME]` tables with base_url, username and password or password_command. When pulpc has no
    /// config file, pulp-cli's ~/.config/pulp/cli.toml is read instead ([cli], or [cli-NAME] for --profile NAME).
    #[arg(long, global = true, env = env::PULPC_PROFILE, hide_env_values = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// CA certificate (PEM) to verify pulpd's HTTPS certificate with [default: profile's, else system trust]
    ///
    /// For a pulpd started with --tls-self-signed, that is the certificate it wrote into its data dir
    /// (tls-self-signed.crt). It is trusted in addition to the system's roots.
    #[arg(long, global = true, env = env::PULPC_CA_CERT, hide_env_values = true, value_name = "FILE")]
    pub ca_cert: Option<String>,
}

/// Output and diagnostics; valid anywhere on the command line.
#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct GlobalArgs {
    /// Output format of the data printed on stdout
    ///
    /// `json` prints exactly the API's objects, pretty-printed, one JSON document per command (a list prints the
    /// array of results).
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Show each HTTP request on stderr (method, URL, status, time), and the cause chain of errors
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub verbose: u8,

    /// Print no progress spinner and no notes on stderr (errors are still printed)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// When to use colors in tables and messages (NO_COLOR also turns them off)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Output format of data on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for people
    Table,
    /// The API's JSON objects, pretty-printed
    Json,
}

/// When to color output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when writing to a terminal and NO_COLOR is not set
    Auto,
    /// Always color
    Always,
    /// Never color
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show pulpd's versions, workers and storage (needs no credentials)
    Status,

    /// Create, list, show, update and delete container repositories
    #[command(subcommand)]
    Repository(RepositoryCommand),

    /// Create, list, show, update and delete container remotes (upstream registries)
    #[command(subcommand)]
    Remote(RemoteCommand),

    /// Create, list, show, update and delete distributions (where a repository is served)
    #[command(subcommand)]
    Distribution(DistributionCommand),

    /// List, show and delete container namespaces (the first path segment of pushed images)
    #[command(subcommand)]
    Namespace(NamespaceCommand),

    /// List, show, wait for and cancel asynchronous tasks
    #[command(subcommand)]
    Task(TaskCommand),

    /// Create, list and delete pulpd's user accounts (administrators only)
    #[command(subcommand)]
    User(UserCommand),

    /// Remove content no repository version references (administrators only)
    #[command(subcommand)]
    Orphans(OrphansCommand),

    /// Check a password against pulpd and save it in the config file's profile
    ///
    /// Asks for the password with a hidden prompt when stdin is a terminal; otherwise takes it from
    /// --password-stdin, --password or PULPC_PASSWORD, and never asks. Saves base URL, user name and password in
    /// the profile (--profile / PULPC_PROFILE, else `default`) of $XDG_CONFIG_HOME/pulpc/config.toml, readable
    /// by you alone (mode 0600). Later commands use them without flags.
    Login {
        /// User to log in as [default: the profile's, else admin]
        #[arg(long, value_name = "USER")]
        username: Option<String>,

        /// Read the password from the first line of stdin (for scripts)
        #[arg(long)]
        password_stdin: bool,
    },

    /// Forget the password `pulpc login` saved (base URL and user name stay)
    Logout,

    /// Show or change pulpc's settings (config file profiles)
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Print a shell completion script on stdout
    ///
    /// For example `pulpc completions bash > ~/.local/share/bash-completion/completions/pulpc`.
    Completions {
        /// Shell to generate the script for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the man page, or write one page per subcommand into a directory
    Man {
        /// Write pulpc.1, pulpc-distribution.1, pulpc-distribution-create.1, … into DIR
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// Selects one resource by name or by href.
#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct Select {
    /// Name of the resource (like --name)
    #[arg(value_name = "NAME")]
    pub positional: Option<String>,

    /// Name of the resource
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Href of the resource (its UUID alone works too)
    #[arg(long, value_name = "HREF")]
    pub href: Option<String>,
}

/// Selects one repository: by name (positionally, `--name` or `--repository`: every repository command takes
/// the same flags) or by href.
#[derive(Debug, Clone, Args)]
#[group(required = true, multiple = false)]
pub struct RepositorySelect {
    /// Name of the repository (like --name)
    #[arg(value_name = "NAME")]
    pub positional: Option<String>,

    /// Name of the repository
    #[arg(long, value_name = "NAME", visible_alias = "repository")]
    pub name: Option<String>,

    /// Href of the repository (its UUID alone works too)
    #[arg(long, value_name = "HREF")]
    pub href: Option<String>,
}

impl RepositorySelect {
    /// The same choice as a [`Select`] (what the lookups take).
    pub fn select(&self) -> Select {
        Select {
            positional: self.positional.clone(),
            name: self.name.clone(),
            href: self.href.clone(),
        }
    }
}

/// Paging of `list` commands.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Show at most N entries
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
    pub limit: u64,

    /// Skip the first N entries (newest first)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: u64,

    /// Show every entry: follow the pages of the list (--limit is then the page size)
    #[arg(long)]
    pub all: bool,
}

/// Name filters of `list` commands.
#[derive(Debug, Clone, Args)]
pub struct NameFilter {
    /// Only the one with exactly this name
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Only those whose name contains TEXT (ignoring case)
    #[arg(long, value_name = "TEXT")]
    pub name_contains: Option<String>,
}

/// Waiting for the task of an asynchronous operation.
#[derive(Debug, Clone, Args)]
pub struct WaitArgs {
    /// Print the task's href and return at once instead of waiting for the task
    #[arg(long)]
    pub no_wait: bool,

    /// Give up waiting after SECS seconds (exit code 3; the task goes on)
    #[arg(long, value_name = "SECS", value_parser = parse_secs, conflicts_with = "no_wait")]
    pub timeout: Option<Duration>,
}

/// Confirmation of destructive commands.
#[derive(Debug, Clone, Args)]
pub struct ConfirmArgs {
    /// Do not ask for confirmation (required when stdin is not a terminal)
    #[arg(short, long)]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum RepositoryCommand {
    /// Create a repository
    Create {
        /// Name of the new repository (unique)
        #[arg(long, value_name = "NAME")]
        name: String,

        /// Free text describing the repository
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,

        /// Keep only the newest N versions (default: keep all)
        #[arg(long, value_name = "N")]
        retain_repo_versions: Option<u64>,

        /// Remote that `repository sync` uses when given none (name or href)
        #[arg(long, value_name = "NAME_OR_HREF")]
        remote: Option<String>,
    },

    /// List repositories (sync and push), newest first
    List {
        #[command(flatten)]
        filter: NameFilter,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Show one repository
    Show {
        #[command(flatten)]
        select: RepositorySelect,
    },

    /// Change a repository's description, version retention or remote
    #[command(group(ArgGroup::new("changes").required(true).multiple(true)))]
    Update {
        #[command(flatten)]
        select: RepositorySelect,

        /// New description
        #[arg(long, value_name = "TEXT", group = "changes")]
        description: Option<String>,

        /// Keep only the newest N versions
        #[arg(long, value_name = "N", group = "changes")]
        retain_repo_versions: Option<u64>,

        /// Remote that `repository sync` uses when given none (name or href)
        #[arg(long, value_name = "NAME_OR_HREF", group = "changes")]
        remote: Option<String>,
    },

    /// Delete a repository and its versions
    Delete {
        #[command(flatten)]
        select: RepositorySelect,

        #[command(flatten)]
        confirm: ConfirmArgs,
    },

    /// Repository versions
    #[command(subcommand)]
    Version(VersionCommand),

    /// Sync a repository from a remote, and print the repository version it made
    ///
    /// Waits for the sync task, with one progress bar per stage of the task's progress reports on stderr when
    /// it is a terminal; with --no-wait prints only the task's href. When the sync changed nothing, prints the
    /// latest version.
    Sync {
        #[command(flatten)]
        select: RepositorySelect,

        /// Remote to sync from (name or href) [default: the repository's remote]
        #[arg(long, value_name = "NAME_OR_HREF")]
        remote: Option<String>,

        /// Mirror the remote: the new version drops what the remote no longer has
        #[arg(long)]
        mirror: bool,

        #[command(flatten)]
        wait: WaitArgs,
    },

    /// What a repository version holds
    #[command(subcommand)]
    Content(ContentCommand),

    /// Point a tag of a push repository at a manifest, and print the version it made
    ///
    /// Waits for the task; with --no-wait prints only the task's href. An existing tag moves to the manifest;
    /// when the tag already points at it, nothing changes and the latest version is printed.
    Tag {
        #[command(flatten)]
        select: RepositorySelect,

        /// Tag to set
        #[arg(long, value_name = "TAG")]
        tag: String,

        /// Digest of a manifest in the repository's latest version (sha256:…)
        #[arg(long, value_name = "DIGEST")]
        digest: String,

        #[command(flatten)]
        wait: WaitArgs,
    },

    /// Remove a tag from a push repository (its manifest stays), and print the version it made
    Untag {
        #[command(flatten)]
        select: RepositorySelect,

        /// Tag to remove
        #[arg(long, value_name = "TAG")]
        tag: String,

        #[command(flatten)]
        wait: WaitArgs,
    },

    /// Remove a manifest from a push repository, and print the version it made
    ///
    /// The tags pointing at the manifest go too; for an index, so do the manifests it lists that nothing else
    /// in the repository uses; blobs go when no remaining manifest uses them.
    RemoveImage {
        #[command(flatten)]
        select: RepositorySelect,

        /// Digest of the manifest to remove (sha256:…)
        #[arg(long, value_name = "DIGEST")]
        digest: String,

        #[command(flatten)]
        wait: WaitArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum NamespaceCommand {
    /// List namespaces, newest first
    List {
        #[command(flatten)]
        filter: NameFilter,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Show one namespace
    Show {
        #[command(flatten)]
        select: Select,
    },

    /// Delete a namespace with its push repositories and their distributions
    Delete {
        #[command(flatten)]
        select: Select,

        #[command(flatten)]
        confirm: ConfirmArgs,

        #[command(flatten)]
        wait: WaitArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    /// List what a repository version holds: its tags (with their manifests' digests), manifests or blobs
    List {
        #[command(flatten)]
        select: RepositorySelect,

        /// Version number [default: the latest]
        #[arg(long, value_name = "N")]
        version: Option<u64>,

        /// What to list
        #[arg(long = "type", short = 't', value_enum, default_value_t = ContentType::Tag)]
        content_type: ContentType,
    },
}

/// The content types of a repository version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ContentType {
    Tag,
    Manifest,
    Blob,
}

#[derive(Debug, Subcommand)]
pub enum VersionCommand {
    /// List the versions of a repository, newest first
    List {
        #[command(flatten)]
        repository: RepositorySelect,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Show one version of a repository: its content summary
    Show {
        #[command(flatten)]
        repository: RepositorySelect,

        /// Version number
        #[arg(long, value_name = "N")]
        version: u64,
    },

    /// Delete a version of a repository (a task), freeing what only it held for the next orphan cleanup
    ///
    /// The latest version and versions a distribution serves cannot be deleted.
    Delete {
        #[command(flatten)]
        repository: RepositorySelect,

        /// Version number
        #[arg(long, value_name = "N")]
        version: u64,

        #[command(flatten)]
        confirm: ConfirmArgs,

        #[command(flatten)]
        wait: WaitArgs,
    },
}

/// Settings of a remote other than its name, shared by create and update.
#[derive(Debug, Clone, Args)]
pub struct RemoteOptions {
    /// When content is downloaded: at sync (immediate), at first pull (on_demand), or never stored (streamed)
    #[arg(
        long,
        value_name = "POLICY",
        value_parser = PossibleValuesParser::new(Policy::ALL)
            .map(|s| Policy::parse(&s).expect("possible values are Policy::ALL"))
    )]
    pub policy: Option<Policy>,

    /// Sync only these tags (comma-separated, wildcards allowed)
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub include_tags: Option<Vec<String>>,

    /// Skip these tags (comma-separated, wildcards allowed)
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub exclude_tags: Option<Vec<String>>,

    /// How many downloads to run at once
    #[arg(long, value_name = "N")]
    pub download_concurrency: Option<u64>,

    #[command(flatten)]
    pub connection: ConnectionOptions,
}

/// How to reach an upstream registry: credentials, TLS, proxy, retries, timeouts, headers (container and
/// pull-through remotes alike).
#[derive(Debug, Clone, Args)]
pub struct ConnectionOptions {
    /// User name for the upstream registry (not for pulpd)
    #[arg(long, value_name = "USER")]
    pub username: Option<String>,

    /// Password for the upstream registry (not for pulpd)
    #[arg(long, value_name = "PASSWORD")]
    pub password: Option<String>,

    /// Whether to verify the upstream's TLS certificate (true/false)
    #[arg(long, value_name = "BOOL", value_parser = BoolishValueParser::new())]
    pub tls_validation: Option<bool>,

    /// HTTP proxy to reach the upstream through
    #[arg(long, value_name = "URL")]
    pub proxy_url: Option<String>,

    /// PEM file of CA certificates to trust for the upstream, besides the system's (the remote's ca_cert;
    /// the global --ca-cert is the one pulpc trusts for pulpd)
    #[arg(long = "upstream-ca-cert", value_name = "FILE")]
    pub upstream_ca_cert: Option<PathBuf>,

    /// PEM file of the client certificate to present to the upstream (mutual TLS; with --client-key)
    #[arg(long, value_name = "FILE")]
    pub client_cert: Option<PathBuf>,

    /// PEM file of the client certificate's private key (stored write-only: never shown)
    #[arg(long, value_name = "FILE")]
    pub client_key: Option<PathBuf>,

    /// Retries of a failed upstream request (connection errors, 5xx, 429)
    #[arg(long, value_name = "N")]
    pub max_retries: Option<u64>,

    /// Seconds allowed to connect to the upstream
    #[arg(long, value_name = "SECS")]
    pub connect_timeout: Option<f64>,

    /// Seconds allowed for a whole upstream request, download included
    #[arg(long, value_name = "SECS")]
    pub total_timeout: Option<f64>,

    /// Extra header for every upstream request (repeatable); replaces the remote's headers
    #[arg(long = "header", value_name = "NAME:VALUE", value_parser = parse_header)]
    pub headers: Option<Vec<(String, String)>>,
}

/// `NAME:VALUE` of `--header`.
fn parse_header(s: &str) -> Result<(String, String), String> {
    match s.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.trim().to_string()))
        }
        _ => Err("expected NAME:VALUE, e.g. X-Team:registry".into()),
    }
}

#[derive(Debug, Subcommand)]
pub enum RemoteCommand {
    /// Create a container remote
    Create {
        /// Name of the new remote (unique)
        #[arg(long, value_name = "NAME")]
        name: String,

        /// URL of the upstream registry (e.g. https://registry-1.docker.io)
        #[arg(long, value_name = "URL")]
        url: String,

        /// Repository name on the upstream registry (e.g. library/busybox)
        #[arg(long, value_name = "NAME")]
        upstream_name: String,

        #[command(flatten)]
        options: RemoteOptions,
    },

    /// List remotes, newest first
    List {
        #[command(flatten)]
        filter: NameFilter,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Show one remote
    Show {
        #[command(flatten)]
        select: Select,
    },

    /// Change a remote's settings
    #[command(group(
        ArgGroup::new("changes")
            .required(true)
            .multiple(true)
            .args([
                "url", "upstream_name", "policy", "include_tags", "exclude_tags", "username", "password",
                "tls_validation", "proxy_url", "download_concurrency", "upstream_ca_cert", "client_cert", "client_key",
                "max_retries", "connect_timeout", "total_timeout", "headers",
            ])
    ))]
    Update {
        #[command(flatten)]
        select: Select,

        /// New URL of the upstream registry
        #[arg(long, value_name = "URL")]
        url: Option<String>,

        /// New repository name on the upstream registry
        #[arg(long, value_name = "NAME")]
        upstream_name: Option<String>,

        #[command(flatten)]
        options: RemoteOptions,
    },

    /// Delete a remote
    Delete {
        #[command(flatten)]
        select: Select,

        #[command(flatten)]
        confirm: ConfirmArgs,
    },

    /// Pull-through remotes: upstream registries fetched from on demand
    #[command(subcommand, name = "pull-through")]
    PullThrough(PullThroughRemoteCommand),
}

/// Settings of a pull-through remote other than its name, shared by create and update.
#[derive(Debug, Clone, Args)]
pub struct PullThroughRemoteOptions {
    /// Only these upstream repositories (comma-separated patterns, e.g. library/*)
    #[arg(long, value_name = "PATTERNS", value_delimiter = ',')]
    pub includes: Option<Vec<String>>,

    /// These upstream repositories may not be pulled (comma-separated patterns)
    #[arg(long, value_name = "PATTERNS", value_delimiter = ',')]
    pub excludes: Option<Vec<String>>,

    /// Most bytes the cache keeps (e.g. 100MiB, 20GB, 5000000); the least recently pulled images are
    /// evicted first; `none` removes the cap
    #[arg(long, value_name = "SIZE", value_parser = parse_size_limit)]
    pub cache_max_size: Option<Limit>,

    /// Evict images not pulled for this long (e.g. 3600, 90m, 12h, 30d); `none` keeps them however old
    #[arg(long, value_name = "AGE", value_parser = parse_age_limit)]
    pub cache_max_age: Option<Limit>,

    #[command(flatten)]
    pub connection: ConnectionOptions,
}

/// A retention limit given on the command line: a number, or `none` to remove it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Set(u64),
    None,
}

impl Limit {
    /// The JSON value: the number, or `null`.
    pub fn value(self) -> Option<u64> {
        match self {
            Limit::Set(n) => Some(n),
            Limit::None => None,
        }
    }
}

/// `none`, or a number of bytes with an optional unit: B, KB/MB/GB/TB (powers of 1000), K/M/G/T or
/// KiB/MiB/GiB/TiB (powers of 1024); case-insensitive, spaces allowed before the unit.
fn parse_size_limit(s: &str) -> Result<Limit, String> {
    parse_limit(s, |unit| {
        Some(match unit.to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "kb" => 1000,
            "mb" => 1000_u64.pow(2),
            "gb" => 1000_u64.pow(3),
            "tb" => 1000_u64.pow(4),
            "k" | "kib" => 1 << 10,
            "m" | "mib" => 1 << 20,
            "g" | "gib" => 1 << 30,
            "t" | "tib" => 1 << 40,
            _ => return None,
        })
    })
    .map_err(|()| format!("{s:?} is not a size: use bytes, or a number with a unit such as 100MiB or 20GB, or none"))
}

/// `none`, or seconds with an optional unit: s, m, h, d.
fn parse_age_limit(s: &str) -> Result<Limit, String> {
    parse_limit(s, |unit| {
        Some(match unit.to_ascii_lowercase().as_str() {
            "" | "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86_400,
            _ => return None,
        })
    })
    .map_err(|()| {
        format!(
            "{s:?} is not an age: use seconds, or a number with s, m, h or d (e.g. 12h), or none"
        )
    })
}

fn parse_limit(s: &str, unit: impl Fn(&str) -> Option<u64>) -> Result<Limit, ()> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("none") {
        return Ok(Limit::None);
    }
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let number: u64 = s[..split].parse().map_err(|_| ())?;
    let factor = unit(s[split..].trim()).ok_or(())?;
    let n = number.checked_mul(factor).ok_or(())?;
    if n == 0 {
        return Err(());
    }
    Ok(Limit::Set(n))
}

#[derive(Debug, Subcommand)]
pub enum PullThroughRemoteCommand {
    /// Create a pull-through remote
    Create {
        /// Name of the new remote (unique)
        #[arg(long, value_name = "NAME")]
        name: String,

        /// URL of the upstream registry (e.g. https://registry-1.docker.io)
        #[arg(long, value_name = "URL")]
        url: String,

        #[command(flatten)]
        options: PullThroughRemoteOptions,
    },

    /// List pull-through remotes, newest first
    List {
        #[command(flatten)]
        filter: NameFilter,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Show one pull-through remote
    Show {
        #[command(flatten)]
        select: Select,
    },

    /// Change a pull-through remote's settings
    #[command(group(
        ArgGroup::new("changes")
            .required(true)
            .multiple(true)
            .args([
                "url", "username", "password", "includes", "excludes", "tls_validation", "proxy_url",
                "cache_max_size", "cache_max_age", "upstream_ca_cert", "client_cert", "client_key", "max_retries",
                "connect_timeout", "total_timeout", "headers",
            ])
    ))]
    Update {
        #[command(flatten)]
        select: Select,

        /// New URL of the upstream registry
        #[arg(long, value_name = "URL")]
        url: Option<String>,

        #[command(flatten)]
        options: PullThroughRemoteOptions,
    },

    /// Delete a pull-through remote (refused while a pull-through distribution uses it)
    Delete {
        #[command(flatten)]
        select: Select,

        #[command(flatten)]
        confirm: ConfirmArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum DistributionCommand {
    /// Serve a repository (or one of its versions) at a base path, and print the new distribution
    ///
    /// Waits for the creation task (a spinner on stderr when it is a terminal), then prints the distribution;
    /// with --no-wait prints only the task's href.
    #[command(group(ArgGroup::new("content").required(true).args(["repository", "repository_version"])))]
    Create {
        /// Name of the new distribution (unique)
        #[arg(long, value_name = "NAME")]
        name: String,

        /// Path under the registry host where the content is served (unique), e.g. `test` for localhost:24817/test
        #[arg(long, value_name = "PATH")]
        base_path: String,

        /// Serve the latest version of this repository (name or href)
        #[arg(long, value_name = "NAME_OR_HREF")]
        repository: Option<String>,

        /// Serve version N of --repository instead of its latest version
        #[arg(
            long,
            value_name = "N",
            requires = "repository",
            conflicts_with = "repository_version"
        )]
        version: Option<u64>,

        /// Serve this repository version (href)
        #[arg(long, value_name = "HREF")]
        repository_version: Option<String>,

        /// Require authentication to pull
        #[arg(long)]
        private: bool,

        /// Free text describing the distribution
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,

        #[command(flatten)]
        wait: WaitArgs,
    },

    /// List distributions, newest first
    List {
        #[command(flatten)]
        filter: NameFilter,

        /// Only the one served at exactly this base path
        #[arg(long, value_name = "PATH")]
        base_path: Option<String>,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Show one distribution
    Show {
        #[command(flatten)]
        select: Select,
    },

    /// Change what a distribution serves, where, or to whom, and print it
    #[command(group(
        ArgGroup::new("changes")
            .required(true)
            .multiple(true)
            .args(["base_path", "repository", "repository_version", "private", "description"])
    ))]
    Update {
        #[command(flatten)]
        select: Select,

        /// New base path
        #[arg(long, value_name = "PATH")]
        base_path: Option<String>,

        /// Serve the latest version of this repository (name or href) from now on
        #[arg(
            long,
            value_name = "NAME_OR_HREF",
            conflicts_with = "repository_version"
        )]
        repository: Option<String>,

        /// Serve version N of --repository instead of its latest version
        #[arg(
            long,
            value_name = "N",
            requires = "repository",
            conflicts_with = "repository_version"
        )]
        version: Option<u64>,

        /// Serve this repository version (href) from now on
        #[arg(long, value_name = "HREF")]
        repository_version: Option<String>,

        /// Whether pulling requires authentication (true/false)
        #[arg(long, value_name = "BOOL", value_parser = BoolishValueParser::new())]
        private: Option<bool>,

        /// New description
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,

        #[command(flatten)]
        wait: WaitArgs,
    },

    /// Delete a distribution (its repository stays)
    Delete {
        #[command(flatten)]
        select: Select,

        #[command(flatten)]
        confirm: ConfirmArgs,

        #[command(flatten)]
        wait: WaitArgs,
    },

    /// Print only a distribution's registry path, e.g. `localhost:24817/test`
    ///
    /// Made for shells: `podman pull $(pulpc distribution registry-path test):latest`.
    RegistryPath {
        /// Name of the distribution
        #[arg(value_name = "NAME")]
        name: String,
    },

    /// Pull-through distributions: serve upstream repositories, fetched on first pull
    #[command(subcommand, name = "pull-through")]
    PullThrough(PullThroughDistributionCommand),
}

#[derive(Debug, Subcommand)]
pub enum PullThroughDistributionCommand {
    /// Serve a pull-through remote's repositories under a base path
    ///
    /// `pulpc distribution pull-through create --name cache --base-path cache --remote hub` lets clients pull
    /// `localhost:24817/cache/library/busybox`, fetched from the remote's registry on first pull. Waits for the
    /// creation task unless --no-wait.
    Create {
        /// Name of the new distribution (unique)
        #[arg(long, value_name = "NAME")]
        name: String,

        /// Base path below which upstream repositories are served (unique)
        #[arg(long, value_name = "PATH")]
        base_path: String,

        /// Pull-through remote to fetch from (name or href)
        #[arg(long, value_name = "NAME_OR_HREF")]
        remote: String,

        /// Require authentication to pull
        #[arg(long)]
        private: bool,

        /// Free text describing the distribution
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,

        #[command(flatten)]
        wait: WaitArgs,
    },

    /// List pull-through distributions, newest first
    List {
        #[command(flatten)]
        filter: NameFilter,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Show one pull-through distribution
    Show {
        #[command(flatten)]
        select: Select,
    },

    /// Change a pull-through distribution, and print it
    #[command(group(
        ArgGroup::new("changes")
            .required(true)
            .multiple(true)
            .args(["base_path", "remote", "private", "description"])
    ))]
    Update {
        #[command(flatten)]
        select: Select,

        /// New base path
        #[arg(long, value_name = "PATH")]
        base_path: Option<String>,

        /// Fetch from this pull-through remote (name or href) from now on
        #[arg(long, value_name = "NAME_OR_HREF")]
        remote: Option<String>,

        /// Whether pulling requires authentication (true/false)
        #[arg(long, value_name = "BOOL", value_parser = BoolishValueParser::new())]
        private: Option<bool>,

        /// New description
        #[arg(long, value_name = "TEXT")]
        description: Option<String>,

        #[command(flatten)]
        wait: WaitArgs,
    },

    /// Delete a pull-through distribution (its remote stays)
    Delete {
        #[command(flatten)]
        select: Select,

        #[command(flatten)]
        confirm: ConfirmArgs,

        #[command(flatten)]
        wait: WaitArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user, and print it
    ///
    /// The password comes from --password, --password-stdin or, when stdin is a terminal and neither is given,
    /// a hidden prompt (asked twice).
    Create {
        /// Login name of the new user (unique)
        #[arg(long, value_name = "USER")]
        username: String,

        /// Password of the new user (visible in the process list; prefer --password-stdin)
        #[arg(long, value_name = "PASSWORD", conflicts_with = "password_stdin")]
        password: Option<String>,

        /// Read the new user's password from the first line of stdin
        #[arg(long)]
        password_stdin: bool,

        /// Make the user an administrator (may manage users)
        #[arg(long)]
        staff: bool,
    },

    /// List users, by user name
    List {
        /// Only those whose user name contains TEXT (ignoring case)
        #[arg(long, value_name = "TEXT")]
        username_contains: Option<String>,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Delete a user (the built-in admin cannot be deleted)
    Delete {
        /// User name of the user to delete
        #[arg(long, value_name = "USER")]
        username: String,

        #[command(flatten)]
        confirm: ConfirmArgs,
    },

    /// Give, take and list a user's roles (as pulp-cli's `user role-assignment`)
    ///
    /// A role holds permissions on one object (--object HREF) or, with --object "", on every object of its
    /// model: `container.containerrepository_creator` with --object "" lets a user create repositories, and
    /// they then own each one they create.
    #[command(subcommand)]
    RoleAssignment(RoleAssignmentCommand),
}

#[derive(Debug, Subcommand)]
pub enum RoleAssignmentCommand {
    /// List the roles a user holds
    List {
        /// The user
        #[arg(long, value_name = "USER")]
        username: String,

        /// Only this role
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Give a user a role on an object, or on every object of the role's model
    Add {
        /// The user
        #[arg(long, value_name = "USER")]
        username: String,

        /// The role, e.g. container.containerdistribution_consumer
        #[arg(long, value_name = "ROLE")]
        role: String,

        /// The object's href; "" for every object of the role's model
        #[arg(long, value_name = "HREF")]
        object: String,
    },

    /// Take a role from a user
    Remove {
        /// The user
        #[arg(long, value_name = "USER")]
        username: String,

        /// The role
        #[arg(long, value_name = "ROLE")]
        role: String,

        /// The object's href the role was given on; "" for a model-wide role
        #[arg(long, value_name = "HREF")]
        object: String,
    },
}

/// A setting of a profile in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum ConfigKey {
    /// Base URL of pulpd
    BaseUrl,
    /// User name for pulpd
    Username,
    /// Password for pulpd (replaces password_command)
    Password,
    /// Shell command printing the password, e.g. `pass show pulpd` (replaces password)
    PasswordCommand,
    /// CA certificate (PEM file) to verify pulpd's HTTPS certificate with
    CaCert,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show the settings in effect and where each comes from (passwords masked)
    Show,

    /// Set one setting of a profile in the config file (--profile, else `default`)
    ///
    /// Creates the file (mode 0600) and the profile when needed. The first time, the profile starts from
    /// pulp-cli's settings when pulpc was reading those.
    Set {
        /// The setting to change
        #[arg(value_enum, value_name = "KEY")]
        key: ConfigKey,

        /// Its new value
        #[arg(value_name = "VALUE")]
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TaskCommand {
    /// List tasks, newest first
    List {
        /// Only tasks in this state
        #[arg(
            long,
            value_name = "STATE",
            value_parser = PossibleValuesParser::new(TaskState::ALL)
                .map(|s| TaskState::parse(&s).expect("possible values are TaskState::ALL"))
        )]
        state: Option<TaskState>,

        /// Only tasks with this name (e.g. pulpcore.app.tasks.base.general_create)
        #[arg(long, value_name = "NAME")]
        name: Option<String>,

        #[command(flatten)]
        page: ListArgs,
    },

    /// Show one task
    Show {
        /// The task's href or UUID
        #[arg(value_name = "HREF_OR_UUID", value_parser = parse_task)]
        task: String,
    },

    /// Wait until a task is finished: exit 0 when it completed, 1 when it failed or was canceled, 3 on timeout
    Wait {
        /// The task's href or UUID
        #[arg(value_name = "HREF_OR_UUID", value_parser = parse_task)]
        task: String,

        /// Give up after SECS seconds (exit code 3); 0 checks once
        #[arg(long, value_name = "SECS", value_parser = parse_secs)]
        timeout: Option<Duration>,
    },

    /// Ask pulpd to cancel a waiting or running task, and print it
    Cancel {
        /// The task's href or UUID
        #[arg(value_name = "HREF_OR_UUID", value_parser = parse_task)]
        task: String,
    },
}

/// Accepts `http(s)://host[:port][/prefix]` and drops a trailing slash.
pub fn parse_base_url(s: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(s).map_err(|e| format!("not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err("expected http://HOST[:PORT] or https://HOST[:PORT]".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("a base URL has no query or fragment".into());
    }
    Ok(s.trim_end_matches('/').to_string())
}

/// Seconds as a non-negative number, optionally suffixed with `s` (`30`, `0.5`, `30s`).
fn parse_secs(s: &str) -> Result<Duration, String> {
    let n = s.strip_suffix('s').unwrap_or(s);
    let secs: f64 = n
        .parse()
        .map_err(|_| format!("expected a number of seconds, got {s:?}"))?;
    Duration::try_from_secs_f64(secs)
        .map_err(|_| format!("expected a non-negative number of seconds, got {s:?}"))
}

fn parse_task(s: &str) -> Result<String, String> {
    client::task_href(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    const TASK_ID: &str = "01a2074c-41bd-735d-bd83-c5c773e53be1";

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("pulpc").chain(args.iter().copied()))
    }

    #[test]
    fn connection_flags_parse_headers_and_files() {
        let cli = parse(&[
            "remote",
            "update",
            "--name",
            "r",
            "--header",
            "X-Team: registry",
            "--header",
            "X-Trace:1",
            "--client-key",
            "key.pem",
            "--upstream-ca-cert",
            "ca.pem",
            "--total-timeout",
            "2.5",
        ])
        .unwrap();
        let Command::Remote(RemoteCommand::Update { options, .. }) = cli.command else {
            panic!("parsed into the wrong command");
        };
        let c = options.connection;
        assert_eq!(
            c.headers,
            Some(vec![
                ("X-Team".to_string(), "registry".to_string()),
                ("X-Trace".to_string(), "1".to_string())
            ])
        );
        assert_eq!(c.client_key, Some(PathBuf::from("key.pem")));
        assert_eq!(c.upstream_ca_cert, Some(PathBuf::from("ca.pem")));
        assert_eq!(c.total_timeout, Some(2.5));
        assert!(parse(&["remote", "update", "--name", "r", "--header", "no-colon"]).is_err());
    }

    #[test]
    fn retention_limits_take_human_sizes_and_ages_or_none() {
        assert_eq!(parse_size_limit("100MiB"), Ok(Limit::Set(100 << 20)));
        assert_eq!(parse_size_limit("20 GB"), Ok(Limit::Set(20_000_000_000)));
        assert_eq!(parse_size_limit("5000"), Ok(Limit::Set(5000)));
        assert_eq!(parse_size_limit("2g"), Ok(Limit::Set(2 << 30)));
        assert_eq!(parse_size_limit("None"), Ok(Limit::None));
        for bad in ["", "0", "MiB", "1.5GiB", "10 parsecs", "-1"] {
            assert!(parse_size_limit(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_age_limit("12h"), Ok(Limit::Set(43_200)));
        assert_eq!(parse_age_limit("30d"), Ok(Limit::Set(2_592_000)));
        assert_eq!(parse_age_limit("90"), Ok(Limit::Set(90)));
        assert!(parse_age_limit("1w").is_err());
        let cli = parse(&[
            "remote",
            "pull-through",
            "update",
            "--name",
            "hub",
            "--cache-max-size",
            "100MiB",
        ])
        .unwrap();
        let Command::Remote(RemoteCommand::PullThrough(PullThroughRemoteCommand::Update {
            options,
            ..
        })) = cli.command
        else {
            panic!("{cli:?}")
        };
        assert_eq!(options.cache_max_size, Some(Limit::Set(100 << 20)));
        assert_eq!(options.cache_max_age, None);
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_argument_and_subcommand_has_help() {
        fn walk(cmd: &clap::Command, path: &str) {
            for arg in cmd.get_arguments() {
                if matches!(arg.get_id().as_str(), "help" | "version") {
                    continue;
                }
                assert!(
                    arg.get_help().is_some(),
                    "{path} {} has no help",
                    arg.get_id()
                );
            }
            for sub in cmd.get_subcommands() {
                assert!(
                    sub.get_about().is_some(),
                    "{path} {} has no help",
                    sub.get_name()
                );
                walk(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        walk(&Cli::command(), "pulpc");
    }

    #[test]
    fn defaults_apply_without_flags_or_env() {
        let cli = parse(&["status"]).unwrap();
        assert_eq!(cli.global.format, Format::Table);
        assert_eq!(cli.global.verbose, 0);
        assert_eq!(cli.connection.username, None);
        assert_eq!(cli.connection.profile, None);
        assert!(matches!(cli.command, Command::Status));
    }

    #[test]
    fn output_flags_are_accepted_after_the_subcommand() {
        let cli = parse(&[
            "distribution",
            "list",
            "--format",
            "json",
            "-vv",
            "--base-url",
            "http://h:1/",
        ])
        .unwrap();
        assert_eq!(cli.global.format, Format::Json);
        assert_eq!(cli.global.verbose, 2);
        assert_eq!(cli.connection.base_url.as_deref(), Some("http://h:1"));
    }

    #[test]
    fn distribution_create_parses_repository_and_version() {
        let cli = parse(&[
            "distribution",
            "create",
            "--name",
            "d",
            "--base-path",
            "test",
            "--repository",
            "r",
            "--version",
            "2",
            "--private",
            "--no-wait",
        ])
        .unwrap();
        let Command::Distribution(DistributionCommand::Create {
            name,
            base_path,
            repository,
            version,
            repository_version,
            private,
            wait,
            ..
        }) = cli.command
        else {
            panic!("parsed into the wrong command");
        };
        assert_eq!((name.as_str(), base_path.as_str()), ("d", "test"));
        assert_eq!((repository.as_deref(), version), (Some("r"), Some(2)));
        assert_eq!(repository_version, None);
        assert!(private && wait.no_wait);
    }

    #[test]
    fn distribution_create_needs_exactly_one_content_source() {
        let base = ["distribution", "create", "--name", "d", "--base-path", "p"];
        assert!(parse(&base).is_err());
        let both = [
            &base[..],
            &["--repository", "r", "--repository-version", "/x/"],
        ]
        .concat();
        assert!(parse(&both).is_err());
        let version_alone = [
            &base[..],
            &["--repository-version", "/x/", "--version", "1"],
        ]
        .concat();
        assert!(parse(&version_alone).is_err());
    }

    #[test]
    fn show_needs_name_or_href_but_not_both() {
        assert!(parse(&["repository", "show"]).is_err());
        assert!(parse(&["repository", "show", "--name", "a", "--href", "b"]).is_err());
        assert!(parse(&["repository", "show", "--name", "a"]).is_ok());
    }

    #[test]
    fn update_without_changes_is_a_usage_error() {
        let err = parse(&["distribution", "update", "--name", "d"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(parse(&["repository", "update", "--name", "r"]).is_err());
        assert!(parse(&["remote", "update", "--name", "r"]).is_err());
        assert!(parse(&["remote", "update", "--name", "r", "--policy", "on_demand"]).is_ok());
        assert!(parse(&["distribution", "update", "--name", "d", "--private", "no"]).is_ok());
    }

    #[test]
    fn every_repository_command_selects_the_repository_the_same_way() {
        for args in [
            &["repository", "version", "list", "r"][..],
            &["repository", "version", "list", "--name", "r"],
            &["repository", "version", "list", "--repository", "r"],
            &["repository", "show", "--repository", "r"],
            &[
                "repository",
                "content",
                "list",
                "--repository",
                "r",
                "-t",
                "blob",
            ],
            &["repository", "version", "show", "r", "--version", "1"],
        ] {
            let cli = parse(args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
            let select = match cli.command {
                Command::Repository(RepositoryCommand::Version(VersionCommand::List {
                    repository,
                    ..
                }))
                | Command::Repository(RepositoryCommand::Version(VersionCommand::Show {
                    repository,
                    ..
                })) => repository,
                Command::Repository(RepositoryCommand::Show { select })
                | Command::Repository(RepositoryCommand::Content(ContentCommand::List {
                    select,
                    ..
                })) => select,
                _ => panic!("{args:?} parsed into the wrong command"),
            };
            assert_eq!(select.select().name(), Some("r"), "{args:?}");
        }
        assert!(parse(&["repository", "version", "list", "r", "--repository", "s"]).is_err());
        let cli = parse(&["repository", "create", "--name", "r", "--remote", "up"]).unwrap();
        let Command::Repository(RepositoryCommand::Create { remote, .. }) = cli.command else {
            panic!("parsed into the wrong command");
        };
        assert_eq!(remote.as_deref(), Some("up"));
    }

    #[test]
    fn push_repository_commands_take_a_name_and_what_to_change() {
        let cli = parse(&[
            "repository",
            "tag",
            "--name",
            "myorg/app",
            "--tag",
            "v2",
            "--digest",
            "sha256:abc",
            "--no-wait",
        ])
        .unwrap();
        let Command::Repository(RepositoryCommand::Tag {
            select,
            tag,
            digest,
            wait,
        }) = cli.command
        else {
            panic!("parsed into the wrong command");
        };
        assert_eq!(select.name.as_deref(), Some("myorg/app"));
        assert_eq!((tag.as_str(), digest.as_str()), ("v2", "sha256:abc"));
        assert!(wait.no_wait);
        assert!(parse(&["repository", "tag", "--name", "r", "--tag", "t"]).is_err());
        assert!(parse(&["repository", "untag", "r", "--tag", "t"]).is_ok());
        assert!(parse(&["repository", "untag", "--name", "r"]).is_err());
        assert!(parse(&["repository", "remove-image", "--name", "r", "--digest", "d"]).is_ok());
        assert!(parse(&["repository", "remove-image", "--name", "r"]).is_err());
    }

    #[test]
    fn namespace_commands_parse() {
        assert!(parse(&["namespace", "list", "--name-contains", "org"]).is_ok());
        assert!(parse(&["namespace", "show", "--name", "myorg"]).is_ok());
        assert!(parse(&["namespace", "show"]).is_err());
        let cli = parse(&["namespace", "delete", "myorg", "--yes"]).unwrap();
        let Command::Namespace(NamespaceCommand::Delete {
            select, confirm, ..
        }) = cli.command
        else {
            panic!("parsed into the wrong command");
        };
        assert_eq!(select.positional.as_deref(), Some("myorg"));
        assert!(confirm.yes);
    }

    #[test]
    fn remote_create_splits_tags_and_parses_policy() {
        let cli = parse(&[
            "remote",
            "create",
            "--name",
            "r",
            "--url",
            "https://x",
            "--upstream-name",
            "library/busybox",
            "--policy",
            "on_demand",
            "--include-tags",
            "a,b",
            "--tls-validation",
            "false",
        ])
        .unwrap();
        let Command::Remote(RemoteCommand::Create { options, .. }) = cli.command else {
            panic!("parsed into the wrong command");
        };
        assert_eq!(options.policy, Some(Policy::OnDemand));
        assert_eq!(
            options.include_tags,
            Some(vec!["a".to_string(), "b".to_string()])
        );
        assert_eq!(options.connection.tls_validation, Some(false));
        assert!(parse(&[
            "remote",
            "create",
            "--name",
            "r",
            "--url",
            "u",
            "--upstream-name",
            "n",
            "--policy",
            "x"
        ])
        .is_err());
    }

    #[test]
    fn task_arguments_accept_uuid_or_href() {
        let expected = format!("/pulp/api/v3/tasks/{TASK_ID}/");
        for arg in [
            TASK_ID.to_string(),
            expected.clone(),
            format!("http://localhost:24817{expected}"),
        ] {
            let cli = parse(&["task", "wait", &arg, "--timeout", "1.5"]).unwrap();
            let Command::Task(TaskCommand::Wait { task, timeout }) = cli.command else {
                panic!("parsed into the wrong command");
            };
            assert_eq!(task, expected);
            assert_eq!(timeout, Some(Duration::from_millis(1500)));
        }
        assert!(parse(&["task", "show", "nope"]).is_err());
        assert!(parse(&["task", "list", "--state", "done"]).is_err());
    }

    /// completions/ and man/ at the repository root are generated from these definitions by scripts/gen-docs
    /// and checked in; this fails when they drift.
    #[test]
    fn checked_in_completions_and_man_pages_are_up_to_date() {
        use clap_complete::Generator;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let hint = "out of date: run scripts/gen-docs";
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
            clap_complete::Shell::Elvish,
            clap_complete::Shell::PowerShell,
        ] {
            let path = root.join("completions").join(shell.file_name("pulpc"));
            let mut generated = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "pulpc", &mut generated);
            let checked_in = std::fs::read(&path).unwrap_or_default();
            assert!(checked_in == generated, "{} is {hint}", path.display());
        }
        let fresh = std::env::temp_dir().join(format!("pulpc-man-{}", std::process::id()));
        std::fs::create_dir_all(&fresh).unwrap();
        clap_mangen::generate_to(Cli::command(), &fresh).unwrap();
        let listing = |dir: &std::path::Path| {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .map(|d| {
                    d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            names.sort();
            names
        };
        let names = listing(&fresh);
        assert!(
            names.contains(&"pulpc-distribution-create.1".to_string()),
            "{names:?}"
        );
        assert_eq!(
            listing(&root.join("man")),
            names,
            "the man pages in man/ are {hint}"
        );
        for name in &names {
            let checked_in = std::fs::read(root.join("man").join(name)).unwrap();
            assert!(
                checked_in == std::fs::read(fresh.join(name)).unwrap(),
                "man/{name} is {hint}"
            );
        }
        std::fs::remove_dir_all(&fresh).unwrap();
    }

    #[test]
    fn parses_seconds_and_base_urls() {
        assert_eq!(parse_secs("0"), Ok(Duration::ZERO));
        assert_eq!(parse_secs("30s"), Ok(Duration::from_secs(30)));
        assert!(parse_secs("-1").is_err());
        assert!(parse_secs("soon").is_err());
        assert_eq!(
            parse_base_url("http://localhost:24817/").as_deref(),
            Ok("http://localhost:24817")
        );
        assert!(parse_base_url("localhost:24817").is_err());
        assert!(parse_base_url("ftp://x").is_err());
    }
}

#[derive(Debug, Subcommand)]
pub enum OrphansCommand {
    /// Remove manifests and blobs no repository version references, and their files
    ///
    /// Runs pulpd's orphan cleanup task and waits for it, with progress bars on stderr when it is a terminal;
    /// then prints how many content units and bytes were removed. Content written less than the protection time
    /// ago is kept, so pushes and syncs in progress keep theirs: keep it longer than your longest push.
    Cleanup {
        /// Keep content written less than MIN minutes ago [default: pulpd's, one day]
        #[arg(long, value_name = "MIN")]
        protection_time: Option<u64>,

        #[command(flatten)]
        wait: WaitArgs,
    },
}
