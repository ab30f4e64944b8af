//! Times `DocsIndex::search` per query, and writes every hit so a speed change can be checked
//! to leave results alone.
//!
//! `cargo run -p docs-index --release --example searchbench [-- <iterations> [<golden file>]]`
//!
//! Queries: the two `bench/run.sh` queries (limit 10) and every question of `bench/eval/`,
//! on the Railway and Fly.io corpora (`../shared/corpora`, `EVAL_CORPORA` overrides it) and
//! `content/`. Prints µs per query (median of rounds) for the bench queries and the mean over
//! the eval questions. `SEARCHBENCH_CORPORA=railway,flyio` runs only those corpora. With a golden file path, writes each hit's path, anchor, score and
//! snippet there; compare two such files with `diff` before and after a change.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use docs_index::DocsIndex;

const BENCH_QUERIES: [&str; 2] = ["tls certificate", "how do I add a custom domain"];

fn main() {
    let corpora = std::env::var_os("EVAL_CORPORA")
        .map_or_else(docs_index::eval::shared_corpora, PathBuf::from);
    let args: Vec<String> = std::env::args().collect();
    let iterations: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let golden = args.get(2);
    let mut dump = String::new();
    // `SEARCHBENCH_CORPORA=railway` limits the run (e.g. under callgrind).
    let only = std::env::var("SEARCHBENCH_CORPORA").ok();
    for name in ["railway", "flyio", "content"] {
        if only
            .as_ref()
            .is_some_and(|only| !only.split(',').any(|o| o == name))
        {
            continue;
        }
        let dir = docs_index::eval::corpus_dir(name, &corpora);
        let Ok((index, _)) = DocsIndex::from_dir(&dir) else {
            eprintln!("{name}: skipped, cannot index {}", dir.display());
            continue;
        };
        let questions: Vec<String> = std::fs::read_to_string(docs_index::eval::question_file(name))
            .ok()
            .and_then(|tsv| docs_index::eval::parse(&tsv).ok())
            .unwrap_or_default()
            .into_iter()
            .map(|q| q.text)
            .collect();
        for query in BENCH_QUERIES {
            // Median of rounds, each timing `iterations / 10` searches: a stable figure on a
            // shared machine.
            let per_round = (iterations / 10).max(1);
            let mut rounds: Vec<f64> = (0..10)
                .map(|_| {
                    let started = Instant::now();
                    for _ in 0..per_round {
                        std::hint::black_box(index.search(query, 10).ok());
                    }
                    started.elapsed().as_secs_f64() * 1e6 / per_round as f64
                })
                .collect();
            rounds.sort_by(f64::total_cmp);
            let median = rounds.get(rounds.len() / 2).copied().unwrap_or_default();
            let best = rounds.first().copied().unwrap_or_default();
            println!("{name:8} {query:32} median {median:7.1} µs  best {best:7.1} µs");
        }
        let rounds = (iterations / 50).max(1);
        let started = Instant::now();
        for _ in 0..rounds {
            for question in &questions {
                std::hint::black_box(index.search(question, 10).ok());
            }
        }
        let mean = started.elapsed().as_secs_f64() * 1e6 / (rounds * questions.len().max(1)) as f64;
        println!(
            "{name:8} {:32} mean   {mean:7.1} µs",
            format!("eval questions (n={})", questions.len())
        );
        if golden.is_some() {
            for query in BENCH_QUERIES
                .iter()
                .copied()
                .chain(questions.iter().map(String::as_str))
            {
                let _ = writeln!(dump, "## {name}: {query}");
                for hit in index.search(query, 10).unwrap_or_default() {
                    let _ = writeln!(
                        dump,
                        "{:.4} {} #{} [{}] {}",
                        hit.score,
                        hit.path,
                        hit.anchor.as_deref().unwrap_or(""),
                        hit.section.as_deref().unwrap_or(""),
                        hit.snippet
                    );
                }
            }
        }
    }
    if let Some(path) = golden
        && let Err(error) = std::fs::write(path, dump)
    {
        eprintln!("cannot write {path}: {error}");
        std::process::exit(1);
    }
}
