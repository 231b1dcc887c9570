package io.wechatadvisor.recommendation.domain;

/**
 * The documented fact behind a rule: a verbatim excerpt of one source document, in the source's own
 * words and language.
 *
 * @param source the source document key, e.g. {@code ACCOUNT-TYPES}
 * @param quote  the excerpt exactly as it stands in the source's text
 */
public record Evidence(String source, String quote) {
}
