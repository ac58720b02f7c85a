//! Profile edits: display name, note (bio) and up to four name/value fields, with Mastodon's limits.

use unicode_segmentation::UnicodeSegmentation;

use super::text::has_forbidden;
use super::validation::{ErrorCode, FieldError, Invalid};

pub const MAX_DISPLAY_NAME: usize = 30;
pub const MAX_NOTE: usize = 500;
pub const MAX_FIELDS: usize = 4;
pub const MAX_FIELD_PART: usize = 255;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProfileField {
    pub name: String,
    pub value: String,
}

/// Checks a length in user-perceived characters and the hygiene rule.
fn check_text(
    field: &'static str,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<(), FieldError> {
    if has_forbidden(value, multiline) {
        return Err(FieldError {
            field,
            code: ErrorCode::Invalid,
            description: "contains characters that are not allowed".into(),
        });
    }
    if value.graphemes(true).count() > max {
        return Err(FieldError {
            field,
            code: ErrorCode::TooLong,
            description: format!("is too long (maximum is {max} characters)"),
        });
    }
    Ok(())
}

pub fn check_display_name(value: &str) -> Result<(), FieldError> {
    check_text("display_name", value, MAX_DISPLAY_NAME, false)
}

pub fn check_note(value: &str) -> Result<(), FieldError> {
    check_text("note", value, MAX_NOTE, true)
}

/// Drops fields whose name and value are both empty (how clients clear a row), then checks the rest.
pub fn check_fields(fields: Vec<ProfileField>, invalid: &mut Invalid) -> Vec<ProfileField> {
    let fields: Vec<ProfileField> = fields
        .into_iter()
        .map(|f| ProfileField {
            name: f.name.trim().to_owned(),
            value: f.value.trim().to_owned(),
        })
        .filter(|f| !(f.name.is_empty() && f.value.is_empty()))
        .collect();
    if fields.len() > MAX_FIELDS {
        invalid.add("fields", ErrorCode::TooLong, "are too many (maximum is 4)");
    }
    for f in &fields {
        invalid.check(check_text("fields", &f.name, MAX_FIELD_PART, false));
        invalid.check(check_text("fields", &f.value, MAX_FIELD_PART, false));
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_counts_what_people_see() {
        assert!(check_display_name(&"👩‍👩‍👧".repeat(30)).is_ok());
        assert_eq!(
            check_display_name(&"a".repeat(31)).unwrap_err().code,
            ErrorCode::TooLong
        );
        assert_eq!(
            check_display_name("a\nb").unwrap_err().code,
            ErrorCode::Invalid
        );
        assert!(check_note("line one\nline two").is_ok());
    }

    #[test]
    fn fields_are_capped_and_blank_rows_dropped() {
        let row = |n: &str, v: &str| ProfileField {
            name: n.into(),
            value: v.into(),
        };
        let mut invalid = Invalid::default();
        let kept = check_fields(vec![row("Site", "x.org"), row("", " ")], &mut invalid);
        assert_eq!(kept, vec![row("Site", "x.org")]);
        assert!(invalid.is_empty());
        check_fields(vec![row("a", "1"); 5], &mut invalid);
        assert_eq!(invalid.0[0].code, ErrorCode::TooLong);
    }
}
