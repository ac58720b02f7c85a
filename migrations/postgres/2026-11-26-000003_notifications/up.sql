-- Notifications: one row per event that concerns an account (a mention, a reblog or favourite of its post,
-- a follow or follow request), written in the event's transaction and removed when the event is undone.
CREATE TABLE notifications (
    id UUID PRIMARY KEY NOT NULL,
    -- who is told
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- who acted
    from_account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- 'mention', 'reblog', 'favourite', 'follow' or 'follow_request'
    kind TEXT NOT NULL,
    -- what it is about: the post that mentions, the original that was reblogged or favourited; none for
    -- follows. Deleting the post deletes its notifications.
    status_id UUID NULL REFERENCES statuses (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
-- an account's notifications newest first
CREATE INDEX notifications_account_id_id ON notifications (account_id, id);
-- finding the notification an undo withdraws
CREATE INDEX notifications_from_account_id_account_id ON notifications (from_account_id, account_id);
-- the cascade from deleted statuses
CREATE INDEX notifications_status_id ON notifications (status_id);
