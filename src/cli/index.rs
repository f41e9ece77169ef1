//! `broadsheet index [PATH]...`: builds the library index the reader
//! starts from, or brings it up to date, and says what it did. The reader
//! does the same in the background; this is for doing it ahead of time.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::config::Config;
use crate::library::decode::human_bytes;
use crate::library::index::{Index, Opened, WriteLock, files_of};

pub fn run(paths: &[PathBuf], config: &Config) -> Result<ExitCode, String> {
    let paths = if paths.is_empty() { config.library.paths.clone() } else { paths.to_vec() };
    if paths.is_empty() {
        return Err("no library to index: give a path, or set [library] paths in the config".into());
    }
    super::check_paths_exist(&paths)?;
    let path = super::read::index_path(&paths, config).ok_or("no cache directory for the index")?;
    let started = Instant::now();
    // One process updates an index at a time; a reader doing it now is waited for.
    let _lock = match WriteLock::try_take(&path).map_err(|e| e.to_string())? {
        Some(lock) => lock,
        None => {
            eprintln!("broadsheet: another broadsheet is updating the index; waiting for it");
            WriteLock::take(&path).map_err(|e| e.to_string())?
        }
    };
    let (mut index, opened) = Index::open(&path).map_err(|e| e.to_string())?;
    if opened == Opened::Rebuilt {
        eprintln!("broadsheet: {}: could not be used; building it again", path.display());
    }
    let bar = std::io::stderr().is_terminal().then(|| {
        indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template("{spinner} indexing {pos}/{len} files {wide_bar} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        )
    });
    let report = index
        .refresh(&paths, &super::read::load_options(config), |_, done, total| {
            if let Some(bar) = &bar {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            }
        })
        .map_err(|e| e.to_string())?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let articles = index.article_count().map_err(|e| e.to_string())?;
    // The index and its full-text file (their logs are emptied by now).
    let size: u64 = files_of(&path).iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    println!(
        "{} read, {} unchanged, {} removed: {} in {:.2} s; index {} at {}",
        files(report.parsed),
        files(report.unchanged),
        files(report.removed),
        if articles == 1 { "1 article".to_owned() } else { format!("{articles} articles") },
        started.elapsed().as_secs_f64(),
        human_bytes(size as usize),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn files(n: usize) -> String {
    if n == 1 { "1 file".into() } else { format!("{n} files") }
}
