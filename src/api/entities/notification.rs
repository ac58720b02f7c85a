//! Mastodon's Notification entity.

use serde::Serialize;

use super::account::Account;
use super::datetime;
use super::status::Status;
use crate::api::state::AppState;
use crate::service::notifications::NotificationView;

#[derive(Debug, Serialize)]
pub struct Notification {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub created_at: String,
    /// Notifications are not grouped here; Mastodon names an ungrouped one this way.
    pub group_key: String,
    pub account: Account,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

impl Notification {
    pub fn from_view(view: &NotificationView, state: &AppState) -> Self {
        let id = view.row.id.to_string();
        Notification {
            group_key: format!("ungrouped-{id}"),
            id,
            kind: view.row.kind.clone(),
            created_at: datetime(view.row.created_at),
            account: Account::from_row(&view.account, state),
            status: view.status.as_ref().map(|s| Status::from_view(s, state)),
        }
    }
}
