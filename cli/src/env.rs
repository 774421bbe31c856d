//! Names of the environment variables pulpc reads, in one place (uv's `env_vars.rs` rule).
//!
//! clap reads the `PULPC_*` ones through `#[arg(env = …)]` in `cli.rs`; `main` reads [`NO_COLOR`]. Nothing else
//! in pulpc touches the environment.

/// Base URL of pulpd (`--base-url`).
pub const PULPC_BASE_URL: &str = "PULPC_BASE_URL";
/// User name for HTTP basic auth (`--username`).
pub const PULPC_USERNAME: &str = "PULPC_USERNAME";
/// Password for HTTP basic auth (`--password`).
pub const PULPC_PASSWORD: &str = "PULPC_PASSWORD";
/// Any non-empty value turns colors off (<https://no-color.org>), like `--color never`.
pub const NO_COLOR: &str = "NO_COLOR";
