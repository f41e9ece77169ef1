use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than glibc's malloc: indexing allocates many small
/// pieces on parsing threads and frees them on the writer, which glibc
/// makes costly (measured: a quarter less CPU building an index).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    broadsheet::cli::run(broadsheet::cli::Cli::parse())
}
