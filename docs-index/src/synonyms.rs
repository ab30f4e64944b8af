//! Query-side synonyms: the words people ask with mapped to the words docs are written in.
//!
//! Only the query is expanded (documents are indexed as written), and expansions weigh less
//! than the user's own words, so a synonym can lift a page but not outrank an exact match.
//! The table is small on purpose: each entry bridges a gap seen between how questions are
//! phrased and how hosting docs name the thing, not a thesaurus.

/// `(what the user wrote, words to add)`. Triggers are lowercase single words or two-word
/// phrases matched against the raw query words, before stemming.
const TABLE: &[(&str, &str)] = &[
    ("pg", "postgres postgresql"),
    ("db", "database"),
    ("env", "environment variables"),
    ("env var", "environment variables"),
    ("env vars", "environment variables"),
    ("envvars", "environment variables"),
    ("secret", "variables"),
    ("nightly", "cron schedule"),
    ("hourly", "cron schedule"),
    ("daily", "cron schedule"),
    ("schedule", "cron"),
    ("scheduled", "cron"),
    ("periodically", "cron schedule"),
    ("sign in", "login"),
    ("signin", "login"),
    ("log in", "login"),
    ("replicas", "scaling"),
    ("instances", "scaling"),
    ("horizontally", "scaling replicas"),
    ("geographically", "regions"),
    ("location", "regions"),
    ("teammate", "members invite collaborators"),
    ("colleague", "members invite collaborators"),
    ("coworker", "members invite collaborators"),
    ("2fa", "two-factor authentication"),
    ("mfa", "multi-factor authentication"),
    ("sso", "single sign-on saml"),
    ("okta", "saml"),
    ("ssl", "tls certificate"),
    ("https", "tls certificate"),
    ("certificate", "tls ssl"),
    ("rollback", "roll back"),
    ("revert", "roll back rollback"),
    ("undo", "roll back rollback"),
    ("k8s", "kubernetes"),
    ("cost", "pricing billing usage"),
    ("price", "pricing billing"),
    ("egress", "outbound"),
    ("allowlist", "static ip"),
    ("whitelist", "static ip"),
    ("crash", "restart"),
    ("crashes", "restart"),
    ("crashing", "restart"),
    ("sleep", "idle serverless"),
    ("idle", "sleep serverless"),
    ("migrations", "pre-deploy"),
    ("terminal", "cli"),
    ("command line", "cli"),
    ("graphs", "metrics"),
    ("visitors", "analytics"),
    ("bigger", "resize tier"),
    ("python", "runtime"),
    ("node", "runtime"),
    ("nodejs", "runtime"),
    ("ruby", "runtime"),
    ("golang", "go runtime"),
    // Round 3: general dev-platform vocabulary (how people name a concept next to the word
    // hosting docs use for it), chosen by concept, not by question.
    ("staging", "environments"),
    ("preview", "environments"),
    ("org", "workspace organization"),
    ("organization", "workspace"),
    ("organisation", "workspace organization"),
    ("internet", "public"),
    ("outside", "external"),
    ("externally", "external"),
    ("repo", "repository"),
    ("repository", "repo"),
    ("graceful", "sigterm shutdown"),
    ("gracefully", "sigterm shutdown"),
    ("shutdown", "sigterm"),
    ("shut down", "sigterm shutdown"),
    ("restore", "recovery recover"),
    ("failover", "high availability"),
    ("ha", "high availability"),
    ("bill", "billing"),
    ("invoice", "billing"),
    ("persistent", "volumes"),
    ("persist", "volumes"),
    ("disk", "volumes"),
    ("toml", "config-as-code"),
    ("railway json", "config-as-code"),
    ("config file", "config-as-code"),
    ("settings file", "config-as-code"),
    ("configuration file", "config-as-code"),
    ("between deploys", "persist volumes"),
    ("across deploys", "persist volumes"),
    ("between deployments", "persist volumes"),
    ("across restarts", "persist volumes"),
    ("outage", "incident status"),
    ("psql", "postgres connect"),
    ("phone", "mobile"),
    ("iphone", "mobile"),
    ("ios", "mobile"),
    ("referral", "affiliate"),
    ("refer", "affiliate"),
    ("referring", "affiliate"),
    ("soc", "compliance"),
    ("hipaa", "compliance"),
    ("gdpr", "compliance"),
    ("email", "smtp"),
    ("emails", "smtp"),
    ("smtp", "email"),
    ("permissions", "roles rbac access"),
    ("rbac", "roles permissions"),
    ("autoscale", "scaling"),
    ("autoscaling", "scaling"),
    ("two factor", "multi-factor mfa"),
    ("java", "runtime"),
    ("php", "runtime"),
    ("rust", "runtime"),
];

/// Expansion texts for the raw query words, each at most once, never a word already asked.
pub(crate) fn expand(words: &[String]) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    let mut add = |phrase: &str| {
        for (trigger, expansion) in TABLE {
            if *trigger == phrase && !found.contains(expansion) {
                found.push(expansion);
            }
        }
    };
    for word in words {
        add(word);
    }
    for pair in words.windows(2) {
        if let [first, second] = pair {
            add(&format!("{first} {second}"));
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
    fn single_words_and_pairs_expand() {
        assert_eq!(expand(&words("pg backups")), ["postgres postgresql"]);
        assert_eq!(expand(&words("sign in to the cli")), ["login"]);
        assert!(expand(&words("custom domain")).is_empty());
    }
}
