package dev.hark.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a configuration file over the defaults of {@link HarkConfig} and validates it. Every fault is
 * reported with the file and the JSON path ({@code $.audio.device}): unknown keys, values of the
 * wrong type, malformed JSON (with line and column), values out of range.
 */
public final class ConfigLoader {
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The defaults, validated. */
    public HarkConfig defaults() {
        return new HarkConfig();
    }

    /** Reads {@code file} over the defaults. */
    public HarkConfig load(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": configuration file not found");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read configuration: " + e.getMessage());
        }
        HarkConfig config = new HarkConfig();
        try {
            mapper.readerForUpdating(config).readValue(bytes);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(file + ": " + path(e) + ": unknown key" + (known.isEmpty() ? "" : " (known: " + known + ")"));
        } catch (MismatchedInputException e) {
            String wanted = e.getTargetType() == null ? "another type" : typeName(e.getTargetType());
            throw new ConfigException(file + ": " + path(e) + ": expected " + wanted);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JsonParseException parse) {
                throw malformed(file, parse);
            }
            throw new ConfigException(file + ": " + path(e) + ": " + e.getOriginalMessage());
        } catch (JsonParseException e) {
            throw malformed(file, e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read configuration: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        config.validate(problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(file + ": " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        return config;
    }

    /** The effective configuration as indented JSON, every default included. */
    public String toJson(HarkConfig config) {
        try {
            return mapper.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("configuration always serialises", e);
        }
    }

    private static ConfigException malformed(Path file, JsonParseException e) {
        JsonLocation at = e.getLocation();
        return new ConfigException(file + ": malformed JSON at line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ": " + e.getOriginalMessage());
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
