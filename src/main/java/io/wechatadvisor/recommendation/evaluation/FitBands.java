package io.wechatadvisor.recommendation.evaluation;

import io.wechatadvisor.recommendation.domain.Fit;

/** The lowest score of the STRONG and GOOD bands, as declared in {@code rules/weights.drl}. */
public record FitBands(int strong, int good) {

    public Fit of(int score) {
        if (score >= strong) {
            return Fit.STRONG;
        }
        return score >= good ? Fit.GOOD : Fit.WEAK;
    }
}
