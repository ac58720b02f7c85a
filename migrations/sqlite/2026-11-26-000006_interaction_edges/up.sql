-- The interaction graph the job feed walks (domain::job_feed::Edge): one row per ordered pair of accounts that
-- have interacted, updated in the transaction of each mention, reply, reblog, favourite, follow, unfollow,
-- block and mute. The decayed counts are valued at last_at; the server keeps the graph in memory and picks up
-- changed rows by updated_at.
CREATE TABLE interaction_edges (
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mentions REAL NOT NULL DEFAULT 0,
    replies REAL NOT NULL DEFAULT 0,
    reblogs REAL NOT NULL DEFAULT 0,
    favourites REAL NOT NULL DEFAULT 0,
    follows BOOLEAN NOT NULL DEFAULT FALSE,
    -- Unix seconds of the latest decayed interaction
    last_at BIGINT NOT NULL,
    -- the calendar month (months since year 0) the month_* counts count
    month INTEGER NOT NULL DEFAULT 0,
    month_mentions INTEGER NOT NULL DEFAULT 0,
    month_replies INTEGER NOT NULL DEFAULT 0,
    month_reblogs INTEGER NOT NULL DEFAULT 0,
    month_favourites INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, target_account_id)
);
CREATE INDEX interaction_edges_updated_at ON interaction_edges (updated_at);
CREATE INDEX interaction_edges_target_account_id ON interaction_edges (target_account_id);
