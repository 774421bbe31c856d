//! `pulpc login`, `pulpc logout` and `pulpc config show|set`: the profiles of the config file (see
//! `crate::config` for the file, its precedence and pulp-cli's fallback).
//!
//! These run before any client is built from the profile: `login` checks a password it was just given, `config`
//! needs no server at all. Passwords never reach stdout or the terminal's echo: `config show` masks them and
//! `login` asks with a hidden prompt, and only on a terminal.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context as _};
use comfy_table::Cell;
use pulp_shared::api::Repository;
use pulp_shared::href;
use serde::Serialize;

use super::{ExitStatus, Ui};
use crate::cli::{parse_base_url, ConfigCommand, ConfigKey};
use crate::client::{self, Client};
use crate::config::{
    self as settings, ConfigFile, Origin, Overrides, Paths, Secret, Setting, Source,
    DEFAULT_PROFILE,
};
use crate::env;
use crate::output::Output;

/// What `config show` prints instead of a password.
const MASK: &str = "********";

/// The profile named by `--profile` / PULPC_PROFILE, else `default`.
fn profile_name(overrides: &Overrides) -> String {
    overrides
        .profile
        .as_ref()
        .map_or_else(|| DEFAULT_PROFILE.to_string(), |p| p.value.clone())
}

/// pulpc's config file path, or an error saying why there is none.
fn config_path(paths: &Paths) -> anyhow::Result<PathBuf> {
    paths.pulpc.clone().ok_or_else(|| {
        anyhow!(
            "cannot tell where pulpc's config file goes: neither {} nor {} is set",
            env::HOME,
            env::XDG_CONFIG_HOME
        )
    })
}

/// `pulpc login`: checks the password against pulpd, then saves base URL, user and password in the profile.
pub fn login(
    paths: &Paths,
    overrides: &Overrides,
    username: Option<String>,
    password_stdin: bool,
    out: &Output,
    ui: Ui,
    verbose: bool,
) -> anyhow::Result<ExitStatus> {
    let resolved = settings::resolve(paths, overrides, false)?;
    let path = config_path(paths)?;
    let username = username.unwrap_or_else(|| resolved.username.value.clone());
    let base_url = resolved.base_url.value.clone();
    // The profile's own password is never reused: logging in means giving it again.
    let (password, password_from) = if password_stdin {
        (super::read_password_line()?, "stdin".to_string())
    } else if let Some(given) = &overrides.password {
        (given.value.clone(), given.origin.to_string())
    } else if ui.interactive {
        let password = dialoguer::Password::new()
            .with_prompt(format!("password of {username} at {base_url}"))
            .interact()
            .context("cannot read the password")?;
        (password, "the prompt".to_string())
    } else {
        bail!(
            "cannot ask for the password: stdin is not a terminal; pass it with --password-stdin or set {}",
            env::PULPC_PASSWORD
        );
    };

    let client = Client::new(client::Settings {
        base_url: base_url.clone(),
        username: username.clone(),
        password: Some(password.clone()),
        password_from: Some(password_from),
        login_command: resolved.login_command(),
        verbose,
        ca_cert: resolved.ca_cert.as_ref().map(|c| c.value.clone().into()),
    })?;
    // Any authenticated read will do; repositories are readable by every user.
    match client.list::<Repository>(href::REPOSITORIES, &[("limit", "1".to_string())]) {
        Ok(_) => {}
        Err(client::Error::Unauthorized { detail, .. }) => bail!(
            "pulpd at {base_url} rejected the password of user \"{username}\" ({detail}); nothing was saved"
        ),
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("cannot log in to {base_url}")))
        }
    }

    let mut config = ConfigFile::load(&path)?.unwrap_or_default();
    let name = resolved.profile.value.clone();
    let profile = config.profiles.entry(name.clone()).or_default();
    profile.base_url = Some(base_url.clone());
    profile.username = Some(username.clone());
    profile.password = Some(password);
    profile.password_command = None;
    config.save(&path)?;
    out.note(&format!(
        "logged in to {base_url} as {username}; saved in profile '{name}' of {}",
        path.display()
    ));
    Ok(ExitStatus::Success)
}

