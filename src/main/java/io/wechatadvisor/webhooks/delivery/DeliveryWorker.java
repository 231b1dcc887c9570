package io.wechatadvisor.webhooks.delivery;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wechatadvisor.webhooks.config.WebhooksConfig;
import io.wechatadvisor.webhooks.domain.Delivery;
import io.wechatadvisor.webhooks.domain.DeliveryStatus;
import io.wechatadvisor.webhooks.domain.Endpoint;
import io.wechatadvisor.webhooks.store.DeliveryStore;
import io.wechatadvisor.webhooks.store.EndpointRegistry;
import io.wechatadvisor.webhooks.store.WebhookStore;

/**
 * Sends due events, on threads of its own (never an event loop). A poller claims due rows every
 * {@code advisor.webhooks.poll-interval}; each is signed and sent with a 10 s timeout and no
 * redirects. At most {@code max-in-flight} attempts run at once, and at most
 * {@code max-in-flight-per-endpoint} to one endpoint: a slow endpoint's rows wait while the others
 * go. A 2xx delivers; a timeout or another status retries on {@code retry-schedule}; 410 Gone
 * disables the endpoint. A claimed row is leased for three request timeouts: if this process dies
 * mid-send, another poll (here after a restart, or on another replica) sends it again, with the
 * same webhook-id and body.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final int MAX_ERROR = 500;

    private final DeliveryStore deliveries;
    private final WebhookStore webhooks;
    private final EndpointRegistry endpoints;
    private final Destinations destinations;
    private final List<Duration> schedule;
    private final Duration timeout;
    private final Duration pollInterval;
    private final int maxInFlight;
    private final int maxPerEndpoint;
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ScheduledExecutorService poller;
    private final ExecutorService senders;
    /** Made at the first delivery: building it loads the JDK's trust store, which a start need not wait for. */
    private volatile HttpClient client;

    public DeliveryWorker(DeliveryStore deliveries, WebhookStore webhooks, EndpointRegistry endpoints,
            Destinations destinations, WebhooksConfig config) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.endpoints = endpoints;
        this.destinations = destinations;
        this.schedule = List.copyOf(config.retrySchedule());
        this.timeout = config.requestTimeout();
        this.pollInterval = config.pollInterval();
        this.maxInFlight = config.maxInFlight();
        this.maxPerEndpoint = config.maxInFlightPerEndpoint();
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("webhook-poller"));
        this.senders = Executors.newFixedThreadPool(4, daemon("webhook-sender"));
    }

    private HttpClient client() {
        HttpClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    made = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1).build();
                    client = made;
                }
            }
        }
        return made;
    }

    void start(@Observes StartupEvent event) {
        poller.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Looks for due rows now rather than at the next tick: a delivery was made due by hand, or an
     * attempt ended and freed its slot (so one endpoint's backlog drains as fast as it answers, not
     * a few events per poll interval). Wakes that come while one is queued are one poll.
     */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                poller.execute(this::poll);
            } catch (RejectedExecutionException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    private void poll() {
        wakeQueued.set(false);
        try {
            int free = maxInFlight - total.get();
            if (free <= 0 || !endpoints.any()) {
                return;
            }
            Instant now = Instant.now();
            List<String> reserved = new ArrayList<>();
            List<DeliveryStore.Claimed> claimed;
            try {
                claimed = deliveries.claim(now, free, now.plus(timeout.multipliedBy(3)), saturated(), webhookId -> {
                    if (!reserve(webhookId)) {
                        return false;
                    }
                    reserved.add(webhookId);
                    return true;
                });
            } catch (SQLException | RuntimeException e) {
                reserved.forEach(this::release);
                throw e;
            }
            for (DeliveryStore.Claimed row : claimed) {
                senders.execute(() -> attempt(row));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "Looking for due webhook deliveries failed; the next poll tries again");
        }
    }

    private boolean reserve(String webhookId) {
        AtomicInteger count = inFlight.computeIfAbsent(webhookId, k -> new AtomicInteger());
        if (total.get() >= maxInFlight || count.incrementAndGet() > maxPerEndpoint) {
            count.decrementAndGet();
            return false;
        }
        total.incrementAndGet();
        return true;
    }

    private void release(String webhookId) {
        inFlight.get(webhookId).decrementAndGet();
        total.decrementAndGet();
    }

    /** One attempt: checks the destination again, signs, sends; records the outcome once it is known. */
    private void attempt(DeliveryStore.Claimed row) {
        Endpoint endpoint = endpoints.endpoint(row.webhookId());
        Instant start = Instant.now();
        long started = System.nanoTime();
        try {
            if (endpoint == null || !endpoint.active()) {
                finish(row, endpoint, start, started, null, "The endpoint is disabled or deleted.", true);
                return;
            }
            URI uri;
            try {
                uri = destinations.check(endpoint.url());
            } catch (Destinations.Refused refused) {
                finish(row, endpoint, start, started, null, refused.getMessage(), false);
                return;
            }
            String messageId = Delivery.messageId(row.id());
            long timestamp = start.getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "wechat-presence-advisor-webhooks")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", endpoint.signature(messageId, timestamp, row.payload(), start))
                    .POST(HttpRequest.BodyPublishers.ofString(row.payload())).build();
            client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((response, error) -> {
                        if (error != null) {
                            finish(row, endpoint, start, started, null, describe(error), false);
                        } else {
                            finish(row, endpoint, start, started, response.statusCode(), null, false);
                        }
                    }, senders);
        } catch (RuntimeException e) {
            LOG.errorf(e, "A webhook attempt could not be made; delivery %s is due again after its lease", row.id());
            release(row.webhookId());
        }
    }

    /** Records an attempt's outcome and what follows: delivered, again later, or failed. */
    private void finish(DeliveryStore.Claimed row, Endpoint endpoint, Instant at, long started, Integer status,
            String error, boolean gone) {
        try {
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            int attempt = row.attempts() + 1;
            String problem = error != null ? error : status / 100 == 2 ? null : "HTTP " + status;
            Delivery.Attempt result = new Delivery.Attempt(attempt, at, status,
                    latency, problem == null ? null : problem.substring(0, Math.min(problem.length(), MAX_ERROR)));
            Instant now = Instant.now();
            if (problem == null) {
                deliveries.attempted(row.id(), result, DeliveryStatus.DELIVERED, null);
            } else if (gone || status != null && status == 410) {
                if (endpoint != null && endpoint.active()) {
                    // Disabled before the delivery shows FAILED: whoever sees that sees the endpoint off.
                    webhooks.disable(endpoint.id(), now, "The endpoint answered 410 Gone.");
                    endpoints.reload();
                    deliveries.failAll(endpoint.id());
                }
                deliveries.attempted(row.id(), result, DeliveryStatus.FAILED, null);
            } else if (attempt < schedule.size()) {
                deliveries.attempted(row.id(), result, DeliveryStatus.RETRYING, now.plus(jittered(schedule.get(attempt))));
            } else {
                deliveries.attempted(row.id(), result, DeliveryStatus.FAILED, null);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "The outcome of a webhook attempt could not be recorded; delivery %s is due again after "
                    + "its lease", row.id());
        } finally {
            release(row.webhookId());
            wake();
        }
    }

    /** A wait plus up to 10 % of it, so that retries of many events do not arrive at once. */
    static Duration jittered(Duration wait) {
        long millis = wait.toMillis();
        return millis <= 0 ? Duration.ZERO : Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 10 + 1));
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "No answer within " + timeout.toSeconds() + " s.";
        }
        if (cause instanceof ConnectException) {
            return "The connection was refused or the host is unreachable.";
        }
        String message = cause.getMessage();
        return "The request failed" + (message == null || message.isBlank() ? "." : ": " + message);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        poller.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
    }

    /** The endpoints with as many attempts in flight as they may have. */
    private Set<String> saturated() {
        return inFlight.entrySet().stream().filter(e -> e.getValue().get() >= maxPerEndpoint).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
