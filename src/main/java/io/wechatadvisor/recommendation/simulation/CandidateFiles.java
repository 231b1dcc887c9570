package io.wechatadvisor.recommendation.simulation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.wechatadvisor.problem.InputProblems;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.recommendation.ruleset.RuleFiles;

/**
 * A candidate rule set's files, from a request: named files laid over the live ones, or a whole rules
 * folder as a zip. Bounded before anything is compiled: a name is a relative path of plain segments
 * (no {@code ..}, no leading '/', no hidden segment, no backslash), every file at most
 * {@code advisor.rules.max-file-size}, a zip at most {@code advisor.simulation.max-zip-entries}
 * entries and {@code advisor.simulation.max-zip-size} unpacked.
 */
public final class CandidateFiles {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*){0,3}");

    /** The limits a candidate is held to. */
    public record Limits(long maxFileSize, int maxEntries, long maxTotalSize) {
    }

    private CandidateFiles() {
    }

    /**
     * The live files with {@code overlay} laid over them: a file named there replaces the live one or
     * is added; a name mapped to {@code null} removes the live file.
     */
    public static RuleFiles overlay(RuleFiles live, Map<String, String> overlay, Limits limits) {
        if (overlay == null || overlay.isEmpty()) {
            throw invalid("files", "name at least one rule file, e.g. {\"weights.drl\": \"...\"}");
        }
        if (overlay.size() > limits.maxEntries()) {
            throw invalid("files", "at most " + limits.maxEntries() + " files");
        }
        SortedMap<String, byte[]> files = new TreeMap<>(live.files());
        overlay.forEach((name, content) -> {
            checkName("files", name);
            if (content == null) {
                files.remove(name);
                return;
            }
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            checkSize("files", name, bytes.length, limits);
            files.put(name, bytes);
        });
        return new RuleFiles("candidate", files);
    }

    /**
     * The files of a zipped rules folder, which replace the live set. Folder entries are skipped; when
     * every entry sits in one top folder (a zip of {@code rules/} itself), that folder is taken off.
     */
    public static RuleFiles unzip(byte[] zip, Limits limits) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > limits.maxEntries()) {
                    throw invalid("zip", "at most " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                if (name.startsWith("/") || name.contains("\\") || List.of(name.split("/")).contains("..")) {
                    throw invalid("zip", "\"" + name + "\" leads outside the rules folder");
                }
                if (entry.isDirectory() || isHidden(name)) {
                    continue;
                }
                checkName("zip", name);
                byte[] content = in.readNBytes((int) Math.min(limits.maxFileSize() + 1, Integer.MAX_VALUE - 9));
                checkSize("zip", name, content.length, limits);
                total += content.length;
                if (total > limits.maxTotalSize()) {
                    throw invalid("zip", "the files unpack to more than " + limits.maxTotalSize() + " bytes");
                }
                if (files.put(name, content) != null) {
                    throw invalid("zip", name + " appears twice");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("zip", "the body is not a readable zip archive");
        }
        if (files.isEmpty()) {
            throw invalid("zip", "the archive holds no files");
        }
        return new RuleFiles("candidate", withoutTopFolder(files));
    }

    private static SortedMap<String, byte[]> withoutTopFolder(SortedMap<String, byte[]> files) {
        String first = files.firstKey();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return files;
        }
        String top = first.substring(0, slash + 1);
        if (!files.keySet().stream().allMatch(name -> name.startsWith(top))) {
            return files;
        }
        SortedMap<String, byte[]> inner = new TreeMap<>();
        files.forEach((name, content) -> inner.put(name.substring(top.length()), content));
        return inner;
    }

    private static boolean isHidden(String name) {
        return name.startsWith(".") || name.contains("/.") || name.startsWith("__MACOSX/");
    }

    private static void checkName(String field, String name) {
        if (name == null || name.length() > 200 || !NAME.matcher(name).matches()) {
            throw invalid(field, "\"" + (name == null ? "" : name.length() > 200 ? name.substring(0, 200) + "…" : name)
                    + "\" is not a file name within the rules folder (relative, letters, digits, '.', '_', '-', '/')");
        }
    }

    private static void checkSize(String field, String name, long size, Limits limits) {
        if (size > limits.maxFileSize()) {
            throw invalid(field, name + " is larger than " + limits.maxFileSize()
                    + " bytes, the limit (advisor.rules.max-file-size)");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return InputProblems.invalid("candidate", field, message);
    }
}
