//! Whether a post may be published: within the 140-character count and free of characters that hide or
//! disguise what it says. The byte caps keep one "character" from carrying a flood of combining marks:
//!
//! - [`MAX_CODE_POINTS_PER_GRAPHEME`] = 16. The longest emoji in use are 11 code points (a family with
//!   skin tones, `🧑🏻‍🧑🏼‍🧒🏽‍🧒🏾`, 41 bytes), subdivision flags 7, and real scripts stack a few marks
//!   (Vietnamese 3, Hebrew with cantillation or a Tibetan stack under 10). More is "Zalgo" text.
//! - [`MAX_BYTES`] = 16 KiB for content warning and text together: 140 of the longest emoji take 5.6 KiB,
//!   140 graphemes at the per-grapheme cap (16 × 4 bytes) 8.75 KiB, leaving room for a few long links.
//! - [`MAX_URL_BYTES`] = 2048 for one link: the length browsers and sitemaps have long held links to.
//!   A link counts as 23 characters however long it is, so this is what bounds it.
//! - [`MAX_MENTIONS`] = 10 different accounts and [`MAX_TAGS`] = 10 different hashtags in one post: enough
//!   to thank a whole panel, few enough that one post cannot notify a crowd (each mention is a notification
//!   and a row) or stuff every tag timeline.
//!
//! `\r\n` is accepted and treated as a newline (counted as one character, rendered as one line break); the
//! text is not rewritten. A lone `\r` is refused.

use unicode_segmentation::UnicodeSegmentation;

use super::chars::{is_zero_width, joiner_allowed};
use super::count::{count, MAX_CHARS};
use super::error::TextError;
use super::parse::parse;
use super::tags::is_tag_char;
use super::urls::find_urls;
use crate::domain::text::is_forbidden;

pub const MAX_BYTES: usize = 16 * 1024;
pub const MAX_CODE_POINTS_PER_GRAPHEME: usize = 16;
pub const MAX_URL_BYTES: usize = 2048;
pub const MAX_MENTIONS: usize = 10;
pub const MAX_TAGS: usize = 10;

/// Checks a post (content warning, text) and returns its count. The cheap checks run first, so a huge
/// input is refused before anything walks it twice.
pub fn validate(spoiler_text: &str, text: &str) -> Result<usize, TextError> {
    let forbid = |what| Err(TextError::Forbidden { what });
    if spoiler_text.len() + text.len() > MAX_BYTES {
        return Err(TextError::TooManyBytes);
    }
    check_characters(spoiler_text)?;
    check_characters(text)?;
    if text.chars().all(|c| c.is_whitespace() || is_zero_width(c)) {
        return Err(TextError::Empty);
    }
    let flood = |s: &str| {
        s.graphemes(true)
            .any(|g| g.chars().count() > MAX_CODE_POINTS_PER_GRAPHEME)
    };
    if flood(spoiler_text) || flood(text) {
        return forbid("a character with too many combining marks");
    }
    if zero_width_in_name(text) {
        return forbid("a zero-width character inside a mention or hashtag");
    }
    for link in find_urls(text) {
        if link.len() > MAX_URL_BYTES {
            return Err(TextError::UrlTooLong);
        }
        if text[link].contains(is_zero_width) {
            return forbid("a zero-width character inside a link");
        }
    }
    let n = count(spoiler_text, text);
    if n > MAX_CHARS {
        return Err(TextError::TooLong { count: n });
    }
    let parsed = parse(text);
    let distinct = |mut keys: Vec<String>| {
        keys.sort();
        keys.dedup();
        keys.len()
    };
    let mentions = distinct(
        parsed
            .mentions
            .iter()
            .map(|m| {
                let domain = m.domain.as_deref().unwrap_or("").to_lowercase();
                format!("{}@{domain}", crate::domain::username::key(&m.username))
            })
            .collect(),
    );
    if mentions > MAX_MENTIONS {
        return Err(TextError::TooManyMentions { count: mentions });
    }
    let tags = distinct(parsed.tags.iter().map(|t| t.key()).collect());
    if tags > MAX_TAGS {
        return Err(TextError::TooManyTags { count: tags });
    }
    Ok(n)
}

fn check_characters(s: &str) -> Result<(), TextError> {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let what = match c {
            '\0' => "a NUL character (U+0000)",
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\r' => "a carriage return that does not end a line",
            c if !is_forbidden(c) => continue,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                "a bidirectional override or isolate"
            }
            _ => "a control character",
        };
        return Err(TextError::Forbidden { what });
    }
    Ok(())
}

