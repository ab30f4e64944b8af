//! Real in-memory CRUD for the core resources (projects, apps, sites, workers, cron jobs,
//! databases) and the store-backed reads of VMs and invoices.
//!
//! Rules: lists span every project the user belongs to, narrowed by `?projectId=`;
//! creating needs `name` (unique per kind) and, for API keys, `projectId` in the body;
//! PATCH merges the body into the record (identity fields are kept); records in projects
//! the user cannot see answer `404`.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::auth::check_project;
use super::clock;
use super::dispatch::Call;
use super::errors::{ApiError, ApiResult};
use super::state::{Data, Kind, Role, Store, project_of, record_key};

/// Fields a PATCH or create body may not set.
const IDENTITY: [&str; 4] = ["id", "projectId", "createdAt", "updatedAt"];

fn not_found(kind: Kind) -> ApiError {
    ApiError::not_found(format!("{} not found or not accessible", kind.label()))
}

/// The body as an object, or `400`.
fn body_object(call: &Call<'_>) -> Result<Map<String, Value>, ApiError> {
    match &call.body {
        Value::Object(m) => Ok(m.clone()),
        Value::Null => Ok(Map::new()),
        _ => Err(ApiError::bad_request("Request body must be a JSON object")),
    }
}

/// The record `key` of `kind`, if it exists in a project the user belongs to.
pub fn visible<'d>(data: &'d Data, kind: Kind, key: &str) -> Option<&'d Value> {
    let record = data.get(kind, key)?;
    let project = project_of(kind, record)?;
    data.role(project).is_some().then_some(record)
}

/// Looks the record up and checks the user's role for the call's method.
pub fn authorize<'d>(
    data: &'d Data,
    call: &Call<'_>,
    kind: Kind,
    key: &str,
) -> Result<&'d Value, ApiError> {
    let record = visible(data, kind, key).ok_or_else(|| not_found(kind))?;
    let project = project_of(kind, record).unwrap_or_default();
    check_project(data, project, call.method)?;
    Ok(record)
}

fn with_role(data: &Data, kind: Kind, record: &Value) -> Value {
    let mut record = record.clone();
    let role = project_of(kind, &record).and_then(|p| data.role(p));
    if let (Kind::Project, Some(role), Value::Object(m)) = (kind, role, &mut record) {
        m.insert("role".into(), Value::String(role.as_str().to_owned()));
    }
    record
}

/// `GET /<kind>` (and the per-project list routes, with the project taken from the path).
pub fn list(store: &Store, call: &Call<'_>, kind: Kind, project: Option<&str>) -> ApiResult {
    let data = store.lock();
    let filter = project.or_else(|| call.query_param("projectId"));
    if let Some(p) = filter {
        check_project(&data, p, call.method)?;
    }
    let items: Vec<Value> = data
        .kind(kind)
        .filter(|r| {
            project_of(kind, r)
                .is_some_and(|p| data.role(p).is_some() && filter.is_none_or(|f| f == p))
        })
        .map(|r| with_role(&data, kind, r))
        .collect();
    Ok((StatusCode::OK, Value::Array(items)))
}

/// `GET /<kind>/{key}` (and `GET /databases/{databaseName}/details`).
pub fn get(store: &Store, call: &Call<'_>, kind: Kind) -> ApiResult {
    let data = store.lock();
    let record = authorize(&data, call, kind, call.first_param())?;
    Ok((StatusCode::OK, with_role(&data, kind, record)))
}

/// `POST /<kind>`.
pub fn create(store: &Store, call: &Call<'_>, kind: Kind) -> ApiResult {
    let mut body = body_object(call)?;
    let name = match body.get("name") {
        Some(Value::String(n)) if !n.trim().is_empty() => n.trim().to_owned(),
        _ => {
            return Err(ApiError::bad_request(
                "name is required and must be a non-empty string",
            ));
        }
    };
    let mut data = store.lock();
    let project = if kind == Kind::Project {
        None
    } else {
        let project = match body.get("projectId") {
            Some(Value::String(p)) if !p.is_empty() => p.clone(),
            Some(_) => return Err(ApiError::bad_request("projectId must be a string")),
            None if call.principal.is_api_key() => {
                return Err(ApiError::bad_request(
                    "projectId is required in the body when creating resources with an API key",
                ));
            }
            // A session without a project falls back to the user's first owned project.
            None => data
                .memberships
                .iter()
                .find(|(_, r)| **r == Role::Owner)
                .map(|(p, _)| p.clone())
                .ok_or_else(|| ApiError::bad_request("projectId is required"))?,
        };
        check_project(&data, &project, call.method)?;
        Some(project)
    };
    if data
        .kind(kind)
        .any(|r| r.get("name").and_then(Value::as_str) == Some(name.as_str()))
    {
        return Err(ApiError::conflict(format!(
            "{} named '{name}' already exists",
            kind.label()
        )));
    }
    for field in IDENTITY {
        body.remove(field);
    }
    body.insert("name".into(), Value::String(name));
    let id = data.next_id();
    let project = project.unwrap_or_else(|| id.clone());
    let record = data.insert(kind, id, &project, body, clock::now());
    if kind == Kind::Project {
        data.memberships.insert(project, Role::Owner);
    }
    let record = with_role(&data, kind, &record);
    Ok((StatusCode::CREATED, record))
}

