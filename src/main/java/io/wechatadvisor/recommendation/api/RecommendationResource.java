package io.wechatadvisor.recommendation.api;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.wechatadvisor.decisions.domain.Channel;
import io.wechatadvisor.decisions.domain.Decision;
import io.wechatadvisor.decisions.store.DecisionRecorder;
import io.wechatadvisor.idempotency.IdempotentRequests;
import io.wechatadvisor.problem.InputProblems;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.config.AdvisorConfig;
import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.evaluation.EvaluationException;
import io.wechatadvisor.recommendation.ruleset.RuleMetrics;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.tenants.api.RateLimits;
import io.wechatadvisor.tenants.api.TenantAccess;
import io.wechatadvisor.embed.CrossOrigin;

@Path("/api/v1/recommendations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations", description = "Which WeChat products a business should open, and why")
public class RecommendationResource {

    /** The answer's header naming its decision record. */
    public static final String DECISION_ID_HEADER = "Decision-Id";
    /** Optional request header: where the answer is shown (API or EMBED). */
    public static final String CHANNEL_HEADER = "Advisor-Channel";

    private final ServingRules rules;
    private final AdvisorConfig config;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final RuleMetrics metrics;
    private final DecisionRecorder recorder;
    private final TenantAccess tenants;
    private final RateLimits rateLimits;
    private final IdempotentRequests idempotent;
    private final AdviceMemo memo;

    public RecommendationResource(ServingRules rules, AdvisorConfig config, ObjectMapper mapper, Validator validator,
            RuleMetrics metrics, DecisionRecorder recorder, TenantAccess tenants, RateLimits rateLimits,
            IdempotentRequests idempotent, AdviceMemo memo) {
        this.rules = rules;
        this.config = config;
        this.mapper = mapper;
        this.validator = validator;
        this.metrics = metrics;
        this.recorder = recorder;
        this.tenants = tenants;
        this.rateLimits = rateLimits;
        this.idempotent = idempotent;
        this.memo = memo;
    }

