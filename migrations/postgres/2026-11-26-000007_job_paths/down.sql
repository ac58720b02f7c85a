DROP INDEX statuses_job_posts_by_author;
CREATE INDEX statuses_job_kind_id ON statuses (job_kind, id) WHERE job_kind IS NOT NULL;
DROP INDEX statuses_passing_on_jobs;
ALTER TABLE statuses DROP COLUMN passes_on_job;
