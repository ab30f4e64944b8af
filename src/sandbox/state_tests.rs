//! Tests of the sandbox as state (issue 9): every writing route's effect is visible to
//! the matching read (table-driven over the route table, so a new route cannot be
//! forgotten), new resources start empty, unknown ids are `404` on every route that has
//! one, deployments follow the clock, bodies are checked, and a seed repeats everything.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::dispatch::JWT_ONLY_MESSAGE;
use super::routes::{SESSION_ROUTES, match_route_in};
use super::*;
use crate::api_routes::{JWT_ONLY_ROUTES, ROUTES, Route};

struct Sb {
    sandbox: Sandbox,
    router: axum::Router,
    full: String,
    session: String,
}

impl Sb {
    fn new() -> Self {
        let sandbox = Sandbox::new(SandboxOptions {
            seed: Some(42),
            ..Default::default()
        });
        let router = sandbox.router();
        let full = sandbox.key("full").unwrap().token.clone();
        let session = format!("Bearer {}", sandbox.session_token());
        Self {
            sandbox,
            router,
            full,
            session,
        }
    }

    /// `$P` → the owned project, `$E` → the editor project, `$K` → the read-only key's id.
    fn expand(&self, s: &str) -> String {
        let key = &self.sandbox.key("read-only").unwrap().id;
        s.replace("$P", OWNER_PROJECT_ID)
            .replace("$E", EDITOR_PROJECT_ID)
            .replace("$K", key)
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        auth: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = Request::builder()
            .method(method)
            .uri(self.expand(path))
            .header("authorization", auth);
        if body.is_some() {
            req = req.header("content-type", "application/json");
        }
        let body = body
            .map(|b| self.expand(&b.to_string()))
            .unwrap_or_default();
        let resp = self
            .router
            .clone()
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, value)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, &self.full.clone(), None).await
    }
}

