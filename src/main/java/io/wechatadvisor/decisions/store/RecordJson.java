package io.wechatadvisor.decisions.store;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wechatadvisor.decisions.domain.Decision;
import io.wechatadvisor.recommendation.domain.Profile;

/**
 * A decision record as JSON, exactly as the {@link ObjectMapper} writes a {@link Decision}, but cheaper for
 * a profile answered before: the part that follows from the rules and the profile alone ({@code rulesVersion},
 * {@code profile}, {@code recommendations}, {@code excluded}, {@code plan}) is written once per outcome
 * ({@link Decision.Outcome}: the memo's advice for a profile asked again gives the same one) and kept; only the
 * fields of the request itself (id, time, tenant, channel, {@code externalId}, language, context, consent) are
 * written each time. A kept part is used only for a decision with that very outcome, rules version and
 * profile, so any decision comes out as Jackson writes it. The parts of the last outcomes are kept, at most
 * {@code size} (none when 0). Thread-safe.
 */
final class RecordJson {

    /** A kept part and what it was written from; immutable, so slots are written without a lock. */
    private record Kept(Decision.Plan plan, List<Decision.Ranked> recommendations, List<Decision.Excluded> excluded,
            String rulesVersion, Profile profile, String json) {

        boolean writes(Decision decision) {
            return plan == decision.plan() && recommendations == decision.recommendations()
                    && excluded == decision.excluded() && Objects.equals(rulesVersion, decision.rulesVersion())
                    && Objects.equals(profile, decision.profile());
        }
    }

    private final ObjectMapper mapper;
    private final Kept[] kept;

    RecordJson(ObjectMapper mapper, int size) {
        this.mapper = mapper;
        this.kept = new Kept[size <= 0 ? 0 : Integer.highestOneBit(Math.max(1, size - 1)) << 1];
    }

    /** The record of {@code decision} as JSON: the same text as {@code mapper.writeValueAsString(decision)}. */
    String write(Decision decision) throws IOException {
        if (decision.decisionId() == null) {
            return mapper.writeValueAsString(decision);
        }
        BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
        try (SegmentedStringWriter text = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator json = mapper.createGenerator(text)) {
                json.writeStartObject();
                field(json, "decisionId", decision.decisionId().toString());
                field(json, "tenant", decision.tenant());
                field(json, "channel", decision.channel() == null ? null : decision.channel().name());
                field(json, "externalId", decision.externalId());
                field(json, "decidedAt", decision.decidedAt());
                field(json, "language", decision.language());
                json.writeRaw(outcome(decision));
                field(json, "context", decision.context());
                field(json, "consent", decision.consent());
                json.writeEndObject();
            }
            return text.getAndClear();
        } finally {
            recycler.releaseToPool();
        }
    }

    /** The part that follows from the rules and the profile: kept, or written now (and kept). */
    private String outcome(Decision decision) throws IOException {
        if (kept.length == 0 || decision.plan() == null) {
            return writeOutcome(decision);
        }
        int slot = System.identityHashCode(decision.plan()) & (kept.length - 1);
        Kept last = kept[slot];
        if (last != null && last.writes(decision)) {
            return last.json();
        }
        String json = writeOutcome(decision);
        kept[slot] = new Kept(decision.plan(), decision.recommendations(), decision.excluded(), decision.rulesVersion(),
                decision.profile(), json);
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
