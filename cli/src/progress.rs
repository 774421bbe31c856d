//! The spinner on stderr while pulpc waits for a task.
//!
//! Drawn only when stderr is a terminal, and neither `--quiet` nor `-v` is given (with `-v` the request log is
//! the progress); otherwise the bar has a hidden draw target and every call is a no-op. Never writes to stdout.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often the spinner turns; also bounds how stale its message can look.
const TICK: Duration = Duration::from_millis(80);

/// A spinner with a message, cleared when dropped.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A spinner saying `message`, drawn on stderr only when `visible`.
    pub fn spinner(visible: bool, message: impl Into<String>) -> Progress {
        if !visible {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .expect("the template is valid")
                .tick_chars("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ "),
        );
        bar.set_message(message.into());
        bar.enable_steady_tick(TICK);
        Progress { bar }
    }

    /// A spinner that draws nothing.
    pub fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
        }
    }

    pub fn set_message(&self, message: String) {
        self.bar.set_message(message);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
