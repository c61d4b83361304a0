package dev.overlord.inventory;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an item can be worn, as the suitbuilder counts them: the nine armour coverage areas, the
 * two clothing layers, the jewellery slots, the trinket and the cloak. An item that covers several
 * areas (a coat: chest, abdomen and arms) takes all of them at once.
 */
public enum Slot {
    HEAD,
    CHEST,
    ABDOMEN,
    UPPER_ARMS,
    LOWER_ARMS,
    HANDS,
    UPPER_LEGS,
    LOWER_LEGS,
    FEET,
    SHIRT,
    PANTS,
    NECK,
    LEFT_WRIST,
    RIGHT_WRIST,
    LEFT_FINGER,
    RIGHT_FINGER,
    TRINKET,
    CLOAK;

    /** The armour coverage areas. */
    public static final Set<Slot> ARMOUR =
            EnumSet.of(HEAD, CHEST, ABDOMEN, UPPER_ARMS, LOWER_ARMS, HANDS, UPPER_LEGS, LOWER_LEGS, FEET);

    /** The jewellery slots. */
    public static final Set<Slot> JEWELLERY = EnumSet.of(NECK, LEFT_WRIST, RIGHT_WRIST, LEFT_FINGER, RIGHT_FINGER);

    /** The name as the API and the plugin write it: {@code UpperArms}, {@code LeftFinger}. */
    public String wireName() {
        StringBuilder b = new StringBuilder();
        for (String part : name().split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /** The slot a wire name or enum name names, case and separators ignored; null when none. */
    public static Slot fromWire(String name) {
        if (name == null) return null;
        String key = name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        for (Slot s : values()) {
            if (s.name().replace("_", "").toLowerCase(Locale.ROOT).equals(key)) return s;
        }
        return null;
    }
}
