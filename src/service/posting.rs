//! Posting and deleting statuses. A post is validated (the 140 rule), its mentions resolved to local
//! accounts, its tags stored, its HTML rendered once, and everything written in one transaction together
//! with the counters and the `Idempotency-Key`.

use std::collections::HashMap;

use chrono::Duration;

use crate::db::accounts::{self, Account};
use crate::db::statuses::{self, Counter, Status};
use crate::db::tags::{self, Tag};
use crate::db::{idempotency, insert_once, mentions, types, write_transaction, DbConnection, Id};
use crate::domain::instance_domain::names_this_instance;
use crate::domain::job_feed::{EdgeKind, JobFeedSettings};
use crate::domain::jobs::JobRules;
use crate::domain::notification_kind::NotificationKind;
use crate::domain::paths;
use crate::domain::post_text::{self, Links};
use crate::domain::username;
use crate::domain::visibility::Visibility;
use crate::error::ApiError;
use crate::service::audience::{self, Viewer};
use crate::service::notifications::{notify, withdraw};
use crate::service::status_views::{self, StatusView};
use crate::service::{interaction_graph, job_signals, search};

/// How long an `Idempotency-Key` names the status it produced (Mastodon: one hour).
pub const IDEMPOTENCY_WINDOW: Duration = Duration::hours(1);
/// Longest `Idempotency-Key` accepted; clients send UUIDs.
pub const MAX_IDEMPOTENCY_KEY: usize = 128;

pub struct NewPost {
    pub text: String,
    pub spoiler_text: String,
    pub visibility: Visibility,
    pub sensitive: bool,
    pub language: Option<String>,
    pub in_reply_to_id: Option<Id>,
    pub idempotency_key: Option<String>,
}

/// What posting needs to know of this instance: its address, for links in rendered posts and for
/// recognising `@user@this-instance`, and its job-detection rules.
pub struct Site<'a> {
    pub base_url: &'a str,
    pub domain: &'a str,
    pub jobs: &'a JobRules,
    /// For the interaction edges a post's mentions and reply make.
    pub graph: &'a JobFeedSettings,
}

impl Site<'_> {
    /// Whether a mention's domain (none for `@user`) names this instance.
    fn is_local(&self, domain: Option<&str>) -> bool {
        domain.is_none_or(|d| names_this_instance(d, self.domain))
    }
}

