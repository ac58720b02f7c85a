//! E-mail addresses: a plausible shape (no deliverability check), unique without regard to case.

use super::validation::{ErrorCode, FieldError};

const MAX_LEN: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let fail = |code, description: &str| FieldError {
            field: "email",
            code,
            description: description.into(),
        };
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(fail(ErrorCode::Blank, "can't be blank"));
        }
        if raw.len() > MAX_LEN {
            return Err(fail(ErrorCode::TooLong, "is too long"));
        }
        let valid = match raw.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.is_empty()
                    && !domain.contains('@')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !raw.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if !valid {
            return Err(fail(ErrorCode::Invalid, "is invalid"));
        }
        Ok(Email(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn key(&self) -> String {
        key(&self.0)
    }
}

/// Lookup key: the address lower-cased.
pub fn key(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(Email::parse("sam@example.com").is_ok());
        assert!(Email::parse("sam@localhost").is_ok());
        for bad in ["", "sam", "@x.org", "sam@", "a b@x.org", "a@b@c", "a@.x"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Email::parse("Sam@Example.COM").unwrap().key(),
            "sam@example.com"
        );
    }
}