/// `pulpc logout`: removes the profile's password (and password_command); base URL and user stay.
pub fn logout(paths: &Paths, overrides: &Overrides, out: &Output) -> anyhow::Result<ExitStatus> {
    let path = config_path(paths)?;
    let name = profile_name(overrides);
    let Some(mut config) = ConfigFile::load(&path)? else {
        match paths.pulp_cli.as_ref().filter(|p| p.exists()) {
            Some(pulp_cli) => out.note(&format!(
                "pulpc has saved no password; the one in pulp-cli's {} is pulp-cli's, and pulpc leaves it alone",
                pulp_cli.display()
            )),
            None => out.note("pulpc has saved no password"),
        }
        return Ok(ExitStatus::Success);
    };
    match config.profiles.get_mut(&name) {
        Some(profile) if profile.password.is_some() || profile.password_command.is_some() => {
            profile.password = None;
            profile.password_command = None;
            if profile.is_empty() {
                config.profiles.remove(&name);
            }
            config.save(&path)?;
            out.note(&format!(
                "forgot the password of profile '{name}' in {}",
                path.display()
            ));
        }
        _ => out.note(&format!("profile '{name}' has no saved password")),
    }
    Ok(ExitStatus::Success)
}

pub fn run(
    paths: &Paths,
    overrides: &Overrides,
    command: ConfigCommand,
    out: &Output,
) -> anyhow::Result<ExitStatus> {
    match command {
        ConfigCommand::Show => show(paths, overrides, out),
        ConfigCommand::Set { key, value } => set(paths, overrides, key, value, out),
    }
}

/// One setting as `config show --format json` prints it.
#[derive(Debug, Serialize)]
struct Shown {
    value: Option<String>,
    from: String,
}

impl Shown {
    fn of(setting: &Setting<String>) -> Shown {
        Shown {
            value: Some(setting.value.clone()),
            from: setting.origin.to_string(),
        }
    }
}

/// What `config show --format json` prints.
#[derive(Debug, Serialize)]
struct ShownConfig {
    profile: Shown,
    base_url: Shown,
    username: Shown,
    /// Masked; `null` when none is set.
    password: Shown,
    password_command: Option<String>,
    /// The CA certificate file trusted besides the system's roots; `null` for the system trust only.
    ca_cert: Shown,
    /// The file read: pulpc's, pulp-cli's (while pulpc has none), or `null`.
    config_file: Option<String>,
    /// `pulpc`, `pulp-cli` or `null`.
    config_file_kind: Option<&'static str>,
    /// Where `pulpc login` and `pulpc config set` write.
    pulpc_config_file: Option<String>,
    profiles: Vec<String>,
}

