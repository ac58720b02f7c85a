//! Job detection: the rules of [`JobRules`] applied to one post.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use super::rules::{once_per_rules, JobRules, PerRules};
use super::{JobKind, JobSignal};
use crate::domain::post_text;
use crate::domain::search_terms::fold;

/// What kind of job post `text` is by the rules alone, how sure they are, and which signals fired.
///
/// Each signal adds its weight to the offer side, the seeking side or (topic hashtags) both; each negative
/// phrase takes its weight off both. A side's evidence becomes a score by `1 − e^(−evidence)`, and the
/// stronger side is reported when its score reaches [`JobRules::threshold`] and the text itself holds at
/// least one signal of that kind: topic hashtags and the author's hiring flag never decide alone (the flag
/// is counted only next to offer evidence in the text). Longer phrases win: an entry whose words lie
/// inside a longer entry that fired, of any list, is not counted (`apply` in "apply now", `looking for a`
/// in "i'm looking for a", `dm me` in the negative "dm me for the recipe"). Ties go to offers. Ordinary posts get no kind and score 0; `signals` still lists what
/// fired (negatives as `not: …`) so a reader can see why.
pub fn apply_rules(rules: &JobRules, text: &str, author_hiring: bool) -> JobSignal {
    let parsed = post_text::parse(text);
    let mut ev = Evidence::default();

    let lists = compiled(rules);
    let mut keys: Vec<String> = parsed.tags.iter().map(|t| t.key()).collect();
    keys.dedup();
    for key in keys {
        if lists.offer_hashtags.contains(&key) {
            ev.add(Side::Offer, rules.hashtag_weight, format!("#{key}"));
        } else if lists.seeking_hashtags.contains(&key) {
            ev.add(Side::Seeking, rules.hashtag_weight, format!("#{key}"));
        } else if lists.topic_hashtags.contains(&key) {
            ev.add(Side::Both, rules.topic_hashtag_weight, format!("#{key}"));
        }
    }

    let blanked = blank(
        text,
        parsed
            .tags
            .iter()
            .map(|t| t.range.clone())
            .chain(parsed.urls.iter().map(|u| u.range.clone()))
            .chain(parsed.mentions.iter().map(|m| m.range.clone())),
    );
    let words = normalize(&blanked);
    let weighted = [
        (
            Side::Offer,
            rules.phrase_weight,
            &lists.offer_phrases,
            "phrase",
        ),
        (Side::Offer, rules.hint_weight, &lists.offer_hints, "phrase"),
        (
            Side::Seeking,
            rules.phrase_weight,
            &lists.seeking_phrases,
            "phrase",
        ),
        (
            Side::Seeking,
            rules.hint_weight,
            &lists.seeking_hints,
            "phrase",
        ),
        (
            Side::Both,
            -rules.negative_weight,
            &lists.negative_phrases,
            "not",
        ),
    ];
    let tokens: Vec<&str> = words.split_whitespace().collect();
    let fired: Vec<(Side, f32, String, &str)> = weighted
        .into_iter()
        .flat_map(|(side, weight, list, label)| {
            let tokens = &tokens;
            let words = &words;
            list.iter()
                .filter(move |p| p.found_in(words, tokens))
                .map(move |p| {
                    (
                        side,
                        weight,
                        format!("{label}: {}", p.entry),
                        p.normalized.as_str(),
                    )
                })
        })
        .collect();
    for (side, weight, signal, needle) in &fired {
        let explained = fired
            .iter()
            .any(|(_, _, _, other)| other.len() > needle.len() && other.contains(needle));
        if !explained {
            ev.add(*side, *weight, signal.clone());
        }
    }
    if let Some(amount) = pay(&fold(&blank(
        text,
        parsed.urls.iter().map(|u| u.range.clone()),
    ))) {
        ev.add(Side::Offer, rules.pay_weight, format!("pay: {amount}"));
    }

    for url in &parsed.urls {
        let Ok(parsed_url) = url::Url::parse(&url.url) else {
            continue;
        };
        let host = parsed_url.host_str().unwrap_or_default().to_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
        if rules.link_hosts.iter().any(|h| host_matches(&host, h)) {
            ev.add(Side::Offer, rules.link_host_weight, format!("link: {host}"));
        }
        let segments: Vec<String> = parsed_url
            .path_segments()
            .map(|s| s.map(str::to_lowercase).collect())
            .unwrap_or_default();
        if let Some(path) = rules.link_paths.iter().find(|p| {
            let p = p.trim_matches('/').to_lowercase();
            !p.is_empty() && segments.contains(&p)
        }) {
            ev.add(Side::Offer, rules.link_path_weight, format!("link: {path}"));
        }
    }

    if author_hiring && ev.offer_in_text {
        ev.add(
            Side::Offer,
            rules.author_hiring_weight,
            "author: hiring".to_owned(),
        );
    }
    ev.decide(rules.threshold)
}

