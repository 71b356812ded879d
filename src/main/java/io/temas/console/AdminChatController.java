package io.temas.console;

import io.temas.chat.ChatDoor;
import io.temas.chat.ChatDoors;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin screen for live chat: per chat entry point, the sites allowed to embed the widget, the
 * pre-chat fields and the file limit, with the one-line snippet to paste into a site. The snippet's
 * address is {@code temas.public-url} when set, else the address this page was opened on.
 */
@Controller
class AdminChatController {

    private final ChatDoors doors;
    private final WebhookAddresses addresses;

    AdminChatController(ChatDoors doors, WebhookAddresses addresses) {
        this.doors = doors;
        this.addresses = addresses;
    }

    @GetMapping("/console/admin/chat")
    String page(Model model, HttpServletRequest request) {
        String script = addresses.of("/chat/widget.js").orElseGet(() -> base(request) + "/chat/widget.js");
        model.addAttribute("doors", doors.all());
        model.addAttribute("script", script);
        model.addAttribute("publicUrlSet", addresses.of("").isPresent());
        model.addAttribute("fields", ChatDoor.Field.values());
        return "console/admin/chat";
    }

    @PostMapping("/console/admin/chat/{id}")
    String save(@PathVariable UUID id, @RequestParam(defaultValue = "") String origins, @RequestParam String name,
                @RequestParam String email, @RequestParam String phone, @RequestParam(defaultValue = "5120") String maxFileKb,
                RedirectAttributes flash) {
        return AdminForms.act(() -> {
            List<String> list = Arrays.stream(origins.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            int kb;
            try {
                kb = Integer.parseInt(maxFileKb.strip());
            } catch (NumberFormatException e) {
                throw new io.temas.shared.InvalidInput("maxFileBytes", "the file limit is a whole number of kilobytes");
            }
            if (kb < 0 || kb > ChatDoor.MAX_FILE_BYTES / 1024) {
                throw new io.temas.shared.InvalidInput("maxFileBytes", "the file limit is between 0 and " + ChatDoor.MAX_FILE_BYTES / 1024 + " KB");
            }
            doors.save(id, list, ChatDoor.Field.of("name", name), ChatDoor.Field.of("email", email), ChatDoor.Field.of("phone", phone),
                    kb * 1024);
        }, "/console/admin/chat", "notice.saved", flash);
    }

    private static String base(HttpServletRequest request) {
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
}
