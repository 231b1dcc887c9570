package io.wechatadvisor.recommendation.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

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
 * as a short array of names, texts as ASCII strings without escapes, the embed page's context and a consent the
 * same way: {@link PlainRecord}) is read straight off its bytes; anything else (a null, a wrong type, an unknown
 * field or value, a repeat, too many goals, an escape or a non-ASCII character, trailing content, broken JSON) is
 * read again by Jackson's data binding, exactly as Quarkus' own JSON reader does, so every refusal and its problem
 * detail stay what data binding says. The straight path skips the parser, data binding's per-request reader and its
 * creator buffer: the body is read once per answer, on an event loop.
 */
@Provider
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileRequestReader implements ServerMessageBodyReader<ProfileRequest> {

    private final ObjectReader dataBinding;
    private final PlainRecord plainProfile = new PlainRecord(ProfileRequest.class, ProfileRequest.MAX_GOALS);

    public ProfileRequestReader(ObjectMapper mapper) {
        this.dataBinding = mapper.readerFor(ProfileRequest.class);
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
        PlainJson json = new PlainJson(body);
        Object profile = plainProfile.read(json);
        return profile != null && json.atEnd() ? (ProfileRequest) profile : null;
    }
}
