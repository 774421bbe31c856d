//! The domain's error type: what went wrong in terms a client can act on. The HTTP edge maps it once, to Pulp
//! bodies (`http::error`) or, for the registry, to OCI bodies.

use pulp_shared::error::FieldErrors;

/// Errors of the domain layer (resources, tasks, auth).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request body is invalid; messages per field, as Pulp words them.
    #[error("invalid request: {0:?}")]
    Invalid(FieldErrors),
    /// No such resource; `kind` is Pulp's model name (`ContainerRepository`, `Task`, …).
    #[error("no {kind} matches the given query")]
    NotFound { kind: &'static str },
    /// The caller is authenticated but no role grants what was asked (403, DRF's wording).
    #[error("you do not have permission to perform this action")]
    Forbidden,
    /// The operation conflicts with the resource's state (e.g. cancel a finished task).
    #[error("conflict: {0}")]
    Conflict(String),
    /// Less than the free-space reserve is left: the write was refused (507) and changed nothing.
    #[error(transparent)]
    InsufficientStorage(#[from] crate::space::InsufficientStorage),
    /// The metadata store failed (pulpd is stopping for its supervisor to restart it) or cannot be reached (503).
    #[error("{0}")]
    Unavailable(String),
    /// Storage or another internal failure; logged, answered as an opaque 500.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<crate::store::Error> for Error {
    fn from(e: crate::store::Error) -> Self {
        match e {
            crate::store::Error::Failed { ref cause } => {
                tracing::error!(error = %e, "metadata store error");
                Error::Unavailable(store_failed_text(cause))
            }
            crate::store::Error::Unavailable { ref cause } => {
                tracing::warn!(error = %e, "metadata store unavailable");
                Error::Unavailable(format!(
                    "The metadata store is unavailable ({cause}). Retry in a moment."
                ))
            }
            e => Error::Internal(anyhow::Error::new(e)),
        }
    }
}

/// What a client is told when the metadata store failed (see `store/mod.rs`).
pub fn store_failed_text(cause: &dyn std::fmt::Display) -> String {
    format!("The metadata store failed ({cause}); pulpd is restarting. Retry in a moment.")
}

impl Error {
    /// A validation error on one field.
    pub fn field(field: &str, message: impl Into<String>) -> Error {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_string(), vec![message.into()]);
        Error::Invalid(errors)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
