package com.yourbit.video.providers.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Ready only while the video database answers (served on the management port, /health/ready).
 * Names the database product (H2 or PostgreSQL) so an operator sees which one the server chose.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final String NAME = "video-database";

    @Resource(lookup = "java:jboss/datasources/VideoDS")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            return HealthCheckResponse.named(NAME)
                    .status(connection.isValid(2))
                    .withData("database", connection.getMetaData().getDatabaseProductName())
                    .build();
        } catch (SQLException e) {
            // No detail: the exception may name hosts or users; the server log has the pool's own warning.
            return HealthCheckResponse.named(NAME).down().build();
        }
    }
}
