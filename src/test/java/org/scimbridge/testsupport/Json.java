package org.scimbridge.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON for tests: text blocks and the Entra fixtures in {@code src/test/resources/entra/fixtures}. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode object(String json) {
        return (ObjectNode) parse(json);
    }

    /** The {@code body} of the fixture whose file name starts with {@code "NN-"}. */
    public static JsonNode fixtureBody(int number) {
        return fixture(number).get("body");
    }

    public static JsonNode fixture(int number) {
        String prefix = String.format("%02d-", number);
        try {
            URL dir = Json.class.getResource("/entra/fixtures");
            try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(dir.toURI()), prefix + "*.json")) {
                for (Path file : files) {
                    try (InputStream in = Files.newInputStream(file)) {
                        return MAPPER.readTree(in);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("No fixture " + prefix);
    }
}
