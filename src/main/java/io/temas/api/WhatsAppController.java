package io.temas.api;

import io.temas.channels.whatsapp.CustomerServiceWindows;
import io.temas.channels.whatsapp.WhatsAppChannel;
import io.temas.channels.whatsapp.WhatsAppTemplates;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.conversations.Replies;
import io.temas.routing.ReplyOption;
import io.temas.routing.ReplyOptions;
import io.temas.shared.RefusedByRule;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * WhatsApp for API clients: the approved templates, a conversation's customer-service window, and
 * sending a template (the only thing WhatsApp delivers once the window has closed).
 */
@RestController
class WhatsAppController {


    record TemplateRequest(UUID templateId, List<String> parameters) {
    }

    private final WhatsAppTemplates templates;
    private final CustomerServiceWindows windows;
    private final Conversations conversations;
    private final ReplyOptions options;
    private final Replies replies;

    WhatsAppController(WhatsAppTemplates templates, CustomerServiceWindows windows, Conversations conversations, ReplyOptions options,
                       Replies replies) {
        this.templates = templates;
        this.windows = windows;
        this.conversations = conversations;
        this.options = options;
        this.replies = replies;
    }

    @GetMapping("/api/v1/whatsapp/templates")
    List<WhatsAppTemplates.Template> templates() {
        return templates.all();
    }

    @GetMapping("/api/v1/conversations/{id}/whatsapp-window")
    Map<String, Object> window(@PathVariable UUID id) {
        Conversation c = conversations.get(id);
        ReplyOption option = whatsapp(id);
        var window = windows.of(c.entryPoint(), option.recipient(null).orElse(null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("open", window.map(CustomerServiceWindows.Window::open).orElse(false));
        body.put("lastInbound", window.map(CustomerServiceWindows.Window::lastInbound).orElse(null));
        body.put("closesAt", window.map(CustomerServiceWindows.Window::closesAt).orElse(null));
        return body;
    }

    @PostMapping("/api/v1/conversations/{id}/whatsapp-template")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> sendTemplate(@PathVariable UUID id, @RequestBody TemplateRequest request, Principal principal) {
        RoutingAdminController.required(request.templateId() == null ? null : request.templateId().toString(), "templateId");
        ReplyOption option = whatsapp(id);
        WhatsAppTemplates.Prepared prepared = templates.prepare(request.templateId(), request.parameters());
        UUID messageId = replies.reply(id, WhatsAppChannel.WHATSAPP, option.sender(null), option.recipient(null).orElseThrow(), prepared.text(),
                principal.getName(), prepared.headers());
        return Map.of("messageId", messageId);
    }

    private ReplyOption whatsapp(UUID conversationId) {
        return options.of(conversationId).stream().filter(o -> o.channel().equals(WhatsAppChannel.WHATSAPP)).findFirst()
                .orElseThrow(() -> new RefusedByRule("the conversation cannot be answered on WhatsApp"));
    }
}
