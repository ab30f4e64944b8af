//! The request-body fields the sandbox accepts, per kind of request.
//!
//! The seed page documents no request bodies, so these lists are the sandbox's own
//! choice; `content/mcp/sandbox.md` prints them (a test keeps the two in step). A body
//! with any other field is refused with `400`, naming the unknown fields and listing the
//! accepted ones, so a wrong guess is visible instead of silently ignored.

use serde_json::{Map, Value};

use super::errors::ApiError;

/// The accepted fields of one kind of request body.
#[derive(Debug)]
pub struct Fields {
    /// What the body is for, in messages ("app create").
    pub what: &'static str,
    pub accepted: &'static [&'static str],
}

impl Fields {
    /// `400` if `body` has a field outside [`Fields::accepted`].
    pub fn check(&self, body: &Map<String, Value>) -> Result<(), ApiError> {
        let unknown: Vec<&str> = body
            .keys()
            .map(String::as_str)
            .filter(|k| !self.accepted.contains(k))
            .collect();
        if unknown.is_empty() {
            return Ok(());
        }
        let accepted = if self.accepted.is_empty() {
            "none (send an empty body)".to_owned()
        } else {
            self.accepted.join(", ")
        };
        Err(ApiError::bad_request(format!(
            "Unknown field(s) in the {} body: {}. Accepted fields: {accepted}",
            self.what,
            unknown.join(", ")
        )))
    }
}

macro_rules! fields {
    ($($name:ident, $what:literal, [$($f:literal),* $(,)?];)*) => {
        $(pub const $name: Fields = Fields { what: $what, accepted: &[$($f),*] };)*
        /// Every body the sandbox checks, for the docs drift test.
        #[cfg(test)]
        pub const ALL: &[&Fields] = &[$(&$name),*];
    };
}

fields! {
    PROJECT_CREATE, "project create", ["name", "description", "plan"];
    PROJECT_PATCH, "project patch", ["name", "description", "plan"];
    APP_CREATE, "app create", ["projectId", "name", "runtime", "language", "region", "instanceSize", "branch",
        "repository", "buildCommand", "startCommand", "port", "plan", "description", "environmentVariables"];
    APP_PATCH, "app patch", ["name", "runtime", "language", "region", "instanceSize", "branch", "repository",
        "buildCommand", "startCommand", "port", "plan", "description", "environmentVariables"];
    SITE_CREATE, "site create", ["projectId", "name", "framework", "branch", "repository", "buildCommand",
        "outputDirectory", "description", "environmentVariables"];
    SITE_PATCH, "site patch", ["name", "framework", "branch", "repository", "buildCommand", "outputDirectory",
        "description", "environmentVariables"];
    WORKER_CREATE, "worker create", ["projectId", "name", "runtime", "language", "command", "branch",
        "repository", "description", "environmentVariables"];
    WORKER_PATCH, "worker patch", ["name", "runtime", "language", "command", "branch", "repository",
        "description", "environmentVariables"];
    CRON_JOB_CREATE, "cron job create", ["projectId", "name", "schedule", "command", "timezone", "runtime",
        "language", "branch", "repository", "description", "environmentVariables"];
    CRON_JOB_PATCH, "cron job patch", ["name", "schedule", "command", "timezone", "runtime", "language",
        "branch", "repository", "description", "environmentVariables"];
    DATABASE_CREATE, "database create", ["projectId", "name", "engine", "version", "tier", "storageGb",
        "region", "description", "linkedApps"];
    DATABASE_PATCH, "database patch", ["name", "version", "storageGb", "description", "linkedApps"];
    VM_CREATE, "virtual machine create", ["projectId", "name", "size", "image", "region"];
    VM_RESOURCES, "virtual machine resources", ["size", "diskGb"];
    VM_FIREWALL, "virtual machine firewall", ["rules"];
    DOMAIN_ADD, "custom domain add", ["domain"];
    DOMAIN_REMOVE, "custom domain remove", ["domain"];
    COLLABORATOR, "collaborator", ["email", "role"];
    WORKER_PROCESS_CREATE, "worker process create", ["name", "command", "instances"];
    WORKER_PROCESS_PATCH, "worker process patch", ["name", "command", "instances"];
    APP_CRON_JOB_CREATE, "app cron job create", ["name", "schedule", "command", "timezone"];
    APP_CRON_JOB_PATCH, "app cron job patch", ["name", "schedule", "command", "timezone", "status"];
    DEPLOY, "deployment", ["branch", "commit", "message", "clearCache", "simulateFailure"];
    REVIEW_TRIGGER, "review trigger", ["pullRequest"];
    REVIEW_EXTEND, "review extend", ["days"];
    UPGRADE, "app upgrade", ["plan", "instanceSize"];
    TIER, "database tier", ["tier"];
    IMPORT, "database import", ["sourceUrl"];
    BUILDER_PROJECT, "visual-builder project", ["pages", "theme", "settings"];
    ASSET, "visual-builder asset", ["fileName", "bytes", "contentType"];
    UPLOAD, "site upload", ["fileName", "files", "message"];
    SLACK, "Slack integration", ["webhookUrl", "channel", "events", "enabled"];
    HOSTLESS_FILE, "Hostless file", ["runtime", "region", "instanceSize", "instances", "plan"];
    COMMIT, "Hostless file commit", ["message"];
    EMPTY, "action", [];
    API_KEY, "API key", ["name", "scopes", "expiresAt"];
    CLOCK, "sandbox clock", ["advanceSeconds"];
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_fields_are_named_with_the_accepted_ones() {
        let body = json!({"name": "x", "note": 1, "colour": "red"});
        let err = APP_PATCH.check(body.as_object().unwrap()).unwrap_err();
        assert_eq!(err.status, axum::http::StatusCode::BAD_REQUEST);
        assert!(
            err.message.contains("app patch body: colour, note."),
            "{}",
            err.message
        );
        assert!(
            err.message.contains("Accepted fields: name, runtime"),
            "{}",
            err.message
        );
        assert!(
            APP_PATCH
                .check(json!({"name": "y"}).as_object().unwrap())
                .is_ok()
        );
    }

    #[test]
    fn the_docs_page_lists_every_accepted_field_set() {
        let page = include_str!("../../content/mcp/sandbox.md");
        for f in ALL {
            let line = if f.accepted.is_empty() {
                format!("| {} | none |", f.what)
            } else {
                let list: Vec<String> = f.accepted.iter().map(|a| format!("`{a}`")).collect();
                format!("| {} | {} |", f.what, list.join(", "))
            };
            assert!(page.contains(&line), "sandbox.md lacks the row: {line}");
        }
    }
}
