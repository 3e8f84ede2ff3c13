package com.yourbit.video.api.hosted;

import java.util.Optional;

/**
 * What a client says about the bytes it sends in one request.
 *
 * @param offset where the bytes go; must equal the upload's offset
 * @param declaredLength the upload's length, when the client declares it now (deferred length)
 * @param checksum the digest the bytes of this request must have, if the client sent one
 */
public record Chunk(long offset, Optional<Long> declaredLength, Optional<ChunkChecksum> checksum) {

    public static Chunk at(long offset) {
        return new Chunk(offset, Optional.empty(), Optional.empty());
    }
}
