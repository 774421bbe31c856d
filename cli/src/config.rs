//! pulpc's settings: the config file's profiles (or pulp-cli's file as a fallback), under flags and environment.
//!
//! The file is `$XDG_CONFIG_HOME/pulpc/config.toml` (`~/.config/pulpc/config.toml` when XDG_CONFIG_HOME is unset
//! or not absolute, as the XDG spec says):
//!
//! ```toml
//! [profiles.default]
//! base_url = "http://localhost:24817"
//! username = "admin"
//! password = "…"                          # or: password_command = "pass show pulpd"
//! ```
//!
//! Precedence, per setting: flag > `PULPC_*` environment > profile > built-in default. The profile is
//! `--profile` / `PULPC_PROFILE`, else `default`. While pulpc has no config file at all, pulp-cli's
//! `$XDG_CONFIG_HOME/pulp/cli.toml` stands in for it: its `[cli]` table is the default profile and `[cli-NAME]`
//! profile NAME (pulp-cli's own convention); of its keys pulpc reads base_url, username and password. pulpc
//! never writes pulp-cli's file.
//!
//! Invariant: the file holds passwords, so pulpc only ever writes it with mode 0600 (its directory 0700), through
//! a temp file in the same directory and a rename, so a crash leaves the old file or the new one, never half.
//!
//! This module reads no environment itself: `main` passes HOME and XDG_CONFIG_HOME in ([`Paths::new`]), and the
//! flags and `PULPC_*` values come from clap ([`Overrides`]).

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context as _};
use serde::{Deserialize, Serialize};

use crate::cli::{parse_base_url, DEFAULT_BASE_URL, DEFAULT_USERNAME};
use crate::env;

/// The profile used when neither `--profile` nor PULPC_PROFILE names one.
pub const DEFAULT_PROFILE: &str = "default";

/// Where the config files are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paths {
    /// pulpc's own file; `None` when neither HOME nor XDG_CONFIG_HOME is usable.
    pub pulpc: Option<PathBuf>,
    /// pulp-cli's file, read while `pulpc` does not exist.
    pub pulp_cli: Option<PathBuf>,
}

impl Paths {
    /// The paths for the given HOME and XDG_CONFIG_HOME values (a relative or empty XDG_CONFIG_HOME is ignored,
    /// as the XDG base directory spec says).
    pub fn new(home: Option<PathBuf>, xdg_config_home: Option<PathBuf>) -> Paths {
        let base = xdg_config_home.filter(|p| p.is_absolute()).or_else(|| {
            home.filter(|h| !h.as_os_str().is_empty())
                .map(|h| h.join(".config"))
        });
        Paths {
            pulpc: base.as_ref().map(|b| b.join("pulpc").join("config.toml")),
            pulp_cli: base.map(|b| b.join("pulp").join("cli.toml")),
        }
    }
}

/// pulpc's config file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One profile: how to reach and authenticate to one pulpd. Unknown keys are an error, so a typo
/// (`pasword = …`) is reported instead of silently ignored.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// A shell command whose first line of output is the password (`pass show pulpd`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_command: Option<String>,
    /// A CA certificate (PEM file) to verify pulpd's HTTPS certificate with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<String>,
}

impl Profile {
    pub fn is_empty(&self) -> bool {
        *self == Profile::default()
    }
}

