package io.wechatadvisor.recommendation.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Reads one profile body. A plain profile (known fields once each, choices by name, flags as true or false, goals
 * as a short array of names, texts as ASCII strings without escapes, no context or consent) is read straight off its
 * bytes; anything else (a null, a wrong type, an unknown field or value, a repeat, too many goals, an escape or a
 * non-ASCII character, an object, trailing content, broken JSON) is read again by Jackson's data binding, exactly as
 * Quarkus' own JSON reader does, so every refusal and its problem detail stay what data binding says. The straight
 * path skips the parser, data binding's per-request reader and its creator buffer: the body is read once per
 * answer, on an event loop.
 */
@Provider
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileRequestReader implements ServerMessageBodyReader<ProfileRequest> {

    /** How a component's JSON value is read on the straight path. */
    private enum Kind { CHOICE, FLAG, CHOICES, TEXT, OBJECT }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    /** A component of {@link ProfileRequest}: where its value goes, and how it is read. */
    private record Field(int index, Kind kind, Names choices) {
    }

    /** Values by their JSON names, found by the names' bytes (no string made to look one up). */
    private static final class Names {

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

    private final ObjectReader dataBinding;
    private final Names fields;
    private final int fieldCount;
    private final Constructor<ProfileRequest> constructor;

    public ProfileRequestReader(ObjectMapper mapper) {
        this.dataBinding = mapper.readerFor(ProfileRequest.class);
        RecordComponent[] components = ProfileRequest.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        List<String> names = new ArrayList<>();
        List<Field> byIndex = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            names.add(component.getName());
            byIndex.add(field(i, component));
        }
        this.fields = new Names(names, byIndex);
        this.fieldCount = components.length;
        try {
            this.constructor = ProfileRequest.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ProfileRequest has no canonical constructor", e);
        }
    }

    private static Field field(int index, RecordComponent component) {
        Class<?> type = component.getType();
        if (type == Boolean.class) {
            return new Field(index, Kind.FLAG, null);
        }
        if (type == String.class) {
            return new Field(index, Kind.TEXT, null);
        }
        if (type.isEnum()) {
            return new Field(index, Kind.CHOICE, byName(type));
        }
        if (type == List.class && component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isEnum()) {
            return new Field(index, Kind.CHOICES, byName(element));
        }
        return new Field(index, Kind.OBJECT, null);
    }

    private static Names byName(Class<?> enumType) {
        List<Object> constants = List.of(enumType.getEnumConstants());
        return new Names(constants.stream().map(constant -> ((Enum<?>) constant).name()).toList(), constants);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo lazyMethod,
            MediaType mediaType) {
        return type == ProfileRequest.class;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == ProfileRequest.class;
    }

    @Override
    public ProfileRequest readFrom(Class<ProfileRequest> type, Type genericType, MediaType mediaType,
            ServerRequestContext context) throws IOException {
        return read(context.getInputStream().readAllBytes());
    }

    @Override
    public ProfileRequest readFrom(Class<ProfileRequest> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, String> httpHeaders, InputStream entityStream)
            throws IOException {
        return read(entityStream.readAllBytes());
    }

    /** The profile in {@code body}, or null for an empty body (as Quarkus' JSON reader answers). */
    ProfileRequest read(byte[] body) throws IOException {
        ProfileRequest plain = plain(body);
        return plain != null ? plain : bound(body);
    }

    /** The body read by data binding, its failures passed on as Quarkus' own JSON reader passes them. */
    private ProfileRequest bound(byte[] body) throws IOException {
        if (body.length == 0) {
            return null;
        }
        try {
            return dataBinding.readValue(body);
        } catch (MismatchedInputException | InvalidDefinitionException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("No content")) {
                return null;
            }
            throw e;
        } catch (StreamReadException | DatabindException e) {
            throw new WebApplicationException(e, Response.Status.BAD_REQUEST);
        }
    }

    /** The profile, if {@code body} is a plain one; otherwise null, and data binding decides. */
    ProfileRequest plain(byte[] body) {
        Object[] values = new Object[fieldCount];
        boolean[] seen = new boolean[values.length];
        Scanner scanner = new Scanner(body);
        if (!scanner.skipTo('{')) {
            return null;
        }
        if (!scanner.skipTo('}')) {
            do {
                Field field = (Field) scanner.find(fields);
                if (field == null || seen[field.index()] || !scanner.skipTo(':')) {
                    return null;
                }
                seen[field.index()] = true;
                Object value = value(field, scanner);
                if (value == null) {
                    return null;
                }
                values[field.index()] = value;
            } while (scanner.skipTo(','));
            if (!scanner.skipTo('}')) {
                return null;
            }
        }
        if (!scanner.atEnd()) {
            return null;
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    /** The next value, or null where data binding must decide (including a JSON null and any object). */
    private static Object value(Field field, Scanner scanner) {
        return switch (field.kind()) {
            case FLAG -> scanner.flag();
            case TEXT -> scanner.text();
            case CHOICE -> scanner.find(field.choices());
            case CHOICES -> choices(field, scanner);
            case OBJECT -> null;
        };
    }

    private static List<Object> choices(Field field, Scanner scanner) {
        if (!scanner.skipTo('[')) {
            return null;
        }
        List<Object> choices = new ArrayList<>();
        if (scanner.skipTo(']')) {
            return choices;
        }
        do {
            Object choice = scanner.find(field.choices());
            if (choice == null || choices.size() == ProfileRequest.MAX_GOALS) {
                return null;
            }
            choices.add(choice);
        } while (scanner.skipTo(','));
        return scanner.skipTo(']') ? choices : null;
    }

    /**
     * A cursor over the body's bytes that reads only the plainest JSON: strings of ASCII without escapes,
     * {@code true} and {@code false}. Anything else is "not here" (null or false), never an error of its own.
     */
    private static final class Scanner {

        private final byte[] bytes;
        private int at;
        private int from;
        private int to;

        Scanner(byte[] bytes) {
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
}
