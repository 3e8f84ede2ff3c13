package com.yourbit.video.providers.local;

import com.yourbit.video.api.ErrorCode;
import com.yourbit.video.api.hosted.UploadStoreException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Upload locks shared by the nodes of one PostgreSQL database: a session advisory lock
 * ({@code pg_try_advisory_lock}) on a connection the request keeps until it lets the upload go.
 * A session lock, not a transaction's: a PATCH may read its body for minutes, and no transaction
 * should stay open that long. PostgreSQL ends the session, and with it the lock, when the
 * connection dies, so a node killed with {@code kill -9} holds nothing. The connections come
 * from a pool of their own (VideoLocksDS, wildfly-config/postgresql.cli), sized for the upload
 * requests a node serves at once, so long uploads never starve the application's pool.
 * <p>
 * A request that finds the upload taken asks its holder to stop with {@code NOTIFY}: pushed
 * to the nodes that {@code LISTEN}, no table, no schema, and idle nodes poll nothing in the
 * database (the listening connection's socket is looked at, without a round trip). A
 * notification is not stored: one lost while a node reconnects is sent again, since the waiting
 * request asks again at each look; and a node that died holds no lock to be asked for.
 */
final class PostgresUploadLocks implements ClusterUploadLocks, AutoCloseable {

    static final String CHANNEL = "yourbit_upload_stop";
    private static final Logger LOG = Logger.getLogger(PostgresUploadLocks.class.getName());

    private final DataSource dataSource;
    /** Who asks, so that a node ignores what it asked itself (it never asks its own writers this way). */
    private final String node = UUID.randomUUID().toString();
    private Connection listening;
    private boolean closed;

    PostgresUploadLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Lease> tryLock(String id) {
        Connection connection = connection();
        boolean locked = false;
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key(id));
            try (ResultSet result = lock.executeQuery()) {
                locked = result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new UploadStoreException(ErrorCode.STORAGE_FAILED, "the upload's lock could not be taken", e);
        } finally {
            if (!locked) {
                closeQuietly(connection);
            }
        }
        return locked ? Optional.of(() -> unlock(connection, id)) : Optional.empty();
    }

    /** Unlocks before the connection returns to its pool: the session, and its locks, outlive a close there. */
    private static void unlock(Connection connection, String id) {
        try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key(id));
            try (ResultSet result = unlock.executeQuery()) {
                if (!result.next() || !result.getBoolean(1)) {
                    LOG.warning(() -> "the lock of upload " + id + " was not held when it was let go");
                }
            }
        } catch (SQLException e) {
            // The pool's exception sorter drops a broken connection; its session, and the lock, end with it.
            LOG.warning(() -> "the lock of upload " + id + " could not be let go (" + e.getMessage()
                    + "); it ends with the connection's session");
        }
    }

    @Override
    public void askToStop(String id) {
        try (Connection connection = connection();
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, node + " " + id);
            notify.executeQuery().close();
        } catch (SQLException e) {
            LOG.fine(() -> "asking the holder of upload " + id + " to stop failed (" + e.getMessage() + "); asking again at the next look");
        }
    }

    @Override
    public synchronized List<String> stopRequests() {
        if (closed) {
            return List.of();
        }
        try {
            if (listening == null) {
                listening = connection();
                try (Statement listen = listening.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
            }
            // Without a timeout: what already arrived on the socket, no round trip.
            PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications();
            List<String> ids = new ArrayList<>();
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    String[] asked = notification.getParameter().split(" ", 2);
                    if (asked.length == 2 && !asked[0].equals(node)) {
                        ids.add(asked[1]);
                    }
                }
            }
            return ids;
        } catch (SQLException | UploadStoreException e) {
            LOG.fine(() -> "listening for requests to stop failed (" + e.getMessage() + "); listening again at the next look");
            closeQuietly(listening);
            listening = null;
            return List.of();
        }
    }

    @Override
    public boolean isShared() {
        return true;
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(listening);
        listening = null;
    }

    private Connection connection() {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            // Its pool is exhausted (as many uploads in flight as it has connections) or the database is away.
            throw new UploadStoreException(ErrorCode.SERVER_BUSY, "the upload cannot be locked now; try again", e);
        }
    }

    /** 64 bits of the id's SHA-256: a collision would only make two uploads take turns. */
    static long key(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("upload:" + id).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = key << 8 | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.fine(() -> "closing a lock connection failed: " + e.getMessage());
        }
    }
}
