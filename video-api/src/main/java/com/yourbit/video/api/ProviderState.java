package com.yourbit.video.api;

/** A provider's view of a video, reduced to what changes our status. */
public enum ProviderState {
    /** Bytes arrived or the provider made an asset; still processing. */
    PROCESSING,
    READY,
    ERRORED,
    /** The provider cancelled the upload, timed it out or deleted the asset. */
    GONE,
    /** Renditions, the MP4 download or the storyboard changed; the status does not. */
    MEDIA,
    /** One of the video's caption tracks changed (TrackReport); the video does not. */
    TRACK
}
