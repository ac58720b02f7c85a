//! The text of a generated post: a sentence from `vocabulary`, the post's mentions and hashtags, checked
//! with the server's own rule (`domain::post_text::validate`), so every post is one the API would accept.
//! Pure: the text of post `k` depends only on the seed, `k` and its plan.

use rand::seq::SliceRandom;
use rand::Rng;

use super::random::stream;
use super::vocabulary::{
    CITIES, COMPANIES, OFFERS, PLAIN, REPLIES, ROLES, SEEKERS, TAGS, WITH_MENTIONS,
};
use crate::domain::post_text;

/// What kind of post the text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Plain,
    Reply,
    Offer,
    Seeker,
}

/// What the text must hold: exactly these mentions (usernames) and hashtags (indexes into `TAGS`).
pub struct Plan<'a> {
    pub voice: Voice,
    pub mentions: &'a [String],
    pub tags: &'a [u16],
}

/// The text of post `k`. Sentences that do not fit are redrawn; the fallback always fits (three mentions
/// of the longest generated username and two tags come to well under 140).
pub fn compose(seed: u64, k: u64, plan: &Plan) -> String {
    let mut rng = stream(seed ^ k.wrapping_mul(0x2545_f491_4f6c_dd1d), 30);
    for _ in 0..6 {
        let text = assemble(plan, sentence(plan, &mut rng));
        if post_text::validate("", &text).is_ok() {
            return text;
        }
    }
    assemble(plan, "Thanks!".to_owned())
}

fn sentence(plan: &Plan, rng: &mut impl Rng) -> String {
    let mentioned = !plan.mentions.is_empty();
    let bank = match plan.voice {
        Voice::Reply => REPLIES,
        Voice::Offer => OFFERS,
        Voice::Seeker => SEEKERS,
        Voice::Plain if mentioned => WITH_MENTIONS,
        Voice::Plain => PLAIN,
    };
    let template = bank.choose(rng).expect("a non-empty bank");
    let mut out = template
        .replace("{role}", pick(ROLES, rng))
        .replace("{company}", pick(COMPANIES, rng))
        .replace("{city}", pick(CITIES, rng))
        .replace("{n}", &rng.gen_range(2..40).to_string());
    if out.contains("{m}") {
        out = out.replace("{m}", &joined(plan.mentions));
    }
    out
}

fn pick<'a>(words: &[&'a str], rng: &mut impl Rng) -> &'a str {
    words.choose(rng).expect("a non-empty list")
}

/// `@a`, `@a and @b`, `@a, @b and @c`.
fn joined(mentions: &[String]) -> String {
    let at: Vec<String> = mentions.iter().map(|m| format!("@{m}")).collect();
    match at.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Puts the sentence together with whatever of the plan it does not already hold: mentions in front (as
/// replies have them) unless the sentence named them, `#opentowork` in front of a seeker's post, the other
/// tags at the end.
fn assemble(plan: &Plan, sentence: String) -> String {
    let mut text = String::new();
    let named = sentence.contains('@');
    if !plan.mentions.is_empty() && !named {
        text.push_str(&joined_plain(plan.mentions));
        text.push(' ');
    }
    let mut tags: Vec<u16> = plan.tags.to_vec();
    if plan.voice == Voice::Seeker {
        if let Some(i) = tags
            .iter()
            .position(|&t| t == super::vocabulary::OPEN_TO_WORK)
        {
            text.push('#');
            text.push_str(TAGS[tags.remove(i) as usize]);
            text.push(' ');
        }
    }
    text.push_str(&sentence);
    for t in tags {
        text.push_str(" #");
        text.push_str(TAGS[t as usize]);
    }
    text
}

/// Mentions as a reply starts: `@a @b`.
fn joined_plain(mentions: &[String]) -> String {
    mentions
        .iter()
        .map(|m| format!("@{m}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::post_text::{count, parse, MAX_CHARS};

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// Every voice with every number of mentions and tags gives a valid post whose parsed mentions and tags
    /// are exactly the plan: the rows the seed writes agree with the text.
    #[test]
    fn texts_are_valid_and_hold_exactly_the_plan() {
        let mention_sets = [
            names(&[]),
            names(&["user7"]),
            names(&["user999999", "user12"]),
            names(&["user999998", "user999997", "user999996"]),
        ];
        let tag_sets: [&[u16]; 4] = [&[], &[0], &[1, 5], &[3, 19]];
        let voices = [Voice::Plain, Voice::Reply, Voice::Offer, Voice::Seeker];
        let mut k = 0;
        for voice in voices {
            for mentions in &mention_sets {
                for tags in tag_sets {
                    for _ in 0..40 {
                        k += 1;
                        let plan = Plan {
                            voice,
                            mentions,
                            tags,
                        };
                        let text = compose(9, k, &plan);
                        assert!(post_text::validate("", &text).is_ok(), "{text}");
                        assert!(count("", &text) <= MAX_CHARS);
                        let parsed = parse(&text);
                        let got: Vec<&str> = parsed
                            .mentions
                            .iter()
                            .map(|m| m.username.as_str())
                            .collect();
                        let mut want: Vec<&str> = mentions.iter().map(String::as_str).collect();
                        let mut got_sorted = got.clone();
                        got_sorted.sort();
                        want.sort();
                        assert_eq!(got_sorted, want, "{text}");
                        assert!(parsed.mentions.iter().all(|m| m.domain.is_none()));
                        let mut got_tags: Vec<String> =
                            parsed.tags.iter().map(|t| t.key()).collect();
                        let mut want_tags: Vec<String> = tags
                            .iter()
                            .map(|&t| TAGS[t as usize].to_lowercase())
                            .collect();
                        got_tags.sort();
                        want_tags.sort();
                        assert_eq!(got_tags, want_tags, "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn same_post_same_text() {
        let mentions = names(&["user3"]);
        let plan = Plan {
            voice: Voice::Plain,
            mentions: &mentions,
            tags: &[4],
        };
        assert_eq!(compose(1, 77, &plan), compose(1, 77, &plan));
    }
}
