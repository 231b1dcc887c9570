package io.wechatadvisor.recommendation.ruleset;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.EnumDeclarationDescr;
import org.drools.drl.ast.descr.EnumLiteralDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.io.ResourceFactory;

/**
 * Refuses DRL that could do more than the rules' documented job, before the compiler sees it: a rule
 * consequence compiles to Java and runs inside the service, so whoever may write the rules folder
 * could otherwise run any code in it. What the rule authors' guide ({@code rules/README.md}) allows
 * is all that passes:
 * <ul>
 * <li>conditions on {@code Profile} only: its fields, enum constants, comparisons and {@code in} /
 * {@code contains}; no calls, no {@code eval}, {@code from}, {@code accumulate} or other sources;</li>
 * <li>consequences that only call the {@code verdict}: {@code exclude}, {@code score}, {@code warn}
 * and {@code need}, with {@code drools}, {@code Product.X}, {@code Need.X} and
 * {@code Weight.X.getPoints()} as arguments;</li>
 * <li>the global {@code Verdict verdict}; enums declared with whole-number values (weights, fit bands);
 * no imports, functions, queries, classes, rule attributes or named consequences.</li>
 * </ul>
 * A pragmatic allow-list on the parsed DRL (Drools' descr tree), not a sandbox: it is there so that
 * a change to the rules folder cannot run code, and so a rule author learns at once what is allowed.
 */
final class RuleSafety {

