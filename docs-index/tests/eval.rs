//! Ranking floors: the question sets in `bench/eval/` must keep their MRR@10 and R@5.
//!
//! The figures are printed (`cargo test -p docs-index --test eval -- --nocapture`); the floors
//! sit a little under the measured figures so a ranking change that loses ground fails here.
//! `cargo run -p docs-index --release --example eval -- --misses` shows which questions moved.

#![allow(clippy::panic, clippy::indexing_slicing, clippy::print_stderr)]

use std::path::PathBuf;

use docs_index::DocsIndex;
use docs_index::eval::{self, Figures};

/// The corpus a question file is about: `railway-more`, `railway-blind`, `railway-r4` and
/// `railway-r4h` are Railway sets.
fn corpus_dir(name: &str) -> PathBuf {
    let dir = eval::corpus_dir(name, &eval::shared_corpora());
    assert!(
        dir.is_dir(),
        "needs ../shared/corpora: {} is missing",
        dir.display()
    );
    dir
}

/// Runs one question file and returns (all, held-out) figures.
fn evaluate(name: &str) -> (Figures, Figures) {
    let tsv = std::fs::read_to_string(eval::question_file(name))
        .unwrap_or_else(|e| panic!("bench/eval/{name}.tsv: {e}"));
    let questions = eval::parse(&tsv).unwrap_or_else(|e| panic!("{name}.tsv: {e}"));
    let (index, _) =
        DocsIndex::from_dir(&corpus_dir(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    for question in &questions {
        for expected in &question.expected {
            assert!(
                index.page(expected).is_some(),
                "{name}.tsv: {:?} expects {expected}, which is not a page",
                question.text
            );
        }
    }
    let outcomes = eval::run(&index, &questions);
    let all = eval::figures(&outcomes);
    let held_out = eval::figures(outcomes.iter().filter(|o| o.question.held_out));
    eprintln!("{name}: all {all}\n{name}: held-out {held_out}");
    (all, held_out)
}

fn assert_floor(name: &str, figures: Figures, mrr10: f64, r5: f64) {
    assert!(
        figures.mrr10 >= mrr10 && figures.r5 >= r5,
        "{name}: ranking regressed to {figures} (floor MRR@10 {mrr10}, R@5 {r5})"
    );
}

#[test]
fn content_questions_find_their_pages() {
    let (all, _) = evaluate("content");
    assert!(all.questions >= 40);
    assert_floor("content", all, 0.91, 0.97);
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn railway_questions_find_their_pages() {
    let (all, held_out) = evaluate("railway");
    assert!(all.questions >= 80);
    assert_floor("railway", all, 0.86, 0.98);
    assert_floor("railway held-out", held_out, 0.81, 0.96);
}

/// Round 3's second set, written before that round's changes (then tuned on).
#[test]
#[ignore = "needs ../shared/corpora"]
fn more_railway_questions_find_their_pages() {
    let (all, _) = evaluate("railway-more");
    assert!(all.questions >= 50);
    assert_floor("railway-more", all, 0.73, 0.89);
}

/// Round 3's blind set: never tuned on (the eval example hides its misses).
#[test]
#[ignore = "needs ../shared/corpora"]
fn blind_railway_questions_find_their_pages() {
    let (all, _) = evaluate("railway-blind");
    assert!(all.questions >= 30);
    assert_floor("railway-blind", all, 0.74, 0.88);
}

/// Round 4's own set: written before that round's changes, never tuned on.
#[test]
#[ignore = "needs ../shared/corpora"]
fn round4_railway_questions_find_their_pages() {
    let (all, _) = evaluate("railway-r4");
    assert!(all.questions >= 30);
    assert_floor("railway-r4", all, 0.71, 0.88);
}

/// Round 4's hidden sets, written by someone who never ran the engine and kept from the
/// round's ranking work; their misses were printed once, after every change of that round.
#[test]
#[ignore = "needs ../shared/corpora"]
fn hidden_round4_questions_find_their_pages() {
    let (railway, _) = evaluate("railway-r4h");
    assert!(railway.questions >= 45);
    assert_floor("railway-r4h", railway, 0.57, 0.76);
    let (flyio, _) = evaluate("flyio-r4h");
    assert!(flyio.questions >= 30);
    assert_floor("flyio-r4h", flyio, 0.49, 0.75);
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn flyio_questions_find_their_pages() {
    let (all, held_out) = evaluate("flyio");
    assert!(all.questions >= 60);
    assert_floor("flyio", all, 0.89, 0.96);
    assert_floor("flyio held-out", held_out, 0.87, 0.95);
}
