//! What a notification is about. Stored and shown under Mastodon's names.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotificationKind {
    /// Someone mentioned the account in a post.
    Mention,
    /// Someone reblogged the account's post.
    Reblog,
    /// Someone favourited the account's post.
    Favourite,
    /// Someone followed the account.
    Follow,
    /// Someone asked to follow the (locked) account.
    FollowRequest,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 5] = [
        NotificationKind::Mention,
        NotificationKind::Reblog,
        NotificationKind::Favourite,
        NotificationKind::Follow,
        NotificationKind::FollowRequest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Mention => "mention",
            NotificationKind::Reblog => "reblog",
            NotificationKind::Favourite => "favourite",
            NotificationKind::Follow => "follow",
            NotificationKind::FollowRequest => "follow_request",
        }
    }

    /// The kind a Mastodon type name stands for; `None` for types this service never produces (a filter
    /// naming only those matches nothing).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NotificationKind::parse("poll"), None);
        assert_eq!(NotificationKind::parse("Mention"), None);
    }
}
