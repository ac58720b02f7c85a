-- Posting and the social graph: statuses with their mentions and hashtags, follows, blocks, mutes,
-- favourites, and the Idempotency-Key ledger of POST /api/v1/statuses.

CREATE TABLE statuses (
    id UUID PRIMARY KEY NOT NULL,
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- the text as written (empty for a reblog) and its rendered HTML, fixed when posted
    text TEXT NOT NULL,
    content TEXT NOT NULL,
    spoiler_text TEXT NOT NULL DEFAULT '',
    -- 0 public, 1 unlisted, 2 private (followers only), 3 direct (mentioned accounts only)
    visibility SMALLINT NOT NULL,
    sensitive BOOLEAN NOT NULL DEFAULT FALSE,
    language TEXT NULL,
    in_reply_to_id UUID NULL REFERENCES statuses (id) ON DELETE SET NULL,
    in_reply_to_account_id UUID NULL REFERENCES accounts (id) ON DELETE SET NULL,
    -- set on a reblog: the wrapper status points at the original; deleting the original deletes its reblogs
    reblog_of_id UUID NULL REFERENCES statuses (id) ON DELETE CASCADE,
    replies_count BIGINT NOT NULL DEFAULT 0,
    reblogs_count BIGINT NOT NULL DEFAULT 0,
    favourites_count BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
-- an account's posts newest first (profiles, and the home timeline's read-time merge)
CREATE INDEX statuses_account_id_id ON statuses (account_id, id);
CREATE INDEX statuses_in_reply_to_id ON statuses (in_reply_to_id);
-- one reblog per account per status
CREATE UNIQUE INDEX statuses_reblog_once ON statuses (reblog_of_id, account_id) WHERE reblog_of_id IS NOT NULL;

CREATE TABLE mentions (
    status_id UUID NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (status_id, account_id)
);
CREATE INDEX mentions_account_id_status_id ON mentions (account_id, status_id);

CREATE TABLE tags (
    id UUID PRIMARY KEY NOT NULL,
    -- as first written, and case-folded for lookup
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE status_tags (
    status_id UUID NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    tag_id UUID NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, status_id)
);
CREATE INDEX status_tags_status_id ON status_tags (status_id);

CREATE TABLE follows (
    id UUID PRIMARY KEY NOT NULL,
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- whether the follower's home timeline shows the target's reblogs
    show_reblogs BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX follows_target_account_id_id ON follows (target_account_id, id);
CREATE INDEX follows_account_id_id ON follows (account_id, id);

-- Follows of a locked account wait here until its owner authorizes or rejects them.
CREATE TABLE follow_requests (
    id UUID PRIMARY KEY NOT NULL,
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    show_reblogs BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX follow_requests_target_account_id_id ON follow_requests (target_account_id, id);

CREATE TABLE blocks (
    id UUID PRIMARY KEY NOT NULL,
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX blocks_target_account_id ON blocks (target_account_id);

CREATE TABLE mutes (
    id UUID PRIMARY KEY NOT NULL,
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- whether the mute also silences notifications from the target
    hide_notifications BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (account_id, target_account_id)
);

CREATE TABLE favourites (
    id UUID PRIMARY KEY NOT NULL,
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status_id UUID NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (account_id, status_id)
);
CREATE INDEX favourites_status_id_id ON favourites (status_id, id);

-- Idempotency-Key of POST /api/v1/statuses: a key names one status per account for an hour.
CREATE TABLE idempotency_keys (
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    status_id UUID NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, key)
);
-- deleting a status finds its key by this index
CREATE INDEX idempotency_keys_status_id ON idempotency_keys (status_id);
