package io.wechatadvisor.recommendation.ruleset;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wechatadvisor.recommendation.domain.Product;

/**
 * The advisor's own metrics, beside Quarkus' HTTP request counts and latencies:
 * {@code advisor_recommendations_total{product}} counts answers by their first product, and
 * {@code advisor_rules_reloads_total{outcome}} counts reload attempts by outcome. Counters are made
 * once, so counting costs a request no lookup.
 */
@ApplicationScoped
public class RuleMetrics {

    private final Map<Product, Counter> topProducts = new EnumMap<>(Product.class);
    private final Map<ReloadResult.Outcome, Counter> reloads = new EnumMap<>(ReloadResult.Outcome.class);

    public RuleMetrics(MeterRegistry registry) {
        for (Product product : Product.values()) {
            topProducts.put(product, Counter.builder("advisor.recommendations")
                    .description("Answers, by the product ranked first").tag("product", product.name())
                    .register(registry));
        }
        for (ReloadResult.Outcome outcome : ReloadResult.Outcome.values()) {
            reloads.put(outcome, Counter.builder("advisor.rules.reloads")
                    .description("Attempts to load the rules directory, by outcome")
                    .tag("outcome", outcome.name().toLowerCase()).register(registry));
        }
    }

    public void recommended(Product top) {
        topProducts.get(top).increment();
    }

    void reloaded(ReloadResult.Outcome outcome) {
        reloads.get(outcome).increment();
    }
}
