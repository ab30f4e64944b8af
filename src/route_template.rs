//! Templates with `{name}` placeholders, the one engine behind every path and scope the
//! server builds or matches: [`Template`] for any text (`{resourceType}:write`) and
//! [`RouteTemplate`] for an API path (`/apps/{appName}/deployments/{deploymentId}`), whose
//! placeholders are whole segments. Both are checked once, when the `const` tables that
//! hold them are compiled, so a malformed template is a build error, not a runtime one.
//!
//! Filling is [`Template::fill`] (the caller says, per placeholder, whether the value is
//! a path segment to percent-encode, text to insert as is, or absent); matching is
//! [`RouteTemplate::matches`], which also ranks templates so that literal segments beat
//! placeholders.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// Characters escaped in one path segment: everything that could end or split it.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes `value` as one path segment (`a b/c` → `a%20b%2Fc`).
pub fn encode_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).collect()
}

/// Splits a concrete path (with or without a leading `/v1`, a query string or a fragment)
/// into its non-empty segments, still percent-encoded.
pub fn split_path(path: &str) -> Vec<&str> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.first() == Some(&"v1") {
        segments.remove(0);
    }
    segments
}

/// One piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Text copied as is.
    Literal(&'static str),
    /// A `{name}` placeholder (the name without braces).
    Placeholder(&'static str),
}

/// What to put in place of one placeholder when filling a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filled<'a> {
    /// Inserted as is (a value from a fixed table, which may hold a `/`).
    Verbatim(Cow<'a, str>),
    /// A caller's value, percent-encoded as one path segment.
    Segment(Cow<'a, str>),
    /// No value: the placeholder stays as `{name}`.
    Unfilled,
}

/// Text with `{name}` placeholders; names are ASCII letters and digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Template(&'static str);

impl Template {
    /// Checks the template; in a `const` or `static` a malformed one fails the build.
    pub const fn new(text: &'static str) -> Self {
        // Slice patterns, not indexing: this runs in `const` context.
        let mut rest = text.as_bytes();
        let mut in_placeholder = false;
        let mut name_len = 0;
        while let [b, tail @ ..] = rest {
            if in_placeholder {
                if *b == b'}' {
                    assert!(name_len > 0, "template has an empty placeholder");
                    in_placeholder = false;
                } else {
                    assert!(
                        b.is_ascii_alphanumeric(),
                        "placeholder names are ASCII letters and digits"
                    );
                    name_len += 1;
                }
            } else {
                assert!(*b != b'}', "template has a `}}` without `{{`");
                if *b == b'{' {
                    in_placeholder = true;
                    name_len = 0;
                }
            }
            rest = tail;
        }
        assert!(!in_placeholder, "template has an unclosed placeholder");
        Self(text)
    }

    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The literal and placeholder pieces, in order.
    pub fn parts(self) -> impl Iterator<Item = Part> {
        let mut rest = self.0;
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            // `new` guarantees every `{` has its `}`, so these splits cannot fail on a
            // checked template; they end the iteration rather than panic if they did.
            let part = match rest.strip_prefix('{') {
                Some(after) => {
                    let (name, tail) = after.split_once('}')?;
                    rest = tail;
                    Part::Placeholder(name)
                }
                None => {
                    let end = rest.find('{').unwrap_or(rest.len());
                    let (literal, tail) = rest.split_at(end);
                    rest = tail;
                    Part::Literal(literal)
                }
            };
            Some(part)
        })
    }

    /// The placeholder names, in order (`{a}/x/{b}` → `a`, `b`).
    pub fn placeholders(self) -> impl Iterator<Item = &'static str> {
        self.parts().filter_map(|p| match p {
            Part::Placeholder(name) => Some(name),
            Part::Literal(_) => None,
        })
    }

    /// Fills every placeholder with what `value` gives for its name.
    pub fn fill<'a, E>(
        self,
        mut value: impl FnMut(&'static str) -> Result<Filled<'a>, E>,
    ) -> Result<String, E> {
        let mut out = String::with_capacity(self.0.len() + 16);
        for part in self.parts() {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Placeholder(name) => match value(name)? {
                    Filled::Verbatim(text) => out.push_str(&text),
                    Filled::Segment(text) => out.extend(utf8_percent_encode(&text, SEGMENT)),
                    Filled::Unfilled => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
            }
        }
        Ok(out)
    }
}

