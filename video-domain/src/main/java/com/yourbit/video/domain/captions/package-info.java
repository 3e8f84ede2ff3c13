/**
 * Captions of a video (API.md: {@code /api/videos/{id}/captions}): the {@link
 * com.yourbit.video.domain.captions.Caption} entity, the use cases of putting, listing and
 * removing them ({@link com.yourbit.video.domain.captions.CaptionService}), the transactions that
 * change them ({@link com.yourbit.video.domain.captions.CaptionChanges}: optimistic locking,
 * events in the same transaction) and re-adding them at another provider
 * ({@link com.yourbit.video.domain.captions.CaptionService#reattach}). Provider calls are made
 * here outside any transaction; the video's own status is not changed here.
 */
package com.yourbit.video.domain.captions;
