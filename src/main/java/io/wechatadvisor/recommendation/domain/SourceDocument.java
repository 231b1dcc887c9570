package io.wechatadvisor.recommendation.domain;

/**
 * One source document the rules cite, as kept in {@code rules/sources/<KEY>.txt}: a short header
 * and the document's text, verbatim.
 *
 * @param key       the key rules cite it by ({@code @source}), also its file name
 * @param title     its title
 * @param publisher who published it, or {@code null} where the header names nobody
 * @param origin    where it was retrieved from (a URL)
 * @param language  the language of its text (a BCP 47 tag)
 * @param retrieved when it was retrieved (ISO date)
 * @param licence   what its publisher allows, as far as known
 * @param note      anything a reader of a quote should know (translation, artefacts), or {@code null}
 * @param text      the document itself, below the header
 */
public record SourceDocument(String key, String title, String publisher, String origin, String language,
        String retrieved, String licence, String note, String text) {
}
