use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    broadsheet::cli::run(broadsheet::cli::Cli::parse())
}
