use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

use broadsheet::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = match &cli.command {
        Some(Command::Export { paths } | Command::Check { paths }) => paths,
        None => &cli.paths,
    };
    if let Err(message) = cli::check_paths_exist(paths) {
        eprintln!("broadsheet: {message}");
        return ExitCode::from(2);
    }
    let library = cli::load_library(paths);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Some(Command::Export { .. }) => {
            for diagnostic in &library.diagnostics {
                eprintln!("{diagnostic}");
            }
            cli::export::write(&library, &mut out).map(|()| false)
        }
        Some(Command::Check { .. }) | None => cli::check::write(&library, &mut out),
    };
    match result {
        Ok(true) => ExitCode::from(1),
        Ok(false) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(io::stderr(), "broadsheet: {error}");
            ExitCode::from(1)
        }
    }
}
