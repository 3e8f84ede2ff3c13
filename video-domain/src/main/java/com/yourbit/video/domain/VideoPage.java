package com.yourbit.video.domain;

import java.util.List;

/** One page of videos and the cursor of the next, {@code null} on the last page. */
public record VideoPage(List<Video> items, String next) {
}
