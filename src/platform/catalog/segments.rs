//! The discriminator table: which enum argument fills which `{placeholder}` of a path or
//! scope template, with which text (`resourceType: app` → `apps`). Used to fill templates
//! (`ToolDef::expansions`, `ApiRequest::build`) and by the catalog's tests.

use serde_json::{Map, Value};

/// A path segment chosen by the value of an enum argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// The `{placeholder}` of a path or scope template.
    pub placeholder: &'static str,
    /// The argument whose value selects the segment.
    pub arg: &'static str,
    /// That argument's value (its JSON string).
    pub value: &'static str,
    /// The path text put in place of the placeholder, as is (not percent-encoded).
    pub segment: &'static str,
}

const fn seg(
    placeholder: &'static str,
    arg: &'static str,
    value: &'static str,
    segment: &'static str,
) -> Segment {
    Segment {
        placeholder,
        arg,
        value,
        segment,
    }
}

/// The one mapping table of discriminators to path segments. `{resourceType}` gives the
/// API's collection name (which is also the scope family, so `{resourceType}:write`
/// works as a scope template); `{reviews}` and `{resumeAction}` are the literals that
/// differ by kind; `{siteMetric}` maps a site metric to its (possibly two-segment) path
/// and `{metric}` a metric to its kebab-case segment.
pub static SEGMENTS: &[Segment] = &[
    seg("resourceType", "resourceType", "app", "apps"),
    seg("resourceType", "resourceType", "site", "sites"),
    seg("resourceType", "resourceType", "worker", "workers"),
    seg("resourceType", "resourceType", "cron_job", "cron-jobs"),
    seg("resourceType", "resourceType", "database", "databases"),
    seg("reviews", "resourceType", "app", "review-apps"),
    seg("reviews", "resourceType", "site", "review-sites"),
    seg("resumeAction", "resourceType", "cron_job", "resume"),
    seg("resumeAction", "resourceType", "database", "unpause"),
    seg(
        "siteMetric",
        "metric",
        "request_count_total",
        "request-count/total",
    ),
    seg("siteMetric", "metric", "bandwidth", "bandwidth"),
    seg("siteMetric", "metric", "unique_visitors", "unique-visitors"),
    seg("siteMetric", "metric", "top_paths", "top-paths"),
    // Enum values are snake_case across the catalog; the API's metric segments are kebab-case.
    seg("metric", "metric", "cpu_usage", "cpu-usage"),
    seg("metric", "metric", "memory_usage", "memory-usage"),
    seg("metric", "metric", "request_count", "request-count"),
    seg("metric", "metric", "response_duration", "response-duration"),
    seg("metric", "metric", "network_in", "network-in"),
    seg("metric", "metric", "network_out", "network-out"),
    seg("metric", "metric", "disk_usage", "disk-usage"),
];

/// The argument that fills `placeholder` through [`SEGMENTS`], if it is table-driven.
pub fn segment_arg(placeholder: &str) -> Option<&'static str> {
    SEGMENTS
        .iter()
        .find(|s| s.placeholder == placeholder)
        .map(|s| s.arg)
}

/// Fills a table-driven placeholder from `args`: `Ok(None)` if `placeholder` is not in
/// [`SEGMENTS`], `Err` if its argument is missing or has a value the table does not know.
pub fn table_segment(
    placeholder: &str,
    args: &Map<String, Value>,
) -> Result<Option<&'static str>, String> {
    let Some(arg) = segment_arg(placeholder) else {
        return Ok(None);
    };
    let value = args.get(arg).and_then(Value::as_str).unwrap_or_default();
    SEGMENTS
        .iter()
        .find(|s| s.placeholder == placeholder && s.value == value)
        .map(|s| Some(s.segment))
        .ok_or_else(|| {
            let allowed: Vec<&str> = SEGMENTS
                .iter()
                .filter(|s| s.placeholder == placeholder)
                .map(|s| s.value)
                .collect();
            format!("`{arg}` must be one of {}", allowed.join(", "))
        })
}
