//! Results: one [`Row`] per figure, each with pulpd's value, the reference it is compared with (Distribution
//! measured in the same run, or pulpd itself under another condition), the target and the verdict. Printed as a
//! table on stdout and written as JSON.

use serde::Serialize;
use std::fmt;

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Unit {
    #[serde(rename = "req/s")]
    PerSecond,
    #[serde(rename = "MB/s")]
    MbPerSecond,
    #[serde(rename = "ms")]
    Millis,
    #[serde(rename = "s")]
    Seconds,
    #[serde(rename = "MiB")]
    Mib,
}

impl Unit {
    fn format(self, v: f64) -> String {
        match self {
            Unit::PerSecond => format!("{v:.0} req/s"),
            Unit::MbPerSecond => format!("{v:.0} MB/s"),
            Unit::Millis if v < 10.0 => format!("{v:.2} ms"),
            Unit::Millis => format!("{v:.1} ms"),
            Unit::Seconds => format!("{v:.2} s"),
            Unit::Mib => format!("{v:.1} MiB"),
        }
    }
}

/// A measured value, or why there is none.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "value")]
pub enum Figure {
    Measured(f64),
    /// The server does not implement the feature yet.
    NotImplemented(String),
    /// The measurement failed (setup error, wrong answers): the reason.
    Failed(String),
}

impl Figure {
    pub fn from_result(r: anyhow::Result<f64>) -> Figure {
        match r {
            Ok(v) => Figure::Measured(v),
            Err(e) => Figure::Failed(format!("{e:#}")),
        }
    }

    pub fn value(&self) -> Option<f64> {
        match self {
            Figure::Measured(v) => Some(*v),
            _ => None,
        }
    }

    fn format(&self, unit: Unit) -> String {
        match self {
            Figure::Measured(v) => unit.format(*v),
            Figure::NotImplemented(_) => "n/a (not implemented)".into(),
            Figure::Failed(_) => "failed".into(),
        }
    }
}

/// What the row must show.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "limit")]
pub enum Goal {
    /// pulpd ÷ reference ≥ limit (higher is better).
    RatioAtLeast(f64),
    /// pulpd ÷ reference ≤ limit (lower is better: times).
    RatioAtMost(f64),
    /// pulpd ≤ limit, in the row's unit (no peer).
    AtMost(f64),
    /// Reported only.
    None,
}

/// The figure pulpd is compared with.
#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    /// `Distribution`, or what pulpd figure it is (`pulpd offset=0`).
    pub label: String,
    pub figure: Figure,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    /// Not measurable in this run (not implemented, or failed).
    NotApplicable,
    /// No target.
    Info,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "FAIL",
            Verdict::NotApplicable => "n/a",
            Verdict::Info => "-",
        })
    }
}

/// One line of the result table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub workload: String,
    pub unit: Unit,
    pub pulpd: Figure,
    pub reference: Option<Reference>,
    pub goal: Goal,
    /// Absolute details: percentiles, CPU shares, sizes.
    pub notes: Vec<String>,
}

/// The label of the peer in tables and JSON.
pub const DISTRIBUTION: &str = "Distribution";

impl Row {
    pub fn new(workload: impl Into<String>, unit: Unit, pulpd: Figure, goal: Goal) -> Row {
        Row {
            workload: workload.into(),
            unit,
            pulpd,
            reference: None,
            goal,
            notes: Vec::new(),
        }
    }

    /// Compared with Distribution's `figure`.
    pub fn against_peer(self, figure: Figure) -> Row {
        self.against(DISTRIBUTION, figure)
    }

