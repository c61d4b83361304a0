package dev.overlord.agent.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overlord.agent.tools.ArgumentSchema;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.JsonSchemaValidatorSupplier;
import java.util.Map;

/**
 * The SDK's schema validation hook answered by {@link ArgumentSchema}, the validator our tools'
 * schemas are written for (the SDK ships one only for Jackson 3).
 */
public final class SchemaValidator implements JsonSchemaValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        JsonNode s = JSON.valueToTree(schema);
        JsonNode v = JSON.valueToTree(structuredContent);
        return ArgumentSchema.check(s, v)
                .map(ValidationResponse::asInvalid)
                .orElseGet(() -> ValidationResponse.asValid(v == null ? null : v.toString()));
    }

    /** Found by the SDK through {@code META-INF/services}. */
    public static final class Supplier implements JsonSchemaValidatorSupplier {
        @Override
        public JsonSchemaValidator get() {
            return new SchemaValidator();
        }
    }
}
