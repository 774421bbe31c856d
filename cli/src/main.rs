//! pulpc, the command-line client of pulpd.
//!
//! Layout:
//! - `cli`: every clap definition (flags, help, value parsing) and nothing else.
//! - `env`: the names of the environment variables pulpc reads.
//! - `commands`: one module per resource group; runs a parsed command, renders errors, decides the exit code.
//! - `client`: the typed blocking API client (auth, one-line errors, `-v` request log, task waits).
//! - `output`: tables and JSON on stdout, and value formatting (ages, sizes).
//! - `progress`: the spinner on stderr.

mod cli;
mod client;
mod commands;
mod env;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use crate::commands::{ExitStatus, Terminals};

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
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
    let no_color = std::env::var_os(env::NO_COLOR).is_some_and(|v| !v.is_empty());
    commands::run(cli, no_color, Terminals::probe()).into()
}
