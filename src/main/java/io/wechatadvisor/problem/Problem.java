package io.wechatadvisor.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An error answer, RFC 9457 {@code application/problem+json}: the one error body of the service.
 * Never carries a stack trace, class name or file path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details.")
public record Problem(
        @Schema(description = "A URI naming the kind of problem.") String type,
        @Schema(description = "A short summary of the kind of problem.") String title,
        @Schema(description = "The HTTP status.") int status,
        @Schema(description = "What went wrong with this request.") String detail,
        @Schema(description = "For server errors: an id to quote to support; it is in the service log.") String instance,
        @Schema(description = "For invalid input: each offending field and what it must be.") List<FieldError> errors,
        @Schema(description = "For refused rules: the file, line, message and time of the failure.") Object failure) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: its JSON path ({@code entityType}, {@code goals[1]}) and what it must be. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }
}
