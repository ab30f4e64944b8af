//! Ranking evaluation: question sets (TSV) scored as MRR@10, R@1 and R@5.
//!
//! Shared by `examples/eval.rs` (prints the figures) and `tests/eval.rs` (floors that fail
//! when ranking regresses), so both read the question files the same way.
//!
//! File format, one question a line: `question<TAB>expected page path`; more accepted
//! pages may follow in further tab-separated columns. Blank lines and lines starting
//! with `#` are ignored. Every third question (the 3rd, 6th, …) is held out: it is
//! scored separately, so a ranking change tuned on the rest can be checked on questions
//! it was not tuned on.

use std::path::{Path, PathBuf};

use crate::DocsIndex;

/// The repository's root (this crate's parent folder): `content/` and `bench/eval/` are in it.
pub fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Where the public corpora sit on a checkout: `../shared/corpora` beside the repository.
pub fn shared_corpora() -> PathBuf {
    repo_dir().join("../shared/corpora")
}

/// The folder a question set is scored against: `content/` for `content`, `<corpora>/<corpus>`
/// otherwise. Later sets name their corpus first (`railway-more`, `railway-blind`).
pub fn corpus_dir(set: &str, corpora: &Path) -> PathBuf {
    let corpus = set.split('-').next().unwrap_or(set);
    if corpus == "content" {
        repo_dir().join("content")
    } else {
        corpora.join(corpus)
    }
}

/// The question file of a set: `bench/eval/<set>.tsv`.
pub fn question_file(set: &str) -> PathBuf {
    repo_dir().join("bench/eval").join(format!("{set}.tsv"))
}

/// The sets a corpus may have after its first (`<corpus>-<suffix>.tsv`), each reported on its
/// own, and whether it is blind (nobody tunes on it, so its misses are never listed): `more`
/// (round 3, tuned on), `blind` (round 3), `r4` (round 4, written before its changes) and `r4h`
/// (round 4, written from the corpora alone and kept from the ranking work).
const LATER_SETS: [(&str, bool); 4] = [
    ("more", false),
    ("blind", true),
    ("r4", true),
    ("r4h", true),
];

/// A corpus's question sets in report order: its own, then the later ones, with whether each
/// is blind.
pub fn sets(corpus: &str) -> impl Iterator<Item = (String, bool)> + '_ {
    std::iter::once((corpus.to_string(), false)).chain(
        LATER_SETS
            .iter()
            .map(move |(suffix, blind)| (format!("{corpus}-{suffix}"), *blind)),
    )
}

/// How many hits a question looks at (MRR@10).
pub const DEPTH: usize = 10;

/// One question and the page(s) that answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub text: String,
    pub expected: Vec<String>,
    /// Held out from tuning (every third question of a file).
    pub held_out: bool,
}

/// Parses a question file; `Err` names the first malformed line.
pub fn parse(tsv: &str) -> Result<Vec<Question>, String> {
    let mut questions = Vec::new();
    for (number, line) in tsv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut columns = line.split('\t').map(str::trim);
        let text = columns.next().unwrap_or_default().to_string();
        let expected: Vec<String> = columns
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        if text.is_empty() || expected.is_empty() {
            return Err(format!(
                "line {}: want `question<TAB>page path`, got {line:?}",
                number + 1
            ));
        }
        let held_out = questions.len() % 3 == 2;
        questions.push(Question {
            text,
            expected,
            held_out,
        });
    }
    Ok(questions)
}

/// Figures over a set of questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub questions: usize,
    pub mrr10: f64,
    pub r1: f64,
    pub r5: f64,
}

impl std::fmt::Display for Figures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "n={:3}  MRR@10 {:.3}  R@1 {:.3}  R@5 {:.3}",
            self.questions, self.mrr10, self.r1, self.r5
        )
    }
}

/// The outcome of one question: the 1-based rank of the first accepted page, if in the top 10.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub question: Question,
    pub rank: Option<usize>,
    /// The top hits' paths, for reading misses.
    pub top: Vec<String>,
}

/// Runs every question against `index`.
pub fn run(index: &DocsIndex, questions: &[Question]) -> Vec<Outcome> {
    questions
        .iter()
        .map(|question| {
            let top: Vec<String> = index
                .search(&question.text, DEPTH)
                .unwrap_or_default()
                .into_iter()
                .map(|hit| hit.path)
                .collect();
            let rank = top
                .iter()
                .position(|path| question.expected.iter().any(|e| e == path))
                .map(|i| i + 1);
            Outcome {
                question: question.clone(),
                rank,
                top,
            }
        })
        .collect()
}

/// MRR@10, R@1 and R@5 over the outcomes `keep` selects.
pub fn figures<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> Figures {
    let mut figures = Figures::default();
    for outcome in outcomes {
        figures.questions += 1;
        if let Some(rank) = outcome.rank {
            figures.mrr10 += 1.0 / rank as f64;
            figures.r1 += f64::from(u8::from(rank == 1));
            figures.r5 += f64::from(u8::from(rank <= 5));
        }
    }
    if figures.questions > 0 {
        let n = figures.questions as f64;
        figures.mrr10 /= n;
        figures.r1 /= n;
        figures.r5 /= n;
    }
    figures
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn every_third_question_is_held_out_and_comments_are_skipped() {
        let tsv = "# header\nq1\ta\nq2\tb\tc\n\nq3\td\nq4\te\n";
        let Ok(questions) = parse(tsv) else {
            panic!("parse failed")
        };
        let held: Vec<bool> = questions.iter().map(|q| q.held_out).collect();
        assert_eq!(held, [false, false, true, false]);
        assert_eq!(questions[1].expected, ["b", "c"]);
        assert!(parse("no tab here\n").is_err());
    }

    #[test]
    fn figures_average_reciprocal_ranks() {
        let q = Question {
            text: "q".into(),
            expected: vec!["a".into()],
            held_out: false,
        };
        let outcome = |rank| Outcome {
            question: q.clone(),
            rank,
            top: Vec::new(),
        };
        let all = [
            outcome(Some(1)),
            outcome(Some(2)),
            outcome(None),
            outcome(Some(6)),
        ];
        let f = figures(&all);
        assert_eq!(f.questions, 4);
        assert!((f.mrr10 - (1.0 + 0.5 + 0.0 + 1.0 / 6.0) / 4.0).abs() < 1e-9);
        assert!((f.r1 - 0.25).abs() < 1e-9);
        assert!((f.r5 - 0.5).abs() < 1e-9);
    }
}
