//! Why a post was refused, in words a person can act on (the API returns them as the 422 `error`).

use std::fmt;

use super::count::MAX_CHARS;
use super::hygiene::{MAX_BYTES, MAX_MENTIONS, MAX_TAGS, MAX_URL_BYTES};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// The text has nothing visible (a content warning alone does not make a post).
    Empty,
    /// Over [`MAX_CHARS`]; `count` is what the post counts as.
    TooLong { count: usize },
    /// A character that hides or disguises text; `what` names it for the message.
    Forbidden { what: &'static str },
    /// Content warning and text together exceed [`MAX_BYTES`].
    TooManyBytes,
    /// A link exceeds [`MAX_URL_BYTES`].
    UrlTooLong,
    /// More than [`MAX_MENTIONS`] different accounts mentioned.
    TooManyMentions { count: usize },
    /// More than [`MAX_TAGS`] different hashtags.
    TooManyTags { count: usize },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::Empty => write!(f, "Text can't be blank"),
            TextError::TooLong { count } => write!(
                f,
                "Text is too long: {count} characters, the limit is {MAX_CHARS}"
            ),
            TextError::Forbidden { what } => {
                write!(f, "Text contains {what}, which is not allowed")
            }
            TextError::TooManyBytes => write!(
                f,
                "Text is too large: content warning and text may take {MAX_BYTES} bytes at most"
            ),
            TextError::UrlTooLong => {
                write!(f, "A link is too long: the limit is {MAX_URL_BYTES} bytes")
            }
            TextError::TooManyMentions { count } => write!(
                f,
                "Too many mentions: {count} accounts, the limit is {MAX_MENTIONS}"
            ),
            TextError::TooManyTags { count } => {
                write!(f, "Too many hashtags: {count}, the limit is {MAX_TAGS}")
            }
        }
    }
}

impl std::error::Error for TextError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::post_text::validate;

    #[test]
    fn messages_name_the_count_and_limit() {
        let long = TextError::TooLong { count: 141 };
        assert_eq!(
            long.to_string(),
            "Text is too long: 141 characters, the limit is 140"
        );
        assert_eq!(TextError::Empty.to_string(), "Text can't be blank");
        let nul = validate("", "a\0").unwrap_err().to_string();
        assert_eq!(
            nul,
            "Text contains a NUL character (U+0000), which is not allowed"
        );
    }

    #[test]
    fn mentions_and_hashtags_are_capped_per_post() {
        let names = |prefix: &str, n: usize| -> String {
            (0..n)
                .map(|i| format!("{prefix}a{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert!(validate("", &names("@", 10)).is_ok());
        // The same account twice, in any case, is one mention.
        assert!(validate("", &format!("{} @A0", names("@", 10))).is_ok());
        assert_eq!(
            validate("", &names("@", 11)).unwrap_err().to_string(),
            "Too many mentions: 11 accounts, the limit is 10"
        );
        assert!(validate("", &names("#", 10)).is_ok());
        assert_eq!(
            validate("", &names("#", 11)),
            Err(TextError::TooManyTags { count: 11 })
        );
    }
}
