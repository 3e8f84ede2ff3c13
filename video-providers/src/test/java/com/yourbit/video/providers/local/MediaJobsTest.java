package com.yourbit.video.providers.local;

import com.yourbit.video.providers.local.MediaJobs.Job;
import com.yourbit.video.providers.local.MediaJobs.Outcome;
import com.yourbit.video.providers.local.MediaJobs.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MediaJobsTest {

    private static final String ID = "upload-0123456789abcdef";
    private static final Outcome READY = new Outcome(true, 12.5, "16:9", null);

    @TempDir
    Path dir;

    @Test
    void aJobGoesThroughItsStagesAndSurvivesBeingReadAgain() {
        MediaJobs jobs = new MediaJobs(dir);
        assertThat(jobs.enqueue(ID)).isTrue();
        assertThat(jobs.enqueue(ID)).isFalse();
        assertThat(jobs.job(ID)).contains(new Job(Stage.FIRST_RENDITION, null, false));

        assertThat(jobs.update(ID, new Job(Stage.LADDER, READY, false))).isTrue();
        assertThat(jobs.markTaken(ID)).isTrue();

        assertThat(new MediaJobs(dir).job(ID)).contains(new Job(Stage.LADDER, READY, true));
        assertThat(jobs.all()).containsExactly(ID);
    }

    /** A job deleted with its video stays deleted, whatever its stage still writes. */
    @Test
    void aRemovedJobIsNotWrittenAgain() {
        MediaJobs jobs = new MediaJobs(dir);
        jobs.enqueue(ID);
        jobs.remove(ID);

        assertThat(jobs.update(ID, new Job(Stage.DONE, READY, false))).isFalse();
        assertThat(jobs.markTaken(ID)).isFalse();
        assertThat(jobs.exists(ID)).isFalse();
        assertThat(jobs.all()).isEmpty();
    }

    /** Marking the outcome taken keeps the stage the job has reached since it was read. */
    @Test
    void markingTheOutcomeTakenKeepsTheCurrentStage() {
        MediaJobs jobs = new MediaJobs(dir);
        jobs.enqueue(ID);
        jobs.update(ID, new Job(Stage.LADDER, READY, false));
        jobs.update(ID, new Job(Stage.DONE, READY, false));

        jobs.markTaken(ID);

        assertThat(jobs.job(ID)).contains(new Job(Stage.DONE, READY, true));
    }

    /** Files written before the ladder: queued, or an outcome of a finished single rendition not yet taken. */
    @Test
    void jobFilesOfTheSingleRenditionVersionAreRead() throws Exception {
        Files.writeString(dir.resolve("old-queued.job"), "#\nstate=queued\n");
        Files.writeString(dir.resolve("old-ready.job"), "#\nstate=ready\nduration=2.0\naspect=16\\:9\n");
        Files.writeString(dir.resolve("old-errored.job"), "state=errored\nreason=not a video\n");
        MediaJobs jobs = new MediaJobs(dir);

        assertThat(jobs.job("old-queued")).contains(new Job(Stage.FIRST_RENDITION, null, false));
        assertThat(jobs.job("old-ready")).contains(new Job(Stage.DONE, new Outcome(true, 2.0, "16:9", null), false));
        assertThat(jobs.job("old-errored")).contains(new Job(Stage.DONE, new Outcome(false, null, null, "not a video"), false));
    }
}
