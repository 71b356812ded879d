package io.temas.knowledge;

import io.temas.shared.Language;
import java.util.UUID;

/** A node of the category tree, named in each language (Azerbaijani and English fall back to Turkish). */
public record Category(UUID id, UUID parentId, String slug, int position, String nameTr, String nameAz, String nameEn) {

    public String name(Language language) {
        String name = switch (language == null ? Language.DEFAULT : language) {
            case TR -> nameTr;
            case AZ -> nameAz;
            case EN -> nameEn;
        };
        return name == null || name.isBlank() ? nameTr : name;
    }
}
