-- Search. Terms are folded in Rust (NFKC, lower case: domain::search_terms), so both backends compare plain
-- strings in code-point order, and a prefix is an index range:
-- term >= 'prefix' AND term < 'prefix' || U+10FFFF. Existing accounts and posts are indexed by the server at
-- start-up (service::search::index_missing), since SQL cannot fold as Rust does.

-- Accounts by the start of their username, of their display name, or of a word of it.
CREATE TABLE account_search_terms (
    term TEXT NOT NULL,
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (term, account_id)
);
CREATE INDEX account_search_terms_account_id ON account_search_terms (account_id);

-- Posts by the words they contain (not reblogs: they have no text of their own).
CREATE TABLE status_words (
    word TEXT NOT NULL,
    status_id UUID NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
    PRIMARY KEY (word, status_id)
);
CREATE INDEX status_words_status_id ON status_words (status_id);

-- One-off catch-up jobs the server runs at start-up, marked here once finished (e.g. 'search': every account
-- and post written before this migration has been indexed), so an interrupted one resumes on the next start.
CREATE TABLE backfills (
    name TEXT PRIMARY KEY NOT NULL,
    finished_at TIMESTAMP NOT NULL
);
