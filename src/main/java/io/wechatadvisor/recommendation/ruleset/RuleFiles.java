package io.wechatadvisor.recommendation.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The content of one rule directory, read at once so that a rule set is compiled from exactly the
 * files it was hashed from. Paths are relative, with '/' separators. Hidden entries (names starting
 * with '.') are skipped, which also skips the {@code ..data} links of a Kubernetes ConfigMap mount,
 * and nothing outside the directory is read, even through a symbolic link.
 *
 * <p>A ConfigMap key cannot hold '/', so in a file name {@code __} stands for it:
 * {@code i18n__messages_en.properties} is read as {@code i18n/messages_en.properties}.
 */
public final class RuleFiles {

    /** The copy of {@code rules/} packaged on the class path; this file marks where it is. */
    static final String BUNDLED_MARKER = "rules/weights.drl";
    static final String FLAT_SEPARATOR = "__";

    private final String origin;
    private final SortedMap<String, byte[]> files;
    private final String version;
    /** Computed when first asked (never, for the packaged rules at start): hashing every file costs. */
    private volatile String fingerprint;

    /**
     * @param origin where the files came from, for the log
     * @param files  relative path to content
     */
    public RuleFiles(String origin, SortedMap<String, byte[]> files) {
        this.origin = origin;
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        SortedMap<String, byte[]> shaping = new TreeMap<>(drl());
        shaping.putAll(messages());
        this.version = hash(shaping);
    }

    public String origin() {
        return origin;
    }

    public SortedMap<String, byte[]> files() {
        return files;
    }

    /** Reads every file below {@code dir}, whatever its size: for the packaged rules and tests. */
    public static RuleFiles fromDirectory(Path dir) {
        try {
            return read(dir, list(dir), Long.MAX_VALUE);
        } catch (RuleLoadException e) {
            throw new UncheckedIOException(new IOException(e.getMessage()));
        }
    }

    /**
     * What one file of a rules directory looked like when listed: its size, modification time and
     * identity (inode), which change whenever its content is replaced.
     */
    record Stamp(long size, long modified, Object key) {
    }

    /**
     * The files below {@code dir} (relative name to stamp), without reading them.
     *
     * @throws RuleLoadException when the directory cannot be read
     */
    static SortedMap<String, Stamp> list(Path dir) throws RuleLoadException {
        try {
            Path root = dir.toRealPath();
            SortedMap<String, Stamp> listing = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path path : (Iterable<Path>) walk::iterator) {
                    Path relative = root.relativize(path);
                    if (path.equals(root) || isHidden(relative) || !Files.isRegularFile(path)) {
                        continue;
                    }
                    if (!path.toRealPath().startsWith(root)) {
                        continue; // a link that leads outside the rules directory
                    }
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    listing.put(relative.toString().replace('\\', '/'), new Stamp(attributes.size(),
                            attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.fileKey()));
                }
            }
            return listing;
        } catch (IOException | UncheckedIOException e) {
            throw new RuleLoadException("", 0, "the rules directory cannot be read");
        }
    }

    /**
     * Reads the files of a listing. A file over {@code maxFileSize} is refused before it is read (and
     * if it grew past the limit since it was listed, as soon as it is).
     */
    static RuleFiles read(Path dir, SortedMap<String, Stamp> listing, long maxFileSize) throws RuleLoadException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, Stamp> entry : listing.entrySet()) {
            String name = entry.getKey();
            if (entry.getValue().size() > maxFileSize) {
                throw tooLarge(name, maxFileSize);
            }
            byte[] content;
            try (InputStream in = Files.newInputStream(dir.resolve(name))) {
                content = in.readNBytes((int) Math.min(maxFileSize, Integer.MAX_VALUE - 9) + 1);
            } catch (IOException e) {
                throw new RuleLoadException(name, 0, "the file cannot be read");
            }
            if (content.length > maxFileSize) {
                throw tooLarge(name, maxFileSize);
            }
            files.put(name.replace(FLAT_SEPARATOR, "/"), content);
        }
        return new RuleFiles(dir.toString(), files);
    }

    private static RuleLoadException tooLarge(String name, long maxFileSize) {
        return new RuleLoadException(name, 0, "the file is larger than " + maxFileSize
                + " bytes, the limit (advisor.rules.max-file-size); it was not read");
    }

    /** Reads the copy of {@code rules/} packaged with the application. */
    public static RuleFiles bundled() {
        URL marker = RuleFiles.class.getClassLoader().getResource(BUNDLED_MARKER);
        if (marker == null) {
            throw new IllegalStateException("no packaged rules: " + BUNDLED_MARKER + " is not on the class path");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                String jar = uri.toString().substring(0, uri.toString().indexOf("!/"));
                try (FileSystem fs = FileSystems.newFileSystem(URI.create(jar), Map.of())) {
                    return new RuleFiles("packaged rules", fromDirectory(fs.getPath("/rules")).files());
                }
            }
            return new RuleFiles("packaged rules", fromDirectory(Path.of(uri).getParent()).files());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged rules", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the packaged rules", e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Files whose path ends with {@code suffix}, within {@code folder} ("" for the top level only). */
    public SortedMap<String, byte[]> in(String folder, String suffix) {
        SortedMap<String, byte[]> selected = new TreeMap<>();
        files.forEach((path, content) -> {
            int slash = path.lastIndexOf('/');
            String parent = slash < 0 ? "" : path.substring(0, slash);
            if (parent.equals(folder) && path.endsWith(suffix)) {
                selected.put(path, content);
            }
        });
        return selected;
    }

    /** The rule files: DRL at the top level. */
    public SortedMap<String, byte[]> drl() {
        return in("", ".drl");
    }

    /** The message bundles, {@code i18n/messages_<lang>.properties}. */
    public SortedMap<String, byte[]> messages() {
        return in("i18n", ".properties");
    }

    /** The rule scenarios, {@code scenarios/*.json}. */
    public SortedMap<String, byte[]> scenarios() {
        return in("scenarios", ".json");
    }

    /**
     * The content hash of everything that shapes an answer (rules, weights and texts), so that two
     * services with the same {@code rulesVersion} answer alike. Scenarios and notes do not count.
     */
    public String version() {
        return version;
    }

    /** The hash of every file, scenarios and notes included: tells whether anything changed. */
    public String fingerprint() {
        String hash = fingerprint;
        if (hash == null) {
            hash = hash(files);
            fingerprint = hash;
        }
        return hash;
    }

    private static String hash(SortedMap<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((path, content) -> {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content);
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
