/**
 * What the providers share: HMAC webhook signatures of the {@code t=…,v1=…} family, URL
 * templates that substitute only known placeholders with well-formed ids.
 */
package com.yourbit.video.providers.common;
