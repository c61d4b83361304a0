-- Inventory read model: each character's current items, normalised as the reference keeps them.
-- items holds what a search filters, sorts and shows (one row per character and item); the
-- item_* tables hold the reference's split of the same facts; item_raw_data the item as reported.
-- Every row of an item is deleted and rewritten when the item changes. Text columns are as wide as
-- the item parser lets text be (200 characters).
CREATE TABLE inventories (
    character_name VARCHAR(64)              NOT NULL PRIMARY KEY,
    version        BIGINT                   NOT NULL,
    item_count     INTEGER                  NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE items (
    character_name    VARCHAR(64)              NOT NULL,
    item_id           BIGINT                   NOT NULL,
    name              VARCHAR(200)             NOT NULL,
    name_lower        VARCHAR(400)             NOT NULL,
    object_class      VARCHAR(200),
    container_id      BIGINT                   NOT NULL,
    equipped          BOOLEAN                  NOT NULL,
    equipped_slots    VARCHAR(400),
    coverage          VARCHAR(400),
    material          VARCHAR(200),
    armor_set         VARCHAR(200),
    armor_level       INTEGER,
    max_damage        INTEGER,
    damage_type       VARCHAR(200),
    damage_bonus      DOUBLE PRECISION,
    wield_requirement INTEGER,
    wield_skill       VARCHAR(200),
    tinks             INTEGER,
    workmanship       DOUBLE PRECISION,
    burden            INTEGER,
    item_value        INTEGER,
    stack_size        INTEGER                  NOT NULL,
    icon              INTEGER,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (character_name, item_id)
);
CREATE INDEX items_armor_set_idx ON items (armor_set, armor_level);
CREATE INDEX items_material_idx ON items (material);
CREATE INDEX items_object_class_idx ON items (object_class, armor_level);
CREATE INDEX items_name_lower_idx ON items (name_lower);
CREATE INDEX items_armor_level_idx ON items (armor_level);
CREATE INDEX items_max_damage_idx ON items (max_damage);

CREATE TABLE item_combat_stats (
    character_name VARCHAR(64)      NOT NULL,
    item_id        BIGINT           NOT NULL,
    armor_level    INTEGER,
    max_damage     INTEGER,
    damage_type    VARCHAR(200),
    damage_bonus   DOUBLE PRECISION,
    PRIMARY KEY (character_name, item_id)
);

CREATE TABLE item_requirements (
    character_name    VARCHAR(64) NOT NULL,
    item_id           BIGINT      NOT NULL,
    wield_requirement INTEGER,
    wield_skill       VARCHAR(200),
    PRIMARY KEY (character_name, item_id)
);

CREATE TABLE item_enhancements (
    character_name VARCHAR(64)      NOT NULL,
    item_id        BIGINT           NOT NULL,
    material       VARCHAR(200),
    tinks          INTEGER,
    workmanship    DOUBLE PRECISION,
    PRIMARY KEY (character_name, item_id)
);

-- One row per item and rating: a minimum-rating filter is an index range on (rating, value).
CREATE TABLE item_ratings (
    character_name VARCHAR(64) NOT NULL,
    item_id        BIGINT      NOT NULL,
    rating         VARCHAR(200) NOT NULL,
    rating_value   INTEGER     NOT NULL,
    PRIMARY KEY (character_name, item_id, rating)
);
CREATE INDEX item_ratings_value_idx ON item_ratings (rating, rating_value);
-- A page of items reads its ratings and spells by item id.
CREATE INDEX item_ratings_item_idx ON item_ratings (item_id);

-- One row per item and spell; spell_lower is what a search compares (names are case-insensitive).
CREATE TABLE item_spells (
    character_name VARCHAR(64)  NOT NULL,
    item_id        BIGINT       NOT NULL,
    spell_lower    VARCHAR(400) NOT NULL,
    spell          VARCHAR(200) NOT NULL,
    position       INTEGER      NOT NULL,
    PRIMARY KEY (character_name, item_id, spell_lower)
);
CREATE INDEX item_spells_lower_idx ON item_spells (spell_lower, character_name, item_id);
CREATE INDEX item_spells_item_idx ON item_spells (item_id);

CREATE TABLE item_raw_data (
    character_name VARCHAR(64) NOT NULL,
    item_id        BIGINT      NOT NULL,
    raw            TEXT        NOT NULL,
    PRIMARY KEY (character_name, item_id)
);
