/** The assistant: LLM runner, read-only tools over MCP, SQL guard (later issues). */
package dev.overlord.agent;
