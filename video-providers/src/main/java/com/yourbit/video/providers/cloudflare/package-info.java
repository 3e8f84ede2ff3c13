/**
 * Cloudflare Stream: direct creator uploads (basic POST and tus), the video object from the
 * Stream API and from its signed webhooks, self-signed RS256 playback tokens. Only this
 * package knows Cloudflare's paths, envelope and field names; the action map
 * ({@code video.action-map.cloudflare.*}) holds what may vary.
 */
package com.yourbit.video.providers.cloudflare;
