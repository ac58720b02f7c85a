DROP INDEX statuses_job_unexamined;
DROP INDEX statuses_job_kind_id;
ALTER TABLE statuses DROP COLUMN job_signals;
ALTER TABLE statuses DROP COLUMN job_score;
ALTER TABLE statuses DROP COLUMN job_kind;
ALTER TABLE accounts DROP COLUMN hiring;
ALTER TABLE accounts DROP COLUMN open_to_work;