    pub fn against(mut self, label: impl Into<String>, figure: Figure) -> Row {
        self.reference = Some(Reference {
            label: label.into(),
            figure,
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Row {
        self.notes.push(note.into());
        self
    }

    /// pulpd ÷ reference.
    pub fn ratio(&self) -> Option<f64> {
        let reference = self.reference.as_ref()?.figure.value()?;
        let pulpd = self.pulpd.value()?;
        (reference > 0.0).then(|| pulpd / reference)
    }

    pub fn verdict(&self) -> Verdict {
        let ok = match self.goal {
            Goal::None => return Verdict::Info,
            Goal::AtMost(limit) => self.pulpd.value().map(|v| v <= limit),
            Goal::RatioAtLeast(limit) => self.ratio().map(|r| r >= limit),
            Goal::RatioAtMost(limit) => self.ratio().map(|r| r <= limit),
        };
        match ok {
            Some(true) => Verdict::Pass,
            Some(false) => Verdict::Fail,
            None => Verdict::NotApplicable,
        }
    }

    fn target(&self) -> String {
        let against = self
            .reference
            .as_ref()
            .map(|r| r.label.as_str())
            .unwrap_or(DISTRIBUTION);
        // Two decimals only where the limit needs them (0.95× nginx), so 2.0× stays 2.0×.
        let ratio = |l: f64| {
            if (l * 10.0).fract().abs() > 1e-9 {
                format!("{l:.2}")
            } else {
                format!("{l:.1}")
            }
        };
        match self.goal {
            Goal::RatioAtLeast(l) => format!("≥ {}× {against}", ratio(l)),
            Goal::RatioAtMost(l) => format!("≤ {}× {against}", ratio(l)),
            Goal::AtMost(l) => format!("≤ {}", self.unit.format(l)),
            Goal::None => "-".into(),
        }
    }

    fn reference_cell(&self) -> String {
        match &self.reference {
            None => "-".into(),
            Some(r) if r.label == DISTRIBUTION => r.figure.format(self.unit),
            Some(r) => format!("{} ({})", r.figure.format(self.unit), r.label),
        }
    }
}

/// Everything a run produced.
#[derive(Debug, Serialize)]
pub struct Report {
    pub quick: bool,
    /// The run's settings, for reading the figures.
    pub settings: serde_json::Value,
    pub rows: Vec<Row>,
    /// The whole run, build included.
    pub wall_seconds: f64,
    /// The `cargo build` step alone.
    pub build_seconds: f64,
}

impl Report {
    /// The table: workload, pulpd, Distribution (or reference), ratio, target, result.
    pub fn table(&self) -> String {
        let mut table = comfy_table::Table::new();
        table.load_preset(comfy_table::presets::ASCII_MARKDOWN);
        table.set_header([
            "workload",
            "pulpd",
            "Distribution / ref",
            "ratio",
            "target",
            "result",
        ]);
        for row in &self.rows {
            table.add_row([
                row.workload.clone(),
                row.pulpd.format(row.unit),
                row.reference_cell(),
                row.ratio()
                    .map(|r| format!("{r:.2}×"))
                    .unwrap_or_else(|| "-".into()),
                row.target(),
                row.verdict().to_string(),
            ]);
        }
        table.to_string()
    }

    /// Notes and failure reasons, one block per row that has any.
    pub fn details(&self) -> String {
        let mut out = String::new();
        for row in &self.rows {
            let mut lines = row.notes.clone();
            for (who, figure) in std::iter::once(("pulpd", &row.pulpd)).chain(
                row.reference
                    .as_ref()
                    .map(|r| (r.label.as_str(), &r.figure)),
            ) {
                match figure {
                    Figure::Failed(why) => lines.push(format!("{who} failed: {why}")),
                    Figure::NotImplemented(why) => lines.push(format!("{who}: {why}")),
                    Figure::Measured(_) => {}
                }
            }
            if !lines.is_empty() {
                out.push_str(&format!("- {}\n", row.workload));
                for l in lines {
                    out.push_str(&format!("    {l}\n"));
                }
            }
        }
        out
    }

    /// The rows whose target pulpd misses.
    pub fn misses(&self) -> Vec<&Row> {
        self.rows
            .iter()
            .filter(|r| r.verdict() == Verdict::Fail)
            .collect()
    }

    pub fn to_json(&self) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).expect("rows serialize");
                v["ratio"] = serde_json::json!(r.ratio());
                v["target"] = serde_json::json!(r.target());
                v["result"] = serde_json::json!(r.verdict());
                v
            })
            .collect();
        serde_json::json!({
            "quick": self.quick,
            "settings": self.settings,
            "wall_seconds": self.wall_seconds,
            "build_seconds": self.build_seconds,
            "rows": rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_goals_compare_pulpd_with_the_reference() {
        let row = Row::new(
            "x",
            Unit::PerSecond,
            Figure::Measured(300.0),
            Goal::RatioAtLeast(2.0),
        )
        .against_peer(Figure::Measured(100.0));
        assert_eq!(row.ratio(), Some(3.0));
        assert_eq!(row.verdict(), Verdict::Pass);
        let row = Row::new(
            "t",
            Unit::Seconds,
            Figure::Measured(1.2),
            Goal::RatioAtMost(1.1),
        )
        .against_peer(Figure::Measured(1.0));
        assert_eq!(row.verdict(), Verdict::Fail);
    }

    #[test]
    fn a_missing_figure_is_not_applicable_not_a_pass() {
        let row = Row::new(
            "pt",
            Unit::Seconds,
            Figure::NotImplemented("no endpoint".into()),
            Goal::RatioAtMost(1.1),
        )
        .against_peer(Figure::Measured(1.0));
        assert_eq!(row.verdict(), Verdict::NotApplicable);
        assert!(Report {
            quick: true,
            settings: serde_json::Value::Null,
            rows: vec![row],
            wall_seconds: 0.0,
            build_seconds: 0.0,
        }
        .table()
        .contains("n/a (not implemented)"));
    }
}
