package com.yourbit.video.providers.local.objects;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of one bucket (below a prefix) with the few operations the local provider needs.
 * Every failure is an {@link IOException} naming the operation, the key and the store's error
 * code, never a credential or a signature; a key that is not there is a
 * {@link NoSuchFileException} (or an empty result), as a missing file is.
 */
public final class ObjectStore implements AutoCloseable {

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private volatile boolean batchDeletes = true;

    ObjectStore(S3Client client, String bucket, String prefix) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** A client for the settings, with credentials from the SDK's default chain (the environment first). */
    public static ObjectStore connect(S3Settings settings) {
        return connect(settings, DefaultCredentialsProvider.builder().build());
    }

    static ObjectStore connect(S3Settings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials)
                // The newer default checksums (CRC32 in a trailer of an aws-chunked body) are not
                // understood by every S3-compatible store; MD5 where S3 requires it works everywhere.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new ObjectStore(builder.build(), settings.bucket(), settings.prefix());
    }

    /** Fails, naming the store's answer, when the bucket cannot be reached with these credentials. */
    public void checkBucket() throws IOException {
        call("check the bucket", "", () -> client.headBucket(b -> b.bucket(bucket)));
    }

    public void put(String key, byte[] bytes, Map<String, String> metadata) throws IOException {
        call("put", key, () -> client.putObject(b -> b.bucket(bucket).key(prefix + key).metadata(metadata),
                RequestBody.fromBytes(bytes)));
    }

    public void put(String key, Path file, String contentType) throws IOException {
        call("put", key, () -> client.putObject(b -> b.bucket(bucket).key(prefix + key).contentType(contentType),
                RequestBody.fromFile(file)));
    }

    /** The object's size and metadata, or empty when there is none. */
    public Optional<StoredObject> head(String key) throws IOException {
        try {
            HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(prefix + key));
            return Optional.of(new StoredObject(key, head.contentLength(), head.metadata()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("head", key, e);
        } catch (SdkException e) {
            throw failure("head", key, e);
        }
    }

    /** The whole object; {@link NoSuchFileException} when there is none. The caller closes it. */
    public InputStream get(String key) throws IOException {
        return open(key, null);
    }

    /** Bytes {@code first} to {@code last} (inclusive) of the object. The caller closes it. */
    public InputStream get(String key, long first, long last) throws IOException {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a range: " + first + "-" + last);
        }
        return open(key, "bytes=" + first + "-" + last);
    }

    private ResponseInputStream<GetObjectResponse> open(String key, String range) throws IOException {
        try {
            return client.getObject(b -> b.bucket(bucket).key(prefix + key).range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    /** The whole object, or empty when there is none. */
    public Optional<byte[]> bytes(String key) throws IOException {
        try (InputStream in = get(key)) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Copies the object into {@code target} (replaced); {@link NoSuchFileException} when there is none. */
    public void download(String key, Path target) throws IOException {
        try (InputStream in = get(key)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public void delete(String key) throws IOException {
        call("delete", key, () -> client.deleteObject(b -> b.bucket(bucket).key(prefix + key)));
    }

    /** Every object whose key starts with {@code keyPrefix}, keys as given to {@link #put}. */
    public List<StoredObject> list(String keyPrefix) throws IOException {
        List<StoredObject> found = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents()) {
                found.add(new StoredObject(object.key().substring(prefix.length()), object.size(), Map.of()));
            }
        } catch (SdkException e) {
            throw failure("list", keyPrefix, e);
        }
        return found;
    }

    /**
     * Deletes every object whose key starts with {@code keyPrefix}: many a call where the store
     * takes DeleteObjects, one by one where it does not (the SDK sends that call a CRC32
     * checksum header some S3-compatible stores refuse as not implemented).
     */
    public void deletePrefix(String keyPrefix) throws IOException {
        List<StoredObject> all = list(keyPrefix);
        // DeleteObjects takes up to 1000 keys a call.
        for (int from = 0; from < all.size(); from += 1000) {
            List<StoredObject> batch = all.subList(from, Math.min(all.size(), from + 1000));
            if (!batchDeletes || !deleteBatch(keyPrefix, batch)) {
                for (StoredObject object : batch) {
                    delete(object.key());
                }
            }
        }
    }

    private boolean deleteBatch(String keyPrefix, List<StoredObject> batch) throws IOException {
        List<ObjectIdentifier> keys = batch.stream().map(o -> ObjectIdentifier.builder().key(prefix + o.key()).build()).toList();
        try {
            DeleteObjectsResponse response = client.deleteObjects(b -> b.bucket(bucket)
                    .delete(Delete.builder().objects(keys).quiet(true).build()));
            if (!response.errors().isEmpty()) {
                throw new ObjectStoreException("object store: could not delete " + response.errors().size() + " of '"
                        + keyPrefix + "*': " + response.errors().get(0).code());
            }
            return true;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 501) {
                batchDeletes = false;
                return false;
            }
            throw failure("delete", keyPrefix + "*", e);
        } catch (SdkException e) {
            throw failure("delete", keyPrefix + "*", e);
        }
    }

    /** Starts a multipart upload of {@code key}; returns its id. */
    public String startMultipart(String key) throws IOException {
        return call("start a multipart upload of", key,
                () -> client.createMultipartUpload(b -> b.bucket(bucket).key(prefix + key)).uploadId());
    }

    /** Sends {@code length} bytes of {@code file} from {@code position} as part {@code number}; returns its ETag. */
    public String uploadPart(String key, String uploadId, int number, Path file, long position, long length)
            throws IOException {
        // Opened anew for each attempt, so the SDK's retries resend the part from its start.
        RequestBody body = RequestBody.fromContentProvider(() -> {
            try {
                InputStream in = Files.newInputStream(file);
                in.skipNBytes(position);
                return new java.io.BufferedInputStream(in);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, length, "application/octet-stream");
        return call("upload a part of", key, () -> client.uploadPart(b -> b.bucket(bucket).key(prefix + key)
                .uploadId(uploadId).partNumber(number).contentLength(length), body).eTag());
    }

    /**
     * The parts sent so far in order, or empty when the store says the multipart upload is no
     * more (completed or aborted). Some S3-compatible stores list no parts instead, so whether
     * an upload was completed is better asked of its object.
     */
    public Optional<List<StoredPart>> parts(String key, String uploadId) throws IOException {
        List<StoredPart> parts = new ArrayList<>();
        try {
            Integer marker = null;
            while (true) {
                Integer after = marker;
                ListPartsResponse page = client.listParts(b -> b.bucket(bucket).key(prefix + key).uploadId(uploadId)
                        .partNumberMarker(after));
                page.parts().forEach(p -> parts.add(new StoredPart(p.partNumber(), p.size(), p.eTag())));
                if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextPartNumberMarker() == null) {
                    break;
                }
                marker = page.nextPartNumberMarker();
            }
        } catch (NoSuchUploadException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("list the parts of", key, e);
        } catch (SdkException e) {
            throw failure("list the parts of", key, e);
        }
        parts.sort(java.util.Comparator.comparingInt(StoredPart::number));
        return Optional.of(parts);
    }

    /** Joins the parts into the object {@code key}. */
    public void completeMultipart(String key, String uploadId, List<StoredPart> parts) throws IOException {
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        call("complete the multipart upload of", key, () -> client.completeMultipartUpload(b -> b.bucket(bucket)
                .key(prefix + key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build())));
    }

    /** Drops a multipart upload and its parts; one already gone is no error. */
    public void abortMultipart(String key, String uploadId) throws IOException {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(prefix + key).uploadId(uploadId));
        } catch (NoSuchUploadException gone) {
            // Completed or aborted before.
        } catch (AwsServiceException e) {
            if (e.statusCode() != 404) {
                throw failure("abort the multipart upload of", key, e);
            }
        } catch (SdkException e) {
            throw failure("abort the multipart upload of", key, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(String operation, String key, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } catch (SdkException e) {
            throw failure(operation, key, e);
        }
    }

    /**
     * The store's error code and status, not its message: a signature mismatch answers with the
     * string it signed, which is no business of a log.
     */
    private static IOException failure(String operation, String key, SdkException e) {
        String what = "object store: could not " + operation + " '" + key + "': ";
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return new ObjectStoreException(what + (code == null ? "" : code + ", ") + "HTTP " + service.statusCode());
        }
        // Client side: the store unreachable, a timeout, no credentials found.
        return new ObjectStoreException(what + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + firstLine(e.getMessage()) + ")"));
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
