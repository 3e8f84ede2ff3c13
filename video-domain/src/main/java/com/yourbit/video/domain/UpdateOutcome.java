package com.yourbit.video.domain;

/** What became of a provider update. Every outcome is an acceptable answer to a provider. */
public enum UpdateOutcome {
    /** The video's state changed. */
    APPLIED,
    /** Nothing new: the video already had this state. */
    UNCHANGED,
    /** The same event was seen before. */
    DUPLICATE,
    /** Arrived out of order and would move the video backwards; recorded, not applied. */
    STALE,
    /** No video matches; recorded, not applied. */
    UNKNOWN_VIDEO
}
