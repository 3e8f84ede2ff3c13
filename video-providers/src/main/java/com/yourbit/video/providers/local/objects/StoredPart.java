package com.yourbit.video.providers.local.objects;

/** A part of a multipart upload: its number (from 1), size and ETag. */
public record StoredPart(int number, long size, String etag) {
}