#[derive(Clone, Copy)]
enum Side {
    Offer,
    Seeking,
    Both,
}

#[derive(Default)]
struct Evidence {
    offer: f32,
    seeking: f32,
    offer_in_text: bool,
    seeking_in_text: bool,
    /// Each signal once per side, so a phrase listed for both kinds counts for both.
    counted: Vec<(u8, String)>,
    signals: Vec<String>,
}

impl Evidence {
    fn add(&mut self, side: Side, weight: f32, signal: String) {
        let key = (side as u8, signal);
        if self.counted.contains(&key) {
            return;
        }
        self.counted.push(key.clone());
        let signal = key.1;
        match side {
            Side::Offer => {
                self.offer += weight;
                self.offer_in_text |= weight > 0.0 && !signal.starts_with("author:");
            }
            Side::Seeking => {
                self.seeking += weight;
                self.seeking_in_text |= weight > 0.0;
            }
            Side::Both => {
                self.offer += weight;
                self.seeking += weight;
            }
        }
        if !self.signals.contains(&signal) {
            self.signals.push(signal);
        }
    }

    fn decide(self, threshold: f32) -> JobSignal {
        let score = |evidence: f32| 1.0 - (-evidence.max(0.0)).exp();
        let (kind, evidence, in_text) = if self.offer >= self.seeking {
            (JobKind::Offer, self.offer, self.offer_in_text)
        } else {
            (JobKind::Seeking, self.seeking, self.seeking_in_text)
        };
        let score = score(evidence);
        if in_text && score >= threshold {
            JobSignal {
                kind: Some(kind),
                score,
                signals: self.signals,
            }
        } else {
            JobSignal {
                kind: None,
                score: 0.0,
                signals: self.signals,
            }
        }
    }
}

/// `host` (without `www.`) against one `link_hosts` entry: `jobs.` is a prefix, anything else a domain
/// that the host is or is under.
fn host_matches(host: &str, entry: &str) -> bool {
    let entry = entry.trim().to_lowercase();
    let entry = entry.strip_prefix("www.").unwrap_or(&entry);
    if entry.is_empty() {
        return false;
    }
    if entry.ends_with('.') {
        return host.starts_with(entry);
    }
    host == entry || host.ends_with(&format!(".{entry}"))
}

