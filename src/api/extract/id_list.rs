//! `IdList`: the `id[]=` parameter of endpoints that describe several accounts at once.

use serde::Deserialize;

use super::lenient;
use crate::db::Id;
use crate::error::ApiError;

/// Mastodon's cap on ids per request.
pub const MAX_IDS: usize = 40;

/// An optional id parameter such as `account_id`: absent or empty is none; anything else must be an id,
/// or the answer is a 422 naming the parameter.
pub fn optional_id(name: &str, value: Option<&str>) -> Result<Option<Id>, ApiError> {
    match value.filter(|s| !s.is_empty()) {
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|_| ApiError::unprocessable(format!("Invalid {name}: {s}"))),
        None => Ok(None),
    }
}

#[derive(Deserialize)]
pub struct IdList {
    #[serde(default, deserialize_with = "lenient::string_list")]
    id: Vec<String>,
}

impl IdList {
    /// The ids asked for, in order, without repeats; strings that are not ids match nothing, so they
    /// are left out like unknown ids.
    pub fn ids(&self) -> Result<Vec<Id>, ApiError> {
        if self.id.len() > MAX_IDS {
            return Err(ApiError::unprocessable(format!(
                "Too many ids (at most {MAX_IDS})"
            )));
        }
        let mut ids: Vec<Id> = Vec::with_capacity(self.id.len());
        for id in self.id.iter().filter_map(|s| s.parse().ok()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}
