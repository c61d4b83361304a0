-- Revocable sessions: a session token carries the version it was issued under and is accepted
-- only while the user's version is unchanged; logout and a password change add one.
ALTER TABLE users ADD COLUMN token_version BIGINT DEFAULT 0 NOT NULL;

-- Per-plugin tokens: only a SHA-256 of the token is kept (the token itself is shown once, at
-- creation). characters holds the names the token may speak for, one per line.
CREATE TABLE plugin_tokens (
    label       VARCHAR(64)   NOT NULL,
    token_hash  VARCHAR(64)   NOT NULL,
    characters  VARCHAR(8000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT plugin_tokens_pkey PRIMARY KEY (label),
    CONSTRAINT plugin_tokens_hash_key UNIQUE (token_hash)
);
