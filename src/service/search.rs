//! Search: accounts by the start of a name, hashtags by the start of their name, posts by their words —
//! posts only as the searcher may see them. Every query walks an index range (see `db::search`) and
//! examines a bounded number of rows, so a search costs the same on a small instance and a big one.
//!
//! Unlisted posts are kept out of search (except for their author), as they are kept out of the public
//! timelines: "unlisted" means "not in discovery".

use std::collections::HashSet;

use diesel::QueryResult;

use crate::db::accounts::{self, Account};
use crate::db::search as index;
use crate::db::statuses::{self, Status};
use crate::db::tags::Tag;
use crate::db::{backfills, follows, write_transaction, DbConnection, Id};
use crate::domain::instance_domain::names_this_instance;
use crate::domain::post_text;
use crate::domain::search_terms::{self, prefix_end, MAX_QUERY_WORDS};
use crate::domain::visibility::Visibility;
use crate::error::ApiError;
use crate::service::audience::{self, Viewer};
use crate::service::status_views::{self, StatusView};

/// Rows read from the index per round trip.
const BATCH: usize = 200;
/// Most index rows one search examines per kind; matches beyond them are not found.
const MAX_EXAMINED: usize = 2_000;
/// Rows per transaction when indexing what predates search.
const BACKFILL_BATCH: usize = 1_000;

/// Which kinds a search returns (Mastodon's `type`; all three when none is named).
#[derive(Debug, Clone, Copy)]
pub struct Kinds {
    pub accounts: bool,
    pub hashtags: bool,
    pub statuses: bool,
}

#[derive(Debug, Clone)]
pub struct Query {
    pub q: String,
    pub kinds: Kinds,
    pub offset: usize,
    pub limit: usize,
    /// Only accounts the searcher follows.
    pub following: bool,
    /// Only posts by this account.
    pub account_id: Option<Id>,
}

#[derive(Debug, Default)]
pub struct Results {
    pub accounts: Vec<Account>,
    pub hashtags: Vec<Tag>,
    pub statuses: Vec<StatusView>,
}

pub fn search(
    conn: &mut DbConnection,
    domain: &str,
    searcher: Option<Id>,
    query: &Query,
) -> Result<Results, ApiError> {
    let mut results = Results::default();
    if query.offset >= MAX_EXAMINED {
        // Nothing lies that deep: no search examines more rows than that.
        return Ok(results);
    }
    let viewer = Viewer::load_optional(conn, searcher)?;
    if query.kinds.accounts {
        results.accounts = accounts(conn, domain, viewer.as_ref(), query)?;
    }
    if query.kinds.hashtags {
        results.hashtags = hashtags(conn, query)?;
    }
    if query.kinds.statuses {
        let rows = statuses_matching(conn, viewer.as_ref(), query)?;
        results.statuses = status_views::load(conn, searcher, rows)?;
    }
    Ok(results)
}

/// `accounts` for a signed-in searcher (`GET /api/v1/accounts/search`).
pub fn accounts_for(
    conn: &mut DbConnection,
    domain: &str,
    searcher: Id,
    query: &Query,
) -> Result<Vec<Account>, ApiError> {
    let viewer = Viewer::load(conn, searcher)?;
    accounts(conn, domain, Some(&viewer), query)
}

/// Accounts with a term starting with the query, in term order with an exact username first, without
/// those blocked either way.
pub fn accounts(
    conn: &mut DbConnection,
    domain: &str,
    viewer: Option<&Viewer>,
    query: &Query,
) -> Result<Vec<Account>, ApiError> {
    if (query.following && viewer.is_none()) || query.offset >= MAX_EXAMINED {
        return Ok(Vec::new());
    }
    let Some(prefix) = search_terms::account_prefix(&query.q, |d| names_this_instance(d, domain))
    else {
        return Ok(Vec::new());
    };
    let end = prefix_end(&prefix);
    let wanted = query.offset.saturating_add(query.limit);
    let mut seen = HashSet::new();
    let mut kept: Vec<Id> = Vec::new();
    let mut after = None;
    let mut examined = 0;
    while kept.len() < wanted && examined < MAX_EXAMINED {
        let rows = index::accounts_by_prefix(conn, &prefix, &end, after.as_ref(), BATCH)?;
        examined += rows.len();
        let fresh: Vec<Id> = rows
            .iter()
            .map(|(_, id)| *id)
            .filter(|id| seen.insert(*id))
            .filter(|id| viewer.is_none_or(|v| !v.blocked.contains(id)))
            .collect();
        let fresh = match viewer.filter(|_| query.following) {
            Some(v) => {
                let followed: HashSet<Id> = follows::followed_among(conn, v.id, &fresh)?
                    .iter()
                    .map(|f| f.target_account_id)
                    .collect();
                fresh
                    .into_iter()
                    .filter(|id| followed.contains(id))
                    .collect()
            }
            None => fresh,
        };
        kept.extend(fresh);
        if rows.len() < BATCH {
            break;
        }
        after = rows.last().cloned();
    }
    // Another account's display-name word can equal the query and sort beside the username it names.
    if let Some(exact) = accounts::find_by_username(conn, &prefix)? {
        if let Some(at) = kept.iter().position(|id| *id == exact.id) {
            let id = kept.remove(at);
            kept.insert(0, id);
        }
    }
    let page: Vec<Id> = kept
        .into_iter()
        .skip(query.offset)
        .take(query.limit)
        .collect();
    let mut found = accounts::by_id(conn, page.iter().copied())?;
    Ok(page.iter().filter_map(|id| found.remove(id)).collect())
}

