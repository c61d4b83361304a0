package dev.overlord.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import dev.overlord.persistence.DatabaseSettings;
import org.junit.jupiter.api.Test;

class JournalConfigTest {

    private static final String SHARED = "pekko-persistence-jdbc.shared-databases." + JournalConfig.SHARED_DB_NAME;

    @Test
    void wiresJournalAndSnapshotsToOnePoolAndTheReadJournalToItsOwn() {
        Config c = JournalConfig.forDatabase(
                new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/o", "overlord", "pw", 10), 3);
        assertEquals("jdbc-journal", c.getString("pekko.persistence.journal.plugin"));
        assertEquals("jdbc-snapshot-store", c.getString("pekko.persistence.snapshot-store.plugin"));
        for (String plugin : new String[] {"jdbc-journal", "jdbc-snapshot-store"}) {
            assertEquals(JournalConfig.SHARED_DB_NAME, c.getString(plugin + ".use-shared-db"), plugin);
        }
        assertEquals(JournalConfig.QUERY_DB_NAME, c.getString("jdbc-read-journal.use-shared-db"));
        String query = "pekko-persistence-jdbc.shared-databases." + JournalConfig.QUERY_DB_NAME;
        assertEquals("jdbc:postgresql://127.0.0.1:5432/o", c.getString(query + ".db.url"));
        assertEquals(JournalConfig.QUERY_POOL_SIZE, c.getInt(query + ".db.maxConnections"));
        assertEquals(BatchingJournalDao.class.getName(), c.getString("jdbc-journal.dao"));
        assertEquals("slick.jdbc.PostgresProfile$", c.getString(SHARED + ".profile"));
        assertEquals("org.postgresql.Driver", c.getString(SHARED + ".db.driver"));
        assertEquals(3, c.getInt(SHARED + ".db.maxConnections"));
        assertEquals(3, c.getInt(SHARED + ".db.numThreads"));
    }

    @Test
    void h2GetsH2ProfileAndDefaultPool() {
        Config c = JournalConfig.forDatabase(new DatabaseSettings("jdbc:h2:mem:j", "sa", "", 10));
        assertEquals("slick.jdbc.H2Profile$", c.getString(SHARED + ".profile"));
        assertEquals(JournalConfig.DEFAULT_POOL_SIZE, c.getInt(SHARED + ".db.maxConnections"));
    }

    @Test
    void awkwardCharactersInUrlAndPasswordSurviveVerbatim() {
        String password = "p\"w${x}\\ #,:=";
        String url = "jdbc:postgresql://h/db?options=-c%20search_path=a,b";
        Config c = JournalConfig.forDatabase(new DatabaseSettings(url, "u", password, 1));
        assertEquals(password, c.getString(SHARED + ".db.password"));
        assertEquals(url, c.getString(SHARED + ".db.url"));
    }

    @Test
    void rejectsEmptyPool() {
        assertThrows(
                IllegalArgumentException.class,
                () -> JournalConfig.forDatabase(new DatabaseSettings("jdbc:h2:mem:j", "sa", "", 1), 0));
    }
}