/// `text` with the given byte ranges replaced by spaces.
pub(super) fn blank(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> String {
    let mut ranges: Vec<Range<usize>> = ranges.collect();
    ranges.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for r in ranges {
        if r.start >= pos {
            out.push_str(&text[pos..r.start]);
            out.push(' ');
            pos = r.end;
        }
    }
    out.push_str(&text[pos.min(text.len())..]);
    out
}

/// Words of folded text for phrase matching: ` w1 w2 | w3 `. Letters, digits and apostrophes (curly ones
/// made straight) make words; whitespace, `-`, `/` and `_` separate them; any other character is a break
/// (`|`, or `?` after a question) that a phrase only crosses if it spells one, as in `"wanted:"`.
pub(crate) fn normalize(s: &str) -> String {
    let mut spaced = String::with_capacity(s.len() + 8);
    for c in fold(s).chars() {
        match c {
            c if c.is_alphanumeric() => spaced.push(c),
            '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' => spaced.push('\''),
            c if c.is_whitespace() || matches!(c, '-' | '/' | '_' | '\u{2010}' | '\u{2011}') => {
                spaced.push(' ')
            }
            '?' => spaced.push_str(" ? "),
            _ => spaced.push_str(" | "),
        }
    }
    let mut out = String::from(" ");
    let mut last_break = true;
    for word in spaced.split_whitespace() {
        let word = word.trim_matches('\'');
        let is_break = word == "|" || word == "?";
        if word.is_empty() || (is_break && last_break) {
            continue;
        }
        last_break = is_break;
        out.push_str(word);
        out.push(' ');
    }
    out
}

/// The rules' lists made ready for matching: hashtags as keys, phrases split and normalized. Built once per set
/// of rules (normalizing every entry for every post cost more than all the rest of detection).
struct Lists {
    offer_hashtags: HashSet<String>,
    seeking_hashtags: HashSet<String>,
    topic_hashtags: HashSet<String>,
    offer_phrases: Vec<Phrase>,
    offer_hints: Vec<Phrase>,
    seeking_phrases: Vec<Phrase>,
    seeking_hints: Vec<Phrase>,
    negative_phrases: Vec<Phrase>,
}

/// One phrase entry. It may hold `...` for a gap of up to [`GAP_WORDS`] words within one sentence:
/// `"looking for ... work"`.
struct Phrase {
    /// As the rules list it (what the signal names).
    entry: String,
    /// As [`normalize`] makes it, for finding phrases inside longer ones.
    normalized: String,
    /// The words of each part between gaps.
    parts: Vec<Vec<String>>,
}

impl Phrase {
    /// Whether the phrase is in `words` (as [`normalize`] made them; `tokens` are their words).
    fn found_in(&self, words: &str, tokens: &[&str]) -> bool {
        match self.parts.as_slice() {
            [_] => words.contains(&self.normalized),
            _ => (0..tokens.len()).any(|at| gapped(&tokens[at..], &self.parts)),
        }
    }
}

impl Lists {
    fn new(rules: &JobRules) -> Lists {
        let keys = |list: &[String]| {
            list.iter()
                .filter_map(|t| post_text::normalize_tag(t.trim_start_matches('#')))
                .collect()
        };
        let phrases = |list: &[String]| {
            let mut out: Vec<Phrase> = Vec::new();
            for entry in list {
                let parts: Vec<String> = entry.split("...").map(normalize).collect();
                if parts.iter().any(|p| p.trim().is_empty())
                    || out.iter().any(|p| &p.entry == entry)
                {
                    continue;
                }
                out.push(Phrase {
                    entry: entry.clone(),
                    normalized: normalize(entry),
                    parts: parts
                        .iter()
                        .map(|p| p.split_whitespace().map(str::to_owned).collect())
                        .collect(),
                });
            }
            out
        };
        Lists {
            offer_hashtags: keys(&rules.offer_hashtags),
            seeking_hashtags: keys(&rules.seeking_hashtags),
            topic_hashtags: keys(&rules.topic_hashtags),
            offer_phrases: phrases(&rules.offer_phrases),
            offer_hints: phrases(&rules.offer_hints),
            seeking_phrases: phrases(&rules.seeking_phrases),
            seeking_hints: phrases(&rules.seeking_hints),
            negative_phrases: phrases(&rules.negative_phrases),
        }
    }
}

/// The lists of `rules`, built on first use and kept for the life of the process.
fn compiled(rules: &JobRules) -> Arc<Lists> {
    static COMPILED: PerRules<Lists> = Mutex::new(Vec::new());
    once_per_rules(&COMPILED, rules, || Lists::new(rules))
}

/// Most words a `...` in a phrase stands for.
const GAP_WORDS: usize = 3;

/// Whether `tokens` starts with `parts[0]`, followed by each further part after a gap of at most
/// [`GAP_WORDS`] words that are not breaks.
fn gapped(tokens: &[&str], parts: &[Vec<String>]) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return true;
    };
    if tokens.len() < first.len() || tokens.iter().zip(first).any(|(t, f)| t != f) {
        return false;
    }
    let after = &tokens[first.len()..];
    if rest.is_empty() {
        return true;
    }
    (0..=GAP_WORDS.min(after.len()))
        .take_while(|&gap| after[..gap].iter().all(|t| *t != "|" && *t != "?"))
        .any(|gap| gapped(&after[gap..], rest))
}

/// The first amount of pay in folded text: digits next to a currency sign (`€13`, `$70-85k`, `12€`) or
/// followed by a rate (`16/hr`, `20 €/h`).
fn pay(folded: &str) -> Option<String> {
    const CURRENCY: [char; 6] = ['€', '$', '£', '¥', '₹', '₽'];
    let chars: Vec<char> = folded.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if CURRENCY.contains(&c) && (next_digit || prev_digit) {
            let start = if prev_digit {
                digits_back(&chars, i)
            } else {
                i
            };
            let end = if next_digit {
                digits_forward(&chars, i + 1)
            } else {
                i + 1
            };
            return Some(chars[start..end].iter().collect());
        }
        if c == '/' && prev_digit {
            let unit: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if ["h", "hr", "hour", "wk", "week", "day"].contains(&unit.as_str()) {
                let start = digits_back(&chars, i);
                let amount: String = chars[start..i].iter().collect();
                return Some(format!("{amount}/{unit}"));
            }
        }
    }
    None
}

fn digits_back(chars: &[char], mut i: usize) -> usize {
    while i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == ',' || chars[i - 1] == '.') {
        i -= 1;
    }
    i
}

fn digits_forward(chars: &[char], mut i: usize) -> usize {
    while i < chars.len()
        && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], ',' | '.' | '-'))
    {
        i += 1;
    }
    while i > 0 && matches!(chars[i - 1], ',' | '.' | '-') {
        i -= 1;
    }
    i
}
