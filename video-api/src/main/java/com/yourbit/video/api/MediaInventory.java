package com.yourbit.video.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What exists of a video besides its playback: the renditions made so far, the MP4 download's
 * state and whether a storyboard can be had. Reports only add: {@link #merge} keeps every
 * rendition named by either side (the newer one wins a name), the further download state and
 * a storyboard once there was one, so reports may arrive in any order and more than once.
 */
public record MediaInventory(List<Rendition> renditions, DownloadState download, boolean storyboard) {

    /** Far more than any ladder; a bound on what a provider's report can make us store. */
    public static final int MAX_RENDITIONS = 16;

    public MediaInventory {
        renditions = List.copyOf(renditions);
        Objects.requireNonNull(download, "download");
        if (renditions.size() > MAX_RENDITIONS) {
            throw new IllegalArgumentException("at most " + MAX_RENDITIONS + " renditions");
        }
    }

    public static MediaInventory empty() {
        return new MediaInventory(List.of(), DownloadState.NONE, false);
    }

    public static MediaInventory of(List<Rendition> renditions) {
        return new MediaInventory(renditions, DownloadState.NONE, false);
    }

    public MediaInventory withDownload(DownloadState state) {
        return new MediaInventory(renditions, state, storyboard);
    }

    public MediaInventory withStoryboard(boolean available) {
        return new MediaInventory(renditions, download, available);
    }

    /** Both reports together, sorted by height (smallest first), then name. */
    public MediaInventory merge(MediaInventory newer) {
        if (newer == null) {
            return this;
        }
        Map<String, Rendition> byName = new LinkedHashMap<>();
        renditions.forEach(r -> byName.put(r.name(), r));
        newer.renditions.forEach(r -> byName.put(r.name(), r));
        List<Rendition> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing((Rendition r) -> r.height() == null ? Integer.MAX_VALUE : r.height())
                .thenComparing(Rendition::name));
        if (all.size() > MAX_RENDITIONS) {
            all = all.subList(0, MAX_RENDITIONS);
        }
        return new MediaInventory(all, download.max(newer.download), storyboard || newer.storyboard);
    }
}
