package io.temas.console;

import io.temas.chat.ChatConsole;
import io.temas.conversations.Conversation;
import io.temas.conversations.Conversations;
import io.temas.shared.NotFound;
import java.security.Principal;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The live chat on the conversation screen: the chat's state as an htmx fragment, the agent's
 * typing passed on to the customer, and ending the chat. The queue permission is checked by
 * {@link ConversationGuard} like every other conversation route.
 */
@Controller
class ChatConversationController {

    private final Conversations conversations;
    private final ChatConsole chats;
    private final Viewers viewers;
    private final ChatPanel panel;

    ChatConversationController(Conversations conversations, ChatConsole chats, Viewers viewers, ChatPanel panel) {
        this.panel = panel;
        this.conversations = conversations;
        this.chats = chats;
        this.viewers = viewers;
    }

    /** The chat's state, refetched by the panel when the conversation changes; empty when there is no chat. */
    @GetMapping("/console/conversations/{id}/chat")
    String state(@PathVariable UUID id, Model model) {
        Conversation c = conversations.get(id);
        model.addAttribute("c", c);
        model.addAttribute("chat", panel.of(c));
        return "console/chat :: state";
    }

    /** The agent is typing in the reply box (the page sends this at most every two seconds). */
    @PostMapping("/console/conversations/{id}/typing")
    @ResponseBody
    ResponseEntity<Void> typing(@PathVariable UUID id, Principal principal) {
        conversations.get(id);
        chats.agentTyping(id, viewers.of(principal).name());
        return ResponseEntity.noContent().build();
    }

    /** Offers the chat's customer a callback at a time they choose: the widget shows the free times. */
    @PostMapping("/console/conversations/{id}/chat/offer-callback")
    String offerCallback(@PathVariable UUID id, Principal principal, RedirectAttributes flash) {
        conversations.get(id);
        chats.offerCallback(id, viewers.of(principal).name());
        flash.addFlashAttribute("notice", "livechat.notice.callbackOffered");
        return "redirect:/console/conversations/" + id;
    }

    @PostMapping("/console/conversations/{id}/chat/end")
    String end(@PathVariable UUID id, Principal principal, RedirectAttributes flash) {
        conversations.get(id);
        try {
            chats.end(id, viewers.of(principal).name());
            flash.addFlashAttribute("notice", "livechat.notice.ended");
        } catch (NotFound e) {
            flash.addFlashAttribute("error", "livechat.error.noChat");
        }
        return "redirect:/console/conversations/" + id;
    }
}
