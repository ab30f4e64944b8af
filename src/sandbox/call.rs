//! One authenticated, routed API call ([`Call`]), and what a handler works with while it
//! holds the store's lock ([`Ctx`]): the call, the data, the time, and the lookups every
//! handler needs (the parent record of the path, the checked body).

use axum::http::Method;
use serde_json::{Map, Value};

use crate::api_routes::Route;
use crate::route_template::{Params, Segment};

use super::auth::{Principal, check_project};
use super::errors::{ApiError, ApiResult};
use super::fields::Fields;
use super::model::{Kind, Role, project_of, text};
use super::state::Data;

/// One authenticated, routed API call, as handlers see it.
pub struct Call<'a> {
    pub method: &'a Method,
    pub route: &'static Route,
    pub params: Params,
    pub query: Vec<(String, String)>,
    /// The JSON body; `Null` when none was sent.
    pub body: Value,
    pub principal: Principal,
}

impl Call<'_> {
    /// The first path parameter: the addressed resource for every core route.
    pub fn first_param(&self) -> &str {
        self.params
            .first()
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// The kind of record a route's first segment addresses.
const SEGMENT_KINDS: &[(&str, Kind)] = &[
    ("projects", Kind::Project),
    ("apps", Kind::App),
    ("sites", Kind::Site),
    ("workers", Kind::Worker),
    ("cron-jobs", Kind::CronJob),
    ("databases", Kind::Database),
    ("virtual-machines", Kind::VirtualMachine),
    ("invoices", Kind::Invoice),
    ("traces", Kind::App),
    ("billing", Kind::Invoice),
];

/// The kind the route's first segment names, if any.
pub fn segment_kind(route: &Route) -> Option<Kind> {
    let Some(Segment::Literal(first)) = route.template.segments().next() else {
        return None;
    };
    SEGMENT_KINDS
        .iter()
        .find(|(s, _)| *s == first)
        .map(|(_, k)| *k)
}

/// The record a route hangs from.
#[derive(Debug, Clone)]
pub struct Parent {
    pub kind: Kind,
    /// The record's id (sub-resources are stored under it, so renames keep them).
    pub id: String,
    pub name: String,
    pub project: String,
    pub role: Role,
    pub record: Value,
}

/// A handler's view of one call: the call, the locked data and the time.
pub struct Ctx<'a> {
    pub call: &'a Call<'a>,
    pub data: &'a mut Data,
    pub now: i64,
}

impl Ctx<'_> {
    pub fn method(&self) -> &Method {
        self.call.method
    }

    /// A path parameter, or `""`.
    pub fn param(&self, name: &str) -> &str {
        self.call.param(name).unwrap_or_default()
    }

    /// The record `key` of `kind`, if it exists in a project the user belongs to, with
    /// the user's role checked for this call's method (`404` / `403` otherwise).
    pub fn record(&self, kind: Kind, key: &str) -> Result<Parent, ApiError> {
        let record = self
            .data
            .get(kind, key)
            .filter(|r| project_of(kind, r).is_some_and(|p| self.data.role(p).is_some()))
            .ok_or_else(|| not_found(kind.label()))?;
        let project = project_of(kind, record).unwrap_or_default().to_owned();
        let role = check_project(self.data, &project, self.call.method)?;
        Ok(Parent {
            kind,
            id: text(record, "id").to_owned(),
            name: text(record, "name").to_owned(),
            project,
            role,
            record: record.clone(),
        })
    }

    /// The record the route hangs from: the first path segment's kind, the first parameter.
    pub fn parent(&self) -> Result<Parent, ApiError> {
        let kind = segment_kind(self.call.route)
            .ok_or_else(|| ApiError::not_found("Resource not found"))?;
        self.record(kind, self.call.first_param())
    }

    /// The body as an object whose fields are all in `fields` (`400` naming the others).
    pub fn body(&self, fields: &Fields) -> Result<Map<String, Value>, ApiError> {
        let body = match &self.call.body {
            Value::Object(m) => m.clone(),
            Value::Null => Map::new(),
            _ => return Err(ApiError::bad_request("Request body must be a JSON object")),
        };
        fields.check(&body)?;
        Ok(body)
    }
}

/// `404` in the API's words for a missing or invisible thing.
pub fn not_found(label: &str) -> ApiError {
    ApiError::not_found(format!("{label} not found or not accessible"))
}

/// A required non-empty string field of a body, or `400`.
pub fn required_str(body: &Map<String, Value>, field: &str) -> Result<String, ApiError> {
    match body.get(field) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
        _ => Err(ApiError::bad_request(format!(
            "{field} is required and must be a non-empty string"
        ))),
    }
}

/// An optional integer field within `range`, or `400`.
pub fn int_in(
    body: &Map<String, Value>,
    field: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<Option<i64>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .filter(|n| range.contains(n))
            .map(Some)
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "{field} must be an integer from {} to {}",
                    range.start(),
                    range.end()
                ))
            }),
    }
}

/// What handlers return.
pub type Handler = fn(&mut Ctx<'_>) -> ApiResult;
