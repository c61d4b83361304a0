package dev.overlord.agent.mcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.McpJsonMapperSupplier;
import io.modelcontextprotocol.json.TypeRef;
import java.io.IOException;

/**
 * The MCP SDK's JSON mapping on the Jackson 2 the rest of the server uses (the SDK's own mapper
 * needs Jackson 3). The SDK's schema types carry Jackson annotations both versions read.
 */
public final class Jackson2McpJsonMapper implements McpJsonMapper {
    private final ObjectMapper mapper;

    public Jackson2McpJsonMapper() {
        this(new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));
    }

    public Jackson2McpJsonMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper objectMapper() {
        return mapper;
    }

    private JavaType type(TypeRef<?> ref) {
        return mapper.getTypeFactory().constructType(ref.getType());
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return mapper.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return mapper.readValue(content, type(type));
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return mapper.readValue(content, type(type));
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        return mapper.convertValue(fromValue, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        return mapper.convertValue(fromValue, type(type));
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return mapper.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return mapper.writeValueAsBytes(value);
    }

    /** Found by the SDK through {@code META-INF/services} when no mapper is given explicitly. */
    public static final class Supplier implements McpJsonMapperSupplier {
        @Override
        public McpJsonMapper get() {
            return new Jackson2McpJsonMapper();
        }
    }
}
