//! The seed data: the demo user, their projects and roles, a few resources with some
//! history (deployments, domains, runs …), the API keys, and the session token.
//!
//! Everything seeded is fixed (ids included), so tests and docs can name it; only key
//! secrets and the session token come from the random generator. Resources created at
//! run time start with empty sub-resources; only these seeded ones have a past.

use serde_json::{Map, Value, json};

use crate::api_routes::SCOPES;

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::clock::{self, Clock};
use super::model::{Coll, Kind, Role};
use super::state::{Data, Store};

/// The demo user's id.
pub const DEMO_USER_ID: &str = "6650a0000000000000000001";
/// The demo user's e-mail.
pub const DEMO_USER_EMAIL: &str = "demo@hostless.dev";
/// The project the demo user owns.
pub const OWNER_PROJECT_ID: &str = "6650b0000000000000000001";
/// The project the demo user may only view.
pub const VIEWER_PROJECT_ID: &str = "6650b0000000000000000002";
/// A project of another account: invisible to the demo user (404).
pub const FOREIGN_PROJECT_ID: &str = "6650b0000000000000000003";
/// A project where the demo user is an editor: may change resources, not the project.
pub const EDITOR_PROJECT_ID: &str = "6650b0000000000000000004";

/// When the seeded resources were created (2026-01-15T10:00:00Z).
pub const SEED_TIME: i64 = 1_768_471_200;

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// The seeded store: with `seed`, a seeded generator and a fake clock starting at
/// [`clock::FAKE_START`]; without, fresh randomness and the system clock.
pub fn store(seed: Option<u64>) -> Store {
    let (rng, clock) = match seed {
        Some(s) => (StdRng::seed_from_u64(s), Clock::fake(clock::FAKE_START)),
        None => (StdRng::from_os_rng(), Clock::system()),
    };
    let mut data = Data::new(rng);
    populate(&mut data);
    let session_token = session_jwt(&mut data);
    Store::new(data, clock, session_token)
}

/// Fills an empty store with the seed data.
fn populate(data: &mut Data) {
    seed_projects(data);
    seed_resources(data);
    seed_history(data);
    seed_keys(data);
}

fn seed_projects(data: &mut Data) {
    let projects = [
        (OWNER_PROJECT_ID, "Demo Project", Some(Role::Owner)),
        (VIEWER_PROJECT_ID, "Shared Project", Some(Role::Viewer)),
        (FOREIGN_PROJECT_ID, "Other Team", None),
        (EDITOR_PROJECT_ID, "Team Project", Some(Role::Editor)),
    ];
    for (id, name, role) in projects {
        let fields = obj(json!({"name": name, "ownerId": DEMO_USER_ID}));
        data.insert(Kind::Project, id.to_owned(), id, fields, SEED_TIME);
        if let Some(role) = role {
            data.memberships.insert(id.to_owned(), role);
        }
    }
}

