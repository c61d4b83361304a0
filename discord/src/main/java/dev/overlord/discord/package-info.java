/** The Discord bot and webhook client: rares, vortex warnings, death and idle alerts (later issues). */
package dev.overlord.discord;
