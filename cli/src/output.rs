//! Everything pulpc prints on stdout: tables for people, JSON for scripts, bare lines (`registry-path`); plus the
//! helpers that make values readable (ages like "3 min ago", sizes, short ids).
//!
//! stdout carries data only. `--format json` prints the API's objects exactly as pulpd sent them (field order
//! kept), pretty-printed, one document per command. Tables fit the terminal and are styled on a terminal only;
//! elsewhere they are plain columns separated by two spaces, with no borders, colors or trailing blanks.
//! Writes return `io::Error`s (a closed pipe among them) for `main` to judge; nothing here panics on a closed
//! stdout, unlike `println!`.

use std::io::{self, Write};

use chrono::{DateTime, Utc};
use comfy_table::{presets, Attribute, Cell, ContentArrangement, Table};
use serde_json::value::RawValue;

use crate::cli::Format;

/// Narrower terminals than this are taken for a pty without a size, not squeezed into.
const MIN_TERMINAL_WIDTH: u16 = 20;

/// A row of a table.
pub type Row = Vec<Cell>;

/// Where and how data is printed.
#[derive(Debug, Clone)]
pub struct Output {
    format: Format,
    /// stdout is a terminal: borders and terminal width.
    terminal: bool,
    /// Colors and bold on stdout (terminal or `--color always`, and no NO_COLOR).
    styled: bool,
    /// `--quiet`: no notes on stderr.
    quiet: bool,
}

impl Output {
    pub fn new(format: Format, terminal: bool, styled: bool, quiet: bool) -> Output {
        Output {
            format,
            terminal,
            styled,
            quiet,
        }
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    /// Prints one object as pulpd sent it.
    pub fn json(&self, raw: &RawValue) -> io::Result<()> {
        write_stdout(&format!("{}\n", pretty_json(raw.get())))
    }

    /// Prints the objects of a list as one JSON array.
    pub fn json_list<'a>(&self, items: impl IntoIterator<Item = &'a RawValue>) -> io::Result<()> {
        let joined: Vec<&str> = items.into_iter().map(RawValue::get).collect();
        write_stdout(&format!(
            "{}\n",
            pretty_json(&format!("[{}]", joined.join(",")))
        ))
    }

    /// Prints a line of text, e.g. a bare registry path or a task href.
    pub fn line(&self, text: &str) -> io::Result<()> {
        write_stdout(&format!("{text}\n"))
    }

    /// Prints a table with a header row.
    pub fn table(&self, header: &[&str], rows: Vec<Row>) -> io::Result<()> {
        let mut table = self.new_table();
        table.set_header(
            header
                .iter()
                .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
        );
        table.add_rows(rows);
        self.print(table)
    }

    /// Prints a two-column key/value table (what `show` prints).
    pub fn pairs(&self, pairs: Vec<(&str, Cell)>) -> io::Result<()> {
        let mut table = self.new_table();
        table.add_rows(
            pairs
                .into_iter()
                .map(|(key, value)| vec![Cell::new(key).add_attribute(Attribute::Bold), value]),
        );
        self.print(table)
    }

    /// A note for people on stderr ("deleted distribution …"), unless `--quiet`.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            // A closed stderr is no reason to fail a command that did its work.
            let _ = writeln!(io::stderr(), "{text}");
        }
    }

    fn new_table(&self) -> Table {
        let mut table = Table::new();
        if self.terminal {
            table
                .load_preset(presets::UTF8_FULL_CONDENSED)
                .apply_modifier(comfy_table::modifiers::UTF8_ROUND_CORNERS);
            // Fit the terminal's width (also once `force_no_tty` below turns colors off); a terminal that reports
            // no usable width (a pty without a size) gets the table at its natural width.
            if let Some(width) = table.width().filter(|w| *w >= MIN_TERMINAL_WIDTH) {
                table
                    .set_width(width)
                    .set_content_arrangement(ContentArrangement::Dynamic);
            }
        } else {
            table.load_preset(presets::NOTHING);
        }
        table.force_no_tty();
        if self.styled {
            table.enforce_styling();
        }
        table
    }

    fn print(&self, mut table: Table) -> io::Result<()> {
        if !self.terminal {
            // Two blanks between columns, none before the first: easy on `awk`, `cut` and eyes.
            for column in table.column_iter_mut() {
                column.set_padding((0, 2));
            }
        }
        let text = if self.terminal {
            table.to_string()
        } else {
            table.trim_fmt()
        };
        write_stdout(&format!("{text}\n"))
    }
}

