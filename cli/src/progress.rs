//! Progress on stderr while pulpc waits: a spinner saying what it waits for, and one bar per progress report of
//! the task (Pulp's `progress_reports`: "Downloading tag list 1/1", "Downloading Artifacts 12/40", …).
//!
//! Drawn only when stderr is a terminal, and neither `--quiet` nor `-v` is given (with `-v` the request log is
//! the progress); otherwise everything has a hidden draw target and every call is a no-op. Colors only when the
//! messages may be colored (`--color`, NO_COLOR). Never writes to stdout; everything is cleared when dropped.

use std::cell::RefCell;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use pulp_shared::api::{ProgressReport, Task};

use crate::client::short_task_name;

/// How often the spinner turns; also bounds how stale its message can look.
const TICK: Duration = Duration::from_millis(80);
/// Width of the bars, in columns.
const BAR_WIDTH: u16 = 30;

/// A spinner with one bar per progress report under it, all cleared when dropped.
pub struct Progress {
    /// `None` when hidden.
    drawn: Option<Drawn>,
}

struct Drawn {
    multi: MultiProgress,
    header: ProgressBar,
    /// One bar per report, keyed by the report's code (its message when the code is empty), in first-seen order.
    bars: RefCell<Vec<(String, ProgressBar)>>,
    color: bool,
}

impl Progress {
    /// A spinner saying `what` it waits for, drawn on stderr only when `visible`.
    pub fn spinner(visible: bool, color: bool, what: impl Into<String>) -> Progress {
        if !visible {
            return Progress::hidden();
        }
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let header = multi.add(ProgressBar::new_spinner());
        let template = if color {
            "{spinner:.green} {prefix:.bold}{msg} ({elapsed})"
        } else {
            "{spinner} {prefix}{msg} ({elapsed})"
        };
        header.set_style(
            ProgressStyle::with_template(template)
                .expect("the template is valid")
                .tick_chars("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ "),
        );
        header.set_prefix(what.into());
        header.enable_steady_tick(TICK);
        Progress {
            drawn: Some(Drawn {
                multi,
                header,
                bars: RefCell::new(Vec::new()),
                color,
            }),
        }
    }

    /// Draws nothing.
    pub fn hidden() -> Progress {
        Progress { drawn: None }
    }

    /// Shows `news` after what is awaited ("waiting for task 73e53be1: running").
    pub fn set_message(&self, news: &str) {
        if let Some(d) = &self.drawn {
            d.header.set_message(format!(": {news}"));
        }
    }

    /// Shows a task in flight: its state after the spinner, its progress reports as bars.
    pub fn task(&self, task: &Task) {
        self.set_message(&format!(
            "{} {}",
            short_task_name(&task.name),
            task.state.as_str()
        ));
        for report in &task.progress_reports {
            self.report(report);
        }
    }

    /// Draws or updates the bar of one progress report.
    pub fn report(&self, report: &ProgressReport) {
        let Some(d) = &self.drawn else { return };
        let key = if report.code.is_empty() {
            report.message.clone()
        } else {
            report.code.clone()
        };
        let mut bars = d.bars.borrow_mut();
        let bar = match bars.iter().find(|(k, _)| *k == key) {
            Some((_, bar)) => bar.clone(),
            None => {
                let bar = d.multi.add(ProgressBar::new(0));
                bars.push((key, bar.clone()));
                bar
            }
        };
        bar.set_style(d.style(report.total.is_some()));
        if let Some(total) = report.total {
            bar.set_length(total);
        }
        bar.set_position(report.done);
        let mark = match report.state.as_str() {
            "completed" => "done",
            "failed" => "failed",
            "canceled" => "canceled",
            "skipped" => "skipped",
            _ => "",
        };
        bar.set_prefix(report.message.clone());
        bar.set_message(mark);
        bar.tick();
    }
}

impl Drawn {
    fn style(&self, bounded: bool) -> ProgressStyle {
        let template = match (bounded, self.color) {
            (true, true) => format!(
                "  {{prefix:28}} [{{bar:{BAR_WIDTH}.cyan/blue}}] {{pos}}/{{len}} {{msg:.green}}"
            ),
            (true, false) => {
                format!("  {{prefix:28}} [{{bar:{BAR_WIDTH}}}] {{pos}}/{{len}} {{msg}}")
            }
            (false, true) => "  {prefix:28} {pos} {msg:.green}".to_string(),
            (false, false) => "  {prefix:28} {pos} {msg}".to_string(),
        };
        ProgressStyle::with_template(&template)
            .expect("the template is valid")
            .progress_chars("=> ")
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(d) = &self.drawn {
            for (_, bar) in d.bars.borrow().iter() {
                bar.finish_and_clear();
            }
            d.header.finish_and_clear();
            let _ = d.multi.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_progress_accepts_everything() {
        let p = Progress::spinner(false, true, "x");
        p.set_message("news");
        p.report(&ProgressReport {
            message: "Downloading".into(),
            code: "sync.downloading".into(),
            state: "running".into(),
            total: Some(3),
            done: 1,
            suffix: None,
        });
        assert!(p.drawn.is_none());
    }

    #[test]
    fn templates_are_valid_with_and_without_color() {
        for color in [true, false] {
            let multi = MultiProgress::with_draw_target(ProgressDrawTarget::hidden());
            let d = Drawn {
                header: multi.add(ProgressBar::hidden()),
                multi,
                bars: RefCell::new(Vec::new()),
                color,
            };
            d.style(true);
            d.style(false);
        }
    }
}
