package io.temas.console;

import io.temas.channels.messenger.MessengerWebhooks;
import io.temas.channels.telegram.TelegramUpdates;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin screen for the messenger channels (Telegram, Messenger, Instagram): whether each is
 * configured and what is missing, the webhook URL to give the provider, refused signatures and the
 * last message received, and registering the Telegram webhook. Webhook addresses come from
 * {@code temas.public-url} only ({@link WebhookAddresses}). Settings come from configuration only;
 * secrets are shown as set or not.
 */
@Controller
class AdminMessengersController {

    private static final String TELEGRAM = "/api/v1/webhooks/telegram";

    private final TelegramUpdates telegram;
    private final MessengerWebhooks messenger;
    private final WebhookAddresses addresses;

    AdminMessengersController(TelegramUpdates telegram, MessengerWebhooks messenger, WebhookAddresses addresses) {
        this.telegram = telegram;
        this.messenger = messenger;
        this.addresses = addresses;
    }

    @GetMapping("/console/admin/messengers")
    String page(Model model) {
        model.addAttribute("telegram", telegram.status());
        model.addAttribute("telegramWebhook", addresses.of(TELEGRAM).orElse(null));
        model.addAttribute("meta", messenger.status());
        model.addAttribute("messengerWebhook", addresses.of("/api/v1/webhooks/messenger").orElse(null));
        return "console/admin/messengers";
    }

    /** Tells Telegram where to post updates, with the secret token, instead of a hand-made setWebhook call. */
    @PostMapping("/console/admin/messengers/telegram/webhook")
    String registerTelegram(RedirectAttributes flash) {
        return AdminForms.act(() -> telegram.registerWebhook(addresses.require(TELEGRAM)), "/console/admin/messengers",
                "telegram.webhookRegistered", flash);
    }
}