fn seed_resources(data: &mut Data) {
    let (p1, p2, p3, p4) = (
        OWNER_PROJECT_ID,
        VIEWER_PROJECT_ID,
        FOREIGN_PROJECT_ID,
        EDITOR_PROJECT_ID,
    );
    let rows: [(Kind, &str, &str, Value); 15] = [
        (
            Kind::App,
            "demo-app",
            p1,
            json!({"url": "https://demo-app.hostless.app", "instances": 2}),
        ),
        (
            Kind::App,
            "demo-api",
            p1,
            json!({"runtime": "python", "language": "python", "url": "https://demo-api.hostless.app"}),
        ),
        (
            Kind::App,
            "shared-app",
            p2,
            json!({"url": "https://shared-app.hostless.app"}),
        ),
        (Kind::App, "private-app", p3, json!({})),
        (
            Kind::Site,
            "demo-site",
            p1,
            json!({"url": "https://demo-site.hostless.site"}),
        ),
        (
            Kind::Site,
            "shared-site",
            p2,
            json!({"url": "https://shared-site.hostless.site"}),
        ),
        (Kind::Worker, "demo-worker", p1, json!({})),
        (Kind::Worker, "shared-worker", p2, json!({})),
        (
            Kind::CronJob,
            "nightly-report",
            p1,
            json!({"schedule": "0 2 * * *"}),
        ),
        (
            Kind::CronJob,
            "shared-cleanup",
            p2,
            json!({"schedule": "30 3 * * 0"}),
        ),
        (Kind::Database, "demo-db", p1, json!({})),
        (
            Kind::Database,
            "shared-db",
            p2,
            json!({"engine": "mysql", "version": "8.4"}),
        ),
        (
            Kind::VirtualMachine,
            "demo-vm",
            p1,
            json!({"ipv4": "203.0.113.10"}),
        ),
        (
            Kind::VirtualMachine,
            "shared-vm",
            p2,
            json!({"ipv4": "203.0.113.20", "status": "stopped"}),
        ),
        (
            Kind::App,
            "team-app",
            p4,
            json!({"url": "https://team-app.hostless.app"}),
        ),
    ];
    for (i, (kind, name, project, extra)) in rows.into_iter().enumerate() {
        let id = match kind {
            Kind::VirtualMachine => format!("vm-{}", name.trim_end_matches("-vm")),
            _ => format!("6650c{:019x}", i + 1),
        };
        let mut fields = obj(extra);
        fields.insert("name".into(), Value::String(name.to_owned()));
        data.insert(kind, id, project, fields, SEED_TIME);
    }
    let invoices = [
        ("inv-demo-2026-04", p1, "paid", 1_250),
        ("inv-demo-2026-05", p1, "open", 1_900),
        ("inv-shared-2026-05", p2, "open", 700),
    ];
    for (id, project, status, amount) in invoices {
        let period = id
            .rsplit_once("-20")
            .map(|(_, p)| format!("20{p}"))
            .unwrap_or_default();
        let fields = obj(json!({
            "number": id.to_uppercase(), "status": status, "amount": amount,
            "amountFormatted": format!("${}.{:02}", amount / 100, amount % 100),
            "period": period,
        }));
        data.insert(Kind::Invoice, id.to_owned(), project, fields, SEED_TIME);
    }
}

