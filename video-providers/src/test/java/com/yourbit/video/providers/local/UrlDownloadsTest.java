package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.EventKey;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.ProviderUpdate;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.hosted.UploadInfo;
import com.yourbit.video.api.hosted.UploadStoreException;
import com.yourbit.video.api.ingest.IngestUrlPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloads from a URL against a real HTTP origin on a socket: whole, broken off and resumed
 * with a range (or from zero where the origin takes none), after a restart, and refused
 * (HTTP errors, too large, redirects to a refused address, nothing listening).
 */
class UrlDownloadsTest {

    private static final ProviderName LOCAL = ProviderName.of("local");
    private static final Instant EXPIRES = Instant.now().plus(Duration.ofHours(1));
    private static final long MAX = 200_000;

    @TempDir
    Path dir;

    private final byte[] file = new byte[150_000];
    private final List<ProviderUpdate> reported = new ArrayList<>();
    private final List<String> completed = new ArrayList<>();
    private FileUploadStore uploads;
    private TestOrigin origin;

    @BeforeEach
    void setUp() {
        new Random(7).nextBytes(file);
        uploads = new FileUploadStore(dir.resolve("uploads"), MAX, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws IOException {
        if (origin != null) {
            origin.close();
        }
    }

    private UrlDownloads downloads() {
        return downloads(uploads);
    }

    /** The downloader of these tests, into {@code store}. */
    private UrlDownloads downloads(Uploads store) {
        UrlDownloads downloads = new UrlDownloads(LOCAL, new IngestJobs(dir.resolve("ingests")), store,
                () -> IngestUrlPolicy.of("127.0.0.1:" + origin.port()),
                id -> {
                    completed.add(id.value());
                    return ProviderUpdate.from(LOCAL).event(EventKey.of("upload-complete:" + id)).upload(id).processing(null);
                },
                Runnable::run, Clock.systemUTC(),
                new UrlDownloads.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1)));
        downloads.connect(reported::add);
        return downloads;
    }

    private static final String ID = "ingestAAAAAAAAAAAAAAAAAAAAAAA";

    /** Serves the file; {@code cut} bytes into the body (from its start) the connection drops, if positive. */
    private TestOrigin.Handler serving(boolean ranges, int cut) {
        return (request, out) -> {
            String range = request.header("range");
            int from = range == null || !ranges ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            List<String> headers = new ArrayList<>(List.of("Content-Length: " + (file.length - from), "ETag: \"v1\""));
            if (ranges) {
                headers.add("Accept-Ranges: bytes");
            }
            if (from > 0) {
                headers.add("Content-Range: bytes " + from + "-" + (file.length - 1) + "/" + file.length);
            }
            TestOrigin.head(out, from > 0 ? 206 : 200, headers.toArray(String[]::new));
            int end = cut > 0 && from < cut ? cut : file.length;
            out.write(file, from, end - from);
        };
    }

    private void assertStoredWhole() throws IOException {
        UploadInfo info = uploads.find(ID).orElseThrow();
        assertThat(info.isComplete()).isTrue();
        assertThat(Files.readAllBytes(uploads.data(ID))).isEqualTo(file);
        assertThat(completed).containsExactly(ID);
        assertThat(reported).singleElement().satisfies(u -> assertThat(u.state()).isEqualTo(ProviderState.PROCESSING));
        assertThat(new IngestJobs(dir.resolve("ingests")).all()).isEmpty();
    }

