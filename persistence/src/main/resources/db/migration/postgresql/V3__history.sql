-- History: time series (partitioned by time), rares, portals and per-character stats.
-- Time-series tables are range-partitioned by day on ts; PartitionMaintenance creates the
-- partitions ahead of time and retention drops whole partitions. The DEFAULT partition catches
-- rows outside the created range so nothing is ever refused; retention deletes from it in batches.

CREATE TABLE telemetry_events (
    character_name        VARCHAR(64)      NOT NULL,
    ts                    TIMESTAMPTZ      NOT NULL,
    ew                    DOUBLE PRECISION NOT NULL,
    ns                    DOUBLE PRECISION NOT NULL,
    z                     DOUBLE PRECISION NOT NULL,
    kills                 BIGINT,
    kills_per_hour        DOUBLE PRECISION,
    deaths                BIGINT,
    total_deaths          BIGINT,
    rares_found           BIGINT,
    prismatic_taper_count BIGINT,
    vt_state              VARCHAR(32),
    session_id            VARCHAR(64),
    raw                   TEXT
) PARTITION BY RANGE (ts);
CREATE TABLE telemetry_events_default PARTITION OF telemetry_events DEFAULT;
CREATE INDEX telemetry_events_character_ts_idx ON telemetry_events (character_name, ts);
CREATE INDEX telemetry_events_ts_idx ON telemetry_events (ts);

CREATE TABLE spawn_events (
    character_name VARCHAR(64)      NOT NULL,
    ts             TIMESTAMPTZ      NOT NULL,
    mob            VARCHAR(128),
    ew             DOUBLE PRECISION NOT NULL,
    ns             DOUBLE PRECISION NOT NULL,
    z              DOUBLE PRECISION
) PARTITION BY RANGE (ts);
CREATE TABLE spawn_events_default PARTITION OF spawn_events DEFAULT;
CREATE INDEX spawn_events_ts_idx ON spawn_events (ts);

CREATE TABLE rare_events (
    id             BIGSERIAL PRIMARY KEY,
    character_name VARCHAR(64)  NOT NULL,
    ts             TIMESTAMPTZ  NOT NULL,
    name           VARCHAR(128) NOT NULL,
    session_id     VARCHAR(64),
    ew             DOUBLE PRECISION,
    ns             DOUBLE PRECISION,
    z              DOUBLE PRECISION,
    raw            TEXT
);
CREATE INDEX rare_events_ts_idx ON rare_events (ts);
CREATE INDEX rare_events_character_ts_idx ON rare_events (character_name, ts);

-- One row per place: coordinates rounded to 0.1 (stored as tenths) are the key.
CREATE TABLE portals (
    ew_tenths      INTEGER          NOT NULL,
    ns_tenths      INTEGER          NOT NULL,
    portal_name    VARCHAR(128)     NOT NULL,
    ew             DOUBLE PRECISION NOT NULL,
    ns             DOUBLE PRECISION NOT NULL,
    z              DOUBLE PRECISION,
    discovered_by  VARCHAR(64)      NOT NULL,
    first_seen     TIMESTAMPTZ      NOT NULL,
    last_seen      TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (ew_tenths, ns_tenths)
);
CREATE INDEX portals_last_seen_idx ON portals (last_seen);

CREATE TABLE char_stats (
    character_name VARCHAR(64) PRIMARY KEY,
    total_kills    BIGINT      NOT NULL DEFAULT 0,
    total_deaths   BIGINT      NOT NULL DEFAULT 0,
    total_rares    BIGINT      NOT NULL DEFAULT 0,
    total_tapers   BIGINT      NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE rare_stats (
    character_name VARCHAR(64) PRIMARY KEY,
    total_rares    BIGINT      NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE rare_stats_sessions (
    character_name VARCHAR(64) NOT NULL,
    session_id     VARCHAR(64) NOT NULL,
    rares          BIGINT      NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (character_name, session_id)
);

-- Lifetime combat totals: the sum of the latest snapshot of every session (JSON object of numbers).
CREATE TABLE combat_stats (
    character_name VARCHAR(64) PRIMARY KEY,
    lifetime       TEXT        NOT NULL,
    sessions       INTEGER     NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE combat_stats_sessions (
    character_name VARCHAR(64) NOT NULL,
    session_id     VARCHAR(64) NOT NULL,
    snapshot       TEXT        NOT NULL,
    snapshot_ts    TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (character_name, session_id)
);

-- Latest full character_stats frame (attributes, skills, allegiance) as JSON.
CREATE TABLE character_stats (
    character_name VARCHAR(64) PRIMARY KEY,
    stats          TEXT        NOT NULL,
    cantrips       TEXT,
    quests         TEXT,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- Current game-server state, a single row (id = 1).
CREATE TABLE server_status (
    id          INTEGER PRIMARY KEY,
    status      VARCHAR(32) NOT NULL,
    players     INTEGER,
    latency_ms  INTEGER,
    checked_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT server_status_single_row CHECK (id = 1)
);
