package com.yourbit.video.domain;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.VideoId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of videos ended: the last video's creation time and id. Opaque to clients
 * (base64url); a cursor that does not decode is a client error.
 */
public record PageCursor(Instant createdAt, VideoId id) {

    public String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            if (parts.length != 3 || parts[2].isEmpty() || parts[2].length() > 36) {
                throw new IllegalArgumentException();
            }
            return new PageCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), VideoId.of(parts[2]));
        } catch (RuntimeException e) {
            throw new VideoException(ErrorCode.INVALID_REQUEST, "cursor is not one this service issued");
        }
    }
}
