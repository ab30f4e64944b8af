//! In-memory CRUD for the records: projects, apps, sites, workers, cron jobs, databases,
//! virtual machines and invoices, plus key management.
//!
//! Rules: lists span every project the user belongs to, narrowed by `?projectId=`;
//! creating needs `name` (unique per kind) and, for API keys, `projectId` in the body;
//! bodies are checked against [`super::fields`]; PATCH merges the body into the record;
//! records in projects the user cannot see answer `404`; only the owner may change or
//! delete a project. `environmentVariables` (an object; `null` removes a variable) and a
//! database's `linkedApps` are kept as sub-resources, not on the record.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::auth::check_project;
use super::call::{Ctx, not_found, required_str};
use super::clock;
use super::errors::{ApiError, ApiResult};
use super::fields::{self, Fields};
use super::model::{Coll, Kind, Role, project_of, record_key, text};
use super::state::Data;

/// Per kind: the create and patch bodies it accepts.
const BODIES: &[(Kind, &Fields, &Fields)] = &[
    (
        Kind::Project,
        &fields::PROJECT_CREATE,
        &fields::PROJECT_PATCH,
    ),
    (Kind::App, &fields::APP_CREATE, &fields::APP_PATCH),
    (Kind::Site, &fields::SITE_CREATE, &fields::SITE_PATCH),
    (Kind::Worker, &fields::WORKER_CREATE, &fields::WORKER_PATCH),
    (
        Kind::CronJob,
        &fields::CRON_JOB_CREATE,
        &fields::CRON_JOB_PATCH,
    ),
    (
        Kind::Database,
        &fields::DATABASE_CREATE,
        &fields::DATABASE_PATCH,
    ),
    (
        Kind::VirtualMachine,
        &fields::VM_CREATE,
        &fields::VM_RESOURCES,
    ),
];

fn bodies(kind: Kind) -> (&'static Fields, &'static Fields) {
    BODIES
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map_or((&fields::EMPTY, &fields::EMPTY), |(_, c, p)| (*c, *p))
}

/// Virtual machine sizes: name, CPUs, memory, monthly price in USD.
pub const VM_SIZES: &[(&str, u64, u64, u64)] = &[
    ("small", 1, 1024, 6),
    ("medium", 2, 4096, 24),
    ("large", 4, 8192, 48),
];

/// Sets `cpus` and `memoryMb` from a `size` field, or `400` for an unknown size.
pub fn apply_vm_size(body: &mut Map<String, Value>) -> Result<(), ApiError> {
    let Some(size) = body.get("size") else {
        return Ok(());
    };
    let (_, cpus, mem, _) = VM_SIZES
        .iter()
        .find(|(s, ..)| Some(*s) == size.as_str())
        .ok_or_else(|| {
            let names: Vec<&str> = VM_SIZES.iter().map(|(s, ..)| *s).collect();
            ApiError::bad_request(format!("size must be one of: {}", names.join(", ")))
        })?;
    body.insert("cpus".into(), json!(cpus));
    body.insert("memoryMb".into(), json!(mem));
    Ok(())
}

/// The record as the API shows it (projects carry the user's role).
fn shown(data: &Data, kind: Kind, record: &Value) -> Value {
    let mut record = record.clone();
    let role = project_of(kind, &record).and_then(|p| data.role(p));
    if let (Kind::Project, Some(role), Value::Object(m)) = (kind, role, &mut record) {
        m.insert("role".into(), Value::String(role.as_str().to_owned()));
    }
    record
}

