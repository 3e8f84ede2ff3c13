/** Live status for pages: a video's events as a server-sent event stream. */
package com.yourbit.video.web.events;
