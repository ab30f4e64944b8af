//! Deterministic, plausible answers for the routes that are not store-backed
//! (deployments, logs, metrics, domains, VM operations, billing …).
//!
//! The addressed parent resource (app, site, worker, cron job, database, project, VM,
//! invoice) must exist and be visible, or the answer is `404`; mutations also need a role
//! that may change the project. The body is a function of the route and the concrete path
//! only (numbers come from a hash of the path, times from a fixed base), so the same
//! request always gets the same JSON. A few operations also change the parent's `status`
//! (pause, resume, start, stop, pay).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::auth::check_project;
use super::clock;
use super::crud::{self, visible};
use super::dispatch::Call;
use super::errors::{ApiError, ApiResult};
use super::state::{Data, Kind, SEED_TIME, Store, project_of};

/// Path parameters that name a store record, and its kind.
const OWNERS: &[(&str, Kind)] = &[
    ("appName", Kind::App),
    ("siteName", Kind::Site),
    ("workerName", Kind::Worker),
    ("cronJobName", Kind::CronJob),
    ("databaseName", Kind::Database),
    ("projectId", Kind::Project),
    ("invoiceId", Kind::Invoice),
];

/// Operations that move the parent record to a new status: (last segment, kind, status).
const STATUS_EFFECTS: &[(&str, Kind, &str)] = &[
    ("pause", Kind::CronJob, "paused"),
    ("resume", Kind::CronJob, "active"),
    ("pause", Kind::Database, "paused"),
    ("unpause", Kind::Database, "available"),
    ("start", Kind::VirtualMachine, "running"),
    ("stop", Kind::VirtualMachine, "stopped"),
    ("restart", Kind::VirtualMachine, "running"),
    ("pay", Kind::Invoice, "paid"),
];

/// The parent record a route hangs from: kind and key.
fn owner(call: &Call<'_>) -> Option<(Kind, String)> {
    let first = call.route.path.split('/').nth(1).unwrap_or_default();
    if let Some(id) = call.param("id") {
        let kind = match first {
            "virtual-machines" => Kind::VirtualMachine,
            _ => Kind::Invoice,
        };
        return Some((kind, id.to_owned()));
    }
    OWNERS
        .iter()
        .find_map(|(name, kind)| call.param(name).map(|v| (*kind, v.to_owned())))
}

/// A small stable hash (FNV-1a) for deterministic numbers.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Deterministic pseudo-random numbers derived from a string.
struct Dice(u64);

impl Dice {
    fn new(s: &str) -> Self {
        Self(fnv(s))
    }
    fn roll(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from_digit(u32::try_from(self.roll(16)).unwrap_or(0), 16).unwrap_or('0'))
            .collect()
    }
}

fn at(offset_secs: i64) -> String {
    clock::iso(SEED_TIME + 120 * 86_400 + offset_secs)
}

/// Answers a synthetic route.
pub fn answer(store: &Store, call: &Call<'_>) -> ApiResult {
    let mut data = store.lock();
    let parent = match owner(call) {
        Some((kind, key)) => {
            let record = visible(&data, kind, &key)
                .ok_or_else(|| {
                    ApiError::not_found(format!("{} not found or not accessible", kind.label()))
                })?
                .clone();
            let project = project_of(kind, &record).unwrap_or_default().to_owned();
            check_project(&data, &project, call.method)?;
            Some((kind, key, record))
        }
        None => {
            // A project named in the body (e.g. `POST /virtual-machines`-like calls) must be writable.
            if let Some(p) = call.body.get("projectId").and_then(Value::as_str) {
                check_project(&data, p, call.method)?;
            }
            None
        }
    };
    let segs: Vec<&str> = call
        .route
        .path
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let topic = segs
        .iter()
        .rev()
        .find(|s| !s.starts_with('{'))
        .copied()
        .unwrap_or_default();
    let concrete = concrete_path(call);
    let mut dice = Dice::new(&concrete);
    let name = parent
        .as_ref()
        .and_then(|(_, _, r)| r.get("name").and_then(Value::as_str))
        .unwrap_or("account")
        .to_owned();

    if *call.method != Method::GET && *call.method != Method::HEAD {
        let updated = match parent.as_ref() {
            Some((kind, key, _)) => STATUS_EFFECTS
                .iter()
                .find(|(t, k, _)| *t == topic && k == kind)
                .and_then(|(_, k, status)| crud::set_status(&mut data, *k, key, status)),
            None => None,
        };
        return Ok(mutation(call, topic, &name, &mut dice, updated));
    }
    Ok((
        StatusCode::OK,
        read(
            &data,
            call,
            &segs,
            topic,
            &name,
            &mut dice,
            parent.as_ref().map(|p| &p.2),
        ),
    ))
}

