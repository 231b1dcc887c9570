package io.wechatadvisor.recommendation.ruleset;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.definition.type.FactType;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import io.wechatadvisor.recommendation.domain.Evidence;
import io.wechatadvisor.recommendation.domain.Profile;
import io.wechatadvisor.recommendation.domain.RuleInfo;
import io.wechatadvisor.recommendation.evaluation.FitBands;

/**
 * Compiles a {@link RuleFiles} into a {@link RuleSet} and refuses anything incomplete: a DRL error
 * (with its file and line), no rules at all, a rule without its {@code @id}, {@code @source} or
 * {@code @asOf}, a fact without a {@code @quote} found verbatim in its source, missing score bands, or
 * a missing text.
 */
public final class RuleSetCompiler {

    /** Rules listed by id, then file, then DRL name. */
    static final Comparator<RuleInfo> CATALOGUE_ORDER = Comparator.comparing(RuleInfo::id)
            .thenComparing(RuleInfo::file, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(RuleInfo::name, Comparator.nullsFirst(Comparator.naturalOrder()));

    static final String FACTS_PACKAGE = Profile.class.getPackageName();
    /** The application's class loader, remembering the names it does not have ({@link FactsClassLoader}). */
    static final ClassLoader CLASS_LOADER = new FactsClassLoader(Profile.class.getClassLoader());
    private static final Pattern RULE_ID = Pattern.compile("[A-Z]+(-[A-Z0-9]+)+");
    private static final Pattern SOURCE_KEY = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");

    /**
     * Consequences are compiled by the Eclipse compiler that ships with Drools, so the rules compile on
     * a JRE without javac (the container image is one).
     */
    private static final Properties COMPILER = new Properties();

    static {
        COMPILER.setProperty("drools.dialect.java.compiler", "ECLIPSE");
    }

    private RuleSetCompiler() {
    }

    /**
     * Compiles the DRL of {@code files} and builds the rule set, after checking that the DRL stays
     * within what rule files may do ({@link RuleSafety}).
     */
    public static RuleSet compile(RuleFiles files) throws RuleLoadException {
        RuleSafety.check(files.drl());
        return build(files, compilePackages(files));
    }

    /**
     * Compiles the DRL of {@code files} into knowledge packages, or names the first error.
     *
     * <p>Why {@code KnowledgeBuilder} and {@code InternalKnowledgeBase} rather than the public
     * {@code KieServices}/{@code KieBuilder}: the packages they give can be serialised at build time
     * ({@link PrecompiledRules}), and they compile faster. Measured cold, one JVM per run, on the same
     * (busy) machine: this path 33.6 s, {@code KieBuilder} 51.4 s; the executable model
     * ({@code drools-model-codegen}) 34.9 s, but it needs every consequence to say {@code kcontext}
     * instead of {@code drools} and its prebuilt module did not load back; see docs/performance.md.
     */
    static Collection<KiePackage> compilePackages(RuleFiles files) throws RuleLoadException {
        if (files.drl().isEmpty()) {
            throw new RuleLoadException("", 0, "no rule files (*.drl) at the top of the rules directory");
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(COMPILER, CLASS_LOADER));
        CompositeKnowledgeBuilder batch = builder.batch();
        files.drl().forEach((path, content) ->
                batch.add(ResourceFactory.newByteArrayResource(content).setSourcePath(path), ResourceType.DRL));
        batch.build();
        if (builder.hasErrors()) {
            throw firstError(builder);
        }
        return builder.getKnowledgePackages();
    }

    /**
     * Builds the rule set from compiled packages (fresh, or precompiled at build time) and the texts of
     * {@code files}, checking that it is complete.
     */
    static RuleSet build(RuleFiles files, Collection<KiePackage> packages) throws RuleLoadException {
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                RuleBaseFactory.newKnowledgeBaseConfiguration(null, CLASS_LOADER));
        kieBase.addPackages(packages);

        Sources documents = Sources.load(files);
        Map<String, RuleInfo> rules = readRules(kieBase.getKiePackages(), documents);
        if (rules.isEmpty()) {
            throw new RuleLoadException("", 0, "the rule files declare no rules");
        }
        FitBands bands = readBands(kieBase);
        Set<String> ids = new TreeSet<>();
        Set<String> judgements = new TreeSet<>();
        Set<String> sources = new TreeSet<>();
        rules.values().forEach(rule -> {
            ids.add(rule.id());
            if (rule.judgement()) {
                judgements.add(rule.id());
            }
            if (rule.source() != null) {
                sources.add(rule.source());
            }
        });
        Texts texts = Texts.load(files, ids, judgements, sources);
        return new RuleSet(kieBase, files, rules, texts, bands, documents);
    }

    private static RuleLoadException firstError(KnowledgeBuilder builder) {
        KnowledgeBuilderError error = builder.getErrors().iterator().next();
        String file = error.getResource() != null && error.getResource().getSourcePath() != null
                ? error.getResource().getSourcePath() : "";
        int[] lines = error.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(lines[0], 0) : 0;
        String message = Objects.toString(error.getMessage(), "").strip();
        return new RuleLoadException(file, line, message.isEmpty() ? "the rule file does not compile" : message);
    }