impl ConfigFile {
    /// The file at `path`; `None` when there is none.
    ///
    /// # Errors
    /// When it cannot be read or is not a valid config (the message names the file, line and key).
    pub fn load(path: &Path) -> anyhow::Result<Option<ConfigFile>> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let config: ConfigFile = toml::from_str(&text).map_err(|e| {
            anyhow!(
                "{} is not a valid pulpc config: {}",
                path.display(),
                e.to_string().trim()
            )
        })?;
        Ok(Some(config))
    }

    /// Writes the file with mode 0600 (creating its directory with mode 0700), atomically.
    ///
    /// # Errors
    /// When the directory or file cannot be written.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        let dir = path
            .parent()
            .ok_or_else(|| anyhow!("{} has no directory", path.display()))?;
        create_private_dir(dir)?;
        let text = format!(
            "# pulpc's profiles; written by `pulpc login` and `pulpc config set`. Holds passwords: keep it 0600.\n{}",
            toml::to_string(self).context("cannot write the config as TOML")?
        );
        let temp = dir.join(format!(".config.toml.{}.tmp", std::process::id()));
        // A leftover of a crashed run with the same process id would make create_new fail.
        let _ = fs::remove_file(&temp);
        let written = write_private(&temp, text.as_bytes()).and_then(|()| {
            fs::rename(&temp, path).with_context(|| format!("cannot replace {}", path.display()))
        });
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// Writes a new file readable by its owner alone, and syncs it.
fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The pulp-cli table for `profile`: `cli` for the default profile, `cli-NAME` for the others.
fn pulp_cli_section(profile: &str) -> String {
    if profile == DEFAULT_PROFILE {
        "cli".to_string()
    } else {
        format!("cli-{profile}")
    }
}

/// Reads profile `profile` from pulp-cli's file: `Ok(None)` when the file does not exist, `Ok(Some(None))` when
/// it has no such table.
///
/// # Errors
/// When it cannot be read or is not TOML.
fn load_pulp_cli(path: &Path, profile: &str) -> anyhow::Result<Option<Option<Profile>>> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        anyhow!(
            "{} (pulp-cli's config) is not valid TOML: {}",
            path.display(),
            e.to_string().trim()
        )
    })?;
    let Some(section) = table
        .get(&pulp_cli_section(profile))
        .and_then(|v| v.as_table())
    else {
        return Ok(Some(None));
    };
    let text = |key: &str| {
        section
            .get(key)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Ok(Some(Some(Profile {
        base_url: text("base_url"),
        username: text("username"),
        password: text("password"),
        password_command: None,
        ca_cert: None,
    })))
}

/// Where a setting came from; `Display` says it the way messages do.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A command-line flag (`--base-url`).
    Flag(&'static str),
    /// An environment variable (`PULPC_BASE_URL`).
    Env(&'static str),
    /// A profile of pulpc's config file.
    Profile { name: String, path: PathBuf },
    /// A table of pulp-cli's config file.
    PulpCli { section: String, path: PathBuf },
    /// The built-in default.
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "{flag}"),
            Origin::Env(var) => write!(f, "{var}"),
            Origin::Profile { name, path } => write!(f, "profile '{name}' in {}", path.display()),
            Origin::PulpCli { section, path } => {
                write!(f, "pulp-cli's [{section}] in {}", path.display())
            }
            Origin::Default => write!(f, "default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

/// A value given on the command line or in the environment (`origin` is `Flag` or `Env`).
pub type Given = Setting<String>;

/// What flags and environment say, as clap parsed them.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<Given>,
    pub username: Option<Given>,
    pub password: Option<Given>,
    pub profile: Option<Given>,
    pub ca_cert: Option<Given>,
}

/// How the password is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Secret {
    Password(String),
    /// A shell command printing it; run only when a command needs the password.
    Command(String),
}

/// Which config file was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// pulpc's own file (it exists).
    Pulpc(PathBuf),
    /// pulp-cli's file, because pulpc has none.
    PulpCli(PathBuf),
    /// No file exists.
    Nothing,
}

/// The settings in effect: every value with its origin.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub profile: Setting<String>,
    pub base_url: Setting<String>,
    pub username: Setting<String>,
    pub password: Option<Setting<Secret>>,
    /// The CA certificate file pulpd's certificate is verified with (`None`: the system trust only).
    pub ca_cert: Option<Setting<String>>,
    /// The file the profile was read from.
    pub source: Source,
    /// Names of the profiles in that file.
    pub profiles: Vec<String>,
}

