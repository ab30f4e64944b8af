//! Figures the sandbox computes rather than stores: metrics and traces (from a resource's
//! real age on the sandbox's clock, its instance count and its deployments), billing
//! (from the resources that exist), and the fixed catalogues (pricing, currencies,
//! available integrations). The same store and time always give the same numbers.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use crate::route_template::Segment;

use super::call::{Ctx, Parent};
use super::clock;
use super::crud::{self, VM_SIZES};
use super::deploys::BUILD_ENDS;
use super::errors::{ApiError, ApiResult};
use super::fields;
use super::model::{Coll, Kind, text};
use super::seed::{DEMO_USER_EMAIL, DEMO_USER_ID};

fn ok(value: Value) -> ApiResult {
    Ok((StatusCode::OK, value))
}

/// A small stable hash (FNV-1a) so each resource and metric has its own level.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Per metric: unit, base level, and whether it exists only while the resource serves traffic.
const METRICS: &[(&str, &str, u64)] = &[
    ("cpu-usage", "percent", 12),
    ("memory-usage", "MB", 180),
    ("request-count", "requests", 120),
    ("response-duration", "ms", 90),
    ("bandwidth", "MB", 40),
    ("unique-visitors", "visitors", 30),
    ("network-in", "MB", 25),
    ("network-out", "MB", 60),
    ("disk-usage", "GB", 3),
];

/// When the resource started running: a VM at creation, anything else when its first
/// deployment went live. `None` when it has never run.
fn running_since(ctx: &Ctx<'_>, parent: &Parent) -> Option<i64> {
    let created = clock::parse_iso(text(&parent.record, "createdAt"))?;
    if parent.kind == Kind::VirtualMachine {
        return Some(created);
    }
    ctx.data
        .child(&parent.id, Coll::Deployments)
        .iter()
        .filter(|d| text(d, "result") == "live")
        .filter_map(|d| clock::parse_iso(text(d, "createdAt")))
        .map(|t| t + BUILD_ENDS)
        .filter(|t| *t <= ctx.now)
        .min()
}

/// Hourly points since the resource started running (the last 24 at most).
fn points(ctx: &Ctx<'_>, parent: &Parent, metric: &str) -> Vec<(i64, u64)> {
    let Some(since) = running_since(ctx, parent) else {
        return Vec::new();
    };
    let base = METRICS
        .iter()
        .find(|(m, ..)| *m == metric)
        .map_or(10, |(_, _, b)| *b);
    let instances = parent
        .record
        .get("instances")
        .and_then(Value::as_u64)
        .unwrap_or(1);
    let level = base + fnv(&format!("{}/{metric}", parent.name)) % base.max(1);
    let hours = (ctx.now - since) / 3600;
    (hours.saturating_sub(23).max(1)..=hours)
        .map(|h| {
            let t = since + h * 3600;
            let wobble = fnv(&format!("{}/{metric}/{h}", parent.name)) % (level / 4 + 1);
            let scaled = if metric == "response-duration" {
                level
            } else {
                level * instances
            };
            (t, scaled + wobble)
        })
        .collect()
}

fn series(ctx: &Ctx<'_>, parent: &Parent, metric: &str) -> Value {
    let unit = METRICS
        .iter()
        .find(|(m, ..)| *m == metric)
        .map_or("", |(_, u, _)| *u);
    let pts: Vec<Value> = points(ctx, parent, metric)
        .into_iter()
        .map(|(t, v)| json!({"timestamp": clock::iso(t), "value": v}))
        .collect();
    json!({"resource": parent.name, "metric": metric, "unit": unit, "interval": "1h", "points": pts})
}

/// `GET /<kind>/{name}/metrics/<metric>`: the metric is the route's last segment.
pub fn metric(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let metric = match ctx.call.route.template.segments().last() {
        Some(Segment::Literal(metric)) => metric,
        _ => return Err(ApiError::not_found("Metric not found")),
    };
    ok(series(ctx, &parent, metric))
}

pub fn request_total(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let total: u64 = points(ctx, &parent, "request-count")
        .iter()
        .map(|(_, v)| v)
        .sum();
    ok(json!({"resource": parent.name, "metric": "request-count", "total": total}))
}

const PATHS: &[&str] = &["/", "/pricing", "/docs", "/blog", "/about"];

pub fn top_paths(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let total: u64 = points(ctx, &parent, "request-count")
        .iter()
        .map(|(_, v)| v)
        .sum();
    let paths: Vec<Value> = if total == 0 {
        Vec::new()
    } else {
        PATHS
            .iter()
            .zip(1u64..)
            .map(|(p, rank)| json!({"path": p, "requests": total / (rank * 2)}))
            .collect()
    };
    ok(json!({"resource": parent.name, "paths": paths}))
}

/// `GET /virtual-machines/{id}/metrics`: CPU and memory together.
pub fn vm_overview(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ok(
        json!({"id": parent.id, "cpu": series(ctx, &parent, "cpu-usage"),
        "memory": series(ctx, &parent, "memory-usage")}),
    )
}