    private static final String FACT = "Profile";
    private static final String CONSTANT = "[A-Z][A-Za-z0-9]*\\.[A-Z][A-Z0-9_]*";
    private static final String ARGUMENT = "(?:(?:Product|Need)\\.[A-Z][A-Z0-9_]*|Weight\\.[A-Z][A-Z0-9_]*\\.getPoints\\(\\))";
    private static final Pattern CONSEQUENCE = Pattern.compile(
            "(?:verdict\\.(?:exclude|score|warn|need)\\(drools(?:," + ARGUMENT + ")*\\);)*");
    private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern CONDITION_TOKENS = Pattern.compile(
            "\\s+|" + CONSTANT + "|[a-z][A-Za-z0-9]*|==|!=|\\|\\||&&|[(),!]");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,9}");

    private RuleSafety() {
    }

    /** Checks every DRL file; a file that does not parse is left to the compiler, which names the error. */
    static void check(Map<String, byte[]> drl) throws RuleLoadException {
        for (Map.Entry<String, byte[]> file : drl.entrySet()) {
            DrlParser parser = new DrlParser();
            PackageDescr descr;
            try {
                descr = parser.parse(ResourceFactory.newByteArrayResource(file.getValue()).setSourcePath(file.getKey()));
            } catch (DroolsParserException | IOException | RuntimeException e) {
                continue;
            }
            if (descr != null && !parser.hasErrors()) {
                check(file.getKey(), descr);
            }
        }
    }

    static void check(String file, PackageDescr drl) throws RuleLoadException {
        refuseAny(file, drl.getImports(), "imports");
        refuseAny(file, drl.getFunctionImports(), "function imports");
        refuseAny(file, drl.getAccumulateImports(), "accumulate imports");
        refuseAny(file, drl.getFunctions(), "functions");
        refuseAny(file, drl.getTypeDeclarations(), "declared types (only enums of whole numbers)");
        refuseAny(file, List.copyOf(drl.getEntryPointDeclarations()), "entry points");
        refuseAny(file, List.copyOf(drl.getWindowDeclarations()), "windows");
        for (GlobalDescr global : drl.getGlobals()) {
            if (!"verdict".equals(global.getIdentifier()) || !"Verdict".equals(global.getType())) {
                throw refused(file, global, "the only global is \"global Verdict verdict;\"");
            }
        }
        for (EnumDeclarationDescr declared : drl.getEnumDeclarations()) {
            checkEnum(file, declared);
        }
        for (RuleDescr rule : drl.getRules()) {
            checkRule(file, rule);
        }
    }

    private static void checkEnum(String file, EnumDeclarationDescr declared) throws RuleLoadException {
        for (EnumLiteralDescr literal : declared.getLiterals()) {
            for (String argument : literal.getConstructorArgs()) {
                if (!WHOLE_NUMBER.matcher(argument.strip()).matches()) {
                    throw refused(file, literal, "enum " + declared.getTypeName() + "." + literal.getName()
                            + " may only hold whole numbers");
                }
            }
        }
        checkFields(file, declared);
    }

    private static void checkFields(String file, AbstractClassTypeDeclarationDescr declared) throws RuleLoadException {
        for (TypeFieldDescr field : declared.getFields().values()) {
            if (field.getInitExpr() != null) {
                throw refused(file, field, "field " + field.getFieldName() + " of " + declared.getTypeName()
                        + " may not have an initial value");
            }
        }
    }

    private static void checkRule(String file, RuleDescr rule) throws RuleLoadException {
        String where = (rule.isQuery() ? "query" : "rule") + " \"" + rule.getName() + "\": ";
        if (rule.isQuery()) {
            throw refused(file, rule, where + "queries are not allowed");
        }
        if (!rule.getAttributes().isEmpty()) {
            throw refused(file, rule, where + "rule attributes (" + String.join(", ", rule.getAttributes().keySet())
                    + ") are not allowed");
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            throw refused(file, rule, where + "named consequences are not allowed");
        }
        checkConditions(file, where, rule.getLhs());
        String raw = String.valueOf(rule.getConsequence());
        String consequence = COMMENTS.matcher(raw).replaceAll(" ");
        if (raw.contains("\\") || !CONSEQUENCE.matcher(consequence.replaceAll("\\s+", "")).matches()) {
            throw new RuleLoadException(file, Math.max(rule.getConsequenceLine(), 0), where
                    + "a consequence may only call verdict.exclude, score, warn or need with drools, Product.X, "
                    + "Need.X and Weight.X.getPoints() (see rules/README.md)");
        }
    }

    private static void checkConditions(String file, String where, BaseDescr element) throws RuleLoadException {
        if (element instanceof AndDescr || element instanceof OrDescr || element instanceof NotDescr
                || element instanceof ExistsDescr) {
            for (BaseDescr child : ((org.drools.drl.ast.descr.ConditionalElementDescr) element).getDescrs()) {
                checkConditions(file, where, child);
            }
        } else if (element instanceof PatternDescr pattern && FACT.equals(pattern.getObjectType())
                && pattern.getSource() == null) {
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (!(constraint instanceof ExprConstraintDescr expression) || !isPlainCondition(expression.getExpression())) {
                    throw refused(file, constraint, where + "a condition may only compare Profile fields with "
                            + "values and enum constants: no calls or other expressions (see rules/README.md)");
                }
            }
        } else {
            throw refused(file, element, where + "conditions may only test the Profile (no eval, from, "
                    + "accumulate or other facts)");
        }
    }

    /** Field names, enum constants, comparisons, logic, {@code in}, {@code contains}; no call but {@code in (…)}. */
    static boolean isPlainCondition(String expression) {
        if (expression == null) {
            return false;
        }
        var tokens = CONDITION_TOKENS.matcher(expression);
        int end = 0;
        String previous = "";
        while (tokens.lookingAt()) {
            String token = tokens.group();
            if (token.equals("(") && !previous.equals("in") && previous.matches("[A-Za-z0-9_.]+")) {
                return false; // a call
            }
            if (!token.isBlank()) {
                previous = token;
            }
            end = tokens.end();
            tokens.region(end, expression.length());
        }
        return end == expression.length();
    }

    private static void refuseAny(String file, List<? extends BaseDescr> found, String what) throws RuleLoadException {
        if (!found.isEmpty()) {
            throw refused(file, found.get(0), what + " are not allowed in rule files");
        }
    }

    private static RuleLoadException refused(String file, BaseDescr at, String message) {
        return new RuleLoadException(file, Math.max(at.getLine(), 0), message);
    }
}