/// Posts `post` as `author`; returns the id of the new status, or of the one a replayed key produced.
pub fn post(
    conn: &mut DbConnection,
    site: &Site,
    author: Id,
    post: NewPost,
) -> Result<Id, ApiError> {
    post_text::validate(&post.spoiler_text, &post.text)
        .map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let key = post.idempotency_key.as_deref().map(str::trim);
    if key.is_some_and(|k| k.is_empty() || k.len() > MAX_IDEMPOTENCY_KEY) {
        return Err(ApiError::unprocessable(format!(
            "Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY} characters"
        )));
    }
    // Detection runs inside the transaction below; a post that comes before the model is trained waits for it
    // here, holding no write lock.
    crate::domain::jobs::warm_up(site.jobs);
    write_transaction(conn, |conn| {
        let now = types::now();
        if let Some(key) = key {
            if let Some(id) = idempotency::find(conn, author, key, now - IDEMPOTENCY_WINDOW)? {
                return Ok(id);
            }
            idempotency::forget_before(conn, author, now - IDEMPOTENCY_WINDOW)?;
        }
        let parent = match post.in_reply_to_id {
            Some(id) => {
                let viewer = Viewer::load(conn, author)?;
                let shown = audience::find_visible(conn, Some(&viewer), id)?;
                // A reply to a reblog answers the post that was reblogged.
                match shown.reblog_of_id {
                    Some(original) => Some(audience::find_visible(conn, Some(&viewer), original)?),
                    None => Some(shown),
                }
            }
            None => None,
        };

        if let Some(parent) = &parent {
            statuses::lock(conn, &[parent.id])?;
        }
        let author_account = accounts::find(conn, author)?.ok_or_else(ApiError::not_found)?;
        let job = job_signals::examine(site.jobs, &post.text, author_account.hiring);
        let parsed = post_text::parse(&post.text);
        let mentioned = resolve_mentions(conn, site, &parsed.mentions)?;
        let tags = store_tags(conn, &parsed.tags)?;
        let content = post_text::render_html(
            &post.text,
            &Rendering {
                site,
                mentioned: &mentioned,
            },
        );
        let status = Status {
            id: Id::new(),
            account_id: author,
            text: post.text.clone(),
            content,
            spoiler_text: post.spoiler_text.trim().to_owned(),
            visibility: post.visibility.code(),
            sensitive: post.sensitive || !post.spoiler_text.trim().is_empty(),
            language: post.language.clone(),
            in_reply_to_id: parent.as_ref().map(|p| p.id),
            in_reply_to_account_id: parent.as_ref().map(|p| p.account_id),
            reblog_of_id: None,
            replies_count: 0,
            reblogs_count: 0,
            favourites_count: 0,
            created_at: now,
            job_kind: job.kind,
            job_score: job.score,
            job_signals: Some(job.signals),
            passes_on_job: parent.as_ref().and_then(|p| p.job_kind),
        };
        let mut mention_ids: Vec<Id> = mentioned.values().map(|a| a.id).collect();
        mention_ids.sort();
        mention_ids.dedup();
        let tag_ids: Vec<Id> = tags.iter().map(|t| t.id).collect();
        let written = insert_once(conn, |conn| {
            statuses::insert(conn, &status)?;
            search::index_status(conn, &status)?;
            // With the status, once: a post's mentions and tags never change afterwards, which the job
            // feed's cache of them relies on (`service::status_parts`).
            mentions::insert(conn, status.id, &mention_ids)?;
            tags::attach(conn, status.id, &tag_ids)?;
            match key {
                Some(key) => idempotency::insert(conn, author, key, status.id, now),
                None => Ok(()),
            }
        })?;
        if !written {
            // Only the key can collide (the status id is new, mentions and tags are deduplicated): a
            // concurrent request with the same key won, so answer with its status. PostgreSQL's default
            // READ COMMITTED lets this statement see the winner's commit.
            let Some(key) = key else {
                return Err(ApiError::internal(anyhow::anyhow!(
                    "unexpected unique violation while posting"
                )));
            };
            return idempotency::find(conn, author, key, now - IDEMPOTENCY_WINDOW)?
                .ok_or_else(|| ApiError::unprocessable("Idempotency-Key is in use"));
        }
        for &mentioned in &mention_ids {
            notify(
                conn,
                mentioned,
                author,
                NotificationKind::Mention,
                Some(status.id),
            )?;
        }
        if post.visibility.counts_as_post() {
            accounts::bump_statuses(conn, author, 1, Some(now))?;
        }
        if let Some(parent) = parent.as_ref().filter(|_| post.visibility.is_open()) {
            statuses::bump(conn, parent.id, Counter::Replies, 1)?;
        }
        // Edge rows last, after the account rows, in target order (the lock order every use case keeps).
        // Only open posts make edges: the job feed's explanations and circles must not reveal a private
        // or direct conversation to third parties.
        if post.visibility.is_open() {
            let mut edges: Vec<(Id, EdgeKind)> = mention_ids
                .iter()
                .map(|&m| (m, EdgeKind::Mention))
                .chain(parent.as_ref().map(|p| (p.account_id, EdgeKind::Reply)))
                .collect();
            edges.sort_by_key(|(target, _)| *target);
            for (target, kind) in edges {
                interaction_graph::record(conn, site.graph, author, target, kind)?;
            }
        }
        Ok(status.id)
    })
}

/// Local accounts named by the mentions, keyed by lower-cased username. Mentions of other instances and of
/// unknown names stay plain text.
fn resolve_mentions(
    conn: &mut DbConnection,
    site: &Site,
    refs: &[post_text::MentionRef],
) -> Result<HashMap<String, Account>, ApiError> {
    let mut found = HashMap::new();
    for r in refs {
        let local = site.is_local(r.domain.as_deref());
        let key = username::key(&r.username);
        if !local || found.contains_key(&key) {
            continue;
        }
        if let Some(account) = accounts::find_by_username(conn, &key)? {
            found.insert(key, account);
        }
    }
    Ok(found)
}

