package io.wechatadvisor.decisions.store;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wechatadvisor.decisions.domain.Decision;
import io.wechatadvisor.recommendation.domain.Profile;

/**
 * A decision record as JSON, exactly as the {@link ObjectMapper} writes a {@link Decision}, but cheaper for
 * a profile answered before: the part that follows from the rules and the profile alone ({@code rulesVersion},
 * {@code profile}, {@code recommendations}, {@code excluded}, {@code plan}) is written once and kept, as the
 * advice memo keeps the advice; only the fields of the request itself (id, time, tenant, channel,
 * {@code externalId}, language, context, consent) are written each time. A kept part is used only for a
 * decision whose outcome equals the one it was written from, so any decision comes out as Jackson writes it.
 * At most {@code size} parts are kept; when full, all are forgotten at once. Thread-safe.
 */
final class RecordJson {

    /** What the kept part follows from. */
    private record Key(String rulesVersion, Profile profile) {
    }

    /** The outcome a part was written from, and the part: its fields, each after a comma. */
    private record Outcome(List<Decision.Ranked> recommendations, List<Decision.Excluded> excluded, Decision.Plan plan,
            String json) {

        boolean writes(Decision decision) {
            return recommendations.equals(decision.recommendations()) && excluded.equals(decision.excluded())
                    && plan.equals(decision.plan());
        }
    }

    private final ObjectMapper mapper;
    private final int size;
    private final ConcurrentHashMap<Key, Outcome> outcomes = new ConcurrentHashMap<>();

    RecordJson(ObjectMapper mapper, int size) {
        this.mapper = mapper;
        this.size = size;
    }

    /** The record of {@code decision} as JSON: the same text as {@code mapper.writeValueAsString(decision)}. */
    String write(Decision decision) throws IOException {
        if (decision.decisionId() == null || decision.recommendations() == null || decision.excluded() == null
                || decision.plan() == null) {
            return mapper.writeValueAsString(decision);
        }
        StringWriter text = new StringWriter(4096);
        try (JsonGenerator json = mapper.createGenerator(text)) {
            json.writeStartObject();
            field(json, "decisionId", decision.decisionId() == null ? null : decision.decisionId().toString());
            field(json, "tenant", decision.tenant());
            field(json, "channel", decision.channel() == null ? null : decision.channel().name());
            field(json, "externalId", decision.externalId());
            if (decision.decidedAt() != null) {
                json.writeFieldName("decidedAt");
                json.writeObject(decision.decidedAt());
            }
            field(json, "language", decision.language());
            json.writeRaw(outcome(decision));
            field(json, "context", decision.context());
            field(json, "consent", decision.consent());
            json.writeEndObject();
        }
        return text.toString();
    }

    /** The part that follows from the rules and the profile: kept, or written now (and kept). */
    private String outcome(Decision decision) throws IOException {
        if (size <= 0) {
            return writeOutcome(decision);
        }
        Key key = new Key(decision.rulesVersion(), decision.profile());
        Outcome kept = outcomes.get(key);
        if (kept != null && kept.writes(decision)) {
            return kept.json();
        }
        String json = writeOutcome(decision);
        if (outcomes.size() >= size) {
            outcomes.clear();
        }
        outcomes.put(key, new Outcome(decision.recommendations(), decision.excluded(), decision.plan(), json));
        return json;
    }

    /** The fields from {@code rulesVersion} to {@code plan}, each after a comma (the id precedes them). */
    private String writeOutcome(Decision decision) throws IOException {
        StringWriter text = new StringWriter(4096);
        try (JsonGenerator json = mapper.createGenerator(text)) {
            json.writeStartObject();
            field(json, "rulesVersion", decision.rulesVersion());
            field(json, "profile", decision.profile());
            field(json, "recommendations", decision.recommendations());
            field(json, "excluded", decision.excluded());
            field(json, "plan", decision.plan());
            json.writeEndObject();
        }
        String object = text.toString();
        return object.length() == 2 ? "" : "," + object.substring(1, object.length() - 1);
    }

    /** A field, left out when null (as {@code @JsonInclude(NON_NULL)} on {@link Decision} does). */
    private static void field(JsonGenerator json, String name, Object value) throws IOException {
        if (value != null) {
            json.writeFieldName(name);
            json.writeObject(value);
        }
    }
}