fn write_stdout(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// Re-indents valid JSON text like `serde_json::to_string_pretty`, keeping the field order of the input (a
/// `serde_json::Value` would sort the keys of objects).
pub fn pretty_json(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let mut i = 0;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'"' => {
                // Copy the string through its closing quote, skipping escaped characters.
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                out.push_str(&json[start..=i.min(bytes.len() - 1)]);
            }
            b'{' | b'[' => {
                let close = if c == b'{' { b'}' } else { b']' };
                let mut j = i + 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == close {
                    out.push(c as char);
                    out.push(close as char);
                    i = j;
                } else {
                    out.push(c as char);
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c as char);
            }
            b',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            b':' => out.push_str(": "),
            c if c.is_ascii_whitespace() => {}
            _ => {
                // Numbers, true, false, null: copy the run of bytes up to the next delimiter.
                let start = i;
                while i + 1 < bytes.len()
                    && !matches!(
                        bytes[i + 1],
                        b',' | b'}' | b']' | b':' | b' ' | b'\n' | b'\t' | b'\r'
                    )
                {
                    i += 1;
                }
                out.push_str(&json[start..=i]);
            }
        }
        i += 1;
    }
    out
}

/// How long ago `timestamp` (RFC 3339) was, the way a person says it: "just now", "42 s ago", "3 min ago",
/// "5 h ago", "2 days ago". Unparseable timestamps are shown as they are.
pub fn age(timestamp: &str, now: DateTime<Utc>) -> String {
    let Ok(then) = DateTime::parse_from_rfc3339(timestamp) else {
        return timestamp.to_string();
    };
    let secs = (now - then.with_timezone(&Utc)).num_seconds();
    match secs {
        s if s < 1 => "just now".to_string(),
        s if s < 60 => format!("{s} s ago"),
        s if s < 3600 => format!("{} min ago", s / 60),
        s if s < 86_400 => format!("{} h ago", s / 3600),
        s if s < 2 * 86_400 => "1 day ago".to_string(),
        s => format!("{} days ago", s / 86_400),
    }
}

/// A timestamp for `show`: "3 min ago (2026-11-23T07:26:08Z)".
pub fn when(timestamp: &str, now: DateTime<Utc>) -> String {
    format!("{} ({timestamp})", age(timestamp, now))
}

/// Labels as `key=value, …`.
pub fn labels(labels: &pulp_shared::api::Labels) -> String {
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `1536` → `1.5 KiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The last 8 hex digits of the UUID in an href: the random part of a UUIDv7, so tasks created in the same
/// minute still look different (the leading digits are the timestamp).
pub fn short_id(href: &str) -> String {
    let id = href
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(href);
    let start = id.len().saturating_sub(8);
    id.get(start..).unwrap_or(id).to_string()
}

/// An optional value as a cell text: empty when absent.
pub fn or_blank<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T07:30:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn ages_read_like_speech() {
        assert_eq!(age("2026-11-23T07:30:00Z", now()), "just now");
        assert_eq!(age("2026-11-23T07:31:00Z", now()), "just now");
        assert_eq!(age("2026-11-23T07:29:18.123456Z", now()), "41 s ago");
        assert_eq!(age("2026-11-23T07:26:08.348567Z", now()), "3 min ago");
        assert_eq!(age("2026-11-23T02:00:00+00:00", now()), "5 h ago");
        assert_eq!(age("2026-11-22T07:00:00Z", now()), "1 day ago");
        assert_eq!(age("2026-11-13T07:00:00Z", now()), "10 days ago");
        assert_eq!(age("yesterday", now()), "yesterday");
    }

    #[test]
    fn pretty_json_matches_serde_and_keeps_field_order() {
        let inputs = [
            r#"{"a":1,"b":[1,2,{"c":null}],"d":{},"e":[],"f":"x,y:{z}\"]","g":-1.5,"h":true}"#,
            r#"[ ]"#,
            r#"[{"k" : [ {} , [ ] ] }]"#,
            r#""just a string""#,
            "42",
        ];
        for input in inputs {
            let value: serde_json::Value = serde_json::from_str(input).unwrap();
            assert_eq!(
                pretty_json(input),
                serde_json::to_string_pretty(&value).unwrap(),
                "{input}"
            );
        }
        assert_eq!(
            pretty_json(r#"{"z":1,"a":2}"#),
            "{\n  \"z\": 1,\n  \"a\": 2\n}"
        );
        assert_eq!(pretty_json(r#"{"s":"a\\"}"#), "{\n  \"s\": \"a\\\\\"\n}");
    }

    #[test]
    fn sizes_and_ids_are_short() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(5 * 1024 * 1024 * 1024), "5.0 GiB");
        assert_eq!(
            short_id("/pulp/api/v3/tasks/01a2074c-41bd-735d-bd83-c5c773e53be1/"),
            "73e53be1"
        );
        assert_eq!(short_id("abc"), "abc");
    }

    #[test]
    fn plain_tables_have_no_borders_or_trailing_blanks() {
        let out = Output::new(Format::Table, false, false, false);
        let mut table = out.new_table();
        table.set_header(vec!["name", "base_path"]);
        table.add_row(vec!["a", "long/base/path"]);
        table.add_row(vec!["longer-name", "p"]);
        for column in table.column_iter_mut() {
            column.set_padding((0, 2));
        }
        assert_eq!(
            table.trim_fmt(),
            "name         base_path\na            long/base/path\nlonger-name  p"
        );
    }
}
