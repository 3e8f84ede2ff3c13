package com.yourbit.video.web.upload;

import com.yourbit.video.api.ProviderState;
import com.yourbit.video.domain.VideoStatus;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static com.yourbit.video.web.upload.UploadEndpoint.MAX_SIZE;
import static com.yourbit.video.web.upload.UploadEndpoint.TOKEN;
import static com.yourbit.video.web.upload.UploadEndpoint.VIDEO;
import static com.yourbit.video.web.upload.UploadEndpoint.assertProblem;
import static com.yourbit.video.web.upload.UploadEndpoint.header;
import static com.yourbit.video.web.upload.UploadEndpoint.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The Mux-style PUT rules of {@code /uploads/{token}}, on the same path as the tus methods. */
class PutUploadResourceTest {

    private static final String FILE = "0123456789";

    private final UploadEndpoint endpoint = new UploadEndpoint();

    private static MockHttpRequest whole(String content) {
        return request("PUT").header("Content-Length", Integer.toString(content.length()))
                .contentType("video/mp4").content(content.getBytes(StandardCharsets.US_ASCII));
    }

    /** Bytes {@code first..last} (inclusive) of {@link #FILE}. */
    private static MockHttpRequest chunk(int first, int last) {
        String bytes = FILE.substring(first, last + 1);
        return request("PUT").header("Content-Range", "bytes " + first + "-" + last + "/" + FILE.length())
                .header("Content-Length", Integer.toString(bytes.length()))
                .content(bytes.getBytes(StandardCharsets.US_ASCII));
    }

    private static MockHttpRequest statusQuery() {
        return request("PUT").header("Content-Range", "bytes */" + FILE.length()).header("Content-Length", "0");
    }

    private String stored() {
        return new String(endpoint.store.bytes(TOKEN), StandardCharsets.US_ASCII);
    }

    @Test
    void onePutOfTheWholeFileIs200AndCompletesTheUpload() {
        MockHttpResponse response = endpoint.send(whole(FILE));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(stored()).isEqualTo(FILE);
        assertThat(endpoint.store.find(TOKEN).orElseThrow().metadata()).containsEntry("filetype", "video/mp4");
        assertThat(endpoint.videos.declared).containsEntry(VIDEO, 10L);
        assertThat(endpoint.videos.updates).singleElement().extracting(u -> u.state()).isEqualTo(ProviderState.PROCESSING);
    }

    @Test
    void aFormContentTypeIsNotTheFilesType() {
        endpoint.send(request("PUT").header("Content-Length", "10").contentType("application/x-www-form-urlencoded")
                .content(FILE.getBytes(StandardCharsets.US_ASCII)));

        assertThat(endpoint.store.find(TOKEN).orElseThrow().metadata()).doesNotContainKey("filetype");
    }

    @Test
    void chunksAre308WithTheRangeReceivedUntilTheLastIs200() {
        MockHttpResponse first = endpoint.send(chunk(0, 3));
        assertThat(first.getStatus()).isEqualTo(308);
        assertThat(header(first, "Range")).isEqualTo("bytes=0-3");
        assertThat(endpoint.videos.updates).isEmpty();

        MockHttpResponse second = endpoint.send(chunk(4, 7));
        assertThat(second.getStatus()).isEqualTo(308);
        assertThat(header(second, "Range")).isEqualTo("bytes=0-7");

        assertThat(endpoint.send(chunk(8, 9)).getStatus()).isEqualTo(200);
        assertThat(stored()).isEqualTo(FILE);
        assertThat(endpoint.videos.updates).hasSize(1);
    }

    @Test
    void aResentChunkIsSkippedAndAnsweredWithTheProgress() {
        endpoint.send(chunk(0, 3));
        endpoint.send(chunk(4, 7));
        int appends = endpoint.store.appends;

        MockHttpResponse again = endpoint.send(chunk(4, 7));

        assertThat(again.getStatus()).isEqualTo(308);
        assertThat(header(again, "Range")).isEqualTo("bytes=0-7");
        assertThat(endpoint.store.appends).as("nothing stored again").isEqualTo(appends);

        MockHttpResponse overlapping = endpoint.send(chunk(6, 9));
        assertThat(overlapping.getStatus()).as("only the bytes not yet stored are kept").isEqualTo(200);
        assertThat(stored()).isEqualTo(FILE);
    }

    @Test
    void aChunkPastTheBytesStoredIs409WithTheRangeReceived() {
        endpoint.send(chunk(0, 3));

        MockHttpResponse gap = assertProblem(endpoint.send(chunk(6, 9)), 409, "MISMATCHED_OFFSET");

        assertThat(header(gap, "Range")).isEqualTo("bytes=0-3");
        assertThat(stored()).isEqualTo("0123");

        UploadEndpoint fresh = new UploadEndpoint();
        assertThat(header(assertProblem(fresh.send(chunk(4, 7)), 409, "MISMATCHED_OFFSET"), "Range"))
                .as("nothing received yet").isNull();
    }

