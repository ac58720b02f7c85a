//! Password rules: at least 8 characters; at most 256 so hashing cost stays bounded.

use super::validation::{ErrorCode, FieldError};

pub const MIN_LEN: usize = 8;
pub const MAX_LEN: usize = 256;

/// A password that meets the rules. Not `Debug`, so it cannot end up in a log line.
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: String) -> Result<Self, FieldError> {
        let fail = |code, description: &str| FieldError {
            field: "password",
            code,
            description: description.into(),
        };
        let len = raw.chars().count();
        if len == 0 {
            return Err(fail(ErrorCode::Blank, "can't be blank"));
        }
        if len < MIN_LEN {
            return Err(fail(
                ErrorCode::TooShort,
                "is too short (minimum is 8 characters)",
            ));
        }
        if len > MAX_LEN {
            return Err(fail(
                ErrorCode::TooLong,
                "is too long (maximum is 256 characters)",
            ));
        }
        Ok(NewPassword(raw))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_bounds() {
        assert_eq!(
            NewPassword::parse("1234567".into()).err().unwrap().code,
            ErrorCode::TooShort
        );
        assert!(NewPassword::parse("12345678".into()).is_ok());
        assert_eq!(
            NewPassword::parse("x".repeat(257)).err().unwrap().code,
            ErrorCode::TooLong
        );
        assert_eq!(
            NewPassword::parse(String::new()).err().unwrap().code,
            ErrorCode::Blank
        );
    }
}
