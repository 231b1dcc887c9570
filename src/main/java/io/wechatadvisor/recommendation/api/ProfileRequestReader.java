package io.wechatadvisor.recommendation.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
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

import io.wechatadvisor.recommendation.api.PlainJson.Names;

/**
 * Reads one profile body. A plain profile (known fields once each, choices by name, flags as true or false, goals
 * as a short array of names, texts as ASCII strings without escapes; context and consent objects handed whole to
 * data binding) is read straight off its bytes; anything else (a null, a wrong type, an unknown field or value, a
 * repeat, too many goals, an escape or a non-ASCII character in a text, an object data binding refuses, trailing
 * content, broken JSON) is read again by Jackson's data binding, exactly as
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

    /** A component of {@link ProfileRequest}: where its value goes, and how it is read. */
    private record Field(int index, Kind kind, Names choices, ObjectReader object) {
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
            byIndex.add(field(i, component, mapper));
        }
        this.fields = new Names(names, byIndex);
        this.fieldCount = components.length;
        try {
            this.constructor = ProfileRequest.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ProfileRequest has no canonical constructor", e);
        }
    }

    private static Field field(int index, RecordComponent component, ObjectMapper mapper) {
        Class<?> type = component.getType();
        if (type == Boolean.class) {
            return new Field(index, Kind.FLAG, null, null);
        }
        if (type == String.class) {
            return new Field(index, Kind.TEXT, null, null);
        }
        if (type.isEnum()) {
            return new Field(index, Kind.CHOICE, byName(type), null);
        }
        if (type == List.class && component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isEnum()) {
            return new Field(index, Kind.CHOICES, byName(element), null);
        }
        return new Field(index, Kind.OBJECT, null, mapper.readerFor(type));
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
        PlainJson json = new PlainJson(body);
        if (!json.skipTo('{')) {
            return null;
        }
        if (!json.skipTo('}')) {
            do {
                Field field = (Field) json.find(fields);
                if (field == null || seen[field.index()] || !json.skipTo(':')) {
                    return null;
                }
                seen[field.index()] = true;
                Object value;
                try {
                    value = value(field, json);
                } catch (IOException e) {
                    return null; // an object data binding refuses: it refuses the body, and says why
                }
                if (value == null) {
                    return null;
                }
                values[field.index()] = value;
            } while (json.skipTo(','));
            if (!json.skipTo('}')) {
                return null;
            }
        }
        if (!json.atEnd()) {
            return null;
        }
        try {
            return constructor.newInstance(values);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    /** The next value, or null where data binding must decide (including a JSON null). */
    private static Object value(Field field, PlainJson json) throws IOException {
        return switch (field.kind()) {
            case FLAG -> json.flag();
            case TEXT -> json.text();
            case CHOICE -> json.find(field.choices());
            case CHOICES -> choices(field, json);
            case OBJECT -> json.object(field.object()::readValue);
        };
    }

    private static List<Object> choices(Field field, PlainJson json) {
        if (!json.skipTo('[')) {
            return null;
        }
        List<Object> choices = new ArrayList<>();
        if (json.skipTo(']')) {
            return choices;
        }
        do {
            Object choice = json.find(field.choices());
            if (choice == null || choices.size() == ProfileRequest.MAX_GOALS) {
                return null;
            }
            choices.add(choice);
        } while (json.skipTo(','));
        return json.skipTo(']') ? choices : null;
    }
}
