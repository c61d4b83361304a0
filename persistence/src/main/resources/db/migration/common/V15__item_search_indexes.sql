-- A search's page is ordered by its sort key, then (character_name, item_id). Indexes that end in
-- those two columns give the page in order without sorting every match: by name (the default) and
-- by armour level or damage, best first (the order the search page asks for). A minimum armour
-- level or damage still reads the same indexes as a range.
DROP INDEX items_name_lower_idx;
CREATE INDEX items_name_sort_idx ON items (name_lower, character_name, item_id);
DROP INDEX items_armor_level_idx;
CREATE INDEX items_armor_level_sort_idx ON items (armor_level DESC NULLS LAST, character_name, item_id);
DROP INDEX items_max_damage_idx;
CREATE INDEX items_max_damage_sort_idx ON items (max_damage DESC NULLS LAST, character_name, item_id);
-- Spell, rating and suitbuilder lookups find items by the game's object id.
CREATE INDEX items_item_id_idx ON items (item_id);
