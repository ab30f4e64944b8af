//! Prints the ranking figures (MRR@10, R@1, R@5) of the question sets in `bench/eval/`.
//!
//! `cargo run -p docs-index --release --example eval [-- --misses | --query <corpus> <question>]`
//!
//! Corpora: `bench/eval/<name>.tsv` and its later sets (`docs_index::eval::sets`: `-more`, and the blind
//! `-blind`, `-r4`, `-r4h`, whose misses are never listed), each reported on its own, is scored against `content/` for `content` and against
//! `../shared/corpora/<name>` otherwise (`EVAL_CORPORA` overrides that folder). A corpus whose
//! folder is missing is reported and skipped. `--misses` lists every question whose page is
//! not first, with the rank and the top three hits.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::time::Instant;

use docs_index::DocsIndex;
use docs_index::eval::{self, Outcome};

fn main() {
    let corpora = std::env::var_os("EVAL_CORPORA")
        .map_or_else(docs_index::eval::shared_corpora, PathBuf::from);
    let args: Vec<String> = std::env::args().collect();
    let show_misses = args.iter().any(|a| a == "--misses");
    // `--query <corpus> <text>`: the top hits of one question, with scores.
    if let Some(at) = args.iter().position(|a| a == "--query") {
        let (Some(name), Some(text)) = (args.get(at + 1), args.get(at + 2)) else {
            eprintln!("usage: --query <railway|flyio|content> <question>");
            std::process::exit(2);
        };
        let dir = eval::corpus_dir(name, &corpora);
        let Ok((index, _)) = DocsIndex::from_dir(&dir) else {
            eprintln!("cannot index {}", dir.display());
            std::process::exit(2);
        };
        for hit in index.search(text, 10).unwrap_or_default() {
            println!("{:8.3}  {}  ({})", hit.score, hit.path, hit.title);
        }
        return;
    }
    let mut all: Vec<Outcome> = Vec::new();
    for name in ["railway", "flyio", "content"] {
        let dir = eval::corpus_dir(name, &corpora);
        // `<corpus>.tsv` and the later sets of `eval::sets`, each reported on its own.
        let mut sets: Vec<(String, bool, Vec<eval::Question>)> = Vec::new();
        for (set, blind) in eval::sets(name) {
            let Ok(tsv) = std::fs::read_to_string(eval::question_file(&set)) else {
                continue;
            };
            match eval::parse(&tsv) {
                Ok(questions) => sets.push((set, blind, questions)),
                Err(error) => {
                    eprintln!("{set}.tsv: {error}");
                    std::process::exit(2);
                }
            }
        }
        if sets.is_empty() {
            eprintln!("{name}: no question file");
            continue;
        }
        let started = Instant::now();
        let index = match DocsIndex::from_dir(&dir) {
            Ok((index, _)) => index,
            Err(error) => {
                eprintln!("{name}: skipped, cannot index {}: {error}", dir.display());
                continue;
            }
        };
        let built = started.elapsed();
        let mut corpus: Vec<Outcome> = Vec::new();
        for (set, blind, questions) in &sets {
            // A blind set's misses are never printed: nobody tunes on what they cannot see.
            let misses = show_misses && !blind;
            report(
                &index,
                set,
                questions,
                built.as_secs_f64() * 1000.0,
                misses,
                &mut corpus,
            );
        }
        if sets.len() > 1 {
            println!(
                "{:13} all       {}",
                format!("{name}*"),
                eval::figures(&corpus)
            );
            println!(
                "{:13} held-out  {}",
                format!("{name}*"),
                eval::figures(corpus.iter().filter(|o| o.question.held_out))
            );
        }
        all.extend(corpus);
    }
    println!("{:13} all       {}", "total", eval::figures(&all));
}

/// Runs one question set, prints its figures (and misses), and adds its outcomes to `out`.
fn report(
    index: &DocsIndex,
    set: &str,
    questions: &[eval::Question],
    built_ms: f64,
    show_misses: bool,
    out: &mut Vec<Outcome>,
) {
    for question in questions {
        for expected in &question.expected {
            if index.page(expected).is_none() {
                eprintln!(
                    "{set}.tsv: {:?} expects unknown page {expected}",
                    question.text
                );
            }
        }
    }
    let started = Instant::now();
    let outcomes = eval::run(index, questions);
    let per_query = started.elapsed().as_secs_f64() * 1000.0 / questions.len().max(1) as f64;
    println!(
        "{set:13} all       {}   ({} pages, index {built_ms:.0} ms, {per_query:.2} ms/query)",
        eval::figures(&outcomes),
        index.pages().len(),
    );
    println!(
        "{set:13} tuned     {}",
        eval::figures(outcomes.iter().filter(|o| !o.question.held_out))
    );
    println!(
        "{set:13} held-out  {}",
        eval::figures(outcomes.iter().filter(|o| o.question.held_out))
    );
    if show_misses {
        for outcome in outcomes.iter().filter(|o| o.rank != Some(1)) {
            let rank = outcome.rank.map_or("-".to_string(), |r| r.to_string());
            let top: Vec<&str> = outcome.top.iter().take(3).map(String::as_str).collect();
            println!(
                "  miss rank {rank:>2}{} {:?} want {} got {top:?}",
                if outcome.question.held_out {
                    " H"
                } else {
                    "  "
                },
                outcome.question.text,
                outcome.question.expected.join("|"),
            );
        }
    }
    out.extend(outcomes);
}
