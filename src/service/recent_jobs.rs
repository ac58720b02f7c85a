//! The job posts of the last `max_age_days`, and the reblogs and replies that pass them on, kept in memory by
//! author: where the job feed finds its candidates without reading the database (at dataset M, reading them
//! through the covering indexes for a circle's 200 members cost about 6 ms of a 15 ms request).
//!
//! The rows are those of `db::statuses::JobRow`, so the visibility checks run on them as they would on rows
//! read from the table; the page shown is read from the table afterwards in any case. They are read whole at
//! start-up and again every few minutes (another server's posts arrive that way), and this server's own posts,
//! reblogs and deletions are applied as they happen ([`RecentJobs::apply`]).

use chrono::NaiveDateTime;

use crate::db::statuses::{JobRow, Status};
use crate::db::Id;

/// Rows of each kind (authored, passed on) one feed ranks at most: the newest.
pub const CANDIDATES: usize = 2_000;

/// A reblog or reply passing a job post on, with the kind it passes on.
#[derive(Debug, Clone)]
struct Pass {
    row: JobRow,
    kind: i16,
}

/// The maps are looked up for every circle member and every post of theirs when a feed is ranked: they hash
/// with foldhash rather than SipHash.
#[derive(Debug, Default)]
pub struct RecentJobs {
    posts: foldhash::HashMap<Id, JobRow>,
    /// Post ids by author, in no particular order.
    by_author: foldhash::HashMap<Id, Vec<Id>>,
    passes_by: foldhash::HashMap<Id, Vec<Pass>>,
    /// Rows this server removed (author, id, when), so a read of the table that began before the removal does
    /// not bring them back ([`RecentJobs::refreshed`]).
    removed: Vec<(Id, Id, NaiveDateTime)>,
}

/// What happened to a status, for [`RecentJobs::apply`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Posted, reblogged or replied: the new status.
    Written,
    /// Deleted: the status as it was.
    Deleted,
}

impl RecentJobs {
    /// From rows read from the table.
    pub fn from_rows(posts: Vec<JobRow>, passes: Vec<(JobRow, i16)>) -> Self {
        let mut jobs = RecentJobs::default();
        for row in posts {
            jobs.insert_post(row);
        }
        for (row, kind) in passes {
            jobs.insert_pass(row, kind);
        }
        jobs
    }

    /// A fresh read of the table, keeping what this server wrote at or after `read_from` that the read may have
    /// missed (its transaction committed after the read began), and without what this server removed since then
    /// (the read may have seen it before the removal committed).
    pub fn refreshed(&self, mut fresh: RecentJobs, read_from: NaiveDateTime) -> RecentJobs {
        let first = Id::first_at(read_from);
        for row in self.posts.values().filter(|r| r.id >= first) {
            if !fresh.posts.contains_key(&row.id) {
                fresh.insert_post(row.clone());
            }
        }
        for pass in self
            .passes_by
            .values()
            .flatten()
            .filter(|p| p.row.id >= first)
        {
            let known = fresh
                .passes_by
                .get(&pass.row.account_id)
                .is_some_and(|v| v.iter().any(|p| p.row.id == pass.row.id));
            if !known {
                fresh.insert_pass(pass.row.clone(), pass.kind);
            }
        }
        for removal in self.removed.iter().filter(|(_, _, at)| *at >= read_from) {
            fresh.forget(removal.0, removal.1);
            fresh.removed.push(*removal);
        }
        fresh
    }

    fn insert_post(&mut self, row: JobRow) {
        let ids = self.by_author.entry(row.account_id).or_default();
        if !ids.contains(&row.id) {
            ids.push(row.id);
        }
        self.posts.insert(row.id, row);
    }

    fn insert_pass(&mut self, row: JobRow, kind: i16) {
        let passes = self.passes_by.entry(row.account_id).or_default();
        if !passes.iter().any(|p| p.row.id == row.id) {
            passes.push(Pass { row, kind });
        }
    }

    /// Removes a row and remembers that it did (see `removed`).
    fn remove(&mut self, author: Id, id: Id) {
        self.removed
            .push((author, id, chrono::Utc::now().naive_utc()));
        self.forget(author, id);
    }

    fn forget(&mut self, author: Id, id: Id) {
        if self.posts.remove(&id).is_some() {
            if let Some(ids) = self.by_author.get_mut(&author) {
                ids.retain(|i| *i != id);
            }
        }
        if let Some(passes) = self.passes_by.get_mut(&author) {
            passes.retain(|p| p.row.id != id);
        }
    }

    /// Applies what this server just did to a status.
    pub fn apply(&mut self, status: &Status, change: Change) {
        match change {
            Change::Written => {
                // A reply can pass one job post on and be one itself.
                if let Some(kind) = status.passes_on_job {
                    self.insert_pass(JobRow::from(status), kind);
                }
                if status.job_kind.is_some() && status.reblog_of_id.is_none() {
                    self.insert_post(JobRow::from(status));
                }
            }
            Change::Deleted => self.remove(status.account_id, status.id),
        }
    }

    /// `by` withdrew their reblog of `original`: whether a reblog kept here went with it.
    pub fn remove_reblogs(&mut self, by: Id, original: Id) -> bool {
        let reblogs: Vec<Id> = self
            .passes_by
            .get(&by)
            .into_iter()
            .flatten()
            .filter(|p| p.row.reblog_of_id == Some(original))
            .map(|p| p.row.id)
            .collect();
        for id in &reblogs {
            self.remove(by, *id);
        }
        !reblogs.is_empty()
    }

