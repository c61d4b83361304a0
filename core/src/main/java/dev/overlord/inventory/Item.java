package dev.overlord.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One item of a character's inventory, as read from what the plugin reported: the well-known
 * properties (docs/frames.md lists the keys read) and every raw key kept as it came.
 *
 * <p>Numbers the item does not carry are null; lists and maps are empty, never null.
 *
 * @param id the game's object id (unique per item within the world)
 * @param name the item's name
 * @param objectClass the game's object class ({@code Armor}, {@code Jewelry}, {@code Clothing},
 *     {@code MeleeWeapon}, {@code WandStaffOrb} ...)
 * @param containerId the container holding it (0: the character's own body or main pack)
 * @param equipped whether the character wears or wields it now
 * @param equippedSlots the slots it is worn in now (empty for a wielded weapon or when not equipped)
 * @param coverage the slots it can be worn in (an armour piece covers all of them at once)
 * @param material its material name ({@code Gold}, {@code Steel}), null when unknown
 * @param armorSet its armor set name ({@code Soldier's Set}), null when none
 * @param armorLevel armour level
 * @param maxDamage maximum damage of a weapon
 * @param damageType the kind of damage ({@code Slash}, {@code Fire} ...)
 * @param damageBonus a weapon's damage modifier or elemental damage bonus
 * @param wieldRequirement the level or skill value needed to wield it, null when none
 * @param wieldSkill the skill the requirement is on ({@code Level} for a level requirement)
 * @param spells spell and cantrip names, in the order reported
 * @param ratings ratings by name ({@code damage}, {@code damage_resist}, {@code crit},
 *     {@code crit_resist}, {@code crit_damage}, {@code crit_damage_resist}, {@code heal_boost},
 *     {@code vitality})
 * @param tinks times tinkered
 * @param workmanship workmanship (1 to 10)
 * @param burden burden units
 * @param value value in pyreals
 * @param stackSize stack size (1 for an unstacked item)
 * @param icon the game's icon id, null when not reported
 * @param raw the item exactly as reported
 */
public record Item(
        long id,
        String name,
        String objectClass,
        long containerId,
        boolean equipped,
        Set<Slot> equippedSlots,
        Set<Slot> coverage,
        String material,
        String armorSet,
        Integer armorLevel,
        Integer maxDamage,
        String damageType,
        Double damageBonus,
        Integer wieldRequirement,
        String wieldSkill,
        List<String> spells,
        Map<String, Integer> ratings,
        Integer tinks,
        Double workmanship,
        Integer burden,
        Integer value,
        int stackSize,
        Integer icon,
        ObjectNode raw) {

    /** The rating names an item may carry, as the API and the tables name them. */
    public static final List<String> RATINGS = List.of(
            "damage",
            "damage_resist",
            "crit",
            "crit_resist",
            "crit_damage",
            "crit_damage_resist",
            "heal_boost",
            "vitality");

    public Item {
        equippedSlots = Set.copyOf(equippedSlots);
        coverage = Set.copyOf(coverage);
        spells = List.copyOf(spells);
        ratings = Map.copyOf(ratings);
    }
}
