package io.lrasaga.coordinator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.jdbc.JDBCStore;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

/**
 * Points Narayana's object stores at the configured store: files in the data directory, or a
 * table in PostgreSQL. Must run before Quarkus starts; see {@link EarlyConfig}.
 */
public final class ObjectStoreLocation {

    // Narayana keeps one environment bean per store: the default one, plus these two names.
    private static final String[] NAMED_STORES = { null, "communicationStore", "stateStore" };

    private ObjectStoreLocation() {
    }

    /** Configures the store; returns where it is, for the log. */
    public static String apply(CoordinatorStoreConfig config) {
        Path dir = Path.of(config.dataDir()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the coordinator data directory " + dir, e);
        }
        // Every store type keeps its other files (and the named stores) in the data directory.
        for (String name : NAMED_STORES) {
            BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name).setObjectStoreDir(dir.toString());
        }
        String where;
        if (config.store().type() == CoordinatorStoreConfig.Type.JDBC) {
            DataSource pool = JdbcStorePool.open(config.store().jdbc());
            checkReachable(pool, config.store().jdbc());
            for (String name : NAMED_STORES) {
                ObjectStoreEnvironmentBean store = BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, name);
                store.setObjectStoreType(JDBCStore.class.getName());
                store.setJdbcDataSource(pool);
                store.setTablePrefix(config.store().jdbc().tablePrefix());
                store.setCreateTable(true);
                store.setDropTable(false);
            }
            where = "table " + config.store().jdbc().tablePrefix() + "JBossTSTxTable at "
                    // no query string: it may carry a password
                    + config.store().jdbc().url().orElseThrow().split("\\?")[0];
        } else if (config.store().type() == CoordinatorStoreConfig.Type.JOURNAL) {
            Path journalDir = dir.resolve("journal");
            HornetqJournalEnvironmentBean journal = BeanPopulator.getDefaultInstance(HornetqJournalEnvironmentBean.class);
            journal.setStoreDir(journalDir.toString());
            // Durable as the file store: a write or delete is on disk before the coordinator answers.
            journal.setSyncWrites(true);
            journal.setSyncDeletes(true);
            journal.setAsyncIO(false);
            journal.setBufferFlushesPerSecond(config.store().journal().syncsPerSecond());
            journal.setFileSize(config.store().journal().fileSize());
            // Only the default store holds LRAs; the two named ones stay files (unused by the coordinator).
            BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    .setObjectStoreType(HornetqObjectStoreAdaptor.class.getName());
            where = "journal " + journalDir;
        } else {
            where = dir.toString();
        }
        try {
            BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier(config.nodeId());
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalArgumentException("lra-saga.coordinator.node-id: " + e.getMessage(), e);
        }
        return where;
    }

    // Narayana would only log a fatal error on first use; refusing to start says it plainly.
    private static void checkReachable(DataSource pool, CoordinatorStoreConfig.Jdbc config) {
        try (Connection connection = pool.getConnection()) {
            if (!connection.isValid(5)) {
                throw new SQLException("connection not valid");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the JDBC store at " + config.url().orElse("?") + ": "
                    + e.getMessage(), e);
        }
    }
}
