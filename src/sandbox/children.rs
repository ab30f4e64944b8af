//! Sub-resources kept per parent record: environment variables, custom domains,
//! collaborators, worker processes, an app's cron jobs, review apps and sites, commits,
//! visual-builder projects and assets, linked apps, Slack integrations, Git connections,
//! VM firewalls, and the operations that change a record in place (scale, restart,
//! upgrade, tier, power).
//!
//! Each handler resolves the parent first (`404` / `403`), then checks the body against
//! [`super::fields`] (`400`), then reads or changes the parent's collection.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::call::{Ctx, Parent, int_in, not_found, required_str};
use super::clock;
use super::crud;
use super::errors::{ApiError, ApiResult};
use super::fields::{self, Fields};
use super::model::{Coll, Kind, text};

fn ok(value: Value) -> ApiResult {
    Ok((StatusCode::OK, value))
}

fn list_of(ctx: &Ctx<'_>, parent: &Parent, coll: Coll) -> Value {
    Value::Array(ctx.data.child(&parent.id, coll).to_vec())
}

/// `GET` of a plain per-parent collection.
pub fn list(ctx: &mut Ctx<'_>, coll: Coll) -> ApiResult {
    let parent = ctx.parent()?;
    ok(list_of(ctx, &parent, coll))
}

/// A runtime event (restart, scale …) for the parent's runtime logs.
pub fn event(ctx: &mut Ctx<'_>, parent: &Parent, message: String) {
    let at = clock::iso(ctx.now);
    ctx.data
        .child_mut(&parent.id, Coll::Events)
        .push(json!({"timestamp": at, "level": "info", "message": message}));
}

// ---- environment variables and domains ----

/// Checks that a custom domain looks like a host name.
fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

pub fn domain_add(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::DOMAIN_ADD)?;
    let domain = required_str(&body, "domain")?.to_ascii_lowercase();
    if !valid_domain(&domain) {
        return Err(ApiError::bad_request(format!(
            "'{domain}' is not a valid domain name"
        )));
    }
    let taken = ctx
        .data
        .children
        .iter()
        .filter(|((_, c), _)| *c == Coll::Domains)
        .any(|(_, list)| list.iter().any(|d| text(d, "domain") == domain));
    if taken {
        return Err(ApiError::conflict(format!(
            "Domain '{domain}' is already attached to a resource"
        )));
    }
    let item = json!({
        "domain": domain, "status": "pending_verification", "tls": "pending",
        "dnsTarget": format!("{}.hostless.dns", parent.name), "createdAt": clock::iso(ctx.now),
    });
    ctx.data
        .child_mut(&parent.id, Coll::Domains)
        .push(item.clone());
    Ok((StatusCode::CREATED, item))
}

/// `DELETE …/custom-domains`: removes the named `domain`, or all of them without a body.
pub fn domain_remove(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::DOMAIN_REMOVE)?;
    let list = ctx.data.child_mut(&parent.id, Coll::Domains);
    let removed: Vec<Value> = match body.get("domain").and_then(Value::as_str) {
        Some(d) => {
            let d = d.to_ascii_lowercase();
            let before = list.len();
            list.retain(|x| text(x, "domain") != d);
            if list.len() == before {
                return Err(not_found("Domain"));
            }
            vec![json!(d)]
        }
        None => list.drain(..).map(|d| json!(text(&d, "domain"))).collect(),
    };
    ok(json!({"success": true, "removed": removed}))
}

// ---- collaborators ----

const COLLABORATOR_ROLES: &[&str] = &["editor", "viewer"];

pub fn collaborator_set(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::COLLABORATOR)?;
    let email = required_str(&body, "email")?.to_ascii_lowercase();
    if !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
        return Err(ApiError::bad_request(format!(
            "'{email}' is not an e-mail address"
        )));
    }
    let role = body.get("role").and_then(Value::as_str).unwrap_or("viewer");
    if !COLLABORATOR_ROLES.contains(&role) {
        return Err(ApiError::bad_request(format!(
            "role must be one of: {}",
            COLLABORATOR_ROLES.join(", ")
        )));
    }
    let item = json!({"email": email, "role": role, "addedAt": clock::iso(ctx.now)});
    let list = ctx.data.child_mut(&parent.id, Coll::Collaborators);
    list.retain(|c| text(c, "email") != email);
    list.push(item);
    list.sort_by(|a, b| text(a, "email").cmp(text(b, "email")));
    ok(Value::Array(list.clone()))
}

