package io.wechatadvisor.tenants.api;

/** A tenant over its rate limit: answered 429 with Retry-After and the RateLimit headers. */
public class RateLimitedException extends RuntimeException {

    private final String tenant;
    private final int limit;
    private final long resetSeconds;

    public RateLimitedException(String tenant, int limit, long resetSeconds) {
        super("rate limited", null, false, false);
        this.tenant = tenant;
        this.limit = limit;
        this.resetSeconds = resetSeconds;
    }

    public String tenant() {
        return tenant;
    }

    public int limit() {
        return limit;
    }

    public long resetSeconds() {
        return resetSeconds;
    }
}