/// `PATCH /<kind>/{key}`: merges the body's fields into the record.
pub fn patch(store: &Store, call: &Call<'_>, kind: Kind) -> ApiResult {
    let mut changes = body_object(call)?;
    for field in IDENTITY {
        changes.remove(field);
    }
    let key = call.first_param();
    let mut data = store.lock();
    let mut record = authorize(&data, call, kind, key)?.clone();
    if let Some(name) = changes.get("name") {
        let name = name
            .as_str()
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| ApiError::bad_request("name must be a non-empty string"))?;
        let taken = data.kind(kind).any(|r| {
            r.get("name").and_then(Value::as_str) == Some(name) && r.get("id") != record.get("id")
        });
        if taken {
            return Err(ApiError::conflict(format!(
                "{} named '{name}' already exists",
                kind.label()
            )));
        }
    }
    if let Value::Object(m) = &mut record {
        m.extend(changes);
        m.insert("updatedAt".into(), Value::String(clock::iso(clock::now())));
    }
    let items = data.items.entry(kind).or_default();
    items.remove(key);
    let new_key = record_key(kind, &record).unwrap_or_else(|| key.to_owned());
    items.insert(new_key, record.clone());
    Ok((StatusCode::OK, with_role(&data, kind, &record)))
}

/// `DELETE /<kind>/{key}`. Deleting a project removes its resources too.
pub fn delete(store: &Store, call: &Call<'_>, kind: Kind) -> ApiResult {
    let key = call.first_param();
    let mut data = store.lock();
    let record = authorize(&data, call, kind, key)?.clone();
    if let Some(items) = data.items.get_mut(&kind) {
        items.remove(key);
    }
    if kind == Kind::Project {
        for items in data.items.values_mut() {
            items.retain(|_, r| r.get("projectId").and_then(Value::as_str) != Some(key));
        }
        data.memberships.remove(key);
    }
    Ok((
        StatusCode::OK,
        json!({"success": true, "id": record.get("id"), "name": record.get("name")}),
    ))
}

/// Sets a record's `status` (pause, resume, start, stop, pay …) and returns the record.
pub fn set_status(data: &mut Data, kind: Kind, key: &str, status: &str) -> Option<Value> {
    let record = data.items.get_mut(&kind)?.get_mut(key)?;
    if let Value::Object(m) = record {
        m.insert("status".into(), Value::String(status.to_owned()));
        m.insert("updatedAt".into(), Value::String(clock::iso(clock::now())));
    }
    Some(record.clone())
}

/// Key management (`/users/me/api-keys`), session only.
pub mod keys {
    use super::*;
    use crate::api_routes::SCOPES;

    pub fn list(store: &Store) -> ApiResult {
        let data = store.lock();
        let keys = data.keys.iter().map(|k| k.metadata()).collect();
        Ok((StatusCode::OK, Value::Array(keys)))
    }

    pub fn create(store: &Store, call: &Call<'_>) -> ApiResult {
        let body = body_object(call)?;
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
        let now = clock::now();
        let expires_at = match body.get("expiresAt") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => match clock::parse_iso(s) {
                Some(t) if t > now => Some(t),
                Some(_) => return Err(ApiError::bad_request("expiresAt must be in the future")),
                None => return Err(ApiError::bad_request("expiresAt must be an ISO 8601 date")),
            },
            Some(_) => return Err(ApiError::bad_request("expiresAt must be an ISO 8601 date")),
        };
        let mut data = store.lock();
        let key = data.mint_key(name, scopes, expires_at, now);
        Ok((
            StatusCode::CREATED,
            json!({"token": key.token(), "apiKey": key.metadata()}),
        ))
    }

    pub fn revoke(store: &Store, call: &Call<'_>) -> ApiResult {
        let mut data = store.lock();
        let key = data
            .keys
            .iter_mut()
            .find(|k| k.id == call.first_param())
            .ok_or_else(|| ApiError::not_found("API key not found"))?;
        key.revoked = true;
        Ok((StatusCode::OK, json!({"success": true})))
    }
}
