package io.wechatadvisor.recommendation.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.wechatadvisor.recommendation.domain.Language;

/**
 * Picks the answer's language from {@code Accept-Language}: Simplified Chinese for any {@code zh}
 * range ({@code zh-CN}, {@code zh}, {@code zh-Hans} …), English otherwise and by default. Honours
 * q-values; a malformed header means English, never an error.
 */
final class Languages {

    private static final int CACHE_LIMIT = 256;
    private static final Map<String, Language> CACHE = new ConcurrentHashMap<>();

    private Languages() {
    }

    static Language fromHeader(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Language.EN;
        }
        Language cached = CACHE.get(acceptLanguage);
        if (cached != null) {
            return cached;
        }
        Language language = parse(acceptLanguage);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(acceptLanguage, language);
        }
        return language;
    }

    private static Language parse(String acceptLanguage) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return Language.EN;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0) {
                continue;
            }
            String tag = range.getRange().toLowerCase(Locale.ROOT);
            if (tag.equals("zh") || tag.startsWith("zh-")) {
                return Language.ZH_CN;
            }
            if (tag.equals("en") || tag.startsWith("en-") || tag.equals("*")) {
                return Language.EN;
            }
        }
        return Language.EN;
    }
}
