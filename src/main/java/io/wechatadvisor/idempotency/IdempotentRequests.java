package io.wechatadvisor.idempotency;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.scheduler.Scheduled;
import io.wechatadvisor.problem.InputProblems;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.tenants.config.TenancyConfig;
import io.wechatadvisor.tenants.domain.ApiKeys;

/**
 * {@code Idempotency-Key} on the answering POSTs: the first request with a key (per tenant) is
 * answered and its answer kept for {@code advisor.tenancy.idempotency-window} (24 h); the same key
 * with the same JSON body answers that stored answer again (same decisionId, no new record, header
 * {@code Idempotent-Replayed: true}); with another body it is 422; while the first is still being
 * answered, 409. Runs on worker threads only (it waits for the database).
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;
    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);

    /** A fresh answer: its body, the id of its (first) decision record and its language. */
    public record Fresh(Object body, String decisionId, String contentLanguage) {
    }

    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final TenancyConfig config;

    public IdempotentRequests(IdempotencyStore store, ObjectMapper mapper, TenancyConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.config = config;
    }

    /** The key of a request, checked: null when the header is absent; 400 when it is empty or too long. */
    public static String key(String header) {
        if (header == null) {
            return null;
        }
        if (header.isBlank() || header.length() > MAX_KEY_LENGTH) {
            throw InputProblems.invalid("header", KEY_HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return header;
    }

    /** Answers {@code request} once per key and tenant; replays the stored answer after that. */
    public RestResponse<Object> answer(String tenant, String key, Object request, Supplier<Fresh> answer)
            throws SQLException {
        String bodyHash = hash(request);
        Instant now = Instant.now();
        IdempotencyStore.Stored stored = store.claim(tenant, key, bodyHash, now, now.minus(config.idempotencyWindow()));
        if (stored != null) {
            return replay(stored, bodyHash);
        }
        try {
            Fresh fresh = answer.get();
            String body = mapper.writeValueAsString(fresh.body());
            store.complete(tenant, key, fresh.decisionId(), fresh.contentLanguage(), body);
            return response(body, fresh.decisionId(), fresh.contentLanguage()).build();
        } catch (RuntimeException | JsonProcessingException | SQLException e) {
            try {
                store.release(tenant, key);
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("An answer cannot be written as JSON", e);
        }
    }

    @Scheduled(every = "1h", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            store.purge(Instant.now().minus(config.idempotencyWindow()));
        } catch (SQLException e) {
            LOG.warnf(e, "Purging old idempotency keys failed; the next run tries again");
        }
    }

    private RestResponse<Object> replay(IdempotencyStore.Stored stored, String bodyHash) {
        if (!stored.bodyHash().equals(bodyHash)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED.problem("This " + KEY_HEADER
                    + " was used in the last " + config.idempotencyWindow().toHours() + " h with another body. Use a "
                    + "new key for a new request."));
        }
        if (stored.response() == null) {
            throw new ProblemException(ProblemType.CONFLICT.problem("A request with this " + KEY_HEADER
                    + " is still being answered. Retry shortly."));
        }
        return response(stored.response(), stored.decisionId(), stored.contentLanguage())
                .header(REPLAYED_HEADER, "true").build();
    }

    private static RestResponse.ResponseBuilder<Object> response(String body, String decisionId, String language) {
        RestResponse.ResponseBuilder<Object> response = RestResponse.ResponseBuilder.ok((Object) body,
                MediaType.APPLICATION_JSON_TYPE);
        if (language != null) {
            response.header(HttpHeaders.CONTENT_LANGUAGE, language);
        }
        if (decisionId != null) {
            response.header("Decision-Id", decisionId);
        }
        return response;
    }

    private String hash(Object request) {
        try {
            return HexFormat.of().formatHex(ApiKeys.sha256(mapper.writeValueAsBytes(request)));
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST.problem("The body cannot be read."));
        }
    }
}
