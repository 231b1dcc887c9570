package io.wechatadvisor.config;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The advisor's tunables, under {@code advisor.*} (or the matching {@code ADVISOR_*} variables). */
@ConfigMapping(prefix = "advisor")
public interface AdvisorConfig {

    Rules rules();

    Batch batch();

    Simulation simulation();

    /**
     * The bearer token that {@code POST /api/v1/rules/reload} requires ({@code ADVISOR_ADMIN_TOKEN}).
     * Unset, reloading on request is off (401); the directory is still watched.
     */
    Optional<String> adminToken();

    AdminAttempts adminAttempts();

    Http http();

    /**
     * The largest request line and headers the service answers; larger ones are refused with 414 and
     * 431 problems. Vert.x reads up to {@code quarkus.http.limits.max-initial-line-length} and
     * {@code max-header-size}, set above these, and refuses what is larger still with an empty body.
     */
    interface Http {
        /** The request line: method, path with query, and version. */
        @WithDefault("4K")
        MemorySize maxRequestLine();

        /** All header lines together. */
        @WithDefault("20K")
        MemorySize maxHeaders();
    }

    /** How many wrong admin tokens one client address may send before it must wait. */
    interface AdminAttempts {
        /** Wrong tokens allowed per address in one window; then 429 until the window ends. */
        @WithDefault("5")
        int maxFailures();

        /** The window, from an address' first wrong token. */
        @WithDefault("1m")
        Duration window();
    }

    interface Rules {
        /**
         * The rules directory ({@code ADVISOR_RULES_DIR}). Unset: the copy of {@code rules/} packaged
         * with the application, so the jar runs from any working directory. Also read before this
         * configuration exists, by {@link RulesLocation}.
         */
        Optional<String> dir();

        /** How long a request waits for the first rule set to compile before it is answered 503. */
        @WithDefault("30s")
        Duration startupWait();

        /**
         * Whether the application start waits for the first rule set. Off: the rules load while the
         * service starts and readiness says when they are live.
         */
        @WithDefault("false")
        boolean awaitAtStart();

        /** How often the rules directory is checked for changes (only with {@code dir} set). */
        @WithDefault("1s")
        Duration watchInterval();

        /**
         * The largest rule file (any file of the rules directory) the service reads. A larger file is
         * refused without being read, and the live rules keep serving.
         */
        @WithDefault("1M")
        MemorySize maxFileSize();

        /**
         * How long a candidate rule set may take to compile and pass its checks (scenarios and generated
         * profiles) before it is refused. The check runs on a thread of its own, which is abandoned then.
         */
        @WithDefault("60s")
        Duration checkTimeout();

        /**
         * How many profiles' advice the live rule set keeps, so that a profile asked again is not
         * evaluated again (forgotten when the rule set changes, and all at once when full); 0 keeps none.
         */
        @WithDefault("1000")
        int adviceMemo();
    }

    interface Batch {
        /** The most profiles one batch request may hold. */
        @WithDefault("1000")
        int maxSize();
    }

    /** What-if runs ({@code POST /api/v1/rules/simulate}) and the impact a reload reports. */
    interface Simulation {
        /** How long one simulation may take, compiling and replaying; past it the answer is 503. */
        @WithDefault("30s")
        Duration timeout();

        /** The most recorded decisions one simulation replays ({@code last}, or a {@code from}/{@code to} range). */
        @WithDefault("50000")
        int maxProfiles();

        /** How many of the most recent decisions are replayed when a request names neither {@code last} nor a range. */
        @WithDefault("1000")
        int defaultLast();

        /** How many of the most recent decisions a reload replays to report its impact (0: no impact reported). */
        @WithDefault("1000")
        int reloadLast();

        /** The most entries a zipped rules folder may hold. */
        @WithDefault("200")
        int maxZipEntries();

        /** The most bytes a zipped rules folder may unpack to, all files together. */
        @WithDefault("8M")
        MemorySize maxZipSize();
    }
}
