package io.temas.scoring;

import java.util.List;
import java.util.UUID;

/** An alert rule: a name and a message in each language, a condition in the rule language and a severity. */
public record AlertRule(UUID id, String nameTr, String nameAz, String nameEn, String condition, String severity,
                        String messageTr, String messageAz, String messageEn, boolean active) {

    public static final List<String> SEVERITIES = List.of("critical", "warning", "info");

    public String name(String language) {
        return pick(language, nameTr, nameAz, nameEn);
    }

    /** The text for a language code (tr, az, en); Turkish for any other. */
    static String pick(String language, String tr, String az, String en) {
        return switch (language == null ? "" : language) {
            case "az" -> az;
            case "en" -> en;
            default -> tr;
        };
    }
}
