package io.temas.scoring;

import io.temas.customers.LifecycleStage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rule language admins write scores and alerts in. No script engine and no expression language
 * reaches it: a rule is parsed into the records below and evaluated over facts from the {@link Fact}
 * catalogue, so a rule can only read what the catalogue offers and can never run code.
 *
 * <pre>
 * formula   := line (newline line)*              one term per line; # starts a comment
 * line      := number ['*' fact] ['if' condition]  e.g. {@code 40 if vip}, {@code -15 * breaches(30)}
 * condition := all ('or' all)*
 * all       := one ('and' one)*
 * one       := 'not' one | '(' condition ')' | fact [op value]
 * op        := = | != | &lt; | &lt;= | &gt; | &gt;=
 * fact      := name ['(' argument (',' argument)* ')']
 * argument  := "text" | days | today | attribute = "text" | attribute = number
 * </pre>
 *
 * A yes/no fact alone holds when it is yes, a number alone when above zero; a text fact (the stage) is
 * compared with = or != to a text, a number with any operator to a number. A fact with no value (no
 * survey answered yet) makes its comparison false and adds nothing to a score.
 */
public final class RuleLanguage {

    public static final int MAX_LENGTH = 4000;
    public static final int MAX_TERMS = 50;
    public static final int MAX_DAYS = 3650;
    static final int MAX_DEPTH = 12;
    static final int MAX_FILTERS = 5;
    static final int MAX_TEXT = 200;
    public static final List<String> STAGES = Arrays.stream(LifecycleStage.values()).map(LifecycleStage::code).toList();

    /** A fact with its arguments; {@code days} is -1 when it takes no period, 0 for today. Equal references are read once. */
    public record FactRef(Fact fact, String text, String attribute, int days, Map<String, Object> filters) {
        public FactRef {
            filters = Collections.unmodifiableMap(new TreeMap<>(filters));
        }
    }

    /** A condition: a test of one fact, or several joined. */
    public sealed interface Condition permits AnyOf, AllOf, Not, Test {
    }

    public record AnyOf(List<Condition> conditions) implements Condition {
    }

    public record AllOf(List<Condition> conditions) implements Condition {
    }

    public record Not(Condition condition) implements Condition {
    }

    /** {@code op} and {@code value} are null for a fact tested alone. */
    public record Test(FactRef fact, String op, Object value) implements Condition {
    }

    /** One line of a score: {@code weight}, times {@code fact} when there is one, when {@code when} holds (or always). */
    public record Term(BigDecimal weight, FactRef fact, Condition when) {
    }

    /** A score's formula: the sum of its terms. */
    public record Formula(List<Term> terms) {

        /** Every fact the formula reads. */
        public Set<FactRef> facts() {
            Set<FactRef> facts = new LinkedHashSet<>();
            for (Term term : terms) {
                if (term.fact() != null) {
                    facts.add(term.fact());
                }
                if (term.when() != null) {
                    collect(term.when(), facts);
                }
            }
            return facts;
        }
    }

    private RuleLanguage() {
    }

    /** Every fact a condition reads. */
    public static Set<FactRef> facts(Condition condition) {
        Set<FactRef> facts = new LinkedHashSet<>();
        collect(condition, facts);
        return facts;
    }

    private static void collect(Condition condition, Set<FactRef> into) {
        switch (condition) {
            case AnyOf any -> any.conditions().forEach(c -> collect(c, into));
            case AllOf all -> all.conditions().forEach(c -> collect(c, into));
            case Not not -> collect(not.condition(), into);
            case Test test -> into.add(test.fact());
        }
    }

    /** Parses a score's formula; {@code score(...)} is refused there (scores are computed from facts, not from each other). */
    public static Formula formula(String text) {
        List<Token> tokens = new Lexer(checked(text)).tokens();
        Parser parser = new Parser(tokens, false);
        List<Term> terms = new ArrayList<>();
        parser.skipNewlines();
        while (!parser.at(Type.END)) {
            if (terms.size() == MAX_TERMS) {
                throw parser.error(parser.peek(), "scores.error.tooManyLines", MAX_TERMS);
            }
            terms.add(parser.term());
            if (!parser.at(Type.END)) {
                parser.expect(Type.NEWLINE, "scores.error.endOfLine");
            }
            parser.skipNewlines();
        }
        if (terms.isEmpty()) {
            throw new RuleError(null, "scores.error.empty");
        }
        return new Formula(List.copyOf(terms));
    }

