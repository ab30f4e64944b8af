//! Interface pages: the CLI and API references that restate a topic for one way of doing it.
//!
//! Hosting docs describe most features twice or three times: the concept page, the CLI
//! command (`cli/volume`, `flyctl/cmd/...`) and the API resource (`machines/api/...`,
//! `integrations/api/...`). The reference pages mention the topic's words densely and often
//! win on text alone, yet they answer a question only when it asks about that interface
//! ("from the terminal", "with the API"). So, when a question does not name a page's
//! interface, pages under that interface's folder are ranked a little lower.

/// The ways of doing a thing that have reference pages of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Interface {
    Cli,
    Api,
}

/// Path segments that mark a page as an interface reference.
const SEGMENTS: &[(&str, Interface)] = &[
    ("cli", Interface::Cli),
    ("flyctl", Interface::Cli),
    ("api", Interface::Api),
];

/// Question words that ask about an interface (lowercase, before stemming).
const WORDS: &[(&str, &[Interface])] = &[
    ("cli", &[Interface::Cli]),
    ("terminal", &[Interface::Cli]),
    ("command", &[Interface::Cli]),
    ("commands", &[Interface::Cli]),
    ("flyctl", &[Interface::Cli]),
    ("shell", &[Interface::Cli]),
    // Working from one's own computer is what the CLI is for.
    ("laptop", &[Interface::Cli]),
    ("local", &[Interface::Cli]),
    ("locally", &[Interface::Cli]),
    ("api", &[Interface::Api]),
    ("apis", &[Interface::Api]),
    ("graphql", &[Interface::Api]),
    ("rest", &[Interface::Api]),
    ("endpoint", &[Interface::Api]),
    ("endpoints", &[Interface::Api]),
    ("curl", &[Interface::Api]),
    ("mutation", &[Interface::Api]),
    ("sdk", &[Interface::Api]),
    ("programmatically", &[Interface::Api]),
    ("script", &[Interface::Cli, Interface::Api]),
];

/// The interface the page at `path` is a reference for, if any.
pub(crate) fn of_page(path: &str) -> Option<Interface> {
    path.split('/').find_map(|segment| {
        SEGMENTS
            .iter()
            .find(|(name, _)| *name == segment)
            .map(|(_, interface)| *interface)
    })
}

/// The interfaces the question's raw words ask about.
pub(crate) fn asked(words: &[String]) -> Vec<Interface> {
    let mut found = Vec::new();
    for word in words {
        for (_, interfaces) in WORDS.iter().filter(|(w, _)| *w == word.as_str()) {
            found.extend_from_slice(interfaces);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn cli_and_api_pages_are_interface_pages() {
        assert_eq!(of_page("cli/volume"), Some(Interface::Cli));
        assert_eq!(
            of_page("machines/api/machines-resource"),
            Some(Interface::Api)
        );
        assert_eq!(of_page("flyctl/cmd/fly_deploy"), Some(Interface::Cli));
        assert_eq!(of_page("volumes/reference"), None);
        assert_eq!(of_page("apis-overview"), None);
    }

    #[test]
    fn questions_naming_an_interface_ask_for_it() {
        assert_eq!(asked(&words("scale from the terminal")), [Interface::Cli]);
        assert_eq!(
            asked(&words("redeploy with a graphql mutation")),
            [Interface::Api, Interface::Api]
        );
        assert!(asked(&words("how big can a volume get")).is_empty());
    }
}
