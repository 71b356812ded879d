package io.temas.portal;

import io.temas.channels.InboundMessage;
import io.temas.channels.InboundRejected;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.conversations.Conversations;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Still need help?": a contact form that becomes a web-form message in the inbound pipeline,
 * routed, acknowledged and answered like any other message. The article or search the visitor
 * came from travels with it, so the agent sees what was already tried. The visitor leaves an
 * e-mail address, a phone number or both (at least one): the acknowledgement and the answers go
 * by e-mail to the address, else by SMS to the number.
 */
@Controller
class ContactController {

    private static final Logger log = LoggerFactory.getLogger(ContactController.class);

    private final InboundSink inbound;
    private final Conversations conversations;
    private final PortalSettings settings;
    private final Clock clock;
    private final ContactThrottle throttle;
    private final String region;

    ContactController(InboundSink inbound, Conversations conversations, PortalSettings settings, Clock clock, ContactThrottle throttle,
                      @org.springframework.beans.factory.annotation.Value("${temas.identity.default-region:TR}") String region) {
        this.region = region;
        this.throttle = throttle;
        this.inbound = inbound;
        this.conversations = conversations;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/portal/contact")
    String form(@RequestParam(required = false) String about, Locale locale, Model model) {
        model.addAttribute("about", about);
        return "portal/contact";
    }

    @PostMapping("/portal/contact")
    String send(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
                @RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String subject,
                @RequestParam(defaultValue = "") String message, @RequestParam(required = false) String about, Locale locale,
                Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("name", name);
        model.addAttribute("email", email);
        model.addAttribute("phone", phone);
        model.addAttribute("subject", subject);
        model.addAttribute("message", message);
        model.addAttribute("about", about);
        Optional<String> mail = ContactAddresses.email(email);
        Optional<String> number = ContactAddresses.phone(phone, region);
        if (email.isBlank() && phone.isBlank()) {
            return invalid(model, "kb.portal.contact.noAddress");
        }
        if (!email.isBlank() && mail.isEmpty()) {
            return invalid(model, "kb.portal.contact.badEmail");
        }
        if (!phone.isBlank() && number.isEmpty()) {
            return invalid(model, "kb.portal.contact.badPhone");
        }
        if (message.isBlank() || message.length() > 20_000) {
            return invalid(model, "kb.portal.contact.invalid");
        }
        if (!throttle.allow(request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            PortalProblems.retryAfter(response, throttle.wait(request.getRemoteAddr()));
            model.addAttribute("error", "kb.portal.contact.tooMany");
            return "portal/contact";
        }
        String text = message.strip() + (about == null || about.isBlank() ? "" : "\n\n— " + about.strip());
        byte[] raw = ("name=" + name + "\nemail=" + email + "\nphone=" + phone + "\nsubject=" + subject + "\nabout=" + about + "\n\n"
                + message).getBytes(StandardCharsets.UTF_8);
        List<Identifier> identifiers = new ArrayList<>();
        mail.ifPresent(m -> identifiers.add(Identifier.email(m)));
        number.ifPresent(n -> identifiers.add(Identifier.phone(n)));
        // Answered where the visitor asked: the e-mail address, else the number.
        String replyAddress = mail.orElseGet(number::orElseThrow);
        InboundMessage inboundMessage = new InboundMessage(ChannelType.WEBFORM, settings.contactEntryPoint(), "portal-" + UUID.randomUUID(),
                new InboundMessage.Sender(name.isBlank() ? null : name.strip(), identifiers, replyAddress),
                subject.isBlank() ? null : subject.strip(), text, null, PortalController.language(locale), clock.instant(), null, null, null,
                new InboundMessage.RawPayload("text/plain; charset=utf-8", raw));
        try {
            Receipt receipt = inbound.receive(inboundMessage);
            model.addAttribute("reference", conversations.get(receipt.conversationId()).reference());
            // Says where the answer goes, the address or number the visitor left, not "e-mail or SMS".
            model.addAttribute("replyAddress", replyAddress);
            return "portal/contacted";
        } catch (InboundRejected e) {
            log.warn("A help-centre contact form was not taken: {}", e.getMessage());
            model.addAttribute("error", e.badInput() ? "kb.portal.contact.invalid" : "kb.portal.contact.failed");
            return "portal/contact";
        }
    }

    private static String invalid(Model model, String error) {
        model.addAttribute("error", error);
        return "portal/contact";
    }
}
