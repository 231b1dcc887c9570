package io.wechatadvisor.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON array with more elements than its field allows, refused while it is read. */
public class TooManyElementsException extends MismatchedInputException {

    private static final long serialVersionUID = 1L;

    private final int max;

    public TooManyElementsException(JsonParser parser, Class<?> type, int max) {
        super(parser, "more than " + max + " elements", type);
        this.max = max;
    }

    public int max() {
        return max;
    }
}
