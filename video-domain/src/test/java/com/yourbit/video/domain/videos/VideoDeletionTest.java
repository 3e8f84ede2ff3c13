package com.yourbit.video.domain.videos;

import com.yourbit.video.api.DirectUpload;
import com.yourbit.video.api.ProviderName;
import com.yourbit.video.api.UploadId;
import com.yourbit.video.api.UploadProtocol;
import com.yourbit.video.api.VideoId;
import com.yourbit.video.domain.ProviderRegistry;
import com.yourbit.video.domain.RecordingVideoMetrics;
import com.yourbit.video.domain.Video;
import com.yourbit.video.domain.VideoRepository;
import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A DELETE that races a concurrent change of the video (the local ladder adds a rendition to a
 * ready video) is deleted as the video is now, not answered 500: the PostgreSQL run of the
 * integration tests saw exactly that (`LocalUploadIT.deletingAReadyVideoRemovesItsMedia`).
 */
class VideoDeletionTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final Video video = Video.prepared(VideoId.of("v1"), "owner", "title", ProviderName.of("local"),
            new DirectUpload(UploadId.of("up-1"), URI.create("https://up.example/1"), UploadProtocol.TUS, NOW.plusSeconds(60)), NOW);
    private final List<String> deletions = new ArrayList<>();
    private final List<RuntimeException> conflicts = new ArrayList<>();
    private final VideoService service = new VideoService();

    VideoDeletionTest() {
        service.metrics = new RecordingVideoMetrics();
        service.registry = new ProviderRegistry() {
            @Override
            public <T> Optional<T> capability(Video v, Class<T> capability) {
                return Optional.empty();
            }
        };
        service.videos = new VideoRepository() {
            @Override
            public Optional<Video> findOwned(String ownerId, VideoId id) {
                return Optional.of(video).filter(v -> v.getOwnerId().equals(ownerId) && v.id().equals(id));
            }
        };
        service.statusService = new VideoStatusService() {
            @Override
            public boolean delete(String ownerId, VideoId id) {
                deletions.add(ownerId + " " + id.value());
                if (!conflicts.isEmpty()) {
                    throw conflicts.remove(0);
                }
                return true;
            }
        };
    }

    @Test
    void aConflictAtFlushOrAtCommitIsDeletedAgainOnFreshData() {
        conflicts.add(new ConcurrentChangeException(new OptimisticLockException("the ladder added a rendition")));
        conflicts.add(new EJBException(new OptimisticLockException("row was updated or deleted by another transaction")));

        service.delete("owner", VideoId.of("v1"));

        assertThat(deletions).containsExactly("owner v1", "owner v1", "owner v1");
    }

    @Test
    void aVideoThatKeepsChangingIsRefusedAfterTheLastAttempt() {
        for (int i = 0; i < 4; i++) {
            conflicts.add(new ConcurrentChangeException(new OptimisticLockException("changed again")));
        }

        assertThatThrownBy(() -> service.delete("owner", VideoId.of("v1"))).isInstanceOf(ConcurrentChangeException.class);
        assertThat(deletions).hasSize(4);
    }

    @Test
    void aFailureThatIsNoConflictIsNotRetried() {
        conflicts.add(new EJBException(new IllegalStateException("the database is down")));

        assertThatThrownBy(() -> service.delete("owner", VideoId.of("v1"))).isInstanceOf(EJBException.class);
        assertThat(deletions).hasSize(1);
    }
}