    private static Map<String, RuleInfo> readRules(Iterable<KiePackage> packages, Sources documents)
            throws RuleLoadException {
        Map<String, RuleInfo> rules = new HashMap<>();
        for (KiePackage kiePackage : packages) {
            for (Rule rule : kiePackage.getRules()) {
                String file = rule instanceof RuleImpl impl && impl.getResource() != null
                        ? impl.getResource().getSourcePath() : "";
                if (!FACTS_PACKAGE.equals(kiePackage.getName())) {
                    throw new RuleLoadException(file, 0, "rule \"" + rule.getName() + "\" is in package "
                            + kiePackage.getName() + "; rules belong to package " + FACTS_PACKAGE);
                }
                rules.put(rule.getName(), ruleInfo(rule, file, documents));
            }
        }
        return rules;
    }

    private static RuleInfo ruleInfo(Rule rule, String file, Sources documents) throws RuleLoadException {
        Map<String, Object> meta = rule.getMetaData();
        String where = "rule \"" + rule.getName() + "\": ";
        String id = text(meta.get("id"));
        if (id == null || !RULE_ID.matcher(id).matches()) {
            throw new RuleLoadException(file, 0, where + "needs @id(\"AREA-NAME\"), an upper-case catalogue id");
        }
        String source = text(meta.get("source"));
        if (source != null && !SOURCE_KEY.matcher(source).matches()) {
            throw new RuleLoadException(file, 0, where + "@source must be a source document key");
        }
        boolean judgement = "true".equals(text(meta.get("judgement")));
        if (source == null && !judgement) {
            throw new RuleLoadException(file, 0, where + "needs @source(\"KEY\") and @quote, or @judgement(true) where no source states it");
        }
        String asOf;
        try {
            asOf = LocalDate.parse(Objects.requireNonNullElse(text(meta.get("asOf")), "")).toString();
        } catch (DateTimeParseException e) {
            throw new RuleLoadException(file, 0, where + "needs @asOf(\"YYYY-MM-DD\"), when its fact was last checked");
        }
        Evidence evidence = evidence(meta.get("quote"), source, judgement, documents, file, where);
        return new RuleInfo(compact(id), compact(rule.getName()), compact(source), asOf, judgement, compact(file),
                evidence);
    }

    /**
     * The excerpt of its source that a rule's {@code @quote} stands for. A fact must quote its source;
     * a judgement may. The quote must be found in {@code sources/<KEY>.txt}.
     */
    private static Evidence evidence(Object value, String source, boolean judgement, Sources documents, String file,
            String where) throws RuleLoadException {
        if (source != null && !documents.contains(source)) {
            throw new RuleLoadException(file, 0, where + "cites " + source + ", but there is no "
                    + Sources.FOLDER + "/" + source + ".txt");
        }
        String quote = text(value);
        if (quote == null) {
            if (judgement) {
                return null;
            }
            throw new RuleLoadException(file, 0, where + "needs @quote(\"…\"): the words of " + source
                    + " behind it, or @judgement(true)");
        }
        if (source == null) {
            throw new RuleLoadException(file, 0, where + "a @quote needs the @source it comes from");
        }
        if (Sources.length(quote) > Sources.MAX_QUOTE) {
            throw new RuleLoadException(file, 0, where + "@quote is longer than " + Sources.MAX_QUOTE + " characters");
        }
        Evidence evidence = documents.find(source, quote);
        if (evidence == null) {
            throw new RuleLoadException(file, 0, where + "@quote is not found in " + Sources.FOLDER + "/" + source
                    + ".txt: \"" + quote + "\"");
        }
        return new Evidence(source, compact(evidence.quote()));
    }

    /**
     * The same text, stored one byte a character where it can be: the DRL parser hands metadata back
     * as two-byte strings, which every answer would otherwise write out character by character.
     */
    private static String compact(String text) {
        return text == null ? null : new String(text.toCharArray());
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.isEmpty() ? null : text;
    }

    /** The bands of the declared enum {@code FitBand}, read through Drools' public {@link FactType} API. */
    private static FitBands readBands(KieBase kieBase) throws RuleLoadException {
        try {
            FactType bandType = kieBase.getFactType(FACTS_PACKAGE, "FitBand");
            Map<String, Integer> bands = new HashMap<>();
            for (Object band : bandType.getFactClass().getEnumConstants()) {
                bands.put(((Enum<?>) band).name(), (Integer) bandType.get(band, "minScore"));
            }
            Integer strong = bands.get("STRONG");
            Integer good = bands.get("GOOD");
            if (strong == null || good == null || strong <= good || good <= 0 || strong > 100) {
                throw new RuleLoadException("weights.drl", 0,
                        "FitBand must declare STRONG and GOOD with 0 < GOOD < STRONG <= 100");
            }
            return new FitBands(strong, good);
        } catch (RuntimeException e) {
            throw new RuleLoadException("weights.drl", 0,
                    "the rules must declare the enum FitBand(minScore : int) with STRONG, GOOD and WEAK");
        }
    }
}
