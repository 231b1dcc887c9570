package io.wechatadvisor.recommendation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;

import io.wechatadvisor.config.JsonConfig;
import io.wechatadvisor.recommendation.domain.ContentCadence;
import io.wechatadvisor.recommendation.domain.EntityType;
import io.wechatadvisor.recommendation.domain.Goal;
import io.wechatadvisor.recommendation.domain.Industry;
import io.wechatadvisor.recommendation.domain.OfflinePresence;

/**
 * The straight path reads exactly what data binding reads, or gives the body to data binding: over plain profiles
 * in any field order, and over the same bodies broken in the ways a client or an attacker breaks them.
 */
class ProfileRequestReaderTest {

    private static final ObjectMapper MAPPER = mapper();
    private static final ProfileRequestReader READER = new ProfileRequestReader(MAPPER);
    /** Every field of a profile, and those that are flags, as the record names them. */
    private static final List<String> FIELDS = Arrays.stream(ProfileRequest.class.getRecordComponents())
            .map(RecordComponent::getName).toList();
    private static final List<String> FLAGS = Arrays.stream(ProfileRequest.class.getRecordComponents())
            .filter(component -> component.getType() == Boolean.class).map(RecordComponent::getName).toList();
    /** Values that are wrong for some or all fields. */
    private static final List<String> ODD_VALUES = List.of("null", "0", "1.5", "\"\"", "\"true\"", "true", "{}", "[]",
            "[null]", "\"SINGLE_LOCATION\"", "\"enterprise\"", "[\"SELL_PRODUCTS\",1]", "{\"pageUri\":1}",
            "{\"pageUri\":\"https://a.example\",\"pageUri\":\"https://b.example\"}", "{\"utm\":{\"source\":null}}",
            "\"\\u0000\"", "truex", "tru", " true ", "\n\"BOOKINGS\"\t", "\"A\\\"B\"", "\"\u00e9\"", "\"a\\nb\"",
            "{\"pageUri\":\"}\"}", "{\"utm\":{}", "{\"pageUri\":\"\\\"}\"}}");

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonConfig().customize(mapper);
        return mapper;
    }

    @Property(tries = 2000)
    void readsAPlainProfileStraightAsDataBindingReadsIt(@ForAll("plainBodies") String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        ProfileRequest plain = READER.plain(bytes);

        assertThat(plain).as(body).isNotNull().isEqualTo(MAPPER.readValue(bytes, ProfileRequest.class));
    }

    @Property(tries = 5000)
    void aBrokenBodyIsEitherReadAsDataBindingReadsItOrLeftToIt(@ForAll("brokenBodies") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        ProfileRequest plain = READER.plain(bytes);

        if (plain != null) {
            assertThatCode(() -> assertThat(MAPPER.readValue(bytes, ProfileRequest.class)).isEqualTo(plain))
                    .as(body).doesNotThrowAnyException();
        }
    }

    @Property(tries = 300)
    void theLastByteCutOffOrAnyByteChangedNeverReadsDifferently(@ForAll("plainBodies") String body,
            @ForAll("positions") double where, @ForAll byte replacement) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int at = (int) (where * bytes.length);
        byte[] cut = Arrays.copyOf(bytes, at);
        byte[] changed = bytes.clone();
        changed[Math.min(at, bytes.length - 1)] = replacement;

        for (byte[] broken : List.of(cut, changed)) {
            ProfileRequest plain = READER.plain(broken);
            if (plain != null) {
                assertThatCode(() -> assertThat(MAPPER.readValue(broken, ProfileRequest.class)).isEqualTo(plain))
                        .doesNotThrowAnyException();
            }
        }
    }

    @Provide
    Arbitrary<Double> positions() {
        return Arbitraries.doubles().between(0, 1);
    }

    @Provide
    Arbitrary<String> plainBodies() {
        return entries(true).map(ProfileRequestReaderTest::object);
    }

    @Provide
    Arbitrary<String> brokenBodies() {
        Arbitrary<String> field = Arbitraries.of(FIELDS);
        Arbitrary<String> odd = Arbitraries.of(ODD_VALUES);
        return Combinators.combine(entries(false), field, odd, Arbitraries.integers().between(0, 6))
                .as((entries, name, value, how) -> broken(entries, name, value, how));
    }

    private static String broken(List<String> entries, String name, String value, int how) {
        List<String> changed = new ArrayList<>(entries);
        String entry = json(name) + ":" + value;
        switch (how) {
            case 0 -> changed.removeIf(e -> e.startsWith(json(name) + ":"));
            case 1 -> changed.add(entry);
            case 2 -> changed.add(json(name + "X") + ":" + value);
            case 3 -> {
                return object(changed) + value;
            }
            case 4 -> {
                return "[" + object(changed) + "]";
            }
            case 5 -> changed.add(0, entry);
            default -> {
                changed.removeIf(e -> e.startsWith(json(name) + ":"));
                changed.add(entry);
            }
        }
        return object(changed);
    }

    /**
     * The entries of a profile, required and optional, in any order: a plain one (ASCII texts without escapes, a
     * context or consent alike), or one that data binding reads and the straight path may leave to it (any text).
     */
    private static Arbitrary<List<String>> entries(boolean plain) {
        Arbitrary<List<Boolean>> flags = Arbitraries.of(true, false).injectNull(0.5).list().ofSize(FLAGS.size());
        Arbitrary<String> goals = Arbitraries.of(Goal.class).list().ofMaxSize(ProfileRequest.MAX_GOALS)
                .map(list -> "\"goals\":" + list.stream().map(g -> json(g.name()))
                        .collect(Collectors.joining(",", "[", "]")));
        StringArbitrary ids = plain ? Arbitraries.strings().withCharRange(' ', '~').excludeChars('"', '\\')
                : Arbitraries.strings();
        Arbitrary<String> externalId = ids.ofMaxLength(40).map(id -> "\"externalId\":" + MAPPER.valueToTree(id));
        List<String> contexts = new ArrayList<>(List.of("", "\"context\":{}", "\"context\":{\"pageUri\":"
                + "\"https://a.example/x?utm_source=n\",\"utm\":{\"source\":\"n\",\"campaign\":\"c\"}}",
                "\"consent\":{\"processing\":true,\"text\":\"ok {x}\",\"pipl\":{\"crossBorder\":false}}"));
        if (!plain) {
            contexts.add("\"context\":{\"referrer\":\"https://b.example/{\\\"}\u00e9\",\"utm\":{}}");
        }
        Arbitrary<String> context = Arbitraries.of(contexts);
        return Combinators.combine(Arbitraries.of(EntityType.class), Arbitraries.of(OfflinePresence.class),
                        Arbitraries.of(ContentCadence.class), Arbitraries.of(Industry.class).injectNull(0.3), goals
                                .injectNull(0.3), flags, externalId.injectNull(0.5), context)
                .as((entity, presence, cadence, industry, goalList, flagList, id, ctx) -> {
                    List<String> all = new ArrayList<>(List.of(json("entityType") + ":" + json(entity.name()),
                            json("offlinePresence") + ":" + json(presence.name()),
                            json("contentCadence") + ":" + json(cadence.name())));
                    if (industry != null) {
                        all.add(json("industry") + ":" + json(industry.name()));
                    }
                    for (String optional : new String[] { goalList, id, ctx }) {
                        if (optional != null && !optional.isEmpty()) {
                            all.add(optional);
                        }
                    }
                    for (int i = 0; i < FLAGS.size(); i++) {
                        if (flagList.get(i) != null) {
                            all.add(json(FLAGS.get(i)) + ":" + flagList.get(i));
                        }
                    }
                    return all;
                })
                .flatMap(all -> Arbitraries.shuffle(all));
    }

    private static String object(List<String> entries) {
        return entries.stream().collect(Collectors.joining(",", "{", "}"));
    }

    private static String json(String text) {
        return MAPPER.valueToTree(text).toString();
    }
}
