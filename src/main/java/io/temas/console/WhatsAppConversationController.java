package io.temas.console;

import io.temas.channels.whatsapp.TemplateParameterRefused;
import io.temas.channels.whatsapp.WhatsAppChannel;
import io.temas.channels.whatsapp.WhatsAppTemplates;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Replies;
import io.temas.routing.ReplyOption;
import io.temas.shared.Refusal;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sends an approved WhatsApp template on a conversation, with the parameters the agent filled in. */
@Controller
class WhatsAppConversationController {

    private final Conversations conversations;
    private final WhatsAppPanel panel;
    private final WhatsAppTemplates templates;
    private final Replies replies;

    WhatsAppConversationController(Conversations conversations, WhatsAppPanel panel, WhatsAppTemplates templates, Replies replies) {
        this.conversations = conversations;
        this.panel = panel;
        this.templates = templates;
        this.replies = replies;
    }

    @PostMapping("/console/conversations/{id}/whatsapp/template")
    String send(@PathVariable UUID id, @RequestParam String template, @RequestParam(required = false) List<String> parameter,
                Principal principal, RedirectAttributes flash) {
        Conversation c = conversations.get(id);
        try {
            ReplyOption option = panel.option(c).orElseThrow(() -> new ConsoleRefusal("error.channel"));
            String to = option.recipient(null).orElseThrow(() -> new ConsoleRefusal("error.noRecipient"));
            WhatsAppTemplates.Prepared prepared = templates.prepare(AdminForms.id(template, "error.invalid"),
                    parameter == null ? List.of() : parameter);
            replies.reply(id, WhatsAppChannel.WHATSAPP, option.sender(c.entryPoint()), to, prepared.text(), principal.getName(),
                    prepared.headers());
            flash.addFlashAttribute("notice", "whatsapp.notice.templateSent");
        } catch (ConsoleRefusal e) {
            flash.addFlashAttribute("error", e.key());
        } catch (TemplateParameterRefused e) {
            flash.addFlashAttribute("error", "whatsapp.error.parameter");
            flash.addFlashAttribute("errorDetail", "#" + e.position());
        } catch (Refusal e) {
            flash.addFlashAttribute("error", "whatsapp.error.template");
            flash.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/console/conversations/" + id;
    }
}
