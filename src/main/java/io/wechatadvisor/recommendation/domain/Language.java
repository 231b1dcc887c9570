package io.wechatadvisor.recommendation.domain;

/** The languages of every text in an answer. Ids and enum values never change with it. */
public enum Language {
    EN("en"),
    ZH_CN("zh-CN");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag, as sent in {@code Content-Language}. */
    public String tag() {
        return tag;
    }
}
