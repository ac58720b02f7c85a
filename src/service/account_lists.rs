//! Lists of accounts: followers and following, who reblogged or favourited a status, one's blocks, mutes
//! and follow requests. Each pages by the id of the row linking the account (a follow, a reblog, a
//! favourite, a block…), as Mastodon does, so cursors stay stable while the lists change.

use std::collections::{HashMap, HashSet};

use crate::db::accounts::{self, Account};
use crate::db::follows::{self, Side};
use crate::db::{blocks, favourites, follow_requests, mutes, statuses, DbConnection, Id};
use crate::domain::paging::{ends, Page};
use crate::error::ApiError;
use crate::service::audience::{self, Viewer};

/// A page of accounts and the cursors (newest and oldest row id) that page on from it.
pub struct AccountPage {
    pub accounts: Vec<Account>,
    pub cursors: Option<(Id, Id)>,
}

/// Followers or followings of `account`; empty across a block.
pub fn follows(
    conn: &mut DbConnection,
    viewer: Option<Id>,
    account: Id,
    side: Side,
    page: &Page,
) -> Result<AccountPage, ApiError> {
    accounts::find(conn, account)?.ok_or_else(ApiError::not_found)?;
    let viewer = Viewer::load_optional(conn, viewer)?;
    if viewer
        .as_ref()
        .is_some_and(|v| v.blocked.contains(&account))
    {
        return resolve(conn, None, page, Vec::new());
    }
    let links = follows::page(conn, account, side, page)?;
    resolve(conn, viewer.as_ref(), page, links)
}

/// What was done to a status by the accounts listed.
#[derive(Debug, Clone, Copy)]
pub enum Interaction {
    Reblogged,
    Favourited,
}

/// Who reblogged or favourited a status the viewer may see. A reblog shows only to whoever may see the
/// reblog itself (a followers-only reblog, to the reblogger's followers).
pub fn interacted(
    conn: &mut DbConnection,
    viewer: Option<Id>,
    status: Id,
    interaction: Interaction,
    page: &Page,
) -> Result<AccountPage, ApiError> {
    let viewer = Viewer::load_optional(conn, viewer)?;
    let status = audience::find_visible(conn, viewer.as_ref(), status)?;
    match interaction {
        Interaction::Reblogged => {
            let reblogs = statuses::reblogs_page(conn, status.id, page)?;
            let links = reblogs.iter().map(|r| (r.id, r.account_id)).collect();
            let readable: HashSet<Id> = audience::visible(conn, viewer.as_ref(), reblogs)?
                .iter()
                .map(|r| r.id)
                .collect();
            resolve_filtered(conn, viewer.as_ref(), page, links, |(reblog, _)| {
                readable.contains(reblog)
            })
        }
        Interaction::Favourited => {
            let links = favourites::page(conn, status.id, page)?;
            resolve(conn, viewer.as_ref(), page, links)
        }
    }
}

/// The accounts `me` blocks.
pub fn blocked(conn: &mut DbConnection, me: Id, page: &Page) -> Result<AccountPage, ApiError> {
    let links = blocks::list(conn, me)?;
    resolve(conn, None, page, links)
}

/// The accounts `me` mutes.
pub fn muted(conn: &mut DbConnection, me: Id, page: &Page) -> Result<AccountPage, ApiError> {
    let links = mutes::targets(conn, me)?
        .into_iter()
        .map(|m| (m.id, m.target_account_id))
        .collect();
    resolve(conn, None, page, links)
}

/// The accounts waiting for `me` to answer their follow requests.
pub fn requesting(conn: &mut DbConnection, me: Id, page: &Page) -> Result<AccountPage, ApiError> {
    let links = follow_requests::waiting_for(conn, me)?;
    resolve(conn, None, page, links)
}

/// The accounts of `links` ((row id, account id)) as a page: ordered newest first, cut to the page (lists
/// read whole, like blocks, are cut here), without the accounts hidden from the viewer.
fn resolve(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    page: &Page,
    links: Vec<(Id, Id)>,
) -> Result<AccountPage, ApiError> {
    resolve_filtered(conn, viewer, page, links, |_| true)
}

fn resolve_filtered(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    page: &Page,
    links: Vec<(Id, Id)>,
    keep: impl Fn(&(Id, Id)) -> bool,
) -> Result<AccountPage, ApiError> {
    let links = page.finish(links, |l| l.0 .0);
    let cursors = ends(&links, |(row, _)| *row);
    let ids: Vec<Id> = links
        .iter()
        .filter(|link| keep(link))
        .map(|(_, account)| *account)
        .filter(|id| viewer.is_none_or(|v| !v.blocked.contains(id)))
        .collect();
    let mut found: HashMap<Id, Account> = accounts::find_many(conn, &ids)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let accounts = ids.iter().filter_map(|id| found.remove(id)).collect();
    Ok(AccountPage { accounts, cursors })
}