/// The tags named in a post, creating the ones seen for the first time.
fn store_tags(conn: &mut DbConnection, refs: &[post_text::TagRef]) -> Result<Vec<Tag>, ApiError> {
    let mut wanted: Vec<(String, String)> =
        refs.iter().map(|t| (t.key(), t.name.clone())).collect();
    wanted.sort();
    wanted.dedup_by(|a, b| a.0 == b.0);
    let keys: Vec<String> = wanted.iter().map(|(k, _)| k.clone()).collect();
    let existing = tags::find_by_keys(conn, &keys)?;
    for (key, name) in &wanted {
        if existing.iter().any(|t| &t.name_key == key) {
            continue;
        }
        let tag = Tag {
            id: Id::new(),
            name: name.clone(),
            name_key: key.clone(),
            created_at: types::now(),
        };
        // A concurrent post may create the same tag; either way it exists afterwards.
        insert_once(conn, |conn| tags::insert(conn, &tag))?;
    }
    Ok(tags::find_by_keys(conn, &keys)?)
}

struct Rendering<'a> {
    site: &'a Site<'a>,
    mentioned: &'a HashMap<String, Account>,
}

impl Links for Rendering<'_> {
    fn mention(&self, username: &str, domain: Option<&str>) -> Option<String> {
        if !self.site.is_local(domain) {
            return None;
        }
        let account = self.mentioned.get(&username::key(username))?;
        Some(format!(
            "{}{}",
            self.site.base_url,
            paths::profile(&account.username)
        ))
    }

    fn tag(&self, key: &str) -> String {
        format!("{}{}", self.site.base_url, paths::tag(key))
    }
}

/// Deletes `id` if `author` wrote it (otherwise the usual 404) and returns it as it was, so the caller can
/// show it with its source text. Counters of the parent, the original and every reblogger follow.
pub fn delete(conn: &mut DbConnection, author: Id, id: Id) -> Result<StatusView, ApiError> {
    write_transaction(conn, |conn| {
        let row = statuses::find(conn, id)?
            .filter(|s| s.account_id == author)
            .ok_or_else(ApiError::not_found)?;
        let view = status_views::load_one(conn, Some(author), row.clone())?
            .ok_or_else(ApiError::not_found)?;
        // Lock order, as everywhere: statuses, then accounts. With the status locked no new reblog can
        // slip in uncounted, and a second delete waits, then finds nothing to delete.
        let mut touched = vec![id];
        touched.extend(row.in_reply_to_id.into_iter().chain(row.reblog_of_id));
        statuses::lock(conn, &touched)?;
        let reblogs = statuses::reblogs_of(conn, id)?;
        let mut counted: Vec<Id> = reblogs.iter().map(|(_, reblogger)| *reblogger).collect();
        counted.push(author);
        accounts::lock(conn, &counted)?;
        // Its reblogs go with it; each is deleted here, so each reblogger's count follows.
        for (reblog, reblogger) in reblogs {
            if statuses::delete(conn, reblog)? {
                accounts::bump_statuses(conn, reblogger, -1, None)?;
            }
        }
        if !statuses::delete(conn, id)? {
            // A concurrent delete got there first and has counted it.
            return Err(ApiError::not_found());
        }
        let visibility = row.visibility();
        if visibility.counts_as_post() {
            accounts::bump_statuses(conn, author, -1, None)?;
        }
        if let Some(parent) = row.in_reply_to_id.filter(|_| visibility.is_open()) {
            statuses::bump(conn, parent, Counter::Replies, -1)?;
        }
        if let Some(original) = row.reblog_of_id {
            statuses::bump(conn, original, Counter::Reblogs, -1)?;
            if let Some(original) = statuses::find(conn, original)? {
                withdraw(
                    conn,
                    original.account_id,
                    author,
                    NotificationKind::Reblog,
                    Some(original.id),
                )?;
            }
        }
        // Notifications about this status itself (its mentions, reblogs and favourites) go with it, by the
        // foreign key.
        Ok(view)
    })
}
