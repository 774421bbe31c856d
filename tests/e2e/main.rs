//! End-to-end tests: one test binary, one module per workflow. Each test starts its own pulpd (ephemeral port,
//! temp data dir) so tests run in parallel; real registry clients come from `pulp_e2e::clients`.

mod api_errors;
mod cli;
mod cli_tty;
mod connections;
mod disk_space;
mod distribution_flow;
mod harness;
mod password_checks;
mod permissions;
mod persistence;
mod postgres_metadata;
mod pull_through;
// Pushes (issue 13).
mod blob_redirect;
mod push;
mod registry;
mod replicas;
mod s3_blobs;
mod shared_uploads;
mod sync;
mod token_auth;
// Operating in production (issue 17).
mod config_file;
mod health;
mod metrics;
mod service;
mod tls;
mod zero_copy;
// Lifecycle (issue 16).
mod lifecycle;
mod orphans;
mod pull_through_retention;
// The real pulp-cli (issue 15).
mod pulp_cli;
