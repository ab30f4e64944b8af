//! Which route a sandbox request is: the route tables the sandbox serves, the lookup of a
//! method and concrete path among them (matching and ranking are [`RouteTemplate`]'s), and
//! the seed page's JWT-only route families, which the sandbox refuses to API keys even
//! where it does not implement them.

use axum::http::Method;

use crate::api_routes::{JWT_ONLY_ROUTES, ROUTES, Route};
use crate::route_template::{Params, RouteTemplate, split_path};

/// Session-only routes the sandbox serves beyond the seed's tables in `api_routes`.
pub static SESSION_ROUTES: &[Route] = &[
    Route {
        method: Method::GET,
        path: "/users/me",
        template: RouteTemplate::new("/users/me"),
        scope: "",
    },
    Route {
        method: Method::GET,
        path: "/projects/{projectId}/members",
        template: RouteTemplate::new("/projects/{projectId}/members"),
        scope: "",
    },
];

/// Every route the sandbox serves, in lookup order: the API-key routes, the JWT-only routes,
/// the session routes.
pub static TABLES: [&[Route]; 3] = [ROUTES, JWT_ONLY_ROUTES, SESSION_ROUTES];

/// Finds the route of `routes` that serves `method` on the concrete `path` (relative to
/// `/v1`; a leading `/v1` and a query string are ignored) and extracts its parameters.
/// `HEAD` matches `GET` routes. When several templates fit, the best [`Rank`] wins
/// (`/apps/{appName}/deployments/new` over `/apps/{appName}/deployments/{deploymentId}`).
///
/// [`Rank`]: crate::route_template::Rank
pub fn match_route_in(
    routes: &'static [Route],
    method: &Method,
    path: &str,
) -> Option<(&'static Route, Params)> {
    let segments = split_path(path);
    routes
        .iter()
        .filter(|r| r.method == *method || (*method == Method::HEAD && r.method == Method::GET))
        .filter_map(|r| {
            r.template
                .matches(&segments)
                .map(|(rank, params)| (rank, r, params))
        })
        // `max_by` keeps the last of equals; the table has no two equal templates per method.
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, route, params)| (route, params))
}

/// Whether some route of `routes` has a template that fits `path`, whatever its method
/// (tells "405 method not allowed" apart from "404 no such path").
pub fn path_known_in(routes: &'static [Route], path: &str) -> bool {
    let segments = split_path(path);
    routes
        .iter()
        .any(|r| r.template.matches(&segments).is_some())
}

/// Whether the page lists `method` on `path` among the routes an API key may never call
/// (they need a dashboard session): key management and account routes under `/users` and
/// `/auth`, project members and transfers, project create/patch/delete, payment methods and
/// currency changes, and the admin, SSH-key, health, campaign, credit and Git OAuth callback
/// routes.
pub fn is_jwt_only(method: &Method, path: &str) -> bool {
    let is_read = *method == Method::GET || *method == Method::HEAD;
    let segs = split_path(path);
    let Some((first, rest)) = segs.split_first() else {
        return false;
    };
    if rest.iter().any(|s| matches!(*s, "transfer" | "transfers")) {
        return true;
    }
    match *first {
        "users" | "auth" | "admin" | "ssh-keys" | "health" | "campaigns" | "credit" | "credits"
        | "github" | "gitlab" | "bitbucket" => true,
        "projects" => match rest {
            [] => *method == Method::POST,
            [_] => *method == Method::PATCH || *method == Method::DELETE,
            [_, "members", ..] => true,
            _ => false,
        },
        "billing" => match rest {
            ["stripe" | "paystack", ..] => true,
            ["currency", ..] => *method == Method::PATCH,
            ["currencies", _] => is_read,
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    fn match_route(method: &Method, path: &str) -> Option<(&'static Route, Params)> {
        match_route_in(ROUTES, method, path)
    }

    #[test]
    fn no_api_key_route_is_jwt_only_and_the_jwt_routes_are() {
        for r in ROUTES {
            assert!(!is_jwt_only(&r.method, r.path), "{} {}", r.method, r.path);
        }
        for r in JWT_ONLY_ROUTES {
            assert!(is_jwt_only(&r.method, r.path), "{} {}", r.method, r.path);
        }
        let jwt = [
            (Method::GET, "/users/me"),
            (Method::POST, "/auth/login"),
            (Method::GET, "/projects/p1/members"),
            (Method::POST, "/projects/p1/members/invite"),
            (Method::POST, "/billing/stripe/setup-intent"),
            (Method::GET, "/billing/paystack/cards"),
            (Method::PATCH, "/billing/currency/ngn"),
            (Method::GET, "/billing/currencies/USD"),
            (Method::POST, "/apps/a/transfer"),
            (Method::GET, "/github/callback"),
        ];
        for (m, p) in jwt {
            assert!(is_jwt_only(&m, p), "{m} {p}");
        }
        assert!(!is_jwt_only(&Method::GET, "/billing/currencies"));
        assert!(!is_jwt_only(&Method::GET, "/projects/p1"));
    }

    #[test]
    fn session_routes_are_jwt_only_and_in_no_other_table() {
        for r in SESSION_ROUTES {
            assert!(is_jwt_only(&r.method, r.path), "{} {}", r.method, r.path);
            assert_eq!(r.template.as_str(), r.path);
            assert!(
                !ROUTES
                    .iter()
                    .chain(JWT_ONLY_ROUTES)
                    .any(|o| o.path == r.path),
                "{}",
                r.path
            );
        }
    }

    #[test]
    fn literal_segments_beat_placeholders() {
        let (r, params) = match_route(&Method::POST, "/apps/my-app/deployments/new").unwrap();
        assert_eq!(r.path, "/apps/{appName}/deployments/new");
        assert_eq!(params, vec![("appName", "my-app".to_owned())]);

        let (r, params) = match_route(&Method::GET, "/v1/apps/my-app/deployments/abc?x=1").unwrap();
        assert_eq!(r.path, "/apps/{appName}/deployments/{deploymentId}");
        assert_eq!(
            params,
            vec![
                ("appName", "my-app".to_owned()),
                ("deploymentId", "abc".to_owned())
            ]
        );

        let (r, _) = match_route(&Method::GET, "/virtual-machines/pricing").unwrap();
        assert_eq!(r.path, "/virtual-machines/pricing");
        let (r, _) = match_route(&Method::POST, "/sites/from-upload").unwrap();
        assert_eq!(r.path, "/sites/from-upload");
        let (r, _) = match_route(&Method::HEAD, "/apps").unwrap();
        assert_eq!(r.path, "/apps");
    }

    #[test]
    fn params_are_percent_decoded_and_unknown_paths_do_not_match() {
        let (_, params) =
            match_route(&Method::DELETE, "/apps/a/collaborators/me%40example.com").unwrap();
        assert_eq!(params[1], ("email", "me@example.com".to_owned()));
        assert!(match_route(&Method::GET, "/nope").is_none());
        assert!(match_route(&Method::PUT, "/apps/a").is_none());
        assert!(path_known_in(ROUTES, "/apps/a"));
        assert!(!path_known_in(ROUTES, "/apps/a/b/c/d/e/f"));
    }

    #[test]
    fn every_route_matches_itself() {
        for table in TABLES {
            for r in table {
                let concrete = r.path.replace(['{', '}'], "");
                let (m, _) = TABLES
                    .iter()
                    .find_map(|t| match_route_in(t, &r.method, &concrete))
                    .unwrap();
                assert_eq!(m, r, "{concrete}");
            }
        }
    }
}
