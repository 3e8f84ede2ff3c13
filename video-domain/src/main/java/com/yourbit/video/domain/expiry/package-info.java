/**
 * Expiry of stale uploads: videos still {@code preparing} well after their upload deadline.
 * The provider is asked first, so a video whose webhook was lost becomes ready instead.
 */
package com.yourbit.video.domain.expiry;