/// Moves `environmentVariables` and `linkedApps` out of a body into the sub-resources of
/// the record with id `id`.
fn apply_children(
    data: &mut Data,
    id: &str,
    project: &str,
    body: &mut Map<String, Value>,
) -> Result<(), ApiError> {
    if let Some(vars) = body.remove("environmentVariables") {
        let Value::Object(vars) = vars else {
            return Err(ApiError::bad_request(
                "environmentVariables must be an object of names to string values (null removes one)",
            ));
        };
        for (key, value) in &vars {
            if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(ApiError::bad_request(format!(
                    "environment variable name '{key}' must be letters, digits and underscores"
                )));
            }
            if !(value.is_string() || value.is_null() || value.is_number() || value.is_boolean()) {
                return Err(ApiError::bad_request(format!(
                    "environment variable '{key}' must be a string (or null to remove it)"
                )));
            }
        }
        let list = data.child_mut(id, Coll::EnvVars);
        for (key, value) in vars {
            list.retain(|v| text(v, "key") != key);
            let value = match value {
                Value::Null => continue,
                Value::String(s) => s,
                other => other.to_string(),
            };
            list.push(json!({"key": key, "value": value}));
        }
        list.sort_by(|a, b| text(a, "key").cmp(text(b, "key")));
    }
    if let Some(apps) = body.remove("linkedApps") {
        let names: Vec<String> = apps
            .as_array()
            .and_then(|a| a.iter().map(|n| n.as_str().map(str::to_owned)).collect())
            .ok_or_else(|| ApiError::bad_request("linkedApps must be an array of app names"))?;
        for name in &names {
            let in_project = data
                .get(Kind::App, name)
                .is_some_and(|a| text(a, "projectId") == project);
            if !in_project {
                return Err(ApiError::bad_request(format!(
                    "linkedApps: no app named '{name}' in this database's project"
                )));
            }
        }
        *data.child_mut(id, Coll::LinkedApps) = names
            .into_iter()
            .map(|name| json!({"name": name, "envVar": "DATABASE_URL"}))
            .collect();
    }
    Ok(())
}

/// `language` is an alias of `runtime`: both end up set to the same value.
fn language_alias(body: &mut Map<String, Value>) {
    if let Some(lang) = body
        .get("language")
        .or_else(|| body.get("runtime"))
        .cloned()
    {
        body.insert("runtime".into(), lang.clone());
        body.insert("language".into(), lang);
    }
}

/// `GET /<kind>` (and the per-project list routes, with the project taken from the path).
pub fn list(ctx: &mut Ctx<'_>, kind: Kind, project: Option<&str>) -> ApiResult {
    let data = &*ctx.data;
    let filter = project.or_else(|| ctx.call.query_param("projectId"));
    if let Some(p) = filter {
        check_project(data, p, ctx.method())?;
    }
    let items: Vec<Value> = data
        .kind(kind)
        .filter(|r| {
            project_of(kind, r)
                .is_some_and(|p| data.role(p).is_some() && filter.is_none_or(|f| f == p))
        })
        .map(|r| shown(data, kind, r))
        .collect();
    Ok((StatusCode::OK, Value::Array(items)))
}

/// `GET /<kind>/{key}` (and `GET /databases/{databaseName}/details`).
pub fn get(ctx: &mut Ctx<'_>, kind: Kind) -> ApiResult {
    let parent = ctx.record(kind, ctx.call.first_param())?;
    Ok((StatusCode::OK, shown(ctx.data, kind, &parent.record)))
}

/// The project a create call puts the new record in.
fn target_project(ctx: &Ctx<'_>, body: &Map<String, Value>) -> Result<String, ApiError> {
    let project = match body.get("projectId") {
        Some(Value::String(p)) if !p.is_empty() => p.clone(),
        Some(_) => return Err(ApiError::bad_request("projectId must be a string")),
        None if ctx.call.principal.is_api_key() => {
            return Err(ApiError::bad_request(
                "projectId is required in the body when creating resources with an API key",
            ));
        }
        // A session without a project falls back to the user's first owned project.
        None => ctx
            .data
            .memberships
            .iter()
            .find(|(_, r)| **r == Role::Owner)
            .map(|(p, _)| p.clone())
            .ok_or_else(|| ApiError::bad_request("projectId is required"))?,
    };
    check_project(ctx.data, &project, ctx.method())?;
    Ok(project)
}

