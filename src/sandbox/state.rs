//! The sandbox's in-memory store: records per kind, sub-resource collections per parent,
//! keys, the random generator and the clock.
//!
//! One `Mutex` guards everything (requests are tiny; contention is irrelevant). The lock
//! is taken poisoning-safe, so a panicking test thread never wedges the others. With a
//! seed, the generator and the clock are fixed, so ids, secrets and timings repeat.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use rand::Rng;
use rand::distr::Alphanumeric;
use rand::rngs::StdRng;
use serde_json::{Map, Value};

use super::clock::{self, Clock};

pub use super::model::{Coll, KeyRecord, Kind, Role, record_key};

/// Everything mutable, behind the store's lock.
pub struct Data {
    /// The demo user's role per project id.
    pub memberships: BTreeMap<String, Role>,
    /// Records per kind, keyed by name or id (see [`Kind::keyed_by_name`]).
    pub items: BTreeMap<Kind, BTreeMap<String, Value>>,
    /// Sub-resources per parent record id and collection.
    pub children: BTreeMap<(String, Coll), Vec<Value>>,
    pub keys: Vec<KeyRecord>,
    rng: StdRng,
    counter: u64,
}

impl Data {
    /// Empty data drawing ids and secrets from `rng`.
    pub fn new(rng: StdRng) -> Self {
        Self {
            memberships: BTreeMap::new(),
            items: BTreeMap::new(),
            children: BTreeMap::new(),
            keys: Vec::new(),
            rng,
            counter: 0,
        }
    }

    /// A fresh 24-hex-digit id, unique within this sandbox.
    pub fn next_id(&mut self) -> String {
        self.counter += 1;
        let salt: u32 = self.rng.random();
        format!("66{salt:08x}{:014x}", self.counter)
    }

    /// A fresh short id for a sub-resource: `<prefix>_<10 hex digits>`.
    pub fn short_id(&mut self, prefix: &str) -> String {
        self.counter += 1;
        let salt: u32 = self.rng.random();
        format!(
            "{prefix}_{:06x}{:04x}",
            salt & 0x00ff_ffff,
            self.counter & 0xffff
        )
    }

    /// `len` random hex digits (commit shas and the like).
    pub fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from_digit(self.rng.random_range(0..16u32), 16).unwrap_or('0'))
            .collect()
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

    /// The sub-resources of `coll` under the record with id `parent`.
    pub fn child(&self, parent: &str, coll: Coll) -> &[Value] {
        self.children
            .get(&(parent.to_owned(), coll))
            .map_or(&[], Vec::as_slice)
    }

    /// The sub-resources of `coll` under `parent`, for changing them.
    pub fn child_mut(&mut self, parent: &str, coll: Coll) -> &mut Vec<Value> {
        self.children.entry((parent.to_owned(), coll)).or_default()
    }

    /// Removes every sub-resource of the record with id `parent` (and, for runs, of its jobs).
    pub fn drop_children(&mut self, parent: &str) {
        let jobs: Vec<String> = self
            .child(parent, Coll::AppCronJobs)
            .iter()
            .map(|j| super::model::text(j, "id").to_owned())
            .collect();
        self.children
            .retain(|(p, _), _| p != parent && !jobs.contains(p));
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

/// The sandbox's shared state.
pub struct Store {
    data: Mutex<Data>,
    /// The sandbox's time; fake when seeded.
    pub clock: Clock,
    /// The demo user's dashboard-session JWT.
    pub session_token: String,
}

impl Store {
    /// The data, even if a previous holder of the lock panicked.
    pub fn lock(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Unix seconds by the sandbox's clock.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// A store over `data`, on `clock`, recognising `session_token` as the demo session.
    pub fn new(data: Data, clock: Clock, session_token: String) -> Self {
        Self {
            data: Mutex::new(data),
            clock,
            session_token,
        }
    }
}
