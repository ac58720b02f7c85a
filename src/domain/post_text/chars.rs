//! Character classes shared by the scanners: what may touch a mention or tag, and what is invisible.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// Invisible characters that would let two mentions or tags look alike while being different.
pub(crate) const ZERO_WIDTH: [char; 5] =
    ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

pub(crate) fn is_zero_width(c: char) -> bool {
    ZERO_WIDTH.contains(&c)
}

/// Scripts whose spelling needs ZWNJ/ZWJ inside words (Arabic-script languages such as Persian, the Indic
/// scripts, Sinhala, Tibetan, Myanmar, Khmer, Mongolian). Between letters of these scripts the joiners change
/// how the word is drawn, so they are visible; between Latin letters they are not, and only serve to spoof.
fn uses_joiners(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{08FF}'
        | '\u{0900}'..='\u{0DFF}'
        | '\u{0F00}'..='\u{109F}'
        | '\u{1780}'..='\u{18AF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFE}')
}

/// Whether the ZWNJ or ZWJ at byte `at` sits between two letters of a script that uses joiners.
pub(crate) fn joiner_allowed(text: &str, at: usize) -> bool {
    let Some(c) = text[at..].chars().next() else {
        return false;
    };
    if c != '\u{200C}' && c != '\u{200D}' {
        return false;
    }
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    matches!((before, after), (Some(b), Some(a)) if uses_joiners(b) && uses_joiners(a))
}

/// Whether `c` continues the character before it (a combining mark, a variation selector, a joiner …),
/// by the grapheme rules themselves, so no table of marks has to be kept here.
pub(crate) fn extends(c: char) -> bool {
    let mut buf = [0u8; 8];
    buf[0] = b'a';
    let len = 1 + c.encode_utf8(&mut buf[1..]).len();
    match std::str::from_utf8(&buf[..len]) {
        Ok(s) => s.graphemes(true).nth(1).is_none(),
        Err(_) => false,
    }
}

/// Letters, digits, `_` and combining marks: what a word is made of, in any script.
pub(crate) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || (extends(c) && !is_zero_width(c))
}

/// The first character of the grapheme that ends at byte `at`, so a letter with combining accents counts
/// as a letter whether it is written precomposed or decomposed.
pub(crate) fn base_before(text: &str, at: usize) -> Option<char> {
    if at == 0 || !text.is_char_boundary(at) {
        return None;
    }
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    let start = cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0);
    text[start..].chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_extend_and_letters_do_not() {
        assert!(extends('\u{0301}'));
        assert!(extends('\u{FE0F}'));
        assert!(extends('\u{200D}'));
        assert!(!extends('a'));
        assert!(!extends('#'));
        assert!(!extends('\u{200B}'));
    }

    #[test]
    fn base_before_sees_through_combining_marks() {
        assert_eq!(base_before("e\u{301}@", 3), Some('e'));
        assert_eq!(base_before("\u{e9}@", 2), Some('\u{e9}'));
        assert_eq!(base_before("@", 0), None);
        assert_eq!(base_before("👩‍💻#", "👩‍💻".len()), Some('👩'));
    }

    #[test]
    fn joiners_only_between_letters_of_scripts_that_use_them() {
        let persian = "می\u{200C}خواهم";
        assert!(joiner_allowed(persian, "می".len()));
        assert!(!joiner_allowed("jo\u{200C}b", 2));
        assert!(!joiner_allowed("jo\u{200B}b", 2));
        assert!(!joiner_allowed("\u{200D}", 0));
    }
}
