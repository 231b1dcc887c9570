package io.wechatadvisor.recommendation.ruleset;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.wechatadvisor.recommendation.domain.Evidence;
import io.wechatadvisor.recommendation.domain.SourceDocument;

/**
 * The source documents of one rule set, {@code sources/<KEY>.txt}: a header of {@code Name: value}
 * lines (Key, Title, Publisher, Origin, Language, Retrieved, Licence, Note), a blank line, then the
 * document verbatim. A rule's {@code @quote} is looked up in its source's text, comparing after
 * collapsing whitespace and treating every quote mark alike; what it finds is the source's own
 * excerpt, which is what answers carry.
 */
public final class Sources {

    static final String FOLDER = "sources";
    static final int MAX_QUOTE = 300;

    private final SortedMap<String, SourceDocument> documents;
    private final Map<String, Normalised> texts = new HashMap<>();

    private Sources(SortedMap<String, SourceDocument> documents) {
        this.documents = Collections.unmodifiableSortedMap(documents);
        documents.forEach((key, document) -> texts.put(key, Normalised.of(document.text())));
    }

    /** Reads and checks every source document of a rule directory. */
    static Sources load(RuleFiles files) throws RuleLoadException {
        SortedMap<String, SourceDocument> documents = new TreeMap<>();
        for (Map.Entry<String, byte[]> entry : files.in(FOLDER, ".txt").entrySet()) {
            String path = entry.getKey();
            String key = path.substring(FOLDER.length() + 1, path.length() - ".txt".length());
            documents.put(key, parse(path, key, new String(entry.getValue(), StandardCharsets.UTF_8)));
        }
        return new Sources(documents);
    }

    private static SourceDocument parse(String path, String key, String content) throws RuleLoadException {
        String normalised = content.replace("\r\n", "\n");
        int end = normalised.indexOf("\n\n");
        if (end < 0) {
            throw new RuleLoadException(path, 0, "a source needs a header, a blank line, then its text");
        }
        Map<String, String> header = new HashMap<>();
        String[] lines = normalised.substring(0, end).split("\n");
        for (int i = 0; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new RuleLoadException(path, i + 1, "a header line reads \"Name: value\"");
            }
            header.put(lines[i].substring(0, colon).strip().toLowerCase(), lines[i].substring(colon + 1).strip());
        }
        for (String required : new String[] {"key", "title", "origin", "language", "retrieved", "licence"}) {
            if (header.getOrDefault(required, "").isEmpty()) {
                throw new RuleLoadException(path, 0, "the header needs " + Character.toUpperCase(required.charAt(0))
                        + required.substring(1) + ":");
            }
        }
        if (!key.equals(header.get("key"))) {
            throw new RuleLoadException(path, 1, "Key: must be the file's name, " + key);
        }
        try {
            LocalDate.parse(header.get("retrieved"));
        } catch (DateTimeParseException e) {
            throw new RuleLoadException(path, 0, "Retrieved: must be a date, YYYY-MM-DD");
        }
        String text = normalised.substring(end + 2);
        if (text.isBlank()) {
            throw new RuleLoadException(path, 0, "the source has no text below its header");
        }
        return new SourceDocument(key, header.get("title"), header.get("publisher"), header.get("origin"),
                header.get("language"), header.get("retrieved"), header.get("licence"), header.get("note"), text);
    }

    /** Every document, by key. */
    public SortedMap<String, SourceDocument> documents() {
        return documents;
    }

    boolean contains(String key) {
        return documents.containsKey(key);
    }

    /**
     * The source's own excerpt that {@code quote} stands for, or {@code null} when the source's text
     * does not hold it.
     */
    Evidence find(String key, String quote) {
        Normalised text = texts.get(key);
        Normalised wanted = Normalised.of(quote);
        if (text == null || wanted.text.isEmpty()) {
            return null;
        }
        int at = text.text.indexOf(wanted.text);
        if (at < 0) {
            return null;
        }
        int from = text.offsets[at];
        int to = text.offsets[at + wanted.text.length() - 1] + 1;
        return new Evidence(key, documents.get(key).text().substring(from, to));
    }

    /** How long a quote is once whitespace runs count as one character. */
    static int length(String quote) {
        return Normalised.of(quote).text.length();
    }

    /**
     * A text with every run of whitespace made one space, every quote mark made {@code '}, trimmed;
     * {@code offsets[i]} is where character {@code i} stands in the original.
     */
    private record Normalised(String text, int[] offsets) {

        static Normalised of(String original) {
            StringBuilder text = new StringBuilder(original.length());
            int[] offsets = new int[original.length()];
            boolean space = false;
            for (int i = 0; i < original.length(); i++) {
                char c = original.charAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    space = text.length() > 0;
                    continue;
                }
                if (space) {
                    offsets[text.length()] = i - 1;
                    text.append(' ');
                    space = false;
                }
                offsets[text.length()] = i;
                text.append(isQuoteMark(c) ? '\'' : c);
            }
            return new Normalised(text.toString(), offsets);
        }

        private static boolean isQuoteMark(char c) {
            return c == '"' || c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201C' || c == '\u201D';
        }
    }
}
