package com.yourbit.video.api.hosted;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a client says about the bytes it sends in one request.
 *
 * @param offset where the bytes go; must equal the upload's offset
 * @param declaredLength the upload's length, when the client declares it now (deferred length)
 * @param checksum the digest the bytes of this request must have, if the client sent one
 * @param size how many bytes the request says it carries (a Content-Range), if it says so: a
 *             body longer than that is refused and none of it is kept, since bytes past the
 *             range would land where the client never said they go
 */
public record Chunk(long offset, Optional<Long> declaredLength, Optional<ChunkChecksum> checksum, OptionalLong size) {

    public Chunk(long offset, Optional<Long> declaredLength, Optional<ChunkChecksum> checksum) {
        this(offset, declaredLength, checksum, OptionalLong.empty());
    }

    public static Chunk at(long offset) {
        return new Chunk(offset, Optional.empty(), Optional.empty());
    }

    /** This chunk, carrying at most {@code bytes} bytes. */
    public Chunk ofSize(long bytes) {
        return new Chunk(offset, declaredLength, checksum, OptionalLong.of(bytes));
    }
}
