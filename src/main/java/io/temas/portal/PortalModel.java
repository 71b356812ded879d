package io.temas.portal;

import io.temas.shared.Language;
import java.util.Locale;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every portal page shows besides its content: the visitor's language and how to reach the team. */
@ControllerAdvice(basePackageClasses = PortalModel.class)
class PortalModel {

    private final PortalSettings settings;

    PortalModel(PortalSettings settings) {
        this.settings = settings;
    }

    @ModelAttribute
    void frame(Locale locale, Model model) {
        model.addAttribute("language", PortalController.language(locale));
        model.addAttribute("contactEmail", settings.contactEmail());
        model.addAttribute("contactPhone", settings.contactPhone());
        model.addAttribute("contactPhoneLink", settings.contactPhoneLink());
    }
}
