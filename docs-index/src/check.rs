//! `docs check`: front-matter completeness and internal links that lead nowhere.

use std::collections::HashMap;

use crate::CheckReport;
use crate::markdown::LoadedPage;
use crate::path::resolve_link;

/// Builds the report from the loaded pages and the index's path lookup.
pub(crate) fn check(
    pages: &[LoadedPage],
    by_path: &HashMap<String, usize>,
    skipped: &[(String, String)],
) -> CheckReport {
    let mut report = CheckReport {
        pages: pages.len(),
        skipped: skipped.to_vec(),
        ..CheckReport::default()
    };
    for loaded in pages {
        let path = &loaded.page.path;
        if !loaded.has_front_title {
            report.untitled.push(path.clone());
        }
        if loaded.page.description.trim().is_empty() {
            report.undescribed.push(path.clone());
        }
        for link in &loaded.links {
            let Some(candidates) = resolve_link(&loaded.source, link) else {
                continue;
            };
            if !candidates.iter().any(|c| by_path.contains_key(c)) {
                report.broken_links.push((path.clone(), link.clone()));
            }
        }
    }
    report
}
