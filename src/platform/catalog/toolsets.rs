//! The toolsets a client can choose with `?toolsets=` / `X-MCP-Toolsets`, each declared
//! once: its id, whether it is shown by default, the words the server's instructions use
//! for it, and the one-line summary of the generated reference. The server's
//! `instructions` text is generated from these declarations ([`instructions`]).

/// Where a toolset stands in the default selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Projects: shown by default; every other resource lives in a project.
    Root,
    /// A core resource kind (apps … databases): shown by default, addressed by name.
    Resource,
    /// Chosen explicitly by the client.
    OptIn,
}

/// What is known about one toolset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolsetInfo {
    /// The id a client writes in `?toolsets=`.
    pub name: &'static str,
    pub role: Role,
    /// How the instructions name it: a resource kind's plural (`cron jobs`), or an
    /// opt-in toolset's id with an optional gloss (`config (env vars, domains …)`).
    pub words: &'static str,
    /// One line on what it covers, for the generated reference.
    pub summary: &'static str,
}

macro_rules! toolsets {
    ($($variant:ident {
        name: $name:literal,
        role: $role:ident,
        words: $words:literal,
        summary: $summary:literal $(,)?
    },)*) => {
        /// Groups of tools a client can choose; see [`ToolsetInfo`] for what each covers.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Toolset {
            $($variant,)*
        }

        impl Toolset {
            /// Every toolset, in listing order.
            pub const ALL: [Toolset; [$($name),*].len()] = [$(Toolset::$variant),*];

            pub const fn info(self) -> &'static ToolsetInfo {
                match self {
                    $(Toolset::$variant => &ToolsetInfo {
                        name: $name,
                        role: Role::$role,
                        words: $words,
                        summary: $summary,
                    },)*
                }
            }
        }
    };
}

toolsets! {
    Projects {
        name: "projects",
        role: Root,
        words: "projects",
        summary: "list and read projects (creating, changing and deleting them needs a dashboard session)",
    },
    Apps { name: "apps", role: Resource, words: "apps", summary: "apps: list, get, create, update, delete" },
    Sites { name: "sites", role: Resource, words: "sites", summary: "sites: list, get, create, update, delete" },
    Workers {
        name: "workers",
        role: Resource,
        words: "workers",
        summary: "workers: list, get, create, update, delete",
    },
    CronJobs {
        name: "cron_jobs",
        role: Resource,
        words: "cron jobs",
        summary: "standalone cron jobs: list, get, create, update, delete",
    },
    Databases {
        name: "databases",
        role: Resource,
        words: "databases",
        summary: "databases: list, get details, create, update, delete",
    },
    Deployments {
        name: "deployments",
        role: OptIn,
        words: "deployments",
        summary: "list, inspect, trigger and rerun deployments of apps, sites, workers and cron jobs; build stats",
    },
    Logs {
        name: "logs",
        role: OptIn,
        words: "logs",
        summary: "runtime, deployment, post-build, cron run and database import logs",
    },
    Config {
        name: "config",
        role: OptIn,
        words: "config (env vars, domains …)",
        summary: "environment variables, custom domains, collaborators, review apps, worker processes, \
                  app cron jobs, commits, search",
    },
    Metrics {
        name: "metrics",
        role: OptIn,
        words: "metrics",
        summary: "CPU, memory, traffic and site analytics metrics; app traces",
    },
    Operations {
        name: "operations",
        role: OptIn,
        words: "operations (restart, scale, pause)",
        summary: "restart, scale, pause and resume, app upgrade, database tier and import, cron runs",
    },
    SiteBuilder {
        name: "site_builder",
        role: OptIn,
        words: "site_builder",
        summary: "site uploads and the visual builder",
    },
    Vms {
        name: "vms",
        role: OptIn,
        words: "vms",
        summary: "virtual machines: list, create, power, resize, firewall, metrics, delete",
    },
    Billing {
        name: "billing",
        role: OptIn,
        words: "billing",
        summary: "usage breakdowns, billing cycles, currencies, invoices, paying an invoice",
    },
    Integrations {
        name: "integrations",
        role: OptIn,
        words: "integrations",
        summary: "available integrations and a project's Slack integration",
    },
    Git { name: "git", role: OptIn, words: "git", summary: "GitHub, GitLab and Bitbucket connections of a project" },
    HostlessFile {
        name: "hostless_file",
        role: OptIn,
        words: "hostless_file",
        summary: "generate, update, commit and cost the Hostless file; cost estimates",
    },
}

