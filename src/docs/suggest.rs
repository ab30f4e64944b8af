//! "Did you mean" for a page reference that matches no page: the nearest page paths.
//!
//! Agents guess paths (`api-key`, `app/domains`, `deployment`). The closest paths by spelling
//! come first (a shared prefix, then edit distance on the whole path and its last segment);
//! when nothing is close by spelling, the reference's words are searched instead.

use docs_index::DocsIndex;

/// How many suggestions an error message carries.
pub const MAX_SUGGESTIONS: usize = 3;

/// Up to [`MAX_SUGGESTIONS`] page paths close to `reference`, best first.
pub fn suggestions(index: &DocsIndex, reference: &str) -> Vec<String> {
    let wanted = normalise(reference);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, &str)> = index
        .pages()
        .iter()
        .filter_map(|page| distance(&wanted, &page.path).map(|d| (d, page.path.as_str())))
        .collect();
    scored.sort();
    let mut found: Vec<String> = scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, path)| path.to_string())
        .collect();
    if found.len() < MAX_SUGGESTIONS {
        let words = wanted.replace(['/', '-', '_', '.'], " ");
        for hit in index.search(&words, MAX_SUGGESTIONS).unwrap_or_default() {
            if found.len() < MAX_SUGGESTIONS && !found.contains(&hit.path) {
                found.push(hit.path);
            }
        }
    }
    found
}

/// The reference as a bare lowercase page path: no URL origin, slashes, extension or anchor.
fn normalise(reference: &str) -> String {
    let reference = reference.trim().to_lowercase();
    let reference = reference.split(['#', '?']).next().unwrap_or_default();
    let reference = match reference.split_once("://") {
        Some((_, rest)) => rest.split_once('/').map_or("", |(_, path)| path),
        None => reference,
    };
    let reference = reference.trim_matches('/');
    let reference = [".mdx", ".md", ".html"]
        .iter()
        .find_map(|ext| reference.strip_suffix(ext))
        .unwrap_or(reference);
    reference.to_string()
}

/// How far `path` is from `wanted` (smaller is closer), or `None` when they are unrelated.
fn distance(wanted: &str, path: &str) -> Option<usize> {
    let last = path.rsplit('/').next().unwrap_or(path);
    let wanted_last = wanted.rsplit('/').next().unwrap_or(wanted);
    // `api-key` → `api-keys`, `app/deploy` → `app/deployments`: a prefix is nearly a match.
    if path.starts_with(wanted) || last.starts_with(wanted_last) && wanted_last.len() >= 3 {
        return Some(path.len() - wanted.len().min(path.len()));
    }
    let best = levenshtein(wanted, path).min(levenshtein(wanted_last, last) + 1);
    // Allow about one typo in four characters, so unrelated short paths are not offered.
    (best <= wanted.chars().count().div_ceil(4).max(1)).then_some(best + 10)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous
                .get(j)
                .map_or(usize::MAX, |d| d + usize::from(ca != *cb));
            let delete = previous.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insert = current.last().map_or(usize::MAX, |d| d + 1);
            current.push(substitute.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> DocsIndex {
        let files = [
            (
                "api-keys.md",
                "---\ntitle: API keys\n---\nCreate and revoke keys.",
            ),
            (
                "app/deployments.md",
                "---\ntitle: Deployments\n---\nDeploy an app.",
            ),
            (
                "app/custom-domains.md",
                "---\ntitle: Custom domains\n---\nPoint a domain.",
            ),
            (
                "billing.md",
                "---\ntitle: Billing\n---\nInvoices and usage.",
            ),
        ];
        match DocsIndex::from_files(files) {
            Ok((index, _)) => index,
            Err(error) => unreachable!("{error}"),
        }
    }

    #[test]
    fn near_paths_are_suggested_first() {
        let index = index();
        assert_eq!(
            suggestions(&index, "api-key").first().map(String::as_str),
            Some("api-keys")
        );
        assert_eq!(
            suggestions(&index, "/app/deploymnets.md")
                .first()
                .map(String::as_str),
            Some("app/deployments")
        );
        assert_eq!(
            suggestions(&index, "https://docs.example.test/biling")
                .first()
                .map(String::as_str),
            Some("billing")
        );
    }

    #[test]
    fn unrelated_references_fall_back_to_search() {
        let index = index();
        let found = suggestions(&index, "domains-setup");
        assert!(found.iter().any(|p| p == "app/custom-domains"), "{found:?}");
        assert!(suggestions(&index, "").is_empty());
    }
}
