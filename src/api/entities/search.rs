//! Mastodon's Search entity (`GET /api/v2/search`) and the full Tag entity it lists.

use serde::Serialize;

use super::account::Account;
use super::status::Status;
use crate::api::state::AppState;
use crate::db::tags::Tag as TagRow;
use crate::domain::paths;
use crate::service::search::Results;

#[derive(Debug, Serialize)]
pub struct Tag {
    pub id: String,
    pub name: String,
    pub url: String,
    /// Daily use is not counted here yet: always empty.
    pub history: Vec<serde_json::Value>,
}

impl Tag {
    pub fn from_row(row: &TagRow, state: &AppState) -> Self {
        Tag {
            id: row.id.to_string(),
            name: row.name_key.clone(),
            url: state.url(&paths::tag(&row.name_key)),
            history: Vec::new(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Search {
    pub accounts: Vec<Account>,
    pub statuses: Vec<Status>,
    pub hashtags: Vec<Tag>,
}

impl Search {
    pub fn from_results(results: &Results, state: &AppState) -> Self {
        Search {
            accounts: results
                .accounts
                .iter()
                .map(|a| Account::from_row(a, state))
                .collect(),
            statuses: Status::from_views(&results.statuses, state),
            hashtags: results
                .hashtags
                .iter()
                .map(|t| Tag::from_row(t, state))
                .collect(),
        }
    }
}
