/**
 * The Mux Video provider: direct uploads through Mux's REST API (MicroProfile REST Client),
 * {@code Mux-Signature} webhooks, RS256 playback tokens for {@code stream.mux.com} and
 * {@code image.mux.com}. Everything follows Mux's published API; the action map
 * ({@code video.action-map.mux.*}) says where it lives and how its answers are read.
 */
package com.yourbit.video.providers.mux;
