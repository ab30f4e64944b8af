//! Summaries of metric answers (SPEC §5.5 "answers an agent can use directly"): for each
//! time series in the API's JSON, its time range, latest value, min, mean and max, so
//! "which app uses the most memory" is one call per app and no arithmetic.
//!
//! The seed page gives no response shapes, so series are found, not assumed: any array
//! whose elements are objects with a time field (`timestamp`, `time`, …) and numeric
//! fields is a series per numeric field; so is an array of `[time, number]` pairs. The
//! `metric` and `unit` of the object holding the array name it. Nothing is invented: an
//! answer without such arrays gets no summary.

use serde_json::{Map, Value, json};

use super::catalog::ToolDef;
use crate::route_template::Segment;

/// Field names that hold a point's time, most specific first.
const TIME_KEYS: [&str; 7] = ["timestamp", "time", "ts", "t", "at", "date", "bucket"];
/// Array names that mean "the points of a series", so an empty one still says "no data".
const SERIES_KEYS: [&str; 4] = ["points", "values", "series", "datapoints"];
/// How deep the search goes into the answer.
const MAX_DEPTH: usize = 6;

/// Whether a tool reads metrics or statistics: its path has a `metrics` segment or one
/// ending in `stats`.
pub fn is_metric_tool(def: &ToolDef) -> bool {
    def.is_read_only()
        && def
            .path
            .segments()
            .any(|s| matches!(s, Segment::Literal(l) if l == "metrics" || l.ends_with("stats")))
}

/// A point's time: numbers compare as numbers, text (ISO 8601) as text.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Time {
    Number(f64),
    Text(String),
}

impl Time {
    fn of(value: &Value) -> Option<Self> {
        match value {
            Value::Number(n) => n.as_f64().map(Time::Number),
            Value::String(s) if !s.is_empty() => Some(Time::Text(s.clone())),
            _ => None,
        }
    }

    fn json(&self, original: &Value) -> Value {
        match self {
            Time::Text(s) => json!(s),
            Time::Number(_) => original.clone(),
        }
    }
}

/// A number, from a JSON number or a numeric string (Prometheus writes values as text).
fn number(value: &Value) -> Option<(f64, Value)> {
    match value {
        Value::Number(n) => n.as_f64().map(|f| (f, value.clone())),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(|f| (f, json!(f))),
        _ => None,
    }
}

struct Series {
    path: String,
    metric: Option<String>,
    unit: Option<String>,
    field: Option<String>,
    /// (time, time as given, value, value as given)
    points: Vec<(Time, Value, f64, Value)>,
}

/// The label of an object holding series: its `metric` (else `name`) and `unit`.
fn labels(map: &Map<String, Value>) -> (Option<String>, Option<String>) {
    let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_owned);
    (text("metric").or_else(|| text("name")), text("unit"))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The series an array forms, if it forms any.
fn series_of(items: &[Value], path: &str, label: &(Option<String>, Option<String>)) -> Vec<Series> {
    let new = |field: Option<String>| Series {
        path: path.to_owned(),
        metric: label.0.clone(),
        unit: label.1.clone(),
        field,
        points: Vec::new(),
    };
    // `[[time, value], …]`
    let pairs: Option<Vec<_>> = items
        .iter()
        .map(|item| match item.as_array().map(Vec::as_slice) {
            Some([t, v]) => Some((Time::of(t)?, t.clone(), number(v)?)),
            _ => None,
        })
        .collect();
    if let Some(pairs) = pairs.filter(|p| !p.is_empty()) {
        let mut s = new(None);
        s.points = pairs
            .into_iter()
            .map(|(t, raw, (f, v))| (t, raw, f, v))
            .collect();
        return vec![s];
    }
    // `[{timestamp, value, …}, …]`: one series per numeric field.
    let objects: Option<Vec<&Map<String, Value>>> = items.iter().map(Value::as_object).collect();
    let Some(objects) = objects.filter(|o| !o.is_empty()) else {
        return Vec::new();
    };
    let Some(time_key) = TIME_KEYS.iter().find(|k| {
        objects
            .iter()
            .all(|o| o.get(**k).and_then(Time::of).is_some())
    }) else {
        return Vec::new();
    };
    let mut fields: Vec<&String> = Vec::new();
    for object in &objects {
        for (key, value) in object.iter() {
            if key != time_key && matches!(value, Value::Number(_)) && !fields.contains(&key) {
                fields.push(key);
            }
        }
    }
    let many = fields.len() > 1;
    fields
        .into_iter()
        .map(|field| {
            let mut s = new(many.then(|| field.clone()));
            s.points = objects
                .iter()
                .filter_map(|o| {
                    let raw_time = o.get(*time_key)?;
                    let (f, v) = number(o.get(field)?)?;
                    Some((Time::of(raw_time)?, raw_time.clone(), f, v))
                })
                .collect();
            s
        })
        .collect()
}