/// `POST /<kind>` (and the site variants `from-upload` / `from-visual-builder`).
pub fn create(ctx: &mut Ctx<'_>, kind: Kind, extra: &[(&str, Value)]) -> ApiResult {
    let (create_fields, _) = bodies(kind);
    let mut body = ctx.body(create_fields)?;
    let name = required_str(&body, "name")?;
    let project = match kind {
        Kind::Project => None,
        _ => Some(target_project(ctx, &body)?),
    };
    if ctx.data.kind(kind).any(|r| text(r, "name") == name) {
        return Err(ApiError::conflict(format!(
            "{} named '{name}' already exists",
            kind.label()
        )));
    }
    language_alias(&mut body);
    if kind == Kind::VirtualMachine {
        apply_vm_size(&mut body)?;
    }
    body.remove("projectId");
    body.insert("name".into(), Value::String(name.clone()));
    for (k, v) in extra {
        body.insert((*k).to_owned(), v.clone());
    }
    let id = match kind {
        Kind::VirtualMachine => ctx.data.short_id("vm"),
        _ => ctx.data.next_id(),
    };
    let project = project.unwrap_or_else(|| id.clone());
    apply_children(ctx.data, &id, &project, &mut body)?;
    if matches!(kind, Kind::App | Kind::Site) && !body.contains_key("url") {
        let domain = if kind == Kind::App { "app" } else { "site" };
        body.insert(
            "url".into(),
            json!(format!("https://{name}.hostless.{domain}")),
        );
    }
    let record = ctx.data.insert(kind, id, &project, body, ctx.now);
    if kind == Kind::Project {
        ctx.data.memberships.insert(project, Role::Owner);
    }
    Ok((StatusCode::CREATED, shown(ctx.data, kind, &record)))
}

/// Replaces a record (looked up by its old key) with `record`, re-keyed if renamed.
pub fn store_record(data: &mut Data, kind: Kind, old_key: &str, record: Value) {
    let items = data.items.entry(kind).or_default();
    items.remove(old_key);
    let new_key = record_key(kind, &record).unwrap_or_else(|| old_key.to_owned());
    items.insert(new_key, record);
}

/// Merges `changes` into a record, stamps `updatedAt`, stores it and returns it as shown.
pub fn merge(ctx: &mut Ctx<'_>, kind: Kind, key: &str, changes: Map<String, Value>) -> Value {
    let Some(mut record) = ctx.data.get(kind, key).cloned() else {
        return Value::Null;
    };
    if let Value::Object(m) = &mut record {
        m.extend(changes);
        m.insert("updatedAt".into(), Value::String(clock::iso(ctx.now)));
    }
    store_record(ctx.data, kind, key, record.clone());
    shown(ctx.data, kind, &record)
}

/// `PATCH /<kind>/{key}`: merges the body's fields into the record.
pub fn patch(ctx: &mut Ctx<'_>, kind: Kind) -> ApiResult {
    let key = ctx.call.first_param().to_owned();
    let parent = ctx.record(kind, &key)?;
    if kind == Kind::Project && parent.role != Role::Owner {
        return Err(ApiError::forbidden(
            "Only the project owner can change or delete the project",
        ));
    }
    let (_, patch_fields) = bodies(kind);
    let mut changes = ctx.body(patch_fields)?;
    if let Some(name) = changes.get("name") {
        let name = name
            .as_str()
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| ApiError::bad_request("name must be a non-empty string"))?;
        let taken = ctx
            .data
            .kind(kind)
            .any(|r| text(r, "name") == name && text(r, "id") != parent.id);
        if taken {
            return Err(ApiError::conflict(format!(
                "{} named '{name}' already exists",
                kind.label()
            )));
        }
    }
    language_alias(&mut changes);
    apply_children(ctx.data, &parent.id, &parent.project, &mut changes)?;
    Ok((StatusCode::OK, merge(ctx, kind, &key, changes)))
}

/// Removes a record and everything under it.
pub fn remove(data: &mut Data, kind: Kind, key: &str, id: &str) {
    if let Some(items) = data.items.get_mut(&kind) {
        items.remove(key);
    }
    data.drop_children(id);
}

