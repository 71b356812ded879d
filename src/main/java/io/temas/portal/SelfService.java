package io.temas.portal;

import io.temas.campaigns.Consents;
import io.temas.campaigns.CustomerCampaigns;
import io.temas.campaigns.OfferAnswers;
import io.temas.campaigns.Purpose;
import io.temas.campaigns.ResponseKind;
import io.temas.channels.Channels;
import io.temas.channels.HtmlSanitiser;
import io.temas.channels.InboundMessage;
import io.temas.channels.InboundSink;
import io.temas.channels.Receipt;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationNotFound;
import io.temas.conversations.Conversations;
import io.temas.conversations.Message;
import io.temas.customers.Customer;
import io.temas.customers.CustomerId;
import io.temas.customers.Customers;
import io.temas.shared.ChannelType;
import io.temas.shared.Identifier;
import io.temas.shared.InvalidInput;
import io.temas.shared.Language;
import io.temas.shared.TextInput;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a signed-in customer sees and does on their own page: their requests (conversations, following
 * merges) with what was said to them and by them, never internal notes; their answer to a request,
 * which enters the inbound pipeline as a web-form message like the contact form's, raw first; their
 * offers, answered as campaign responses; their consents, changed with source {@code portal}.
 * Another customer's request is not found, never forbidden: its existence is not theirs to learn.
 */
@Service
class SelfService {

    private static final Logger log = LoggerFactory.getLogger(SelfService.class);

    /** The longest answer, as the contact form's. */
    static final int ANSWER_LIMIT = 20_000;
    /** Message kinds the customer was sent or sent: their messages, the agents' replies, automatic replies and notices. */
    private static final Set<String> VISIBLE = Set.of("message", "ack", "notice", "transcript");
    static final String SOURCE = "portal";
    private static final List<ChannelType> CONSENT_CHANNELS = List.of(ChannelType.EMAIL, ChannelType.SMS, ChannelType.VOICE);

    /** One consent as the page shows it: null when the customer never said. */
    record ConsentLine(ChannelType channel, Purpose purpose, Boolean granted) {
    }

    private final Customers customers;
    private final Conversations conversations;
    private final InboundSink inbound;
    private final CustomerCampaigns campaigns;
    private final OfferAnswers answers;
    private final Consents consents;
    private final Channels channels;
    private final PortalSettings settings;
    private final Clock clock;

    SelfService(Customers customers, Conversations conversations, InboundSink inbound, CustomerCampaigns campaigns, OfferAnswers answers,
                Consents consents, Channels channels, PortalSettings settings, Clock clock) {
        this.customers = customers;
        this.conversations = conversations;
        this.inbound = inbound;
        this.campaigns = campaigns;
        this.answers = answers;
        this.consents = consents;
        this.channels = channels;
        this.settings = settings;
        this.clock = clock;
    }

    /** The customer as they are now (a merge after sign-in leads to the survivor). */
    Customer customer(CustomerId id) {
        return customers.current(id);
    }

    /** How many requests one page of "your requests" lists. */
    static final int REQUESTS_PAGE = 20;

    /**
     * Their requests, latest activity first, a page at a time: the first page, or the one after {@code after} (the
     * cursor the page before answered; another customer's cursor still lists only their own).
     * @throws io.temas.shared.InvalidInput for an {@code after} that is not a cursor
     */
    Conversations.Page requests(CustomerId id, String after) {
        UUID customer = customers.current(id).id().value();
        return conversations.page(new Conversations.Filter(customer, null, null, null, null), after, REQUESTS_PAGE);
    }

    /** One of their requests. @throws ConversationNotFound for one that is not theirs, or none */
    Conversation request(CustomerId id, UUID conversationId) {
        UUID customer = customers.current(id).id().value();
        Conversation c = conversations.get(conversationId);
        if (!customer.equals(c.customerId())) {
            throw new ConversationNotFound(conversationId);
        }
        return c;
    }

    /**
     * One message as the customer reads it: theirs or the team's (a person's reply or an automatic one), and its body as
     * sanitised HTML (again, as it is shown: whatever stored it) or else plain text.
     */
    record Line(Message message, boolean fromCustomer, boolean automatic, String html) {
    }