fn concrete_path(call: &Call<'_>) -> String {
    let mut params = call.params.iter();
    call.route
        .path
        .split('/')
        .map(|s| {
            if s.starts_with('{') {
                params.next().map(|(_, v)| v.clone()).unwrap_or_default()
            } else {
                s.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn mutation(
    call: &Call<'_>,
    topic: &str,
    name: &str,
    dice: &mut Dice,
    updated: Option<Value>,
) -> (StatusCode, Value) {
    let deploying = call.route.path.contains("/deployments/");
    if deploying {
        let id = format!("dep_{}", dice.hex(12));
        return (
            StatusCode::CREATED,
            json!({"id": id, "resource": name, "status": "queued", "trigger": topic,
                   "rerunOf": call.param("deploymentId"), "createdAt": at(0)}),
        );
    }
    let mut body = json!({
        "success": true,
        "action": topic,
        "resource": name,
        "message": format!("{topic} accepted for {name}"),
    });
    if let (Value::Object(m), Some(record)) = (&mut body, updated) {
        m.insert(
            "status".into(),
            record.get("status").cloned().unwrap_or(Value::Null),
        );
        m.insert("record".into(), record);
    }
    if let (Value::Object(m), Value::Object(input)) = (&mut body, &call.body)
        && !input.is_empty()
    {
        m.insert("applied".into(), Value::Object(input.clone()));
    }
    if topic == "estimate-costs" || topic == "calculate-costs" {
        let monthly = 5 + dice.roll(95);
        body = json!({"currency": "USD", "monthlyEstimate": monthly, "breakdown": [
            {"item": "compute", "amount": monthly * 7 / 10},
            {"item": "storage", "amount": monthly - monthly * 7 / 10}]});
    }
    let status = if call.method == Method::POST
        && matches!(
            topic,
            "custom-domains" | "worker-processes" | "cron-jobs" | "assets" | "import"
        ) {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    (status, body)
}

fn series(metric: &str, unit: &str, dice: &mut Dice, scale: u64) -> Value {
    let points: Vec<Value> = (0..12)
        .map(|i| json!({"timestamp": at(i * 3600), "value": dice.roll(scale)}))
        .collect();
    json!({"metric": metric, "unit": unit, "interval": "1h", "points": points})
}

fn read(
    data: &Data,
    call: &Call<'_>,
    segs: &[&str],
    topic: &str,
    name: &str,
    dice: &mut Dice,
    parent: Option<&Value>,
) -> Value {
    let item_id = segs
        .last()
        .filter(|s| s.starts_with('{'))
        .and_then(|_| call.params.last())
        .map(|(_, v)| v.clone());
    let in_metrics = segs.contains(&"metrics");
    match topic {
        "logs" | "post-build-logs" => {
            let levels = ["info", "info", "info", "warn", "error"];
            let lines: Vec<Value> = (0..10)
                .map(|i| json!({"timestamp": at(i * 17), "level": levels[usize::try_from(dice.roll(5)).unwrap_or(0)],
                                "message": format!("[{name}] step {} completed", i + 1)}))
                .collect();
            json!({"resource": name, "lines": lines, "hasMore": false})
        }
        "deployments" if item_id.is_none() => Value::Array(
            (0..3)
                .map(|i| json!({"id": format!("dep_{}", dice.hex(12)), "status": if i == 0 {"live"} else {"superseded"},
                                "commit": dice.hex(7), "branch": "main", "createdAt": at(-86_400 * i)}))
                .collect(),
        ),
        "deployments" | "stats" if !in_metrics => json!({"id": item_id.clone().unwrap_or_else(|| dice.hex(12)), "resource": name,
            "status": "live", "commit": dice.hex(7), "branch": "main", "buildSeconds": 20 + dice.roll(100),
            "createdAt": at(0)}),
        "build-stats" => json!({"deploymentId": item_id, "buildSeconds": 20 + dice.roll(100), "assets": dice.roll(200), "bytes": dice.roll(5_000_000)}),
        "request-count" | "response-duration" | "cpu-usage" | "memory-usage" | "bandwidth" | "unique-visitors"
        | "network-in" | "network-out" | "disk-usage" => {
            let unit = match topic {
                "response-duration" => "ms",
                "cpu-usage" | "disk-usage" => "percent",
                "memory-usage" => "MB",
                "bandwidth" | "network-in" | "network-out" => "bytes",
                _ => "count",
            };
            series(topic, unit, dice, 1000)
        }
        "total" => json!({"metric": "request-count", "total": dice.roll(100_000)}),
        "top-paths" => json!(["/", "/pricing", "/docs", "/blog"].iter().map(|p| json!({"path": p, "count": dice.roll(5000)})).collect::<Vec<_>>()),
        "metrics" => json!({"cpu": series("cpu-usage", "percent", dice, 100), "memory": series("memory-usage", "MB", dice, 1024)}),
        "search" => json!({"query": call.query_param("q").or(call.query_param("query")).unwrap_or(""), "resource": name, "results": []}),
        "environment-variables" => json!([{"key": "NODE_ENV", "value": "production"}, {"key": "PORT", "value": "8080"}]),
        "custom-domains" => json!([{"domain": format!("{name}.example.com"), "verified": true, "ssl": "active"}]),
        "commits" => Value::Array((0..3).map(|i| json!({"sha": dice.hex(40), "message": format!("Update {name} ({})", i + 1), "author": "Demo User", "committedAt": at(-3600 * i)})).collect()),
        "collaborators" => json!([{"email": super::state::DEMO_USER_EMAIL, "role": "owner"}]),
        "review-apps" | "review-sites" => json!([{"id": format!("rev_{}", dice.hex(8)), "pullRequest": 1 + dice.roll(40), "status": "running", "url": format!("https://{name}-pr.hostless.app")}]),
        "pull-requests" => json!([{"number": 1 + dice.roll(40), "title": "Improve landing page", "branch": "feature/landing", "author": "demo-user"}]),
        "worker-processes" => match item_id {
            Some(id) => json!({"id": id, "app": name, "command": "node queue.js", "instances": 1, "status": "running"}),
            None => json!([{"id": "wp_queue", "app": name, "command": "node queue.js", "instances": 1, "status": "running"}]),
        },
        "cron-jobs" => match item_id {
            Some(id) => json!({"id": id, "app": name, "schedule": "*/15 * * * *", "command": "node tick.js", "status": "active"}),
            None => json!([{"id": "job_tick", "app": name, "schedule": "*/15 * * * *", "command": "node tick.js", "status": "active"}]),
        },
        "runs" => match item_id {
            Some(id) => json!({"id": id, "status": "succeeded", "startedAt": at(0), "durationMs": dice.roll(60_000)}),
            None => Value::Array((0..3).map(|i| json!({"id": format!("run_{}", dice.hex(8)), "status": if i == 1 {"failed"} else {"succeeded"}, "startedAt": at(-3600 * i), "durationMs": dice.roll(60_000)})).collect()),
        },
        "project" => json!({"site": name, "pages": [{"path": "/", "title": "Home"}], "version": 1 + dice.roll(10)}),
        "assets" => json!([{"id": format!("asset_{}", dice.hex(6)), "fileName": "logo.png", "bytes": dice.roll(200_000)}]),
        "linked-apps" => {
            let project = parent.and_then(|p| p.get("projectId")).and_then(Value::as_str).unwrap_or_default();
            Value::Array(data.kind(Kind::App).filter(|a| a.get("projectId").and_then(Value::as_str) == Some(project))
                .map(|a| json!({"name": a.get("name"), "envVar": "DATABASE_URL"})).collect())
        }
        "status" => json!({"cloneId": item_id.or(call.param("cloneId").map(str::to_owned)), "status": "completed", "progress": 100}),
        "available" => json!([{"id": "slack", "name": "Slack", "description": "Deployment and alert notifications"}]),
        "integrations" => json!([{"type": "slack", "enabled": false, "channel": null}]),
        "connected-accounts" => json!([{"provider": "github", "login": "demo-user"}]),
        "accounts" => json!([{"login": "demo-user", "type": "User"}, {"login": "demo-org", "type": "Organization"}]),
        "repos" => json!([{"name": "demo-app", "fullName": format!("{}/demo-app", call.param("accountLogin").or(call.param("workspace")).unwrap_or("demo-user")), "defaultBranch": "main", "private": true}]),
        "workspaces" => json!([{"slug": "demo-workspace", "name": "Demo Workspace"}]),
        "pricing" => json!([{"size": "small", "cpus": 1, "memoryMb": 1024, "monthlyUsd": 6}, {"size": "medium", "cpus": 2, "memoryMb": 4096, "monthlyUsd": 24}]),
        "firewall" => json!({"vm": name, "rules": [{"port": 22, "protocol": "tcp", "source": "0.0.0.0/0"}, {"port": 443, "protocol": "tcp", "source": "0.0.0.0/0"}]}),
        "traces" => json!({"app": name, "traces": (0..3).map(|_| json!({"traceId": dice.hex(32), "durationMs": dice.roll(900), "spans": 1 + dice.roll(20), "rootSpan": "GET /"})).collect::<Vec<_>>()}),
        "breakdown" => {
            let items: Vec<Value> = data.kind(if segs.contains(&"databases") { Kind::Database } else { Kind::App })
                .filter(|r| r.get("projectId").and_then(Value::as_str).is_some_and(|p| data.role(p).is_some()))
                .map(|r| json!({"name": r.get("name"), "projectId": r.get("projectId"), "amount": Dice::new(r.get("name").and_then(Value::as_str).unwrap_or_default()).roll(5000)}))
                .collect();
            let total: u64 = items.iter().filter_map(|i| i.get("amount").and_then(Value::as_u64)).sum();
            json!({"currency": "USD", "startDate": call.query_param("startDate"), "endDate": call.query_param("endDate"), "items": items, "total": total})
        }
        "cycles" => json!([{"start": "2026-04-01", "end": "2026-04-30", "status": "closed"}, {"start": "2026-05-01", "end": "2026-05-31", "status": "current"}]),
        "currencies" => json!([{"code": "USD", "symbol": "$"}, {"code": "EUR", "symbol": "€"}, {"code": "NGN", "symbol": "₦"}]),
        "payment-config" => json!({"currency": "USD", "provider": "stripe", "autoPay": false}),
        "receipt" => json!({"invoiceId": parent.and_then(|p| p.get("id")), "status": parent.and_then(|p| p.get("status")), "url": format!("https://billing.hostless.dev/receipts/{}", parent.and_then(|p| p.get("id")).and_then(Value::as_str).unwrap_or_default())}),
        _ => json!({"resource": name, "topic": topic, "id": item_id}),
    }
}