fn find(
    value: &Value,
    path: &str,
    label: &(Option<String>, Option<String>),
    depth: usize,
    out: &mut Vec<Series>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            let (metric, unit) = labels(map);
            let label = (
                metric.or_else(|| label.0.clone()),
                unit.or_else(|| label.1.clone()),
            );
            for (key, child) in map {
                let child_path = join(path, key);
                if let Value::Array(items) = child
                    && items.is_empty()
                    && SERIES_KEYS.contains(&key.as_str())
                {
                    out.push(Series {
                        path: child_path,
                        metric: label.0.clone(),
                        unit: label.1.clone(),
                        field: None,
                        points: Vec::new(),
                    });
                    continue;
                }
                find(child, &child_path, &label, depth + 1, out);
            }
        }
        Value::Array(items) => {
            let found = series_of(items, path, label);
            if found.is_empty() {
                for (i, item) in items.iter().enumerate() {
                    find(item, &format!("{path}[{i}]"), label, depth + 1, out);
                }
            } else {
                out.extend(found);
            }
        }
        _ => {}
    }
}

fn summarize(series: Series) -> Value {
    let mut out = Map::new();
    out.insert("series".into(), json!(series.path));
    if let Some(metric) = series.metric {
        out.insert("metric".into(), json!(metric));
    }
    if let Some(unit) = series.unit {
        out.insert("unit".into(), json!(unit));
    }
    if let Some(field) = series.field {
        out.insert("field".into(), json!(field));
    }
    out.insert("points".into(), json!(series.points.len()));
    let earliest = series
        .points
        .iter()
        .min_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    // The latest point is the one with the greatest time, not the last one listed.
    let latest = series
        .points
        .iter()
        .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    let min = series.points.iter().min_by(|a, b| a.2.total_cmp(&b.2));
    let max = series.points.iter().max_by(|a, b| a.2.total_cmp(&b.2));
    let (Some(earliest), Some(latest), Some(min), Some(max)) = (earliest, latest, min, max) else {
        for key in ["from", "to", "latest", "min", "mean", "max"] {
            out.insert(key.into(), Value::Null);
        }
        return Value::Object(out);
    };
    let sum: f64 = series.points.iter().map(|p| p.2).sum();
    let mean = sum / series.points.len() as f64;
    out.insert("from".into(), earliest.0.json(&earliest.1));
    out.insert("to".into(), latest.0.json(&latest.1));
    out.insert("latest".into(), latest.3.clone());
    out.insert("min".into(), min.3.clone());
    out.insert("mean".into(), json!((mean * 1000.0).round() / 1000.0));
    out.insert("max".into(), max.3.clone());
    Value::Object(out)
}

/// One summary per series in the answer; empty when the answer holds no series.
pub fn of(value: &Value) -> Vec<Value> {
    let mut found = Vec::new();
    find(value, "", &(None, None), 0, &mut found);
    found.into_iter().map(summarize).collect()
}

