package io.wechatadvisor.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.wechatadvisor.problem.Problem.FieldError;

class QueryParametersTest {

    enum Colour {
        RED, GREEN
    }

    @Test
    void anAbsentParameterIsTheDefault() {
        assertThat(QueryParameters.limit(null, 50, 500)).isEqualTo(50);
        assertThat(QueryParameters.limit(" ", 50, 500)).isEqualTo(50);
        assertThat(QueryParameters.instant("from", "")).isNull();
        assertThat(QueryParameters.oneOf("colour", null, Colour.class)).isNull();
    }

    @Test
    void aValueIsRead() {
        assertThat(QueryParameters.limit("1", 50, 500)).isEqualTo(1);
        assertThat(QueryParameters.limit(" 500 ", 50, 500)).isEqualTo(500);
        assertThat(QueryParameters.instant("from", "2027-01-31")).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
        assertThat(QueryParameters.instant("to", "2027-01-31T08:00:00Z")).isEqualTo(Instant.parse("2027-01-31T08:00:00Z"));
        assertThat(QueryParameters.oneOf("colour", " GREEN", Colour.class)).isEqualTo(Colour.GREEN);
    }

    @Test
    void aWrongValueIs400NamingTheParameterAndWhatItMustBe() {
        assertInvalid(() -> QueryParameters.limit("501", 50, 500), "limit", "must be a whole number from 1 to 500");
        assertInvalid(() -> QueryParameters.limit("0", 50, 500), "limit", "must be a whole number from 1 to 500");
        assertInvalid(() -> QueryParameters.limit("ten", 50, 500), "limit", "must be a whole number from 1 to 500");
        assertInvalid(() -> QueryParameters.instant("from", "yesterday"), "from",
                "must be a date (2027-01-31) or a UTC time (2027-01-31T08:00:00Z)");
        assertInvalid(() -> QueryParameters.oneOf("colour", "BLUE", Colour.class), "colour",
                "\"BLUE\" is not allowed; use one of: RED, GREEN");
        assertInvalid(() -> {
            throw QueryParameters.invalid("to", "must be after from");
        }, "to", "must be after from");
    }

    private static void assertInvalid(Runnable read, String field, String message) {
        Throwable thrown = catchThrowable(read::run);
        assertThat(thrown).as("refused").isInstanceOf(ProblemException.class);
        ProblemException refused = (ProblemException) thrown;
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().type()).endsWith("/invalid-request");
        assertThat(refused.problem().detail()).isEqualTo("Invalid parameter: " + field + ".");
        assertThat(refused.problem().errors()).containsExactly(new FieldError(field, message));
        assertThat(refused.retryAfterSeconds()).isZero();
    }
}
