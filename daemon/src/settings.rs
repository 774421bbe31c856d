//! pulpd's settings from four places, in this order of precedence: command-line flags > environment variables
//! (`PULPD_*`) > the config file > built-in defaults.
//!
//! Owns: finding and reading the config file (`--config FILE` / `PULPD_CONFIG`, else [`DEFAULT_FILE`] when it
//! exists), checking its keys, merging it under flags and environment, and remembering where each value came
//! from for `pulpd config show` and the start-up log. The flags themselves are defined once, in `main.rs`.
//!
//! The file is TOML with one top-level key per flag, spelled exactly as the long flag (`min-free-space =
//! "2GiB"`, `token-auth = false`, `shutdown-grace = 30`); a key that is no flag is an error naming it (with the
//! flag it probably meant), so a typo never silently falls back to a default.
//!
//! How the merge works: clap parses flags and environment first and says, per argument, where its value came
//! from (`ArgMatches::value_source`). Every file key whose argument came from neither is then passed to clap as
//! if it were a flag, and everything is parsed again: the file's values go through the same parsers and checks
//! as flags, and flags and environment keep winning because file values are only added where they are absent.

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use std::collections::HashSet;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

/// The config file read when `--config` is not given, if it exists.
pub const DEFAULT_FILE: &str = "/etc/pulpd/pulpd.toml";

