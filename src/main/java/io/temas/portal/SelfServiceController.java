package io.temas.portal;

import io.temas.campaigns.OfferAnswers;
import io.temas.channels.InboundRejected;
import io.temas.channels.Receipt;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationNotFound;
import io.temas.shared.ChannelType;
import io.temas.shared.InvalidInput;
import io.temas.shared.TextInput;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "My requests": the customer signs in with a one-time code sent to their e-mail address or phone
 * number, then sees their requests with the replies and answers them, answers their offers and
 * changes their consents. Every page answers the same for an address nobody holds as for a known
 * one; a request that is not the signed-in customer's is a 404 page.
 */
@Controller
class SelfServiceController {

    static final String HOME = "/portal/my";
    /** The notices the page says after an action (the {@code done} parameter); anything else says nothing. */
    private static final java.util.Set<String> DONE = java.util.Set.of("answered", "accepted", "declined", "consent");

    private final SignInCodes codes;
    private final PortalSessions sessions;
    private final SignInThrottle throttle;
    private final SelfService self;
    private final SignInSettings settings;
    private final String region;

    SelfServiceController(SignInCodes codes, PortalSessions sessions, SignInThrottle throttle, SelfService self, SignInSettings settings,
                          @Value("${temas.identity.default-region:TR}") String region) {
        this.settings = settings;
        this.codes = codes;
        this.sessions = sessions;
        this.throttle = throttle;
        this.self = self;
        this.region = region;
    }

    /** How long a code lives, in whole minutes, as the sign-in page says it. */
    @org.springframework.web.bind.annotation.ModelAttribute("codeMinutes")
    long codeMinutes() {
        return Math.max(1, settings.codeLifetime().toMinutes());
    }

