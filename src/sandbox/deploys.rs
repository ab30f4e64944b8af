//! Things that happen over time, on the sandbox's clock: deployments (`queued` →
//! `building` → `live` or `failed`), the build, post-build and runtime log lines they
//! leave, cron job runs, database imports, and the Hostless file that a commit records.
//!
//! Nothing runs in the background: a deployment stores when it was created and how it
//! will end, and every read derives its status and its log lines from the time elapsed
//! since, so a fake clock gives the same answers on every run.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::call::{Ctx, Parent, int_in, not_found};
use super::children;
use super::clock;
use super::errors::{ApiError, ApiResult};
use super::fields;
use super::model::{Coll, Kind, text};

/// Seconds after creation when a deployment starts building, and when it ends.
pub const BUILD_STARTS: i64 = 5;
pub const BUILD_ENDS: i64 = 30;
/// Seconds a cron run or a database import takes.
pub const RUN_SECS: i64 = 10;
pub const IMPORT_SECS: i64 = 20;

fn ok(value: Value) -> ApiResult {
    Ok((StatusCode::OK, value))
}

fn secs(v: &Value, field: &str) -> i64 {
    clock::parse_iso(text(v, field)).unwrap_or_default()
}

fn short(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

/// The status of a deployment created `elapsed` seconds ago.
fn deployment_status(dep: &Value, elapsed: i64) -> &str {
    match elapsed {
        e if e < BUILD_STARTS => "queued",
        e if e < BUILD_ENDS => "building",
        _ => text(dep, "result"),
    }
}

/// A deployment as the API shows it at `now`.
fn shown(dep: &Value, parent: &Parent, now: i64) -> Value {
    let created = secs(dep, "createdAt");
    let elapsed = now - created;
    let status = deployment_status(dep, elapsed);
    let mut out = dep.clone();
    if let Value::Object(m) = &mut out {
        m.remove("result");
        m.insert("status".into(), json!(status));
        if elapsed >= BUILD_STARTS {
            m.insert(
                "startedAt".into(),
                json!(clock::iso(created + BUILD_STARTS)),
            );
        }
        if elapsed >= BUILD_ENDS {
            m.insert("finishedAt".into(), json!(clock::iso(created + BUILD_ENDS)));
            m.insert(
                "buildDurationSeconds".into(),
                json!(BUILD_ENDS - BUILD_STARTS),
            );
        }
        if status == "live" {
            m.insert(
                "url".into(),
                parent.record.get("url").cloned().unwrap_or(Value::Null),
            );
        }
    }
    out
}

/// The parent and the deployment the path names (`deploymentId` or `siteDeploymentId`).
fn find(ctx: &Ctx<'_>) -> Result<(Parent, Value), ApiError> {
    let parent = ctx.parent()?;
    let id = ctx
        .call
        .param("deploymentId")
        .or_else(|| ctx.call.param("siteDeploymentId"))
        .unwrap_or_default();
    let dep = ctx
        .data
        .child(&parent.id, Coll::Deployments)
        .iter()
        .find(|d| text(d, "id") == id)
        .cloned()
        .ok_or_else(|| not_found("Deployment"))?;
    Ok((parent, dep))
}

pub fn list(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let deps: Vec<Value> = ctx
        .data
        .child(&parent.id, Coll::Deployments)
        .iter()
        .rev()
        .map(|d| shown(d, &parent, ctx.now))
        .collect();
    ok(Value::Array(deps))
}

pub fn get(ctx: &mut Ctx<'_>) -> ApiResult {
    let (parent, dep) = find(ctx)?;
    ok(shown(&dep, &parent, ctx.now))
}

/// Records a new deployment of `parent` and returns it as shown.
pub fn start(
    ctx: &mut Ctx<'_>,
    parent: &Parent,
    body: &Map<String, Value>,
    trigger: &str,
) -> Value {
    let latest = ctx
        .data
        .child(&parent.id, Coll::Commits)
        .first()
        .map(|c| text(c, "sha").to_owned());
    let commit = match body.get("commit").and_then(Value::as_str) {
        Some(c) => c.to_owned(),
        None => latest.unwrap_or_else(|| ctx.data.hex(40)),
    };
    let failed = body.get("simulateFailure").and_then(Value::as_bool) == Some(true);
    let id = ctx.data.short_id("dep");
    let branch = body
        .get("branch")
        .and_then(Value::as_str)
        .unwrap_or_else(|| {
            parent
                .record
                .get("branch")
                .and_then(Value::as_str)
                .unwrap_or("main")
        });
    let dep = json!({
        "id": id, "resource": parent.name, "branch": branch, "commit": commit,
        "message": body.get("message").and_then(Value::as_str).unwrap_or("Manual deploy"),
        "trigger": trigger, "result": if failed { "failed" } else { "live" },
        "createdAt": clock::iso(ctx.now),
    });
    ctx.data
        .child_mut(&parent.id, Coll::Deployments)
        .push(dep.clone());
    shown(&dep, parent, ctx.now)
}

fn check_deploy_body(body: &Map<String, Value>) -> Result<(), ApiError> {
    for field in ["branch", "commit", "message"] {
        if body
            .get(field)
            .is_some_and(|v| v.as_str().is_none_or(str::is_empty))
        {
            return Err(ApiError::bad_request(format!(
                "{field} must be a non-empty string"
            )));
        }
    }
    for field in ["clearCache", "simulateFailure"] {
        if body.get(field).is_some_and(|v| !v.is_boolean()) {
            return Err(ApiError::bad_request(format!(
                "{field} must be true or false"
            )));
        }
    }
    Ok(())
}

/// `POST …/deployments/new`.
pub fn trigger(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::DEPLOY)?;
    check_deploy_body(&body)?;
    Ok((StatusCode::CREATED, start(ctx, &parent, &body, "manual")))
}

