//! Question words that say nothing about the topic, dropped from the query only.
//!
//! Questions wrap their subject in light verbs ("how do I use volumes", "using a custom
//! domain"), while hosting docs title their overview pages "Using Volumes", "Using Variables":
//! a question's `use` then lifts every overview page over the specific page it asks about.
//! Documents keep these words (a page *about* using something still says so); only the
//! question's copy is ignored. Stop words proper (`how`, `do`, `i`) are in the analyzer.

/// Lowercase raw words dropped from questions.
const FILLERS: &[&str] = &["use", "uses", "used", "using"];

/// Whether a raw (lowercase) question word is a filler.
pub(crate) fn is_filler(word: &str) -> bool {
    FILLERS.contains(&word)
}

/// The question's analysed terms without the fillers' stems (`stems_of` analyses a word),
/// unless that would leave nothing: a question that is only a filler keeps it.
pub(crate) fn drop_from_terms(
    terms: Vec<(usize, String)>,
    stems_of: impl Fn(&str) -> Vec<String>,
) -> Vec<(usize, String)> {
    let filler_stems: Vec<String> = FILLERS.iter().flat_map(|w| stems_of(w)).collect();
    let kept: Vec<(usize, String)> = terms
        .iter()
        .filter(|(_, t)| !filler_stems.contains(t))
        .cloned()
        .collect();
    if kept.is_empty() { terms } else { kept }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<String> {
        vec![
            word.trim_end_matches("ing")
                .trim_end_matches('s')
                .trim_end_matches('d')
                .to_string(),
        ]
    }

    #[test]
    fn fillers_leave_the_question_unless_nothing_else_is_left() {
        let terms = vec![(0, "use".to_string()), (1, "volum".to_string())];
        assert_eq!(
            drop_from_terms(terms, stems),
            vec![(1, "volum".to_string())]
        );
        let only = vec![(0, "use".to_string())];
        assert_eq!(drop_from_terms(only.clone(), stems), only);
        assert!(is_filler("using") && !is_filler("user"));
    }
}
