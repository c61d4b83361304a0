package dev.overlord.inventory;

import java.util.Collection;
import java.util.List;

/** The current items of characters, as the read side holds them (blocking: call off actor threads). */
public interface ItemSource {

    /** Every item of the named characters (all characters when {@code characters} is empty). */
    List<OwnedItem> items(Collection<String> characters);
}
