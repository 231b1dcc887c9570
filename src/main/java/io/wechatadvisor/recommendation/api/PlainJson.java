package io.wechatadvisor.recommendation.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A cursor over a JSON body's bytes that reads only the plainest JSON: strings of ASCII without escapes,
 * {@code true} and {@code false}, the punctuation between them. Anything else is "not here" (null or false), never
 * an error of its own: the caller then leaves the body to a full JSON reader.
 */
final class PlainJson {

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    /** Values by their JSON names, found by the names' bytes (no string made to look one up). */
    static final class Names {

        private final byte[][] names;
        private final Object[] values;

        Names(List<String> names, List<?> values) {
            this.names = names.stream().map(name -> name.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
            this.values = values.toArray();
        }

        /** The value named by {@code bytes[from, to)}, or null. */
        Object find(byte[] bytes, int from, int to) {
            for (int i = 0; i < names.length; i++) {
                if (Arrays.equals(names[i], 0, names[i].length, bytes, from, to)) {
                    return values[i];
                }
            }
            return null;
        }
    }

    private final byte[] bytes;
    private int at;
    private int from;
    private int to;

    PlainJson(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Past the white space and {@code c}, if {@code c} is next. */
    boolean skipTo(char c) {
        skipSpace();
        if (at < bytes.length && bytes[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    boolean atEnd() {
        skipSpace();
        return at == bytes.length;
    }

    /** The next string, or null if the next value is not a plain string. */
    String text() {
        return string() ? new String(bytes, from, to - from, StandardCharsets.ISO_8859_1) : null;
    }

    /** The value the next string names, or null if it names none or the next value is not a plain string. */
    Object find(Names names) {
        return string() ? names.find(bytes, from, to) : null;
    }

    /** Past the next string, its characters at [from, to): false if the next value is not a plain string. */
    private boolean string() {
        if (!skipTo('"')) {
            return false;
        }
        for (int end = at; end < bytes.length; end++) {
            byte b = bytes[end];
            if (b == '"') {
                from = at;
                to = end;
                at = end + 1;
                return true;
            }
            if (b < 0x20 || b == '\\') { // a control character, a byte of a multi-byte character, an escape
                return false;
            }
        }
        return false;
    }

    /** The next value as a flag, or null if it is not {@code true} or {@code false}. */
    Boolean flag() {
        skipSpace();
        if (followedBy(TRUE)) {
            return Boolean.TRUE;
        }
        return followedBy(FALSE) ? Boolean.FALSE : null;
    }

    private boolean followedBy(byte[] literal) {
        if (!Arrays.equals(bytes, at, Math.min(at + literal.length, bytes.length), literal, 0, literal.length)) {
            return false;
        }
        at += literal.length;
        return true;
    }

    private void skipSpace() {
        while (at < bytes.length && (bytes[at] == ' ' || bytes[at] == '\n' || bytes[at] == '\r'
                || bytes[at] == '\t')) {
            at++;
        }
    }
}
