package io.temas.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.TextFolding;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a keyword rule reads a message: Turkish letters folded, at the start of a word, only in its language, first rule first. */
class ComplaintKeywordsTests {

    private final ComplaintRule turkish = new ComplaintRule(UUID.randomUUID(), "a-öfke", "service", "tr", List.of("rezalet", "kabul edilemez"), true);
    private final ComplaintRule anyLanguage = new ComplaintRule(UUID.randomUUID(), "b-fatura", "billing", null, List.of("fazla ücret"), true);

    @Test
    void foldedWordsMatchAtTheStartOfAWord() {
        assertThat(hit("Bu hizmet REZALETTİR", "tr")).hasValueSatisfying(h -> assertThat(h.rule()).isEqualTo(turkish));
        assertThat(hit("Bu durum kabul EDILEMEZ!", "tr")).hasValueSatisfying(h -> assertThat(h.keyword()).isEqualTo("kabul edilemez"));
        assertThat(hit("Faturamda FAZLA UCRET var", "tr")).hasValueSatisfying(h -> assertThat(h.rule()).isEqualTo(anyLanguage));
        assertThat(hit("xrezalet değil", "tr")).isEmpty();
        assertThat(hit("2rezalet", "tr")).isEmpty();
    }

    @Test
    void aRuleForOneLanguageLetsMessagesInAnotherPass() {
        assertThat(hit("rezalet", "az")).isEmpty();
        assertThat(hit("rezalet", null)).isEmpty();
        assertThat(hit("fazla ücret rezalet", "en")).hasValueSatisfying(h -> assertThat(h.rule()).isEqualTo(anyLanguage));
    }

    @Test
    void theFirstRuleByNameWins() {
        assertThat(hit("fazla ücret, rezalet", "tr")).hasValueSatisfying(h -> assertThat(h.rule()).isEqualTo(turkish));
    }

    private java.util.Optional<ComplaintKeywords.Hit> hit(String text, String language) {
        return ComplaintKeywords.match(List.of(turkish, anyLanguage), TextFolding.fold(text), language);
    }
}
