//! Who to follow (`domain::suggestions`): suggestions from the viewer's circle of trust, topped up for a newcomer
//! (or anyone the graph has too little on) with accounts posting in the tags they use and then popular ones; and
//! dismissals, which last.
//!
//! Never suggested: the viewer, whom they follow or asked to follow, whom they dismissed, anyone blocked either
//! way or muted, and accounts that turned `discoverable` off.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::Duration;

use crate::db::accounts::{self, Account};
use crate::db::{
    follow_requests, follows, insert_once, suggestion_dismissals, tags, types, write_transaction,
    DbConnection, Id,
};
use crate::domain::job_feed::JobFeedSettings;
use crate::domain::suggestions::tagged::{favourite_tags, most_active, TAGS_LOOKED_AT};
use crate::domain::suggestions::{
    explain, rerank, suggest, Flags, Source, Suggested, SuggestionSettings,
};
use crate::error::ApiError;
use crate::service::audience::Viewer;
use crate::service::job_graph::{JobGraph, Place};
use crate::service::kept_suggestions::KeptList;

/// (post, tag) pairs of the viewer's latest tagged posts that say which tags they use.
const OWN_TAGS_READ: i64 = 40;
/// Posts per tag read for the hashtag picks, and how far back.
const TAG_POSTS_READ: i64 = 500;
const TAG_DAYS: i64 = 28;

/// One suggestion: the account, why, in Mastodon's terms and in words, and whom the words name.
#[derive(Debug)]
pub struct SuggestionItem {
    pub account: Account,
    pub source: Source,
    pub explanation: String,
    pub path: Vec<Account>,
}

/// Up to `limit` suggestions for `me`, best first.
pub fn suggestions(
    conn: &mut DbConnection,
    graph: &JobGraph,
    fs: &JobFeedSettings,
    s: &SuggestionSettings,
    me: &Account,
    limit: usize,
) -> Result<Vec<SuggestionItem>, ApiError> {
    let now_at = types::now();
    let now = now_at.and_utc().timestamp();
    graph.sync(conn, fs)?;
    let viewer = Viewer::load(conn, me.id)?;
    let never = never_suggested(conn, &viewer)?;
    let flags = flags_of(me);

    let mut items = from_graph(conn, graph, fs, s, &viewer, &never, flags, now, limit)?;
    if items.len() < limit {
        let mut taken: HashSet<Id> = never;
        taken.extend(items.iter().map(|i| i.account.id));
        let tagged = from_tags(conn, me.id, &taken, now_at, limit - items.len())?;
        taken.extend(tagged.iter().map(|i| i.account.id));
        items.extend(tagged);
        if items.len() < limit {
            items.extend(popular(conn, graph, fs, &taken, now, limit - items.len())?);
        }
    }
    Ok(items)
}

/// `me` dismisses `target` from their suggestions, for good. Dismissing twice is no error; an account that does
/// not exist is 404.
pub fn dismiss(conn: &mut DbConnection, me: Id, target: Id) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        accounts::find(conn, target)?.ok_or_else(ApiError::not_found)?;
        insert_once(conn, |conn| {
            suggestion_dismissals::insert(conn, me, target, types::now())
        })?;
        Ok(())
    })
}

/// The viewer, whom they follow or asked to follow, whom they dismissed, blocked either way or muted.
fn never_suggested(conn: &mut DbConnection, viewer: &Viewer) -> Result<HashSet<Id>, ApiError> {
    let mut never: HashSet<Id> = HashSet::from([viewer.id]);
    never.extend(
        follows::targets(conn, viewer.id)?
            .into_iter()
            .map(|(id, _)| id),
    );
    never.extend(follow_requests::sent_by(conn, viewer.id)?);
    never.extend(suggestion_dismissals::targets(conn, viewer.id)?);
    never.extend(viewer.blocked.iter().chain(&viewer.muted).copied());
    Ok(never)
}

/// An account's job flags, as the complementary boost reads them.
fn flags_of(account: &Account) -> Flags {
    Flags {
        open_to_work: account.open_to_work,
        hiring: account.hiring,
    }
}

/// Whether an account may appear in anyone's suggestions: not when it turned discovery off.
fn may_be_suggested(account: &Account) -> bool {
    account.discoverable
}

/// Accounts `ids` names that may be suggested, by id.
fn suggestable(
    conn: &mut DbConnection,
    ids: impl IntoIterator<Item = Id>,
) -> Result<HashMap<Id, Account>, ApiError> {
    let mut found = accounts::by_id(conn, ids)?;
    found.retain(|_, a| may_be_suggested(a));
    Ok(found)
}

