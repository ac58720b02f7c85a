//! Why an account is suggested, in words ("Followed by @sam and 4 others in your circle · hiring"), and the
//! reason's names in Mastodon's `sources` vocabulary.
//!
//! Only what is public is said: follows (Mastodon lists them), and mentions, replies, reposts and favourites,
//! which the graph takes from public and unlisted posts only (`service::posting`, `service::interactions`). A
//! member the caller cannot name (`name` gives `None`) is counted, never named.

use super::rank::{Flags, LinkKind, Suggested};

/// Why an account is suggested, as Mastodon names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// From the viewer's circle of trust (the graph).
    FriendsOfFriends,
    /// Cold start: widely followed.
    MostFollowed,
    /// Cold start: much talked to lately, or posting in the tags the viewer uses.
    MostInteractions,
}

impl Source {
    /// The value in the Suggestion entity's `sources` (Mastodon 4.3).
    pub fn name(self) -> &'static str {
        match self {
            Source::FriendsOfFriends => "friends_of_friends",
            Source::MostFollowed => "most_followed",
            Source::MostInteractions => "most_interactions",
        }
    }

    /// The deprecated single `source` (Mastodon before 4.3) that older clients read.
    pub fn legacy(self) -> &'static str {
        match self {
            Source::FriendsOfFriends => "past_interactions",
            Source::MostFollowed | Source::MostInteractions => "global",
        }
    }
}

/// The sentence for a suggestion from the graph, and the accounts it names (the member, when named). `viewer`
/// and `suggested` are the two accounts' job flags, for the complementary one's word.
pub fn from_graph(
    item: &Suggested,
    viewer: Flags,
    suggested: Flags,
    name: &dyn Fn(u32) -> Option<String>,
) -> (String, Vec<u32>) {
    let mut path = Vec::new();
    let mut text = match (item.by, item.viewer_link) {
        (Some((member, kind)), _) => {
            let verb = by_verb(kind);
            match name(member) {
                Some(n) => {
                    path.push(member);
                    match item.others {
                        0 => format!("{verb} @{n}"),
                        1 => format!("{verb} @{n} and 1 other in your circle"),
                        k => format!("{verb} @{n} and {k} others in your circle"),
                    }
                }
                None => match item.others + 1 {
                    1 => format!("{verb} someone in your circle"),
                    k => format!("{verb} {k} people in your circle"),
                },
            }
        }
        (None, Some(kind)) => your_own(kind).to_owned(),
        (None, None) => "Close to your circle".to_owned(),
    };
    if item.reposters > 0 && item.by.is_none_or(|(_, k)| k != LinkKind::Reposted) {
        match item.reposters {
            1 => text.push_str(" · reposted by 1 in your circle"),
            k => text.push_str(&format!(" · reposted by {k} in your circle")),
        }
    }
    if item.complementary {
        text.push_str(if viewer.open_to_work && suggested.hiring {
            " · hiring"
        } else {
            " · open to work"
        });
    }
    (text, path)
}

fn by_verb(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Follows => "Followed by",
        LinkKind::Reposted => "Reposted by",
        LinkKind::Mentioned => "Mentioned by",
        LinkKind::Favourited => "Favourited by",
    }
}

fn your_own(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Reposted => "You reposted them lately",
        LinkKind::Mentioned => "You talked with them lately",
        LinkKind::Favourited => "You favourited their posts lately",
        // Whom the viewer follows is never suggested; a follow the graph has not yet dropped reads like this.
        LinkKind::Follows => "You interact with them",
    }
}

/// The sentence for a popular account (cold start).
pub fn popular(followers: i64, mostly_followed: bool) -> (Source, String) {
    let people = match followers {
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    };
    if mostly_followed {
        (
            Source::MostFollowed,
            format!("Popular here: followed by {people}"),
        )
    } else {
        (
            Source::MostInteractions,
            format!("Much talked to lately · followed by {people}"),
        )
    }
}

/// The sentence for an account that posts in a tag the viewer uses.
pub fn tagged(tag: &str, posts: usize) -> (Source, String) {
    let text = match posts {
        1 => format!("Posted in #{tag}, a tag you use"),
        n => format!("Posted {n} times in #{tag}, a tag you use"),
    };
    (Source::MostInteractions, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(by: Option<(u32, LinkKind)>, others: u32, reposters: u32) -> Suggested {
        Suggested {
            account: 9,
            score: 1.0,
            by,
            others,
            viewer_link: None,
            reposters,
            complementary: false,
        }
    }

    #[test]
    fn sentences_name_the_strongest_member_and_count_the_rest() {
        let sam = |a: u32| (a == 1).then(|| "sam".to_owned());
        let (seeker, recruiter) = (Flags::OPEN_TO_WORK, Flags::HIRING);
        let (text, path) = from_graph(
            &item(Some((1, LinkKind::Follows)), 4, 0),
            seeker,
            recruiter,
            &sam,
        );
        assert_eq!(text, "Followed by @sam and 4 others in your circle");
        assert_eq!(path, [1]);
        let mut tipped = item(Some((1, LinkKind::Follows)), 1, 3);
        tipped.complementary = true;
        assert_eq!(
            from_graph(&tipped, seeker, recruiter, &sam).0,
            "Followed by @sam and 1 other in your circle · reposted by 3 in your circle · hiring"
        );
        let both = Flags {
            open_to_work: true,
            hiring: true,
        };
        assert!(
            from_graph(&tipped, both, seeker, &sam)
                .0
                .ends_with(" · open to work"),
            "a viewer who is hiring (and looking too) meets a seeker"
        );
        let (text, path) = from_graph(
            &item(Some((2, LinkKind::Reposted)), 2, 3),
            seeker,
            recruiter,
            &sam,
        );
        assert_eq!(
            text, "Reposted by 3 people in your circle",
            "unnamed, and no second repost line"
        );
        assert!(path.is_empty());
        let mut own = item(None, 0, 0);
        own.viewer_link = Some(LinkKind::Mentioned);
        assert_eq!(
            from_graph(&own, seeker, recruiter, &sam).0,
            "You talked with them lately"
        );
    }

    #[test]
    fn cold_start_sentences_carry_their_source() {
        assert_eq!(
            popular(1204, true),
            (
                Source::MostFollowed,
                "Popular here: followed by 1204 people".to_owned()
            )
        );
        assert_eq!(popular(1, false).0, Source::MostInteractions);
        assert_eq!(
            tagged("rustjobs", 3).1,
            "Posted 3 times in #rustjobs, a tag you use"
        );
        assert_eq!(Source::FriendsOfFriends.legacy(), "past_interactions");
        assert_eq!(Source::MostFollowed.name(), "most_followed");
    }
}