fn show(paths: &Paths, overrides: &Overrides, out: &Output) -> anyhow::Result<ExitStatus> {
    let r = settings::resolve(paths, overrides, true)?;
    let (password, password_command) = match &r.password {
        Some(Setting {
            value: Secret::Password(_),
            origin,
        }) => (
            Shown {
                value: Some(MASK.to_string()),
                from: origin.to_string(),
            },
            None,
        ),
        Some(Setting {
            value: Secret::Command(command),
            origin,
        }) => (
            Shown {
                value: Some(MASK.to_string()),
                from: format!("password_command of {origin}"),
            },
            Some(command.clone()),
        ),
        None => (
            Shown {
                value: None,
                from: "not set (pulpc asks on a terminal)".to_string(),
            },
            None,
        ),
    };
    let (config_file, kind) = match &r.source {
        Source::Pulpc(path) => (Some(path.display().to_string()), Some("pulpc")),
        Source::PulpCli(path) => (Some(path.display().to_string()), Some("pulp-cli")),
        Source::Nothing => (None, None),
    };
    let shown = ShownConfig {
        profile: Shown::of(&r.profile),
        base_url: Shown::of(&r.base_url),
        username: Shown::of(&r.username),
        password,
        password_command,
        ca_cert: match &r.ca_cert {
            Some(setting) => Shown::of(setting),
            None => Shown {
                value: None,
                from: "not set (the system trust)".to_string(),
            },
        },
        config_file,
        config_file_kind: kind,
        pulpc_config_file: paths.pulpc.as_ref().map(|p| p.display().to_string()),
        profiles: r.profiles.clone(),
    };
    if out.is_json() {
        let raw = serde_json::value::to_raw_value(&shown)?;
        out.json(&raw)?;
        return Ok(ExitStatus::Success);
    }
    let row = |key: &str, s: &Shown| {
        vec![
            Cell::new(key),
            Cell::new(s.value.as_deref().unwrap_or("")),
            Cell::new(&s.from),
        ]
    };
    let mut rows = vec![
        row("profile", &shown.profile),
        row("base_url", &shown.base_url),
        row("username", &shown.username),
        row("password", &shown.password),
        row("ca_cert", &shown.ca_cert),
    ];
    if let Some(command) = &shown.password_command {
        rows.push(vec![
            Cell::new("password_command"),
            Cell::new(command),
            Cell::new(""),
        ]);
    }
    let file = match &r.source {
        Source::Pulpc(path) => path.display().to_string(),
        Source::PulpCli(path) => format!(
            "{} (pulp-cli's, read while pulpc has no config of its own)",
            path.display()
        ),
        Source::Nothing => match &paths.pulpc {
            Some(path) => format!("none yet ({} once written)", path.display()),
            None => "none (neither HOME nor XDG_CONFIG_HOME is set)".to_string(),
        },
    };
    rows.push(vec![
        Cell::new("config file"),
        Cell::new(file),
        Cell::new(""),
    ]);
    if !shown.profiles.is_empty() {
        rows.push(vec![
            Cell::new("profiles"),
            Cell::new(shown.profiles.join(", ")),
            Cell::new(""),
        ]);
    }
    out.table(&["setting", "value", "from"], rows)?;
    Ok(ExitStatus::Success)
}

fn set(
    paths: &Paths,
    overrides: &Overrides,
    key: ConfigKey,
    value: String,
    out: &Output,
) -> anyhow::Result<ExitStatus> {
    let path = config_path(paths)?;
    let name = profile_name(overrides);
    let mut config = match ConfigFile::load(&path)? {
        Some(config) => config,
        None => {
            // The first write ends pulp-cli's file being read: start from what it said, so nothing is lost.
            let mut config = ConfigFile::default();
            let resolved = settings::resolve(paths, &Overrides::default_with(&name), false)?;
            if let Source::PulpCli(pulp_cli) = &resolved.source {
                let from_file = |s: &Setting<String>| {
                    matches!(s.origin, Origin::PulpCli { .. }).then(|| s.value.clone())
                };
                let seeded = config.profiles.entry(name.clone()).or_default();
                seeded.base_url = from_file(&resolved.base_url);
                seeded.username = from_file(&resolved.username);
                if let Some(Setting {
                    value: Secret::Password(password),
                    ..
                }) = &resolved.password
                {
                    seeded.password = Some(password.clone());
                }
                out.note(&format!(
                    "starting profile '{name}' from pulp-cli's {}",
                    pulp_cli.display()
                ));
            }
            config
        }
    };
    let profile = config.profiles.entry(name.clone()).or_default();
    let key_name = match key {
        ConfigKey::BaseUrl => {
            profile.base_url =
                Some(parse_base_url(&value).map_err(|e| anyhow!("base_url {value:?}: {e}"))?);
            "base_url"
        }
        ConfigKey::Username => {
            profile.username = Some(value);
            "username"
        }
        ConfigKey::Password => {
            profile.password = Some(value);
            profile.password_command = None;
            "password"
        }
        ConfigKey::PasswordCommand => {
            profile.password_command = Some(value);
            profile.password = None;
            "password_command"
        }
        ConfigKey::CaCert => {
            profile.ca_cert = Some(value);
            "ca_cert"
        }
    };
    config.save(&path)?;
    out.note(&format!(
        "set {key_name} of profile '{name}' in {}",
        path.display()
    ));
    Ok(ExitStatus::Success)
}

impl Overrides {
    /// No flags or environment but the profile `name`.
    fn default_with(name: &str) -> Overrides {
        Overrides {
            profile: Some(Setting {
                value: name.to_string(),
                origin: Origin::Flag("--profile"),
            }),
            ..Overrides::default()
        }
    }
}
