package com.yourbit.video.providers.local;

import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.ProviderState;
import com.yourbit.video.api.Rendition;
import com.yourbit.video.api.ThumbnailSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The service's side of {@code bench/transcode.sh} (not a test): the media pipeline the
 * server runs, on one file, with the shipped ladder settings.
 * <pre>
 * TranscodeBenchmark &lt;source&gt; &lt;work-dir&gt; commands
 *     prints the ffmpeg command lines the pipeline runs for this file (first rendition, default
 *     thumbnail, rest of the ladder), and for comparison one per rung and one for the whole
 *     ladder, each as
 *     "== name" followed by its arguments, one per line, writing under work-dir/bare-name
 * TranscodeBenchmark &lt;source&gt; &lt;work-dir&gt; pipeline
 *     runs the pipeline's job (probe, first rendition, measuring, master playlist, default
 *     thumbnail, rest of the ladder, job files) and prints one JSON line with its timings
 * </pre>
 */
public final class TranscodeBenchmark {

    private static final String UPLOAD = "transcode-bench";

    private TranscodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path work = Path.of(args[1]);
        LadderSettings ladder = DefaultLadder.settings();
        if (args[2].equals("commands")) {
            printCommands(source, work, ladder);
        } else {
            runPipeline(source, work, ladder);
        }
    }

    private static void printCommands(Path source, Path work, LadderSettings ladder) throws IOException {
        MediaProbe.VideoFacts facts = new MediaProbe("ffprobe").probe(source).orElseThrow();
        LadderPlan plan = LadderPlan.of(facts, ladder);
        LadderEncoder encoder = new LadderEncoder("ffmpeg");
        List<LadderPlan.PlannedRung> rest = plan.rungs().subList(1, plan.rungs().size());
        print("first", encoder.command(source, plan, List.of(plan.first()), ladder.preset(), work.resolve("bare-first")));
        double middle = facts.durationSeconds() == null ? 0 : facts.durationSeconds() / 2;
        print("thumbnail", new Thumbnailer("ffmpeg", work.resolve("bare-thumbnail"), Long.MAX_VALUE)
                .command(source, middle, ThumbnailSpec.defaults(), work.resolve("bare-thumbnail.jpg")));
        if (!rest.isEmpty()) {
            print("rest", encoder.command(source, plan, rest, ladder.preset(), work.resolve("bare-rest")));
        }
        for (LadderPlan.PlannedRung rung : plan.rungs()) {
            print("rung-" + rung.name(), encoder.command(source, plan, List.of(rung), ladder.preset(),
                    work.resolve("bare-rung-" + rung.name())));
        }
        print("all", encoder.command(source, plan, plan.rungs(), ladder.preset(), work.resolve("bare-all")));
    }

    private static void print(String name, List<String> command) {
        System.out.println("== " + name);
        command.forEach(System.out::println);
    }

    private static void runPipeline(Path source, Path work, LadderSettings ladder) throws IOException {
        Files.createDirectories(work);
        List<Runnable> queue = new ArrayList<>();
        TestJobQueue<MediaPipeline> messages = TestJobQueue.pipeline(queue, new ArrayList<>());
        MediaPipeline pipeline = messages.deliveringTo(new MediaPipeline(ProviderName.of("local"), new MediaJobs(work.resolve("jobs")),
                id -> source, new MediaProbe("ffprobe"), new HlsRenditions(work.resolve("hls")), new LadderEncoder("ffmpeg"),
                new RenditionMeter("ffprobe"), new Thumbnailer("ffmpeg", work.resolve("thumbnails"), Long.MAX_VALUE),
                () -> ladder, messages.sender(), Clock.systemUTC()));
        long start = System.nanoTime();
        long[] ready = {0};
        List<Rendition> renditions = new ArrayList<>();
        pipeline.connect(update -> {
            if (update.state() == ProviderState.READY) {
                ready[0] = System.nanoTime();
            }
            if (update.state() == ProviderState.ERRORED) {
                throw new IllegalStateException("the pipeline failed: " + update.errorReason());
            }
            renditions.clear();
            renditions.addAll(update.media().renditions());
        });
        pipeline.start(UPLOAD);
        while (!queue.isEmpty()) {
            queue.remove(0).run();
        }
        long end = System.nanoTime();
        if (ready[0] == 0) {
            throw new IllegalStateException("the video did not become ready");
        }
        System.out.println(String.format(Locale.ROOT, "{\"readySeconds\":%.2f,\"totalSeconds\":%.2f,\"renditions\":[%s]}",
                (ready[0] - start) / 1e9, (end - start) / 1e9, renditions.stream()
                        .map(r -> String.format(Locale.ROOT, "{\"name\":\"%s\",\"width\":%d,\"height\":%d,\"bitrate\":%d}",
                                r.name(), r.width(), r.height(), r.bitrate()))
                        .collect(Collectors.joining(","))));
    }
}
