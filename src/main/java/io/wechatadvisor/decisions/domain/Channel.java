package io.wechatadvisor.decisions.domain;

/** Where an answer was asked: the single endpoint, the batch, or the embed page. */
public enum Channel {
    API, BATCH, EMBED
}
