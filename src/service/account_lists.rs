//! Lists of accounts that page by the id of the row linking them (a follow, a reblog, a favourite, a
//! block), as Mastodon does, so cursors stay stable while the lists change.

use std::collections::HashMap;

use crate::db::accounts::{self, Account};
use crate::db::{DbConnection, Id};
use crate::error::ApiError;
use crate::service::audience::Viewer;

/// A page of accounts and the cursors (newest and oldest row id) that page on from it.
pub struct AccountPage {
    pub accounts: Vec<Account>,
    pub cursors: Option<(Id, Id)>,
}

/// The accounts of `links` ((row id, account id), newest first) in order, without those hidden from the
/// viewer.
pub fn resolve(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    links: Vec<(Id, Id)>,
) -> Result<AccountPage, ApiError> {
    let cursors = match (links.first(), links.last()) {
        (Some(first), Some(last)) => Some((first.0, last.0)),
        _ => None,
    };
    let ids: Vec<Id> = links.iter().map(|(_, account)| *account).collect();
    let mut found: HashMap<Id, Account> = accounts::find_many(conn, &ids)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let accounts = ids
        .iter()
        .filter(|id| viewer.is_none_or(|v| !v.blocked.contains(id)))
        .filter_map(|id| found.remove(id))
        .collect();
    Ok(AccountPage { accounts, cursors })
}