impl Toolset {
    pub const fn name(self) -> &'static str {
        self.info().name
    }

    pub const fn summary(self) -> &'static str {
        self.info().summary
    }

    /// Shown when a client does not choose (SPEC §5.3: at most 40 tools by default).
    pub const fn is_default(self) -> bool {
        !matches!(self.info().role, Role::OptIn)
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Tools of opt-in toolsets that the default selection shows too: with them an agent can
/// do the everyday job without reconnecting — create an app, set an environment variable
/// (through `apps_patch`), add a domain, deploy, watch the deployment and read the runtime
/// and deployment logs — and the default stays within Cursor's 40 tools (SPEC §5.3).
pub const DEFAULT_EXTRAS: [&str; 8] = [
    "env_vars_list",
    "domains_list",
    "domains_add",
    "deployments_list",
    "deployments_get",
    "deployments_trigger",
    "logs_get",
    "logs_deployment",
];

/// Whether the default selection shows the tool `name` of `toolset`.
pub fn in_default(toolset: Toolset, name: &str) -> bool {
    toolset.is_default() || DEFAULT_EXTRAS.contains(&name)
}

/// `a, b or c` (with `last` = `or`).
fn list(words: &[&str], last: &str) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., end] => format!("{} {last} {end}", init.join(", ")),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn words_of(role: Role) -> Vec<&'static str> {
    Toolset::ALL
        .into_iter()
        .map(Toolset::info)
        .filter(|info| info.role == role)
        .map(|info| info.words)
        .collect()
}

/// The platform server's `instructions`: how to start, what is addressed by name, and
/// which toolsets must be asked for.
pub fn instructions() -> String {
    let resources = words_of(Role::Resource);
    let opt_in = words_of(Role::OptIn);
    format!(
        "Hostless platform tools, acting with your own credential (API key scopes and project roles apply). \
         Start with `projects_list` to get project ids, then pass `projectId` when listing or creating {}. \
         {} are addressed by name. API keys can only read projects. \
         {} are opt-in toolsets; the default selection already has their everyday tools ({}). \
         To add a toolset and keep what you have, reconnect with ?toolsets=default,a,b (or all). \
         For how-to questions use the public docs endpoint `/mcp/docs`.",
        list(&resources, "or"),
        capitalized(&list(&resources, "and")),
        capitalized(&list(&opt_in, "and")),
        DEFAULT_EXTRAS.map(|name| format!("`{name}`")).join(", "),
    )
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_snake_case_and_round_trip() {
        for toolset in Toolset::ALL {
            let name = toolset.name();
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}"
            );
            assert_eq!(Toolset::from_name(name), Some(toolset));
        }
        assert_eq!(Toolset::from_name("nope"), None);
    }

    #[test]
    fn instructions_name_every_opt_in_toolset_by_its_id_and_every_resource_kind() {
        let text = instructions();
        for toolset in Toolset::ALL {
            let info = toolset.info();
            match info.role {
                Role::OptIn => {
                    // The words open with the id a client has to type in `?toolsets=`.
                    assert!(
                        info.words.to_lowercase().starts_with(info.name),
                        "{}",
                        info.name
                    );
                    assert!(text.to_lowercase().contains(info.words), "{}", info.name);
                }
                Role::Resource => assert!(text.contains(info.words), "{}", info.name),
                Role::Root => assert!(text.contains(&format!("`{}_list`", info.name))),
            }
        }
        assert!(
            text.contains("creating apps, sites, workers, cron jobs or databases."),
            "{text}"
        );
        assert!(text.contains("Deployments, logs, config"), "{text}");
        assert!(text.contains("git and hostless_file are opt-in"), "{text}");
    }

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(list(&["a"], "or"), "a");
        assert_eq!(list(&["a", "b", "c"], "and"), "a, b and c");
        assert_eq!(capitalized("été"), "Été");
    }
}