/// The short text block that goes with the summaries.
pub fn text(summaries: &[Value]) -> String {
    let mut lines = vec!["Summary per series:".to_owned()];
    for s in summaries {
        let name = s
            .get("metric")
            .and_then(Value::as_str)
            .or_else(|| s.get("series").and_then(Value::as_str))
            .unwrap_or("series");
        let field = s
            .get("field")
            .and_then(Value::as_str)
            .map(|f| format!(" {f}"))
            .unwrap_or_default();
        let unit = s
            .get("unit")
            .and_then(Value::as_str)
            .map(|u| format!(" ({u})"))
            .unwrap_or_default();
        let points = s.get("points").and_then(Value::as_u64).unwrap_or(0);
        let show = |k: &str| s.get(k).map(Value::to_string).unwrap_or_default();
        let show_time = |k: &str| {
            s.get(k)
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .unwrap_or_default()
        };
        if points == 0 {
            lines.push(format!("- {name}{field}{unit}: no data points"));
        } else {
            lines.push(format!(
                "- {name}{field}{unit}: {points} points from {} to {}; latest {}, min {}, mean {}, max {}",
                show_time("from"),
                show_time("to"),
                show("latest"),
                show("min"),
                show("mean"),
                show("max"),
            ));
        }
    }
    lines.join("\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::platform::catalog::CATALOG;

    #[test]
    fn a_points_series_is_summarized() {
        let v = json!({"resource": "web", "metric": "cpu-usage", "unit": "percent", "interval": "1h",
        "points": [
            {"timestamp": "2026-01-01T02:00:00Z", "value": 15},
            {"timestamp": "2026-01-01T00:00:00Z", "value": 12},
            {"timestamp": "2026-01-01T01:00:00Z", "value": 13}
        ]});
        let s = of(&v);
        assert_eq!(s.len(), 1);
        assert_eq!(
            s[0],
            json!({"series": "points", "metric": "cpu-usage", "unit": "percent", "points": 3,
                "from": "2026-01-01T00:00:00Z", "to": "2026-01-01T02:00:00Z",
                "latest": 15, "min": 12, "mean": 13.333, "max": 15})
        );
        let t = text(&s);
        assert!(t.contains("cpu-usage (percent): 3 points"), "{t}");
        assert!(t.contains("latest 15, min 12, mean 13.333, max 15"), "{t}");
    }

    #[test]
    fn nested_series_pairs_and_several_fields() {
        let v = json!({"id": "vm1",
            "cpu": {"metric": "cpu-usage", "unit": "percent", "points": [{"timestamp": "a", "value": 1}]},
            "memory": {"metric": "memory-usage", "unit": "MB", "points": []}});
        let s = of(&v);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0]["series"], "cpu.points");
        assert_eq!(s[1]["metric"], "memory-usage");
        assert_eq!(s[1]["points"], 0);
        assert!(text(&s).contains("no data points"));

        let pairs = of(&json!({"values": [[1700000000, "2.5"], [1700000060, "3.5"]]}));
        assert_eq!(pairs[0]["latest"], 3.5);
        assert_eq!(pairs[0]["from"], 1_700_000_000);

        let two = of(&json!([{"time": 1, "rx": 5, "tx": 7}, {"time": 2, "rx": 1, "tx": 9}]));
        assert_eq!(two.len(), 2);
        assert_eq!(two[0]["field"], "rx");
        assert_eq!(two[1]["max"], 9);
    }

    #[test]
    fn answers_without_series_get_none() {
        assert!(of(&json!({"total": 12})).is_empty());
        assert!(of(&json!({"paths": [{"path": "/", "requests": 3}]})).is_empty());
        assert!(of(&json!([{"name": "web"}])).is_empty());
    }

    #[test]
    fn metric_tools_are_the_metrics_and_stats_routes() {
        let names: Vec<&str> = CATALOG
            .iter()
            .filter(|d| is_metric_tool(d))
            .map(|d| d.name)
            .collect();
        for expected in [
            "metrics_usage",
            "metrics_traffic",
            "vms_metric",
            "deployments_stats",
        ] {
            assert!(names.contains(&expected), "{names:?}");
        }
        assert!(!names.contains(&"apps_list"));
    }
}
