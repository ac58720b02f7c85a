-- Job signals: what job detection (domain::jobs) found in each post when it was written, and the two
-- profile flags it and the job feed read.
ALTER TABLE statuses ADD COLUMN job_kind SMALLINT NULL;          -- 0 offer, 1 seeking, NULL neither
ALTER TABLE statuses ADD COLUMN job_score REAL NOT NULL DEFAULT 0;  -- 0.0 to 1.0
-- the signals that fired, as a JSON array of strings; NULL until the post has been examined (posts written
-- before this migration are examined at start-up)
ALTER TABLE statuses ADD COLUMN job_signals TEXT NULL;
-- job posts newest first: where the job feed looks for candidates
CREATE INDEX statuses_job_kind_id ON statuses (job_kind, id) WHERE job_kind IS NOT NULL;
-- posts not yet examined, so start-up finds them without a scan
CREATE INDEX statuses_job_unexamined ON statuses (id) WHERE job_signals IS NULL;

ALTER TABLE accounts ADD COLUMN open_to_work BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE accounts ADD COLUMN hiring BOOLEAN NOT NULL DEFAULT FALSE;
