package io.temas.console;

import io.temas.shared.NotFound;
import io.temas.webhooks.DeliveryAttempt;
import io.temas.webhooks.InvalidWebhookSubscription;
import io.temas.webhooks.WebhookEvents;
import io.temas.webhooks.WebhookSubscription;
import io.temas.webhooks.WebhookSubscriptions;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin screen for outbound webhooks: the subscriptions (create with the events ticked, pause, resume, delete, send a
 * test event) and each one's delivery log, where a failed delivery can be sent again now. A secret Temas generated is
 * shown once, right after creation.
 */
@Controller
class AdminWebhooksController {

    /** The creation form as posted; {@code events} the ticked types. */
    record SubscriptionForm(String url, List<String> events, String secret) {
        static final SubscriptionForm EMPTY = new SubscriptionForm("", List.of(), "");
    }

    private static final String PAGE = "/console/admin/webhooks";
    private static final int LOG_SIZE = 200;

    private final WebhookSubscriptions subscriptions;

    AdminWebhooksController(WebhookSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping(PAGE)
    String page(Model model) {
        return page(SubscriptionForm.EMPTY, model);
    }

    @PostMapping(PAGE)
    String create(SubscriptionForm form, Principal principal, Model model, RedirectAttributes flash, HttpServletResponse response) {
        try {
            WebhookSubscriptions.Created created = subscriptions.create(form.url(), form.events(), form.secret(), principal.getName());
            flash.addFlashAttribute("notice", "webhooks.notice.created");
            if (created.secret() != null) {
                flash.addFlashAttribute("createdSecret", created.secret());
            }
            return "redirect:" + PAGE + "/" + created.id();
        } catch (InvalidWebhookSubscription e) {
            response.setStatus(422);
            model.addAttribute("error", e.key());
            model.addAttribute("errorDetail", e.getMessage());
            return page(new SubscriptionForm(form.url(), form.events() == null ? List.of() : form.events(), ""), model);
        }
    }

    @GetMapping(PAGE + "/{id}")
    String log(@PathVariable UUID id, Model model) {
        WebhookSubscription subscription = subscriptions.get(id);
        model.addAttribute("subscription", subscription);
        WebhookSubscriptions.DeliveryLog deliveryLog = subscriptions.deliveryLog(id, LOG_SIZE);
        List<DeliveryAttempt> attempts = deliveryLog.attempts();
        model.addAttribute("counts", deliveryLog.counts());
        model.addAttribute("attempts", attempts);
        // "Retry now" sits on the latest attempt of a failed delivery (the log is newest first), not on each of its attempts.
        Map<UUID, Integer> retryAt = new HashMap<>();
        attempts.stream().filter(a -> a.deliveryStatus().equals("failed")).forEach(a -> retryAt.putIfAbsent(a.deliveryId(), a.attempt()));
        model.addAttribute("retryAt", retryAt);
        return "console/admin/webhook";
    }

    @PostMapping(PAGE + "/{id}/pause")
    String pause(@PathVariable UUID id, RedirectAttributes flash) {
        subscriptions.pause(id);
        flash.addFlashAttribute("notice", "webhooks.notice.paused");
        return "redirect:" + PAGE + "/" + id;
    }

    @PostMapping(PAGE + "/{id}/resume")
    String resume(@PathVariable UUID id, RedirectAttributes flash) {
        subscriptions.resume(id);
        flash.addFlashAttribute("notice", "webhooks.notice.resumed");
        return "redirect:" + PAGE + "/" + id;
    }

    @PostMapping(PAGE + "/{id}/test")
    String test(@PathVariable UUID id, Principal principal, RedirectAttributes flash) {
        subscriptions.sendTest(id, principal.getName());
        flash.addFlashAttribute("notice", "webhooks.notice.testQueued");
        return "redirect:" + PAGE + "/" + id;
    }

    @PostMapping(PAGE + "/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes flash) {
        subscriptions.delete(id);
        flash.addFlashAttribute("notice", "webhooks.notice.deleted");
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/{id}/deliveries/{deliveryId}/retry")
    String retry(@PathVariable UUID id, @PathVariable UUID deliveryId, RedirectAttributes flash) {
        try {
            subscriptions.retryNow(id, deliveryId);
            flash.addFlashAttribute("notice", "webhooks.notice.retrying");
        } catch (NotFound e) {
            // Delivered meanwhile (another click, the dispatcher's own retry): nothing to send again.
            flash.addFlashAttribute("error", "webhooks.error.notRetryable");
        }
        return "redirect:" + PAGE + "/" + id;
    }

    private String page(SubscriptionForm form, Model model) {
        model.addAttribute("subscriptions", subscriptions.all());
        model.addAttribute("eventTypes", WebhookEvents.ALL);
        model.addAttribute("form", form);
        model.addAttribute("minSecret", WebhookSubscriptions.MIN_SECRET);
        model.addAttribute("maxSecret", WebhookSubscriptions.MAX_SECRET);
        model.addAttribute("maxUrl", WebhookSubscriptions.MAX_URL);
        return "console/admin/webhooks";
    }
}
