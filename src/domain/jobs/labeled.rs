//! The labeled posts job detection is measured on, shipped in `labeled.tsv`: one post a line as
//! `label<TAB>split<TAB>text`, label `offer`, `seeking` or `none`. Lines starting with `#` are comments; a
//! comment `# section: NAME …` starts a section: `offers`, `seekers`, then three of posts that are neither:
//! `tips` (job-search advice), `chatter` (everyday posts) and `tricky` (job words used otherwise, gathered on
//! purpose to trip the rules, so far more of them than an ordinary timeline holds). All posts were written for
//! this project. The split says how far each part can be trusted:
//!
//! - `train` and `seen`: the first 431 posts. The rules were written with all of them in view, the `seen` part
//!   too, although it was meant to be held out (some entries of the rules match only those posts): figures on
//!   them flatter the rules.
//! - `dev`: 1,440 posts written later by four writers who never saw the rules or the other posts (320, 400,
//!   400 and 320); the learned model trains on them, and its settings were chosen by leaving one writer out
//!   at a time. The fourth writer's posts were the held-out part until 2026-11-27; their figures had been
//!   looked at twice by then, so they joined dev and two new writers wrote a new held-out part.
//! - `test`: 640 posts by a fifth and a sixth writer (320 each), written the same way, and held out: only
//!   their figures are looked at, never the posts detection gets wrong. The job feed's evaluation draws its
//!   posts from this part too.

use super::JobKind;

const LABELED_TSV: &str = include_str!("labeled.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Seen,
    Dev,
    Test,
}

impl Split {
    pub const ALL: [Split; 4] = [Split::Train, Split::Seen, Split::Dev, Split::Test];

    pub fn as_str(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Seen => "seen",
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabeledPost {
    /// None for posts that are neither offers nor seekers.
    pub label: Option<JobKind>,
    pub split: Split,
    /// The file's section the post sits in (see the module documentation).
    pub section: &'static str,
    /// Who wrote the fresh parts, as the section heading names them ("first", "second", …); empty for the
    /// first 431 posts.
    pub writer: &'static str,
    pub text: &'static str,
}

/// Every post of the shipped set, in file order. Panics on a malformed line (a test reads them all).
pub fn labeled_posts() -> Vec<LabeledPost> {
    let (mut section, mut writer) = ("", "");
    let mut posts = Vec::new();
    for (i, line) in LABELED_TSV.lines().enumerate() {
        if let Some(heading) = line.strip_prefix("# section: ") {
            section = heading.split_whitespace().next().unwrap_or("");
            writer = writer_in(heading);
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            let post = parse_line(line, section, writer);
            posts.push(post.unwrap_or_else(|| panic!("labeled.tsv line {}: {line}", i + 1)));
        }
    }
    posts
}

/// The ordinal before "writer" in a section heading ("…, the dev part, second writer"), or "".
fn writer_in(heading: &'static str) -> &'static str {
    let words: Vec<&str> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .find(|pair| pair[1] == "writer")
        .map_or("", |pair| pair[0])
}

fn parse_line(
    line: &'static str,
    section: &'static str,
    writer: &'static str,
) -> Option<LabeledPost> {
    let mut cols = line.splitn(3, '\t');
    let label = match cols.next()? {
        "offer" => Some(JobKind::Offer),
        "seeking" => Some(JobKind::Seeking),
        "none" => None,
        _ => return None,
    };
    let split = cols.next()?;
    let split = Split::ALL.into_iter().find(|s| s.as_str() == split)?;
    let text = cols.next()?;
    Some(LabeledPost {
        label,
        split,
        section,
        writer,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::post_text;

    #[test]
    fn every_post_is_a_valid_post_of_at_most_140_characters() {
        let posts = labeled_posts();
        for p in &posts {
            let n = post_text::count("", p.text);
            assert!((1..=post_text::MAX_CHARS).contains(&n), "{n}: {}", p.text);
            assert!(post_text::validate("", p.text).is_ok(), "{}", p.text);
        }
    }

    #[test]
    fn the_set_is_large_distinct_and_stratified() {
        let posts = labeled_posts();
        assert!(posts.len() >= 400, "{}", posts.len());
        let mut texts: Vec<&str> = posts.iter().map(|p| p.text).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), posts.len(), "duplicate posts");
        for label in [Some(JobKind::Offer), Some(JobKind::Seeking), None] {
            let of: Vec<_> = posts.iter().filter(|p| p.label == label).collect();
            let test = of.iter().filter(|p| p.split == Split::Test).count();
            assert!(test >= 60, "{label:?}: {test} held out");
            let fresh = of.iter().filter(|p| p.split == Split::Dev).count();
            assert!(
                fresh >= test,
                "{label:?}: a dev part at least as large as the test part"
            );
        }
    }

    #[test]
    fn every_post_sits_in_the_section_of_its_label() {
        for p in labeled_posts() {
            let sections: &[&str] = match p.label {
                Some(JobKind::Offer) => &["offers"],
                Some(JobKind::Seeking) => &["seekers"],
                None => &["tips", "chatter", "tricky"],
            };
            assert!(sections.contains(&p.section), "{}: {}", p.section, p.text);
        }
    }
}
