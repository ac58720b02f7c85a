//! Why a post was refused, in words a person can act on (the API returns them as the 422 `error`).

use std::fmt;

use super::count::MAX_CHARS;
use super::hygiene::{MAX_BYTES, MAX_URL_BYTES};

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
}
