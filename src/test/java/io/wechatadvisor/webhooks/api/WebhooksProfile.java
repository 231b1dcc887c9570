package io.wechatadvisor.webhooks.api;

import java.util.HashMap;
import java.util.Map;

import io.wechatadvisor.decisions.api.DecisionsProfile;

/** The decision suite's settings, with webhooks to 127.0.0.1 allowed and retries in seconds. */
public class WebhooksProfile extends DecisionsProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> settings = new HashMap<>(super.getConfigOverrides());
        settings.put("advisor.webhooks.allow-http-hosts", "127.0.0.1");
        settings.put("advisor.webhooks.retry-schedule", "0s,1s,1s");
        settings.put("advisor.webhooks.poll-interval", "100ms");
        settings.put("advisor.webhooks.public-url", "https://advisor.agency.example/");
        return settings;
    }
}
