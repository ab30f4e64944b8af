//! Interface pages: the CLI and API references that restate a topic for one way of doing it.
//!
//! Hosting docs describe most features twice or three times: the concept page, the CLI
//! command (`cli/volume`, `flyctl/cmd/...`) and the API resource (`machines/api/...`,
//! `integrations/api/...`). The reference pages mention the topic's words densely and often
//! win on text alone, yet they answer a question only when it asks about that interface
//! ("from the terminal", "with the API"). So, when a question names no interface, pages under
//! an interface folder are ranked a little lower.

/// Path segments that mark a page as an interface reference.
const INTERFACE_SEGMENTS: &[&str] = &["cli", "api", "flyctl"];

/// Question words that ask about an interface (lowercase, before stemming).
const INTERFACE_WORDS: &[&str] = &[
    "cli",
    "terminal",
    "command",
    "commands",
    "flyctl",
    "shell",
    "api",
    "apis",
    "graphql",
    "rest",
    "endpoint",
    "endpoints",
    "curl",
    "mutation",
    "sdk",
    "programmatically",
    "script",
    // Working from one's own computer is what the CLI is for.
    "laptop",
    "local",
    "locally",
];

/// Whether the page at `path` is a CLI or API reference page.
pub(crate) fn is_interface_page(path: &str) -> bool {
    path.split('/')
        .any(|segment| INTERFACE_SEGMENTS.contains(&segment))
}

/// Whether the question's raw words ask about an interface.
pub(crate) fn asks_for_interface(words: &[String]) -> bool {
    words
        .iter()
        .any(|word| INTERFACE_WORDS.contains(&word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn cli_and_api_pages_are_interface_pages() {
        assert!(is_interface_page("cli/volume"));
        assert!(is_interface_page("machines/api/machines-resource"));
        assert!(is_interface_page("flyctl/cmd/fly_deploy"));
        assert!(!is_interface_page("volumes/reference"));
        assert!(!is_interface_page("apis-overview"));
    }

    #[test]
    fn questions_naming_an_interface_ask_for_it() {
        assert!(asks_for_interface(&words("scale from the terminal")));
        assert!(asks_for_interface(&words("create a volume with the api")));
        assert!(!asks_for_interface(&words("how big can a volume get")));
    }
}
