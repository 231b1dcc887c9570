package io.wechatadvisor.recommendation.ruleset;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader Drools sees: the application's, plus a memory of the names it did not find.
 *
 * <p>Drools compiles each constraint (MVEL) the first time it evaluates it, and MVEL tries every
 * identifier of the constraint as a class of each imported package: {@code entityType}, {@code goals}
 * and so on are looked up as classes of the facts' package, again for every constraint. Each miss cost
 * a {@link ClassNotFoundException} with its stack trace and, in the packaged jar, a re-read of the
 * application jar's directory: 60% of the time the packaged rules took to go live, and a pause for any
 * request that evaluated a constraint for the first time. Now a name that cannot be a class (its last
 * part is not capitalised), or was missed once, is answered at once. Classes never appear later in this
 * loader: the classes Drools generates live in its own loaders below.
 */
final class FactsClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    FactsClassLoader(ClassLoader parent) {
        super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!isClassName(name) || missing.contains(name)) {
            throw new Missing(name);
        }
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException e) {
            missing.add(name);
            throw e;
        }
    }

    /**
     * Whether the name's last part could name a class: MVEL mostly asks for fields and properties
     * ({@code io.wechatadvisor.recommendation.domain.entityType}, {@code ...domain$entityType}), and
     * every class the rules use is capitalised, as Java's classes are.
     */
    static boolean isClassName(String name) {
        int start = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1;
        return start >= name.length() || !Character.isLowerCase(name.charAt(start));
    }

    /** A class known to be missing; no stack trace, as nobody reads it. */
    private static final class Missing extends ClassNotFoundException {

        private static final long serialVersionUID = 1L;

        Missing(String name) {
            super(name);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
