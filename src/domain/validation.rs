//! Field-level validation failures, collected so a client learns every problem at once. The codes are
//! Mastodon's (`details` of a 422 answer).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Accepted,
    Blank,
    Invalid,
    Reserved,
    Taken,
    TooLong,
    TooShort,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Accepted => "ERR_ACCEPTED",
            ErrorCode::Blank => "ERR_BLANK",
            ErrorCode::Invalid => "ERR_INVALID",
            ErrorCode::Reserved => "ERR_RESERVED",
            ErrorCode::Taken => "ERR_TAKEN",
            ErrorCode::TooLong => "ERR_TOO_LONG",
            ErrorCode::TooShort => "ERR_TOO_SHORT",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: ErrorCode,
    pub description: String,
}

/// Every failure found in one request, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn single(field: &'static str, code: ErrorCode, description: impl Into<String>) -> Self {
        let mut invalid = Invalid::default();
        invalid.add(field, code, description);
        invalid
    }

    pub fn add(&mut self, field: &'static str, code: ErrorCode, description: impl Into<String>) {
        self.0.push(FieldError {
            field,
            code,
            description: description.into(),
        });
    }

    /// Keeps the value when it parsed, records the failure when it did not.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(self) -> Result<(), Invalid> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Invalid {
    /// "Validation failed: Username has already been taken, Password is too short", as Mastodon words it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Validation failed: ")?;
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            let mut name = e.field.replace('_', " ");
            if let Some(first) = name.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            write!(f, "{name} {}", e.description)?;
        }
        Ok(())
    }
}
