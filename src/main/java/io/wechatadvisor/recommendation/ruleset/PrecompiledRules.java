package io.wechatadvisor.recommendation.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.jboss.logging.Logger;
import org.kie.api.definition.KiePackage;

/**
 * The packaged rules, compiled at build time, so the service skips the DRL compiler at start.
 *
 * <p>The build runs {@link #main(String[])} over the copy of {@code rules/} in {@code target/classes}
 * and writes {@value #RESOURCE} beside it: a header with the rules' content hash, then the serialised
 * knowledge packages. At start the file is used only if its hash is that of the packaged rules and it
 * reads back; otherwise the rules are compiled as usual. A rules directory ({@code advisor.rules.dir})
 * is always compiled.
 *
 * <p>Drools internals ({@code DroolsObjectOutputStream}, Java serialisation of the packages) because
 * the public API offers no faster start: reading these packages back took 4.1–5.9 s against 33.6 s
 * for compiling the DRL, in the same cold JVM on the same busy machine (docs/performance.md).
 */
public final class PrecompiledRules {

    static final String RESOURCE = "precompiled-rules.bin";
    private static final String FORMAT = "wechat-advisor precompiled rules 1";
    private static final Logger LOG = Logger.getLogger(PrecompiledRules.class);

    private PrecompiledRules() {
    }

    /** Build step: {@code PrecompiledRules <rules directory> <output file>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PrecompiledRules <rules directory> <output file>");
        }
        RuleFiles files = RuleFiles.fromDirectory(Path.of(args[0]));
        Collection<KiePackage> packages;
        try {
            packages = RuleSetCompiler.compilePackages(files);
            RuleSetCompiler.build(files, packages);
        } catch (RuleLoadException e) {
            throw new IllegalStateException(e.file() + ":" + e.line() + ": " + e.getMessage(), e);
        }
        try (OutputStream file = Files.newOutputStream(Path.of(args[1]));
                ObjectOutputStream out = new DroolsObjectOutputStream(file)) {
            write(out, files.version(), packages);
        }
    }

    static void write(ObjectOutputStream out, String version, Collection<KiePackage> packages) throws IOException {
        out.writeUTF(FORMAT);
        out.writeUTF(version);
        out.writeObject(new ArrayList<>(packages));
    }

    /** The packaged rule set from its precompiled form, if that matches {@code bundled} and reads back. */
    static Optional<RuleSet> load(RuleFiles bundled) {
        try (InputStream resource = RuleSetCompiler.CLASS_LOADER.getResourceAsStream(RESOURCE)) {
            if (resource == null) {
                return Optional.empty();
            }
            return read(resource, bundled);
        } catch (IOException | ClassNotFoundException | ClassCastException | RuleLoadException e) {
            LOG.warnf("The precompiled rules cannot be used (%s); compiling them instead", e.getMessage());
            return Optional.empty();
        }
    }

    static Optional<RuleSet> read(InputStream in, RuleFiles expected)
            throws IOException, ClassNotFoundException, RuleLoadException {
        try (ObjectInputStream objects = new DroolsObjectInputStream(in, RuleSetCompiler.CLASS_LOADER)) {
            if (!FORMAT.equals(objects.readUTF()) || !expected.version().equals(objects.readUTF())) {
                LOG.info("The precompiled rules are not those packaged; compiling them instead");
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Collection<KiePackage> packages = (Collection<KiePackage>) objects.readObject();
            return Optional.of(RuleSetCompiler.build(expected, packages));
        }
    }
}
