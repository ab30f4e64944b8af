//! Robustness: pages and queries built from random fragments of real-world Markdown, MDX,
//! ERB and HTML syntax (and random bytes) must never panic the loader, the index, the
//! search or the link check. A fixed-seed generator keeps failures reproducible.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use docs_index::DocsIndex;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "---\n",
    "title: ",
    "description: >\n  ",
    "\"quoted: title\"",
    "'single'",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "###### ",
    "```",
    "```js\n",
    "~~~",
    "    indented code\n",
    "`inline`",
    "<Image src=\"/a.png\" alt=\"a cat\" />",
    "<Banner>",
    "</Banner>",
    "<Collapse title=\"More\">",
    "</Collapse>",
    "<GraphQLCodeTabs query={`query { me { id } }`} />",
    "{/* comment */}",
    "import X from 'y'\n",
    "export const meta = {}\n",
    "<%= partial \"x\" %>",
    "<% if a %>",
    "<% end %>",
    "<div class=\"x\">",
    "</div>",
    "<!-- c -->",
    "<",
    ">",
    "{",
    "}",
    "`",
    "[link](../x)",
    "[a](/app/deployments#top)",
    "![img](x.png)",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "> quote\n",
    "- item\n",
    "1. one\n",
    "**bold**",
    "_em_",
    "é",
    "日本語",
    "🚀",
    "\u{0}",
    "\t",
    "\\",
    "&amp;",
    "&#x27;",
    "deploy",
    "custom domain",
    "TLS certificate",
    "AND",
    "OR",
    "\"",
    ":",
    "(",
    ")",
    "*",
    "?",
    "+",
    "-",
    "~",
    "^",
];

fn random_text(rng: &mut Rng, pieces: usize) -> String {
    (0..pieces)
        .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
        .collect()
}

#[test]
fn random_pages_and_queries_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..40 {
        let files: Vec<(String, String)> = (0..25)
            .map(|i| {
                let ext = ["md", "mdx", "html.md", "markerb", "markdown"][rng.below(5)];
                let pieces = 1 + rng.below(120);
                (
                    format!("r{round}/p{i}.{ext}"),
                    random_text(&mut rng, pieces),
                )
            })
            .collect();
        let (index, _report) = DocsIndex::from_files(files).expect("index builds");
        let _ = index.check();
        for _ in 0..20 {
            let pieces = rng.below(12);
            let query = random_text(&mut rng, pieces);
            let hits = index
                .search(&query, 1 + rng.below(50))
                .expect("search answers");
            for hit in hits {
                assert!(index.page(&hit.path).is_some(), "hit {} resolves", hit.path);
            }
            let _ = index.page(&query);
        }
    }
}

#[test]
fn random_bytes_as_pages_are_skipped_or_indexed_never_fatal() {
    let mut rng = Rng(42);
    let files: Vec<(String, String)> = (0..50)
        .map(|i| {
            let len = rng.below(2000);
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            (
                format!("bytes/{i}.md"),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect();
    let (index, report) = DocsIndex::from_files(files).expect("index builds");
    assert_eq!(index.pages().len() + report.skipped.len(), 50);
    let _ = index.search("deploy", 10).expect("search answers");
}