/// Suggestions from the circle of trust, re-ranked with the accounts' job flags.
#[allow(clippy::too_many_arguments)]
fn from_graph(
    conn: &mut DbConnection,
    graph: &JobGraph,
    fs: &JobFeedSettings,
    s: &SuggestionSettings,
    viewer: &Viewer,
    never: &HashSet<Id>,
    flags: Flags,
    now: i64,
    limit: usize,
) -> Result<Vec<SuggestionItem>, ApiError> {
    let Some(place) = graph.place(viewer, now, fs) else {
        return Ok(Vec::new());
    };
    let depth = limit.saturating_mul(s.rerank_depth);
    let list = graph_list(graph, &place, never, depth, fs, s, now);
    let (found, ids) = {
        let view = graph.view();
        let id = |i: u32| view.id_of(i).map(Id);
        // A kept list predates the viewer's latest follows and dismissals: they are left out here. A list kept
        // deeper than `depth` is read only that deep.
        let found: Vec<Suggested> = list
            .items
            .iter()
            .filter(|f| id(f.account).is_some_and(|id| !never.contains(&id)))
            .take(depth)
            .cloned()
            .collect();
        let ids: HashMap<u32, Id> = found
            .iter()
            .flat_map(|f| [Some(f.account), f.by.map(|(m, _)| m)])
            .flatten()
            .filter_map(|i| Some((i, id(i)?)))
            .collect();
        (found, ids)
    };
    // The candidates and the members who explain them, in one read; a member is named even when it is not
    // discoverable itself (whom it follows or reposts is public).
    let read = accounts::by_id(conn, ids.values().copied())?;
    let account = |i: u32| ids.get(&i).and_then(|id| read.get(id));
    let found: Vec<_> = found
        .into_iter()
        .filter(|f| account(f.account).is_some_and(may_be_suggested))
        .collect();
    let complementary = |i: u32| account(i).is_some_and(|a| flags.complement(flags_of(a)));
    let ranked = rerank(found, complementary, s);
    let name = |i: u32| account(i).map(|a| a.username.clone());
    Ok(ranked
        .iter()
        .take(limit)
        .filter_map(|f| {
            let suggested = account(f.account)?;
            let (explanation, path) = explain::from_graph(f, flags, flags_of(suggested), &name);
            Some(SuggestionItem {
                account: suggested.clone(),
                source: Source::FriendsOfFriends,
                explanation,
                path: path
                    .into_iter()
                    .filter_map(|i| account(i).cloned())
                    .collect(),
            })
        })
        .collect())
}

/// The viewer's list from the graph, `depth` deep: kept, or computed now and kept.
fn graph_list(
    graph: &JobGraph,
    place: &Place,
    never: &HashSet<Id>,
    depth: usize,
    fs: &JobFeedSettings,
    s: &SuggestionSettings,
    now: i64,
) -> Arc<KeptList> {
    if let Some(list) = graph.suggestions().get(place.index, &place.circle, depth) {
        return list;
    }
    let items = {
        let view = graph.view();
        let never: foldhash::HashSet<u32> =
            never.iter().filter_map(|id| view.index_of(id.0)).collect();
        suggest(
            view.graph(),
            &place.circle,
            &place.excluded,
            |a| never.contains(&a),
            depth,
            fs,
            s,
            now,
        )
    };
    let list = Arc::new(KeptList::new(&place.circle, items, depth));
    graph
        .suggestions()
        .keep(place.index, list.clone(), |c| c.is_expired(now, fs));
    list
}

/// Accounts posting most lately in the tags the viewer uses most.
fn from_tags(
    conn: &mut DbConnection,
    me: Id,
    taken: &HashSet<Id>,
    now_at: chrono::NaiveDateTime,
    wanted: usize,
) -> Result<Vec<SuggestionItem>, ApiError> {
    let used = tags::used_by(conn, me, OWN_TAGS_READ)?;
    let names: HashMap<Id, String> = used.iter().cloned().collect();
    let ids: Vec<Id> = used.iter().map(|(id, _)| *id).collect();
    let favourites = favourite_tags(&ids, TAGS_LOOKED_AT);
    if favourites.is_empty() {
        return Ok(Vec::new());
    }
    let since = Id::first_at(now_at - Duration::days(TAG_DAYS));
    let rows = tags::recent_authors(conn, &favourites, since, TAG_POSTS_READ)?;
    let picks: Vec<_> = most_active(&rows)
        .into_iter()
        .filter(|p| !taken.contains(&p.author))
        .take(wanted * 2)
        .collect();
    let read = suggestable(conn, picks.iter().map(|p| p.author))?;
    Ok(picks
        .iter()
        .filter_map(|p| {
            let (source, explanation) = explain::tagged(names.get(&p.tag)?, p.posts);
            Some(SuggestionItem {
                account: read.get(&p.author)?.clone(),
                source,
                explanation,
                path: Vec::new(),
            })
        })
        .take(wanted)
        .collect())
}

/// The most popular accounts (computed with reputation) the viewer has not met.
fn popular(
    conn: &mut DbConnection,
    graph: &JobGraph,
    fs: &JobFeedSettings,
    taken: &HashSet<Id>,
    now: i64,
    wanted: usize,
) -> Result<Vec<SuggestionItem>, ApiError> {
    let standing = graph.reputation(now, fs);
    let picks: Vec<(Id, bool)> = {
        let view = graph.view();
        standing
            .popular
            .iter()
            .filter_map(|p| Some((Id(view.id_of(p.account)?), p.mostly_followed())))
            .filter(|(id, _)| !taken.contains(id))
            .take(wanted * 2)
            .collect()
    };
    let read = suggestable(conn, picks.iter().map(|(id, _)| *id))?;
    Ok(picks
        .iter()
        .filter_map(|(id, mostly_followed)| {
            let account = read.get(id)?;
            let (source, explanation) = explain::popular(account.followers_count, *mostly_followed);
            Some(SuggestionItem {
                account: account.clone(),
                source,
                explanation,
                path: Vec::new(),
            })
        })
        .take(wanted)
        .collect())
}