/// `DELETE /<kind>/{key}`. Deleting a project removes its resources too.
pub fn delete(ctx: &mut Ctx<'_>, kind: Kind) -> ApiResult {
    let key = ctx.call.first_param().to_owned();
    let parent = ctx.record(kind, &key)?;
    if kind == Kind::Project && parent.role != Role::Owner {
        return Err(ApiError::forbidden(
            "Only the project owner can change or delete the project",
        ));
    }
    remove(ctx.data, kind, &key, &parent.id);
    if kind == Kind::Project {
        let doomed: Vec<(Kind, String, String)> = ctx
            .data
            .items
            .iter()
            .flat_map(|(k, items)| {
                items
                    .iter()
                    .filter(|(_, r)| text(r, "projectId") == key)
                    .map(|(name, r)| (*k, name.clone(), text(r, "id").to_owned()))
            })
            .collect();
        for (k, name, id) in doomed {
            remove(ctx.data, k, &name, &id);
        }
        ctx.data.memberships.remove(&key);
    }
    Ok((
        StatusCode::OK,
        json!({"success": true, "id": parent.id, "name": parent.record.get("name")}),
    ))
}

/// Sets a record's `status` (pause, resume, start, stop, pay …) and returns the record.
pub fn set_status(ctx: &mut Ctx<'_>, kind: Kind, status: &str) -> ApiResult {
    ctx.body(&fields::EMPTY)?;
    let key = ctx.call.first_param().to_owned();
    ctx.record(kind, &key)?;
    let changes = Map::from_iter([("status".to_owned(), json!(status))]);
    Ok((StatusCode::OK, merge(ctx, kind, &key, changes)))
}

/// Key management (`/users/me/api-keys`), session only.
pub mod keys {
    use super::*;
    use crate::api_routes::SCOPES;

    pub fn list(ctx: &mut Ctx<'_>) -> ApiResult {
        let keys = ctx.data.keys.iter().map(|k| k.metadata()).collect();
        Ok((StatusCode::OK, Value::Array(keys)))
    }

    pub fn create(ctx: &mut Ctx<'_>) -> ApiResult {
        let body = ctx.body(&fields::API_KEY)?;
        let name = body
            .get("name")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|n| (1..=128).contains(&n.chars().count()))
            .ok_or_else(|| ApiError::bad_request("name is required (1 to 128 characters)"))?;
        let scopes: Vec<String> = match body.get("scopes") {
            Some(Value::Array(a)) if !a.is_empty() => a
                .iter()
                .map(|s| s.as_str().map(str::to_owned))
                .collect::<Option<_>>()
                .ok_or_else(|| ApiError::bad_request("scopes must be strings"))?,
            _ => return Err(ApiError::bad_request("scopes must be a non-empty array")),
        };
        let unknown: Vec<&str> = scopes
            .iter()
            .map(String::as_str)
            .filter(|s| !SCOPES.contains(s))
            .collect();
        if !unknown.is_empty() {
            return Err(ApiError::bad_request(format!(
                "Unknown scope(s): {}",
                unknown.join(", ")
            )));
        }
        let now = ctx.now;
        let expires_at = match body.get("expiresAt") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => match clock::parse_iso(s) {
                Some(t) if t > now => Some(t),
                Some(_) => return Err(ApiError::bad_request("expiresAt must be in the future")),
                None => return Err(ApiError::bad_request("expiresAt must be an ISO 8601 date")),
            },
            Some(_) => return Err(ApiError::bad_request("expiresAt must be an ISO 8601 date")),
        };
        let key = ctx.data.mint_key(name, scopes, expires_at, now);
        Ok((
            StatusCode::CREATED,
            json!({"token": key.token(), "apiKey": key.metadata()}),
        ))
    }

    pub fn revoke(ctx: &mut Ctx<'_>) -> ApiResult {
        let id = ctx.call.first_param().to_owned();
        let key = ctx
            .data
            .keys
            .iter_mut()
            .find(|k| k.id == id)
            .ok_or_else(|| not_found("API key"))?;
        key.revoked = true;
        Ok((StatusCode::OK, json!({"success": true})))
    }
}