    @Test
    void downloadsAWholeFileIntoTheUploadStore() throws IOException {
        origin = new TestOrigin(serving(false, 0));
        downloads().start(ID, URI.create(origin.url("/clips/sample.mp4?sig=1")), EXPIRES);
        assertStoredWhole();
        assertThat(origin.requests()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("/clips/sample.mp4?sig=1");
            assertThat(r.header("host")).isEqualTo("127.0.0.1:" + origin.port());
            assertThat(r.header("range")).isNull();
        });
        assertThat(uploads.find(ID).orElseThrow().metadata()).containsEntry("filename", "sample.mp4");
    }

    @Test
    void aBrokenConnectionResumesWithARangeWhereTheOriginTakesRanges() throws IOException {
        origin = new TestOrigin(serving(true, 60_000));
        downloads().start(ID, URI.create(origin.url("/v.mp4")), EXPIRES);
        assertStoredWhole();
        assertThat(origin.requests()).hasSize(2);
        assertThat(origin.requests().get(1).header("range")).isEqualTo("bytes=60000-");
        assertThat(origin.requests().get(1).header("if-range")).isEqualTo("\"v1\"");
    }

    @Test
    void aBrokenConnectionStartsOverWhereTheOriginTakesNoRanges() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        TestOrigin.Handler whole = serving(false, 0);
        TestOrigin.Handler cut = serving(false, 60_000);
        origin = new TestOrigin((request, out) -> (calls.getAndIncrement() == 0 ? cut : whole).answer(request, out));
        downloads().start(ID, URI.create(origin.url("/v.mp4")), EXPIRES);
        assertStoredWhole();
        assertThat(origin.requests()).hasSize(2).allSatisfy(r -> assertThat(r.header("range")).isNull());
    }

    @Test
    void anOriginThatAnswersTheWholeFileToARangeIsTakenFromZero() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        TestOrigin.Handler cutWithRanges = serving(true, 50_000);
        TestOrigin.Handler wholeIgnoringRanges = serving(false, 0);
        origin = new TestOrigin((request, out) -> (calls.getAndIncrement() == 0 ? cutWithRanges : wholeIgnoringRanges)
                .answer(request, out));
        downloads().start(ID, URI.create(origin.url("/v.mp4")), EXPIRES);
        assertStoredWhole();
        assertThat(origin.requests().get(1).header("range")).isEqualTo("bytes=50000-");
    }

    @Test
    void afterARestartTheDownloadResumesFromTheDurableOffset() throws IOException {
        AtomicReference<UrlDownloads> running = new AtomicReference<>();
        TestOrigin.Handler cut = serving(true, 70_000);
        // The server stops while the body arrives: the downloader is closed, then the connection drops.
        origin = new TestOrigin((request, out) -> {
            cut.answer(request, out);
            out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (uploads.find(ID).orElseThrow().offset() < 65_536 && System.nanoTime() < deadline) {
                sleep(5);
            }
            running.get().close();
        });
        UrlDownloads first = new UrlDownloads(LOCAL, new IngestJobs(dir.resolve("ingests")), uploads,
                () -> IngestUrlPolicy.of("127.0.0.1:" + origin.port()), id -> {
                    throw new AssertionError("not complete yet");
                }, Runnable::run, Clock.systemUTC(), new UrlDownloads.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1)));
        running.set(first);
        first.start(ID, URI.create(origin.url("/v.mp4")), EXPIRES);
        long durable = uploads.find(ID).orElseThrow().offset();
        assertThat(durable).isBetween(65_536L, 70_000L);
        assertThat(new IngestJobs(dir.resolve("ingests")).all()).containsExactly(ID);

        origin.handler(serving(true, 0));
        origin.requests().clear();
        downloads().resume();
        assertStoredWhole();
        assertThat(origin.requests()).singleElement().satisfies(r -> assertThat(r.header("range")).isEqualTo("bytes=" + durable + "-"));
    }

    /** The upload store, whose appends fail as a store that is away does while {@code failing} says so. */
    private Uploads failingWhen(java.util.function.BooleanSupplier failing) {
        return failingWhen(failing, ErrorCode.STORAGE_FAILED);
    }

    /** The upload store, whose appends fail with {@code code} while {@code failing} says so. */
    private Uploads failingWhen(java.util.function.BooleanSupplier failing, ErrorCode code) {
        return (Uploads) Proxy.newProxyInstance(Uploads.class.getClassLoader(), new Class<?>[] {Uploads.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("append") && failing.getAsBoolean()) {
                        throw new UploadStoreException(code, "the upload could not be stored");
                    }
                    try {
                        return method.invoke(uploads, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A store that fails while the server stops (its pools and clients closing) errors nothing: the download waits for the next start. */
    @Test
    void aStoreFailureWhileTheServerStopsLeavesTheDownloadForTheNextStart() throws IOException {
        AtomicReference<UrlDownloads> running = new AtomicReference<>();
        origin = new TestOrigin(serving(true, 0));
        // The server stops as the first bytes reach the store, and the store fails with it.
        Uploads stopping = failingWhen(() -> {
            running.get().close();
            return true;
        });
        UrlDownloads first = new UrlDownloads(LOCAL, new IngestJobs(dir.resolve("ingests")), stopping,
                () -> IngestUrlPolicy.of("127.0.0.1:" + origin.port()), id -> {
                    throw new AssertionError("not complete");
                }, Runnable::run, Clock.systemUTC(), new UrlDownloads.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1)));
        first.connect(reported::add);
        running.set(first);
        first.start(ID, URI.create(origin.url("/v.mp4")), EXPIRES);

        assertThat(reported).as("nothing reported to the domain").isEmpty();
        assertThat(new IngestJobs(dir.resolve("ingests")).all()).containsExactly(ID);
        downloads().resume();
        assertStoredWhole();
    }

    /** A store that fails for a moment is a broken-off download, taken up again, not a failed video. */
    @Test
    void aStoreFailureIsTakenUpAgain() throws IOException {
        AtomicInteger appends = new AtomicInteger();
        origin = new TestOrigin(serving(true, 0));
        UrlDownloads downloads = downloads(failingWhen(() -> appends.incrementAndGet() == 1));
        downloads.start(ID, URI.create(origin.url("/v.mp4")), EXPIRES);
        assertStoredWhole();
    }

    /**
     * An upload lock that cannot be taken now (its pool exhausted, or closing while the server
     * reloads: PostgresUploadLocks says SERVER_BUSY) is a break, not a failed video.
     */
    @Test
    void aLockThatCannotBeTakenNowIsTakenUpAgain() throws IOException {
        AtomicInteger appends = new AtomicInteger();
        origin = new TestOrigin(serving(true, 0));
        UrlDownloads downloads = downloads(failingWhen(() -> appends.incrementAndGet() == 1, ErrorCode.SERVER_BUSY));
        downloads.start(ID, URI.create(origin.url("/v.mp4")), EXPIRES);
        assertStoredWhole();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void assertErrored(String reason) {
        assertThat(reported).singleElement().satisfies(u -> {
            assertThat(u.state()).isEqualTo(ProviderState.ERRORED);
            assertThat(u.uploadId()).isEqualTo(UploadId.of(ID));
            assertThat(u.errorReason()).contains(reason);
        });
        assertThat(uploads.find(ID)).isEmpty();
        assertThat(completed).isEmpty();
        assertThat(new IngestJobs(dir.resolve("ingests")).all()).isEmpty();
    }

    @Test
    void aMissingFileErrorsTheVideo() throws IOException {
        origin = new TestOrigin((request, out) -> TestOrigin.head(out, 404, "Content-Length: 0"));
        downloads().start(ID, URI.create(origin.url("/missing.mp4")), EXPIRES);
        assertErrored("HTTP 404");
    }

    @Test
    void aContentLengthAboveTheLimitIsRefusedBeforeTheBodyIsRead() throws IOException {
        origin = new TestOrigin((request, out) -> TestOrigin.head(out, 200, "Content-Length: " + (MAX + 1)));
        downloads().start(ID, URI.create(origin.url("/big.mp4")), EXPIRES);
        assertErrored("larger than the maximum of " + MAX);
    }

    @Test
    void aChunkedBodyThatRunsPastTheLimitIsStopped() throws IOException {
        origin = new TestOrigin((request, out) -> {
            TestOrigin.head(out, 200, "Transfer-Encoding: chunked");
            byte[] chunk = new byte[10_000];
            for (int i = 0; i < 30; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        downloads().start(ID, URI.create(origin.url("/endless.mp4")), EXPIRES);
        assertErrored("larger than the maximum of " + MAX);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsTheFile() throws IOException {
        origin = new TestOrigin((request, out) -> {
            TestOrigin.head(out, 200, "Transfer-Encoding: chunked");
            for (int at = 0; at < file.length; at += 40_000) {
                int n = Math.min(40_000, file.length - at);
                out.write((Integer.toHexString(n) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(file, at, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\nX-Trailer: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        downloads().start(ID, URI.create(origin.url("/chunked.mp4")), EXPIRES);
        assertStoredWhole();
    }

    @Test
    void redirectsAreFollowedAndEachHopIsChecked() throws IOException {
        origin = new TestOrigin((request, out) -> {
            if (request.target().equals("/a")) {
                TestOrigin.head(out, 302, "Location: /b", "Content-Length: 0");
            } else {
                serving(false, 0).answer(request, out);
            }
        });
        downloads().start(ID, URI.create(origin.url("/a")), EXPIRES);
        assertStoredWhole();

        reported.clear();
        completed.clear();
        origin.requests().clear();
        // a redirect to this host on another port (not allowed), and to the metadata address
        for (String location : List.of("http://127.0.0.1:" + (origin.port() == 65535 ? 1 : origin.port() + 1) + "/x",
                "http://169.254.169.254/latest/meta-data/", "http://localhost:" + origin.port() + "/b", "file:///etc/passwd")) {
            reported.clear();
            origin.handler((request, out) -> TestOrigin.head(out, 307, "Location: " + location, "Content-Length: 0"));
            String id = "ingestBBBBBBBBBBBBBBBBBBBBB" + Math.abs(location.hashCode() % 1000);
            downloads().start(id, URI.create(origin.url("/a")), EXPIRES);
            assertThat(reported).singleElement().satisfies(u -> {
                assertThat(u.state()).isEqualTo(ProviderState.ERRORED);
                assertThat(u.errorReason()).contains("refused");
            });
        }
        assertThat(origin.requests()).allSatisfy(r -> assertThat(r.target()).isEqualTo("/a"));
    }

    @Test
    void endlessRedirectsErrorTheVideo() throws IOException {
        origin = new TestOrigin((request, out) -> TestOrigin.head(out, 301, "Location: /again", "Content-Length: 0"));
        downloads().start(ID, URI.create(origin.url("/a")), EXPIRES);
        assertErrored("redirected more than");
    }

    /**
     * An origin that trickles (a byte now and then, never long enough apart for the idle timeout)
     * would hold one of the few download slots for hours: below the slow-upload rate, a
     * connection is cut and counts as a failure even though bytes arrived.
     */
    @Test
    void anOriginThatTricklesErrorsTheVideoInsteadOfHoldingItsSlot() throws IOException {
        origin = new TestOrigin((request, out) -> {
            TestOrigin.head(out, 200, "Content-Length: " + file.length, "Accept-Ranges: bytes");
            for (int i = 0; i < file.length; i++) {
                out.write(file[i]);
                out.flush();
                sleepQuietly(20);
            }
        });
        UrlDownloads downloads = new UrlDownloads(LOCAL, new IngestJobs(dir.resolve("ingests")), uploads,
                () -> IngestUrlPolicy.of("127.0.0.1:" + origin.port()), id -> null, Runnable::run, Clock.systemUTC(),
                new UrlDownloads.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1),
                        Duration.ofMillis(300), 1000));
        downloads.connect(reported::add);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> downloads.start(ID, URI.create(origin.url("/slow.mp4")), EXPIRES));
        assertErrored("fewer than 1000 bytes in 0.3 s");
        assertThat(origin.requests()).hasSize(UrlDownloads.MAX_FAILURES);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anOriginThatRefusesConnectionsErrorsTheVideoAfterSomeAttempts() throws IOException {
        origin = new TestOrigin(serving(false, 0));
        int port = origin.port();
        origin.close();
        UrlDownloads downloads = new UrlDownloads(LOCAL, new IngestJobs(dir.resolve("ingests")), uploads,
                () -> IngestUrlPolicy.of("127.0.0.1:" + port), id -> null, Runnable::run, Clock.systemUTC(),
                new UrlDownloads.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1)));
        downloads.connect(reported::add);
        downloads.start(ID, URI.create("http://127.0.0.1:" + port + "/v.mp4"), EXPIRES);
        assertErrored("refused the connection");
        origin = null;
    }

    @Test
    void aFetchNeverConnectsToARefusedAddress() throws IOException {
        origin = new TestOrigin(serving(false, 0));
        UrlDownloads downloads = new UrlDownloads(LOCAL, new IngestJobs(dir.resolve("ingests")), uploads,
                () -> IngestUrlPolicy.of(""), id -> null, Runnable::run, Clock.systemUTC(),
                new UrlDownloads.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(1)));
        downloads.connect(reported::add);
        downloads.start(ID, URI.create(origin.url("/v.mp4")), EXPIRES);
        assertErrored("refused");
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void aDeletedVideosDownloadStopsAndLeavesNothing() throws IOException {
        origin = new TestOrigin(serving(false, 0));
        List<Runnable> queued = new ArrayList<>();
        UrlDownloads downloads = new UrlDownloads(LOCAL, new IngestJobs(dir.resolve("ingests")), uploads,
                () -> IngestUrlPolicy.of("127.0.0.1:" + origin.port()), id -> null, queued::add, Clock.systemUTC(),
                new UrlDownloads.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1)));
        downloads.connect(reported::add);
        downloads.start(ID, URI.create(origin.url("/v.mp4")), EXPIRES);
        downloads.discard(ID);
        uploads.terminate(ID);
        queued.forEach(Runnable::run);
        assertThat(reported).isEmpty();
        assertThat(origin.requests()).isEmpty();
        assertThat(uploads.find(ID)).isEmpty();
        assertThat(Arrays.asList(dir.resolve("ingests").toFile().list())).isEmpty();
    }
}
