package io.wechatadvisor.decisions.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Decision records: where they are kept, and for how long ({@code advisor.decisions.*}, {@code advisor.db.*}). */
@ConfigMapping(prefix = "advisor")
public interface DecisionsConfig {

    Decisions decisions();

    Db db();

    /** The folder of the embedded database ({@code ADVISOR_DATA_DIR}); default {@code ~/.wechat-advisor}. */
    String dataDir();

    /** {@link #dataDir()} as a path, a leading {@code ~} meaning the user's home (as H2 reads it in its URL). */
    default Path dataFolder() {
        return folder(dataDir());
    }

    /** A data directory as a path, a leading {@code ~} meaning the user's home. */
    static Path folder(String dataDir) {
        String home = System.getProperty("user.home");
        return dataDir.equals("~") ? Path.of(home)
                : dataDir.startsWith("~/") ? Path.of(home, dataDir.substring(2)) : Path.of(dataDir);
    }

    interface Decisions {
        /**
         * Whether every answer is recorded before it is sent. Off, answers carry no decisionId and
         * nothing is stored (for measuring only).
         */
        @WithDefault("true")
        boolean enabled();

        /** How long a record is kept; older ones are purged on a schedule. */
        @WithDefault("365d")
        Duration retention();

        /** How often records past retention are purged. */
        @WithDefault("1h")
        Duration purgeInterval();

        /** The most records that wait for their commit; beyond it answers are refused with 503. */
        @WithDefault("20000")
        int queueCapacity();

        /**
         * Embedded database: the most records journaled but not yet in the database (each held in
         * memory until then, to be found by id); beyond it new answers wait.
         */
        @WithDefault("2000")
        int journalBacklog();

        /** The most records written in one transaction. */
        @WithDefault("500")
        int maxBatch();
    }

    interface Db {
        /**
         * A {@code jdbc:postgresql:} URL ({@code ADVISOR_DB_URL}). Unset: the embedded database in
         * {@code advisor.data-dir}.
         */
        Optional<String> url();

        /** The PostgreSQL user ({@code ADVISOR_DB_USERNAME}). */
        Optional<String> username();

        /** The PostgreSQL password ({@code ADVISOR_DB_PASSWORD}). */
        Optional<String> password();
    }
}
