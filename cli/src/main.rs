//! pulpc, the command-line client of pulpd.
//!
//! Layout:
//! - `cli`: every clap definition (flags, help, value parsing) and nothing else.
//! - `env`: the names of the environment variables pulpc reads.
//! - `config`: the config file's profiles (and pulp-cli's file), merged under flags and environment.
//! - `commands`: one module per resource group; runs a parsed command, renders errors, decides the exit code.
//! - `client`: the typed blocking API client (auth, one-line errors, `-v` request log, task waits, registry reads).
//! - `output`: tables and JSON on stdout, and value formatting (ages, sizes).
//! - `progress`: spinners and progress bars on stderr.
//!
//! `main` is the only place that reads the environment directly (HOME, XDG_CONFIG_HOME, NO_COLOR) and probes the
//! terminals; everything else gets those values passed down.

mod cli;
mod client;
mod commands;
mod config;
mod env;
mod output;
mod progress;

use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};

use crate::commands::{ExitStatus, Terminals};

fn main() -> ExitCode {
    let parsed = cli::Cli::command()
        .try_get_matches()
        .and_then(|matches| cli::Cli::from_arg_matches(&matches).map(|cli| (cli, matches)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(err) => {
            // --help and --version are "errors" that print to stdout and succeed.
            let _ = err.print();
            return if err.use_stderr() {
                ExitStatus::Usage
            } else {
                ExitStatus::Success
            }
            .into();
        }
    };
    // Which connection values came from the environment rather than a flag, for messages ("password from
    // PULPC_PASSWORD").
    let from_env = |id: &str| matches.value_source(id) == Some(ValueSource::EnvVariable);
    let [base_url, username, password, profile, ca_cert] = config::CONNECTION_VARS;
    let overrides = config::Overrides {
        base_url: config::given(
            cli.connection.base_url.clone(),
            from_env(base_url.0),
            base_url.1,
            base_url.2,
        ),
        username: config::given(
            cli.connection.username.clone(),
            from_env(username.0),
            username.1,
            username.2,
        ),
        password: config::given(
            cli.connection.password.clone(),
            from_env(password.0),
            password.1,
            password.2,
        ),
        profile: config::given(
            cli.connection.profile.clone(),
            from_env(profile.0),
            profile.1,
            profile.2,
        ),
        ca_cert: config::given(
            cli.connection.ca_cert.clone(),
            from_env(ca_cert.0),
            ca_cert.1,
            ca_cert.2,
        ),
    };
    let paths = config::Paths::new(
        std::env::var_os(env::HOME).map(Into::into),
        std::env::var_os(env::XDG_CONFIG_HOME).map(Into::into),
    );
    let no_color = std::env::var_os(env::NO_COLOR).is_some_and(|v| !v.is_empty());
    commands::run(cli, overrides, paths, no_color, Terminals::probe()).into()
}
