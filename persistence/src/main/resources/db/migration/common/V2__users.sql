-- Operator accounts for the web UI. password_hash holds a bcrypt string ($2a$<cost>$..., 60 chars);
-- the wider column leaves room for a future algorithm without a migration.
CREATE TABLE users (
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT users_pkey PRIMARY KEY (username)
);
