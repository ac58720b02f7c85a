//! OAuth scopes, as Mastodon defines them: top-level `read`, `write`, `follow`, `push`, `profile`, and the
//! granular `read:…` / `write:…` forms. A top-level scope covers all its granular forms; the legacy `follow`
//! covers the follow, block and mute scopes.

use std::collections::BTreeSet;
use std::fmt;

const TOP_LEVEL: &[&str] = &["read", "write", "follow", "push", "profile"];

const GRANULAR: &[&str] = &[
    "read:accounts",
    "read:blocks",
    "read:bookmarks",
    "read:favourites",
    "read:filters",
    "read:follows",
    "read:lists",
    "read:mutes",
    "read:notifications",
    "read:search",
    "read:statuses",
    "write:accounts",
    "write:blocks",
    "write:bookmarks",
    "write:conversations",
    "write:favourites",
    "write:filters",
    "write:follows",
    "write:lists",
    "write:media",
    "write:mutes",
    "write:notifications",
    "write:reports",
    "write:statuses",
];

const FOLLOW_COVERS: &[&str] = &[
    "read:blocks",
    "read:follows",
    "read:mutes",
    "write:blocks",
    "write:follows",
    "write:mutes",
];

/// Every scope this server knows, for discovery documents.
pub fn all() -> impl Iterator<Item = &'static str> {
    TOP_LEVEL.iter().chain(GRANULAR).copied()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScope(pub String);

impl fmt::Display for UnknownScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown scope `{}`", self.0)
    }
}

/// A set of known scopes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scopes(BTreeSet<&'static str>);

impl Scopes {
    /// Parses a space-separated list; an empty list means `read`, as in Mastodon.
    pub fn parse(raw: &str) -> Result<Self, UnknownScope> {
        let mut set = BTreeSet::new();
        for word in raw.split_whitespace() {
            let known = all()
                .find(|s| *s == word)
                .ok_or_else(|| UnknownScope(word.into()))?;
            set.insert(known);
        }
        if set.is_empty() {
            set.insert("read");
        }
        Ok(Scopes(set))
    }

    /// Whether a token with these scopes may do what needs `scope` (a granular or top-level scope).
    pub fn allows(&self, scope: &str) -> bool {
        if self.0.contains(scope) {
            return true;
        }
        if let Some((top, _)) = scope.split_once(':') {
            if self.0.contains(top) {
                return true;
            }
        }
        self.0.contains("follow") && FOLLOW_COVERS.contains(&scope)
    }

    /// Whether any one of `alternatives` is allowed (e.g. `profile` or `read:accounts`).
    pub fn allows_any(&self, alternatives: &[&str]) -> bool {
        alternatives.iter().any(|s| self.allows(s))
    }

    /// Whether every scope of `other` is within these (a token may not exceed its application).
    pub fn covers(&self, other: &Scopes) -> bool {
        other.0.iter().all(|s| self.allows(s))
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().copied()
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<&str> = self.iter().collect();
        f.write_str(&list.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(raw: &str) -> Scopes {
        Scopes::parse(raw).unwrap()
    }

    #[test]
    fn top_level_covers_granular() {
        assert!(s("read").allows("read:accounts"));
        assert!(!s("read").allows("write:statuses"));
        assert!(s("read:accounts").allows("read:accounts"));
        assert!(!s("read:accounts").allows("read:statuses"));
        assert!(s("follow").allows("write:follows"));
        assert!(!s("follow").allows("write:statuses"));
        assert!(s("read write follow push").allows("push"));
    }

    #[test]
    fn empty_means_read_and_unknown_is_refused() {
        assert_eq!(s("").to_string(), "read");
        assert_eq!(
            Scopes::parse("read admin:write").unwrap_err(),
            UnknownScope("admin:write".into())
        );
    }

    #[test]
    fn a_token_may_not_exceed_its_app() {
        assert!(s("read write").covers(&s("read:accounts write")));
        assert!(!s("read:accounts").covers(&s("read")));
        assert!(!s("read").covers(&s("read write")));
    }
}