/// `POST …/deployments/{deploymentId}/rerun`: same branch and commit.
pub fn rerun(ctx: &mut Ctx<'_>) -> ApiResult {
    let (parent, old) = find(ctx)?;
    ctx.body(&fields::EMPTY)?;
    let mut body = Map::new();
    body.insert(
        "branch".into(),
        old.get("branch").cloned().unwrap_or(json!("main")),
    );
    body.insert(
        "commit".into(),
        old.get("commit").cloned().unwrap_or(json!("")),
    );
    body.insert(
        "message".into(),
        json!(format!("Rerun of {}", text(&old, "id"))),
    );
    Ok((StatusCode::CREATED, start(ctx, &parent, &body, "rerun")))
}

/// `POST /sites/{siteName}/upload` and `…/visual-builder/publish`: a new site deployment.
pub fn site_upload(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::UPLOAD)?;
    let mut deploy = Map::new();
    let message = body
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("Upload");
    deploy.insert("message".into(), json!(message));
    Ok((StatusCode::CREATED, start(ctx, &parent, &deploy, "upload")))
}

pub fn site_publish(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ctx.body(&fields::EMPTY)?;
    if ctx.data.child(&parent.id, Coll::BuilderProject).is_empty() {
        return Err(ApiError::conflict(
            "Nothing to publish: save a visual-builder project first",
        ));
    }
    let deploy = Map::from_iter([(
        "message".to_owned(),
        json!("Publish visual-builder project"),
    )]);
    Ok((StatusCode::CREATED, start(ctx, &parent, &deploy, "publish")))
}

/// One log line.
fn line(at: i64, level: &str, message: String) -> Value {
    json!({"timestamp": clock::iso(at), "level": level, "message": message})
}

/// The dependency step a build log shows, per runtime (anything else installs with npm).
const INSTALL_STEPS: &[(&str, &str)] = &[
    ("python", "pip install -r requirements.txt"),
    ("go", "go build ./..."),
    ("ruby", "bundle install"),
];

fn install_step(runtime: &str) -> &'static str {
    INSTALL_STEPS
        .iter()
        .find(|(r, _)| *r == runtime)
        .map_or("npm ci", |(_, step)| step)
}

