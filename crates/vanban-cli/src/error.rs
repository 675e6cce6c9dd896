//! Why a command did not do what was asked, and the exit code that says so: 1 when a rule
//! refused it (wrong state, not allowed, a PIN to give, a choice to make…), 2 when the input,
//! a file or the database cannot be used. Printed once, by `main`, in Vietnamese.

use std::process::ExitCode;

use vanban_core::validate::Severity;

/// A command that failed, with its exit code.
#[derive(Debug)]
pub enum CliError {
    /// A use case of `vanban_app` refused (1) or failed (2), as [`vanban_app::Error::is_refusal`]
    /// says.
    App(vanban_app::Error),
    /// Refused (1): what to do instead.
    Refused(String),
    /// The arguments, a file or the input cannot be used (2), with the causes.
    Unusable(anyhow::Error),
}

/// Returns early with an unusable input (exit code 2): the message, as `format!` takes it.
macro_rules! unusable {
    ($($arg:tt)*) => {
        return Err($crate::error::CliError::unusable(format!($($arg)*)))
    };
}
pub(crate) use unusable;

/// The result of a command: its exit code when it ran (0, or 1 for "found nothing" and the
/// like), else why not.
pub type CliResult<T = ExitCode> = Result<T, CliError>;

impl CliError {
    /// An unusable input, in words.
    pub fn unusable(message: impl std::fmt::Display) -> CliError {
        CliError::Unusable(anyhow::anyhow!("{message}"))
    }

    /// The process's exit code.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::App(e) if e.is_refusal() => ExitCode::from(1),
            CliError::Refused(_) => ExitCode::from(1),
            CliError::App(_) | CliError::Unusable(_) => ExitCode::from(2),
        }
    }

    /// Prints the error on standard error: "vanban: …", the option a signing error is about,
    /// and the errors that make a document unusable, one a line.
    pub fn print(&self) {
        match self {
            CliError::App(vanban_app::Error::Signing(e)) => crate::token::print_sign_error(e),
            CliError::App(e) => eprintln!("vanban: {e}"),
            CliError::Refused(message) => eprintln!("vanban: {message}"),
            CliError::Unusable(e) => eprintln!("vanban: {e:#}"),
        }
        if let CliError::App(vanban_app::Error::Invalid { report, .. }) = self {
            for d in report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                eprintln!("  lỗi      {}: {}", d.path, d.message);
            }
        }
    }
}

impl From<vanban_app::Error> for CliError {
    fn from(e: vanban_app::Error) -> Self {
        CliError::App(e)
    }
}

impl From<anyhow::Error> for CliError {
    fn from(e: anyhow::Error) -> Self {
        CliError::Unusable(e)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Unusable(e.into())
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Unusable(e.into())
    }
}
