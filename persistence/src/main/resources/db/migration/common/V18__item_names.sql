-- Every distinct item name (lower case) the inventories have held. A text search looks for the text
-- in these few thousand names first, then fetches the items with those names through the name
-- index, instead of testing the text on every item row. Names are added as items are written and
-- never removed: a name no item holds any more only costs its row.
CREATE TABLE item_names (
    name_lower VARCHAR(400) NOT NULL PRIMARY KEY
);
INSERT INTO item_names (name_lower) SELECT DISTINCT name_lower FROM items;
