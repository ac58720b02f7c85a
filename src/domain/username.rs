//! Local usernames, by Mastodon's rule: letters, digits and `_`, with `.` or `-` allowed only between them,
//! at most 30 characters; unique without regard to case.

use super::validation::{ErrorCode, FieldError};

pub const MAX_LEN: usize = 30;

/// Names a newcomer may not take: they would pass for the instance or its staff.
const RESERVED: &[&str] = &[
    "admin",
    "administrator",
    "root",
    "support",
    "help",
    "moderator",
    "mod",
    "staff",
    "system",
    "weakties",
    "mastodon",
    "postmaster",
    "webmaster",
    "abuse",
    "security",
    "noreply",
    "no-reply",
    "api",
    "oauth",
    "instance",
    "nodeinfo",
    "well-known",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let fail = |code, description: &str| FieldError {
            field: "username",
            code,
            description: description.into(),
        };
        if raw.is_empty() {
            return Err(fail(ErrorCode::Blank, "can't be blank"));
        }
        if raw.chars().count() > MAX_LEN {
            return Err(fail(
                ErrorCode::TooLong,
                "is too long (maximum is 30 characters)",
            ));
        }
        if !is_valid(raw) {
            return Err(fail(
                ErrorCode::Invalid,
                "must contain only letters, numbers and underscores, with dots or dashes only between them",
            ));
        }
        if RESERVED.contains(&raw.to_ascii_lowercase().as_str()) {
            return Err(fail(ErrorCode::Reserved, "is reserved"));
        }
        Ok(Username(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key uniqueness is checked on.
    pub fn key(&self) -> String {
        key(&self.0)
    }
}

/// Case-folded lookup key for a username (usernames are ASCII, so ASCII folding is exact).
pub fn key(username: &str) -> String {
    username.to_ascii_lowercase()
}

fn is_valid(s: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let bytes: Vec<char> = s.chars().collect();
    let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
    word(first) && word(last) && bytes.iter().all(|&c| word(c) || c == '.' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_mastodon_usernames() {
        for ok in [
            "sam",
            "Zaibatsu",
            "jo_2009",
            "a.b",
            "a-b-c",
            "_x_",
            &"a".repeat(30),
        ] {
            assert!(Username::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_the_rest_with_the_right_code() {
        let code = |s: &str| Username::parse(s).unwrap_err().code;
        assert_eq!(code(""), ErrorCode::Blank);
        assert_eq!(code(&"a".repeat(31)), ErrorCode::TooLong);
        for bad in [
            ".sam", "sam.", "-sam", "sam-", "sa m", "sam!", "sämi", "s@m",
        ] {
            assert_eq!(code(bad), ErrorCode::Invalid, "{bad}");
        }
        assert_eq!(code("Admin"), ErrorCode::Reserved);
    }

    #[test]
    fn key_ignores_case() {
        assert_eq!(Username::parse("SaM").unwrap().key(), key("sam"));
    }
}
