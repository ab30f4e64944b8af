//! Scopes: the `resource:action` strings of the seed page's scope reference, as held by a
//! verified OAuth token, and the rule that decides whether a tool's scope is held.

use std::collections::BTreeSet;

/// The scopes a verified OAuth token grants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scopes(BTreeSet<String>);

impl Scopes {
    /// From RFC 9068's `scope` claim (space-separated) or, when it is absent, an `scp` array.
    pub fn from_claims(scope: Option<&str>, scp: Option<&[String]>) -> Self {
        let set = match (scope, scp) {
            (Some(text), _) => text.split_ascii_whitespace().map(str::to_owned).collect(),
            (None, Some(list)) => list.iter().map(|s| s.trim().to_owned()).collect(),
            (None, None) => BTreeSet::new(),
        };
        Self(set)
    }

    pub fn holds(&self, scope: &str) -> bool {
        self.0.contains(scope)
    }

    /// Whether any of `scopes` is held.
    pub fn holds_any<'a>(&self, mut scopes: impl Iterator<Item = &'a str>) -> bool {
        scopes.any(|s| self.holds(s))
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for Scopes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let joined: Vec<&str> = self.iter().collect();
        f.write_str(&joined.join(" "))
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn scope_claim_wins_over_scp() {
        let scp = vec!["apps:write".to_string()];
        let s = Scopes::from_claims(Some(" apps:read  logs:read "), Some(&scp));
        assert!(s.holds("apps:read") && s.holds("logs:read"));
        assert!(!s.holds("apps:write"));
        assert_eq!(s.to_string(), "apps:read logs:read");
        let s = Scopes::from_claims(None, Some(&scp));
        assert!(s.holds("apps:write"));
        assert!(Scopes::from_claims(None, None).is_empty());
    }

    #[test]
    fn holds_any_of_several() {
        let s = Scopes::from_claims(Some("sites:read"), None);
        assert!(s.holds_any(["apps:read", "sites:read"].into_iter()));
        assert!(!s.holds_any(["apps:read"].into_iter()));
    }
}