impl Resolved {
    /// How to log in again with this profile: `pulpc login` or `pulpc --profile x login`.
    pub fn login_command(&self) -> String {
        if self.profile.value == DEFAULT_PROFILE {
            "pulpc login".to_string()
        } else {
            format!("pulpc --profile {} login", self.profile.value)
        }
    }
}

/// Merges flags and environment over the profile over the defaults.
///
/// # Errors
/// A config file that cannot be read or parsed, a profile's bad base_url, and — when `need_profile` — a
/// profile named by `--profile`/PULPC_PROFILE that the file does not have (`login` and `config set` create it,
/// so they pass `false`).
pub fn resolve(
    paths: &Paths,
    overrides: &Overrides,
    need_profile: bool,
) -> anyhow::Result<Resolved> {
    let profile = overrides.profile.clone().unwrap_or(Setting {
        value: DEFAULT_PROFILE.to_string(),
        origin: Origin::Default,
    });
    let name = profile.value.as_str();
    let mut source = Source::Nothing;
    let mut found: Option<(Profile, Origin)> = None;
    let mut profiles = Vec::new();
    let pulpc_file = match &paths.pulpc {
        Some(path) => ConfigFile::load(path)?,
        None => None,
    };
    if let (Some(config), Some(path)) = (pulpc_file, &paths.pulpc) {
        source = Source::Pulpc(path.clone());
        profiles = config.profiles.keys().cloned().collect();
        found = config.profiles.get(name).cloned().map(|p| {
            (
                p,
                Origin::Profile {
                    name: name.to_string(),
                    path: path.clone(),
                },
            )
        });
    } else if let Some(path) = &paths.pulp_cli {
        if let Some(section) = load_pulp_cli(path, name)? {
            source = Source::PulpCli(path.clone());
            found = section.map(|p| {
                (
                    p,
                    Origin::PulpCli {
                        section: pulp_cli_section(name),
                        path: path.clone(),
                    },
                )
            });
        }
    }
    if found.is_none() && need_profile && profile.origin != Origin::Default {
        bail!(
            "{}",
            missing_profile(name, &profile.origin, &source, &profiles)
        );
    }
    let (file, file_origin) = found.unwrap_or((Profile::default(), Origin::Default));
    let pick = |given: &Option<Given>, from_file: &Option<String>, default: &str| {
        given.clone().unwrap_or_else(|| match from_file {
            Some(value) => Setting {
                value: value.clone(),
                origin: file_origin.clone(),
            },
            None => Setting {
                value: default.to_string(),
                origin: Origin::Default,
            },
        })
    };
    let base_url = pick(&overrides.base_url, &file.base_url, DEFAULT_BASE_URL);
    let base_url = Setting {
        value: parse_base_url(&base_url.value).map_err(|e| {
            anyhow!(
                "base_url {:?} from {}: {e}",
                base_url.value,
                base_url.origin
            )
        })?,
        origin: base_url.origin,
    };
    let username = pick(&overrides.username, &file.username, DEFAULT_USERNAME);
    let password = match (&overrides.password, &file.password, &file.password_command) {
        (Some(given), _, _) => Some(Setting {
            value: Secret::Password(given.value.clone()),
            origin: given.origin.clone(),
        }),
        (None, Some(password), _) => Some(Setting {
            value: Secret::Password(password.clone()),
            origin: file_origin.clone(),
        }),
        (None, None, Some(command)) => Some(Setting {
            value: Secret::Command(command.clone()),
            origin: file_origin.clone(),
        }),
        (None, None, None) => None,
    };
    let ca_cert = overrides.ca_cert.clone().or_else(|| {
        file.ca_cert.clone().map(|value| Setting {
            value,
            origin: file_origin.clone(),
        })
    });
    Ok(Resolved {
        profile,
        base_url,
        username,
        password,
        ca_cert,
        source,
        profiles,
    })
}

