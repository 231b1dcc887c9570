package io.wechatadvisor.decisions.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.wechatadvisor.config.AdvisorConfig;
import io.wechatadvisor.decisions.config.DecisionsConfig;
import io.wechatadvisor.decisions.domain.Context;
import io.wechatadvisor.decisions.domain.Decision;

/**
 * Records decisions before their answers leave: {@link #record} completes once the records are kept
 * ({@link DecisionWriter}). Called on an event loop, it only serialises the records there and completes on that
 * same event loop, so answers are still written by the thread that owns their connection.
 */
@ApplicationScoped
public class DecisionRecorder {

    private final DecisionWriter writer;
    private final RecordJson json;
    private final boolean enabled;

    public DecisionRecorder(DecisionWriter writer, ObjectMapper mapper, DecisionsConfig config, AdvisorConfig advisor) {
        this.writer = writer;
        this.json = new RecordJson(mapper, advisor.rules().adviceMemo());
        this.enabled = config.decisions().enabled();
    }

    /** Whether answers are recorded (advisor.decisions.enabled). */
    public boolean enabled() {
        return enabled;
    }

    /** Completes once every decision is kept, or exceptionally with {@link RecordingFailedException}. */
    public CompletionStage<Void> record(List<Decision> decisions) {
        if (!enabled || decisions.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<DecisionRow> rows = new ArrayList<>(decisions.size());
        for (Decision decision : decisions) {
            rows.add(row(decision));
        }
        // On an event loop the records complete there, so that the answer is written by the thread that owns
        // its connection; elsewhere (a worker waiting for them) on the writer's thread.
        return writer.write(rows, io.vertx.core.Context.isOnEventLoopThread() ? Vertx.currentContext() : null);
    }

    private static DecisionRow.Facets facets(Decision decision) {
        String entityType = decision.profile() == null || decision.profile().entityType() == null ? null
                : decision.profile().entityType().name();
        Context.Utm utm = decision.context() == null ? null : decision.context().utm();
        String utmSource = utm == null || utm.source() == null || utm.source().isBlank() ? null : utm.source().trim();
        List<String> unmet = decision.plan().unmetNeeds().stream().map(u -> u.need().name()).distinct().toList();
        return new DecisionRow.Facets(entityType, utmSource, unmet);
    }

    private DecisionRow row(Decision decision) {
        try {
            return new DecisionRow(decision.decisionId(), decision.tenant(), decision.decidedAt(),
                    decision.channel().name(), decision.externalId(), decision.plan().primary().name(),
                    decision.rulesVersion(), json.write(decision), facets(decision));
        } catch (IOException e) {
            throw new IllegalStateException("A decision cannot be written as JSON", e);
        }
    }
}
