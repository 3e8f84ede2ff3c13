package com.yourbit.video.domain.events;

import com.yourbit.video.domain.VideoStatus;

/** The {@code type} of an event (API.md, Events to the web tier). */
public final class EventTypes {

    public static final String CREATED = "video.created";
    public static final String DELETED = "video.deleted";
    /** Anything else the video JSON shows changed (renditions, download, details), not its status. */
    public static final String UPDATED = "video.updated";
    /** The video now plays from another provider (a move's switch): its ids and URLs changed, its status did not. */
    public static final String MOVED = "video.moved";
    /** A caption became playable, or the provider could not use it (data.caption says which). */
    public static final String CAPTION_READY = "video.caption.ready";
    public static final String CAPTION_ERRORED = "video.caption.errored";

    private EventTypes() {
    }

    /** {@code video.ready}, {@code video.errored}, … for a change into {@code status}. */
    public static String statusChanged(VideoStatus status) {
        return "video." + status.wireName();
    }

    /** The type of a change from {@code before} to the video's status now. */
    public static String change(VideoStatus before, VideoStatus after) {
        return before == after ? UPDATED : statusChanged(after);
    }
}