/// The argument ids that are not settings: the file is named by `config` itself; `check` is an action.
const NOT_SETTINGS: [&str; 4] = ["config", "check", "help", "version"];

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag,
    /// The environment variable named.
    Env(String),
    /// The config file.
    File,
    /// The built-in default (or unset, for settings without one).
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag => f.write_str("flag"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::File => f.write_str("file"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// One setting in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The long flag name, which is also the config file key.
    pub name: String,
    /// The value as given (`None`: unset, the flag's documented fallback applies).
    pub value: Option<String>,
    pub source: Source,
}

/// The parsed arguments and where every value came from.
#[derive(Debug)]
pub struct Loaded<T> {
    pub args: T,
    /// The config file that was read, if any.
    pub file: Option<PathBuf>,
    /// Every setting, in `--help` order.
    pub settings: Vec<Setting>,
}

impl<T> Loaded<T> {
    /// The names of the settings that came from `source`'s kind (for the start-up log).
    pub fn names_from(&self, wanted: fn(&Source) -> bool) -> String {
        self.settings
            .iter()
            .filter(|s| wanted(&s.source))
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Why the settings could not be loaded. Every variant is a usage error (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// clap refused the command line or the environment (it prints and exits itself).
    #[error(transparent)]
    Usage(#[from] clap::Error),
    #[error("cannot read the config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the config file {} is not valid TOML: {message}", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("unknown key `{key}` in the config file {}{hint}", path.display())]
    UnknownKey {
        path: PathBuf,
        key: String,
        /// `; did you mean …?`, or empty.
        hint: String,
    },
    #[error("bad value for `{key}` in the config file {}: {reason}", path.display())]
    Value {
        path: PathBuf,
        key: String,
        reason: String,
    },
}

/// Parses `argv` (with the program name first) into `T`, merging in the config file (see the module doc).
///
/// # Errors
/// See [`Error`]; all of them are usage errors.
pub fn load<T: CommandFactory + FromArgMatches>(argv: Vec<OsString>) -> Result<Loaded<T>, Error> {
    let first = T::command().try_get_matches_from(&argv)?;
    let file = match first.get_one::<PathBuf>("config") {
        Some(path) => Some(path.clone()),
        None => Some(PathBuf::from(DEFAULT_FILE)).filter(|p| p.exists()),
    };
    let Some(path) = file else {
        return finish(first, None, &HashSet::new());
    };
    let table = read(&path)?;
    let command = T::command();
    let mut from_file = HashSet::new();
    let mut extra: Vec<OsString> = Vec::new();
    for (key, value) in &table {
        let Some(arg) = command
            .get_arguments()
            .find(|a| a.get_long() == Some(key.as_str()) && is_setting(a.get_id().as_str()))
        else {
            return Err(unknown_key(&path, key, &command));
        };
        let id = arg.get_id().as_str();
        if matches!(
            first.value_source(id),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        ) {
            continue;
        }
        let text = scalar(value).ok_or_else(|| Error::Value {
            path: path.clone(),
            key: key.clone(),
            reason: "expected a string, a number or a boolean".into(),
        })?;
        if arg.get_action().takes_values() {
            extra.push(format!("--{key}={text}").into());
        } else if text == "true" {
            extra.push(format!("--{key}").into());
        } else if text != "false" {
            return Err(Error::Value {
                path: path.clone(),
                key: key.clone(),
                reason: "expected true or false".into(),
            });
        }
        from_file.insert(id.to_string());
    }
    // The file's values go right after the program name, before any subcommand.
    let mut merged = argv;
    let rest = merged.split_off(1.min(merged.len()));
    merged.extend(extra);
    merged.extend(rest);
    let matches = T::command()
        .try_get_matches_from(&merged)
        .map_err(|e| Error::Value {
            path: path.clone(),
            key: e
                .get(clap::error::ContextKind::InvalidArg)
                .map(|a| a.to_string())
                .unwrap_or_default(),
            reason: e
                .to_string()
                .trim()
                .trim_start_matches("error: ")
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
        })?;
    finish(matches, Some(path), &from_file)
}

fn finish<T: CommandFactory + FromArgMatches>(
    matches: ArgMatches,
    file: Option<PathBuf>,
    from_file: &HashSet<String>,
) -> Result<Loaded<T>, Error> {
    let command = T::command();
    let settings = command
        .get_arguments()
        .filter(|a| is_setting(a.get_id().as_str()) && a.get_long().is_some())
        .map(|arg| {
            let id = arg.get_id().as_str();
            let value = matches.get_raw(id).map(|values| {
                values
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join(",")
            });
            let source = if from_file.contains(id) {
                Source::File
            } else {
                match matches.value_source(id) {
                    Some(ValueSource::CommandLine) => Source::Flag,
                    Some(ValueSource::EnvVariable) => Source::Env(
                        arg.get_env()
                            .map(|e| e.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                    ),
                    _ => Source::Default,
                }
            };
            Setting {
                name: arg.get_long().unwrap_or(id).to_string(),
                value,
                source,
            }
        })
        .collect();
    let args = T::from_arg_matches(&matches)?;
    Ok(Loaded {
        args,
        file,
        settings,
    })
}

fn is_setting(id: &str) -> bool {
    !NOT_SETTINGS.contains(&id)
}

fn read(path: &Path) -> Result<toml::Table, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| Error::Syntax {
        path: path.to_path_buf(),
        message: e.message().to_string(),
    })
}

/// A TOML scalar as the text a flag would take.
fn scalar(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(_) | toml::Value::Array(_) | toml::Value::Table(_) => None,
    }
}

fn unknown_key(path: &Path, key: &str, command: &clap::Command) -> Error {
    let names: Vec<&str> = command
        .get_arguments()
        .filter(|a| is_setting(a.get_id().as_str()))
        .filter_map(|a| a.get_long())
        .collect();
    let dashed = key.replace('_', "-");
    let best = if names.contains(&dashed.as_str()) {
        Some(dashed)
    } else {
        names
            .iter()
            .map(|n| (strsim::damerau_levenshtein(key, n), *n))
            .filter(|(d, n)| *d <= 1 + n.len() / 4)
            .min_by_key(|(d, _)| *d)
            .map(|(_, n)| n.to_string())
    };
    let hint = match best {
        Some(name) => format!("; did you mean `{name}`?"),
        None => format!("; the keys are the long flag names: {}", names.join(", ")),
    };
    Error::UnknownKey {
        path: path.to_path_buf(),
        key: key.to_string(),
        hint,
    }
}

/// The settings as a config file (`pulpd config show`): each line `key = value  # source`; unset settings are
/// commented out. Values are TOML strings, which the file accepts for every flag.
pub fn render(settings: &[Setting], file: Option<&Path>) -> String {
    let width = settings
        .iter()
        .map(|s| s.name.len() + s.value.as_ref().map_or(0, |v| quoted(v).len()) + 3)
        .max()
        .unwrap_or(0)
        + 2;
    let mut out = format!(
        "# pulpd settings in effect (precedence: flag > environment > config file > default)\n# config file: {}\n",
        file.map_or("none".to_string(), |p| p.display().to_string())
    );
    for s in settings {
        let line = match &s.value {
            Some(v) => format!("{} = {}", s.name, quoted(v)),
            None => format!("# {} (unset)", s.name),
        };
        out.push_str(&format!("{line:<width$}# {}\n", s.source));
    }
    out
}

fn quoted(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// A stand-in for pulpd's flags.
    #[derive(Debug, Parser)]
    struct Args {
        #[arg(long, env = "SETTINGS_TEST_CONFIG", global = true)]
        config: Option<PathBuf>,
        #[arg(long, env = "SETTINGS_TEST_BIND", default_value = "127.0.0.1:1")]
        bind: String,
        #[arg(long, env = "SETTINGS_TEST_GRACE", default_value_t = 30)]
        shutdown_grace: u64,
        #[arg(long)]
        self_signed: bool,
        #[arg(long)]
        registry_host: Option<String>,
    }

    fn argv(args: &[&str]) -> Vec<OsString> {
        std::iter::once("pulpd")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect()
    }

    fn file(text: &str) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), text).unwrap();
        f
    }

    fn source<'a>(loaded: &'a Loaded<Args>, name: &str) -> &'a Source {
        &loaded
            .settings
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .source
    }

    #[test]
    fn file_values_fill_in_what_flags_do_not_give() {
        let f = file("bind = \"127.0.0.1:2\"\nshutdown-grace = 5\nself-signed = true\n");
        let path = f.path().to_str().unwrap();
        let loaded: Loaded<Args> =
            load(argv(&["--config", path, "--shutdown-grace", "7"])).unwrap();
        assert_eq!(loaded.args.bind, "127.0.0.1:2");
        assert_eq!(loaded.args.shutdown_grace, 7);
        assert!(loaded.args.self_signed);
        assert_eq!(source(&loaded, "bind"), &Source::File);
        assert_eq!(source(&loaded, "shutdown-grace"), &Source::Flag);
        assert_eq!(source(&loaded, "registry-host"), &Source::Default);
        assert_eq!(loaded.file.as_deref(), Some(f.path()));
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_it_and_the_likely_flag() {
        let f = file("shutdown_grace = 5\n");
        let e = load::<Args>(argv(&["--config", f.path().to_str().unwrap()])).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("unknown key `shutdown_grace`"), "{text}");
        assert!(text.contains("did you mean `shutdown-grace`"), "{text}");
        let f = file("bnd = \"x\"\n");
        let text = load::<Args>(argv(&["--config", f.path().to_str().unwrap()]))
            .unwrap_err()
            .to_string();
        assert!(text.contains("`bnd`") && text.contains("`bind`"), "{text}");
    }

    #[test]
    fn a_bad_value_names_the_file_and_key() {
        let f = file("shutdown-grace = \"soon\"\n");
        let e = load::<Args>(argv(&["--config", f.path().to_str().unwrap()])).unwrap_err();
        assert!(matches!(e, Error::Value { .. }), "{e:?}");
        assert!(e.to_string().contains("shutdown-grace"), "{e}");
    }

    #[test]
    fn render_is_a_config_file_with_sources() {
        let settings = vec![
            Setting {
                name: "bind".into(),
                value: Some("127.0.0.1:1".into()),
                source: Source::Env("PULPD_BIND".into()),
            },
            Setting {
                name: "registry-host".into(),
                value: None,
                source: Source::Default,
            },
        ];
        let text = render(&settings, None);
        assert!(text.contains("bind = \"127.0.0.1:1\""), "{text}");
        assert!(text.contains("# env PULPD_BIND"), "{text}");
        assert!(text.contains("# registry-host (unset)"), "{text}");
        let table: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(table.len(), 1);
    }
}
