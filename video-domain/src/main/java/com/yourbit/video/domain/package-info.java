/**
 * The Video aggregate, its repository and the application services that own every status
 * change. Never names a concrete provider: providers are found through
 * {@link com.yourbit.video.domain.ProviderRegistry}.
 */
package com.yourbit.video.domain;
