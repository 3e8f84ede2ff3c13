package com.yourbit.video.domain;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Brings the database schema up to date with {@code db/migration} before the application
 * takes requests ({@code db/postgresql} adds PostgreSQL-only storage settings, versioned
 * between the portable ones). Flyway uses its own connections and transactions, hence bean-managed.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "java:jboss/datasources/VideoDS")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations())
                // WildFly's EJB timer store may create its table in the same schema before the
                // first migration (clustered timers on PostgreSQL): such a schema counts as
                // version 0, so V1 and everything after it still run.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info(() -> describe(result));
    }

    /** Flyway reports no target version when nothing ran: the schema was already current. */
    private static String describe(MigrateResult result) {
        if (result.migrationsExecuted == 0) {
            return "database schema up to date at version " + result.initialSchemaVersion;
        }
        String from = result.initialSchemaVersion == null ? "an empty schema" : "version " + result.initialSchemaVersion;
        return "database schema migrated from " + from + " to version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied)";
    }

    /** The portable migrations, and on PostgreSQL its own storage settings (db/postgresql). */
    private String[] locations() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return "PostgreSQL".equalsIgnoreCase(product)
                    ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                    : new String[] {"classpath:db/migration"};
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate its schema", e);
        }
    }
}
