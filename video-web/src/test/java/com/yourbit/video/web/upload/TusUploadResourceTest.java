package com.yourbit.video.web.upload;

import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.hosted.Chunk;
import com.yourbit.video.domain.VideoStatus;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static com.yourbit.video.web.upload.UploadEndpoint.EXPIRES;
import static com.yourbit.video.web.upload.UploadEndpoint.MAX_SIZE;
import static com.yourbit.video.web.upload.UploadEndpoint.TOKEN;
import static com.yourbit.video.web.upload.UploadEndpoint.URL;
import static com.yourbit.video.web.upload.UploadEndpoint.VIDEO;
import static com.yourbit.video.web.upload.UploadEndpoint.assertProblem;
import static com.yourbit.video.web.upload.UploadEndpoint.header;
import static com.yourbit.video.web.upload.UploadEndpoint.patch;
import static com.yourbit.video.web.upload.UploadEndpoint.request;
import static com.yourbit.video.web.upload.UploadEndpoint.tus;
import static org.assertj.core.api.Assertions.assertThat;

/** The tus 1.0.0 rules of {@code /uploads/{token}}, request by request, as tusd's handler tests check them. */
class TusUploadResourceTest {

    private final UploadEndpoint endpoint = new UploadEndpoint();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void optionsNamesTheVersionExtensionsMaximumAndChecksums() {
        MockHttpResponse response = endpoint.send(request("OPTIONS"));

        assertThat(response.getStatus()).isEqualTo(204);
        assertThat(header(response, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(header(response, "Tus-Version")).isEqualTo("1.0.0");
        assertThat(header(response, "Tus-Extension"))
                .isEqualTo("creation,creation-with-upload,creation-defer-length,termination,expiration,checksum");
        assertThat(header(response, "Tus-Max-Size")).isEqualTo(Long.toString(MAX_SIZE));
        assertThat(header(response, "Tus-Checksum-Algorithm")).isEqualTo("md5,sha1,sha256,sha512");
    }

    @Test
    void aRequestWithoutOrWithAnotherTusResumableIs412WithTusVersion() {
        MockHttpResponse missing = assertProblem(endpoint.send(request("HEAD")), 412, "UNSUPPORTED_VERSION");
        assertThat(header(missing, "Tus-Version")).isEqualTo("1.0.0");
        assertThat(header(missing, "Tus-Resumable")).isEqualTo("1.0.0");

        assertProblem(endpoint.send(request("POST").header("Tus-Resumable", "0.2.2").header("Upload-Length", "10")),
                412, "UNSUPPORTED_VERSION");
        assertThat(endpoint.store.find(TOKEN)).as("nothing created").isEmpty();
    }

    @Test
    void creationAnswers201WithTheUploadUrlAndCountsTheDeclaredBytes() {
        MockHttpResponse response = endpoint.send(tus("POST").header("Upload-Length", "10")
                .header("Upload-Metadata", "filename dmlkZW8ubXA0"));

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getOutputHeaders().getFirst("Location").toString()).endsWith(URL);
        assertThat(header(response, "Upload-Offset")).isEqualTo("0");
        assertThat(header(response, "Upload-Expires")).isEqualTo("Wed, 1 Jan 2025 13:00:00 GMT");
        assertThat(header(response, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(endpoint.store.find(TOKEN).orElseThrow().metadata()).containsEntry("filename", "video.mp4");
        assertThat(endpoint.videos.declared).containsEntry(VIDEO, 10L);
    }

    @Test
    void creationNeedsAWellFormedLengthWithinTheMaximum() {
        assertProblem(endpoint.send(tus("POST")), 400, "MISSING_UPLOAD_LENGTH");
        assertProblem(endpoint.send(tus("POST").header("Upload-Length", "-1")), 400, "INVALID_UPLOAD_LENGTH");
        assertProblem(endpoint.send(tus("POST").header("Upload-Length", "ten")), 400, "INVALID_UPLOAD_LENGTH");
        assertProblem(endpoint.send(tus("POST").header("Upload-Length", Long.toString(MAX_SIZE + 1))), 413, "UPLOAD_TOO_LARGE");
        assertProblem(endpoint.send(tus("POST").header("Upload-Length", "10").header("Upload-Metadata", "filename !!")),
                400, "INVALID_METADATA");
        assertThat(endpoint.store.find(TOKEN)).isEmpty();
        assertThat(endpoint.videos.declared).isEmpty();
    }

    @Test
    void creationBeyondTheUsersUploadBytesIs429WithRetryAfterAndCreatesNothing() {
        endpoint.videos.quota = 5;

        MockHttpResponse response = assertProblem(endpoint.send(tus("POST").header("Upload-Length", "10")),
                429, "UPLOAD_QUOTA_EXCEEDED");

        assertThat(header(response, "Retry-After")).isEqualTo("30");
        assertThat(header(response, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(endpoint.store.find(TOKEN)).isEmpty();
    }

    @Test
    void creatingAgainWithTheSameLengthIsANoOpAndWithAnotherAConflict() {
        endpoint.create(10);
        endpoint.send(patch(0, bytes("abc")));

        MockHttpResponse again = endpoint.send(tus("POST").header("Upload-Length", "10"));
        assertThat(again.getStatus()).isEqualTo(201);
        assertThat(header(again, "Upload-Offset")).isEqualTo("3");

        assertProblem(endpoint.send(tus("POST").header("Upload-Length", "11")), 409, "UPLOAD_CONFLICT");
        assertThat(endpoint.videos.declared).as("what the store holds is counted").containsEntry(VIDEO, 10L);
    }

    @Test
    void creationWithUploadStoresTheFirstBytesAndCompletesAWholeFile() {
        MockHttpResponse partial = endpoint.send(tus("POST").header("Upload-Length", "10")
                .contentType("application/offset+octet-stream").content(bytes("abcd")));
        assertThat(partial.getStatus()).isEqualTo(201);
        assertThat(header(partial, "Upload-Offset")).isEqualTo("4");
        assertThat(endpoint.videos.updates).isEmpty();

        UploadEndpoint other = new UploadEndpoint();
        MockHttpResponse whole = other.send(tus("POST").header("Upload-Length", "3")
                .contentType("application/offset+octet-stream").content(bytes("xyz")));
        assertThat(whole.getStatus()).isEqualTo(201);
        assertThat(header(whole, "Upload-Offset")).isEqualTo("3");
        assertThat(header(whole, "Upload-Expires")).as("a complete upload does not expire").isNull();
        assertThat(other.videos.updates).singleElement().extracting(u -> u.state()).isEqualTo(ProviderState.PROCESSING);
    }

    @Test
    void aCreationBodyOfAnotherContentTypeIsNotStored() {
        MockHttpResponse response = endpoint.send(tus("POST").header("Upload-Length", "10")
                .contentType("text/plain").content(bytes("abcd")));

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(header(response, "Upload-Offset")).isEqualTo("0");
    }

    @Test
    void aDeferredLengthIsDeclaredByALaterPatchAndCountsAsTheMaximumUntilThen() {
        MockHttpResponse created = endpoint.send(tus("POST").header("Upload-Defer-Length", "1"));
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(endpoint.videos.declared).containsEntry(VIDEO, MAX_SIZE);

        MockHttpResponse head = endpoint.send(tus("HEAD"));
        assertThat(header(head, "Upload-Defer-Length")).isEqualTo("1");
        assertThat(header(head, "Upload-Length")).isNull();

        assertThat(endpoint.send(patch(0, bytes("abc"))).getStatus()).isEqualTo(204);
        MockHttpResponse last = endpoint.send(patch(3, bytes("de")).header("Upload-Length", "5"));
        assertThat(last.getStatus()).isEqualTo(204);
        assertThat(header(last, "Upload-Offset")).isEqualTo("5");
        assertThat(endpoint.videos.updates).as("the last byte completes the upload").hasSize(1);
        assertThat(header(endpoint.send(tus("HEAD")), "Upload-Length")).isEqualTo("5");
    }

    @Test
    void aDeferredLengthNeedsExactlyOneOfTheTwoHeaders() {
        assertProblem(endpoint.send(tus("POST").header("Upload-Defer-Length", "1").header("Upload-Length", "5")),
                400, "INVALID_DEFER_LENGTH");
        assertProblem(endpoint.send(tus("POST").header("Upload-Defer-Length", "2")), 400, "INVALID_DEFER_LENGTH");
        assertProblem(endpoint.send(patch(0, bytes("a")).header("Upload-Length", Long.toString(MAX_SIZE + 1))),
                413, "UPLOAD_TOO_LARGE");
    }

    @Test
    void headAnswersTheOffsetLengthAndMetadataUncached() {
        endpoint.send(tus("POST").header("Upload-Length", "10").header("Upload-Metadata", "filename dmlkZW8ubXA0"));
        endpoint.send(patch(0, bytes("abcd")));

        MockHttpResponse head = endpoint.send(tus("HEAD"));

        assertThat(head.getStatus()).isEqualTo(200);
        assertThat(header(head, "Upload-Offset")).isEqualTo("4");
        assertThat(header(head, "Upload-Length")).isEqualTo("10");
        assertThat(header(head, "Upload-Metadata")).isEqualTo("filename dmlkZW8ubXA0");
        assertThat(header(head, "Cache-Control")).isEqualTo("no-store");
        assertThat(header(head, "Tus-Resumable")).isEqualTo("1.0.0");
    }

    @Test
    void unknownAndMalformedUploadsAre404() {
        assertProblem(endpoint.send(tus("HEAD")), 404, "UPLOAD_NOT_FOUND");
        assertProblem(endpoint.send(request("HEAD", "/uploads/" + "B".repeat(43)).header("Tus-Resumable", "1.0.0")),
                404, "UPLOAD_NOT_FOUND");
        assertProblem(endpoint.send(request("PATCH", "/uploads/not.a.token").header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").contentType("application/offset+octet-stream").content(bytes("a"))),
                404, "UPLOAD_NOT_FOUND");
        assertThat(endpoint.videos.lookups).as("a malformed token is refused before any lookup").isEqualTo(2);
    }

    @Test
    void anExpiredUploadIs410() {
        UploadEndpoint later = new UploadEndpoint(Clock.fixed(EXPIRES.plusSeconds(1), ZoneOffset.UTC));
        later.store.create(TOKEN, 10, Map.of(), EXPIRES);

        assertProblem(later.send(tus("HEAD")), 410, "UPLOAD_EXPIRED");
        assertProblem(later.send(patch(0, bytes("abc"))), 410, "UPLOAD_EXPIRED");
    }

    @Test
    void patchAppendsAtTheOffsetAndAMismatchedOffsetIs409() {
        endpoint.create(10);

        MockHttpResponse first = endpoint.send(patch(0, bytes("abcd")));
        assertThat(first.getStatus()).isEqualTo(204);
        assertThat(header(first, "Upload-Offset")).isEqualTo("4");
        assertThat(header(first, "Upload-Expires")).isEqualTo("Wed, 1 Jan 2025 13:00:00 GMT");

        assertProblem(endpoint.send(patch(0, bytes("XYZ"))), 409, "MISMATCHED_OFFSET");
        assertProblem(endpoint.send(patch(5, bytes("XYZ"))), 409, "MISMATCHED_OFFSET");
        assertThat(endpoint.store.bytes(TOKEN)).isEqualTo(bytes("abcd"));
    }

    @Test
    void patchLooksTheVideoUpOnlyWhenTheStoreRefusesOrTheUploadCompletes() {
        endpoint.create(6);
        int before = endpoint.videos.lookups;

        endpoint.send(patch(0, bytes("abc")));
        assertThat(endpoint.videos.lookups).as("a chunk in the middle").isEqualTo(before);

        endpoint.send(patch(3, bytes("def")));
        assertThat(endpoint.videos.lookups).as("the last chunk").isEqualTo(before + 1);
        assertThat(endpoint.videos.updates).singleElement().extracting(u -> u.state()).isEqualTo(ProviderState.PROCESSING);
        assertThat(endpoint.store.completions).isEqualTo(1);
    }

    @Test
    void patchNeedsItsContentTypeAndOffset() {
        endpoint.create(10);

        assertProblem(endpoint.send(tus("PATCH").header("Upload-Offset", "0").contentType("application/octet-stream")
                .content(bytes("a"))), 415, "INVALID_CONTENT_TYPE");
        assertProblem(endpoint.send(tus("PATCH").contentType("application/offset+octet-stream").content(bytes("a"))),
                400, "MISSING_UPLOAD_OFFSET");
        assertProblem(endpoint.send(tus("PATCH").header("Upload-Offset", "x")
                .contentType("application/offset+octet-stream").content(bytes("a"))), 400, "INVALID_UPLOAD_OFFSET");
        assertThat(endpoint.store.find(TOKEN).orElseThrow().offset()).isZero();
    }

    @Test
    void aBodyLongerThanTheRemainingLengthIs413() {
        endpoint.create(5);

        assertProblem(endpoint.send(patch(0, bytes("abcdefgh"))), 413, "UPLOAD_SIZE_EXCEEDED");
    }

    @Test
    void aChunkMatchingItsChecksumIsKeptAndAMismatchIs460() throws Exception {
        endpoint.create(10);
        String good = "sha1 " + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(bytes("abc")));

        assertThat(endpoint.send(patch(0, bytes("abc")).header("Upload-Checksum", good)).getStatus()).isEqualTo(204);
        assertProblem(endpoint.send(patch(3, bytes("abX")).header("Upload-Checksum", good)), 460, "CHECKSUM_MISMATCH");
        assertProblem(endpoint.send(patch(3, bytes("d")).header("Upload-Checksum", "crc32 AAAA")),
                400, "UNSUPPORTED_CHECKSUM_ALGORITHM");
        assertProblem(endpoint.send(patch(3, bytes("d")).header("Upload-Checksum", "sha1")), 400, "INVALID_CHECKSUM");
        assertProblem(endpoint.send(patch(3, bytes("d")).header("Upload-Checksum", "sha1 !!!")), 400, "INVALID_CHECKSUM");
        assertThat(endpoint.store.bytes(TOKEN)).isEqualTo(bytes("abc"));
    }

    @Test
    void anUploadAnotherRequestHoldsIs423() {
        endpoint.create(10);
        endpoint.store.locked.add(TOKEN);

        assertProblem(endpoint.send(patch(0, bytes("abc"))), 423, "UPLOAD_LOCKED");
        assertProblem(endpoint.send(tus("HEAD")), 423, "UPLOAD_LOCKED");
        assertProblem(endpoint.send(tus("DELETE")), 423, "UPLOAD_LOCKED");
    }

    @Test
    void aVideoNoLongerPreparingTakesNoUploadAndIs410() {
        endpoint.create(10);
        endpoint.store.terminate(TOKEN);
        endpoint.videos.setStatus(TOKEN, VideoStatus.EXPIRED);

        assertProblem(endpoint.send(patch(0, bytes("abc"))), 410, "UPLOAD_CLOSED");
        assertProblem(endpoint.send(tus("POST").header("Upload-Length", "10")), 410, "UPLOAD_CLOSED");
        assertProblem(endpoint.send(tus("DELETE")), 410, "UPLOAD_CLOSED");
    }

    @Test
    void terminationFreesTheUploadAndItsBytesAndThenIs404() {
        endpoint.create(10);
        endpoint.send(patch(0, bytes("abc")));

        MockHttpResponse deleted = endpoint.send(tus("DELETE"));

        assertThat(deleted.getStatus()).isEqualTo(204);
        assertThat(header(deleted, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(endpoint.store.find(TOKEN)).isEmpty();
        assertThat(endpoint.videos.declared).containsEntry(VIDEO, null);
        assertProblem(endpoint.send(tus("DELETE")), 404, "UPLOAD_NOT_FOUND");
        assertProblem(endpoint.send(tus("HEAD")), 404, "UPLOAD_NOT_FOUND");
    }

    @Test
    void aCompleteUploadIsCompletedOnHeadWhenItsLastAnswerWasLost() {
        endpoint.create(3);
        endpoint.store.append(TOKEN, Chunk.at(0), new ByteArrayInputStream(bytes("abc")));

        MockHttpResponse head = endpoint.send(tus("HEAD"));

        assertThat(head.getStatus()).isEqualTo(200);
        assertThat(header(head, "Upload-Offset")).isEqualTo("3");
        assertThat(endpoint.videos.updates).singleElement().extracting(u -> u.state()).isEqualTo(ProviderState.PROCESSING);
    }
}
