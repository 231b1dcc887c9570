package io.wechatadvisor.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The query parameters the endpoints share, read in one way: absent (null or blank) means the
 * default; otherwise the value is read or the request is answered 400 naming the parameter
 * ({@link #invalid}).
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The 400 problem for a query parameter: "Invalid parameter: limit.", and what it must be. */
    public static ProblemException invalid(String field, String message) {
        return InputProblems.invalid("parameter", field, message);
    }

    /** A page size: {@code defaultLimit} when absent, else a whole number from 1 to {@code max}. */
    public static int limit(String value, int defaultLimit, int max) {
        if (value == null || value.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit", "must be a whole number from 1 to " + max);
    }

    /** A {@code from} or {@code to}: a UTC date (its start) or a UTC time; null when absent. */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be a date (2027-01-31) or a UTC time (2027-01-31T08:00:00Z)");
        }
    }

    /** One of the names of {@code type}; null when absent. */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(field, InputProblems.notAllowed(value, type));
        }
    }
}