    /** Parses an alert rule's condition (it may span lines). */
    public static Condition condition(String text) {
        List<Token> tokens = new Lexer(checked(text)).tokens().stream().filter(t -> t.type() != Type.NEWLINE).toList();
        Parser parser = new Parser(tokens, true);
        if (parser.at(Type.END)) {
            throw new RuleError(null, "scores.error.empty");
        }
        Condition condition = parser.condition(0);
        if (!parser.at(Type.END)) {
            throw parser.error(parser.peek(), "scores.error.unexpected", parser.peek().text());
        }
        return condition;
    }

    private static String checked(String text) {
        if (text == null || text.isBlank()) {
            throw new RuleError(null, "scores.error.empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new RuleError(null, "scores.error.tooLong", MAX_LENGTH);
        }
        return text;
    }

    enum Type { NUMBER, TEXT, WORD, SYMBOL, NEWLINE, END }

    record Token(Type type, String text, int line, int column) {
    }

    private static final class Lexer {

        private final String text;
        private int at;
        private int line = 1;
        private int lineStart;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (at < text.length()) {
                char c = text.charAt(at);
                int column = at - lineStart + 1;
                if (c == '\n') {
                    tokens.add(new Token(Type.NEWLINE, "\n", line, column));
                    at++;
                    line++;
                    lineStart = at;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    at++;
                } else if (c == '#') {
                    while (at < text.length() && text.charAt(at) != '\n') {
                        at++;
                    }
                } else if (c >= '0' && c <= '9' || c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1))) {
                    int start = at;
                    while (at < text.length() && (Character.isDigit(text.charAt(at)) && text.charAt(at) < 128 || text.charAt(at) == '.')) {
                        at++;
                    }
                    tokens.add(new Token(Type.NUMBER, text.substring(start, at), line, column));
                } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
                    int start = at;
                    while (at < text.length() && isWordChar(text.charAt(at))) {
                        at++;
                    }
                    tokens.add(new Token(Type.WORD, text.substring(start, at), line, column));
                } else if (c == '"' || c == '“' || c == '”') {
                    tokens.add(text(column));
                } else if ("<>!=".indexOf(c) >= 0) {
                    int start = at;
                    at++;
                    if (at < text.length() && text.charAt(at) == '=') {
                        at++;
                    }
                    String symbol = text.substring(start, at);
                    if (symbol.equals("!")) {
                        throw new RuleError(null, "scores.error.character", line, column, "!");
                    }
                    tokens.add(new Token(Type.SYMBOL, symbol.equals("==") ? "=" : symbol, line, column));
                } else if ("()*,-".indexOf(c) >= 0) {
                    tokens.add(new Token(Type.SYMBOL, String.valueOf(c), line, column));
                    at++;
                } else {
                    String shown = Character.isISOControl(c) ? String.format("U+%04X", (int) c) : new String(Character.toChars(text.codePointAt(at)));
                    throw new RuleError(null, "scores.error.character", line, column, shown);
                }
            }
            tokens.add(new Token(Type.END, "", line, at - lineStart + 1));
            return tokens;
        }

        private static boolean isWordChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
        }

        private Token text(int column) {
            at++;
            StringBuilder value = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '"' || c == '“' || c == '”') {
                    at++;
                    if (value.length() > MAX_TEXT) {
                        throw new RuleError(null, "scores.error.textTooLong", line, column, MAX_TEXT);
                    }
                    return new Token(Type.TEXT, value.toString(), line, column);
                }
                if (c == '\n' || Character.isISOControl(c)) {
                    break;
                }
                value.append(c);
                at++;
            }
            throw new RuleError(null, "scores.error.unclosedText", line, column);
        }
    }

    private static final class Parser {

        private final List<Token> tokens;
        private final boolean scoresAllowed;
        private int at;

        Parser(List<Token> tokens, boolean scoresAllowed) {
            this.tokens = tokens;
            this.scoresAllowed = scoresAllowed;
        }

        Token peek() {
            return tokens.get(at);
        }

        boolean at(Type type) {
            return peek().type() == type;
        }

        boolean atSymbol(String symbol) {
            return peek().type() == Type.SYMBOL && peek().text().equals(symbol);
        }

        boolean atWord(String word) {
            return peek().type() == Type.WORD && peek().text().equals(word);
        }

        Token next() {
            Token token = tokens.get(at);
            if (token.type() != Type.END) {
                at++;
            }
            return token;
        }

        void skipNewlines() {
            while (at(Type.NEWLINE)) {
                next();
            }
        }

        Token expect(Type type, String key) {
            if (!at(type)) {
                throw error(peek(), key, shown(peek()));
            }
            return next();
        }

        void expectSymbol(String symbol) {
            if (!atSymbol(symbol)) {
                throw error(peek(), "scores.error.expected", symbol, shown(peek()));
            }
            next();
        }

        RuleError error(Token token, String key, Object... more) {
            Object[] arguments = new Object[more.length + 2];
            arguments[0] = token.line();
            arguments[1] = token.column();
            System.arraycopy(more, 0, arguments, 2, more.length);
            return new RuleError(null, key, arguments);
        }

        static String shown(Token token) {
            return switch (token.type()) {
                case END -> "…";
                case NEWLINE -> "↵";
                case TEXT -> "\"" + token.text() + "\"";
                default -> token.text();
            };
        }

        Term term() {
            Token start = peek();
            BigDecimal weight = number("scores.error.weight");
            FactRef fact = null;
            if (atSymbol("*")) {
                next();
                Token named = peek();
                fact = fact();
                if (fact.fact().kind() == Fact.Kind.TEXT) {
                    throw error(named, "scores.error.notANumber", fact.fact().word());
                }
            }
            Condition when = null;
            if (atWord("if")) {
                next();
                when = condition(0);
            }
            if (!at(Type.NEWLINE) && !at(Type.END)) {
                throw error(peek(), start == peek() ? "scores.error.weight" : "scores.error.endOfLine", shown(peek()));
            }
            return new Term(weight, fact, when);
        }

        private BigDecimal number(String key) {
            boolean negative = false;
            if (atSymbol("-")) {
                next();
                negative = true;
            }
            Token token = peek();
            if (token.type() != Type.NUMBER) {
                throw error(token, key, shown(token));
            }
            next();
            try {
                BigDecimal value = new BigDecimal(token.text());
                if (value.precision() > 18) {
                    throw error(token, "scores.error.bigNumber", token.text());
                }
                return negative ? value.negate() : value;
            } catch (NumberFormatException e) {
                throw error(token, key, token.text());
            }
        }

        Condition condition(int depth) {
            if (depth > MAX_DEPTH) {
                throw error(peek(), "scores.error.tooDeep", MAX_DEPTH);
            }
            List<Condition> any = new ArrayList<>();
            any.add(all(depth));
            while (atWord("or")) {
                next();
                any.add(all(depth));
            }
            return any.size() == 1 ? any.getFirst() : new AnyOf(List.copyOf(any));
        }

        private Condition all(int depth) {
            List<Condition> all = new ArrayList<>();
            all.add(one(depth));
            while (atWord("and")) {
                next();
                all.add(one(depth));
            }
            return all.size() == 1 ? all.getFirst() : new AllOf(List.copyOf(all));
        }

        private Condition one(int depth) {
            if (depth > MAX_DEPTH) {
                throw error(peek(), "scores.error.tooDeep", MAX_DEPTH);
            }
            if (atWord("not")) {
                next();
                return new Not(one(depth + 1));
            }
            if (atSymbol("(")) {
                next();
                Condition inner = condition(depth + 1);
                expectSymbol(")");
                return inner;
            }
            Token named = peek();
            FactRef fact = fact();
            if (peek().type() == Type.SYMBOL && List.of("=", "!=", "<", "<=", ">", ">=").contains(peek().text())) {
                Token op = next();
                return switch (fact.fact().kind()) {
                    case TEXT -> {
                        if (!op.text().equals("=") && !op.text().equals("!=")) {
                            throw error(op, "scores.error.textOperator", fact.fact().word());
                        }
                        Token value = peek();
                        if (value.type() != Type.TEXT) {
                            throw error(value, "scores.error.textValue", fact.fact().word(), shown(value));
                        }
                        next();
                        if (fact.fact() == Fact.STAGE && !STAGES.contains(value.text())) {
                            throw error(value, "scores.error.stage", value.text(), String.join(", ", STAGES));
                        }
                        yield new Test(fact, op.text(), value.text());
                    }
                    case NUMBER -> new Test(fact, op.text(), number("scores.error.numberValue"));
                    case YES_NO -> throw error(op, "scores.error.yesNo", fact.fact().word());
                };
            }
            if (fact.fact().kind() == Fact.Kind.TEXT) {
                throw error(named, "scores.error.textAlone", fact.fact().word());
            }
            return new Test(fact, null, null);
        }

        FactRef fact() {
            Token name = peek();
            if (name.type() != Type.WORD) {
                throw error(name, "scores.error.fact", shown(name));
            }
            next();
            Fact fact = Fact.named(name.text()).orElseThrow(() -> error(name, "scores.error.unknownFact", name.text()));
            if (fact == Fact.SCORE && !scoresAllowed) {
                throw error(name, "scores.error.scoreInScore");
            }
            String signature = fact.arguments();
            if (signature.isEmpty()) {
                if (atSymbol("(")) {
                    throw error(peek(), "scores.error.noArguments", fact.word());
                }
                return new FactRef(fact, null, null, -1, Map.of());
            }
            if (!atSymbol("(")) {
                throw error(peek(), "scores.error.arguments", fact.word(), fact.usage());
            }
            next();
            List<String> texts = new ArrayList<>();
            int days = -1;
            Map<String, Object> filters = new TreeMap<>();
            boolean first = true;
            for (char kind : signature.toCharArray()) {
                if (kind == '*') {
                    while (atSymbol(",")) {
                        next();
                        Token attribute = peek();
                        if (attribute.type() != Type.WORD) {
                            throw error(attribute, "scores.error.filter", fact.usage());
                        }
                        next();
                        expectSymbol("=");
                        Token value = peek();
                        Object filter;
                        if (value.type() == Type.TEXT) {
                            next();
                            filter = value.text();
                        } else if (value.type() == Type.NUMBER || atSymbol("-")) {
                            filter = number("scores.error.filter");
                        } else if (value.type() == Type.WORD && (value.text().equals("true") || value.text().equals("false"))) {
                            next();
                            filter = Boolean.valueOf(value.text());
                        } else {
                            throw error(value, "scores.error.filter", fact.usage());
                        }
                        if (filters.size() == MAX_FILTERS || filters.put(attribute.text(), filter) != null) {
                            throw error(attribute, "scores.error.filters", MAX_FILTERS);
                        }
                    }
                    continue;
                }
                if (!first) {
                    if (!atSymbol(",")) {
                        throw error(peek(), "scores.error.arguments", fact.word(), fact.usage());
                    }
                    next();
                }
                first = false;
                Token argument = peek();
                if (kind == 's') {
                    if (argument.type() != Type.TEXT || argument.text().isBlank()) {
                        throw error(argument, "scores.error.arguments", fact.word(), fact.usage());
                    }
                    texts.add(argument.text());
                    next();
                } else {
                    if (argument.type() == Type.WORD && argument.text().equals("today")) {
                        days = 0;
                        next();
                    } else if (argument.type() == Type.NUMBER && argument.text().matches("[0-9]{1,4}")
                            && Integer.parseInt(argument.text()) >= 1 && Integer.parseInt(argument.text()) <= MAX_DAYS) {
                        days = Integer.parseInt(argument.text());
                        next();
                    } else {
                        throw error(argument, "scores.error.days", MAX_DAYS);
                    }
                }
            }
            if (!atSymbol(")")) {
                throw error(peek(), "scores.error.arguments", fact.word(), fact.usage());
            }
            next();
            return new FactRef(fact, texts.isEmpty() ? null : texts.get(0), texts.size() > 1 ? texts.get(1) : null, days, filters);
        }
    }
}
