package io.wechatadvisor.recommendation.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
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

import io.smallrye.common.annotation.NonBlocking;
import io.wechatadvisor.problem.InputProblems;
import io.wechatadvisor.problem.Problem;
import io.wechatadvisor.problem.ProblemException;
import io.wechatadvisor.problem.ProblemType;
import io.wechatadvisor.config.AdvisorConfig;
import io.wechatadvisor.recommendation.domain.Advice;
import io.wechatadvisor.recommendation.domain.Language;
import io.wechatadvisor.recommendation.evaluation.EvaluationException;
import io.wechatadvisor.recommendation.ruleset.RuleMetrics;
import io.wechatadvisor.recommendation.ruleset.RuleSet;

@Path("/api/v1/recommendations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recommendations", description = "Which WeChat products a business should open, and why")
public class RecommendationResource {

    private final ServingRules rules;
    private final AdvisorConfig config;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final RuleMetrics metrics;

    public RecommendationResource(ServingRules rules, AdvisorConfig config, ObjectMapper mapper, Validator validator,
            RuleMetrics metrics) {
        this.rules = rules;
        this.config = config;
        this.mapper = mapper;
        this.validator = validator;
        this.metrics = metrics;
    }

    @POST
    @NonBlocking
    @Operation(summary = "Recommend WeChat products for one business profile",
            description = "Ranks the six products, lists the excluded ones, and builds a combined plan. Every point of "
                    + "score is a reason citing its rule and source. Texts follow Accept-Language (en, zh-CN).")
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
    @APIResponse(responseCode = "400", description = "Malformed JSON, a missing field, an unknown value or a wrong type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is over the size limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Answer> recommend(@Valid @NotNull ProfileRequest request,
            @Parameter(description = "en (default) or zh-CN", example = "zh-CN")
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Language language = Languages.fromHeader(acceptLanguage);
        RuleSet ruleSet = rules.current();
        Answer answer = answer(request, ruleSet, language);
        return RestResponse.ResponseBuilder.ok(answer).header(HttpHeaders.CONTENT_LANGUAGE, language.tag()).build();
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
    @APIResponse(responseCode = "400", description = "Not a JSON array, or more profiles than the limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<List<BatchItem>> batch(JsonNode profiles,
            @Parameter(description = "en (default) or zh-CN", example = "zh-CN")
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        if (profiles == null || !profiles.isArray()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST.problem("The body must be a JSON array of profiles."));
        }
        int limit = config.batch().maxSize();
        if (profiles.size() > limit) {
            throw new ProblemException(ProblemType.INVALID_REQUEST.problem("The batch holds " + profiles.size() + " profiles; the limit is " + limit + "."));
        }
        Language language = Languages.fromHeader(acceptLanguage);
        RuleSet ruleSet = rules.current();
        List<BatchItem> items = new ArrayList<>(profiles.size());
        for (int index = 0; index < profiles.size(); index++) {
            items.add(item(index, profiles.get(index), ruleSet, language));
        }
        return RestResponse.ResponseBuilder.ok(items).header(HttpHeaders.CONTENT_LANGUAGE, language.tag()).build();
    }

    private BatchItem item(int index, JsonNode node, RuleSet ruleSet, Language language) {
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
            return new BatchItem(index, answer(request, ruleSet, language), null);
        } catch (EvaluationException e) {
            return new BatchItem(index, null, EvaluationFailureMapper.problem(e));
        }
    }

    private Answer answer(ProfileRequest request, RuleSet ruleSet, Language language) {
        Advice advice = ruleSet.advise(request.toProfile());
        metrics.recommended(advice.plan().primary());
        return new Answer(advice, ruleSet, language, request.externalId());
    }
}