fn missing_profile(name: &str, origin: &Origin, source: &Source, profiles: &[String]) -> String {
    let create = format!("create it with `pulpc --profile {name} login`");
    match source {
        Source::Pulpc(path) => {
            let hint = crate::commands::did_you_mean(name, profiles.iter().map(String::as_str))
                .map(|s| format!("; did you mean '{s}'?"))
                .unwrap_or_default();
            format!(
                "no profile named '{name}' (from {origin}) in {}{hint}; {create}",
                path.display()
            )
        }
        Source::PulpCli(path) => format!(
            "no profile named '{name}' (from {origin}): pulpc has no config file and pulp-cli's {} has no [{}]; \
             {create}",
            path.display(),
            pulp_cli_section(name)
        ),
        Source::Nothing => {
            format!("no profile named '{name}' (from {origin}): pulpc has no config file yet; {create}")
        }
    }
}

/// Runs a profile's password_command with `sh -c` and returns the first line it printed. stdin and stderr stay
/// the terminal's, so a command may ask for a passphrase.
///
/// # Errors
/// When the command cannot be started, fails, or prints nothing.
pub fn run_password_command(command: &str, origin: &Origin) -> anyhow::Result<String> {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit())
        .output()
        .with_context(|| format!("cannot run the password_command of {origin}"))?;
    if !output.status.success() {
        bail!(
            "the password_command of {origin} failed ({}): {command}",
            output.status
        );
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| anyhow!("the password_command of {origin} printed no UTF-8 text"))?;
    let line = text.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        bail!("the password_command of {origin} printed nothing: {command}");
    }
    Ok(line)
}

/// The origin of a value clap read: the flag, or its environment variable.
pub fn given(
    value: Option<String>,
    from_env: bool,
    flag: &'static str,
    var: &'static str,
) -> Option<Given> {
    value.map(|value| Setting {
        value,
        origin: if from_env {
            Origin::Env(var)
        } else {
            Origin::Flag(flag)
        },
    })
}

