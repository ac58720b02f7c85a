-- The job feed reads, for each member of the viewer's circle, the job posts they wrote and the reblogs and
-- replies by which they passed job posts on: one index range per member, over job traffic only. The two
-- indexes also hold every column the ranking and the visibility check read (`db::statuses::JobRow`), so
-- finding candidates reads no table rows; the posts of the page shown are read whole afterwards.
-- On a reblog or a reply: the job kind of the post it passes on (0 offer, 1 seeking); NULL when that post is
-- no job post, and on posts that are neither reblogs nor replies.
ALTER TABLE statuses ADD COLUMN passes_on_job SMALLINT NULL;
UPDATE statuses
   SET passes_on_job = (SELECT o.job_kind FROM statuses o
                         WHERE o.id = COALESCE(statuses.reblog_of_id, statuses.in_reply_to_id))
 WHERE reblog_of_id IS NOT NULL OR in_reply_to_id IS NOT NULL;
CREATE INDEX statuses_passing_on_jobs
    ON statuses (account_id, id, visibility, created_at, job_kind, job_score, reblog_of_id, in_reply_to_id,
                 passes_on_job)
    WHERE passes_on_job IS NOT NULL;
-- Job posts by author (the old index by kind made the planner walk every job post of the kind). Reblogs carry
-- no job kind of their own. (A second condition in the WHERE, `reblog_of_id IS NULL`, would stop SQLite from
-- reading this index alone.)
DROP INDEX statuses_job_kind_id;
CREATE INDEX statuses_job_posts_by_author
    ON statuses (account_id, id, visibility, created_at, job_kind, job_score, reblog_of_id, in_reply_to_id)
    WHERE job_kind IS NOT NULL;
