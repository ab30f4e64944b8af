//! The sandbox's domain types: project roles, the kinds of records, API keys, and the
//! sub-resource collections that hang from a record.

use serde_json::{Value, json};

use super::clock;

/// The demo user's role in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Owner,
    /// May create, change and delete resources, but not change or delete the project.
    Editor,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }
}

/// The kinds of resources the store keeps as records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Project,
    App,
    Site,
    Worker,
    CronJob,
    Database,
    VirtualMachine,
    Invoice,
}

/// Per kind: message label, whether routes address it by `name` (else by `id`), and the
/// fields a new record starts with before the request body is merged in.
const KINDS: &[(Kind, &str, bool)] = &[
    (Kind::Project, "Project", false),
    (Kind::App, "App", true),
    (Kind::Site, "Site", true),
    (Kind::Worker, "Worker", true),
    (Kind::CronJob, "Cron job", true),
    (Kind::Database, "Database", true),
    (Kind::VirtualMachine, "Virtual machine", false),
    (Kind::Invoice, "Invoice", false),
];

impl Kind {
    /// Words for messages ("App not found").
    pub fn label(self) -> &'static str {
        KINDS
            .iter()
            .find(|(k, _, _)| *k == self)
            .map_or("Resource", |(_, l, _)| l)
    }

    /// Whether routes address this kind by `name` (otherwise by `id`).
    pub fn keyed_by_name(self) -> bool {
        KINDS.iter().any(|(k, _, by_name)| *k == self && *by_name)
    }

    /// Fields a new record starts with before the request body is merged in.
    pub fn defaults(self) -> Value {
        match self {
            Kind::Project => json!({"description": "", "plan": "hobby"}),
            Kind::App => json!({
                "status": "running", "runtime": "node", "region": "eu-west", "instances": 1,
                "instanceSize": "small", "branch": "main", "plan": "hobby",
            }),
            Kind::Site => json!({
                "status": "live", "framework": "static", "branch": "main", "buildCommand": "npm run build",
                "instances": 1,
            }),
            Kind::Worker => json!({
                "status": "running", "runtime": "node", "instances": 1, "command": "node worker.js",
            }),
            Kind::CronJob => json!({
                "status": "active", "schedule": "0 * * * *", "command": "node job.js", "timezone": "UTC",
            }),
            Kind::Database => json!({
                "status": "available", "engine": "postgres", "version": "16", "tier": "starter",
                "storageGb": 1,
            }),
            Kind::VirtualMachine => json!({
                "status": "running", "size": "small", "image": "ubuntu-24.04", "cpus": 1, "memoryMb": 1024,
                "diskGb": 25, "region": "eu-west",
            }),
            Kind::Invoice => json!({"status": "open", "currency": "USD", "amount": 0}),
        }
    }
}

/// The sub-resource collections a record can own, stored per parent record id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Coll {
    EnvVars,
    Domains,
    Deployments,
    /// Runtime events (restarts, scaling) besides the lines live deployments leave.
    Events,
    WorkerProcesses,
    /// An app's own cron jobs.
    AppCronJobs,
    /// Runs of a cron job (standalone or an app's); the parent is the job's id.
    Runs,
    Reviews,
    PullRequests,
    Collaborators,
    Commits,
    LinkedApps,
    Imports,
    Assets,
    /// A site's visual-builder project (one item).
    BuilderProject,
    /// An app's Hostless file (one item).
    HostlessFile,
    Integrations,
    /// Git connections of a project: one item per provider.
    Git,
    Firewall,
}

/// Validity of an API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStatus {
    Valid,
    Expired,
    Revoked,
}

impl KeyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyStatus::Valid => "valid",
            KeyStatus::Expired => "expired",
            KeyStatus::Revoked => "revoked",
        }
    }
}

/// One API key as the store knows it (the secret stays inside the sandbox).
#[derive(Debug, Clone)]
pub struct KeyRecord {
    pub id: String,
    pub name: String,
    /// The 8 alphanumerics after `hlk_`.
    pub prefix: String,
    pub secret: String,
    pub scopes: Vec<String>,
    pub expires_at: Option<i64>,
    pub revoked: bool,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

impl KeyRecord {
    pub fn token(&self) -> String {
        format!("hlk_{}_{}", self.prefix, self.secret)
    }

    pub fn status(&self, now: i64) -> KeyStatus {
        if self.revoked {
            KeyStatus::Revoked
        } else if self.expires_at.is_some_and(|t| t <= now) {
            KeyStatus::Expired
        } else {
            KeyStatus::Valid
        }
    }

    /// The metadata the key-management routes show (never the secret).
    pub fn metadata(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "prefix": format!("hlk_{}", self.prefix),
            "scopes": self.scopes,
            "expiresAt": self.expires_at.map(clock::iso),
            "lastUsedAt": self.last_used_at.map(clock::iso),
            "createdAt": clock::iso(self.created_at),
            "revoked": self.revoked,
        })
    }
}

/// The key a record is stored under.
pub fn record_key(kind: Kind, record: &Value) -> Option<String> {
    let field = if kind.keyed_by_name() { "name" } else { "id" };
    record.get(field)?.as_str().map(str::to_owned)
}

/// The project a record belongs to (a project belongs to itself).
pub fn project_of(kind: Kind, record: &Value) -> Option<&str> {
    let field = if kind == Kind::Project {
        "id"
    } else {
        "projectId"
    };
    record.get(field)?.as_str()
}

/// A string field of a JSON object, or `""`.
pub fn text<'v>(value: &'v Value, field: &str) -> &'v str {
    value.get(field).and_then(Value::as_str).unwrap_or_default()
}