/// The build log of a deployment, as far as it got by `now`.
fn build_lines(dep: &Value, parent: &Parent, now: i64) -> Vec<Value> {
    let t = secs(dep, "createdAt");
    let runtime = text(&parent.record, "runtime");
    let failed = text(dep, "result") == "failed";
    let mut lines = vec![
        (
            0,
            "info",
            format!(
                "Deployment {} queued: {}@{}",
                text(dep, "id"),
                text(dep, "branch"),
                short(text(dep, "commit"))
            ),
        ),
        (0, "info", "Waiting for a build machine".to_owned()),
        (BUILD_STARTS, "info", "Build started".to_owned()),
        (
            BUILD_STARTS + 3,
            "info",
            format!("Cloning {} at {}", parent.name, short(text(dep, "commit"))),
        ),
        (
            BUILD_STARTS + 7,
            "info",
            format!("Installing dependencies: {}", install_step(runtime)),
        ),
    ];
    if failed {
        lines.push((
            BUILD_ENDS - 2,
            "error",
            "Build failed: the build command exited with code 1".into(),
        ));
        lines.push((
            BUILD_ENDS,
            "error",
            format!("Deployment {} failed", text(dep, "id")),
        ));
    } else {
        lines.push((
            BUILD_ENDS - 10,
            "info",
            "Running the build command".to_owned(),
        ));
        lines.push((
            BUILD_ENDS - 1,
            "info",
            format!("Build finished in {}s", BUILD_ENDS - BUILD_STARTS),
        ));
        let url = text(&parent.record, "url");
        lines.push((
            BUILD_ENDS,
            "info",
            format!("Deployment {} is live {url}", text(dep, "id")),
        ));
    }
    lines
        .into_iter()
        .filter(|(offset, ..)| t + offset <= now)
        .map(|(offset, level, msg)| line(t + offset, level, msg))
        .collect()
}

/// Post-build (release and start-up) lines of a live deployment.
fn post_build_lines(dep: &Value, parent: &Parent, now: i64) -> Vec<Value> {
    if text(dep, "result") != "live" {
        return Vec::new();
    }
    let end = secs(dep, "createdAt") + BUILD_ENDS;
    let instances = parent
        .record
        .get("instances")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    [
        (0, "Running the release phase".to_owned()),
        (
            1,
            format!("Starting {instances} instance(s) of {}", parent.name),
        ),
        (2, "Health check passed".to_owned()),
    ]
    .into_iter()
    .filter(|(offset, _)| end + offset <= now)
    .map(|(offset, msg)| line(end + offset, "info", msg))
    .collect()
}

fn logs_answer(parent: &Parent, deployment: Option<&str>, lines: Vec<Value>) -> ApiResult {
    let mut out = json!({"resource": parent.name, "lines": lines});
    if let (Some(d), Value::Object(m)) = (deployment, &mut out) {
        m.insert("deploymentId".into(), json!(d));
    }
    ok(out)
}

pub fn deployment_logs(ctx: &mut Ctx<'_>) -> ApiResult {
    let (parent, dep) = find(ctx)?;
    logs_answer(
        &parent,
        Some(text(&dep, "id")),
        build_lines(&dep, &parent, ctx.now),
    )
}

pub fn post_build_logs(ctx: &mut Ctx<'_>) -> ApiResult {
    let (parent, dep) = find(ctx)?;
    logs_answer(
        &parent,
        Some(text(&dep, "id")),
        post_build_lines(&dep, &parent, ctx.now),
    )
}

/// Runtime lines: what live deployments printed on start, and recorded events.
fn runtime_lines(ctx: &Ctx<'_>, parent: &Parent) -> Vec<Value> {
    let runtime = text(&parent.record, "runtime");
    let port = parent
        .record
        .get("port")
        .and_then(Value::as_i64)
        .unwrap_or(8080);
    let mut lines: Vec<Value> = Vec::new();
    for dep in ctx.data.child(&parent.id, Coll::Deployments) {
        if text(dep, "result") != "live" {
            continue;
        }
        let up = secs(dep, "createdAt") + BUILD_ENDS + 1;
        let started = [
            (
                0,
                format!(
                    "Starting {} ({}) from {}",
                    parent.name,
                    if runtime.is_empty() {
                        "static"
                    } else {
                        runtime
                    },
                    short(text(dep, "commit"))
                ),
            ),
            (1, format!("Listening on port {port}")),
        ];
        lines.extend(
            started
                .into_iter()
                .filter(|(o, _)| up + o <= ctx.now)
                .map(|(o, m)| line(up + o, "info", m)),
        );
    }
    lines.extend(ctx.data.child(&parent.id, Coll::Events).iter().cloned());
    lines.sort_by(|a, b| text(a, "timestamp").cmp(text(b, "timestamp")));
    lines
}

pub fn runtime_logs(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let lines = runtime_lines(ctx, &parent);
    logs_answer(&parent, None, lines)
}

