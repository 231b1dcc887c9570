package io.wechatadvisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** What a newcomer reads about the project matches the project, and speaks of it, not of its tracker. */
class ProjectLayoutTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path ARCHITECTURE = Path.of("docs", "architecture.md");
    private static final Pattern MAPPED_PACKAGE = Pattern.compile("^\\| `(io\\.wechatadvisor[a-z.]*)` \\|",
            Pattern.MULTILINE);
    private static final Pattern TRACKER_MARKER = Pattern.compile("\\((?:see )?issue #?\\d+\\)|\\bissue #\\d+",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".mvn");

    @Test
    void thePackageMapListsExactlyThePackagesOfTheCode() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .forEach(file -> packages.add(MAIN.relativize(file.getParent()).toString().replace('/', '.')));
        }
        Set<String> mapped = new TreeSet<>();
        Matcher rows = MAPPED_PACKAGE.matcher(Files.readString(ARCHITECTURE));
        while (rows.find()) {
            mapped.add(rows.group(1));
        }
        assertThat(mapped).as("the package map of " + ARCHITECTURE).isEqualTo(packages);
    }

    @Test
    void noFileCarriesATrackerMarker() throws IOException {
        List<String> marked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("."))) {
            for (Path file : files.filter(this::isProjectText).toList()) {
                String text;
                try {
                    text = Files.readString(file);
                } catch (MalformedInputException binary) {
                    continue;
                }
                Matcher marker = TRACKER_MARKER.matcher(text);
                while (marker.find()) {
                    marked.add(file + ": " + marker.group());
                }
            }
        }
        assertThat(marked).isEmpty();
    }

    private boolean isProjectText(Path file) {
        for (Path part : file.normalize()) {
            if (SKIPPED.contains(part.toString())) {
                return false;
            }
        }
        return Files.isRegularFile(file) && !file.toString().endsWith(".png");
    }
}
