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

/// Posts in a tag that count for an author's place: past this, posting more earns nothing, so flooding a tag
/// does not buy the top of a newcomer's list.
pub const COUNTED_POSTS: usize = 5;

/// Authors of `(tag, author)` posts (newest first), by their posts in one tag up to [`COUNTED_POSTS`], then by
/// who posted most recently.
pub fn most_active<A: Ord + Hash + Copy, T: Eq + Hash + Copy + Ord>(
    rows: &[(T, A)],
) -> Vec<TagPick<A, T>> {
    let mut counts: HashMap<(A, T), usize> = HashMap::new();
    let mut latest: HashMap<A, usize> = HashMap::new();
    for (i, &(tag, author)) in rows.iter().enumerate() {
        *counts.entry((author, tag)).or_default() += 1;
        latest.entry(author).or_insert(i);
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
    picks.sort_by(|a, b| {
        b.posts
            .min(COUNTED_POSTS)
            .cmp(&a.posts.min(COUNTED_POSTS))
            .then(latest[&a.author].cmp(&latest[&b.author]))
    });
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

        // Newest first: 12 posted last, once; 11 three times in tag 2; 10 twice in tag 1 and once in tag 2.
        let rows = [
            (1, 12),
            (1, 10),
            (1, 10),
            (2, 10),
            (2, 11),
            (2, 11),
            (2, 11),
        ];
        let order: Vec<(u32, u32, usize)> = most_active(&rows)
            .iter()
            .map(|p| (p.author, p.tag, p.posts))
            .collect();
        assert_eq!(order, [(11, 2, 3), (10, 1, 2), (12, 1, 1)]);
        // Past COUNTED_POSTS, more posts earn nothing: the flooder and the steady poster tie, and the one who
        // posted last comes first.
        let mut rows = vec![(1, 20); 5];
        rows.extend(vec![(1, 30); 50]);
        let picks = most_active(&rows);
        assert_eq!((picks[0].author, picks[1].author), (20, 30));
        assert_eq!(
            picks[1].posts, 50,
            "the count itself stays, for the explanation"
        );
    }
}