    @GetMapping({HOME, HOME + "/"})
    String home(@RequestParam(required = false) String done, @RequestParam(required = false) String older, HttpServletRequest request,
                Model model) {
        Optional<PortalSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            model.addAttribute("signedOut", "out".equals(done));
            return "portal/my-sign-in";
        }
        var customer = session.get().customer();
        model.addAttribute("customer", self.customer(customer));
        model.addAttribute("address", session.get().address());
        var requests = self.requests(customer, older);
        model.addAttribute("requests", requests.items());
        model.addAttribute("olderRequests", requests.next());
        model.addAttribute("pagedRequests", older != null && !older.isBlank());
        model.addAttribute("offers", self.offers(customer));
        model.addAttribute("consents", self.consents(customer));
        model.addAttribute("done", DONE.contains(String.valueOf(done)) ? done : null);
        return "portal/my";
    }

    /** The code and sign-in forms answer posts only; a reload or a language link there starts again (the choice of language kept). */
    @GetMapping({HOME + "/code", HOME + "/sign-in", HOME + "/sign-out"})
    String startAgain() {
        return "redirect:" + HOME;
    }

    @PostMapping(HOME + "/code")
    String requestCode(HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        String typed = raw(request, "address", false);
        String address = typed == null ? "" : typed.strip();
        model.addAttribute("typed", address);
        ChannelType channel = address.contains("@") ? ChannelType.EMAIL : ChannelType.SMS;
        Optional<String> normalised = ChannelType.EMAIL.equals(channel)
                ? ContactAddresses.email(address).map(a -> a.toLowerCase(Locale.ROOT)) : ContactAddresses.phone(address, region);
        if (normalised.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", address.isEmpty() ? "selfservice.signIn.noAddress" : "selfservice.signIn.badAddress");
            return "portal/my-sign-in";
        }
        String client = request.getRemoteAddr();
        if (!throttle.request(client)) {
            return tooMany(response, model, throttle.requestWait(client), "portal/my-sign-in");
        }
        SignInCodes.Requested requested = codes.request(normalised.get(), channel, PortalController.language(locale));
        if (requested instanceof SignInCodes.Throttled throttled) {
            return tooMany(response, model, throttled.retryIn(), "portal/my-sign-in");
        }
        if (requested instanceof SignInCodes.Unavailable) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("error", ChannelType.EMAIL.equals(channel) ? "selfservice.signIn.noEmail" : "selfservice.signIn.noSms");
            return "portal/my-sign-in";
        }
        model.addAttribute("challenge", ((SignInCodes.Issued) requested).challenge());
        model.addAttribute("address", normalised.get());
        model.addAttribute("byEmail", ChannelType.EMAIL.equals(channel));
        return "portal/my-code";
    }

    @PostMapping(HOME + "/sign-in")
    String signIn(HttpServletRequest request, HttpServletResponse response, Model model) {
        String challengeText = raw(request, "challenge", false);
        String code = raw(request, "code", false);
        UUID challenge = uuid(challengeText).orElseThrow(() -> new InvalidInput("challenge", "not a sign-in code's id"));
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        model.addAttribute("challenge", challenge);
        model.addAttribute("address", raw(request, "address", false));
        model.addAttribute("byEmail", String.valueOf(raw(request, "address", false)).contains("@"));
        String client = request.getRemoteAddr();
        if (!throttle.guess(client)) {
            return tooMany(response, model, throttle.guessWait(client), "portal/my-code");
        }
        SignInCodes.Checked checked = codes.check(challenge, typed);
        if (checked instanceof SignInCodes.SignedIn signedIn) {
            sessions.open(signedIn.customer(), signedIn.address(), request, response);
            return "redirect:" + HOME;
        }
        SignInCodes.Refused refused = (SignInCodes.Refused) checked;
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("failure", refused.failure().name().toLowerCase(Locale.ROOT));
        model.addAttribute("attemptsLeft", refused.attemptsLeft());
        return refused.failure() == SignInCodes.Failure.WRONG ? "portal/my-code" : "portal/my-sign-in";
    }

    @PostMapping(HOME + "/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(request, response);
        return "redirect:" + HOME + "?done=out";
    }

    @GetMapping(HOME + "/requests/{id}")
    String request(@PathVariable String id, @RequestParam(required = false) String done, HttpServletRequest request, Model model) {
        Optional<PortalSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return "redirect:" + HOME;
        }
        model.addAttribute("done", done);
        return showRequest(session.get(), uuid(id).orElseThrow(() -> new ConversationNotFound(id)), model);
    }

    /** The request page: one of the signed-in customer's conversations (404 for anyone else's), its messages and the customer. */
    private String showRequest(PortalSessions.Session session, UUID conversationId, Model model) {
        Conversation c = self.request(session.customer(), conversationId);
        model.addAttribute("conversation", c);
        model.addAttribute("messages", self.messages(c));
        model.addAttribute("customer", self.customer(session.customer()));
        return "portal/my-request";
    }

    @PostMapping(HOME + "/requests/{id}/answer")
    String answer(@PathVariable String id, HttpServletRequest request, Locale locale, Model model, HttpServletResponse response) {
        Optional<PortalSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return "redirect:" + HOME;
        }
        UUID conversationId = uuid(id).orElseThrow(() -> new ConversationNotFound(id));
        String text = raw(request, "text", true);
        if (text == null || text.isBlank()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "selfservice.request.answer.empty");
            return showRequest(session.get(), conversationId, model);
        }
        Receipt receipt;
        try {
            receipt = self.answer(session.get().customer(), session.get().address(), conversationId, text, PortalController.language(locale));
        } catch (InboundRejected e) {
            // As the contact form: the answer was not taken, and the customer is told so, their text still in the box.
            response.setStatus(e.badInput() ? HttpStatus.BAD_REQUEST.value() : HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("error", e.badInput() ? "kb.portal.contact.invalid" : "kb.portal.contact.failed");
            model.addAttribute("answerText", text);
            return showRequest(session.get(), conversationId, model);
        }
        // Shown where the answer landed: the pipeline may have threaded it into another of their requests.
        return "redirect:" + HOME + "/requests/" + receipt.conversationId() + "?done=answered#answer";
    }

    @PostMapping(HOME + "/offers/{campaignId}")
    String offer(@PathVariable String campaignId, @RequestParam(defaultValue = "") String answer, HttpServletRequest request) {
        Optional<PortalSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return "redirect:" + HOME;
        }
        if (!answer.equals("accept") && !answer.equals("decline")) {
            throw new InvalidInput("answer", "an offer is accepted or declined");
        }
        UUID campaign = uuid(campaignId).orElseThrow(() -> new InvalidInput("campaignId", "not a campaign id"));
        OfferAnswers.Outcome outcome = self.answerOffer(session.get().customer(), campaign, answer.equals("accept"));
        String done = outcome != OfferAnswers.Outcome.RECORDED ? "answered" : answer.equals("accept") ? "accepted" : "declined";
        return "redirect:" + HOME + "?done=" + done + "#offers";
    }

    @PostMapping(HOME + "/consents")
    String consent(@RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String purpose,
                   @RequestParam(defaultValue = "") String granted, HttpServletRequest request) {
        Optional<PortalSessions.Session> session = sessions.current(request);
        if (session.isEmpty()) {
            return "redirect:" + HOME;
        }
        if (!granted.equals("yes") && !granted.equals("no")) {
            throw new InvalidInput("granted", "a consent is given (yes) or withdrawn (no)");
        }
        self.changeConsent(session.get().customer(), channel, purpose, granted.equals("yes"));
        return "redirect:" + HOME + "?done=consent#consents";
    }

    private static String tooMany(HttpServletResponse response, Model model, java.time.Duration wait, String view) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        PortalProblems.retryAfter(response, wait);
        model.addAttribute("error", "selfservice.signIn.tooMany");
        return view;
    }

    /**
     * A parameter as the customer sent it, before the pages' cleaning removed control characters:
     * one with a NUL or another control character, or too long, is refused (a 400 page), not
     * silently changed into another value.
     */
    private static String raw(HttpServletRequest request, String name, boolean freeText) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return TextInput.check(name, inner.getParameter(name), freeText);
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return value == null || value.length() != 36 ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