pub fn collaborator_remove(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let email = ctx.param("email").to_ascii_lowercase();
    let list = ctx.data.child_mut(&parent.id, Coll::Collaborators);
    let before = list.len();
    list.retain(|c| text(c, "email") != email);
    if list.len() == before {
        return Err(not_found("Collaborator"));
    }
    ok(json!({"success": true, "email": email}))
}

// ---- items with ids: worker processes and an app's cron jobs ----

/// A per-parent collection of items addressed by id.
pub struct Items {
    pub coll: Coll,
    pub label: &'static str,
    /// The path parameter that names one item.
    pub param: &'static str,
    pub prefix: &'static str,
    pub create: &'static Fields,
    pub patch: &'static Fields,
    pub required: &'static [&'static str],
    pub defaults: fn() -> Value,
}

pub const WORKER_PROCESSES: Items = Items {
    coll: Coll::WorkerProcesses,
    label: "Worker process",
    param: "workerId",
    prefix: "wp",
    create: &fields::WORKER_PROCESS_CREATE,
    patch: &fields::WORKER_PROCESS_PATCH,
    required: &["command"],
    defaults: || json!({"instances": 1, "status": "running"}),
};

pub const APP_CRON_JOBS: Items = Items {
    coll: Coll::AppCronJobs,
    label: "Cron job",
    param: "jobId",
    prefix: "job",
    create: &fields::APP_CRON_JOB_CREATE,
    patch: &fields::APP_CRON_JOB_PATCH,
    required: &["schedule", "command"],
    defaults: || json!({"timezone": "UTC", "status": "active"}),
};

/// Validates the typed fields items share.
fn check_item_fields(body: &Map<String, Value>) -> Result<(), ApiError> {
    int_in(body, "instances", 0..=10)?;
    for field in ["name", "command", "schedule", "timezone"] {
        if body
            .get(field)
            .is_some_and(|v| v.as_str().is_none_or(|s| s.trim().is_empty()))
        {
            return Err(ApiError::bad_request(format!(
                "{field} must be a non-empty string"
            )));
        }
    }
    if let Some(s) = body.get("schedule").and_then(Value::as_str)
        && s.split_whitespace().count() != 5
    {
        return Err(ApiError::bad_request(
            "schedule must be a cron expression with 5 fields",
        ));
    }
    if let Some(s) = body.get("status").and_then(Value::as_str)
        && !matches!(s, "active" | "paused")
    {
        return Err(ApiError::bad_request("status must be active or paused"));
    }
    Ok(())
}

/// The parent and the position of the item the path names, or `404`.
pub fn find_item(ctx: &Ctx<'_>, items: &Items) -> Result<(Parent, usize), ApiError> {
    let parent = ctx.parent()?;
    let id = ctx.param(items.param);
    let index = ctx
        .data
        .child(&parent.id, items.coll)
        .iter()
        .position(|i| text(i, "id") == id)
        .ok_or_else(|| not_found(items.label))?;
    Ok((parent, index))
}

pub fn item_get(ctx: &mut Ctx<'_>, items: &Items) -> ApiResult {
    let (parent, index) = find_item(ctx, items)?;
    let item = ctx.data.child(&parent.id, items.coll).get(index).cloned();
    ok(item.unwrap_or_default())
}

