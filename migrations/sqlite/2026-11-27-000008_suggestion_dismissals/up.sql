-- Who to follow: the accounts each viewer dismissed from their suggestions (DELETE /api/v1/suggestions/:id),
-- never suggested to them again.
CREATE TABLE suggestion_dismissals (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    target_account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, target_account_id)
);
CREATE INDEX suggestion_dismissals_target_account_id ON suggestion_dismissals (target_account_id);
