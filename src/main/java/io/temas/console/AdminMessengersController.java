package io.temas.console;

import io.temas.channels.messenger.MessengerWebhooks;
import io.temas.channels.telegram.TelegramUpdates;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Admin screen for the messenger channels (Telegram, Messenger, Instagram): whether each is
 * configured and what is missing, the webhook URL to give the provider, refused signatures and the
 * last message received, and registering the Telegram webhook. Settings come from configuration only;
 * secrets are shown as set or not.
 */
@Controller
class AdminMessengersController {

    private final TelegramUpdates telegram;
    private final MessengerWebhooks messenger;
    private final String publicUrl;

    AdminMessengersController(TelegramUpdates telegram, MessengerWebhooks messenger, @Value("${temas.public-url:}") String publicUrl) {
        this.telegram = telegram;
        this.messenger = messenger;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    @GetMapping("/console/admin/messengers")
    String page(Model model) {
        model.addAttribute("telegram", telegram.status());
        model.addAttribute("telegramWebhook", site() + "/api/v1/webhooks/telegram");
        model.addAttribute("meta", messenger.status());
        model.addAttribute("messengerWebhook", site() + "/api/v1/webhooks/messenger");
        return "console/admin/messengers";
    }

    /** Tells Telegram where to post updates, with the secret token, instead of a hand-made setWebhook call. */
    @PostMapping("/console/admin/messengers/telegram/webhook")
    String registerTelegram(RedirectAttributes flash) {
        return AdminForms.act(() -> telegram.registerWebhook(site() + "/api/v1/webhooks/telegram"), "/console/admin/messengers",
                "telegram.webhookRegistered", flash);
    }

    private String site() {
        return publicUrl.isBlank() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : publicUrl;
    }
}
