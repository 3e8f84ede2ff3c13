/** {@code /media}: the local provider's files, served only with a valid signed token. */
package com.yourbit.video.web.media;
