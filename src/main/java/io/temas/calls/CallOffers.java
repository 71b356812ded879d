package io.temas.calls;

import io.temas.conversations.Conversation;
import io.temas.inbound.AckAddition;
import io.temas.routing.RoutingRule;
import io.temas.routing.RoutingRules;
import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Money matters to the phone: a conversation a routing rule that offers a call took gets, in its
 * acknowledgement, the offer of a callback at a time the customer chooses, with a link to the
 * portal's booking page. Chats get the offer from the chat itself, calls need none.
 */
@Component
class CallOffers implements AckAddition {

    private final RoutingRules rules;
    private final MessageSource messages;
    private final String publicUrl;

    CallOffers(RoutingRules rules, MessageSource messages, @Value("${temas.public-url:http://localhost:8080}") String publicUrl) {
        this.rules = rules;
        this.messages = messages;
        this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    /** Whether the rule of this name offers a call. */
    boolean offers(String ruleName) {
        return ruleName != null && rules.all().stream().filter(RoutingRule::enabled).anyMatch(r -> r.name().equals(ruleName) && r.offerCall());
    }

    @Override
    public Optional<String> paragraph(Conversation conversation, ChannelType channel, Language language) {
        if (ChannelType.CHAT.equals(channel) || ChannelType.VOICE.equals(channel) || !offers(conversation.routingRule())) {
            return Optional.empty();
        }
        String link = publicUrl + "/portal/callback?ref=" + URLEncoder.encode(conversation.reference(), StandardCharsets.UTF_8)
                + "&lang=" + language.code();
        String key = ChannelType.EMAIL.equals(channel) || ChannelType.WEBFORM.equals(channel) ? "calls.offer.letter" : "calls.offer.short";
        return Optional.of(messages.getMessage(key, new Object[] {link}, language.locale()));
    }
}
