package com.yourbit.video.providers.local;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline encodes of one video: the rungs of the configured ladder up to the
 * video's size, at the video's shape and frame rate.
 *
 * <p>Rungs are named by the short side, so a portrait video ladders like a landscape one
 * (720×1280 gives 240p…720p at widths 240…720). The long side keeps the shape, rounded to an
 * even number (H.264 in 4:2:0 needs even sizes). Nothing is upscaled: a rung above the
 * source is left out, except one at most 10 % above it (1920×1072, cropped by the camera,
 * still gets its 1080p rung, at its own size); a source smaller than every rung gets one
 * rendition at its own size, encoded as the smallest rung.
 *
 * <p>Every rung has the same frame rate (the source's, halved until at most 60) and a
 * keyframe every {@link #KEYFRAME_SECONDS}, so segments start at the same instants in every
 * rendition and a player switches between them cleanly.
 *
 * @param rungs smallest first, at least one
 * @param frameRate as ffmpeg takes it, {@code 30000/1001}
 * @param keyframeInterval frames from one keyframe to the next
 */
public record LadderPlan(List<PlannedRung> rungs, String frameRate, int keyframeInterval) {

    /** Seconds between keyframes; the segment length is a multiple of it. */
    public static final int KEYFRAME_SECONDS = 2;
    /** Seconds per segment (ffmpeg's hls_time): three keyframe intervals. */
    public static final int SEGMENT_SECONDS = 6;
    static final int MAX_FRAME_RATE = 60;
    static final String UNKNOWN_FRAME_RATE = "30";
    private static final List<String> COMMON_FRAME_RATES = List.of("24000/1001", "24", "25", "30000/1001", "30",
            "48", "50", "60000/1001", "60");

    /** One rendition to encode: its name (the rung's), size in pixels and encoding. */
    public record PlannedRung(String name, int width, int height, LadderSettings.Rung encoding) {
    }

    public LadderPlan {
        rungs = List.copyOf(rungs);
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("a ladder plan has at least one rung");
        }
    }

    public static LadderPlan of(MediaProbe.VideoFacts video, LadderSettings ladder) {
        int shortSide = Math.min(video.displayWidth(), video.displayHeight());
        int longSide = Math.max(video.displayWidth(), video.displayHeight());
        boolean portrait = video.displayHeight() > video.displayWidth();
        List<PlannedRung> rungs = new ArrayList<>();
        for (LadderSettings.Rung rung : ladder.rungs()) {
            int shortOut;
            int longOut;
            if (rung.height() <= shortSide) {
                shortOut = rung.height();
                longOut = Math.min(evenFloor(longSide), even((double) rung.height() * longSide / shortSide));
            } else if (rung.height() * 10L <= shortSide * 11L) {
                shortOut = evenFloor(shortSide);
                longOut = evenFloor(longSide);
            } else {
                break;
            }
            int width = portrait ? shortOut : longOut;
            int height = portrait ? longOut : shortOut;
            PlannedRung planned = new PlannedRung(rung.name(), width, height, rung);
            if (rungs.isEmpty() || rungs.get(rungs.size() - 1).width() != width
                    || rungs.get(rungs.size() - 1).height() != height) {
                rungs.add(planned);
            }
        }
        if (rungs.isEmpty()) {
            int shortOut = evenFloor(shortSide);
            int longOut = evenFloor(longSide);
            rungs.add(new PlannedRung(shortOut + "p", portrait ? shortOut : longOut, portrait ? longOut : shortOut,
                    ladder.rungs().get(0)));
        }
        String rate = frameRate(video.frameRate());
        return new LadderPlan(rungs, rate, (int) Math.max(1, Math.round(KEYFRAME_SECONDS * value(rate))));
    }

    /** The first rendition: the smallest, quickest to make; the video is ready with it. */
    public PlannedRung first() {
        return rungs.get(0);
    }

    /**
     * The source's rate, halved until it is at most 60 (so frames are dropped evenly); an
     * average within 1 % of a common rate is that rate (a phone's variable-rate video
     * averaging 29.97… frames per second is encoded at 30000/1001).
     */
    static String frameRate(String source) {
        if (source == null || !source.matches("[1-9][0-9]{0,9}/[1-9][0-9]{0,9}")) {
            return UNKNOWN_FRAME_RATE;
        }
        String halved = halved(source);
        double rate = value(halved);
        String nearest = halved;
        double distance = rate / 100;
        for (String common : COMMON_FRAME_RATES) {
            if (Math.abs(rate - value(common)) <= distance) {
                nearest = common;
                distance = Math.abs(rate - value(common));
            }
        }
        return nearest;
    }

    private static String halved(String source) {
        BigInteger numerator = new BigInteger(source.substring(0, source.indexOf('/')));
        BigInteger denominator = new BigInteger(source.substring(source.indexOf('/') + 1));
        while (numerator.doubleValue() / denominator.doubleValue() > MAX_FRAME_RATE) {
            denominator = denominator.shiftLeft(1);
        }
        BigInteger gcd = numerator.gcd(denominator);
        numerator = numerator.divide(gcd);
        denominator = denominator.divide(gcd);
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }

    static double value(String rate) {
        int slash = rate.indexOf('/');
        return slash < 0 ? Double.parseDouble(rate)
                : Double.parseDouble(rate.substring(0, slash)) / Double.parseDouble(rate.substring(slash + 1));
    }

    /** The even number nearest to {@code x}, at least 2. */
    static int even(double x) {
        return (int) Math.max(2, 2 * Math.round(x / 2));
    }

    static int evenFloor(int x) {
        return Math.max(2, x - x % 2);
    }
}