    /// The job posts of `kinds` by `authors` made since `since`, newest first, at most [`CANDIDATES`].
    pub fn posts_by(&self, authors: &[Id], kinds: &[i16], since: NaiveDateTime) -> Vec<JobRow> {
        let first = Id::first_at(since);
        let mut rows: Vec<JobRow> = authors
            .iter()
            .filter_map(|a| self.by_author.get(a))
            .flatten()
            .filter_map(|id| self.posts.get(id))
            .filter(|r| r.id >= first && r.job_kind.is_some_and(|k| kinds.contains(&k)))
            .cloned()
            .collect();
        newest(&mut rows);
        rows
    }

    /// The reblogs and replies by `authors` made since `since` that pass on job posts of `kinds`, newest first,
    /// at most [`CANDIDATES`].
    pub fn passed_on_by(&self, authors: &[Id], kinds: &[i16], since: NaiveDateTime) -> Vec<JobRow> {
        let first = Id::first_at(since);
        let mut rows: Vec<JobRow> = authors
            .iter()
            .filter_map(|a| self.passes_by.get(a))
            .flatten()
            .filter(|p| p.row.id >= first && kinds.contains(&p.kind))
            .map(|p| p.row.clone())
            .collect();
        newest(&mut rows);
        rows
    }

    /// A job post kept here, by id.
    pub fn post(&self, id: Id) -> Option<&JobRow> {
        self.posts.get(&id)
    }

    /// Rows kept (posts, passes), for the log.
    pub fn len(&self) -> (usize, usize) {
        (
            self.posts.len(),
            self.passes_by.values().map(Vec::len).sum(),
        )
    }
}

fn newest(rows: &mut Vec<JobRow>) {
    rows.sort_by_key(|r| std::cmp::Reverse(r.id));
    rows.truncate(CANDIDATES);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Utc};

    fn row(author: Id, kind: Option<i16>, reblog_of: Option<Id>, reply_to: Option<Id>) -> JobRow {
        JobRow {
            id: Id::new(),
            account_id: author,
            visibility: 0,
            created_at: Utc::now().naive_utc(),
            job_kind: kind,
            job_score: 0.9,
            reblog_of_id: reblog_of,
            in_reply_to_id: reply_to,
        }
    }

    fn long_ago() -> NaiveDateTime {
        Utc::now().naive_utc() - Duration::days(30)
    }

    #[test]
    fn finds_posts_and_passes_by_author_and_kind() {
        let (sam, lee) = (Id::new(), Id::new());
        let offer = row(lee, Some(0), None, None);
        let seeker = row(lee, Some(1), None, None);
        let reblog = row(sam, None, Some(offer.id), None);
        let jobs = RecentJobs::from_rows(
            vec![offer.clone(), seeker.clone()],
            vec![(reblog.clone(), 0)],
        );
        let ids = |rows: Vec<JobRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(ids(jobs.posts_by(&[lee], &[0], long_ago())), [offer.id]);
        assert_eq!(ids(jobs.posts_by(&[lee], &[0, 1], long_ago())).len(), 2);
        assert!(jobs.posts_by(&[sam], &[0, 1], long_ago()).is_empty());
        assert_eq!(
            ids(jobs.passed_on_by(&[sam], &[0], long_ago())),
            [reblog.id]
        );
        assert!(jobs.passed_on_by(&[sam], &[1], long_ago()).is_empty());
        assert!(jobs.post(offer.id).is_some());
        let later = Utc::now().naive_utc() + Duration::seconds(5);
        assert!(
            jobs.posts_by(&[lee], &[0], later).is_empty(),
            "older than since"
        );
    }

    #[test]
    fn a_removal_during_a_read_is_not_undone_by_it() {
        let sam = Id::new();
        let post = row(sam, Some(0), None, None);
        let mut jobs = RecentJobs::from_rows(vec![post.clone()], vec![]);
        let started = Utc::now().naive_utc() - Duration::seconds(1);
        // The read saw the post; the author deleted it before the read was swapped in.
        let read = RecentJobs::from_rows(vec![post.clone()], vec![]);
        jobs.remove(sam, post.id);
        let fresh = jobs.refreshed(read, started);
        assert!(fresh.post(post.id).is_none());
        assert!(fresh.posts_by(&[sam], &[0], long_ago()).is_empty());
        // A later read, begun after the removal, has nothing to undo.
        let later = fresh.refreshed(
            RecentJobs::default(),
            Utc::now().naive_utc() + Duration::seconds(1),
        );
        assert!(later.removed.is_empty());
    }

    #[test]
    fn refreshing_keeps_recent_rows_the_read_missed_and_drops_older_ones() {
        let sam = Id::new();
        let old = JobRow {
            id: Id::first_at(Utc::now().naive_utc() - Duration::hours(1)),
            ..row(sam, Some(0), None, None)
        };
        let started = Utc::now().naive_utc() - Duration::seconds(1);
        let recent = row(sam, Some(0), None, None);
        let jobs = RecentJobs::from_rows(vec![old.clone(), recent.clone()], vec![]);
        // The read saw neither: the old one was deleted meanwhile, the recent one committed after it began.
        let fresh = jobs.refreshed(RecentJobs::default(), started);
        assert!(fresh.post(recent.id).is_some());
        assert!(fresh.post(old.id).is_none());
    }
}
