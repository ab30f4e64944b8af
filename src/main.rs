//! Binary entry point: parse flags and environment once, set up logging, dispatch.

use std::process::ExitCode;

use clap::Parser;
use hostless_mcp::cli;
use hostless_mcp::config::{Cli, Command, Config, DocsCommand, LogFormat};
use hostless_mcp::telemetry;

fn main() -> ExitCode {
    hostless_mcp::malloc_tuning::retune();
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // One line naming the setting, like the checks in Config::from_args.
            let first = e.to_string();
            let line = first.lines().next().unwrap_or("invalid arguments");
            eprintln!("{line} (see --help)");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = match args.command {
        Some(Command::Docs {
            command: DocsCommand::Check { dir },
        }) => cli::docs_check(dir.as_deref()),
        Some(Command::Tools {
            json,
            toolsets,
            readonly,
        }) => cli::tools(json, &toolsets, readonly),
        Some(Command::Sandbox(sandbox)) => {
            telemetry::init(sandbox.log_format);
            runtime.block_on(cli::sandbox(sandbox))
        }
        command => {
            let serve = match command {
                Some(Command::Serve(serve)) => *serve,
                _ => args.serve,
            };
            match Config::from_args(&serve) {
                Ok(config) => {
                    telemetry::init(config.log_format);
                    runtime.block_on(cli::serve(config))
                }
                Err(e) => {
                    telemetry::init(LogFormat::Pretty);
                    Err(e.into())
                }
            }
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
