//! The Suggestion entity (Mastodon 4.3): the account, `sources` (and the older single `source`), and this
//! service's extension, `explanation`: the reason in words and the accounts it names, shaped like the job
//! feed's explanation on a Status.

use serde::Serialize;

use super::account::Account;
use super::status::Explanation;
use crate::api::state::AppState;
use crate::service::suggestions::SuggestionItem;

#[derive(Debug, Serialize)]
pub struct Suggestion {
    pub source: &'static str,
    pub sources: Vec<&'static str>,
    pub account: Account,
    /// This service's extension (one namespaced object): e.g. "Followed by @sam and 4 others in your circle",
    /// with the accounts it names from the viewer's side.
    pub explanation: Explanation,
}

impl Suggestion {
    pub fn from_item(item: &SuggestionItem, state: &AppState) -> Self {
        Suggestion {
            source: item.source.legacy(),
            sources: vec![item.source.name()],
            account: Account::from_row(&item.account, state),
            explanation: Explanation::new(&item.explanation, &item.path, state),
        }
    }
}
