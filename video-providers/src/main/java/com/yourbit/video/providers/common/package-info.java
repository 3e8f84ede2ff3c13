/**
 * What the providers share: how they read their settings ({@link com.yourbit.video.providers.common.ProviderConfig}),
 * their clock ({@link com.yourbit.video.providers.common.ProviderClock}), HMAC webhook signatures of the
 * {@code t=…,v1=…} family, RSA signing keys, HTTP failures, and URL templates that substitute only known
 * placeholders with well-formed ids.
 */
package com.yourbit.video.providers.common;
