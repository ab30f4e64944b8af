//! The configuration reference in the README, generated from the clap definitions in
//! [`crate::config`] (every flag, its environment variable, default and help text), so the
//! published table cannot drift from what the binary accepts. A test keeps the README
//! identical to what this module generates (`UPDATE_GENERATED=1 cargo test -p hostless-mcp
//! config_reference` rewrites it, and fails that run).

use std::fmt::Write;

use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::config::Cli;

/// Markers around the generated tables in the README.
pub const BEGIN: &str = "<!-- BEGIN GENERATED: config (src/config_reference.rs) -->";
pub const END: &str = "<!-- END GENERATED: config -->";

/// One table for the server's settings and one for `hostless-mcp sandbox`.
pub fn markdown() -> String {
    let cli = Cli::command();
    let mut out = String::from("Server (`hostless-mcp` / `hostless-mcp serve`):\n\n");
    table(&cli, &mut out);
    if let Some(sandbox) = cli.find_subcommand("sandbox") {
        out.push_str("\nSandbox alone (`hostless-mcp sandbox`):\n\n");
        table(sandbox, &mut out);
    }
    out
}

fn table(command: &Command, out: &mut String) {
    out.push_str("| Flag | Environment | Default | Meaning |\n|---|---|---|---|\n");
    for arg in command.get_arguments().filter(|a| is_setting(a)) {
        let flag = arg
            .get_long()
            .map_or_else(String::new, |l| format!("`--{l}`"));
        let env = arg
            .get_env()
            .map_or_else(String::new, |e| format!("`{}`", e.to_string_lossy()));
        let (meaning, default) = meaning_and_default(arg);
        let _ = writeln!(
            out,
            "| {flag} | {env} | {default} | {} |",
            meaning.replace('|', "\\|")
        );
    }
}

/// Settings only: not `--help`/`--version`, not positional arguments.
fn is_setting(arg: &Arg) -> bool {
    !matches!(arg.get_action(), ArgAction::Help | ArgAction::Version) && arg.get_long().is_some()
}

/// The help text, and the default: clap's own, else the `[default: …]` a help text states
/// for a default computed at start-up, else "unset" (or "off" for a switch).
fn meaning_and_default(arg: &Arg) -> (String, String) {
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let (meaning, stated) = match help.split_once(" [default: ") {
        Some((meaning, rest)) => (
            meaning,
            rest.trim_end_matches('.')
                .strip_suffix(']')
                .map(str::to_string),
        ),
        None => (help.as_str(), None),
    };
    // One closing period goes (table cells are phrases); an ellipsis stays.
    let meaning = match meaning.strip_suffix('.') {
        Some(cut) if !cut.ends_with('.') => cut,
        _ => meaning,
    };
    // `<API_BASE_URL>` would be read as an HTML tag and vanish from the rendered table.
    let mut meaning = meaning.replace('<', "\\<").replace('>', "\\>");
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .map(|v| format!("`{}`", v.get_name()))
        .collect();
    if !choices.is_empty() {
        let _ = write!(meaning, ": {}", choices.join(" or "));
    }
    let values: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let default = if let Some(stated) = stated {
        format!("`{stated}`")
    } else if matches!(arg.get_action(), ArgAction::SetTrue) {
        "off".to_string()
    } else if values.is_empty() {
        if matches!(arg.get_action(), ArgAction::Append) {
            "empty".to_string()
        } else {
            "unset".to_string()
        }
    } else {
        format!("`{}`", values.join(","))
    };
    (meaning, default)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::platform::reference::splice;

    #[test]
    fn readme_configuration_matches_the_flags() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let current = std::fs::read_to_string(&path).unwrap();
        let expected =
            splice(&current, BEGIN, END, &markdown()).expect("README has the config markers");
        if current == expected {
            return;
        }
        // Like rust-analyzer's sourcegen: update mode rewrites the file and still fails.
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            std::fs::write(&path, expected).unwrap();
            panic!(
                "README.md's configuration table was out of date and has been rewritten; review and commit it"
            );
        }
        panic!(
            "README.md's configuration table is out of date with src/config.rs; run \
             `UPDATE_GENERATED=1 cargo test -p hostless-mcp config_reference` and commit the result"
        );
    }

    #[test]
    fn every_setting_is_in_the_table() {
        let text = markdown();
        for name in [
            "--port",
            "PORT",
            "--sandbox",
            "--sandbox-seed",
            "SANDBOX_PORT",
            "LOG_FORMAT",
        ] {
            assert!(
                text.contains(&format!("`{name}`")),
                "{name} missing:\n{text}"
            );
        }
        assert!(!text.contains("--help"), "{text}");
        assert!(text.contains("| `--port` | `PORT` | `3333` |"), "{text}");
        assert!(text.contains("| `--sandbox` |  | off |"), "{text}");
        assert!(
            text.contains("| `--public-url` | `PUBLIC_URL` | `http://localhost:<port>` |"),
            "{text}"
        );
    }
}
