/**
 * The provider SPI: what every video provider offers ({@link com.yourbit.video.api.VideoProvider})
 * and the optional capabilities a provider implements when it can. Jakarta APIs only; no
 * container, EJB or provider-specific types belong here.
 */
package com.yourbit.video.api;
