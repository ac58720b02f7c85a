-- Accounts (public profile), users (credentials), OAuth applications, tokens and authorization codes.
-- Ids are UUIDv7 made in Rust; times are UTC set in Rust, microsecond precision.

CREATE TABLE accounts (
    id UUID PRIMARY KEY,
    username TEXT NOT NULL,
    -- lower-cased username: usernames are unique without regard to case
    username_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    -- profile fields as a JSON array of {"name", "value"}
    fields TEXT NOT NULL DEFAULT '[]',
    locked BOOLEAN NOT NULL DEFAULT FALSE,
    bot BOOLEAN NOT NULL DEFAULT FALSE,
    discoverable BOOLEAN NOT NULL DEFAULT TRUE,
    followers_count BIGINT NOT NULL DEFAULT 0,
    following_count BIGINT NOT NULL DEFAULT 0,
    statuses_count BIGINT NOT NULL DEFAULT 0,
    last_status_at TIMESTAMP NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE oauth_applications (
    id UUID PRIMARY KEY,
    name TEXT NOT NULL,
    website TEXT NULL,
    -- registered redirect URIs, one per line
    redirect_uris TEXT NOT NULL,
    scopes TEXT NOT NULL,
    client_id TEXT NOT NULL UNIQUE,
    client_secret_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    account_id UUID PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'en',
    -- last day the user signed in or used a token (for the instance's monthly-active count)
    last_active_at TIMESTAMP NULL,
    created_by_application_id UUID NULL REFERENCES oauth_applications (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE oauth_access_tokens (
    id UUID PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    application_id UUID NOT NULL REFERENCES oauth_applications (id) ON DELETE CASCADE,
    -- NULL for application tokens (client_credentials)
    account_id UUID NULL REFERENCES accounts (id) ON DELETE CASCADE,
    scopes TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP NULL
);
CREATE INDEX oauth_access_tokens_account_id ON oauth_access_tokens (account_id);
CREATE INDEX oauth_access_tokens_application_id ON oauth_access_tokens (application_id);

CREATE TABLE oauth_authorization_codes (
    id UUID PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    application_id UUID NOT NULL REFERENCES oauth_applications (id) ON DELETE CASCADE,
    account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    scopes TEXT NOT NULL,
    code_challenge TEXT NULL,
    code_challenge_method TEXT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP NULL,
    -- the token issued for this code, revoked if the code is presented again
    access_token_id UUID NULL REFERENCES oauth_access_tokens (id) ON DELETE SET NULL
);
