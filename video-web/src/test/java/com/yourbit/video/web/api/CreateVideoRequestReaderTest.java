package com.yourbit.video.web.api;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.domain.VideoException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreateVideoRequestReaderTest {

    private static CreateVideoRequest read(String body) {
        return CreateVideoRequestReader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static VideoException refusal(String body) {
        try {
            read(body);
        } catch (VideoException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void readsTheDeclaredFields() {
        assertThat(read("{\"title\": \"Holiday\", \"provider\": \"mux\"}")).isEqualTo(new CreateVideoRequest("Holiday", "mux"));
        assertThat(read(" {\"title\": null} ")).isEqualTo(new CreateVideoRequest(null, null));
        assertThat(read("{}")).isEqualTo(new CreateVideoRequest(null, null));
        assertThat(read("")).as("an empty body: all defaults").isEqualTo(new CreateVideoRequest(null, null));
    }

    @Test
    void aFieldOfAnotherTypeIsRefusedByName() {
        for (String value : new String[]{"5", "5.5", "-1e3", "true", "false", "{}", "[]", "[\"a\"]", "{\"a\": \"b\"}"}) {
            VideoException title = refusal("{\"title\": " + value + "}");
            assertThat(title.code()).as(value).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(title.getMessage()).isEqualTo("the field \"title\" must be a string");
            assertThat(refusal("{\"title\": \"a\", \"provider\": " + value + "}").getMessage())
                    .isEqualTo("the field \"provider\" must be a string");
        }
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        for (String body : new String[]{"[]", "[{\"title\": \"a\"}]", "\"title\"", "5", "true", "null"}) {
            VideoException e = refusal(body);
            assertThat(e.code()).as(body).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("must be a JSON object");
        }
    }

    @Test
    void unknownAndRepeatedFieldsAreRefusedByName() {
        assertThat(refusal("{\"titel\": \"a\"}").getMessage()).startsWith("unknown field \"titel\"");
        assertThat(refusal("{\"title\": \"a\", \"title\": \"b\"}").getMessage()).isEqualTo("the field \"title\" appears more than once");
        String longName = "n".repeat(10_000) + "\u0000";
        assertThat(refusal("{\"" + longName + "\": 1}").getMessage()).as("a long name is not echoed whole").hasSizeLessThan(200);
    }

    @Test
    void aSourceIsAnObjectWithAUrlString() {
        assertThat(read("{\"title\": \"a\", \"source\": {\"url\": \"https://example.com/a.mp4\"}}"))
                .isEqualTo(new CreateVideoRequest("a", null, new CreateVideoRequest.Source("https://example.com/a.mp4")));
        assertThat(read("{\"source\": null}")).isEqualTo(new CreateVideoRequest(null, null, null));
        // what the URL says is for the domain's ingest policy (422); the reader keeps it as sent
        assertThat(read("{\"source\": {\"url\": \"file:///etc/passwd\"}}").source().url()).isEqualTo("file:///etc/passwd");
    }

    @Test
    void aSourceOfAnotherShapeIsRefused() {
        String[][] cases = {
                {"\"https://example.com/a.mp4\"", "must be an object"},
                {"[\"https://example.com/a.mp4\"]", "must be an object"},
                {"5", "must be an object"},
                {"{}", "needs a \"url\""},
                {"{\"url\": null}", "\"source.url\" must be a string"},
                {"{\"url\": 5}", "\"source.url\" must be a string"},
                {"{\"url\": {\"href\": \"x\"}}", "\"source.url\" must be a string"},
                {"{\"url\": [\"x\"]}", "\"source.url\" must be a string"},
                {"{\"url\": \"a\", \"url\": \"b\"}", "more than once"},
                {"{\"url\": \"a\", \"headers\": {}}", "unknown field \"headers\" in \"source\""},
                {"{\"href\": \"a\"}", "unknown field \"href\" in \"source\""},
        };
        for (String[] c : cases) {
            VideoException e = refusal("{\"source\": " + c[0] + "}");
            assertThat(e.code()).as(c[0]).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).as(c[0]).contains(c[1]);
        }
        assertThat(refusal("{\"source\": {\"url\": \"a\"}, \"source\": null}").getMessage()).contains("more than once");
    }

    @Test
    void nestingIsRefusedWhereItOpensWhateverItsDepth() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(refusal("{\"title\": " + deep + "}").getMessage()).isEqualTo("the field \"title\" must be a string");
        assertThat(refusal(deep).getMessage()).contains("must be a JSON object");
        assertThat(refusal("{\"x\": " + deep + "}").getMessage()).startsWith("unknown field \"x\"");
    }

    @Test
    void textThatIsNotJsonIsInvalidJson() {
        for (String body : new String[]{"{\"title\": ", "{title: \"a\"}", "{\"title\": \"a\"} {}", "{\"title\": \"a\"},", " ", "\u0000"}) {
            assertThat(refusal(body).code()).as(body).isEqualTo(ErrorCode.INVALID_JSON);
        }
    }

    @Test
    void bytesThatAreNotUtf8AreInvalidJson() {
        byte[] latin1 = "{\"title\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        VideoException e = org.junit.jupiter.api.Assertions.assertThrows(VideoException.class,
                () -> CreateVideoRequestReader.read(new ByteArrayInputStream(latin1)));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
    }

    @Test
    void aBodyThatCannotBeReadIsNotCalledInvalidJson() {
        InputStream broken = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 3) {
                    return "{\"t".charAt(sent - 1);
                }
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> CreateVideoRequestReader.read(broken)).isInstanceOf(jakarta.ws.rs.ProcessingException.class);
    }
}