/// `GET /apps/{appName}/deployments/{deploymentId}/stats`.
pub fn deployment_stats(ctx: &mut Ctx<'_>) -> ApiResult {
    let (parent, dep) = find(ctx)?;
    let done = ctx.now - secs(&dep, "createdAt") >= BUILD_ENDS;
    let size = 40 + text(&dep, "commit").bytes().map(u64::from).sum::<u64>() % 160;
    ok(json!({
        "deploymentId": dep.get("id"), "resource": parent.name,
        "status": deployment_status(&dep, ctx.now - secs(&dep, "createdAt")),
        "buildDurationSeconds": done.then_some(BUILD_ENDS - BUILD_STARTS),
        "imageSizeMb": done.then_some(size),
    }))
}

/// `GET /apps/{appName}/build/stats`: counts over the app's deployments.
pub fn build_stats(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let deps = ctx.data.child(&parent.id, Coll::Deployments);
    let count = |s: &str| {
        deps.iter()
            .filter(|d| deployment_status(d, ctx.now - secs(d, "createdAt")) == s)
            .count()
    };
    let (live, failed) = (count("live"), count("failed"));
    ok(json!({
        "resource": parent.name, "builds": deps.len(), "succeeded": live, "failed": failed,
        "inProgress": deps.len() - live - failed,
        "averageBuildSeconds": (live + failed > 0).then_some(BUILD_ENDS - BUILD_STARTS),
    }))
}

/// `GET /sites/{siteName}/deployments/{siteDeploymentId}/metrics/build-stats`.
pub fn site_build_stats(ctx: &mut Ctx<'_>) -> ApiResult {
    let (parent, dep) = find(ctx)?;
    let assets = ctx.data.child(&parent.id, Coll::Assets);
    let bytes: i64 = assets
        .iter()
        .filter_map(|a| a.get("bytes").and_then(Value::as_i64))
        .sum();
    let done = ctx.now - secs(&dep, "createdAt") >= BUILD_ENDS;
    ok(json!({
        "deploymentId": dep.get("id"), "buildTimeSeconds": done.then_some(BUILD_ENDS - BUILD_STARTS),
        "assetCount": assets.len(), "bytes": bytes,
    }))
}

// ---- cron runs ----

/// The job whose runs the path addresses: an app's cron job (`jobId`) or the standalone
/// cron job itself.
fn run_owner(ctx: &Ctx<'_>) -> Result<(Parent, String), ApiError> {
    if ctx.call.param("jobId").is_some() {
        let (parent, index) = children::find_item(ctx, &children::APP_CRON_JOBS)?;
        let job = ctx
            .data
            .child(&parent.id, Coll::AppCronJobs)
            .get(index)
            .cloned()
            .unwrap_or_default();
        return Ok((parent, text(&job, "id").to_owned()));
    }
    let parent = ctx.parent()?;
    let id = parent.id.clone();
    Ok((parent, id))
}

fn run_shown(run: &Value, now: i64) -> Value {
    let started = secs(run, "startedAt");
    let mut out = run.clone();
    if let Value::Object(m) = &mut out {
        let status = if now - started < RUN_SECS && !m.contains_key("durationMs") {
            "running".to_owned()
        } else {
            text(run, "result").to_owned()
        };
        m.remove("result");
        m.insert("status".into(), json!(status));
        if status != "running" && !m.contains_key("durationMs") {
            m.insert("durationMs".into(), json!(RUN_SECS * 1000));
        }
    }
    out
}

fn find_run(ctx: &Ctx<'_>) -> Result<(Parent, Value), ApiError> {
    let (parent, job) = run_owner(ctx)?;
    let id = ctx.param("runId");
    let run = ctx
        .data
        .child(&job, Coll::Runs)
        .iter()
        .find(|r| text(r, "id") == id)
        .cloned()
        .ok_or_else(|| not_found("Run"))?;
    Ok((parent, run))
}

pub fn runs_list(ctx: &mut Ctx<'_>) -> ApiResult {
    let (_, job) = run_owner(ctx)?;
    let runs = ctx
        .data
        .child(&job, Coll::Runs)
        .iter()
        .rev()
        .map(|r| run_shown(r, ctx.now))
        .collect();
    ok(Value::Array(runs))
}

pub fn run_get(ctx: &mut Ctx<'_>) -> ApiResult {
    let (_, run) = find_run(ctx)?;
    ok(run_shown(&run, ctx.now))
}

/// `POST /apps/{appName}/cron-jobs/{jobId}/run`: a run now, outside the schedule.
pub fn run_now(ctx: &mut Ctx<'_>) -> ApiResult {
    let (_, job) = run_owner(ctx)?;
    ctx.body(&fields::EMPTY)?;
    let id = ctx.data.short_id("run");
    let run = json!({"id": id, "trigger": "manual", "result": "succeeded", "startedAt": clock::iso(ctx.now)});
    ctx.data.child_mut(&job, Coll::Runs).push(run.clone());
    Ok((StatusCode::CREATED, run_shown(&run, ctx.now)))
}

