package com.yourbit.video.providers.local.objects;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ObjectStoreTest {

    private S3Settings settings;
    private ObjectStore store;

    @TempDir
    Path dir;

    @BeforeEach
    void bucket() {
        settings = S3ProxyServer.get().bucket();
        store = ObjectStore.connect(settings);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void anObjectIsReadBackWholeAndByRangeWithItsSizeAndMetadata() throws IOException {
        byte[] bytes = random(300_000, 1);
        store.put("hls/a/seg-0.ts", bytes, Map.of("follows-parts", "3"));

        assertThat(store.bytes("hls/a/seg-0.ts")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        try (InputStream in = store.get("hls/a/seg-0.ts", 1000, 1999)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 2000));
        }
        try (InputStream in = store.get("hls/a/seg-0.ts", 299_990, 299_999)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 299_990, 300_000));
        }
        StoredObject head = store.head("hls/a/seg-0.ts").orElseThrow();
        assertThat(head.size()).isEqualTo(300_000);
        assertThat(head.metadata()).containsEntry("follows-parts", "3");
    }

    @Test
    void aFileIsPutAndDownloaded() throws IOException {
        Path file = dir.resolve("in.bin");
        Files.write(file, random(70_000, 2));
        store.put("downloads/x.mp4", file, "video/mp4");

        Path copy = dir.resolve("copy.bin");
        store.download("downloads/x.mp4", copy);

        assertThat(copy).hasSameBinaryContentAs(file);
    }

    @Test
    void aMissingKeyIsNoSuchFileOrEmpty() throws IOException {
        assertThat(store.head("nothing")).isEmpty();
        assertThat(store.bytes("nothing")).isEmpty();
        assertThatThrownBy(() -> store.get("nothing")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.get("nothing", 0, 10)).isInstanceOf(NoSuchFileException.class);
        store.delete("nothing");
    }

    @Test
    void aPrefixIsListedAndDeletedWithoutTouchingOtherKeys() throws IOException {
        for (int i = 0; i < 5; i++) {
            store.put("hls/video-1/" + i + ".ts", new byte[] {(byte) i}, Map.of());
        }
        store.put("hls/video-10/0.ts", new byte[] {1}, Map.of());

        assertThat(store.list("hls/video-1/")).extracting(StoredObject::key)
                .containsExactlyInAnyOrder("hls/video-1/0.ts", "hls/video-1/1.ts", "hls/video-1/2.ts", "hls/video-1/3.ts", "hls/video-1/4.ts");
        store.deletePrefix("hls/video-1/");

        assertThat(store.list("hls/video-1/")).isEmpty();
        assertThat(store.head("hls/video-10/0.ts")).isPresent();
    }

    @Test
    void aKeyPrefixKeepsTheServiceInItsOwnPartOfTheBucket() throws IOException {
        S3Settings prefixed = new S3Settings(settings.endpoint(), settings.region(), settings.bucket(), true, "svc-a",
                settings.minPartSize());
        try (ObjectStore scoped = ObjectStore.connect(prefixed)) {
            scoped.put("uploads/a.info", new byte[] {1}, Map.of());

            assertThat(store.head("svc-a/uploads/a.info")).isPresent();
            assertThat(scoped.list("uploads/")).extracting(StoredObject::key).containsExactly("uploads/a.info");
        }
    }

    @Test
    void partsAreListedAndJoinedInOrder() throws IOException {
        int five = (int) S3Settings.S3_MIN_PART_SIZE;
        Path file = dir.resolve("parts.bin");
        byte[] bytes = random(five + 1234, 3);
        Files.write(file, bytes);
        String upload = store.startMultipart("uploads/m");
        String first = store.uploadPart("uploads/m", upload, 1, file, 0, five);
        store.uploadPart("uploads/m", upload, 2, file, five, 1234);

        List<StoredPart> parts = store.parts("uploads/m", upload).orElseThrow();
        assertThat(parts).extracting(StoredPart::number).containsExactly(1, 2);
        assertThat(parts).extracting(StoredPart::size).containsExactly((long) five, 1234L);
        assertThat(parts.get(0).etag()).isEqualTo(first);
        store.completeMultipart("uploads/m", upload, parts);

        // S3 says NoSuchUpload, S3Proxy lists no parts: neither lists the joined ones.
        assertThat(store.parts("uploads/m", upload).orElse(List.of())).as("a completed multipart upload is no more").isEmpty();
        assertThat(store.bytes("uploads/m")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    }

    @Test
    void anAbortedMultipartUploadIsGoneAndAbortingAgainIsNoError() throws IOException {
        String upload = store.startMultipart("uploads/gone");

        store.abortMultipart("uploads/gone", upload);

        assertThat(store.parts("uploads/gone", upload).orElse(List.of())).isEmpty();
        store.abortMultipart("uploads/gone", upload);
    }

    @Test
    void aRefusedRequestNamesTheErrorButNeverTheSecret() {
        String secret = "wrong-secret-5f3a9c";
        try (ObjectStore wrong = ObjectStore.connect(settings,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test-identity", secret)))) {
            ObjectStoreException e = catchThrowableOfType(ObjectStoreException.class, () -> wrong.put("k", new byte[1], Map.of()));

            assertThat(e.getMessage()).contains("could not put 'k'").contains("HTTP 403").doesNotContain(secret);
            assertThatThrownBy(wrong::checkBucket).isInstanceOf(ObjectStoreException.class).hasMessageContaining("HTTP 403");
        }
    }

    @Test
    void anUnreachableStoreIsAClearFailure() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        S3Settings nowhere = new S3Settings(Optional.of(URI.create("http://127.0.0.1:" + port)), "us-east-1",
                "bucket", true, "", S3Settings.S3_MIN_PART_SIZE);
        try (ObjectStore unreachable = ObjectStore.connect(nowhere)) {
            assertThatThrownBy(() -> unreachable.head("k")).isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining("could not head 'k'");
        }
    }
}
