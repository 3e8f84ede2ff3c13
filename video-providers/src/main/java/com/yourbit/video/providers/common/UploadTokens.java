package com.yourbit.video.providers.common;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable tokens that bind an upload URL on this service to one video. */
public final class UploadTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UploadTokens() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    public static String next() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
