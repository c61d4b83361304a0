-- Offset store of the read-side projections (pekko-projection-jdbc 1.0.0), from the DDL its
-- PostgreSQL dialect would create with use-lowercase-schema = true (the default). Flyway creates
-- it, not the projection, so the schema has one owner.

CREATE TABLE IF NOT EXISTS pekko_projection_offset_store (
    projection_name VARCHAR(255) NOT NULL,
    projection_key  VARCHAR(255) NOT NULL,
    current_offset  VARCHAR(255) NOT NULL,
    manifest        VARCHAR(4)   NOT NULL,
    mergeable       BOOLEAN      NOT NULL,
    last_updated    BIGINT       NOT NULL,
    PRIMARY KEY (projection_name, projection_key)
);
CREATE INDEX IF NOT EXISTS projection_name_index ON pekko_projection_offset_store (projection_name);

CREATE TABLE IF NOT EXISTS pekko_projection_management (
    projection_name VARCHAR(255) NOT NULL,
    projection_key  VARCHAR(255) NOT NULL,
    paused          BOOLEAN      NOT NULL,
    last_updated    BIGINT       NOT NULL,
    PRIMARY KEY (projection_name, projection_key)
);
