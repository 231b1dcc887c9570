package io.wechatadvisor.decisions.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.wechatadvisor.decisions.domain.Channel;
import io.wechatadvisor.decisions.domain.Consent;
import io.wechatadvisor.decisions.domain.Context;
import io.wechatadvisor.decisions.domain.Decision;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.evaluation.ProfileArbitraries;
import io.wechatadvisor.recommendation.ruleset.RuleSet;
import io.wechatadvisor.recommendation.ruleset.TestRules;

/**
 * A record's JSON is exactly what Jackson writes for its {@link Decision} (what GET /api/v1/decisions/{id}
 * answers), whether its outcome is written afresh or kept from an earlier decision of the same profile.
 */
class RecordJsonTest {

    /** Configured as the service's mapper is for records: java.time as ISO text. */
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final RecordJson records = new RecordJson(JSON, 64);

    @Provide
    Arbitrary<Profile> profiles() {
        return ProfileArbitraries.profiles();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().ofMaxLength(64),
                Arbitraries.of("lead-4711", "引号\"和\\反斜杠", "tab\tnewline\n", "\ud83d\ude00 emoji", "\ud800 lone"));
    }

    @Provide
    Arbitrary<Context> contexts() {
        Arbitrary<String> texts = texts();
        Arbitrary<Context.Utm> utm = Combinators.combine(texts, texts, texts, texts, texts).as(Context.Utm::new)
                .injectNull(0.3);
        return Combinators.combine(texts, texts, utm).as(Context::new).injectNull(0.3);
    }

    @Provide
    Arbitrary<Consent> consents() {
        Arbitrary<Boolean> flags = Arbitraries.of(true, false).injectNull(0.3);
        Arbitrary<Consent.Pipl> pipl = Combinators.combine(flags, flags).as(Consent.Pipl::new).injectNull(0.3);
        return Combinators.combine(flags, flags, texts(), pipl).as(Consent::new).injectNull(0.3);
    }

    @Property(tries = 1000)
    void aRecordIsWhatJacksonWritesForItsDecision(@ForAll("profiles") Profile profile, @ForAll("texts") String externalId,
            @ForAll("texts") String tenant, @ForAll Channel channel, @ForAll("contexts") Context context,
            @ForAll("consents") Consent consent) throws IOException {
        RuleSet rules = TestRules.live();
        for (String language : new String[] { "en", "zh-CN" }) {
            // The first decision of a profile writes its outcome, the next ones use the kept one.
            for (int i = 0; i < 2; i++) {
                Decision decision = Decision.of(tenant, channel, externalId, language, rules.version(), profile,
                        rules.advise(profile), context, consent);
                assertThat(records.write(decision)).isEqualTo(JSON.writeValueAsString(decision));
            }
        }
    }

    @Property(tries = 200)
    void aKeptOutcomeIsNeverUsedForAnotherOne(@ForAll("profiles") Profile profile, @ForAll("profiles") Profile other)
            throws IOException {
        RuleSet rules = TestRules.live();
        Decision first = Decision.of("t", Channel.API, null, "en", rules.version(), profile, rules.advise(profile), null, null);
        Decision.Outcome otherOutcome = Decision.Outcome.of(rules.advise(other));
        records.write(first);
        // Decisions as a caller could build them: the kept outcome with another profile or rules version,
        // or the same profile with another outcome.
        for (Decision changed : new Decision[] {
                new Decision(first.decisionId(), "t", Channel.API, null, first.decidedAt(), "en", rules.version(), other,
                        first.recommendations(), first.excluded(), first.plan(), null, null),
                new Decision(first.decisionId(), "t", Channel.API, null, first.decidedAt(), "en", "another", profile,
                        first.recommendations(), first.excluded(), first.plan(), null, null),
                new Decision(first.decisionId(), "t", Channel.API, null, first.decidedAt(), "en", rules.version(), profile,
                        otherOutcome.recommendations(), first.excluded(), first.plan(), null, null),
                new Decision(first.decisionId(), "t", Channel.API, null, first.decidedAt(), "en", rules.version(), profile,
                        first.recommendations(), otherOutcome.excluded(), first.plan(), null, null) }) {
            assertThat(records.write(changed)).isEqualTo(JSON.writeValueAsString(changed));
        }
    }
}
