/**
 * Objects in an S3-compatible store: where the local provider keeps uploads and media when
 * {@code video.action-map.local.storage=s3}, so its nodes keep nothing that matters.
 */
package com.yourbit.video.providers.local.objects;