/// What the read must show after the write (and must not have shown before).
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// The read's JSON text contains this afterwards, and did not before.
    Shows(&'static str),
    /// The read's JSON text contained this before, and does not afterwards.
    Drops(&'static str),
    /// The read's status or body differs.
    Changes,
}

/// One write and the read that must show it.
struct WriteRead {
    method: Method,
    /// The route template this row covers.
    route: &'static str,
    /// Calls made first, so the write has something to act on.
    setup: &'static [(Method, &'static str, &'static str)],
    path: &'static str,
    body: &'static str,
    read: (Method, &'static str),
    expect: Expect,
}

macro_rules! wr {
    ($m:ident $route:literal, [$(($sm:ident, $sp:literal, $sb:literal)),*], $path:literal, $body:literal,
     $rm:ident $read:literal, $expect:expr) => {
        WriteRead {
            method: Method::$m,
            route: $route,
            setup: &[$((Method::$sm, $sp, $sb)),*],
            path: $path,
            body: $body,
            read: (Method::$rm, $read),
            expect: $expect,
        }
    };
}

use Expect::{Changes, Drops, Shows};

fn write_reads() -> Vec<WriteRead> {
    vec![
        wr!(POST "/apps", [], "/v1/apps", r#"{"projectId":"$P","name":"wr-app","language":"python"}"#,
            GET "/v1/apps", Shows(r#""name":"wr-app""#)),
        wr!(PATCH "/apps/{appName}", [], "/v1/apps/demo-app", r#"{"instanceSize":"large"}"#,
            GET "/v1/apps/demo-app", Shows(r#""instanceSize":"large""#)),
        wr!(POST "/apps/{appName}/restart", [], "/v1/apps/demo-app/restart", "",
            GET "/v1/apps/demo-app/logs", Shows("Restarted")),
        wr!(POST "/apps/{appName}/custom-domains", [], "/v1/apps/demo-app/custom-domains",
            r#"{"domain":"wr.example.com"}"#, GET "/v1/apps/demo-app/custom-domains", Shows("wr.example.com")),
        wr!(PATCH "/apps/{appName}/upgrade", [], "/v1/apps/demo-app/upgrade", r#"{"plan":"pro"}"#,
            GET "/v1/apps/demo-app", Shows(r#""plan":"pro""#)),
        wr!(PATCH "/apps/{appName}/collaborators", [], "/v1/apps/demo-app/collaborators",
            r#"{"email":"wr@example.com","role":"viewer"}"#, GET "/v1/apps/demo-app/collaborators",
            Shows("wr@example.com")),
        wr!(POST "/apps/{appName}/scale/down", [], "/v1/apps/demo-app/scale/down", "",
            GET "/v1/apps/demo-app", Shows(r#""instances":1"#)),
        wr!(POST "/apps/{appName}/scale/up", [], "/v1/apps/demo-app/scale/up", "",
            GET "/v1/apps/demo-app", Shows(r#""instances":3"#)),
        wr!(POST "/apps/{appName}/review-apps/trigger", [], "/v1/apps/demo-app/review-apps/trigger",
            r#"{"pullRequest":14}"#, GET "/v1/apps/demo-app/review-apps", Shows(r#""pullRequest":14"#)),
        wr!(PATCH "/apps/{appName}/review-apps/extend", [], "/v1/apps/demo-app/review-apps/extend",
            r#"{"days":3}"#, GET "/v1/apps/demo-app/review-apps", Changes),
        wr!(PATCH "/apps/{appName}/worker-processes/{workerId}", [], "/v1/apps/demo-app/worker-processes/wp-queue",
            r#"{"instances":4}"#, GET "/v1/apps/demo-app/worker-processes/wp-queue", Shows(r#""instances":4"#)),
        wr!(POST "/apps/{appName}/worker-processes", [], "/v1/apps/demo-app/worker-processes",
            r#"{"name":"mailer","command":"node mail.js"}"#, GET "/v1/apps/demo-app/worker-processes",
            Shows("node mail.js")),
        wr!(DELETE "/apps/{appName}", [], "/v1/apps/demo-app", "", GET "/v1/apps", Drops(r#""name":"demo-app""#)),
        wr!(DELETE "/apps/{appName}/custom-domains", [], "/v1/apps/demo-app/custom-domains", "",
            GET "/v1/apps/demo-app/custom-domains", Drops("demo.example.com")),
        wr!(DELETE "/apps/{appName}/collaborators/{email}", [], "/v1/apps/demo-app/collaborators/ana%40example.com",
            "", GET "/v1/apps/demo-app/collaborators", Drops("ana@example.com")),
        wr!(DELETE "/apps/{appName}/worker-processes/{workerId}", [], "/v1/apps/demo-app/worker-processes/wp-queue",
            "", GET "/v1/apps/demo-app/worker-processes", Drops("wp-queue")),
        wr!(POST "/sites", [], "/v1/sites", r#"{"projectId":"$P","name":"wr-site"}"#, GET "/v1/sites",
            Shows("wr-site")),
        wr!(POST "/sites/from-upload", [], "/v1/sites/from-upload", r#"{"projectId":"$P","name":"wr-upload"}"#,
            GET "/v1/sites", Shows("wr-upload")),
        wr!(POST "/sites/from-visual-builder", [], "/v1/sites/from-visual-builder",
            r#"{"projectId":"$P","name":"wr-builder"}"#, GET "/v1/sites", Shows("wr-builder")),
        wr!(PATCH "/sites/{siteName}", [], "/v1/sites/demo-site", r#"{"framework":"astro"}"#,
            GET "/v1/sites/demo-site", Shows("astro")),
        wr!(POST "/sites/{siteName}/restart", [], "/v1/sites/demo-site/restart", "",
            GET "/v1/sites/demo-site/logs", Shows("Restarted")),
        wr!(POST "/sites/{siteName}/upload", [], "/v1/sites/demo-site/upload", r#"{"message":"wr upload"}"#,
            GET "/v1/sites/demo-site/deployments", Shows("wr upload")),
        wr!(POST "/sites/{siteName}/custom-domains", [], "/v1/sites/demo-site/custom-domains",
            r#"{"domain":"wr-site.example.com"}"#, GET "/v1/sites/demo-site/custom-domains",
            Shows("wr-site.example.com")),
        wr!(POST "/sites/{siteName}/scale/down", [(POST, "/v1/sites/demo-site/scale/up", "")],
            "/v1/sites/demo-site/scale/down", "", GET "/v1/sites/demo-site", Shows(r#""instances":1"#)),
        wr!(POST "/sites/{siteName}/scale/up", [], "/v1/sites/demo-site/scale/up", "",
            GET "/v1/sites/demo-site", Shows(r#""instances":2"#)),
        wr!(POST "/sites/{siteName}/review-sites/trigger", [], "/v1/sites/demo-site/review-sites/trigger",
            r#"{"pullRequest":14}"#, GET "/v1/sites/demo-site/review-sites", Shows(r#""pullRequest":14"#)),
        wr!(PUT "/sites/{siteName}/visual-builder/project", [], "/v1/sites/demo-site/visual-builder/project",
            r#"{"pages":[{"path":"/wr","title":"WR"}]}"#, GET "/v1/sites/demo-site/visual-builder/project",
            Shows("/wr")),
        wr!(POST "/sites/{siteName}/visual-builder/publish", [], "/v1/sites/demo-site/visual-builder/publish",
            "", GET "/v1/sites/demo-site/deployments", Shows("Publish visual-builder project")),
        wr!(POST "/sites/{siteName}/visual-builder/assets", [], "/v1/sites/demo-site/visual-builder/assets",
            r#"{"fileName":"wr.png"}"#, GET "/v1/sites/demo-site/visual-builder/assets", Shows("wr.png")),
        wr!(DELETE "/sites/{siteName}", [], "/v1/sites/demo-site", "", GET "/v1/sites",
            Drops(r#""name":"demo-site""#)),
        wr!(DELETE "/sites/{siteName}/custom-domains", [], "/v1/sites/demo-site/custom-domains", "",
            GET "/v1/sites/demo-site/custom-domains", Drops("www.demo.example.com")),
        wr!(POST "/workers", [], "/v1/workers", r#"{"projectId":"$P","name":"wr-worker"}"#, GET "/v1/workers",
            Shows("wr-worker")),
        wr!(PATCH "/workers/{workerName}", [], "/v1/workers/demo-worker", r#"{"command":"node wr.js"}"#,
            GET "/v1/workers/demo-worker", Shows("node wr.js")),
        wr!(POST "/workers/{workerName}/restart", [], "/v1/workers/demo-worker/restart", "",
            GET "/v1/workers/demo-worker/logs", Shows("Restarted")),
        wr!(POST "/workers/{workerName}/scale/down", [(POST, "/v1/workers/demo-worker/scale/up", "")],
            "/v1/workers/demo-worker/scale/down", "", GET "/v1/workers/demo-worker", Shows(r#""instances":1"#)),
        wr!(POST "/workers/{workerName}/scale/up", [], "/v1/workers/demo-worker/scale/up", "",
            GET "/v1/workers/demo-worker", Shows(r#""instances":2"#)),
        wr!(PATCH "/workers/{workerName}/collaborators", [], "/v1/workers/demo-worker/collaborators",
            r#"{"email":"wr@example.com"}"#, GET "/v1/workers/demo-worker/collaborators", Shows("wr@example.com")),
        wr!(DELETE "/workers/{workerName}", [], "/v1/workers/demo-worker", "", GET "/v1/workers",
            Drops(r#""name":"demo-worker""#)),
        wr!(DELETE "/workers/{workerName}/collaborators/{email}", [],
            "/v1/workers/demo-worker/collaborators/ana%40example.com", "",
            GET "/v1/workers/demo-worker/collaborators", Drops("ana@example.com")),
        wr!(POST "/cron-jobs", [], "/v1/cron-jobs", r#"{"projectId":"$P","name":"wr-cron","schedule":"5 4 * * *"}"#,
            GET "/v1/cron-jobs", Shows("wr-cron")),
        wr!(PATCH "/cron-jobs/{cronJobName}", [], "/v1/cron-jobs/nightly-report", r#"{"schedule":"5 4 * * *"}"#,
            GET "/v1/cron-jobs/nightly-report", Shows("5 4 * * *")),
        wr!(POST "/cron-jobs/{cronJobName}/pause", [], "/v1/cron-jobs/nightly-report/pause", "",
            GET "/v1/cron-jobs/nightly-report", Shows(r#""status":"paused""#)),
        wr!(POST "/cron-jobs/{cronJobName}/resume", [(POST, "/v1/cron-jobs/nightly-report/pause", "")],
            "/v1/cron-jobs/nightly-report/resume", "", GET "/v1/cron-jobs/nightly-report",
            Shows(r#""status":"active""#)),
        wr!(POST "/apps/{appName}/cron-jobs", [], "/v1/apps/demo-app/cron-jobs",
            r#"{"schedule":"0 5 * * *","command":"node wr.js"}"#, GET "/v1/apps/demo-app/cron-jobs",
            Shows("node wr.js")),
        wr!(PATCH "/apps/{appName}/cron-jobs/{jobId}", [], "/v1/apps/demo-app/cron-jobs/job-tick",
            r#"{"command":"node wr.js"}"#, GET "/v1/apps/demo-app/cron-jobs/job-tick", Shows("node wr.js")),
        wr!(POST "/apps/{appName}/cron-jobs/{jobId}/run", [], "/v1/apps/demo-app/cron-jobs/job-tick/run", "",
            GET "/v1/apps/demo-app/cron-jobs/job-tick/runs", Shows(r#""trigger":"manual""#)),
        wr!(DELETE "/cron-jobs/{cronJobName}", [], "/v1/cron-jobs/nightly-report", "", GET "/v1/cron-jobs",
            Drops(r#""name":"nightly-report""#)),
        wr!(DELETE "/apps/{appName}/cron-jobs/{jobId}", [], "/v1/apps/demo-app/cron-jobs/job-tick", "",
            GET "/v1/apps/demo-app/cron-jobs", Drops("job-tick")),
        wr!(POST "/apps/{appName}/deployments/new", [], "/v1/apps/demo-app/deployments/new",
            r#"{"message":"wr deploy"}"#, GET "/v1/apps/demo-app/deployments", Shows("wr deploy")),
        wr!(POST "/sites/{siteName}/deployments/new", [], "/v1/sites/demo-site/deployments/new",
            r#"{"message":"wr deploy"}"#, GET "/v1/sites/demo-site/deployments", Shows("wr deploy")),
        wr!(POST "/workers/{workerName}/deployments/new", [], "/v1/workers/demo-worker/deployments/new",
            r#"{"message":"wr deploy"}"#, GET "/v1/workers/demo-worker/deployments", Shows("wr deploy")),
        wr!(POST "/cron-jobs/{cronJobName}/deployments/new", [], "/v1/cron-jobs/nightly-report/deployments/new",
            r#"{"message":"wr deploy"}"#, GET "/v1/cron-jobs/nightly-report/deployments", Shows("wr deploy")),
        wr!(POST "/apps/{appName}/deployments/{deploymentId}/rerun", [],
            "/v1/apps/demo-app/deployments/dpl-demo-app-1/rerun", "", GET "/v1/apps/demo-app/deployments",
            Shows("Rerun of dpl-demo-app-1")),
        wr!(POST "/sites/{siteName}/deployments/{deploymentId}/rerun", [],
            "/v1/sites/demo-site/deployments/dpl-demo-site-1/rerun", "", GET "/v1/sites/demo-site/deployments",
            Shows("Rerun of dpl-demo-site-1")),
        wr!(POST "/workers/{workerName}/deployments/{deploymentId}/rerun", [],
            "/v1/workers/demo-worker/deployments/dpl-demo-worker-1/rerun", "",
            GET "/v1/workers/demo-worker/deployments", Shows("Rerun of dpl-demo-worker-1")),
        wr!(POST "/cron-jobs/{cronJobName}/deployments/{deploymentId}/rerun", [],
            "/v1/cron-jobs/nightly-report/deployments/dpl-nightly-report-1/rerun", "",
            GET "/v1/cron-jobs/nightly-report/deployments", Shows("Rerun of dpl-nightly-report-1")),
        wr!(POST "/databases", [], "/v1/databases", r#"{"projectId":"$P","name":"wr-db"}"#, GET "/v1/databases",
            Shows("wr-db")),
        wr!(PATCH "/databases/{databaseName}", [], "/v1/databases/demo-db", r#"{"storageGb":5}"#,
            GET "/v1/databases/demo-db/details", Shows(r#""storageGb":5"#)),
        wr!(PATCH "/databases/{databaseName}/tier", [], "/v1/databases/demo-db/tier", r#"{"tier":"large"}"#,
            GET "/v1/databases/demo-db/details", Shows(r#""tier":"large""#)),
        wr!(POST "/databases/{databaseName}/pause", [], "/v1/databases/demo-db/pause", "",
            GET "/v1/databases/demo-db/details", Shows(r#""status":"paused""#)),
        wr!(POST "/databases/{databaseName}/unpause", [(POST, "/v1/databases/demo-db/pause", "")],
            "/v1/databases/demo-db/unpause", "", GET "/v1/databases/demo-db/details",
            Shows(r#""status":"available""#)),
        wr!(POST "/databases/{databaseName}/import", [], "/v1/databases/demo-db/import",
            r#"{"sourceUrl":"postgres://wr.example.com/db"}"#, GET "/v1/databases/demo-db/details",
            Shows("lastImportId")),
        wr!(DELETE "/databases/{databaseName}", [], "/v1/databases/demo-db", "", GET "/v1/databases",
            Drops(r#""name":"demo-db""#)),
        wr!(POST "/projects/{projectId}/integrations/slack", [], "/v1/projects/$P/integrations/slack",
            r##"{"webhookUrl":"https://hooks.slack.com/services/wr","channel":"#wr"}"##,
            GET "/v1/projects/$P/integrations", Shows("#wr")),
        wr!(PUT "/projects/{projectId}/integrations/slack",
            [(POST, "/v1/projects/$P/integrations/slack", r#"{"webhookUrl":"https://hooks.slack.com/x"}"#)],
            "/v1/projects/$P/integrations/slack", r##"{"channel":"#wr-ops"}"##, GET "/v1/projects/$P/integrations",
            Shows("#wr-ops")),
        wr!(DELETE "/projects/{projectId}/integrations/slack",
            [(POST, "/v1/projects/$P/integrations/slack", r#"{"webhookUrl":"https://hooks.slack.com/x"}"#)],
            "/v1/projects/$P/integrations/slack", "", GET "/v1/projects/$P/integrations", Drops("slack")),
        wr!(POST "/projects/{projectId}/integrations/slack/test",
            [(POST, "/v1/projects/$P/integrations/slack", r#"{"webhookUrl":"https://hooks.slack.com/x"}"#)],
            "/v1/projects/$P/integrations/slack/test", "", GET "/v1/projects/$P/integrations",
            Shows("lastTestedAt")),
        wr!(DELETE "/projects/{projectId}/github/disconnect", [], "/v1/projects/$P/github/disconnect", "",
            GET "/v1/projects/$P/connected-accounts", Drops("github")),
        wr!(DELETE "/projects/{projectId}/gitlab/disconnect", [], "/v1/projects/$P/gitlab/disconnect", "",
            GET "/v1/projects/$P/connected-accounts", Drops("gitlab")),
        wr!(DELETE "/projects/{projectId}/bitbucket/disconnect", [], "/v1/projects/$P/bitbucket/disconnect", "",
            GET "/v1/projects/$P/connected-accounts", Drops("bitbucket")),
        wr!(POST "/apps/{appName}/hostless-file/generate", [], "/v1/apps/demo-app/hostless-file/generate", "",
            POST "/v1/apps/demo-app/hostless-file/calculate-costs", Shows("monthlyTotal")),
        wr!(POST "/apps/{appName}/hostless-file/update", [(POST, "/v1/apps/demo-app/hostless-file/generate", "")],
            "/v1/apps/demo-app/hostless-file/update", r#"{"instances":3}"#,
            POST "/v1/apps/demo-app/hostless-file/calculate-costs", Shows("3 x small instance")),
        wr!(POST "/apps/{appName}/hostless-file/commit", [(POST, "/v1/apps/demo-app/hostless-file/generate", "")],
            "/v1/apps/demo-app/hostless-file/commit", r#"{"message":"wr commit"}"#,
            GET "/v1/apps/demo-app/commits", Shows("wr commit")),
        wr!(POST "/virtual-machines", [], "/v1/virtual-machines",
            r#"{"projectId":"$P","name":"wr-vm","size":"medium"}"#, GET "/v1/virtual-machines", Shows("wr-vm")),
        wr!(POST "/virtual-machines/{id}/start", [(POST, "/v1/virtual-machines/vm-demo/stop", "")],
            "/v1/virtual-machines/vm-demo/start", "", GET "/v1/virtual-machines/vm-demo",
            Shows(r#""status":"running""#)),
        wr!(POST "/virtual-machines/{id}/stop", [], "/v1/virtual-machines/vm-demo/stop", "",
            GET "/v1/virtual-machines/vm-demo", Shows(r#""status":"stopped""#)),
        wr!(POST "/virtual-machines/{id}/restart", [(POST, "/v1/virtual-machines/vm-demo/stop", "")],
            "/v1/virtual-machines/vm-demo/restart", "", GET "/v1/virtual-machines/vm-demo",
            Shows(r#""status":"running""#)),
        wr!(PUT "/virtual-machines/{id}/resources", [], "/v1/virtual-machines/vm-demo/resources", r#"{"size":"large"}"#,
            GET "/v1/virtual-machines/vm-demo", Shows(r#""size":"large""#)),
        wr!(PUT "/virtual-machines/{id}/firewall", [], "/v1/virtual-machines/vm-demo/firewall",
            r#"{"rules":[{"port":8443,"protocol":"tcp"}]}"#, GET "/v1/virtual-machines/vm-demo/firewall",
            Shows("8443")),
        wr!(DELETE "/virtual-machines/{id}", [], "/v1/virtual-machines/vm-demo", "", GET "/v1/virtual-machines",
            Drops(r#""id":"vm-demo""#)),
        wr!(POST "/billing/pay/{invoiceId}", [], "/v1/billing/pay/inv-demo-2026-05", "",
            GET "/v1/invoices/inv-demo-2026-05", Shows(r#""status":"paid""#)),
        // JWT-only routes, called with the session.
        wr!(POST "/users/me/api-keys", [], "/v1/users/me/api-keys", r#"{"name":"wr-key","scopes":["apps:read"]}"#,
            GET "/v1/users/me/api-keys", Shows("wr-key")),
        wr!(DELETE "/users/me/api-keys/{keyId}", [], "/v1/users/me/api-keys/$K", "", GET "/v1/users/me/api-keys",
            Changes),
        wr!(POST "/projects", [], "/v1/projects", r#"{"name":"WR Project"}"#, GET "/v1/projects",
            Shows("WR Project")),
        wr!(PATCH "/projects/{projectId}", [], "/v1/projects/$P", r#"{"description":"wr description"}"#,
            GET "/v1/projects/$P", Shows("wr description")),
        wr!(DELETE "/projects/{projectId}", [], "/v1/projects/$P", "", GET "/v1/projects", Drops("Demo Project")),
    ]
}

/// Writing routes with no row above, and why.
const EXEMPT: &[(Method, &str, &str)] = &[
    (
        Method::POST,
        "/estimate-costs",
        "a POST that only computes an estimate from its body; it stores nothing",
    ),
    (
        Method::POST,
        "/apps/{appName}/hostless-file/calculate-costs",
        "a POST that only computes costs from the stored file; it is the read of the hostless-file rows",
    ),
];

fn is_write(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD)
}

fn auth_for(sb: &Sb, route: &Route) -> String {
    if route.scope.is_empty() {
        sb.session.clone()
    } else {
        sb.full.clone()
    }
}

fn body_of(s: &str) -> Option<Value> {
    (!s.is_empty()).then(|| serde_json::from_str(s).unwrap())
}

#[test]
fn every_writing_route_has_a_write_read_row_or_a_reason() {
    let rows = write_reads();
    for route in ROUTES
        .iter()
        .chain(JWT_ONLY_ROUTES)
        .filter(|r| is_write(&r.method))
    {
        let covered = rows
            .iter()
            .any(|w| w.method == route.method && w.route == route.path);
        let exempt = EXEMPT
            .iter()
            .any(|(m, p, why)| *m == route.method && *p == route.path && !why.is_empty());
        assert!(
            covered ^ exempt,
            "{} {}: needs exactly one of a write→read row or an exemption",
            route.method,
            route.path
        );
    }
    for w in &rows {
        let all: Vec<&Route> = ROUTES.iter().chain(JWT_ONLY_ROUTES).collect();
        let (matched, _) = match_route_in(ROUTES, &w.method, w.path)
            .or_else(|| match_route_in(JWT_ONLY_ROUTES, &w.method, w.path))
            .unwrap_or_else(|| panic!("{} {} matches no route", w.method, w.path));
        assert_eq!(
            matched.path, w.route,
            "row for {} {} writes elsewhere",
            w.method, w.route
        );
        assert!(all.iter().any(|r| r.path == w.route));
    }
}

async fn read(sb: &Sb, w: &WriteRead, auth: &str) -> (StatusCode, String) {
    let (s, v) = sb.call(w.read.0.clone(), w.read.1, auth, None).await;
    (s, v.to_string())
}

#[tokio::test]
async fn every_write_changes_what_the_matching_read_returns() {
    for w in write_reads() {
        let sb = Sb::new();
        let route = ROUTES
            .iter()
            .chain(JWT_ONLY_ROUTES)
            .find(|r| r.method == w.method && r.path == w.route)
            .unwrap();
        let auth = auth_for(&sb, route);
        let label = format!("{} {}", w.method, w.route);
        for (m, p, b) in w.setup {
            let (s, v) = sb.call(m.clone(), p, &auth, body_of(b)).await;
            assert!(s.is_success(), "{label}: setup {m} {p} -> {s} {v}");
        }
        let before = read(&sb, &w, &auth).await;
        let (s, v) = sb
            .call(w.method.clone(), w.path, &auth, body_of(w.body))
            .await;
        assert!(s.is_success(), "{label}: write -> {s} {v}");
        let after = read(&sb, &w, &auth).await;
        assert!(after.0.is_success(), "{label}: read after -> {after:?}");
        match w.expect {
            Shows(t) => {
                assert!(
                    !before.1.contains(t),
                    "{label}: '{t}' already there before: {}",
                    before.1
                );
                assert!(
                    after.1.contains(t),
                    "{label}: '{t}' missing after: {}",
                    after.1
                );
            }
            Drops(t) => {
                assert!(
                    before.1.contains(t),
                    "{label}: '{t}' not there before: {}",
                    before.1
                );
                assert!(
                    !after.1.contains(t),
                    "{label}: '{t}' still there: {}",
                    after.1
                );
            }
            Changes => assert_ne!(before, after, "{label}: the read did not change"),
        }
    }
}

/// A concrete value for every placeholder: a seeded record of the owned project.
fn seeded_value(sb: &Sb, name: &str, first: &str) -> String {
    let v = match (name, first) {
        ("appName", _) => "demo-app",
        ("siteName", _) => "demo-site",
        ("workerName", _) => "demo-worker",
        ("cronJobName", _) => "nightly-report",
        ("databaseName", _) => "demo-db",
        ("projectId", _) => OWNER_PROJECT_ID,
        ("invoiceId", _) | ("id", "invoices") => "inv-demo-2026-05",
        ("id", _) => "vm-demo",
        ("email", _) => "ana%40example.com",
        ("workerId", _) => "wp-queue",
        ("jobId", _) => "job-tick",
        ("runId", "apps") => "run-tick-1",
        ("runId", _) => "run-nightly-report-1",
        ("cloneId", _) => "imp-demo-db-1",
        ("accountLogin", _) => "demo-user",
        ("workspace", _) => "demo-workspace",
        ("keyId", _) => return sb.sandbox.key("read-only").unwrap().id.clone(),
        ("deploymentId" | "siteDeploymentId", _) => {
            let parent = match first {
                "apps" => "demo-app",
                "sites" => "demo-site",
                "workers" => "demo-worker",
                _ => "nightly-report",
            };
            return format!("dpl-{parent}-1");
        }
        _ => panic!("no seeded value for {{{name}}}"),
    };
    v.to_owned()
}

/// The route's path with seeded values, except `unknown`, which gets a value nobody has.
fn concrete(sb: &Sb, path: &str, unknown: Option<&str>) -> String {
    let first = path.split('/').nth(1).unwrap_or_default().to_owned();
    let segs: Vec<String> = path
        .split('/')
        .map(
            |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) if Some(name) == unknown => "no-such-thing".to_owned(),
                Some(name) => seeded_value(sb, name, &first),
                None => s.to_owned(),
            },
        )
        .collect();
    format!("/v1{}", segs.join("/"))
}

#[tokio::test]
async fn unknown_ids_are_404_on_every_route_with_an_id() {
    let mut checked = 0;
    for route in ROUTES.iter().chain(JWT_ONLY_ROUTES).chain(SESSION_ROUTES) {
        let names: Vec<&str> = route
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        for name in names {
            let sb = Sb::new();
            let auth = auth_for(&sb, route);
            let path = concrete(&sb, route.path, Some(name));
            let (s, v) = sb.call(route.method.clone(), &path, &auth, None).await;
            assert_eq!(s, StatusCode::NOT_FOUND, "{} {path}: {v}", route.method);
            assert_eq!(v["statusCode"], 404, "{v}");
            assert_eq!(v["error"], "Not Found", "{v}");
            assert!(
                v["message"]
                    .as_str()
                    .is_some_and(|m| !m.contains("no-such-thing")),
                "{v}"
            );
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[tokio::test]
async fn every_read_route_answers_for_seeded_records() {
    for route in ROUTES
        .iter()
        .chain(JWT_ONLY_ROUTES)
        .chain(SESSION_ROUTES)
        .filter(|r| !is_write(&r.method))
    {
        let sb = Sb::new();
        let path = concrete(&sb, route.path, None);
        let path = if route.path.ends_with("/search") {
            format!("{path}?q=main")
        } else {
            path
        };
        let (s, v) = sb
            .call(Method::GET, &path, &auth_for(&sb, route), None)
            .await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        assert!(v.is_object() || v.is_array(), "{path}: {v}");
    }
}

/// Whether a JSON answer holds nothing: no non-empty array anywhere, no positive count.
fn holds_nothing(v: &Value) -> bool {
    match v {
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.iter().all(|(k, x)| match x {
            Value::Number(n) if matches!(k.as_str(), "builds" | "total") => n.as_u64() == Some(0),
            other => holds_nothing(other),
        }),
        _ => true,
    }
}

#[tokio::test]
async fn a_new_app_starts_with_empty_sub_resources() {
    let sb = Sb::new();
    let body = json!({"projectId": OWNER_PROJECT_ID, "name": "fresh", "language": "python"});
    let (s, app) = sb
        .call(Method::POST, "/v1/apps", &sb.full.clone(), Some(body))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{app}");
    assert_eq!(app["runtime"], "python");
    sb.sandbox.advance_clock(7 * 86_400);
    let mut checked = 0;
    for route in ROUTES.iter().filter(|r| r.method == Method::GET) {
        let p = route.path;
        let per_app = p.starts_with("/apps/{appName}/") || p == "/traces/{appName}";
        if !per_app || p.matches('{').count() > 1 {
            continue;
        }
        let path = p.replace("{appName}", "fresh");
        let path = if p.ends_with("/search") {
            format!("/v1{path}?q=a")
        } else {
            format!("/v1{path}")
        };
        let (s, v) = sb.get(&path).await;
        assert_eq!(s, StatusCode::OK, "{path}: {v}");
        assert!(holds_nothing(&v), "{path} is not empty for a new app: {v}");
        checked += 1;
    }
    assert!(checked >= 15, "{checked}");
}

#[tokio::test]
async fn a_deployment_goes_queued_building_live_with_the_clock_and_leaves_logs() {
    let sb = Sb::new();
    let full = sb.full.clone();
    let body = json!({"projectId": OWNER_PROJECT_ID, "name": "life", "language": "python"});
    sb.call(Method::POST, "/v1/apps", &full, Some(body)).await;
    let (s, dep) = sb
        .call(
            Method::POST,
            "/v1/apps/life/deployments/new",
            &full,
            Some(json!({})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{dep}");
    assert_eq!(dep["status"], "queued");
    let id = dep["id"].as_str().unwrap().to_owned();
    let get = format!("/v1/apps/life/deployments/{id}");
    let logs = format!("/v1/apps/life/deployments/{id}/logs");
    let lines = |v: &Value| v["lines"].as_array().unwrap().len();
    let (_, l0) = sb.get(&logs).await;
    let (_, runtime0) = sb.get("/v1/apps/life/logs").await;
    assert_eq!(lines(&runtime0), 0, "nothing runs yet: {runtime0}");
    for (advance, status) in [
        (0, "queued"),
        (deploys::BUILD_STARTS, "building"),
        (deploys::BUILD_ENDS, "live"),
    ] {
        sb.sandbox.advance_clock(advance);
        let (_, d) = sb.get(&get).await;
        assert_eq!(d["status"], status, "after {advance}s more: {d}");
    }
    let (_, l1) = sb.get(&logs).await;
    assert!(lines(&l1) > lines(&l0), "{l0} -> {l1}");
    assert!(
        l1.to_string().contains("pip install"),
        "a Python build: {l1}"
    );
    sb.sandbox.advance_clock(5);
    let (_, runtime) = sb.get("/v1/apps/life/logs").await;
    assert!(
        runtime.to_string().contains("Listening on port"),
        "{runtime}"
    );
    let (_, listed) = sb.get("/v1/apps/life/deployments").await;
    assert_eq!(listed[0]["id"], id.as_str());
    // A failing build ends `failed`, with an error line.
    let (_, bad) = sb
        .call(
            Method::POST,
            "/v1/apps/life/deployments/new",
            &full,
            Some(json!({"simulateFailure": true})),
        )
        .await;
    sb.sandbox.advance_clock(60);
    let bad_id = bad["id"].as_str().unwrap();
    let (_, d) = sb.get(&format!("/v1/apps/life/deployments/{bad_id}")).await;
    assert_eq!(d["status"], "failed", "{d}");
    let (_, l) = sb
        .get(&format!("/v1/apps/life/deployments/{bad_id}/logs"))
        .await;
    assert!(l.to_string().contains("Build failed"), "{l}");
    // The sandbox clock route moves time over HTTP too.
    let (s, t) = sb
        .call(
            Method::POST,
            "/v1/sandbox/clock",
            &full,
            Some(json!({"advanceSeconds": 60})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!(t["now"], clock::iso(sb.sandbox.now()));
}

#[tokio::test]
async fn unknown_body_fields_are_400_naming_them() {
    let sb = Sb::new();
    let full = sb.full.clone();
    let body = json!({"projectId": OWNER_PROJECT_ID, "name": "x", "colour": "red"});
    let (s, v) = sb.call(Method::POST, "/v1/apps", &full, Some(body)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    let m = v["message"].as_str().unwrap();
    assert!(
        m.contains("colour") && m.contains("Accepted fields: projectId, name, runtime"),
        "{m}"
    );
    let (s, v) = sb
        .call(
            Method::PATCH,
            "/v1/apps/demo-app",
            &full,
            Some(json!({"note": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["message"].as_str().unwrap().contains("note"), "{v}");
    let (s, _) = sb.get("/v1/apps").await;
    assert_eq!(s, StatusCode::OK);
    let (_, apps) = sb.get("/v1/apps").await;
    assert!(
        !apps.to_string().contains(r#""name":"x""#),
        "nothing was created"
    );
    let (s, v) = sb
        .call(
            Method::POST,
            "/v1/apps/demo-app/restart",
            &full,
            Some(json!({"force": true})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
}

#[tokio::test]
async fn environment_variables_follow_patches() {
    let sb = Sb::new();
    let full = sb.full.clone();
    let body = json!({"projectId": OWNER_PROJECT_ID, "name": "py", "language": "python"});
    sb.call(Method::POST, "/v1/apps", &full, Some(body)).await;
    let patch = json!({"environmentVariables": {"DEBUG": "1", "LEVEL": "info"}});
    let (s, v) = sb
        .call(Method::PATCH, "/v1/apps/py", &full, Some(patch))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, env) = sb.get("/v1/apps/py/environment-variables").await;
    assert_eq!(
        env,
        json!([{"key": "DEBUG", "value": "1"}, {"key": "LEVEL", "value": "info"}])
    );
    let patch = json!({"environmentVariables": {"LEVEL": null}});
    sb.call(Method::PATCH, "/v1/apps/py", &full, Some(patch))
        .await;
    let (_, env) = sb.get("/v1/apps/py/environment-variables").await;
    assert_eq!(env, json!([{"key": "DEBUG", "value": "1"}]));
    // Renaming keeps the sub-resources; deleting removes them.
    sb.call(
        Method::PATCH,
        "/v1/apps/py",
        &full,
        Some(json!({"name": "py2"})),
    )
    .await;
    let (_, env) = sb.get("/v1/apps/py2/environment-variables").await;
    assert_eq!(env.as_array().unwrap().len(), 1);
    sb.call(Method::DELETE, "/v1/apps/py2", &full, None).await;
    let (s, _) = sb.get("/v1/apps/py2/environment-variables").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn scaling_stays_within_bounds() {
    let sb = Sb::new();
    let full = sb.full.clone();
    let (s, _) = sb
        .call(
            Method::POST,
            "/v1/workers/demo-worker/scale/down",
            &full,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "one instance is the floor");
    for _ in 1..children::INSTANCE_BOUNDS.1 {
        let (s, _) = sb
            .call(
                Method::POST,
                "/v1/workers/demo-worker/scale/up",
                &full,
                None,
            )
            .await;
        assert_eq!(s, StatusCode::OK);
    }
    let (s, _) = sb
        .call(
            Method::POST,
            "/v1/workers/demo-worker/scale/up",
            &full,
            None,
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "ten is the ceiling");
    let (_, w) = sb.get("/v1/workers/demo-worker").await;
    assert_eq!(w["instances"], children::INSTANCE_BOUNDS.1);
}

/// A fixed script of writes, clock moves and reads; its answers, in order.
async fn script(sb: &Sb) -> Vec<(StatusCode, Value)> {
    let full = sb.full.clone();
    let mut out = Vec::new();
    let body = json!({"projectId": OWNER_PROJECT_ID, "name": "det", "language": "python"});
    out.push(sb.call(Method::POST, "/v1/apps", &full, Some(body)).await);
    out.push(
        sb.call(
            Method::POST,
            "/v1/apps/det/deployments/new",
            &full,
            Some(json!({})),
        )
        .await,
    );
    out.push(
        sb.call(
            Method::POST,
            "/v1/apps/det/worker-processes",
            &full,
            Some(json!({"command": "q"})),
        )
        .await,
    );
    sb.sandbox.advance_clock(3 * 3600);
    for path in [
        "/v1/apps/det",
        "/v1/apps/det/deployments",
        "/v1/apps/det/logs",
        "/v1/apps/det/metrics/cpu-usage",
        "/v1/apps/demo-app/metrics/request-count",
        "/v1/traces/demo-app",
        "/v1/billing/breakdown",
        "/v1/apps/det/worker-processes",
    ] {
        out.push(sb.get(path).await);
    }
    out
}

#[tokio::test]
async fn the_same_seed_gives_the_same_answers() {
    let (a, b) = (Sb::new(), Sb::new());
    assert_eq!(a.full, b.full);
    let (x, y) = (script(&a).await, script(&b).await);
    assert_eq!(x, y);
    assert!(x.iter().all(|(s, _)| s.is_success()), "{x:?}");
    let other = Sandbox::new(SandboxOptions {
        seed: Some(43),
        ..Default::default()
    });
    assert_ne!(other.key("full").unwrap().token, a.full);
}

#[tokio::test]
async fn jwt_only_families_refuse_api_keys_with_403() {
    let sb = Sb::new();
    let full = sb.full.clone();
    let calls = [
        (Method::GET, "/v1/users/me"),
        (Method::POST, "/v1/auth/login"),
        (Method::GET, "/v1/projects/$P/members"),
        (Method::POST, "/v1/projects/$P/members/invite"),
        (Method::POST, "/v1/billing/stripe/setup-intent"),
        (Method::GET, "/v1/billing/paystack/cards"),
        (Method::PATCH, "/v1/billing/currency/ngn"),
        (Method::GET, "/v1/billing/currencies/USD"),
        (Method::POST, "/v1/apps/demo-app/transfer"),
        (Method::GET, "/v1/github/callback"),
        (Method::GET, "/v1/ssh-keys"),
        (Method::POST, "/v1/projects"),
        (Method::PATCH, "/v1/projects/$P"),
        (Method::DELETE, "/v1/projects/$P"),
        (Method::GET, "/v1/users/me/api-keys"),
    ];
    for (m, p) in calls {
        let (s, v) = sb.call(m.clone(), p, &full, Some(json!({}))).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{m} {p}: {v}");
        assert_eq!(v["message"], JWT_ONLY_MESSAGE, "{m} {p}");
    }
    let session = sb.session.clone();
    let (s, me) = sb.call(Method::GET, "/v1/users/me", &session, None).await;
    assert_eq!((s, &me["email"]), (StatusCode::OK, &json!(DEMO_USER_EMAIL)));
    let (s, _) = sb.call(Method::GET, "/v1/ssh-keys", &session, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "not implemented, but not refused");
    let (s, _) = sb.call(Method::GET, "/v1/ssh-keys", "hlk_nope", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn editors_write_resources_but_not_the_project() {
    let sb = Sb::new();
    let (full, session) = (sb.full.clone(), sb.session.clone());
    let (_, p) = sb.call(Method::GET, "/v1/projects/$E", &full, None).await;
    assert_eq!(p["role"], "editor");
    let (s, v) = sb
        .call(
            Method::PATCH,
            "/v1/apps/team-app",
            &full,
            Some(json!({"plan": "pro"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let body = json!({"projectId": EDITOR_PROJECT_ID, "name": "team-new"});
    let (s, v) = sb
        .call(Method::POST, "/v1/workers", &full, Some(body))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) = sb
        .call(
            Method::POST,
            "/v1/apps/team-app/deployments/new",
            &full,
            Some(json!({})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    for (m, body) in [
        (Method::PATCH, Some(json!({"name": "Mine now"}))),
        (Method::DELETE, None),
    ] {
        let (s, v) = sb.call(m.clone(), "/v1/projects/$E", &session, body).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{m}: {v}");
        assert!(v["message"].as_str().unwrap().contains("owner"), "{v}");
    }
    let (s, _) = sb
        .call(
            Method::PATCH,
            "/v1/projects/$P",
            &session,
            Some(json!({"name": "Mine"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "the owner may");
}