    @Test
    void aStatusQueryAnswersHowFarTheUploadGot() {
        MockHttpResponse before = endpoint.send(statusQuery());
        assertThat(before.getStatus()).isEqualTo(308);
        assertThat(header(before, "Range")).isNull();

        endpoint.send(chunk(0, 4));
        MockHttpResponse after = endpoint.send(statusQuery());
        assertThat(after.getStatus()).isEqualTo(308);
        assertThat(header(after, "Range")).isEqualTo("bytes=0-4");
    }

    @Test
    void aPutAfterTheLastByteIs200AndChangesNothing() {
        endpoint.send(whole(FILE));
        int appends = endpoint.store.appends;

        assertThat(endpoint.send(whole(FILE)).getStatus()).isEqualTo(200);
        assertThat(endpoint.send(chunk(8, 9)).getStatus()).isEqualTo(200);
        assertThat(endpoint.send(statusQuery()).getStatus()).isEqualTo(200);

        assertThat(endpoint.store.appends).isEqualTo(appends);
        assertThat(stored()).isEqualTo(FILE);
        assertProblem(endpoint.send(whole("another file")), 409, "LENGTH_MISMATCH");
    }

    @Test
    void aVideoNoLongerPreparingIs410() {
        endpoint.send(whole(FILE));
        endpoint.videos.setStatus(TOKEN, VideoStatus.READY);

        assertThat(endpoint.send(whole(FILE)).getStatus()).as("the answer the last chunk got").isEqualTo(200);
        assertProblem(endpoint.send(whole("another file")), 410, "UPLOAD_CLOSED");

        UploadEndpoint expired = new UploadEndpoint();
        expired.videos.setStatus(TOKEN, VideoStatus.EXPIRED);
        assertProblem(expired.send(chunk(0, 3)), 410, "UPLOAD_CLOSED");
    }

    @Test
    void aWholeFileStartsAnUnfinishedUploadOver() {
        endpoint.send(chunk(0, 3));

        assertThat(endpoint.send(whole("abcdefghij")).getStatus()).isEqualTo(200);
        assertThat(stored()).isEqualTo("abcdefghij");
    }

    @Test
    void aTotalThatDiffersFromTheUploadIs409AndAboveTheMaximum413() {
        endpoint.send(chunk(0, 3));

        assertProblem(endpoint.send(request("PUT").header("Content-Range", "bytes 4-5/20").header("Content-Length", "2")
                .content(new byte[2])), 409, "LENGTH_MISMATCH");
        assertProblem(endpoint.send(request("PUT").header("Content-Range", "bytes 0-1/" + (MAX_SIZE + 1))
                .header("Content-Length", "2").content(new byte[2])), 413, "UPLOAD_TOO_LARGE");
    }

    @Test
    void aMalformedContentRangeOrLengthIs400() {
        assertProblem(endpoint.send(request("PUT").header("Content-Range", "bytes=0-3/10").header("Content-Length", "4")
                .content(new byte[4])), 400, "INVALID_CONTENT_RANGE");
        assertProblem(endpoint.send(request("PUT").header("Content-Range", "bytes 5-3/10").header("Content-Length", "0")),
                400, "INVALID_CONTENT_RANGE");
        assertProblem(endpoint.send(request("PUT").header("Content-Range", "bytes 0-3/10").header("Content-Length", "5")
                .content(new byte[5])), 400, "INVALID_CONTENT_RANGE");
        assertProblem(endpoint.send(request("PUT").content(new byte[5])), 400, "MISSING_CONTENT_LENGTH");
        assertThat(endpoint.store.find(TOKEN)).isEmpty();
    }

    @Test
    void aBodyLongerThanItsRangeIsRefusedWhole() {
        // Without Content-Length (chunked) only the store sees the body run past the range.
        MockHttpResponse response = endpoint.send(request("PUT").header("Content-Range", "bytes 0-3/10")
                .content("0123456".getBytes(StandardCharsets.US_ASCII)));

        assertProblem(response, 400, "INVALID_CONTENT_RANGE");
    }

    @Test
    void anUnknownUploadIs404() {
        assertProblem(endpoint.send(request("PUT", "/uploads/" + "C".repeat(43)).header("Content-Length", "1")
                .content(new byte[1])), 404, "UPLOAD_NOT_FOUND");
    }

    @Test
    void theTwoResourcesShareTheirPathAndAnswerOtherMethods405() {
        MockHttpResponse response = assertProblem(endpoint.send(request("GET")), 405, "METHOD_NOT_ALLOWED");

        assertThat(header(response, "Allow")).contains("PUT", "PATCH", "POST", "HEAD", "DELETE");
    }
}