    /** Who calls: the request headers that name the tenant, and its Idempotency-Key. */
    public record Caller(
            @Parameter(description = "A tenant key (the call belongs to its tenant) or the admin token. Without "
                    + "one the call belongs to the tenant default, unless advisor.tenancy.required=true")
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "A tenant named publicly, as the embed page does; only without a key, for "
                    + "answers only (a browser's Origin must be one of the tenant's allowedOrigins)")
            @HeaderParam(TenantAccess.TENANT_HEADER) String tenant,
            @Parameter(description = "At most 255 characters. The same key with the same body within 24 h "
                    + "answers the stored answer again (same decisionId, Idempotent-Replayed: true, no new record); "
                    + "with another body it is 422. Keys are per tenant.")
            @HeaderParam(IdempotentRequests.KEY_HEADER) String idempotencyKey,
            @Parameter(hidden = true) @HeaderParam("Origin") String origin,
            @Parameter(hidden = true) @HeaderParam(CrossOrigin.VERIFIED_ORIGIN) String verifiedOrigin,
            @Parameter(hidden = true) @HeaderParam("Host") String host) {

        /** The caller's tenant, counted against its rate limit. */
        String tenant(TenantAccess tenants, RateLimits rateLimits) {
            String id = tenants.answering(authorization, tenant, origin, verifiedOrigin, host);
            rateLimits.acquire(id);
            return id;
        }
    }

    @POST
    @NonBlocking
    @Operation(summary = "Recommend WeChat products for one business profile",
            description = "Ranks the six products, lists the excluded ones, and builds a combined plan. Every point of "
                    + "score is a reason citing its rule and source. Texts follow Accept-Language (en, zh-CN). The "
                    + "answer is sent once its decision record is stored: decisionId (and the Decision-Id header) finds "
                    + "it at GET /api/v1/decisions/{decisionId}.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProfileRequest.class), examples = {
                    @ExampleObject(name = "photographer", summary = "An individual photographer",
                            value = ProfileExamples.PHOTOGRAPHER),
                    @ExampleObject(name = "restaurant-chain", summary = "A restaurant chain",
                            value = ProfileExamples.RESTAURANT_CHAIN),
                    @ExampleObject(name = "government-service", summary = "A government service",
                            value = ProfileExamples.GOVERNMENT_SERVICE),
                    @ExampleObject(name = "online-shop", summary = "An online shop",
                            value = ProfileExamples.ONLINE_SHOP) }))
    @APIResponse(responseCode = "200", description = "The ranked answer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecommendationResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a missing field, an unknown value or a wrong type")
    @APIResponse(responseCode = "401", description = "A wrong, expired or revoked key; or no key where tenancy is required")
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is still being answered")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    @APIResponse(responseCode = "429", description = "The tenant is over its rate limit: see Retry-After, "
            + "RateLimit-Policy and RateLimit")
    @APIResponse(responseCode = "413", description = "The body is over the size limit")
    @APIResponse(responseCode = "415", description = "The body is not JSON")
    @APIResponse(responseCode = "503", description = "The rules are not loaded yet, or the decision could not be "
            + "recorded: nothing was answered; retry after Retry-After seconds")
    public CompletionStage<RestResponse<Object>> recommend(ProfileRequest request,
            @Parameter(description = "en (default) or zh-CN", example = "zh-CN")
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @Parameter(description = "API (default) or EMBED: where the answer is shown, kept in its decision record. "
                    + "The embed page sends EMBED.", example = "EMBED")
            @HeaderParam(CHANNEL_HEADER) String channel,
            @BeanParam Caller caller) {
        validate(request);
        Language language = Languages.fromHeader(acceptLanguage);
        Channel shownIn = channel(channel);
        String idempotencyKey = IdempotentRequests.key(caller.idempotencyKey());
        String tenant = caller.tenant(tenants, rateLimits);
        if (idempotencyKey != null) {
            // The stored answers are in the database: looked up and written on a worker thread.
            return onWorker(() -> idempotent.answer(tenant, idempotencyKey, request, () -> {
                List<Decision> decisions = new ArrayList<>(1);
                Answer answer = answer(request, rules.current(), language, shownIn, tenant, decisions);
                committed(decisions);
                return new IdempotentRequests.Fresh(answer, decisions.isEmpty() ? null
                        : decisions.get(0).decisionId().toString(), language.tag());
            }));
        }
        RuleSet ruleSet = rules.current();
        List<Decision> decisions = new ArrayList<>(1);
        Answer answer = answer(request, ruleSet, language, shownIn, tenant, decisions);
        RestResponse.ResponseBuilder<Object> response = RestResponse.ResponseBuilder.ok((Object) answer)
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag());
        if (!decisions.isEmpty()) {
            response.header(DECISION_ID_HEADER, decisions.get(0).decisionId().toString());
        }
        return recorder.record(decisions).thenApply(committed -> response.build());
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Recommend for many profiles at once (for CRMs)",
            description = "A JSON array of profiles, at most advisor.batch.max-size (1,000 by default). The answer has "
                    + "the same length and order; each item holds a result or, for a bad profile, an error, so one bad "
                    + "lead never sinks the others.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ProfileRequest.class), examples = {
                    @ExampleObject(name = "two-leads", summary = "A photographer and a restaurant chain",
                            value = "[" + ProfileExamples.PHOTOGRAPHER + "," + ProfileExamples.RESTAURANT_CHAIN + "]") }))
    @APIResponse(responseCode = "200", description = "One item per profile, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = BatchItem.class)))
    @APIResponse(responseCode = "400", description = "Not a JSON array, or more profiles than the limit")
    @APIResponse(responseCode = "503", description = "The rules are not loaded yet, or the decisions could not be "
            + "recorded: nothing was answered; retry after Retry-After seconds")
    @APIResponse(responseCode = "401", description = "A wrong, expired or revoked key; or no key where tenancy is required")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another body")
    @APIResponse(responseCode = "429", description = "The tenant is over its rate limit (a batch counts as one call)")
    @Blocking
    public RestResponse<Object> batch(JsonNode profiles,
            @Parameter(description = "en (default) or zh-CN", example = "zh-CN")
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
            @BeanParam Caller caller) throws SQLException {
        if (profiles == null || !profiles.isArray()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST.problem("The body must be a JSON array of profiles."));
        }
        int limit = config.batch().maxSize();
        if (profiles.size() > limit) {
            throw new ProblemException(ProblemType.INVALID_REQUEST.problem("The batch holds " + profiles.size() + " profiles; the limit is " + limit + "."));
        }
        Language language = Languages.fromHeader(acceptLanguage);
        String idempotencyKey = IdempotentRequests.key(caller.idempotencyKey());
        String tenant = caller.tenant(tenants, rateLimits);
        if (idempotencyKey != null) {
            return idempotent.answer(tenant, idempotencyKey, profiles,
                    () -> new IdempotentRequests.Fresh(items(profiles, language, tenant), null, language.tag()));
        }
        return RestResponse.ResponseBuilder.ok((Object) items(profiles, language, tenant))
                .header(HttpHeaders.CONTENT_LANGUAGE, language.tag()).build();
    }

    /**
     * Bean Validation of the body, called here rather than by method validation ({@code @Valid} on the
     * parameter): the same checks and the same problem, without the interceptor's work on every request.
     */
    private void validate(ProfileRequest request) {
        if (request == null) {
            throw new ProblemException(InputProblems.bodyRequired());
        }
        Set<ConstraintViolation<ProfileRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ProblemException(InputProblems.of(violations));
        }
    }

    /** The batch's items, once their records are kept (a worker thread: it waits for that). */
    private List<BatchItem> items(JsonNode profiles, Language language, String tenant) {
        RuleSet ruleSet = rules.current();
        List<BatchItem> items = new ArrayList<>(profiles.size());
        List<Decision> decisions = new ArrayList<>(profiles.size());
        for (int index = 0; index < profiles.size(); index++) {
            items.add(item(index, profiles.get(index), ruleSet, language, tenant, decisions));
        }
        committed(decisions);
        return items;
    }

    /** Waits, on a worker thread, until the records are kept (one group: a transaction or a journal write). */
    private void committed(List<Decision> decisions) {
        try {
            recorder.record(decisions).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Runs blocking work on a worker thread; its failure, unwrapped, fails the answer. */
    private static CompletionStage<RestResponse<Object>> onWorker(BlockingAnswer work) {
        CompletableFuture<RestResponse<Object>> result = new CompletableFuture<>();
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                result.complete(work.get());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private interface BlockingAnswer {
        RestResponse<Object> get() throws SQLException;
    }

    private BatchItem item(int index, JsonNode node, RuleSet ruleSet, Language language, String tenant,
            List<Decision> decisions) {
        ProfileRequest request;
        try {
            request = mapper.treeToValue(node, ProfileRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new BatchItem(index, null, e instanceof JsonProcessingException json
                    ? InputProblems.of(json) : ProblemType.INVALID_REQUEST.problem("The profile cannot be read."));
        }
        if (request == null) {
            return new BatchItem(index, null, ProblemType.INVALID_REQUEST.problem("The profile must be a JSON object."));
        }
        Set<ConstraintViolation<ProfileRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return new BatchItem(index, null, InputProblems.of(violations));
        }
        try {
            return new BatchItem(index, answer(request, ruleSet, language, Channel.BATCH, tenant, decisions), null);
        } catch (EvaluationException e) {
            return new BatchItem(index, null, EvaluationFailureMapper.problem(e));
        }
    }

    /** The answer for one profile; its decision record, when recording is on, is added to {@code decisions}. */
    private Answer answer(ProfileRequest request, RuleSet ruleSet, Language language, Channel channel, String tenant,
            List<Decision> decisions) {
        Profile profile = request.toProfile();
        Advice advice = memo.advise(ruleSet, profile);
        metrics.recommended(advice.plan().primary());
        String decisionId = null;
        if (recorder.enabled()) {
            Decision decision = Decision.of(tenant, channel, request.externalId(), language.tag(),
                    ruleSet.version(), profile, advice, request.context(), request.consent());
            decisions.add(decision);
            decisionId = decision.decisionId().toString();
        }
        return new Answer(advice, ruleSet, language, request.externalId(), decisionId);
    }

    private static Channel channel(String header) {
        if (header == null || header.isBlank() || header.equalsIgnoreCase("API")) {
            return Channel.API;
        }
        if (header.equalsIgnoreCase("EMBED")) {
            return Channel.EMBED;
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST.problem(
                "The header " + CHANNEL_HEADER + " must be API or EMBED (a batch is always BATCH)."));
    }
}
