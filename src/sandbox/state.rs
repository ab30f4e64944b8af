//! The sandbox's in-memory store and its seed data.
//!
//! One `Mutex` guards everything (requests are tiny; contention is irrelevant). The lock
//! is taken poisoning-safe, so a panicking test thread never wedges the others.
//! Seeded data is fixed; only key secrets, the session token and the ids of resources
//! created later depend on the random generator, which is seeded when
//! `SandboxOptions::seed` is set.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use rand::distr::Alphanumeric;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};

use crate::api_routes::SCOPES;

use super::clock;

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

/// When the seeded resources were created (2026-01-15T10:00:00Z).
pub const SEED_TIME: i64 = 1_768_471_200;

/// The demo user's role in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Owner,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Viewer => "viewer",
        }
    }
}

/// The kinds of resources the store keeps as real records.
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

impl Kind {
    /// Words for messages ("App not found").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Project => "Project",
            Kind::App => "App",
            Kind::Site => "Site",
            Kind::Worker => "Worker",
            Kind::CronJob => "Cron job",
            Kind::Database => "Database",
            Kind::VirtualMachine => "Virtual machine",
            Kind::Invoice => "Invoice",
        }
    }

    /// Whether routes address this kind by `name` (otherwise by `id`).
    pub fn keyed_by_name(self) -> bool {
        !matches!(self, Kind::Project | Kind::VirtualMachine | Kind::Invoice)
    }

    /// Fields a new record starts with before the request body is merged in.
    fn defaults(self) -> Value {
        match self {
            Kind::Project => json!({"description": "", "plan": "hobby"}),
            Kind::App => json!({
                "status": "running", "runtime": "node", "region": "eu-west",
                "instances": 1, "instanceSize": "small", "branch": "main",
            }),
            Kind::Site => json!({
                "status": "live", "framework": "static", "branch": "main", "buildCommand": "npm run build",
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
                "status": "running", "image": "ubuntu-24.04", "cpus": 1, "memoryMb": 1024,
                "diskGb": 25, "region": "eu-west",
            }),
            Kind::Invoice => json!({"status": "open", "currency": "USD", "amount": 0}),
        }
    }
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

/// Everything mutable, behind the store's lock.
pub struct Data {
    /// The demo user's role per project id.
    pub memberships: BTreeMap<String, Role>,
    /// Records per kind, keyed by name or id (see [`Kind::keyed_by_name`]).
    pub items: BTreeMap<Kind, BTreeMap<String, Value>>,
    pub keys: Vec<KeyRecord>,
    rng: StdRng,
    counter: u64,
}

impl Data {
    /// A fresh 24-hex-digit id, unique within this sandbox.
    pub fn next_id(&mut self) -> String {
        self.counter += 1;
        let salt: u32 = self.rng.random();
        format!("66{salt:08x}{:014x}", self.counter)
    }

    /// `len` random alphanumerics (lowercase letters and digits when `lower`).
    pub fn random_alnum(&mut self, len: usize, lower: bool) -> String {
        let rng = &mut self.rng;
        (&mut *rng)
            .sample_iter(Alphanumeric)
            .map(char::from)
            .map(|c| if lower { c.to_ascii_lowercase() } else { c })
            .take(len)
            .collect()
    }

    /// Mints a key with fresh prefix and secret.
    pub fn mint_key(
        &mut self,
        name: &str,
        scopes: Vec<String>,
        expires_at: Option<i64>,
        created_at: i64,
    ) -> KeyRecord {
        let key = KeyRecord {
            id: self.next_id(),
            name: name.to_owned(),
            prefix: self.random_alnum(8, true),
            secret: self.random_alnum(40, false),
            scopes,
            expires_at,
            revoked: false,
            created_at,
            last_used_at: None,
        };
        self.keys.push(key.clone());
        key
    }

    pub fn kind(&self, kind: Kind) -> impl Iterator<Item = &Value> {
        self.items.get(&kind).into_iter().flat_map(|m| m.values())
    }