pub fn item_create(ctx: &mut Ctx<'_>, items: &Items) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(items.create)?;
    for field in items.required {
        required_str(&body, field)?;
    }
    check_item_fields(&body)?;
    let id = ctx.data.short_id(items.prefix);
    let mut item = match (items.defaults)() {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    item.insert("id".into(), json!(id));
    item.insert("name".into(), json!(id));
    item.extend(body);
    item.insert("createdAt".into(), json!(clock::iso(ctx.now)));
    let item = Value::Object(item);
    ctx.data
        .child_mut(&parent.id, items.coll)
        .push(item.clone());
    Ok((StatusCode::CREATED, item))
}

pub fn item_patch(ctx: &mut Ctx<'_>, items: &Items) -> ApiResult {
    let (parent, index) = find_item(ctx, items)?;
    let body = ctx.body(items.patch)?;
    check_item_fields(&body)?;
    let now = clock::iso(ctx.now);
    let list = ctx.data.child_mut(&parent.id, items.coll);
    let Some(Value::Object(item)) = list.get_mut(index) else {
        return Err(not_found(items.label));
    };
    item.extend(body);
    item.insert("updatedAt".into(), json!(now));
    ok(Value::Object(item.clone()))
}

pub fn item_delete(ctx: &mut Ctx<'_>, items: &Items) -> ApiResult {
    let (parent, index) = find_item(ctx, items)?;
    let list = ctx.data.child_mut(&parent.id, items.coll);
    let item = list.remove(index);
    let id = text(&item, "id").to_owned();
    ctx.data.drop_children(&id);
    ok(json!({"success": true, "id": id}))
}

// ---- review apps and sites ----

pub fn review_trigger(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::REVIEW_TRIGGER)?;
    let pr = int_in(&body, "pullRequest", 1..=1_000_000)?
        .ok_or_else(|| ApiError::bad_request("pullRequest is required (a pull request number)"))?;
    let branch = ctx
        .data
        .child(&parent.id, Coll::PullRequests)
        .iter()
        .find(|p| p.get("number").and_then(Value::as_i64) == Some(pr))
        .map_or_else(|| format!("pr-{pr}"), |p| text(p, "branch").to_owned());
    let host = if parent.kind == Kind::Site {
        "site"
    } else {
        "app"
    };
    if ctx
        .data
        .child(&parent.id, Coll::Reviews)
        .iter()
        .any(|r| r.get("pullRequest").and_then(Value::as_i64) == Some(pr))
    {
        return Err(ApiError::conflict(format!(
            "A review deployment for pull request {pr} already exists"
        )));
    }
    let id = ctx.data.short_id("rev");
    let item = json!({
        "id": id, "pullRequest": pr, "branch": branch, "status": "running",
        "url": format!("https://{}-pr-{pr}.hostless.{host}", parent.name),
        "createdAt": clock::iso(ctx.now), "expiresAt": clock::iso(ctx.now + 7 * 86_400),
    });
    ctx.data
        .child_mut(&parent.id, Coll::Reviews)
        .push(item.clone());
    Ok((StatusCode::CREATED, item))
}

/// `PATCH …/review-apps/extend`: pushes every review app's expiry back by `days` (7).
pub fn review_extend(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::REVIEW_EXTEND)?;
    let days = int_in(&body, "days", 1..=30)?.unwrap_or(7);
    let list = ctx.data.child_mut(&parent.id, Coll::Reviews);
    for review in list.iter_mut() {
        let until = clock::parse_iso(text(review, "expiresAt")).unwrap_or_default() + days * 86_400;
        if let Value::Object(m) = review {
            m.insert("expiresAt".into(), json!(clock::iso(until)));
        }
    }
    ok(Value::Array(list.clone()))
}

// ---- operations on the record itself ----

/// Instances may range over these bounds; scaling moves one step.
pub const INSTANCE_BOUNDS: (i64, i64) = (1, 10);

pub fn scale(ctx: &mut Ctx<'_>, step: i64) -> ApiResult {
    let parent = ctx.parent()?;
    ctx.body(&fields::EMPTY)?;
    let current = parent
        .record
        .get("instances")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let next = current + step;
    if !(INSTANCE_BOUNDS.0..=INSTANCE_BOUNDS.1).contains(&next) {
        return Err(ApiError::bad_request(format!(
            "{} already runs {current} instance(s); instances range from {} to {}",
            parent.name, INSTANCE_BOUNDS.0, INSTANCE_BOUNDS.1
        )));
    }
    let direction = if step > 0 { "up" } else { "down" };
    event(
        ctx,
        &parent,
        format!("Scaled {direction} from {current} to {next} instance(s)"),
    );
    let changes = Map::from_iter([("instances".to_owned(), json!(next))]);
    let record = crud::merge(ctx, parent.kind, &parent.name, changes);
    ok(
        json!({"success": true, "action": direction, "resource": parent.name, "instances": next,
        "previousInstances": current, "record": record}),
    )
}

