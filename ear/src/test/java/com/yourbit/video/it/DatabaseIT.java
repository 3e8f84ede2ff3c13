package com.yourbit.video.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import static com.yourbit.video.it.Server.awaitProcessed;
import static com.yourbit.video.it.Server.createVideo;
import static com.yourbit.video.it.Server.json;
import static com.yourbit.video.it.Server.send;
import static com.yourbit.video.it.Server.userToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database this run configured is the one the server uses: the suite runs once on H2 and
 * once on PostgreSQL (ear/pom.xml), and without this check a misconfigured PostgreSQL run
 * could silently pass on H2.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseIT {

    private static final String DATABASE = System.getProperty("it.database", "H2");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Server.ear();
    }

    @Test
    void readinessIsUpOnTheDatabaseOfThisRun() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(Server.MANAGEMENT.resolve("/health/ready")).build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject check = json(response).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("video-database"))
                .findFirst().orElseThrow(() -> new AssertionError("no video-database check: " + response.body()));
        assertThat(check.getString("status")).isEqualTo("UP");
        assertThat(check.getJsonObject("data").getString("database")).isEqualTo(DATABASE);
    }

    /** Flyway migrated the PostgreSQL database, and a video created through the API is stored there. */
    @Test
    @EnabledIfSystemProperty(named = "it.database", matches = "PostgreSQL")
    void videosAreStoredInThePostgreSqlDatabase() throws SQLException {
        String owner = "db-" + UUID.randomUUID();
        String id = createVideo(userToken(owner), "Stored in PostgreSQL").getString("id");

        try (Connection db = DriverManager.getConnection(System.getenv("VIDEO_DB_URL"),
                System.getenv("VIDEO_DB_USER"), System.getenv("VIDEO_DB_PASSWORD"))) {
            try (ResultSet migration = db.createStatement().executeQuery(
                    "select success from flyway_schema_history where version = '1'")) {
                assertThat(migration.next()).as("V1 recorded by Flyway").isTrue();
                assertThat(migration.getBoolean(1)).isTrue();
            }
            try (PreparedStatement query = db.prepareStatement("select owner_id, status from video where id = ?")) {
                query.setString(1, id);
                try (ResultSet video = query.executeQuery()) {
                    assertThat(video.next()).as("video row").isTrue();
                    assertThat(video.getString("owner_id")).isEqualTo(owner);
                    assertThat(video.getString("status")).isEqualToIgnoringCase("preparing");
                }
            }
        }
    }

    /**
     * The sweep finds stale uploads through upload_deadline: a preparing video has its row
     * there, with the video's own deadline, and loses it when it leaves preparing (here: its
     * upload is not a video, so it ends errored). VideoStatusServiceTest covers the other
     * changes (expiry, a relayed upload's new deadline).
     */
    @Test
    @EnabledIfSystemProperty(named = "it.database", matches = "PostgreSQL")
    void aVideoHasAnUploadDeadlineOnlyWhilePreparing() throws SQLException {
        String token = userToken("deadline-" + UUID.randomUUID());
        JsonObject video = createVideo(token, "Deadline kept apart");
        String id = video.getString("id");
        try (Connection db = DriverManager.getConnection(System.getenv("VIDEO_DB_URL"),
                System.getenv("VIDEO_DB_USER"), System.getenv("VIDEO_DB_PASSWORD"))) {
            assertThat(deadline(db, id)).isEqualTo(Optional.of(uploadExpiresAt(db, id)));

            byte[] notAVideo = "these bytes are not a video".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            String url = video.getJsonObject("upload").getString("url");
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(url)).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Length", Integer.toString(notAVideo.length))
                    .header("Content-Type", "application/offset+octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(notAVideo)).build());
            assertThat(created.statusCode()).isEqualTo(201);

            assertThat(awaitProcessed(id, token).getString("status")).isEqualTo("errored");
            assertThat(deadline(db, id)).isEmpty();
        }
    }

    private static Optional<Timestamp> deadline(Connection db, String videoId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select expires_at from upload_deadline where video_id = ?")) {
            query.setString(1, videoId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getTimestamp(1)) : Optional.empty();
            }
        }
    }

    private static Timestamp uploadExpiresAt(Connection db, String videoId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select upload_expires_at from video where id = ?")) {
            query.setString(1, videoId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("video row").isTrue();
                return row.getTimestamp(1);
            }
        }
    }
}