/// Hashtags whose name starts with the query (`#` optional), in name order.
fn hashtags(conn: &mut DbConnection, query: &Query) -> QueryResult<Vec<Tag>> {
    let Some(key) = post_text::normalize_tag(query.q.trim().trim_start_matches('#')) else {
        return Ok(Vec::new());
    };
    index::tags_by_prefix(conn, &key, &prefix_end(&key), query.offset, query.limit)
}

/// Posts holding every word of the query, newest first, that the searcher may see. The longest word
/// drives the walk (likely the rarest); the others are checked per batch.
fn statuses_matching(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    query: &Query,
) -> Result<Vec<Status>, ApiError> {
    let mut words = search_terms::words(&query.q);
    words.truncate(MAX_QUERY_WORDS);
    let Some(driver) = words.iter().max_by_key(|w| w.chars().count()).cloned() else {
        return Ok(Vec::new());
    };
    let others: Vec<String> = words.into_iter().filter(|w| *w != driver).collect();
    let wanted = query.offset.saturating_add(query.limit);
    let mut kept: Vec<Status> = Vec::new();
    let mut before = None;
    let mut examined = 0;
    while kept.len() < wanted && examined < MAX_EXAMINED {
        let ids = index::statuses_with_word(conn, &driver, before, BATCH)?;
        examined += ids.len();
        let Some(&oldest) = ids.last() else { break };
        // Narrowed word by word: each probe asks only about the posts still in the running.
        let mut matching = ids.clone();
        for word in &others {
            if matching.is_empty() {
                break;
            }
            let filed: HashSet<Id> = index::filed_under(conn, &matching, word)?
                .into_iter()
                .collect();
            matching.retain(|id| filed.contains(id));
        }
        let mut rows = statuses::find_many(conn, &matching)?;
        rows.sort_by_key(|s| std::cmp::Reverse(s.id));
        rows.retain(|s| {
            query.account_id.is_none_or(|a| s.account_id == a)
                && (s.visibility() != Visibility::Unlisted
                    || viewer.is_some_and(|v| v.id == s.account_id))
        });
        kept.extend(audience::visible(conn, viewer, rows)?);
        if ids.len() < BATCH {
            break;
        }
        before = Some(oldest);
    }
    Ok(kept
        .into_iter()
        .skip(query.offset)
        .take(query.limit)
        .collect())
}

/// Files `account` under its terms; called whenever its username or display name is written.
pub(crate) fn index_account(conn: &mut DbConnection, account: &Account) -> QueryResult<()> {
    index::replace_account_terms(
        conn,
        account.id,
        &search_terms::account_terms(&account.username, &account.display_name),
    )
}

/// Files a new post under its words, in the posting transaction.
pub(crate) fn index_status(conn: &mut DbConnection, status: &Status) -> QueryResult<()> {
    index::index_status(
        conn,
        status.id,
        &search_terms::status_words(&status.spoiler_text, &status.text),
    )
}

/// Indexes accounts and posts written before search existed (run at start-up). It walks every account and
/// original post in id order and files those with no index rows, a batch per transaction; once through, it
/// marks the backfill finished, so later starts skip it and an interrupted one resumes where rows are still
/// missing. Returns how many accounts and posts it filed.
pub fn index_missing(conn: &mut DbConnection) -> QueryResult<(usize, usize)> {
    const NAME: &str = "search";
    if backfills::finished(conn, NAME)? {
        return Ok((0, 0));
    }
    let mut filed = (0, 0);
    let mut after = None;
    loop {
        let batch = accounts::after(conn, after, BACKFILL_BATCH)?;
        let Some(last) = batch.last() else { break };
        after = Some(last.0);
        let ids: Vec<Id> = batch.iter().map(|(id, _, _)| *id).collect();
        let done: HashSet<Id> = index::accounts_with_terms(conn, &ids)?
            .into_iter()
            .collect();
        write_transaction(conn, |conn| {
            for (id, username, display_name) in batch.iter().filter(|(id, _, _)| !done.contains(id))
            {
                let terms = search_terms::account_terms(username, display_name);
                index::replace_account_terms(conn, *id, &terms)?;
                filed.0 += 1;
            }
            QueryResult::Ok(())
        })?;
    }
    let mut after = None;
    loop {
        let batch = index::originals_after(conn, after, BACKFILL_BATCH)?;
        let Some(last) = batch.last() else { break };
        after = Some(last.0);
        let ids: Vec<Id> = batch.iter().map(|(id, _, _)| *id).collect();
        let done: HashSet<Id> = index::statuses_with_words(conn, &ids)?
            .into_iter()
            .collect();
        write_transaction(conn, |conn| {
            for (id, spoiler, text) in batch.iter().filter(|(id, _, _)| !done.contains(id)) {
                let words = search_terms::status_words(spoiler, text);
                if !words.is_empty() {
                    index::index_status(conn, *id, &words)?;
                    filed.1 += 1;
                }
            }
            QueryResult::Ok(())
        })?;
    }
    backfills::finish(conn, NAME)?;
    Ok(filed)
}
