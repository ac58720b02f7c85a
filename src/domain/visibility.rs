//! Who may see a status: Mastodon's four visibilities and the one rule that applies them.

/// Ordered from widest to narrowest audience; the number is what the database stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Visibility {
    /// Everyone, and listed on public timelines.
    Public,
    /// Everyone, but left off public timelines and tag pages.
    Unlisted,
    /// The author's followers and the accounts it mentions.
    Private,
    /// Only the accounts it mentions.
    Direct,
}

impl Visibility {
    pub const ALL: [Visibility; 4] = [
        Visibility::Public,
        Visibility::Unlisted,
        Visibility::Private,
        Visibility::Direct,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Unlisted => "unlisted",
            Visibility::Private => "private",
            Visibility::Direct => "direct",
        }
    }

    pub fn code(self) -> i16 {
        self as i16
    }

    /// Unknown codes read as the narrowest audience, so a bad row can never widen who sees a post.
    pub fn from_code(code: i16) -> Self {
        Self::ALL
            .into_iter()
            .find(|v| v.code() == code)
            .unwrap_or(Visibility::Direct)
    }

    /// Whether anyone may see it (public or unlisted). Only such posts may be reblogged, and only such
    /// replies show in the parent's public reply count.
    pub fn is_open(self) -> bool {
        self <= Visibility::Unlisted
    }

    /// Whether it counts in the author's public post count: direct messages do not, as in Mastodon.
    pub fn counts_as_post(self) -> bool {
        self != Visibility::Direct
    }
}

/// What is known about one viewer and one status's author.
#[derive(Debug, Clone, Copy, Default)]
pub struct Audience {
    pub is_author: bool,
    pub follows_author: bool,
    pub is_mentioned: bool,
    /// Either has blocked the other.
    pub blocked: bool,
}

/// The rule: authors see their own posts; a block hides everything both ways; otherwise the visibility
/// decides. Anonymous viewers are an `Audience::default()`.
pub fn can_see(visibility: Visibility, who: Audience) -> bool {
    if who.is_author {
        return true;
    }
    if who.blocked {
        return false;
    }
    match visibility {
        Visibility::Public | Visibility::Unlisted => true,
        Visibility::Private => who.follows_author || who.is_mentioned,
        Visibility::Direct => who.is_mentioned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_is_narrowest() {
        for v in Visibility::ALL {
            assert_eq!(Visibility::from_code(v.code()), v);
            assert_eq!(Visibility::parse(v.as_str()), Some(v));
        }
        assert_eq!(Visibility::from_code(42), Visibility::Direct);
        assert_eq!(Visibility::parse("followers"), None);
    }

    #[test]
    fn audiences() {
        let stranger = Audience::default();
        let follower = Audience {
            follows_author: true,
            ..stranger
        };
        let mentioned = Audience {
            is_mentioned: true,
            ..stranger
        };
        let blocked_follower = Audience {
            blocked: true,
            ..follower
        };
        assert!(can_see(Visibility::Public, stranger));
        assert!(can_see(Visibility::Unlisted, stranger));
        assert!(!can_see(Visibility::Private, stranger));
        assert!(can_see(Visibility::Private, follower));
        assert!(can_see(Visibility::Private, mentioned));
        assert!(!can_see(Visibility::Direct, follower));
        assert!(can_see(Visibility::Direct, mentioned));
        assert!(!can_see(Visibility::Public, blocked_follower));
        let author = Audience {
            is_author: true,
            ..stranger
        };
        assert!(can_see(Visibility::Direct, author));
    }

    #[test]
    fn only_public_and_unlisted_are_open_and_direct_is_not_counted() {
        assert!(Visibility::Public.is_open());
        assert!(Visibility::Unlisted.is_open());
        assert!(!Visibility::Private.is_open());
        assert!(!Visibility::Direct.is_open());
        assert!(Visibility::Private.counts_as_post());
        assert!(!Visibility::Direct.counts_as_post());
    }
}
