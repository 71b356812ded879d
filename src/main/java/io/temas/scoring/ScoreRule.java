package io.temas.scoring;

import java.util.UUID;

/** A score an admin defined: its code (kept in {@code customer_scores.score}), its name in each language and its formula. */
public record ScoreRule(UUID id, String code, String nameTr, String nameAz, String nameEn, String formula, int position) {

    /** The name in a language code (tr, az, en); Turkish for any other. */
    public String name(String language) {
        return AlertRule.pick(language, nameTr, nameAz, nameEn);
    }
}
