-- Experience over time, for the daily digest: character_stats keeps only the latest frame, so each
-- character's total_xp is sampled here per hour (UTC): the first and the last value of the hour.
CREATE TABLE character_xp_hours (
    character_name VARCHAR(64)              NOT NULL,
    hour_start     TIMESTAMP WITH TIME ZONE NOT NULL,
    first_xp       BIGINT                   NOT NULL,
    first_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_xp        BIGINT                   NOT NULL,
    last_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (character_name, hour_start)
);
CREATE INDEX character_xp_hours_hour_idx ON character_xp_hours (hour_start);