/// The id of a seeded record.
fn id_of(data: &Data, kind: Kind, key: &str) -> String {
    data.get(kind, key)
        .and_then(|r| r.get("id"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// A seeded, finished deployment of `resource`, `hours` after the seed time.
fn deployment(resource: &str, n: u32, hours: i64) -> Value {
    json!({
        "id": format!("dpl-{resource}-{n}"), "resource": resource, "branch": "main",
        "commit": format!("{:0>40}", format!("{n}{}", resource.len())), "message": "Initial deploy",
        "trigger": "push", "result": "live", "createdAt": clock::iso(SEED_TIME + hours * 3600),
    })
}

fn commits(resource: &str) -> Value {
    json!([
        {"sha": format!("{:0>40}", format!("1{}", resource.len())), "message": format!("Set up {resource}"),
         "author": "Demo User", "committedAt": clock::iso(SEED_TIME + 1800)},
        {"sha": format!("{:0>40}", format!("2{}", resource.len())), "message": "Improve start-up",
         "author": "Ana Lima", "committedAt": clock::iso(SEED_TIME + 7200)},
    ])
}

fn seed_history(data: &mut Data) {
    let at = |h: i64| clock::iso(SEED_TIME + h * 3600);
    let mut rows: Vec<(Kind, &str, Coll, Value)> = Vec::new();
    for (kind, name) in [
        (Kind::App, "demo-app"),
        (Kind::App, "demo-api"),
        (Kind::Site, "demo-site"),
        (Kind::Worker, "demo-worker"),
        (Kind::CronJob, "nightly-report"),
        (Kind::App, "shared-app"),
    ] {
        rows.push((
            kind,
            name,
            Coll::Deployments,
            json!([deployment(name, 1, 1)]),
        ));
        rows.push((kind, name, Coll::Commits, commits(name)));
    }
    let pulls = json!([
        {"number": 12, "title": "Improve landing page", "branch": "feature/landing", "author": "ana-lima"},
        {"number": 14, "title": "Add health check", "branch": "feature/health", "author": "demo-user"},
    ]);
    let rest: Vec<(Kind, &str, Coll, Value)> = vec![
        (
            Kind::App,
            "demo-app",
            Coll::EnvVars,
            json!([{"key": "NODE_ENV", "value": "production"},
            {"key": "PORT", "value": "8080"}]),
        ),
        (
            Kind::App,
            "demo-api",
            Coll::EnvVars,
            json!([{"key": "PYTHONUNBUFFERED", "value": "1"}]),
        ),
        (
            Kind::App,
            "demo-app",
            Coll::Domains,
            json!([{"domain": "demo.example.com", "status": "verified",
            "tls": "active", "createdAt": at(2)}]),
        ),
        (
            Kind::Site,
            "demo-site",
            Coll::Domains,
            json!([{"domain": "www.demo.example.com",
            "status": "verified", "tls": "active", "createdAt": at(2)}]),
        ),
        (
            Kind::App,
            "demo-app",
            Coll::Collaborators,
            json!([{"email": "ana@example.com", "role": "editor",
            "addedAt": at(3)}]),
        ),
        (
            Kind::Worker,
            "demo-worker",
            Coll::Collaborators,
            json!([{"email": "ana@example.com",
            "role": "viewer", "addedAt": at(3)}]),
        ),
        (
            Kind::App,
            "demo-app",
            Coll::WorkerProcesses,
            json!([{"id": "wp-queue", "name": "queue",
            "command": "node queue.js", "instances": 1, "status": "running", "createdAt": at(4)}]),
        ),
        (
            Kind::App,
            "demo-app",
            Coll::AppCronJobs,
            json!([{"id": "job-tick", "name": "tick",
            "schedule": "*/15 * * * *", "command": "node tick.js", "timezone": "UTC", "status": "active",
            "createdAt": at(4)}]),
        ),
        (Kind::App, "demo-app", Coll::PullRequests, pulls.clone()),
        (Kind::Site, "demo-site", Coll::PullRequests, pulls),
        (
            Kind::App,
            "demo-app",
            Coll::Reviews,
            json!([{"id": "rev-demo-app-12", "pullRequest": 12,
            "branch": "feature/landing", "status": "running", "url": "https://demo-app-pr-12.hostless.app",
            "createdAt": at(5), "expiresAt": at(5 + 7 * 24)}]),
        ),
        (
            Kind::Site,
            "demo-site",
            Coll::Reviews,
            json!([{"id": "rev-demo-site-12", "pullRequest": 12,
            "branch": "feature/landing", "status": "running", "url": "https://demo-site-pr-12.hostless.site",
            "createdAt": at(5), "expiresAt": at(5 + 7 * 24)}]),
        ),
        (
            Kind::Site,
            "demo-site",
            Coll::BuilderProject,
            json!([{"pages": [{"path": "/", "title": "Home"}],
            "version": 1, "updatedAt": at(6)}]),
        ),
        (
            Kind::Site,
            "demo-site",
            Coll::Assets,
            json!([{"id": "asset-logo", "fileName": "logo.png",
            "bytes": 20480, "createdAt": at(6)}]),
        ),
        (
            Kind::CronJob,
            "nightly-report",
            Coll::Runs,
            json!([{"id": "run-nightly-report-1",
            "trigger": "schedule", "result": "succeeded", "startedAt": at(16), "durationMs": 4200}]),
        ),
        (
            Kind::Database,
            "demo-db",
            Coll::Imports,
            json!([{"id": "imp-demo-db-1", "cloneId": "imp-demo-db-1",
            "sourceUrl": "postgres://legacy.example.com/app", "result": "completed", "createdAt": at(8)}]),
        ),
        (
            Kind::Database,
            "demo-db",
            Coll::LinkedApps,
            json!([{"name": "demo-app", "envVar": "DATABASE_URL"}]),
        ),
        (
            Kind::VirtualMachine,
            "vm-demo",
            Coll::Firewall,
            json!([
            {"port": 22, "protocol": "tcp", "source": "0.0.0.0/0"},
            {"port": 443, "protocol": "tcp", "source": "0.0.0.0/0"}]),
        ),
        (
            Kind::Project,
            OWNER_PROJECT_ID,
            Coll::Git,
            json!([
            {"provider": "github", "login": "demo-user", "accounts": [
                {"login": "demo-user", "type": "User", "repos": [
                    {"name": "demo-app", "fullName": "demo-user/demo-app", "defaultBranch": "main", "private": true}]},
                {"login": "demo-org", "type": "Organization", "repos": [
                    {"name": "website", "fullName": "demo-org/website", "defaultBranch": "main", "private": false}]}]},
            {"provider": "gitlab", "login": "demo-user", "repos": [
                {"name": "worker", "fullName": "demo-user/worker", "defaultBranch": "main", "private": true}]},
            {"provider": "bitbucket", "login": "demo-user", "workspaces": [
                {"slug": "demo-workspace", "name": "Demo Workspace", "repos": [
                    {"name": "reports", "fullName": "demo-workspace/reports", "defaultBranch": "main",
                     "private": true}]}]}]),
        ),
    ];
    rows.extend(rest);
    for (kind, key, coll, items) in rows {
        let parent = id_of(data, kind, key);
        if let Value::Array(items) = items {
            data.child_mut(&parent, coll).extend(items);
        }
    }
    let run = json!({"id": "run-tick-1", "trigger": "schedule", "result": "succeeded",
        "startedAt": at(17), "durationMs": 900});
    data.child_mut("job-tick", Coll::Runs).push(run);
}

/// Scope sets of the seeded keys: label, scopes, expiry, revoked.
fn seeded_key_specs() -> Vec<(&'static str, Vec<String>, Option<i64>, bool)> {
    let all: Vec<String> = SCOPES.iter().map(|s| (*s).to_owned()).collect();
    let read: Vec<String> = crate::api_routes::read_scopes()
        .map(str::to_owned)
        .collect();
    let apps = ["apps:read", "apps:write", "apps:delete"]
        .map(str::to_owned)
        .to_vec();
    let no_deploy: Vec<String> = all
        .iter()
        .filter(|s| *s != "deployments:write")
        .cloned()
        .collect();
    let past = SEED_TIME - 86_400;
    vec![
        ("full", all.clone(), None, false),
        ("read-only", read, None, false),
        ("apps-only", apps, None, false),
        ("no-deploy", no_deploy, None, false),
        ("expired", all.clone(), Some(past), false),
        ("revoked", all, None, true),
    ]
}

fn seed_keys(data: &mut Data) {
    for (label, scopes, expires_at, revoked) in seeded_key_specs() {
        let key = data.mint_key(label, scopes, expires_at, SEED_TIME);
        if let Some(k) = data.keys.iter_mut().find(|k| revoked && k.id == key.id) {
            k.revoked = true;
        }
    }
}

/// Unpadded base64url.
fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            let idx = (n >> (18 - 6 * i)) & 63;
            out.extend(ALPHABET.get(idx as usize).map(|b| char::from(*b)));
        }
    }
    out
}