pub fn run_logs(ctx: &mut Ctx<'_>) -> ApiResult {
    let (parent, run) = find_run(ctx)?;
    let started = secs(&run, "startedAt");
    let took = run
        .get("durationMs")
        .and_then(Value::as_i64)
        .map_or(RUN_SECS, |ms| ms / 1000);
    let lines: Vec<Value> = [
        (0, format!("Run {} started", text(&run, "id"))),
        (
            took,
            format!(
                "Run {} finished: {}",
                text(&run, "id"),
                text(&run, "result")
            ),
        ),
    ]
    .into_iter()
    .filter(|(o, _)| started + o <= ctx.now)
    .map(|(o, m)| line(started + o, "info", m))
    .collect();
    ok(json!({"resource": parent.name, "runId": run.get("id"), "lines": lines}))
}

// ---- database imports ----

pub fn import_start(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::IMPORT)?;
    let source = super::call::required_str(&body, "sourceUrl")?;
    let host = url::Url::parse(&source)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .ok_or_else(|| {
            ApiError::bad_request("sourceUrl must be a database URL such as postgres://host/db")
        })?;
    let id = ctx.data.short_id("imp");
    // Only the host is kept: a database URL usually carries a password.
    let item = json!({"id": id, "cloneId": id, "sourceHost": host, "result": "completed",
        "createdAt": clock::iso(ctx.now)});
    ctx.data.child_mut(&parent.id, Coll::Imports).push(item);
    let changes = Map::from_iter([("lastImportId".to_owned(), json!(id))]);
    super::crud::merge(ctx, Kind::Database, &parent.name, changes);
    Ok((
        StatusCode::CREATED,
        json!({"cloneId": id, "status": "running", "progress": 0}),
    ))
}

fn find_import(ctx: &Ctx<'_>) -> Result<(Parent, Value), ApiError> {
    let parent = ctx.parent()?;
    let id = ctx.param("cloneId");
    let item = ctx
        .data
        .child(&parent.id, Coll::Imports)
        .iter()
        .find(|i| text(i, "id") == id)
        .cloned()
        .ok_or_else(|| not_found("Import"))?;
    Ok((parent, item))
}

pub fn import_status(ctx: &mut Ctx<'_>) -> ApiResult {
    let (_, item) = find_import(ctx)?;
    let elapsed = ctx.now - secs(&item, "createdAt");
    let (status, progress) = if elapsed >= IMPORT_SECS {
        (text(&item, "result").to_owned(), 100)
    } else {
        ("running".to_owned(), elapsed.max(0) * 100 / IMPORT_SECS)
    };
    ok(
        json!({"cloneId": item.get("id"), "status": status, "progress": progress,
        "startedAt": item.get("createdAt")}),
    )
}

pub fn import_logs(ctx: &mut Ctx<'_>) -> ApiResult {
    let (parent, item) = find_import(ctx)?;
    let t = secs(&item, "createdAt");
    let lines: Vec<Value> = [
        (
            0,
            format!(
                "Import {} started from {}",
                text(&item, "id"),
                text(&item, "sourceHost")
            ),
        ),
        (IMPORT_SECS / 2, "Copying tables".to_owned()),
        (IMPORT_SECS, "Import completed".to_owned()),
    ]
    .into_iter()
    .filter(|(o, _)| t + o <= ctx.now)
    .map(|(o, m)| line(t + o, "info", m))
    .collect();
    ok(json!({"resource": parent.name, "cloneId": item.get("id"), "lines": lines}))
}

// ---- commits, search ----

pub fn commits(ctx: &mut Ctx<'_>) -> ApiResult {
    children::list(ctx, Coll::Commits)
}