pub fn restart(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ctx.body(&fields::EMPTY)?;
    let instances = parent
        .record
        .get("instances")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    event(
        ctx,
        &parent,
        format!("Restarted {instances} instance(s) of {}", parent.name),
    );
    let at = json!(clock::iso(ctx.now));
    let changes = Map::from_iter([("lastRestartedAt".to_owned(), at.clone())]);
    crud::merge(ctx, parent.kind, &parent.name, changes);
    ok(json!({"success": true, "action": "restart", "resource": parent.name, "restartedAt": at}))
}

/// Plans and instance sizes `upgrade` accepts.
const PLANS: &[&str] = &["hobby", "pro", "business"];
const SIZES: &[&str] = &["small", "medium", "large"];

fn one_of(body: &Map<String, Value>, field: &str, allowed: &[&str]) -> Result<(), ApiError> {
    match body.get(field) {
        Some(v) if !v.as_str().is_some_and(|s| allowed.contains(&s)) => Err(ApiError::bad_request(
            format!("{field} must be one of: {}", allowed.join(", ")),
        )),
        _ => Ok(()),
    }
}

pub fn upgrade(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::UPGRADE)?;
    one_of(&body, "plan", PLANS)?;
    one_of(&body, "instanceSize", SIZES)?;
    ok(crud::merge(ctx, parent.kind, &parent.name, body))
}

const TIERS: &[&str] = &["starter", "standard", "large"];

pub fn tier(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::TIER)?;
    required_str(&body, "tier")?;
    one_of(&body, "tier", TIERS)?;
    ok(crud::merge(ctx, parent.kind, &parent.name, body))
}

/// VM power actions: the status they lead to.
pub fn vm_power(ctx: &mut Ctx<'_>, status: &'static str) -> ApiResult {
    crud::set_status(ctx, Kind::VirtualMachine, status)
}

pub fn vm_resources(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let mut body = ctx.body(&fields::VM_RESOURCES)?;
    int_in(&body, "diskGb", 10..=2000)?;
    crud::apply_vm_size(&mut body)?;
    ok(crud::merge(ctx, parent.kind, &parent.id, body))
}

pub fn vm_firewall_get(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ok(json!({"id": parent.id, "rules": list_of(ctx, &parent, Coll::Firewall)}))
}

pub fn vm_firewall_put(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::VM_FIREWALL)?;
    let rules = body.get("rules").and_then(Value::as_array).ok_or_else(|| {
        ApiError::bad_request("rules is required: an array of {port, protocol, source}")
    })?;
    let mut clean = Vec::new();
    for rule in rules {
        let port = rule
            .get("port")
            .and_then(Value::as_u64)
            .filter(|p| (1..=65_535).contains(p));
        let protocol = rule
            .get("protocol")
            .and_then(Value::as_str)
            .unwrap_or("tcp");
        let source = rule
            .get("source")
            .and_then(Value::as_str)
            .unwrap_or("0.0.0.0/0");
        let (Some(port), true) = (port, matches!(protocol, "tcp" | "udp")) else {
            return Err(ApiError::bad_request(
                "each rule needs a port from 1 to 65535 and a protocol tcp or udp",
            ));
        };
        clean.push(json!({"port": port, "protocol": protocol, "source": source}));
    }
    *ctx.data.child_mut(&parent.id, Coll::Firewall) = clean.clone();
    ok(json!({"id": parent.id, "rules": clean}))
}

pub fn vm_list_in_project(ctx: &mut Ctx<'_>) -> ApiResult {
    let project = ctx.param("projectId").to_owned();
    crud::list(ctx, Kind::VirtualMachine, Some(&project))
}

// ---- sites: visual builder and uploads ----

pub fn builder_project_get(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let project = ctx
        .data
        .child(&parent.id, Coll::BuilderProject)
        .first()
        .cloned();
    ok(project.unwrap_or_else(|| json!({"pages": [], "version": 0})))
}

