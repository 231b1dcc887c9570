package io.wechatadvisor.decisions.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Switches between the two datasources at run time: {@code advisor.db.url} set makes the
 * {@code postgresql} datasource active and the {@code embedded} one inactive; unset, the reverse.
 * Quarkus fixes a datasource's kind at build time but lets its {@code active} flag be decided at
 * start, so one jar serves both. Registered in {@code META-INF/services}.
 */
public class DatabaseSelection implements ConfigSourceInterceptor {

    public static final String EMBEDDED = "embedded";
    public static final String POSTGRESQL = "postgresql";
    static final String URL = "advisor.db.url";
    private static final String PREFIX = "quarkus.datasource.";
    private static final String SUFFIX = ".active";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        String datasource = activeFlagOf(name);
        if (datasource == null) {
            return context.proceed(name);
        }
        ConfigValue url = context.proceed(URL);
        boolean postgresql = url != null && url.getValue() != null && !url.getValue().isBlank();
        boolean active = postgresql == POSTGRESQL.equals(datasource);
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(active))
                .withConfigSourceName("advisor.db.url (" + (postgresql ? "set" : "unset") + ")")
                .withConfigSourceOrdinal(Integer.MAX_VALUE).build();
    }

    /** The datasource whose {@code active} flag {@code name} is, or null. */
    private static String activeFlagOf(String name) {
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) || name.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String datasource = name.substring(PREFIX.length(), name.length() - SUFFIX.length())
                .replace("\"", "");
        return EMBEDDED.equals(datasource) || POSTGRESQL.equals(datasource) ? datasource : null;
    }
}
