//! The cold start's hashtag picks: the tags a viewer uses most, and the accounts posting most in them lately.

use std::collections::HashMap;
use std::hash::Hash;

/// How many of the viewer's tags are looked at.
pub const TAGS_LOOKED_AT: usize = 3;

/// The `k` tags `used` names most (one entry per post and tag), most used first; ties go to the one used most
/// recently (`used` is newest first).
pub fn favourite_tags<T: Eq + Hash + Clone>(used: &[T], k: usize) -> Vec<T> {
    let mut counts: HashMap<&T, (usize, usize)> = HashMap::new();
    for (i, tag) in used.iter().enumerate() {
        counts.entry(tag).or_insert((0, i)).0 += 1;
    }
    let mut ranked: Vec<(&T, (usize, usize))> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    ranked.into_iter().take(k).map(|(t, _)| t.clone()).collect()
}

/// One account that posts in the viewer's tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagPick<A, T> {
    pub author: A,
    /// The tag it posted in most.
    pub tag: T,
    /// Its posts in that tag.
    pub posts: usize,
}

/// Authors of `(tag, author)` posts, most posts in one tag first (ties by author).
pub fn most_active<A: Ord + Hash + Copy, T: Eq + Hash + Copy + Ord>(
    rows: &[(T, A)],
) -> Vec<TagPick<A, T>> {
    let mut counts: HashMap<(A, T), usize> = HashMap::new();
    for &(tag, author) in rows {
        *counts.entry((author, tag)).or_default() += 1;
    }
    let mut best: HashMap<A, (T, usize)> = HashMap::new();
    for ((author, tag), n) in counts {
        let entry = best.entry(author).or_insert((tag, n));
        if n > entry.1 || (n == entry.1 && tag < entry.0) {
            *entry = (tag, n);
        }
    }
    let mut picks: Vec<TagPick<A, T>> = best
        .into_iter()
        .map(|(author, (tag, posts))| TagPick { author, tag, posts })
        .collect();
    picks.sort_by(|a, b| b.posts.cmp(&a.posts).then(a.author.cmp(&b.author)));
    picks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_used_tags_and_their_busiest_authors() {
        // Newest first: "rust" three times, "jobs" twice, "cats" once.
        let used = ["jobs", "rust", "cats", "rust", "jobs", "rust"];
        assert_eq!(favourite_tags(&used, 2), ["rust", "jobs"]);
        assert_eq!(
            favourite_tags(&["b", "a"], 1),
            ["b"],
            "a tie goes to the newer"
        );

        let rows = [
            (1, 10),
            (1, 10),
            (2, 10),
            (2, 11),
            (2, 11),
            (2, 11),
            (1, 12),
        ];
        let picks = most_active(&rows);
        assert_eq!(
            picks,
            [
                TagPick {
                    author: 11,
                    tag: 2,
                    posts: 3
                },
                TagPick {
                    author: 10,
                    tag: 1,
                    posts: 2
                },
                TagPick {
                    author: 12,
                    tag: 1,
                    posts: 1
                },
            ]
        );
    }
}
