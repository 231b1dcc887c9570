package io.wechatadvisor.problem;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.wechatadvisor.problem.Problem.FieldError;

/**
 * Turns what is wrong with a JSON body (it does not parse, a field has the wrong type or an unknown
 * value, a constraint fails) into a 400 problem naming each field, and the allowed values where an
 * enum was wrong. Shared by single requests and by each item of a batch.
 */
public final class InputProblems {

    private static final int MAX_ECHO = 40;

    /** Record component name → type, for the "one of …" hint on a missing enum field. */
    private static final ClassValue<Map<String, Class<?>>> FIELD_TYPES = new ClassValue<>() {
        @Override
        protected Map<String, Class<?>> computeValue(Class<?> type) {
            Map<String, Class<?>> types = new HashMap<>();
            RecordComponent[] components = type.getRecordComponents();
            if (components != null) {
                for (RecordComponent component : components) {
                    types.put(component.getName(), component.getType());
                }
            }
            return types;
        }
    };

    private InputProblems() {
    }

    /** The problem for a request without a body. */
    public static Problem bodyRequired() {
        return ProblemType.INVALID_REQUEST.problem("A JSON body is required.");
    }

    /**
     * Ends a request with a 400 for one named input that is not what it must be: {@code kind} says
     * what it is (parameter, header, candidate), as in "Invalid parameter: limit.".
     */
    public static ProblemException invalid(String kind, String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST.problem("Invalid " + kind + ": " + field + ".",
                List.of(new FieldError(field, message))));
    }

    /** The problem for a body that Jackson could not read. */
    public static Problem of(JsonProcessingException e) {
        if (isEmptyInput(e)) {
            return bodyRequired();
        }
        if (e instanceof JsonEOFException) {
            return ProblemType.INVALID_REQUEST.problem("The body is not valid JSON: it ends too early"
                    + where(e.getLocation()) + ".");
        }
        if (e instanceof JsonParseException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate field")) {
            return ProblemType.INVALID_REQUEST.problem("The body repeats a field" + where(e.getLocation())
                    + ": each field may appear once.");
        }
        if (e instanceof JsonParseException) {
            return ProblemType.INVALID_REQUEST.problem("The body is not valid JSON" + where(e.getLocation()) + ".");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return invalid(new FieldError(path(unknown), "is not a known field; the fields are: " + known));
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return invalid(new FieldError(path(format), notAllowed(format.getValue(), format.getTargetType())));
        }
        if (e instanceof TooManyElementsException tooMany) {
            return invalid(new FieldError(path(tooMany), "must hold at most " + tooMany.max() + " elements"));
        }
        if (e instanceof InvalidNullException nul) {
            Class<?> type = nul.getTargetType();
            return invalid(new FieldError(path(nul),
                    "is required" + (type != null && type.isEnum() ? "; one of: " + allowed(type) : "")));
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            if (field.isEmpty()) {
                return ProblemType.INVALID_REQUEST.problem("The body must be a JSON object (a profile).");
            }
            return invalid(new FieldError(field, "must be " + expected(mismatch.getTargetType())));
        }
        if (e instanceof JsonMappingException mapping && !path(mapping).isEmpty()) {
            return invalid(new FieldError(path(mapping), "has a value that cannot be read"));
        }
        return ProblemType.INVALID_REQUEST.problem("The body cannot be read as a profile.");
    }

    /** The problem for failed Bean Validation constraints. */
    public static Problem of(Collection<? extends ConstraintViolation<?>> violations) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            String field = field(violation.getPropertyPath());
            if (field.isEmpty()) {
                return bodyRequired();
            }
            String message = violation.getMessage();
            Object bean = violation.getLeafBean();
            Class<?> type = bean == null ? null : FIELD_TYPES.get(bean.getClass()).get(field);
            if (type != null && type.isEnum() && violation.getInvalidValue() == null) {
                message = message + "; one of: " + allowed(type);
            }
            errors.add(new FieldError(field, message));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return invalid(errors.toArray(FieldError[]::new));
    }

    private static Problem invalid(FieldError... errors) {
        String fields = Arrays.stream(errors).map(FieldError::field).distinct().collect(Collectors.joining(", "));
        return ProblemType.INVALID_REQUEST.problem(
                "Invalid field" + (errors.length > 1 ? "s: " : ": ") + fields + ".", List.of(errors));
    }

    /** What is wrong with a value that is none of an enum's names: "\"FAX\" is not allowed; use one of: …". */
    static String notAllowed(Object value, Class<?> enumType) {
        return "\"" + echo(value) + "\" is not allowed; use one of: " + allowed(enumType);
    }

    private static boolean isEmptyInput(JsonProcessingException e) {
        return e instanceof MismatchedInputException && e.getMessage() != null
                && e.getMessage().startsWith("No content to map due to end-of-input");
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The JSON path of a mapping error: {@code entityType}, {@code goals[1]}, or "" for the root. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String field(Path propertyPath) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : propertyPath) {
            if (node.getKind() == ElementKind.PROPERTY) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            } else if (node.getKind() == ElementKind.CONTAINER_ELEMENT && node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String allowed(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of: " + allowed(type);
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }

    private static String echo(Object value) {
        String text = String.valueOf(value);
        return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "…" : text;
    }
}