/// The environment variables behind `--base-url`, `--username`, `--password`, `--profile` and `--ca-cert`, for
/// [`given`].
pub const CONNECTION_VARS: [(&str, &str, &str); 5] = [
    ("base_url", "--base-url", env::PULPC_BASE_URL),
    ("username", "--username", env::PULPC_USERNAME),
    ("password", "--password", env::PULPC_PASSWORD),
    ("profile", "--profile", env::PULPC_PROFILE),
    ("ca_cert", "--ca-cert", env::PULPC_CA_CERT),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(dir: &Path) -> Paths {
        Paths::new(Some(dir.join("home")), None)
    }

    fn flag(value: &str) -> Option<Given> {
        Some(Setting {
            value: value.into(),
            origin: Origin::Flag("--x"),
        })
    }

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn xdg_config_home_wins_over_home_when_absolute() {
        let p = Paths::new(Some("/h".into()), Some("/x".into()));
        assert_eq!(p.pulpc, Some(PathBuf::from("/x/pulpc/config.toml")));
        assert_eq!(p.pulp_cli, Some(PathBuf::from("/x/pulp/cli.toml")));
        let p = Paths::new(Some("/h".into()), Some("relative".into()));
        assert_eq!(p.pulpc, Some(PathBuf::from("/h/.config/pulpc/config.toml")));
        assert_eq!(Paths::new(None, None), Paths::default());
    }

    #[test]
    fn defaults_apply_without_any_file() {
        let dir = tempfile::tempdir().unwrap();
        let r = resolve(&paths(dir.path()), &Overrides::default(), true).unwrap();
        assert_eq!(r.profile.value, "default");
        assert_eq!(r.base_url.value, DEFAULT_BASE_URL);
        assert_eq!(r.base_url.origin, Origin::Default);
        assert_eq!(r.username.value, DEFAULT_USERNAME);
        assert_eq!(r.password, None);
        assert_eq!(r.source, Source::Nothing);
    }

    #[test]
    fn flags_beat_the_profile_which_beats_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let mut config = ConfigFile::default();
        config.profiles.insert(
            "default".into(),
            Profile {
                base_url: Some("http://file:1/".into()),
                username: Some("bob".into()),
                password: Some("secret".into()),
                password_command: None,
                ca_cert: None,
            },
        );
        config.save(p.pulpc.as_ref().unwrap()).unwrap();
        let r = resolve(&p, &Overrides::default(), true).unwrap();
        assert_eq!(r.base_url.value, "http://file:1");
        assert!(matches!(r.base_url.origin, Origin::Profile { .. }));
        assert_eq!(r.username.value, "bob");
        assert_eq!(
            r.password.as_ref().unwrap().value,
            Secret::Password("secret".into())
        );
        let over = Overrides {
            base_url: flag("http://flag:2"),
            password: flag("other"),
            ..Overrides::default()
        };
        let r = resolve(&p, &over, true).unwrap();
        assert_eq!(r.base_url.value, "http://flag:2");
        assert_eq!(r.username.value, "bob");
        assert_eq!(r.password.unwrap().value, Secret::Password("other".into()));
    }

    #[test]
    fn saved_files_are_private_and_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new").join("pulpc").join("config.toml");
        let mut config = ConfigFile::default();
        config.profiles.insert(
            "work".into(),
            Profile {
                password_command: Some("echo hi".into()),
                ..Profile::default()
            },
        );
        config.save(&path).unwrap();
        config.save(&path).unwrap();
        assert_eq!(ConfigFile::load(&path).unwrap(), Some(config));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let mode = fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(mode, 0o700);
        }
    }

    #[test]
    fn pulp_cli_is_read_only_while_pulpc_has_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        write(
            p.pulp_cli.as_ref().unwrap(),
            "[cli]\nbase_url = \"http://pulp:24817\"\nusername = \"alice\"\npassword = \"pw\"\nverify_ssl = true\n\
             [cli-other]\nbase_url = \"http://other:1\"\n",
        );
        let r = resolve(&p, &Overrides::default(), true).unwrap();
        assert_eq!(r.base_url.value, "http://pulp:24817");
        assert_eq!(r.username.value, "alice");
        assert!(
            matches!(r.username.origin, Origin::PulpCli { ref section, .. } if section == "cli")
        );
        let other = Overrides {
            profile: flag("other"),
            ..Overrides::default()
        };
        assert_eq!(
            resolve(&p, &other, true).unwrap().base_url.value,
            "http://other:1"
        );
        let missing = Overrides {
            profile: flag("nope"),
            ..Overrides::default()
        };
        let err = resolve(&p, &missing, true).unwrap_err().to_string();
        assert!(err.contains("has no [cli-nope]"), "{err}");
        assert!(resolve(&p, &missing, false).is_ok());

        write(
            p.pulpc.as_ref().unwrap(),
            "[profiles.default]\nusername = \"carol\"\n",
        );
        let r = resolve(&p, &Overrides::default(), true).unwrap();
        assert_eq!(r.username.value, "carol");
        assert_eq!(
            r.base_url.value, DEFAULT_BASE_URL,
            "pulp-cli's file is no longer read"
        );
    }

    #[test]
    fn unknown_profiles_and_keys_are_errors_that_help() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        write(
            p.pulpc.as_ref().unwrap(),
            "[profiles.staging]\nusername = \"x\"\n",
        );
        let over = Overrides {
            profile: flag("stagign"),
            ..Overrides::default()
        };
        let err = resolve(&p, &over, true).unwrap_err().to_string();
        assert!(err.contains("no profile named 'stagign'"), "{err}");
        assert!(err.contains("did you mean 'staging'?"), "{err}");
        write(
            p.pulpc.as_ref().unwrap(),
            "[profiles.default]\npasword = \"x\"\n",
        );
        let err = resolve(&p, &Overrides::default(), true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("pasword"), "{err}");
    }

    #[test]
    fn password_commands_print_the_password() {
        let origin = Origin::Default;
        assert_eq!(
            run_password_command("printf 'pw\\nrest'", &origin).unwrap(),
            "pw"
        );
        assert!(run_password_command("exit 3", &origin).is_err());
        assert!(run_password_command("true", &origin).is_err());
    }
}
