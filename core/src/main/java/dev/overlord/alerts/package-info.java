/** Alerts: what they are and where they go; raised by entities and jobs, delivered from the outbox. */
package dev.overlord.alerts;
