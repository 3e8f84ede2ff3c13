/**
 * The use cases of the videos API and of provider updates: create, read, list and delete
 * videos, receive webhooks, and the one place where a video's status changes
 * ({@link com.yourbit.video.domain.videos.VideoStatusService}). Builds on the core and on
 * {@code limits}.
 */
package com.yourbit.video.domain.videos;