/// A session JWT for the demo user. The sandbox recognises it by exact match, so the
/// signature is just random text in the right alphabet.
fn session_jwt(data: &mut Data) -> String {
    let header = b64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let jti = data.random_alnum(16, true);
    let claims = json!({
        "sub": DEMO_USER_ID, "email": DEMO_USER_EMAIL, "type": "session",
        "iat": SEED_TIME, "jti": jti,
    });
    let payload = b64url(claims.to_string().as_bytes());
    let signature = data.random_alnum(43, false);
    format!("{header}.{payload}.{signature}")
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::super::state::KeyRecord;
    use super::*;

    #[test]
    fn b64url_matches_known_vectors() {
        assert_eq!(b64url(b""), "");
        assert_eq!(b64url(b"f"), "Zg");
        assert_eq!(b64url(b"fo"), "Zm8");
        assert_eq!(b64url(b"foo"), "Zm9v");
        assert_eq!(b64url(b"foob"), "Zm9vYg");
        assert_eq!(b64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn seeded_store_is_deterministic_with_a_seed() {
        let a = store(Some(7));
        let b = store(Some(7));
        let c = store(Some(8));
        let tokens = |s: &Store| {
            s.lock()
                .keys
                .iter()
                .map(KeyRecord::token)
                .collect::<Vec<_>>()
        };
        assert_eq!(tokens(&a), tokens(&b));
        assert_ne!(tokens(&a), tokens(&c));
        assert_eq!(a.session_token, b.session_token);
        assert_eq!(a.session_token.split('.').count(), 3);
        assert_eq!(a.now(), clock::FAKE_START);
        for t in tokens(&a) {
            let rest = t.strip_prefix("hlk_").unwrap();
            let (prefix, secret) = rest.split_once('_').unwrap();
            assert_eq!(prefix.len(), 8);
            assert!(secret.len() >= 32);
            assert!(
                prefix
                    .chars()
                    .chain(secret.chars())
                    .all(|c| c.is_ascii_alphanumeric())
            );
        }
    }
}
