package io.temas.api;

import io.temas.inbound.AckTemplates;
import io.temas.inbound.AckTexts;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.NotFound;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The acknowledgement texts per language, as the admin screen shows them: each with the placeholders it may use
 * ({@code {{reference}}} …). A text naming any other placeholder is refused (400) rather than sent half-filled.
 */
@RestController
class AckTemplatesController {

    record TextRequest(String text) {
    }

    record Text(String key, String text, String standard, boolean changed, List<String> placeholders) {

        static Text of(AckTexts.Text t) {
            return new Text(t.key(), t.current(), t.standard(), t.override() != null, AckTemplates.placeholders(t.key()));
        }
    }

    record Texts(String language, List<Text> texts) {
    }

    private final AckTexts texts;

    AckTemplatesController(AckTexts texts) {
        this.texts = texts;
    }

    @GetMapping("/api/v1/ack-templates/{language}")
    Texts of(@PathVariable String language) {
        Language chosen = language(language);
        return new Texts(chosen.code(), texts.of(chosen).stream().map(Text::of).toList());
    }

    @PutMapping("/api/v1/ack-templates/{language}/{key}")
    Text save(@PathVariable String language, @PathVariable String key, @RequestBody TextRequest request, Principal principal) {
        Language chosen = language(language);
        known(key);
        if (request == null || request.text() == null) {
            throw new InvalidInput("text", "a body with the text is required ({\"text\": \"...\"}); a blank text returns to the default");
        }
        texts.save(chosen, key, request.text(), principal.getName());
        return one(chosen, key);
    }

    @DeleteMapping("/api/v1/ack-templates/{language}/{key}")
    Text reset(@PathVariable String language, @PathVariable String key) {
        Language chosen = language(language);
        known(key);
        texts.reset(chosen, key);
        return one(chosen, key);
    }

    private Text one(Language language, String key) {
        return texts.of(language).stream().filter(t -> t.key().equals(key)).findFirst().map(Text::of).orElseThrow();
    }

    private static Language language(String code) {
        return Language.parse(code).orElseThrow(() -> new NotFound("no language '" + code + "' (tr, az or en)"));
    }

    private static void known(String key) {
        if (!AckTexts.KEYS.contains(key)) {
            throw new NotFound("no acknowledgement text '" + key + "' (" + String.join(", ", AckTexts.KEYS) + ")");
        }
    }
}