    /** What the customer was sent or sent on the request, oldest first; internal notes never. */
    List<Line> messages(Conversation c) {
        return conversations.messages(c.id()).stream().filter(m -> VISIBLE.contains(m.kind()))
                .map(m -> new Line(m, m.direction() == Message.Direction.INBOUND,
                        m.direction() == Message.Direction.OUTBOUND && !"message".equals(m.kind()),
                        m.html() == null || m.html().isBlank() ? null : HtmlSanitiser.sanitise(m.html())))
                .toList();
    }

    /**
     * The customer's answer to one of their requests: a web-form message on the help centre's
     * contact entry point from the address they signed in with, whose subject names the request,
     * so the pipeline stores it raw, threads it into that request (its sender is the request's
     * customer) and routes and acknowledges it like any other message.
     */
    Receipt answer(CustomerId id, String address, UUID conversationId, String text, Language language) {
        Conversation c = request(id, conversationId);
        String clean = TextInput.check("text", text, true);
        if (clean == null || clean.isBlank()) {
            throw new InvalidInput("text", "an answer needs text");
        }
        if (clean.length() > ANSWER_LIMIT) {
            throw new InvalidInput("text", "an answer is at most " + ANSWER_LIMIT + " characters");
        }
        Customer customer = customers.current(id);
        Identifier identifier = address.contains("@") ? Identifier.email(address) : Identifier.phone(address);
        String subject = "[#" + c.reference() + "] " + (c.subject() == null ? "" : c.subject());
        byte[] raw = ("portal-answer\nconversation=" + c.id() + "\nreference=" + c.reference() + "\naddress=" + address + "\n\n" + clean)
                .getBytes(StandardCharsets.UTF_8);
        InboundMessage message = new InboundMessage(ChannelType.WEBFORM, settings.contactEntryPoint(), "portal-answer-" + UUID.randomUUID(),
                new InboundMessage.Sender(customer.displayName(), List.of(identifier), address), subject.strip(), clean.strip(), null,
                language, clock.instant(), null, null, null, new InboundMessage.RawPayload("text/plain; charset=utf-8", raw));
        Receipt receipt = inbound.receive(message);
        if (!c.id().equals(receipt.conversationId())) {
            log.warn("An answer from the help centre to {} was threaded into {}", c.reference(), receipt.conversationId());
        }
        return receipt;
    }

    /** Offers to show: running now and meant for them, or any they were contacted for or answered. */
    List<CustomerCampaigns.Offer> offers(CustomerId id) {
        return campaigns.forCustomer(id).stream()
                .filter(o -> o.runningNow() && o.qualifies() || !o.contacts().isEmpty() || o.answered())
                .toList();
    }

    OfferAnswers.Outcome answerOffer(CustomerId id, UUID campaignId, boolean accept) {
        return answers.answer(id, campaignId, accept ? ResponseKind.ACCEPTED : ResponseKind.DECLINED);
    }

    /** The channels a company contacts people on of its own accord: mail, text messages and calls (a dialer's). */
    private List<ChannelType> consentChannels() {
        return CONSENT_CHANNELS.stream().filter(channels::knows).toList();
    }

    /** Each channel the company may contact the customer on, for each purpose, with the latest word on it. */
    List<ConsentLine> consents(CustomerId id) {
        UUID customer = customers.current(id).id().value();
        return consentChannels().stream()
                .flatMap(channel -> java.util.Arrays.stream(Purpose.values())
                        .map(purpose -> new ConsentLine(channel, purpose, consents.state(customer, null, channel, purpose))))
                .toList();
    }

    /** Records the customer's word on a channel and purpose, with source {@code portal}. */
    @Transactional
    void changeConsent(CustomerId id, String channelCode, String purposeCode, boolean granted) {
        CustomerId customer = customers.current(id).id();
        ChannelType channel = consentChannels().stream().filter(t -> t.code().equals(channelCode)).findFirst()
                .orElseThrow(() -> new InvalidInput("channel", "not a channel consents are kept for"));
        consents.record(customer, null, channel, Purpose.of(purposeCode), granted, SOURCE, clock.instant());
    }
}