pub fn builder_project_put(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let mut body = ctx.body(&fields::BUILDER_PROJECT)?;
    if !body.get("pages").is_some_and(Value::is_array) {
        return Err(ApiError::bad_request(
            "pages is required: an array of pages",
        ));
    }
    let list = ctx.data.child_mut(&parent.id, Coll::BuilderProject);
    let version = list
        .first()
        .and_then(|p| p.get("version"))
        .and_then(Value::as_i64)
        .unwrap_or(0);
    body.insert("version".into(), json!(version + 1));
    body.insert("updatedAt".into(), json!(clock::iso(ctx.now)));
    *list = vec![Value::Object(body.clone())];
    ok(Value::Object(body))
}

pub fn asset_add(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::ASSET)?;
    let file = required_str(&body, "fileName")?;
    let bytes = int_in(&body, "bytes", 0..=50_000_000)?.unwrap_or(0);
    let id = ctx.data.short_id("asset");
    let mut item =
        json!({"id": id, "fileName": file, "bytes": bytes, "createdAt": clock::iso(ctx.now)});
    if let (Some(ct), Value::Object(m)) = (body.get("contentType"), &mut item) {
        m.insert("contentType".into(), ct.clone());
    }
    ctx.data
        .child_mut(&parent.id, Coll::Assets)
        .push(item.clone());
    Ok((StatusCode::CREATED, item))
}

// ---- databases ----

pub fn linked_apps(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let linked: Vec<Value> = ctx
        .data
        .child(&parent.id, Coll::LinkedApps)
        .iter()
        .filter(|l| ctx.data.get(Kind::App, text(l, "name")).is_some())
        .cloned()
        .collect();
    ok(Value::Array(linked))
}

// ---- project integrations and git ----

pub fn integrations_list(ctx: &mut Ctx<'_>) -> ApiResult {
    list(ctx, Coll::Integrations)
}

fn slack_index(ctx: &Ctx<'_>, parent: &Parent) -> Option<usize> {
    ctx.data
        .child(&parent.id, Coll::Integrations)
        .iter()
        .position(|i| text(i, "type") == "slack")
}

fn check_slack(body: &Map<String, Value>) -> Result<(), ApiError> {
    if let Some(url) = body.get("webhookUrl")
        && !url.as_str().is_some_and(|u| u.starts_with("https://"))
    {
        return Err(ApiError::bad_request("webhookUrl must be an https URL"));
    }
    if body.get("enabled").is_some_and(|e| !e.is_boolean()) {
        return Err(ApiError::bad_request("enabled must be true or false"));
    }
    Ok(())
}

/// Slack settings as shown: the webhook URL is a secret, so only its host is echoed.
fn slack_shown(item: &Value) -> Value {
    let mut item = item.clone();
    if let Value::Object(m) = &mut item
        && m.remove("webhookUrl").is_some()
    {
        m.insert("webhookConfigured".into(), json!(true));
    }
    item
}

pub fn slack_add(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::SLACK)?;
    required_str(&body, "webhookUrl")?;
    check_slack(&body)?;
    if slack_index(ctx, &parent).is_some() {
        return Err(ApiError::conflict(
            "Slack is already connected to this project; update it with PUT",
        ));
    }
    let mut item = Map::from_iter([
        ("type".to_owned(), json!("slack")),
        ("enabled".to_owned(), json!(true)),
        ("channel".to_owned(), json!("#general")),
        (
            "events".to_owned(),
            json!(["deployment.failed", "deployment.live"]),
        ),
    ]);
    item.extend(body);
    item.insert("createdAt".into(), json!(clock::iso(ctx.now)));
    let item = Value::Object(item);
    ctx.data
        .child_mut(&parent.id, Coll::Integrations)
        .push(item.clone());
    Ok((StatusCode::CREATED, slack_shown(&item)))
}