/// `GET /traces/{appName}`: one trace per hour of traffic, the last five.
pub fn traces(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let pts = points(ctx, &parent, "response-duration");
    let traces: Vec<Value> = pts
        .iter()
        .rev()
        .take(5)
        .map(|(t, ms)| {
            json!({"traceId": format!("{:016x}{:016x}", fnv(&parent.name), *t as u64),
                "rootSpan": "GET /", "durationMs": ms, "spans": 1 + ms % 9, "startedAt": clock::iso(*t)})
        })
        .collect();
    ok(json!({"app": parent.name, "traces": traces}))
}

// ---- billing ----

/// Monthly cents per instance, by kind (databases by tier below).
const KIND_PRICES: &[(Kind, u64)] = &[
    (Kind::App, 700),
    (Kind::Site, 300),
    (Kind::Worker, 500),
    (Kind::CronJob, 100),
    (Kind::VirtualMachine, 600),
];
const TIER_PRICES: &[(&str, u64)] = &[("starter", 900), ("standard", 2500), ("large", 6000)];

fn breakdown(ctx: &Ctx<'_>, kinds: &[Kind]) -> Value {
    let mut items = Vec::new();
    for kind in kinds {
        for r in ctx.data.kind(*kind) {
            if ctx.data.role(text(r, "projectId")).is_none() {
                continue;
            }
            let instances = r.get("instances").and_then(Value::as_u64).unwrap_or(1);
            let amount = match kind {
                Kind::Database => TIER_PRICES
                    .iter()
                    .find(|(t, _)| *t == text(r, "tier"))
                    .map_or(0, |(_, p)| *p),
                _ => {
                    KIND_PRICES
                        .iter()
                        .find(|(k, _)| k == kind)
                        .map_or(0, |(_, p)| *p)
                        * instances
                }
            };
            items.push(
                json!({"kind": kind.label(), "name": r.get("name"), "projectId": r.get("projectId"),
                "amount": amount}),
            );
        }
    }
    let total: u64 = items
        .iter()
        .filter_map(|i| i.get("amount").and_then(Value::as_u64))
        .sum();
    json!({"currency": "USD", "unit": "cents", "startDate": ctx.call.query_param("startDate"),
        "endDate": ctx.call.query_param("endDate"), "items": items, "total": total})
}

pub fn billing_breakdown(ctx: &mut Ctx<'_>) -> ApiResult {
    let kinds = [
        Kind::App,
        Kind::Site,
        Kind::Worker,
        Kind::CronJob,
        Kind::VirtualMachine,
    ];
    ok(breakdown(ctx, &kinds))
}

pub fn billing_db_breakdown(ctx: &mut Ctx<'_>) -> ApiResult {
    ok(breakdown(ctx, &[Kind::Database]))
}

/// The current and the previous calendar month, by the sandbox's clock.
pub fn billing_cycles(ctx: &mut Ctx<'_>) -> ApiResult {
    let today = clock::iso(ctx.now);
    let (y, m) = (
        today
            .get(..4)
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(2026),
        today
            .get(5..7)
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(1),
    );
    let (py, pm) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    ok(json!([
        {"start": format!("{py:04}-{pm:02}-01"), "status": "closed"},
        {"start": format!("{y:04}-{m:02}-01"), "status": "current"},
    ]))
}

pub fn currencies(_: &mut Ctx<'_>) -> ApiResult {
    ok(
        json!([{"code": "USD", "symbol": "$"}, {"code": "EUR", "symbol": "€"}, {"code": "NGN", "symbol": "₦"}]),
    )
}

pub fn payment_config(_: &mut Ctx<'_>) -> ApiResult {
    ok(json!({"currency": "USD", "provider": "stripe", "autoPay": false}))
}

pub fn pay(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ctx.body(&fields::EMPTY)?;
    if text(&parent.record, "status") == "paid" {
        return Err(ApiError::conflict("This invoice is already paid"));
    }
    let changes = Map::from_iter([
        ("status".to_owned(), json!("paid")),
        ("paidAt".to_owned(), json!(clock::iso(ctx.now))),
    ]);
    ok(crud::merge(ctx, Kind::Invoice, &parent.id, changes))
}

pub fn receipt(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let paid = text(&parent.record, "status") == "paid";
    ok(json!({
        "invoiceId": parent.id, "status": parent.record.get("status"),
        "url": paid.then(|| format!("https://billing.hostless.dev/receipts/{}", parent.id)),
    }))
}

pub fn vm_pricing(_: &mut Ctx<'_>) -> ApiResult {
    let sizes: Vec<Value> = VM_SIZES
        .iter()
        .map(|(size, cpus, mem, usd)| json!({"size": size, "cpus": cpus, "memoryMb": mem, "monthlyUsd": usd}))
        .collect();
    ok(Value::Array(sizes))
}

pub fn integrations_available(_: &mut Ctx<'_>) -> ApiResult {
    ok(
        json!([{"id": "slack", "name": "Slack", "description": "Deployment and alert notifications"}]),
    )
}

// ---- session-only account routes ----

pub fn me(_: &mut Ctx<'_>) -> ApiResult {
    ok(json!({"id": DEMO_USER_ID, "email": DEMO_USER_EMAIL, "name": "Demo User"}))
}

pub fn members(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ok(json!([{"userId": DEMO_USER_ID, "email": DEMO_USER_EMAIL, "role": parent.role.as_str()}]))
}
