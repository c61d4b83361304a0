package dev.overlord.inventory;

/** An item and the character whose inventory holds it. */
public record OwnedItem(String character, Item item) {}
