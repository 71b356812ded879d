package io.temas.scoring;

import io.temas.platform.AfterCommit;
import io.temas.shared.Ids;
import io.temas.shared.NotFound;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The score and alert rules an admin keeps. Every save is checked whole (each field, and the formula or
 * condition parsed by {@link RuleLanguage}) and refused with every error at once; a saved or deleted rule
 * has every customer's scores and alerts recomputed in the background once it commits.
 */
@Component
public class ScoringRules {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final int MAX_NAME = 80;
    static final int MAX_MESSAGE = 300;

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final Recomputation recomputation;

    ScoringRules(JdbcClient jdbc, Ids ids, Clock clock, Recomputation recomputation) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.recomputation = recomputation;
    }

    /** Every score rule, in the admin's order. */
    public List<ScoreRule> scores() {
        return jdbc.sql("select * from score_rules order by position, code").query(ScoringRules::score).list();
    }

    public Optional<ScoreRule> score(UUID id) {
        return jdbc.sql("select * from score_rules where id = ?").param(id).query(ScoringRules::score).optional();
    }

    /** Every alert rule, most severe first. */
    public List<AlertRule> alerts() {
        return jdbc.sql("""
                select * from alert_rules
                order by case severity when 'critical' then 0 when 'warning' then 1 else 2 end, name_en""").query(ScoringRules::alert).list();
    }

    public Optional<AlertRule> alert(UUID id) {
        return jdbc.sql("select * from alert_rules where id = ?").param(id).query(ScoringRules::alert).optional();
    }

    /** Adds ({@code id} null) or changes a score rule; returns its id. */
    @Transactional
    public UUID save(ScoreRule rule, String by) {
        List<RuleError> errors = new ArrayList<>();
        String code = rule.code() == null ? "" : rule.code().strip();
        if (!CODE.matcher(code).matches()) {
            errors.add(new RuleError("code", "scores.error.code"));
        }
        names(errors, rule.nameTr(), rule.nameAz(), rule.nameEn());
        parse(errors, "formula", () -> RuleLanguage.formula(rule.formula()));
        if (rule.position() < -10_000 || rule.position() > 10_000) {
            errors.add(new RuleError("position", "scores.error.position"));
        }
        if (rule.id() != null && score(rule.id()).isEmpty()) {
            throw new NotFound("score rule " + rule.id());
        }
        UUID id = rule.id() == null ? ids.next() : rule.id();
        String before = rule.id() == null ? null : score(rule.id()).map(ScoreRule::code).orElse(null);
        if (before != null && !before.equals(code)) {
            readBy(before).ifPresent(alert -> errors.add(new RuleError("code", "scores.error.scoreInUse", before, alert.name(LocaleContextHolder.getLocale().getLanguage()))));
        }
        if (errors.isEmpty()) {
            try {
                jdbc.sql("""
                        insert into score_rules (id, code, name_tr, name_az, name_en, formula, position, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set code = excluded.code, name_tr = excluded.name_tr, name_az = excluded.name_az,
                            name_en = excluded.name_en, formula = excluded.formula, position = excluded.position,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                        .params(id, code, rule.nameTr().strip(), rule.nameAz().strip(), rule.nameEn().strip(), rule.formula().strip(),
                                rule.position(), Timestamp.from(clock.instant()), by).update();
                if (before != null && !before.equals(code)) {
                    // The results are kept under the code: a renamed score starts afresh (the recomputation fills it).
                    jdbc.sql("delete from customer_scores where score = ?").param(before).update();
                }
            } catch (DuplicateKeyException taken) {
                errors.add(new RuleError("code", "scores.error.codeTaken", code));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleErrors(errors);
        }
        AfterCommit.run(recomputation::everyone);
        return id;
    }

    /** Adds ({@code id} null) or changes an alert rule; returns its id. */
    @Transactional
    public UUID save(AlertRule rule, String by) {
        List<RuleError> errors = new ArrayList<>();
        names(errors, rule.nameTr(), rule.nameAz(), rule.nameEn());
        parse(errors, "condition", () -> {
            RuleLanguage.Condition condition = RuleLanguage.condition(rule.condition());
            List<String> codes = scores().stream().map(ScoreRule::code).toList();
            for (RuleLanguage.FactRef fact : RuleLanguage.facts(condition)) {
                if (fact.fact() == Fact.SCORE && !codes.contains(fact.text())) {
                    throw new RuleError("condition", "scores.error.unknownScore", fact.text(), String.join(", ", codes));
                }
            }
        });
        if (rule.severity() == null || !AlertRule.SEVERITIES.contains(rule.severity())) {
            errors.add(new RuleError("severity", "scores.error.severity"));
        }
        text(errors, "messageTr", rule.messageTr(), MAX_MESSAGE, "scores.error.message");
        text(errors, "messageAz", rule.messageAz(), MAX_MESSAGE, "scores.error.message");
        text(errors, "messageEn", rule.messageEn(), MAX_MESSAGE, "scores.error.message");
        if (rule.id() != null && alert(rule.id()).isEmpty()) {
            throw new NotFound("alert rule " + rule.id());
        }
        if (!errors.isEmpty()) {
            throw new RuleErrors(errors);
        }
        UUID id = rule.id() == null ? ids.next() : rule.id();
        jdbc.sql("""
                insert into alert_rules (id, name_tr, name_az, name_en, condition, severity, message_tr, message_az, message_en, active,
                                         updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set name_tr = excluded.name_tr, name_az = excluded.name_az, name_en = excluded.name_en,
                    condition = excluded.condition, severity = excluded.severity, message_tr = excluded.message_tr,
                    message_az = excluded.message_az, message_en = excluded.message_en, active = excluded.active,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(id, rule.nameTr().strip(), rule.nameAz().strip(), rule.nameEn().strip(), rule.condition().strip(), rule.severity(),
                        rule.messageTr().strip(), rule.messageAz().strip(), rule.messageEn().strip(), rule.active(),
                        Timestamp.from(clock.instant()), by).update();
        AfterCommit.run(recomputation::everyone);
        return id;
    }

    /** Deletes a score rule and its results; an alert rule that reads it is refused until it is changed. */
    @Transactional
    public void deleteScore(UUID id) {
        ScoreRule rule = score(id).orElseThrow(() -> new NotFound("score rule " + id));
        readBy(rule.code()).ifPresent(alert -> {
            throw new RuleErrors(List.of(new RuleError("code", "scores.error.scoreInUse", rule.code(), alert.name(LocaleContextHolder.getLocale().getLanguage()))));
        });
        jdbc.sql("delete from customer_scores where score = ?").param(rule.code()).update();
        jdbc.sql("delete from score_rules where id = ?").param(id).update();
        AfterCommit.run(recomputation::everyone);
    }

    /** Deletes an alert rule and every alert it raised. */
    @Transactional
    public void deleteAlert(UUID id) {
        if (jdbc.sql("delete from alert_rules where id = ?").param(id).update() == 0) {
            throw new NotFound("alert rule " + id);
        }
        AfterCommit.run(recomputation::everyone);
    }

    /** Recomputes every customer now, in the calling thread, batch by batch (as a rule change does in the background); answers how many. */
    public int recomputeEveryone() {
        return recomputation.all();
    }

    /** Recomputes one customer now; answers whether a score or an alert changed. */
    public boolean recompute(UUID customer) {
        return !recomputation.recompute(List.of(customer)).isEmpty();
    }

    /** An alert rule whose condition reads this score, if any. */
    private Optional<AlertRule> readBy(String code) {
        for (AlertRule alert : alerts()) {
            try {
                boolean reads = RuleLanguage.facts(RuleLanguage.condition(alert.condition())).stream()
                        .anyMatch(f -> f.fact() == Fact.SCORE && code.equals(f.text()));
                if (reads) {
                    return Optional.of(alert);
                }
            } catch (RuleError unreadable) {
                // A condition edited by hand that no longer parses reads nothing.
            }
        }
        return Optional.empty();
    }

    private static void names(List<RuleError> errors, String tr, String az, String en) {
        text(errors, "nameTr", tr, MAX_NAME, "scores.error.name");
        text(errors, "nameAz", az, MAX_NAME, "scores.error.name");
        text(errors, "nameEn", en, MAX_NAME, "scores.error.name");
    }

    private static void text(List<RuleError> errors, String field, String value, int max, String key) {
        if (value == null || value.isBlank() || value.strip().length() > max || value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new RuleError(field, key, max));
        }
    }

    private static void parse(List<RuleError> errors, String field, Runnable parse) {
        try {
            parse.run();
        } catch (RuleError e) {
            errors.add(e.in(field));
        }
    }

    private static ScoreRule score(ResultSet rs, int row) throws SQLException {
        return new ScoreRule(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name_tr"), rs.getString("name_az"),
                rs.getString("name_en"), rs.getString("formula"), rs.getInt("position"));
    }

    private static AlertRule alert(ResultSet rs, int row) throws SQLException {
        return new AlertRule(rs.getObject("id", UUID.class), rs.getString("name_tr"), rs.getString("name_az"), rs.getString("name_en"),
                rs.getString("condition"), rs.getString("severity"), rs.getString("message_tr"), rs.getString("message_az"),
                rs.getString("message_en"), rs.getBoolean("active"));
    }
}
