package io.wechatadvisor.recommendation.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.exc.InvalidNullException;

import io.wechatadvisor.problem.TooManyElementsException;
import io.wechatadvisor.recommendation.domain.Goal;

/**
 * Reads {@code goals} and stops at the first null, wrong value or element over
 * {@link ProfileRequest#MAX_GOALS}: a hostile array costs no more than its first bad element.
 */
class GoalsDeserializer extends JsonDeserializer<List<Goal>> {

    @Override
    public List<Goal> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.isExpectedStartArrayToken()) {
            return castToList(context.handleUnexpectedToken(List.class, parser));
        }
        JsonDeserializer<Object> element = context.findRootValueDeserializer(context.constructType(Goal.class));
        List<Goal> goals = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            int index = goals.size();
            if (index == ProfileRequest.MAX_GOALS) {
                throw new TooManyElementsException(parser, List.class, ProfileRequest.MAX_GOALS);
            }
            try {
                if (token == JsonToken.VALUE_NULL) {
                    throw InvalidNullException.from(context, PropertyName.construct("goals"),
                            context.constructType(Goal.class));
                }
                goals.add((Goal) element.deserialize(parser, context));
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, goals, index);
            }
        }
        return goals;
    }

    @SuppressWarnings("unchecked")
    private static List<Goal> castToList(Object value) {
        return (List<Goal>) value;
    }
}