pub fn slack_update(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::SLACK)?;
    check_slack(&body)?;
    let index = slack_index(ctx, &parent).ok_or_else(|| not_found("Slack integration"))?;
    let now = clock::iso(ctx.now);
    let list = ctx.data.child_mut(&parent.id, Coll::Integrations);
    let Some(Value::Object(item)) = list.get_mut(index) else {
        return Err(not_found("Slack integration"));
    };
    item.extend(body);
    item.insert("updatedAt".into(), json!(now));
    ok(slack_shown(&Value::Object(item.clone())))
}

pub fn slack_remove(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let index = slack_index(ctx, &parent).ok_or_else(|| not_found("Slack integration"))?;
    ctx.data
        .child_mut(&parent.id, Coll::Integrations)
        .remove(index);
    ok(json!({"success": true}))
}

pub fn slack_test(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ctx.body(&fields::EMPTY)?;
    let index = slack_index(ctx, &parent).ok_or_else(|| not_found("Slack integration"))?;
    let now = clock::iso(ctx.now);
    let list = ctx.data.child_mut(&parent.id, Coll::Integrations);
    if let Some(Value::Object(item)) = list.get_mut(index) {
        item.insert("lastTestedAt".into(), json!(now));
    }
    ok(json!({"success": true, "sentAt": now}))
}

fn git_provider(ctx: &Ctx<'_>, parent: &Parent, provider: &str) -> Option<Value> {
    ctx.data
        .child(&parent.id, Coll::Git)
        .iter()
        .find(|g| text(g, "provider") == provider)
        .cloned()
}

pub fn connected_accounts(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let accounts = ctx
        .data
        .child(&parent.id, Coll::Git)
        .iter()
        .map(|g| json!({"provider": g.get("provider"), "login": g.get("login")}))
        .collect();
    ok(Value::Array(accounts))
}

/// Items of `field` in the connected `provider`'s record (empty when not connected).
fn git_items(ctx: &Ctx<'_>, parent: &Parent, provider: &str, field: &str) -> Vec<Value> {
    git_provider(ctx, parent, provider)
        .and_then(|g| g.get(field).and_then(Value::as_array).cloned())
        .unwrap_or_default()
}

/// Strips the nested `repos` from accounts and workspaces in list answers.
fn without_repos(items: Vec<Value>) -> Value {
    items
        .into_iter()
        .map(|mut i| {
            if let Value::Object(m) = &mut i {
                m.remove("repos");
            }
            i
        })
        .collect()
}

pub fn github_accounts(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ok(without_repos(git_items(ctx, &parent, "github", "accounts")))
}

/// Repositories of one account (`accountLogin`) or workspace (`workspace`).
fn nested_repos(ctx: &Ctx<'_>, provider: &str, field: &str, param: &str, key: &str) -> ApiResult {
    let parent = ctx.parent()?;
    let wanted = ctx.param(param);
    git_items(ctx, &parent, provider, field)
        .into_iter()
        .find(|a| text(a, key) == wanted)
        .map(|a| (StatusCode::OK, a.get("repos").cloned().unwrap_or(json!([]))))
        .ok_or_else(|| {
            not_found(if provider == "github" {
                "GitHub account"
            } else {
                "Workspace"
            })
        })
}

pub fn github_repos(ctx: &mut Ctx<'_>) -> ApiResult {
    nested_repos(ctx, "github", "accounts", "accountLogin", "login")
}

pub fn gitlab_repos(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ok(Value::Array(git_items(ctx, &parent, "gitlab", "repos")))
}

pub fn bitbucket_workspaces(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ok(without_repos(git_items(
        ctx,
        &parent,
        "bitbucket",
        "workspaces",
    )))
}

pub fn bitbucket_repos(ctx: &mut Ctx<'_>) -> ApiResult {
    nested_repos(ctx, "bitbucket", "workspaces", "workspace", "slug")
}

pub fn git_disconnect(ctx: &mut Ctx<'_>, provider: &str) -> ApiResult {
    let parent = ctx.parent()?;
    let list = ctx.data.child_mut(&parent.id, Coll::Git);
    let before = list.len();
    list.retain(|g| text(g, "provider") != provider);
    if list.len() == before {
        return Err(ApiError::not_found(format!(
            "No {provider} account is connected to this project"
        )));
    }
    ok(json!({"success": true, "provider": provider}))
}