/// `GET …/search?q=`: matches in the resource's variables, domains, deployments and commits.
pub fn search(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let q = ctx
        .call
        .query_param("q")
        .or_else(|| ctx.call.query_param("query"))
        .ok_or_else(|| ApiError::bad_request("q is required: the text to search for"))?
        .to_lowercase();
    let sources: [(Coll, &str, &[&str]); 4] = [
        (Coll::EnvVars, "environmentVariable", &["key"]),
        (Coll::Domains, "domain", &["domain"]),
        (
            Coll::Deployments,
            "deployment",
            &["id", "message", "branch"],
        ),
        (Coll::Commits, "commit", &["sha", "message"]),
    ];
    let mut results = Vec::new();
    for (coll, kind, fields) in sources {
        for item in ctx.data.child(&parent.id, coll) {
            if let Some(f) = fields
                .iter()
                .find(|f| text(item, f).to_lowercase().contains(&q))
            {
                results.push(json!({"type": kind, "field": f, "match": text(item, f)}));
            }
        }
    }
    ok(json!({"resource": parent.name, "query": q, "results": results}))
}

// ---- the Hostless file ----

/// Monthly USD per instance by size, and per plan.
const SIZE_PRICES: &[(&str, i64)] = &[("small", 7), ("medium", 25), ("large", 50)];
const PLAN_PRICES: &[(&str, i64)] = &[("hobby", 0), ("pro", 20), ("business", 100)];

fn price(table: &[(&str, i64)], key: &str) -> Option<i64> {
    table.iter().find(|(k, _)| *k == key).map(|(_, p)| *p)
}

/// The monthly cost of a Hostless file, or `400` naming the field it cannot price.
fn costs(file: &Map<String, Value>) -> Result<Value, ApiError> {
    let size = file
        .get("instanceSize")
        .and_then(Value::as_str)
        .unwrap_or("small");
    let plan = file.get("plan").and_then(Value::as_str).unwrap_or("hobby");
    let instances = int_in(file, "instances", 1..=10)?.unwrap_or(1);
    let per = price(SIZE_PRICES, size).ok_or_else(|| {
        ApiError::bad_request("instanceSize must be one of: small, medium, large")
    })?;
    let base = price(PLAN_PRICES, plan)
        .ok_or_else(|| ApiError::bad_request("plan must be one of: hobby, pro, business"))?;
    Ok(json!({
        "currency": "USD", "monthlyTotal": base + per * instances,
        "items": [{"item": format!("plan {plan}"), "monthly": base},
                  {"item": format!("{instances} x {size} instance"), "monthly": per * instances}],
    }))
}

fn hostless_file(ctx: &Ctx<'_>, parent: &Parent) -> Result<Map<String, Value>, ApiError> {
    match ctx.data.child(&parent.id, Coll::HostlessFile).first() {
        Some(Value::Object(m)) => Ok(m.clone()),
        _ => Err(ApiError::conflict(
            "This app has no Hostless file yet: generate it first",
        )),
    }
}

pub fn file_generate(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ctx.body(&fields::EMPTY)?;
    let mut file = Map::new();
    for field in fields::HOSTLESS_FILE.accepted {
        if let Some(v) = parent.record.get(*field) {
            file.insert((*field).to_owned(), v.clone());
        }
    }
    *ctx.data.child_mut(&parent.id, Coll::HostlessFile) = vec![Value::Object(file.clone())];
    ok(json!({"app": parent.name, "file": file, "generatedAt": clock::iso(ctx.now)}))
}

pub fn file_update(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::HOSTLESS_FILE)?;
    let mut file = hostless_file(ctx, &parent)?;
    file.extend(body);
    costs(&file)?;
    *ctx.data.child_mut(&parent.id, Coll::HostlessFile) = vec![Value::Object(file.clone())];
    ok(json!({"app": parent.name, "file": file}))
}

pub fn file_commit(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    let body = ctx.body(&fields::COMMIT)?;
    hostless_file(ctx, &parent)?;
    let sha = ctx.data.hex(40);
    let message = body
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("Update hostless.json");
    let commit = json!({"sha": sha, "message": message, "author": "Hostless", "committedAt": clock::iso(ctx.now)});
    ctx.data
        .child_mut(&parent.id, Coll::Commits)
        .insert(0, commit.clone());
    Ok((StatusCode::CREATED, commit))
}

pub fn file_costs(ctx: &mut Ctx<'_>) -> ApiResult {
    let parent = ctx.parent()?;
    ctx.body(&fields::EMPTY)?;
    let file = hostless_file(ctx, &parent)?;
    ok(costs(&file)?)
}

/// `POST /estimate-costs`: prices the Hostless file in the body; changes nothing.
pub fn estimate(ctx: &mut Ctx<'_>) -> ApiResult {
    let body = ctx.body(&fields::HOSTLESS_FILE)?;
    ok(costs(&body)?)
}
