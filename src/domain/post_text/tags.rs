//! Hashtags: `#` (or the full-width `＃` Japanese keyboards type) and a name of letters, combining marks,
//! digits and `_` in any script, holding at least one letter. Like twitter-text, a few signs that live inside
//! words also count (Hebrew maqaf and gershayim, the Japanese long-vowel and iteration marks, the Tibetan
//! tsheg …); like Mastodon, the middle dots `·` and `・` count only between other characters
//! (`#il·lusió`). A tag must not follow a word character, `&` (HTML entities) or `/` (URL paths), and is
//! dropped when glued to another `#` or to `://`. The name is kept as written; its key is the lowercase form.

use unicode_segmentation::UnicodeSegmentation;

use super::chars::{base_before, joiner_allowed};
use super::count::MAX_CHARS;
use super::hygiene::MAX_BYTES;
use super::parse::TagRef;

const SEPARATORS: [char; 2] = ['\u{00B7}', '\u{30FB}'];
const INSIDE_WORDS: [char; 13] = [
    '_', '\u{A67E}', '\u{05BE}', '\u{05F3}', '\u{05F4}', '\u{FF5E}', '\u{301C}', '\u{309B}',
    '\u{309C}', '\u{30A0}', '\u{3003}', '\u{0F0B}', '\u{0F0C}',
];

/// Characters a tag name may start a grapheme with (combining marks come along inside graphemes).
pub(crate) fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || INSIDE_WORDS.contains(&c) || SEPARATORS.contains(&c)
}

/// Every hashtag in `text`, in order (links are filtered out by the caller).
pub(crate) fn find_tags(text: &str) -> Vec<TagRef> {
    let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    graphemes
        .iter()
        .enumerate()
        .filter(|(_, (_, g))| *g == "#" || *g == "＃")
        .filter_map(|(i, &(start, g))| tag_at(text, &graphemes[i + 1..], start, g.len()))
        .collect()
}

fn tag_at(text: &str, rest: &[(usize, &str)], start: usize, sigil: usize) -> Option<TagRef> {
    if base_before(text, start).is_some_and(|c| is_tag_char(c) || c == '&' || c == '/') {
        return None;
    }
    let name_start = start + sigil;
    let name = text[name_start..name_end(text, rest, name_start)].trim_end_matches(SEPARATORS);
    let end = name_start + name.len();
    if name.starts_with(SEPARATORS) || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    let after = &text[end..];
    if after.starts_with(['#', '＃']) || after.starts_with("://") {
        return None;
    }
    Some(TagRef {
        name: name.to_owned(),
        range: start..end,
    })
}

/// Where the run of name graphemes after the sigil ends. A ZWNJ or ZWJ that the script does not need ends
/// it there (and hygiene refuses the post).
fn name_end(text: &str, rest: &[(usize, &str)], name_start: usize) -> usize {
    let mut end = name_start;
    for &(at, g) in rest {
        if !g.chars().next().is_some_and(is_tag_char) {
            break;
        }
        let stray_joiner = g
            .char_indices()
            .find(|&(i, c)| (c == '\u{200C}' || c == '\u{200D}') && !joiner_allowed(text, at + i));
        if let Some((i, _)) = stray_joiner {
            return at + i;
        }
        end = at + g.len();
    }
    end
}

/// The key under which a tag is stored and looked up: its name in lowercase (Unicode).
pub(crate) fn key(name: &str) -> String {
    name.to_lowercase()
}

/// Checks a tag name given alone (e.g. the `:name` of `/tags/:name`, without `#`) and returns its key, or
/// None when no post could hold it as a tag: not a valid name, or longer than a post may be.
pub fn normalize_tag(name: &str) -> Option<String> {
    if name.len() > MAX_BYTES || name.graphemes(true).count() >= MAX_CHARS {
        return None;
    }
    let text = format!("#{name}");
    match find_tags(&text).as_slice() {
        [tag] if tag.range == (0..text.len()) => Some(tag.key()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find_tags(text).into_iter().map(|t| t.name).collect()
    }

    #[test]
    fn finds_tags_in_any_script() {
        assert_eq!(
            names("#Rust and #café, #日本語!"),
            ["Rust", "café", "日本語"]
        );
        assert_eq!(names("#il·lusió #tag· #·x"), ["il·lusió", "tag"]);
        assert_eq!(names("＃ｈａｓｈ #a_b #1st"), ["ｈａｓｈ", "a_b", "1st"]);
        assert_eq!(names("#می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
        assert_eq!(names("✌\u{FE0F}#tag 👩‍💻#dev"), ["tag", "dev"]);
    }

    #[test]
    fn not_tags() {
        for text in [
            "#123",
            "#_",
            "a#tag",
            "é#tag",
            "&#39;",
            "x.org/#frag",
            "#tag#more",
            "#http://x",
            "# tag",
            "#️⃣",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn stray_joiners_end_the_tag() {
        assert_eq!(names("#jo\u{200D}b"), ["jo"]);
        assert_eq!(names("#jo\u{200B}b"), ["jo"]);
    }

    #[test]
    fn keys_are_lowercase_and_checked() {
        assert_eq!(normalize_tag("RustLang").as_deref(), Some("rustlang"));
        assert_eq!(normalize_tag("Café").as_deref(), Some("café"));
        assert_eq!(normalize_tag("ÅNGSTRÖM").as_deref(), Some("ångström"));
        for bad in [
            "",
            "123",
            "#rust",
            "two words",
            "tag.",
            "a/b",
            "x\u{200B}y",
            "·x",
        ] {
            assert_eq!(normalize_tag(bad), None, "{bad}");
        }
        assert!(normalize_tag(&"a".repeat(MAX_CHARS - 1)).is_some());
        assert_eq!(normalize_tag(&"a".repeat(MAX_CHARS)), None);
    }
}