    pub fn get(&self, kind: Kind, key: &str) -> Option<&Value> {
        self.items.get(&kind)?.get(key)
    }

    pub fn role(&self, project_id: &str) -> Option<Role> {
        self.memberships.get(project_id).copied()
    }

    /// Inserts a record built from `kind`'s defaults, `fields`, and the standard fields.
    pub fn insert(
        &mut self,
        kind: Kind,
        id: String,
        project_id: &str,
        fields: Map<String, Value>,
        at: i64,
    ) -> Value {
        let mut obj = match kind.defaults() {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        obj.extend(fields);
        obj.insert("id".into(), Value::String(id.clone()));
        if kind != Kind::Project {
            obj.insert("projectId".into(), Value::String(project_id.to_owned()));
        }
        obj.insert("createdAt".into(), Value::String(clock::iso(at)));
        obj.insert("updatedAt".into(), Value::String(clock::iso(at)));
        let record = Value::Object(obj);
        let key = record_key(kind, &record).unwrap_or(id);
        self.items
            .entry(kind)
            .or_default()
            .insert(key, record.clone());
        record
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

/// The sandbox's shared state.
pub struct Store {
    data: Mutex<Data>,
    /// The demo user's dashboard-session JWT.
    pub session_token: String,
}

impl Store {
    /// The data, even if a previous holder of the lock panicked.
    pub fn lock(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Builds the seeded store.
    pub fn seeded(seed: Option<u64>) -> Self {
        let rng = match seed {
            Some(s) => StdRng::seed_from_u64(s),
            None => StdRng::from_os_rng(),
        };
        let mut data = Data {
            memberships: BTreeMap::from([
                (OWNER_PROJECT_ID.to_owned(), Role::Owner),
                (VIEWER_PROJECT_ID.to_owned(), Role::Viewer),
            ]),
            items: BTreeMap::new(),
            keys: Vec::new(),
            rng,
            counter: 0,
        };
        seed_resources(&mut data);
        seed_keys(&mut data);
        let session_token = session_jwt(&mut data);
        Self {
            data: Mutex::new(data),
            session_token,
        }
    }
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn seed_resources(data: &mut Data) {
    let t = SEED_TIME;
    let projects = [
        (OWNER_PROJECT_ID, "Demo Project", "owner"),
        (VIEWER_PROJECT_ID, "Shared Project", "viewer"),
        (FOREIGN_PROJECT_ID, "Other Team", "none"),
    ];
    for (id, name, _) in projects {
        data.insert(
            Kind::Project,
            id.to_owned(),
            id,
            obj(json!({"name": name, "ownerId": DEMO_USER_ID})),
            t,
        );
    }
    // (kind, name, project, extra fields); ids are fixed per position.
    let p1 = OWNER_PROJECT_ID;
    let p2 = VIEWER_PROJECT_ID;
    let p3 = FOREIGN_PROJECT_ID;
    let rows: [(Kind, &str, &str, Value); 14] = [
        (
            Kind::App,
            "demo-app",
            p1,
            json!({"url": "https://demo-app.hostless.app"}),
        ),
        (
            Kind::App,
            "demo-api",
            p1,
            json!({"runtime": "python", "url": "https://demo-api.hostless.app"}),
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
    ];
    for (i, (kind, name, project, extra)) in rows.into_iter().enumerate() {
        let id = match kind {
            Kind::VirtualMachine => format!("vm-{}", name.trim_end_matches("-vm")),
            _ => format!("6650c{:019x}", i + 1),
        };
        let mut fields = obj(extra);
        fields.insert("name".into(), Value::String(name.to_owned()));
        data.insert(kind, id, project, fields, t);
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
        data.insert(Kind::Invoice, id.to_owned(), project, fields, t);
    }
    data.counter = 100;
}

/// Scope sets of the seeded keys: label and scopes.
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
            out.push(char::from(ALPHABET[idx as usize]));
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
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
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
        let a = Store::seeded(Some(7));
        let b = Store::seeded(Some(7));
        let c = Store::seeded(Some(8));
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