/// How well a route template fits a concrete path: per segment, whether it was literal.
/// Greater is better: literal segments beat placeholders, the earliest segment first
/// (`/apps/{appName}/deployments/new` beats `/apps/{appName}/deployments/{deploymentId}`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank(Vec<bool>);

/// Path parameters of a match: placeholder name and the percent-decoded value.
pub type Params = Vec<(&'static str, String)>;

/// One segment of a route template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    Literal(&'static str),
    Placeholder(&'static str),
}

/// An API path relative to `/v1`: starts with `/`, no empty segments, and each
/// placeholder is a whole segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RouteTemplate(Template);

impl RouteTemplate {
    /// Checks the path; in a `const` or `static` a malformed one fails the build.
    pub const fn new(path: &'static str) -> Self {
        let template = Template::new(path);
        let mut rest = path.as_bytes();
        assert!(matches!(rest, [b'/', ..]), "a route starts with `/`");
        let mut previous = 0u8;
        while let [b, tail @ ..] = rest {
            match *b {
                b'/' => assert!(
                    matches!(tail, [next, ..] if *next != b'/'),
                    "a route has no empty segment and no trailing `/`"
                ),
                b'{' => assert!(previous == b'/', "a placeholder is a whole segment"),
                b'}' => assert!(
                    matches!(tail, [] | [b'/', ..]),
                    "a placeholder is a whole segment"
                ),
                _ => {}
            }
            previous = *b;
            rest = tail;
        }
        Self(template)
    }

    pub const fn as_str(self) -> &'static str {
        self.0.as_str()
    }

    pub const fn template(self) -> Template {
        self.0
    }

    pub fn segments(self) -> impl Iterator<Item = Segment> {
        self.0.as_str().split('/').skip(1).map(|s| {
            match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => Segment::Placeholder(name),
                None => Segment::Literal(s),
            }
        })
    }

    /// The placeholder names, in order.
    pub fn placeholders(self) -> impl Iterator<Item = &'static str> {
        self.0.placeholders()
    }

    /// Fills the template (see [`Template::fill`]).
    pub fn fill<'a, E>(
        self,
        value: impl FnMut(&'static str) -> Result<Filled<'a>, E>,
    ) -> Result<String, E> {
        self.0.fill(value)
    }

    /// If the template fits the concrete segments (see [`split_path`]): how well, and the
    /// decoded parameters.
    pub fn matches(self, concrete: &[&str]) -> Option<(Rank, Params)> {
        let mut rank = Vec::with_capacity(concrete.len());
        let mut params = Params::new();
        let mut concrete = concrete.iter();
        for segment in self.segments() {
            let given = concrete.next()?;
            match segment {
                Segment::Literal(text) if text == *given => rank.push(true),
                Segment::Literal(_) => return None,
                Segment::Placeholder(name) => {
                    rank.push(false);
                    let value = percent_decode_str(given).decode_utf8_lossy().into_owned();
                    params.push((name, value));
                }
            }
        }
        concrete.next().is_none().then_some((Rank(rank), params))
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
    use std::convert::Infallible;

    use super::*;

    const DEPLOYMENT: RouteTemplate =
        RouteTemplate::new("/apps/{appName}/deployments/{deploymentId}");
    const NEW_DEPLOYMENT: RouteTemplate = RouteTemplate::new("/apps/{appName}/deployments/new");

    #[test]
    fn parts_and_placeholders_come_in_order() {
        let t = Template::new("{resourceType}:write");
        assert_eq!(
            t.parts().collect::<Vec<_>>(),
            [Part::Placeholder("resourceType"), Part::Literal(":write")]
        );
        assert_eq!(
            DEPLOYMENT.placeholders().collect::<Vec<_>>(),
            ["appName", "deploymentId"]
        );
        assert_eq!(
            DEPLOYMENT.segments().collect::<Vec<_>>(),
            [
                Segment::Literal("apps"),
                Segment::Placeholder("appName"),
                Segment::Literal("deployments"),
                Segment::Placeholder("deploymentId"),
            ]
        );
        assert_eq!(Template::new("").parts().count(), 0);
    }

    #[test]
    fn fill_encodes_segments_and_keeps_verbatim_text_and_unfilled_names() {
        let path = DEPLOYMENT
            .fill(|name| {
                Ok::<_, Infallible>(match name {
                    "appName" => Filled::Segment("a b/../c?d#e".into()),
                    _ => Filled::Unfilled,
                })
            })
            .unwrap();
        assert_eq!(
            path,
            "/apps/a%20b%2F..%2Fc%3Fd%23e/deployments/{deploymentId}"
        );
        let metric = RouteTemplate::new("/sites/{siteName}/metrics/{siteMetric}")
            .fill(|name| {
                Ok::<_, Infallible>(match name {
                    "siteMetric" => Filled::Verbatim("request-count/total".into()),
                    _ => Filled::Segment("web".into()),
                })
            })
            .unwrap();
        assert_eq!(metric, "/sites/web/metrics/request-count/total");
        let refused = DEPLOYMENT.fill(Err::<Filled, _>);
        assert_eq!(refused, Err("appName"));
    }

    #[test]
    fn literal_segments_beat_placeholders_earliest_first() {
        let concrete = split_path("/v1/apps/my-app/deployments/new?x=1");
        let (general, params) = DEPLOYMENT.matches(&concrete).unwrap();
        let (literal, _) = NEW_DEPLOYMENT.matches(&concrete).unwrap();
        assert!(literal > general);
        assert_eq!(
            params,
            [
                ("appName", "my-app".to_owned()),
                ("deploymentId", "new".to_owned())
            ]
        );
        let early = RouteTemplate::new("/a/x/{c}")
            .matches(&["a", "x", "y"])
            .unwrap();
        let late = RouteTemplate::new("/a/{b}/y")
            .matches(&["a", "x", "y"])
            .unwrap();
        assert!(early.0 > late.0);
    }

    #[test]
    fn params_are_decoded_and_lengths_must_agree() {
        let t = RouteTemplate::new("/apps/{appName}/collaborators/{email}");
        let (_, params) = t
            .matches(&split_path("/apps/a/collaborators/me%40example.com"))
            .unwrap();
        assert_eq!(params[1], ("email", "me@example.com".to_owned()));
        assert!(t.matches(&split_path("/apps/a/collaborators")).is_none());
        assert!(
            t.matches(&split_path("/apps/a/collaborators/b/c"))
                .is_none()
        );
        assert!(t.matches(&split_path("/sites/a/collaborators/b")).is_none());
    }

    #[test]
    fn malformed_templates_are_refused() {
        // In the tables these are build errors; called at run time they panic.
        let routes = [
            "apps",
            "/apps/",
            "/apps//x",
            "/apps/x{y}",
            "/apps/{y}x",
            "/apps/{}",
            "/apps/{a-b}",
        ];
        for text in routes {
            let text: &'static str = std::hint::black_box(text);
            assert!(
                std::panic::catch_unwind(|| RouteTemplate::new(text)).is_err(),
                "{text}"
            );
        }
        for text in ["{open", "close}", "{a}{"] {
            let text: &'static str = std::hint::black_box(text);
            assert!(
                std::panic::catch_unwind(|| Template::new(text)).is_err(),
                "{text}"
            );
        }
        assert_eq!(
            RouteTemplate::new(std::hint::black_box("/a/{b}")).as_str(),
            "/a/{b}"
        );
    }

    #[test]
    fn encode_then_match_gives_the_value_back() {
        let value = "we ird/na#me%";
        let path = RouteTemplate::new("/apps/{appName}")
            .fill(|_| Ok::<_, Infallible>(Filled::Segment(value.into())))
            .unwrap();
        assert_eq!(encode_segment(value), path.trim_start_matches("/apps/"));
        let (_, params) = RouteTemplate::new("/apps/{appName}")
            .matches(&split_path(&path))
            .unwrap();
        assert_eq!(params, [("appName", value.to_owned())]);
    }
}
