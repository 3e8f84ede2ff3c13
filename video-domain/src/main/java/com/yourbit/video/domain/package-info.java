/**
 * The core of the domain, at the bottom of its packages: the Video aggregate and its
 * vocabulary (status, update outcomes, refusals), one repository per table, the provider
 * registry and the metrics the domain keeps. Depends on video-api only; the use-case packages
 * ({@code videos}, {@code limits}, {@code expiry}, {@code admin}) and {@code metrics} build on
 * it, never the other way round. Never names a concrete provider: providers are found through
 * {@link com.yourbit.video.domain.ProviderRegistry}.
 */
package com.yourbit.video.domain;