/// Whether a zero-width character touches a name after `@`, `#` or `＃` (`@bo\u{200B}b`, `#jo\u{200D}b`,
/// `#\u{2060}job`, `@bob\u{FEFF}`): the name shown would differ from the name stored. Joiners between
/// letters of a script that needs them (`#می‌خواهم`) are part of the word. Deliberately broad: any `@` or `#`
/// starts a name here, whether or not it turns out to be a mention or tag.
fn zero_width_in_name(text: &str) -> bool {
    let mut in_name = false;
    for (at, g) in text.grapheme_indices(true) {
        let first = g.chars().next().unwrap_or(' ');
        let continues = is_tag_char(first) || is_zero_width(first) || ".-".contains(first);
        in_name = matches!(first, '@' | '#' | '＃') || (in_name && continues);
        let stray = |(i, c): (usize, char)| is_zero_width(c) && !joiner_allowed(text, at + i);
        if in_name && g.char_indices().any(stray) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::post_text::URL_WEIGHT;

    fn refused(spoiler: &str, text: &str) -> &'static str {
        match validate(spoiler, text) {
            Err(TextError::Forbidden { what }) => what,
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn the_limit_is_140_graphemes() {
        let family_with_skin_tones = "🧑🏻\u{200D}🧑🏼\u{200D}🧒🏽\u{200D}🧒🏾";
        for unit in [
            "a",
            "\u{e9}",
            "e\u{301}",
            "🇫🇷",
            "👩‍👩‍👧‍👦",
            "👩🏽‍❤️‍💋‍👨🏻",
            family_with_skin_tones,
            "各",
            "ก้",
        ] {
            assert_eq!(validate("", &unit.repeat(140)), Ok(140), "{unit}");
            let over = validate("", &unit.repeat(141));
            assert_eq!(over, Err(TextError::TooLong { count: 141 }), "{unit}");
        }
        assert_eq!(validate("cw", &"a".repeat(138)), Ok(140));
        assert_eq!(
            validate("cw", &"a".repeat(139)),
            Err(TextError::TooLong { count: 141 })
        );
    }

    #[test]
    fn links_and_remote_mentions_at_the_limit() {
        let url = format!("https://example.com/{}", "p".repeat(300));
        let text = format!("{} {url}", "a".repeat(MAX_CHARS - 1 - URL_WEIGHT));
        assert_eq!(validate("", &text), Ok(140));
        assert_eq!(
            validate("", &format!("a{text}")),
            Err(TextError::TooLong { count: 141 })
        );
        let text = format!(
            "@sam@a-rather-long-instance.example.social {}",
            "a".repeat(135)
        );
        assert_eq!(validate("", &text), Ok(140));
        assert_eq!(
            validate("", &format!("{text}a")),
            Err(TextError::TooLong { count: 141 })
        );
    }

    #[test]
    fn text_needs_something_visible() {
        for text in ["", "  \n\t", "\u{200B}", "\r\n"] {
            assert_eq!(validate("", text), Err(TextError::Empty), "{text:?}");
        }
        assert_eq!(validate("a content warning", " "), Err(TextError::Empty));
    }

    #[test]
    fn controls_and_bidi_overrides_are_refused_crlf_is_a_newline() {
        assert_eq!(refused("", "a\0b"), "a NUL character (U+0000)");
        assert_eq!(refused("\0", "ok"), "a NUL character (U+0000)");
        assert_eq!(refused("", "bell\u{7}"), "a control character");
        assert_eq!(refused("", "del\u{7f}"), "a control character");
        assert_eq!(
            refused("", "a\rb"),
            "a carriage return that does not end a line"
        );
        assert_eq!(
            refused("", "evil\u{202E}txt"),
            "a bidirectional override or isolate"
        );
        assert_eq!(
            refused("", "x\u{2067}y"),
            "a bidirectional override or isolate"
        );
        assert_eq!(validate("", "a\r\nb"), Ok(3));
        assert_eq!(validate("", "tab\there"), Ok(8));
    }

    #[test]
    fn zero_width_characters_may_not_hide_in_names_or_links() {
        for text in [
            "@bo\u{200B}b",
            "#jo\u{200D}b",
            "#\u{2060}job",
            "@bob\u{FEFF}",
            "#tag\u{200B}",
            "@\u{200D}bob",
            "@sam@exa\u{200C}mple.org",
        ] {
            assert_eq!(
                refused("", text),
                "a zero-width character inside a mention or hashtag",
                "{text:?}"
            );
        }
        let link = "https://exa\u{200B}mple.com/x";
        assert_eq!(refused("", link), "a zero-width character inside a link");
        for ok in [
            "👩‍👩‍👧‍👦 #family",
            "#می\u{200C}خواهم",
            "#ශ්\u{200D}රීලංකා",
            "a\u{200B}b",
            "#tag 👩‍💻",
            "@sam 🏳️‍🌈",
        ] {
            assert!(validate("", ok).is_ok(), "{ok:?}");
        }
    }

    #[test]
    fn byte_caps() {
        let marks = |n: usize| format!("e{}", "\u{301}".repeat(n));
        assert!(validate("", &marks(MAX_CODE_POINTS_PER_GRAPHEME - 1)).is_ok());
        assert_eq!(
            refused("", &marks(MAX_CODE_POINTS_PER_GRAPHEME)),
            "a character with too many combining marks"
        );
        assert_eq!(
            refused(&marks(40), "ok"),
            "a character with too many combining marks"
        );
        assert_eq!(
            validate("", &"a".repeat(MAX_BYTES + 1)),
            Err(TextError::TooManyBytes)
        );
        assert_eq!(
            validate(&"a".repeat(MAX_BYTES), "a"),
            Err(TextError::TooManyBytes)
        );
        let link = |len: usize| format!("https://example.com/{}", "a".repeat(len - 20));
        assert_eq!(validate("", &link(MAX_URL_BYTES)), Ok(URL_WEIGHT));
        assert_eq!(
            validate("", &link(MAX_URL_BYTES + 1)),
            Err(TextError::UrlTooLong)
        );
    }
}
